/* The node tree → a checked struct plan, section by section, and the entry
 * points plan_parse_buffer, plan_parse_file and plan_free. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/board.h"
#include "muster/date.h"
#include "plan_int.h"

/* The block a plan_free()d array is: NULL when empty. */
static void *array(size_t n, size_t size) { return n ? xcalloc(n, size) : NULL; }

/* A required name or title, no longer than the board takes. */
static int get_title(struct ctx *c, const struct ynode *map, const struct ynode *v, const char *field,
		     const char *what, char **out)
{
	if (pl_get_required(c, map, v, field, what, out))
		return MU_DATA;
	size_t n = strlen(*out);
	if (n > BOARD_TITLE_MAX)
		return nerr(c, v, "%s of %s is too long (%zu bytes; at most %d)", field, what, n, BOARD_TITLE_MAX);
	return 0;
}

static int parse_event(struct ctx *c, const struct ynode *ev, const char *start_arg,
		       const struct ynode *root)
{
	static const char *const keys[] = {"name", "kind", "objective", "start", "end", "budget", "currency", NULL};
	static const char *const kinds[] = {"user", "promotion", "brand", NULL};
	const struct ynode *v[8];
	struct plan *p = c->p;
	int32_t old = DATE_NONE, arg = DATE_NONE, end;

	if (!ev)
		return nerr(c, root, "missing event: a plan needs an event with a name");
	if (ydoc_is_null(ev))
		return nerr(c, ev, "event needs a name");
	if (pl_fields(c, ev, "event", keys, v) || get_title(c, ev, v[0], "name", "event", &p->name) ||
	    pl_get_enum(c, v[1], "kind", kinds, "user, promotion or brand", &p->kind) ||
	    pl_get_str(c, v[2], "objective", true, &p->objective) ||
	    pl_get_num(c, v[5], "budget", false, &p->budget) ||
	    pl_get_str(c, v[6], "currency", false, &p->currency))
		return MU_DATA;
	if (!ydoc_is_null(v[3])) {
		if (pl_need_scalar(c, v[3], "start"))
			return MU_DATA;
		if (!date_parse_iso(v[3]->s, &old))
			return nerr(c, v[3], date_parse_rel(v[3]->s, &old)
						     ? "event start must be a date like 2026-09-01, not relative"
						     : "expected a date like 2026-09-01");
	}
	if (start_arg && !date_parse_iso(start_arg, &arg))
		return mu_fail(MU_USAGE, "invalid start date \"%s\": expected a date like 2026-09-01",
			       ydoc_clip(start_arg).s);
	c->start = arg != DATE_NONE ? arg : old;
	c->shift = arg != DATE_NONE && old != DATE_NONE ? arg - old : 0;
	if (c->start != DATE_NONE)
		date_format(c->start, p->start);
	if (pl_get_date(c, v[4], "end", p->end))
		return MU_DATA;
	if (p->start[0] && p->end[0] && date_parse_iso(p->end, &end) && end < c->start)
		return nerr(c, v[4], "event ends before it starts (%s)", p->start);
	return 0;
}

static int parse_roles(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"key", "name", NULL};
	const struct ynode *it, *v[2];
	struct plan *p = c->p;
	if (pl_get_seq(c, list, "roles", &it, &p->nroles))
		return MU_DATA;
	p->roles = array(p->nroles, sizeof *p->roles);
	ix->roles.v = xcalloc(p->nroles, sizeof *ix->roles.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_role *r = &p->roles[i];
		if (pl_fields(c, it, "role", keys, v) || pl_get_required(c, it, v[0], "key", "role", &r->key) ||
		    pl_get_str(c, v[1], "name", false, &r->name))
			return MU_DATA;
		pl_kindex_add(&ix->roles, r->key, i, v[0]);
	}
	return pl_kindex_sort(c, &ix->roles, "role key");
}

