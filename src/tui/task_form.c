/* The form of the tasks pane: a new task, or an edit of one saved field by
 * field (what someone else changed meanwhile and the user left alone stays
 * theirs; a field both changed is asked about: ask_merge).  Read, checked
 * (access), shown (form_run), saved. */
#include "tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/history.h"
#include "muster/merge.h"

/* "#7 Choose bait product (done), #9 Gift quote (todo)"; true when one of
 * them is not done yet (the task waits for it). */
static bool deps_text(struct app *a, const char *depends, struct strbuf *out)
{
	bool open = false;
	for (const char *d = depends; d && *d;) {
		long long id = strtoll(d, NULL, 10);
		struct task dt;
		struct pool pool = {0};
		if (id > 0 && task_get(a->b, id, &dt, &pool) == MU_OK) {
			char tt[128];
			if (out)
				sb_addf(out, "%s#%lld %s (%s)", out->len ? ", " : "", id, text_cut(tt, sizeof tt, dt.title, 24),
					task_status_name(dt.status));
			open |= dt.status != TASK_DONE;
		}
		pool_free(&pool);
		d += strcspn(d, ",");
		d += *d == ',';
	}
	return open;
}

static const char *or_null(const struct form_field *f) { return f->changed ? f->text : NULL; }

/* Save an edit field by field: what the user changed is written, what
 * someone else changed meanwhile and the user left alone stays theirs;
 * a field both changed is asked about (keep mine / keep theirs). */
static unsigned save_edit(struct app *a, int64_t id, const struct task_fields *opened, struct task_fields mine)
{
	struct task_fields base = *opened;
	struct merge m[4] = {{.n = 0}};
	int rc = MU_OK, round = 0;
	bool cancelled = false;
	for (; round < 4; round++) {
		rc = task_edit_merge(a->b, id, &base, &mine, &m[round]);
		if (rc != MU_CONFLICT)
			break;
		char what[32];
		snprintf(what, sizeof what, "task #%lld", (long long)id);
		if (!ask_merge(a, what, &m[round])) {
			cancelled = true;
			break;
		}
		task_merge_apply(&base, &mine, &m[round]); /* points into m[round] */
	}
	unsigned d = cancelled ? (app_reload(a), DIRTY_ALL) : app_changed(a, rc, "edit");
	if (cancelled)
		app_status(a, false, "task #%lld: your edit was not saved", (long long)id);
	for (int i = 0; i < 4; i++)
		merge_free(&m[i]);
	return d;
}

/* May the actor open the form: 0, or the flags of the refusal shown; an
 * edit of another role's task may still change its notes (*notes_only). */
static unsigned may_open(struct app *a, const struct task *t, bool *notes_only)
{
	*notes_only = false;
	if (!t && !access_may_coordinate(a->b, a->event_id))
		return app_denied(a, "only coordinators add tasks");
	if (t && !access_may_task(a->b, t->id, OP_EDIT)) {
		if (!access_may_task(a->b, t->id, OP_NOTES)) {
			char m[120];
			snprintf(m, sizeof m, "you may not change task #%lld: not of your roles", (long long)t->id);
			return app_denied(a, m);
		}
		*notes_only = true;
	}
	return 0;
}

/* What an edit opens with: the task as it is now (the pane's row may be up
 * to a refresh old), kept apart from the pane's rows (a redraw while the
 * form is open may read them again) in *opened (strings in pool), and in
 * the fields; its dependencies in a seventh (*nf = 7).  False when it
 * cannot be read. */
static bool fill_edit(struct app *a, int64_t id, struct form_field *f, int *nf, struct task_fields *opened,
		      struct pool *pool)
{
	struct task t;
	if (task_get(a->b, id, &t, pool) != MU_OK)
		return false;
	*opened = (struct task_fields){
		.title = pool_strdup(pool, t.title), .owner = pool_strdup(pool, t.owner),
		.due = pool_strdup(pool, t.due), .phase = pool_strdup(pool, t.phase_key),
		.role = pool_strdup(pool, t.role_key), .notes = pool_strdup(pool, t.notes ? t.notes : ""),
	};
	form_set(&f[0], "%s", opened->title);
	form_set(&f[1], "%s", opened->owner);
	form_set(&f[2], "%s", opened->due);
	form_set(&f[3], "%s", opened->phase);
	form_set(&f[4], "%s", opened->role);
	form_set(&f[5], "%s", opened->notes);
	if (t.depends && *t.depends) {
		struct strbuf d = STRBUF_INIT;
		deps_text(a, t.depends, &d);
		form_set(&f[6], "%s", sb_str(&d));
		sb_free(&d);
		*nf = 7;
	}
	return true;
}

/* A new task from the fields; the pane shows it where it goes, last. */
static unsigned save_new(struct app *a, struct pane *p, const struct form_field *f)
{
	struct task_fields tf = {
		.title = f[0].text, .owner = f[1].text, .due = f[2].text,
		.phase = f[3].text && *f[3].text ? f[3].text : NULL,
		.role = f[4].text && *f[4].text ? f[4].text : NULL, .notes = f[5].text,
	};
	int64_t nid = 0;
	unsigned d = app_changed(a, task_add(a->b, a->event_id, &tf, &nid), "add");
	if (nid) { /* new tasks go last: show it there */
		p->sel_id = nid;
		p->cur = p->total;
		p->top = p->total - p->in.h + 1;
		app_status(a, false, "added #%lld", (long long)nid);
	}
	return d;
}

unsigned task_form(struct app *a, struct pane *p, const struct task *t, int role, bool mine)
{
	struct form_field f[] = {
		{.label = "Title", .kind = FIELD_TEXT, .required = true},
		{.label = "Owner", .kind = FIELD_OWNER, .max = BOARD_NAME_MAX},
		{.label = "Due", .kind = FIELD_DATE},
		{.label = "Phase", .kind = FIELD_PHASE},
		{.label = "Role", .kind = FIELD_ROLE},
		{.label = "Notes", .kind = FIELD_TEXT, .multiline = true, .max = BOARD_NOTES_MAX},
		{.label = "Needs", .kind = FIELD_INFO},
	};
	int nf = 6;
	bool notes_only;
	unsigned d = may_open(a, t, &notes_only);
	if (d)
		return d;
	for (int i = 0; notes_only && i < 5; i++)
		f[i].kind = FIELD_INFO;
	struct pool pool = {0};
	struct task_fields opened = {0};
	int64_t id = t ? t->id : 0;
	if (t && !fill_edit(a, id, f, &nf, &opened, &pool)) {
		form_free(f, 7);
		pool_free(&pool);
		return app_fail(a, "edit");
	}
	if (!t && role >= 0 && (size_t)role < a->roles.n)
		form_set(&f[4], "%s", a->roles.v[role].key);
	if (!t && mine)
		form_set(&f[1], "%s", board_actor(a->b));
	char ttl[64];
	snprintf(ttl, sizeof ttl, t ? notes_only ? "Task #%lld · notes" : "Edit task #%lld" : "New task",
		 (long long)id);
	d = DIRTY_ALL;
	if (!form_run(a, ttl, f, nf)) {
		/* cancelled */
	} else if (t) {
		struct task_fields mf = {
			.title = or_null(&f[0]), .owner = or_null(&f[1]), .due = or_null(&f[2]),
			.phase = or_null(&f[3]), .role = or_null(&f[4]), .notes = or_null(&f[5]),
		};
		d = save_edit(a, id, &opened, mf);
	} else {
		d = save_new(a, p, f);
	}
	form_free(f, 7);
	pool_free(&pool);
	return d;
}
