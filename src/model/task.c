/* Tasks: windowed queries for lists and the screen, counts from SQL
 * aggregates, and each change as one audited transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/date.h"
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/event.h"
#include "muster/history.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/task.h"

static const char *const status_names[TASK_STATUS_N] = {"todo", "doing", "blocked", "done"};

const char *task_status_name(enum task_status s)
{
	return (unsigned)s < TASK_STATUS_N ? status_names[s] : "?";
}

int task_status_parse(const char *s, enum task_status *out)
{
	for (int i = 0; i < TASK_STATUS_N; i++) {
		if (!strcmp(s, status_names[i])) {
			*out = (enum task_status)i;
			return MU_OK;
		}
	}
	return mu_fail(MU_USAGE, "unknown status \"%s\" (expected todo, doing, blocked or done)", s);
}

/* Column 9 is "3,7 1": the ids the task depends on and how many of them are
 * not done (open_deps), from one probe of the task_dep primary key per row
 * (two subqueries cost twice that: +20% on `tasks --json` at 100k). */
#define TASK_COLS                                                                                  \
	"SELECT t.id, t.event_id, t.phase_id, t.role_id, t.title, t.owner, t.notes,"              \
	" coalesce(r.key, ''), coalesce(p.key, ''),"                                               \
	" (SELECT group_concat(d.depends_on) || ' ' || sum(o.status IS NOT 'done')"                \
	"  FROM task_dep d LEFT JOIN task o ON o.id = d.depends_on WHERE d.task_id = t.id),"        \
	" t.due, t.status, t.position, t.updated_at"                                               \
	" FROM task t LEFT JOIN role r ON r.id = t.role_id LEFT JOIN phase p ON p.id = t.phase_id "

/* The screen's hot paths get queries an index serves directly; other
 * filter combinations share one general query.  Each reads from the key
 * (?10 position, ?11 id; the ends of int64 when there is none) forwards,
 * or backwards for the reverse ones. */
#define KEY_FWD " AND (t.position, t.id) > (?10, ?11)"
#define KEY_REV " AND (t.position, t.id) < (?10, ?11)"
#define BY_ROLE "WHERE t.role_id = ?2"
#define BY_EVENT "WHERE t.event_id = ?1"
#define GENERAL                                                                                    \
	"WHERE (?1 = 0 OR t.event_id = ?1) AND (?2 = 0 OR t.role_id = ?2)"                        \
	" AND (?3 IS NULL OR t.owner = ?3) AND (?4 IS NULL OR t.status = ?4)"                    \
	" AND (?5 IS NULL OR t.title LIKE ?5 ESCAPE '\\' OR t.notes LIKE ?5 ESCAPE '\\'"         \
	"      OR t.owner LIKE ?5 ESCAPE '\\')"
#define ASC " ORDER BY t.position, t.id LIMIT ?8 OFFSET ?9"
#define DESC " ORDER BY t.position DESC, t.id DESC LIMIT ?8 OFFSET ?9"
static const char *sql_by_role = TASK_COLS BY_ROLE KEY_FWD ASC;
static const char *sql_by_role_rev = TASK_COLS BY_ROLE KEY_REV DESC;
static const char *sql_by_event = TASK_COLS BY_EVENT KEY_FWD ASC;
static const char *sql_by_event_rev = TASK_COLS BY_EVENT KEY_REV DESC;
static const char *sql_general = TASK_COLS GENERAL KEY_FWD
	" ORDER BY CASE WHEN ?6 THEN coalesce(t.due, '9999-99-99') END, t.position, t.id"
	" LIMIT ?8 OFFSET ?9";
static const char *sql_general_rev = TASK_COLS GENERAL KEY_REV DESC;
/* The timeline's "first tasks by due date" (index task_event_duepos); brief:
 * the same columns, those it does not need empty. */
#define BY_EVENT_DUE "WHERE t.event_id = ?1 ORDER BY coalesce(t.due, '9999-99-99'), t.position, t.id LIMIT ?8 OFFSET ?9"
static const char *sql_by_event_due = TASK_COLS BY_EVENT_DUE;
static const char *sql_by_event_due_brief =
	"SELECT t.id, t.event_id, t.phase_id, t.role_id, t.title, '', '', '', '', '',"
	" t.due, t.status, t.position, '' FROM task t " BY_EVENT_DUE;