static int parse_people(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"login", "name", "roles", "access", NULL};
	static const char *const access[] = {"coordinator", "staff", "viewer", NULL};
	const struct ynode *it, *v[4], *rk;
	struct plan *p = c->p;
	if (pl_get_seq(c, list, "people", &it, &p->npeople))
		return MU_DATA;
	p->people = array(p->npeople, sizeof *p->people);
	ix->people.v = xcalloc(p->npeople, sizeof *ix->people.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_person *h = &p->people[i];
		if (pl_fields(c, it, "person", keys, v) ||
		    pl_get_required(c, it, v[0], "login", "person", &h->login) ||
		    pl_get_str(c, v[1], "name", false, &h->name) ||
		    pl_get_enum(c, v[3], "access", access, "coordinator, staff or viewer", &h->access) ||
		    pl_get_seq(c, v[2], "roles", &rk, &h->nroles))
			return MU_DATA;
		if (!h->access)
			h->access = pool_strdup(&p->pool, "staff");
		h->roles = array(h->nroles, sizeof *h->roles);
		for (size_t j = 0; rk; rk = rk->next, j++)
			if (pl_get_required(c, rk, rk, "role key", "person", &h->roles[j]) ||
			    pl_check_ref(c, &ix->roles, rk, h->roles[j], "role", "roles"))
				return MU_DATA;
		pl_kindex_add(&ix->people, h->login, i, v[0]);
	}
	return pl_kindex_sort(c, &ix->people, "login");
}

static int parse_phases(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"key", "name", "start", "end", NULL};
	const struct ynode *it, *v[4];
	struct plan *p = c->p;
	if (pl_get_seq(c, list, "phases", &it, &p->nphases))
		return MU_DATA;
	p->phases = array(p->nphases, sizeof *p->phases);
	ix->phases.v = xcalloc(p->nphases, sizeof *ix->phases.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_phase *f = &p->phases[i];
		int32_t a, b;
		if (pl_fields(c, it, "phase", keys, v) || pl_get_required(c, it, v[0], "key", "phase", &f->key) ||
		    pl_get_str(c, v[1], "name", false, &f->name) || pl_get_date(c, v[2], "start", f->start) ||
		    pl_get_date(c, v[3], "end", f->end))
			return MU_DATA;
		if (f->start[0] && f->end[0] && date_parse_iso(f->start, &a) &&
		    date_parse_iso(f->end, &b) && b < a)
			return nerr(c, v[3], "phase %s ends before it starts (%s)", ydoc_clip(f->key).s,
				    f->start);
		pl_kindex_add(&ix->phases, f->key, i, v[0]);
	}
	return pl_kindex_sort(c, &ix->phases, "phase key");
}

static int parse_tasks(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"title", "phase", "role", "owner", "due", "status", "notes", "depends",
					   "key", NULL};
	static const char *const status[] = {"todo", "doing", "blocked", "done", NULL};
	const struct ynode *it, *v[9];
	struct plan *p = c->p;
	if (pl_get_seq(c, list, "tasks", &it, &p->ntasks))
		return MU_DATA;
	p->tasks = array(p->ntasks, sizeof *p->tasks);
	ix->tasks.v = xcalloc(p->ntasks, sizeof *ix->tasks.v);
	ix->tkeys.v = xcalloc(p->ntasks, sizeof *ix->tkeys.v);
	ix->strays.v = xcalloc(p->ntasks, sizeof *ix->strays.v);
	c->depends = xcalloc(p->ntasks, sizeof *c->depends);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_task *t = &p->tasks[i];
		const struct ynode *d;
		size_t nd;
		if (pl_fields(c, it, "task", keys, v) || get_title(c, it, v[0], "title", "task", &t->title) ||
		    pl_get_str(c, v[1], "phase", false, &t->phase) ||
		    pl_check_ref(c, &ix->phases, v[1], t->phase, "phase", "phases") ||
		    pl_get_str(c, v[2], "role", false, &t->role) ||
		    pl_check_ref(c, &ix->roles, v[2], t->role, "role", "roles") ||
		    pl_get_str(c, v[3], "owner", false, &t->owner) ||
		    pl_get_date(c, v[4], "due", t->due) ||
		    pl_get_enum(c, v[5], "status", status, "todo, doing, blocked or done", &t->status) ||
		    pl_get_str(c, v[6], "notes", true, &t->notes) || pl_get_seq(c, v[7], "depends", &d, &nd) ||
		    pl_get_str(c, v[8], "key", false, &t->key))
			return MU_DATA;
		if (t->key)
			pl_kindex_add(&ix->tkeys, t->key, i, v[8]);
		c->depends[i] = nd ? v[7] : NULL;
		pl_kindex_add(&ix->tasks, t->title, i, v[0]);
		if (p->npeople && t->owner && !pl_kindex_find(&ix->people, t->owner, NULL))
			pl_kindex_add(&ix->strays, t->owner, i, v[3]);
	}
	/* one warning per missing owner, at its first task */
	pl_kindex_sort(c, &ix->strays, NULL);
	for (size_t j = 0; j < ix->strays.n; j++)
		if (!j || strcmp(ix->strays.v[j].k, ix->strays.v[j - 1].k))
			pl_warn(c, ix->strays.v[j].node->line, ix->strays.v[j].node->col,
			      "owner \"%s\" is not among people", ydoc_clip(ix->strays.v[j].k).s);
	if (pl_kindex_sort(c, &ix->tkeys, "task key"))
		return MU_DATA;
	return pl_kindex_sort(c, &ix->tasks, NULL);
}

