/* Editing a task: the fields given (the CLI), or field by field against
 * what the edit form opened with (muster/merge.h), one audited transaction
 * whose audit row holds exactly the fields written. */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/history.h"
#include "muster/merge.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/task.h"

/* The fields of an edit by their audit names (the keys of model_task_snap). */
enum { TF_TITLE, TF_OWNER, TF_DUE, TF_PHASE, TF_ROLE, TF_NOTES, TF_N };
static const char *const tf_names[TF_N] = {"title", "owner", "due", "phase", "role", "notes"};

static void tf_split(const struct task_fields *f, const char *v[TF_N])
{
	v[TF_TITLE] = f->title, v[TF_OWNER] = f->owner, v[TF_DUE] = f->due;
	v[TF_PHASE] = f->phase, v[TF_ROLE] = f->role, v[TF_NOTES] = f->notes;
}

static struct task_fields tf_join(const char *const v[TF_N])
{
	return (struct task_fields){.title = v[TF_TITLE], .owner = v[TF_OWNER], .notes = v[TF_NOTES],
				    .due = v[TF_DUE], .role = v[TF_ROLE], .phase = v[TF_PHASE]};
}

/* Which fields of mine to write: with a base (the form's), only those the
 * user changed, unless someone else changed them too (MU_CONFLICT, *m);
 * without, every one given.  Inside the transaction. */
static int fields_to_write(struct board *b, int64_t id, const struct task_fields *base,
			   const struct task_fields *mine, struct merge *m, bool write[TF_N])
{
	const char *v[TF_N];
	tf_split(mine, v);
	if (!base) {
		for (int i = 0; i < TF_N; i++)
			write[i] = v[i] != NULL;
		return MU_OK;
	}
	struct task t;
	struct pool pool = {0};
	int rc = task_get(b, id, &t, &pool);
	if (!rc) {
		const char *bv[TF_N], *cur[TF_N] = {t.title, t.owner, t.due, t.phase_key, t.role_key, t.notes};
		tf_split(base, bv);
		rc = model_merge(b, "task", id, TF_N, tf_names, bv, v, cur, write, m);
	}
	pool_free(&pool);
	return rc;
}

/* expected: the updated_at the caller read (NULL = do not compare); base:
 * merge against what the form opened with (NULL = write what is given). */
static int edit_task(struct board *b, int64_t id, const struct task_fields *given, const char *expected,
		     struct conflict *conflict, const struct task_fields *base, struct merge *m)
{
	static const char *sql_updated = "SELECT updated_at FROM task WHERE id = ?1";
	static const char *sql =
		"UPDATE task SET title = coalesce(?2, title), owner = coalesce(?3, owner),"
		" notes = coalesce(?4, notes),"
		" due = CASE WHEN ?5 IS NULL THEN due WHEN ?5 = '' THEN NULL ELSE ?5 END,"
		" role_id = CASE ?6 WHEN 0 THEN role_id WHEN -1 THEN NULL ELSE ?6 END,"
		" phase_id = CASE ?7 WHEN 0 THEN phase_id WHEN -1 THEN NULL ELSE ?7 END,"
		" updated_at = " DB_NOW " WHERE id = ?1";
	struct change c;
	int64_t role, phase;
	bool write[TF_N];
	int rc = db_change_begin(b, &c, "task", "edit", model_task_snap, id);
	if (rc)
		return rc;
	if ((rc = fields_to_write(b, id, base, given, m, write)))
		return db_change_end(b, &c, rc);
	const char *v[TF_N];
	tf_split(given, v);
	for (int i = 0; i < TF_N; i++)
		v[i] = write[i] ? v[i] : NULL;
	struct task_fields w = tf_join(v);
	const struct task_fields *f = &w;
	char *keys = model_merge_keys(TF_N, tf_names, write);
	c.keys = keys; /* the audit row holds exactly the fields written */
	bool notes_only = !f->title && !f->owner && !f->due && !f->role && !f->phase;
	rc = model_allow_task(b, id, notes_only ? OP_NOTES : OP_EDIT);
	if (!rc && expected)
		rc = model_unchanged(b, "task", sql_updated, id, expected, conflict);
	if (!rc)
		rc = model_task_check(b, c.event, f, &role, &phase);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, f->title);
		db_bind_text(st, 3, f->owner);
		db_bind_text(st, 4, f->notes);
		db_bind_text(st, 5, f->due);
		sqlite3_bind_int64(st, 6, role);
		sqlite3_bind_int64(st, 7, phase);
		rc = db_exec_stmt(b, st);
	}
	rc = db_change_end(b, &c, rc);
	free(keys);
	return rc;
}

int task_edit(struct board *b, int64_t id, const struct task_fields *f)
{
	return edit_task(b, id, f, NULL, NULL, NULL, NULL);
}

int task_edit_merge(struct board *b, int64_t id, const struct task_fields *base, const struct task_fields *mine,
		    struct merge *m)
{
	return edit_task(b, id, mine, NULL, NULL, base, m);
}

void task_merge_apply(struct task_fields *base, struct task_fields *mine, const struct merge *m)
{
	const char *bv[TF_N], *mv[TF_N];
	tf_split(base, bv);
	tf_split(mine, mv);
	for (int k = 0; k < m->n; k++)
		for (int i = 0; i < TF_N; i++)
			if (!strcmp(m->f[k].name, tf_names[i])) {
				bv[i] = m->f[k].theirs; /* the base is now what is there */
				mv[i] = m->f[k].keep_mine ? m->f[k].mine : NULL;
			}
	*base = tf_join(bv);
	*mine = tf_join(mv);
}

int task_edit_if(struct board *b, int64_t id, const struct task_fields *f, const char *expected_updated_at,
		 struct conflict *conflict)
{
	if (conflict)
		memset(conflict, 0, sizeof *conflict);
	return edit_task(b, id, f, expected_updated_at ? expected_updated_at : "", conflict, NULL, NULL);
}