/* Counts without a filter come from the tallies the triggers keep
 * (migration 4): a count(*) over 100k rows costs ~40 ms. */
static const char *sql_count_event =
	"SELECT coalesce(sum(total), 0), coalesce(sum(done), 0) FROM task_tally"
	" WHERE event_id = ?1 AND (?2 = 0 OR role_id = ?2)";
static const char *sql_count_role =
	"SELECT coalesce(sum(total), 0), coalesce(sum(done), 0) FROM task_tally WHERE (?2 = 0 OR role_id = ?2)";
static const char *sql_count_general =
	"SELECT count(*), coalesce(sum(t.status = 'done'), 0) FROM task t"
	" WHERE (?1 = 0 OR t.event_id = ?1) AND (?2 = 0 OR t.role_id = ?2)"
	" AND (?3 IS NULL OR t.owner = ?3) AND (?4 IS NULL OR t.status = ?4)"
	" AND (?5 IS NULL OR t.title LIKE ?5 ESCAPE '\\' OR t.notes LIKE ?5 ESCAPE '\\'"
	"      OR t.owner LIKE ?5 ESCAPE '\\')";

/* No owner, status or search filter (event and role are fine). */
static bool unfiltered(const struct task_query *q)
{
	return !q->owner && q->status < 0 && !(q->search && *q->search);
}

static bool simple_query(const struct task_query *q)
{
	return unfiltered(q) && q->order == TASK_ORDER_POSITION;
}

int model_task_bind_filter(sqlite3_stmt *st, const struct task_query *q)
{
	sqlite3_bind_int64(st, 1, q->event_id);
	sqlite3_bind_int64(st, 2, q->role_id);
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 3)
		db_bind_text(st, 3, q->owner);
	if (n >= 4)
		db_bind_text(st, 4, q->status >= 0 ? task_status_name((enum task_status)q->status) : NULL);
	return n;
}

static void bind_query(sqlite3_stmt *st, const struct task_query *q, char **like)
{
	int n = model_task_bind_filter(st, q);
	if (n >= 5 && q->search && *q->search) {
		*like = model_like_pattern(q->search);
		sqlite3_bind_text(st, 5, *like, -1, SQLITE_STATIC);
	}
	if (n >= 6)
		sqlite3_bind_int(st, 6, q->order == TASK_ORDER_DUE);
}

static void read_task(sqlite3_stmt *st, void *row, struct pool *pool)
{
	struct task *t = row;
	t->id = sqlite3_column_int64(st, 0);
	t->event_id = sqlite3_column_int64(st, 1);
	t->phase_id = sqlite3_column_int64(st, 2);
	t->role_id = sqlite3_column_int64(st, 3);
	t->title = pool_strdup(pool, db_col_text(st, 4));
	t->owner = pool_strdup(pool, db_col_text(st, 5));
	t->notes = pool_strdup(pool, db_col_text(st, 6));
	t->role_key = pool_strdup(pool, db_col_text(st, 7));
	t->phase_key = pool_strdup(pool, db_col_text(st, 8));
	const char *deps = db_col_text(st, 9), *sp = strrchr(deps, ' ');
	t->depends = pool_strdup(pool, deps);
	t->open_deps = 0;
	if (sp) {
		t->depends[sp - deps] = '\0';
		t->open_deps = atoi(sp + 1);
	}
	db_col_date(st, 10, t->due);
	enum task_status s = TASK_TODO;
	task_status_parse(db_col_text(st, 11), &s);
	t->status = s;
	t->position = sqlite3_column_int64(st, 12);
	t->updated_at = pool_strdup(pool, db_col_text(st, 13));
}