static int parse_checklists(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"name", "role", "items", NULL};
	static const char *const ikeys[] = {"title", "qty", "unit", "due", "ready", "done", "done_by",
					    "done_at", NULL};
	const struct ynode *it, *v[3], *w[8], *item;
	struct plan *p = c->p;
	if (pl_get_seq(c, list, "checklists", &it, &p->nchecklists))
		return MU_DATA;
	p->checklists = array(p->nchecklists, sizeof *p->checklists);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_checklist *l = &p->checklists[i];
		if (pl_fields(c, it, "checklist", keys, v) ||
		    pl_get_required(c, it, v[0], "name", "checklist", &l->name) ||
		    pl_get_str(c, v[1], "role", false, &l->role) ||
		    pl_check_ref(c, &ix->roles, v[1], l->role, "role", "roles") ||
		    pl_get_seq(c, v[2], "items", &item, &l->nitems))
			return MU_DATA;
		l->items = array(l->nitems, sizeof *l->items);
		for (size_t j = 0; item; item = item->next, j++) {
			struct plan_item *m = &l->items[j];
			if (pl_fields(c, item, "item", ikeys, w) ||
			    get_title(c, item, w[0], "title", "item", &m->title) ||
			    pl_get_int(c, w[1], "qty", 1, &m->qty) || pl_get_str(c, w[2], "unit", false, &m->unit) ||
			    pl_get_date(c, w[3], "due", m->due) || pl_get_int(c, w[4], "ready", 0, &m->ready) ||
			    pl_get_bool(c, w[5], "done", &m->done) ||
			    pl_get_str(c, w[6], "done_by", false, &m->done_by) ||
			    pl_get_str(c, w[7], "done_at", false, &m->done_at))
				return MU_DATA;
		}
	}
	return 0;
}

static int parse_metrics(struct ctx *c, const struct ynode *m)
{
	static const char *const keys[] = {"unit_price", "ctr", "cpm", "funnel", "budget", NULL};
	static const char *const skeys[] = {"stage", "target", "rate", "actual", NULL};
	static const char *const bkeys[] = {"line", "planned", "spent", NULL};
	const struct ynode *v[5], *w[4], *it;
	struct plan *p = c->p;
	struct kindex ix = {NULL, 0};
	int rc = MU_DATA;
	if (ydoc_is_null(m))
		return 0;
	if (pl_fields(c, m, "metrics", keys, v) || pl_get_num(c, v[0], "unit_price", false, &p->unit_price) ||
	    pl_get_num(c, v[1], "ctr", true, &p->ctr) || pl_get_num(c, v[2], "cpm", false, &p->cpm) ||
	    pl_get_seq(c, v[3], "funnel", &it, &p->nstages))
		return MU_DATA;
	p->stages = array(p->nstages, sizeof *p->stages);
	ix.v = xcalloc(p->nstages, sizeof *ix.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_stage *s = &p->stages[i];
		if (pl_fields(c, it, "funnel stage", skeys, w) ||
		    pl_get_required(c, it, w[0], "stage", "funnel stage", &s->name) ||
		    pl_get_num(c, w[1], "target", false, &s->target) ||
		    pl_get_num(c, w[2], "rate", true, &s->rate) ||
		    pl_get_num(c, w[3], "actual", false, &s->actual))
			goto out;
		pl_kindex_add(&ix, s->name, i, w[0]);
	}
	if (pl_kindex_sort(c, &ix, "funnel stage") || pl_get_seq(c, v[4], "budget", &it, &p->nbudget))
		goto out;
	free(ix.v);
	ix.n = 0;
	p->budget_lines = array(p->nbudget, sizeof *p->budget_lines);
	ix.v = xcalloc(p->nbudget, sizeof *ix.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_budget *b = &p->budget_lines[i];
		if (pl_fields(c, it, "budget line", bkeys, w) ||
		    pl_get_required(c, it, w[0], "line", "budget line", &b->line) ||
		    pl_get_num(c, w[1], "planned", false, &b->planned) ||
		    pl_get_num(c, w[2], "spent", false, &b->spent))
			goto out;
		pl_kindex_add(&ix, b->line, i, w[0]);
	}
	rc = pl_kindex_sort(c, &ix, "budget line");
out:
	free(ix.v);
	return rc;
}

