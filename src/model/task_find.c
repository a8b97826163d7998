/* The screen's "/" and n/N over tasks: the next or previous match from the
 * cursor in one query (keyset on position, id), wrapping around once, and
 * the rank of the match in the list. */
#include <stdint.h>
#include <stdlib.h>
#include "muster/db.h"
#include "muster/model.h"
#include "muster/task.h"

/* task_find's statements for one filter shape: the next and previous match
 * after (?10 position, ?11 id) up to (?12, ?13) and the rank of a row.  ?5
 * is the LIKE pattern, ?6 the "#id" text. */
struct find_sql {
	const char *next, *prev, *rank;
};
#define FIND_MATCH                                                                                 \
	" AND (t.title LIKE ?5 ESCAPE '\\' OR t.owner LIKE ?5 ESCAPE '\\'"                       \
	" OR t.notes LIKE ?5 ESCAPE '\\' OR '#' || t.id = ?6)"
#define FIND_SQL(filter)                                                                           \
	{                                                                                          \
		"SELECT t.id FROM task t " filter FIND_MATCH                                       \
		" AND (t.position, t.id) > (?10, ?11) AND (t.position, t.id) <= (?12, ?13)"        \
		" ORDER BY t.position, t.id LIMIT 1",                                              \
		"SELECT t.id FROM task t " filter FIND_MATCH                                       \
		" AND (t.position, t.id) < (?10, ?11) AND (t.position, t.id) >= (?12, ?13)"        \
		" ORDER BY t.position DESC, t.id DESC LIMIT 1",                                    \
		"SELECT count(*) FROM task t " filter " AND (t.position, t.id) < (?10, ?11)"       \
	}
static const struct find_sql find_by_role = FIND_SQL("WHERE t.role_id = ?2");
static const struct find_sql find_by_event = FIND_SQL("WHERE t.event_id = ?1");
static const struct find_sql find_general =
	FIND_SQL("WHERE (?1 = 0 OR t.event_id = ?1) AND (?2 = 0 OR t.role_id = ?2)"
		 " AND (?3 IS NULL OR t.owner = ?3) AND (?4 IS NULL OR t.status = ?4)");

/* One statement of task_find bound to q, the key (position, id) and the
 * bound (bpos, bid) it goes up to. */
static int find_step(struct board *b, const char *sql, const struct task_query *q, const char *like,
		     const char *hash, int64_t pos, int64_t id, int64_t bpos, int64_t bid, int64_t *out)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	int n = model_task_bind_filter(st, q);
	if (n >= 6) {
		sqlite3_bind_text(st, 5, like, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, hash, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 10, pos);
	sqlite3_bind_int64(st, 11, id);
	if (n >= 13) {
		sqlite3_bind_int64(st, 12, bpos);
		sqlite3_bind_int64(st, 13, bid);
	}
	int rc = model_row(st, "i", out);
	return rc == SQLITE_ROW ? MU_OK : rc == SQLITE_DONE ? MU_DATA : db_fail(b, rc);
}

int task_find(struct board *b, const struct task_query *q, const char *text, int64_t after_id, int dir,
	      int64_t *id, int64_t *row)
{
	static const char *sql_pos = "SELECT position FROM task WHERE id = ?1";
	if (q->order != TASK_ORDER_POSITION)
		return mu_fail(MU_USAGE, "task_find works in position order");
	const struct find_sql *f = &find_general;
	if (!q->owner && q->status < 0 && q->role_id)
		f = &find_by_role;
	else if (!q->owner && q->status < 0 && q->event_id)
		f = &find_by_event;
	/* The key to start from: the task after_id, or before the first row. */
	int64_t pos = dir > 0 ? INT64_MIN : INT64_MAX, key = pos;
	if (after_id) {
		sqlite3_stmt *st = db_stmt(b, sql_pos);
		sqlite3_bind_int64(st, 1, after_id);
		if (model_row(st, "i", &pos) == SQLITE_ROW)
			key = after_id;
	}
	char *like = model_like_pattern(text);
	const char *sql = dir > 0 ? f->next : f->prev;
	int64_t start = dir > 0 ? INT64_MIN : INT64_MAX, end = dir > 0 ? INT64_MAX : INT64_MIN;
	int rc = find_step(b, sql, q, like, text, pos, key, end, end, id);
	/* Wrap around, up to the task itself (it may be the only match): with
	 * no match at all every row is read once, not twice. */
	if (rc == MU_DATA && pos != start)
		rc = find_step(b, sql, q, like, text, start, start, pos, key, id);
	free(like);
	if (rc == MU_DATA)
		return mu_fail(MU_DATA, "no task matches \"%s\"", text);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql_pos);
	sqlite3_bind_int64(st, 1, *id);
	pos = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return find_step(b, f->rank, q, NULL, NULL, pos, *id, 0, 0, row);
}