int task_query(struct board *b, const struct task_query *q, struct task_list *out)
{
	memset(out, 0, sizeof *out);
	bool rev = q->reverse;
	if ((rev || q->key) && q->order != TASK_ORDER_POSITION)
		return mu_fail(MU_USAGE, "reverse and keyset task queries work in position order");
	const char *sql = rev ? sql_general_rev : sql_general;
	if (simple_query(q) && q->role_id)
		sql = rev ? sql_by_role_rev : sql_by_role;
	else if (simple_query(q) && q->event_id)
		sql = rev ? sql_by_event_rev : sql_by_event;
	else if (unfiltered(q) && q->event_id && !q->role_id && q->order == TASK_ORDER_DUE)
		sql = q->brief ? sql_by_event_due_brief : sql_by_event_due;
	sqlite3_stmt *st = db_stmt(b, sql);
	char *like = NULL;
	bind_query(st, q, &like);
	sqlite3_bind_int64(st, 8, q->limit ? (sqlite3_int64)q->limit : -1);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)q->offset);
	if (sqlite3_bind_parameter_count(st) >= 11) {
		int64_t end = rev ? INT64_MAX : INT64_MIN;
		sqlite3_bind_int64(st, 10, q->key ? q->key->position : end);
		sqlite3_bind_int64(st, 11, q->key ? q->key->id : end);
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_task(st, LIST_PUSH(out), &out->pool);
	rc = model_rows_end(b, st, rc);
	free(like);
	if (rc) {
		task_list_free(out);
		return rc;
	}
	for (size_t i = 0; rev && i < out->n / 2; i++) { /* back in position order */
		struct task t = out->v[i];
		out->v[i] = out->v[out->n - 1 - i];
		out->v[out->n - 1 - i] = t;
	}
	return MU_OK;
}

int task_count(struct board *b, const struct task_query *q, int64_t *total, int64_t *done)
{
	const char *sql = !unfiltered(q) ? sql_count_general : q->event_id ? sql_count_event : sql_count_role;
	sqlite3_stmt *st = db_stmt(b, sql);
	char *like = NULL;
	bind_query(st, q, &like);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int64(st, 0);
		*done = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	free(like);
	return rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

void task_list_free(struct task_list *l)
{ LIST_FREE(l); }

int task_get(struct board *b, int64_t id, struct task *out, struct pool *pool)
{
	static const char *sql = TASK_COLS "WHERE t.id = ?1";
	return model_get(b, sql, id, "task", read_task, out, pool);
}

/* The audit snapshot of a task: (json, event id); task_edit.c and undo
 * share it. */
const char *const model_task_snap =
	"SELECT json_object('title', t.title, 'status', t.status, 'owner', t.owner, 'due', t.due,"
	" 'role', r.key, 'phase', p.key, 'notes', t.notes, 'position', t.position), t.event_id"
	" FROM task t LEFT JOIN role r ON r.id = t.role_id LEFT JOIN phase p ON p.id = t.phase_id"
	" WHERE t.id = ?1";
static const char *snap_status = "SELECT json_object('status', status), event_id FROM task WHERE id = ?1";
static const char *snap_owner = "SELECT json_object('owner', owner), event_id FROM task WHERE id = ?1";
static const char *snap_position =
	"SELECT json_object('position', position), event_id FROM task WHERE id = ?1";

/* Checks shared by add and edit; resolves role and phase (0 = leave, -1 =
 * none).  Runs inside the transaction. */
int model_task_check(struct board *b, int64_t event, const struct task_fields *f, int64_t *role,
		     int64_t *phase)
{
	int rc;
	if (f->title && (rc = model_check_text("task title", f->title, 1, MODEL_TITLE_MAX)))
		return rc;
	if (f->owner && (rc = model_check_text("owner", f->owner, 0, MODEL_NAME_MAX)))
		return rc;
	if (f->notes && (rc = model_check_text("notes", f->notes, 0, MODEL_NOTES_MAX)))
		return rc;
	if (f->due && (rc = model_check_date("due date", f->due)))
		return rc;
	*role = *phase = 0;
	if (f->role && !*f->role)
		*role = -1;
	else if (f->role && (rc = role_find(b, event, f->role, role)))
		return rc;
	if (f->phase && !*f->phase)
		*phase = -1;
	else if (f->phase && (rc = phase_find(b, event, f->phase, phase)))
		return rc;
	return MU_OK;
}

static void bind_ref(sqlite3_stmt *st, int i, int64_t ref)
{
	if (ref > 0)
		sqlite3_bind_int64(st, i, ref);
	else
		sqlite3_bind_null(st, i);
}

int task_add(struct board *b, int64_t event, const struct task_fields *f, int64_t *id)
{
	static const char *sql =
		"INSERT INTO task(event_id, title, owner, notes, due, role_id, phase_id, position)"
		" VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), ?5, ?6, ?7,"
		" (SELECT coalesce(max(position), 0) + 1 FROM task WHERE event_id = ?1))";
	if (!f->title)
		return mu_fail(MU_USAGE, "a task needs a title");
	struct change c;
	int64_t role, phase;
	int rc = db_change_begin(b, &c, "task", "add", model_task_snap, 0);
	if (rc)
		return rc;
	rc = model_event_exists(b, event);
	if (!rc)
		rc = model_allow_event(b, event, "add tasks to");
	if (!rc)
		rc = model_task_check(b, event, f, &role, &phase);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, event);
		db_bind_text(st, 2, f->title);
		db_bind_text(st, 3, f->owner);
		db_bind_text(st, 4, f->notes);
		db_bind_date(st, 5, f->due);
		bind_ref(st, 6, role);
		bind_ref(st, 7, phase);
		rc = db_exec_stmt(b, st);
		c.event = event;
	}
	return model_add_end(b, &c, rc, id);
}

