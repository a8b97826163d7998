/* The screen's "/" and n/N over a checklist: the next or previous item
 * whose title matches, from the cursor in one query (keyset on position,
 * id), wrapping around once, and its row in the list. */
#include <stdint.h>
#include <stdlib.h>
#include "muster/db.h"
#include "muster/item.h"
#include "muster/model.h"

int item_find_text(struct board *b, int64_t checklist, const char *text, int64_t after_id, int dir, int64_t *id,
		   int64_t *row)
{
	/* Keyset on (position, id) within the list (index item_list_pos). */
	static const char *sql_pos = "SELECT position FROM item WHERE id = ?1 AND checklist_id = ?2";
	static const char *sql_next =
		"SELECT id, position FROM item WHERE checklist_id = ?2 AND title LIKE ?3 ESCAPE '\\'"
		" AND (position, id) > (?4, ?5) AND (position, id) <= (?6, ?7) ORDER BY position, id LIMIT 1";
	static const char *sql_prev =
		"SELECT id, position FROM item WHERE checklist_id = ?2 AND title LIKE ?3 ESCAPE '\\'"
		" AND (position, id) < (?4, ?5) AND (position, id) >= (?6, ?7) ORDER BY position DESC, id DESC LIMIT 1";
	static const char *sql_rank =
		"SELECT count(*) FROM item WHERE checklist_id = ?2 AND (position, id) < (?4, ?5)";
	int64_t start = dir > 0 ? INT64_MIN : INT64_MAX, end = dir > 0 ? INT64_MAX : INT64_MIN, pos = start, key = start;
	sqlite3_stmt *st;
	if (after_id) {
		st = db_stmt(b, sql_pos);
		sqlite3_bind_int64(st, 1, after_id);
		sqlite3_bind_int64(st, 2, checklist);
		if (model_row(st, "i", &pos) == SQLITE_ROW)
			key = after_id;
	}
	char *like = model_like_pattern(text);
	int rc = SQLITE_DONE;
	/* The second pass wraps around, up to the item itself (it may be the
	 * only match). */
	for (int pass = 0; pass < 2 && rc == SQLITE_DONE && !(pass && pos == start); pass++) {
		st = db_stmt(b, dir > 0 ? sql_next : sql_prev);
		sqlite3_bind_int64(st, 2, checklist);
		sqlite3_bind_text(st, 3, like, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, pass ? start : pos);
		sqlite3_bind_int64(st, 5, pass ? start : key);
		sqlite3_bind_int64(st, 6, pass ? pos : end);
		sqlite3_bind_int64(st, 7, pass ? key : end);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			pos = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
	}
	free(like);
	if (rc == SQLITE_DONE)
		return mu_fail(MU_DATA, "no item matches \"%s\"", text);
	if (rc != SQLITE_ROW)
		return db_fail(b, rc);
	st = db_stmt(b, sql_rank);
	sqlite3_bind_int64(st, 2, checklist);
	sqlite3_bind_int64(st, 4, pos);
	sqlite3_bind_int64(st, 5, *id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*row = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