static void plan_init(struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->budget = p->unit_price = p->ctr = p->cpm = NAN;
}

static int parse_root(struct ctx *c, const struct ynode *root, const char *start)
{
	static const char *const keys[] = {"event", "roles", "people", "phases", "tasks", "checklists", "metrics", NULL};
	const struct ynode *v[7];
	struct indexes ix;
	int rc;

	if (ydoc_is_null(root))
		return pl_err(c, 1, 1, "empty plan: expected a mapping with an event");
	if (root->kind != Y_MAP)
		return nerr(c, root, "expected a mapping with an event at the top level, not %s",
			    ydoc_kind_name(root));
	if (pl_fields(c, root, "the plan", keys, v))
		return MU_DATA;
	memset(&ix, 0, sizeof ix);
	rc = parse_event(c, v[0], start, root);
	if (!rc)
		rc = parse_roles(c, v[1], &ix);
	if (!rc)
		rc = parse_people(c, v[2], &ix);
	if (!rc)
		rc = parse_phases(c, v[3], &ix);
	if (!rc)
		rc = parse_tasks(c, v[4], &ix);
	if (!rc)
		rc = pl_resolve_depends(c, &ix);
	if (!rc)
		rc = parse_checklists(c, v[5], &ix);
	if (!rc)
		rc = parse_metrics(c, v[6]);
	pl_indexes_free(&ix);
	return rc;
}

int plan_parse_buffer(const char *name, const char *buf, size_t len, const char *start,
		      struct plan *out)
{
	static const struct ydoc_limits limits = {"plan", PLAN_MAX_DEPTH, PLAN_MAX_SCALAR, PLAN_MAX_NODES};
	struct ctx c = {.p = out};
	int rc;

	plan_init(out);
	c.start = DATE_NONE;
	name = name ? name : "plan";
	if (len > PLAN_MAX_BYTES)
		return mu_fail(MU_DATA, "%s: plan is larger than 32 MiB (%zu bytes)", name, len);
	rc = ydoc_load(&c.doc, name, buf, len, &limits);
	if (!rc)
		rc = parse_root(&c, c.doc.root, start);
	if (rc)
		plan_free(out); /* mu_fail() was called by whichever check failed */
	else
		pl_flush_warnings(&c);
	free(c.warn);
	free(c.depends);
	ydoc_free(&c.doc);
	return rc;
}

int plan_parse_file(const char *path, const char *start, struct plan *out)
{
	bool stdin_ = !strcmp(path, "-");
	const char *name = stdin_ ? "<stdin>" : path;
	int fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct strbuf b = STRBUF_INIT;
	struct stat st;
	int rc;

	plan_init(out);
	if (fd < 0)
		return mu_fail(MU_DATA, "%s: %s", name, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return mu_fail(MU_DATA, "%s: is a directory", name);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > PLAN_MAX_BYTES) {
		close(fd);
		return mu_fail(MU_DATA, "%s: plan is larger than 32 MiB (%lld bytes)", name,
			       (long long)st.st_size);
	}
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mu_fail(MU_DATA, "%s: %s", name, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		sb_addn(&b, chunk, (size_t)n);
		if (b.len > PLAN_MAX_BYTES) {
			rc = mu_fail(MU_DATA, "%s: plan is larger than 32 MiB", name);
			goto out;
		}
	}
	rc = plan_parse_buffer(name, sb_str(&b), b.len, start, out);
out:
	if (!stdin_)
		close(fd);
	sb_free(&b);
	return rc;
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->people && i < p->npeople; i++)
		free(p->people[i].roles);
	for (size_t i = 0; p->tasks && i < p->ntasks; i++)
		free(p->tasks[i].deps);
	for (size_t i = 0; p->checklists && i < p->nchecklists; i++)
		free(p->checklists[i].items);
	free(p->roles);
	free(p->people);
	free(p->phases);
	free(p->tasks);
	free(p->checklists);
	free(p->stages);
	free(p->budget_lines);
	pool_free(&p->pool);
	sb_free(&p->warnings);
	plan_init(p);
}