int task_set_status(struct board *b, int64_t id, enum task_status s)
{
	static const char *sql = "UPDATE task SET status = ?2,"
				 " updated_at = " DB_NOW " WHERE id = ?1";
	if ((unsigned)s >= TASK_STATUS_N)
		return mu_fail(MU_USAGE, "bad task status");
	struct change c;
	int rc = db_change_begin(b, &c, "task", task_status_name(s), snap_status, id);
	if (rc)
		return rc;
	if ((rc = model_allow_task(b, id, OP_STATUS)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, task_status_name(s), -1, SQLITE_STATIC);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int task_assign(struct board *b, int64_t id, const char *owner)
{
	static const char *sql = "UPDATE task SET owner = ?2,"
				 " updated_at = " DB_NOW " WHERE id = ?1";
	int rc = model_check_text("owner", owner, 0, MODEL_NAME_MAX);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "task", "assign", snap_owner, id)))
		return rc;
	if ((rc = model_allow_task(b, id, OP_ASSIGN)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, owner);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int task_remove(struct board *b, int64_t id)
{
	static const char *sql = "DELETE FROM task WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "task", "remove", model_task_snap, id);
	if (rc)
		return rc;
	if ((rc = model_allow_task(b, id, OP_REMOVE)) || (rc = model_trash_task(b, id)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int model_task_place(struct board *b, int64_t id, int64_t position)
{
	static const char *sql = "UPDATE task SET position = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, position);
	return db_exec_stmt(b, st);
}

int task_move(struct board *b, int64_t id, int delta)
{
	static const char *sql_prev =
		"SELECT n.id, n.position, t.position FROM task t JOIN task n"
		" ON n.event_id = t.event_id AND n.role_id IS t.role_id AND n.position < t.position"
		" WHERE t.id = ?1 ORDER BY n.position DESC LIMIT 1";
	static const char *sql_next =
		"SELECT n.id, n.position, t.position FROM task t JOIN task n"
		" ON n.event_id = t.event_id AND n.role_id IS t.role_id AND n.position > t.position"
		" WHERE t.id = ?1 ORDER BY n.position LIMIT 1";
	struct change c;
	int rc = db_change_begin(b, &c, "task", "move", snap_position, id);
	if (!rc)
		rc = model_allow_task(b, id, OP_MOVE);
	if (rc || delta == 0)
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, delta < 0 ? sql_prev : sql_next);
	sqlite3_bind_int64(st, 1, id);
	int64_t other = 0, other_pos = 0, pos = 0;
	int step = model_row(st, "iii", &other, &other_pos, &pos);
	if (step == SQLITE_ROW) {
		rc = model_task_place(b, other, pos);
		if (!rc)
			rc = model_task_place(b, id, other_pos);
	} else if (step != SQLITE_DONE) {
		rc = db_fail(b, step);
	}
	return db_change_end(b, &c, rc);
}
