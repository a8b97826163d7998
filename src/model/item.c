/* Material checklists and items.  Ticks change quantities in SQL
 * (qty_ready = qty_ready + N) inside the write transaction, so concurrent
 * ticks from many terminals add up exactly. */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/item.h"
#include "muster/event.h"
#include "muster/history.h"
#include "muster/model.h"
#include "muster/people.h"

int checklist_list(struct board *b, int64_t event, struct checklist_list *out)
{
	static const char *sql =
		"SELECT c.id, c.event_id, c.role_id, c.name, coalesce(r.key, ''),"
		" coalesce(k.total, 0), coalesce(k.done, 0)" /* tallies: migration 4 */
		" FROM checklist c LEFT JOIN role r ON r.id = c.role_id"
		" LEFT JOIN item_tally k ON k.checklist_id = c.id WHERE c.event_id = ?1"
		" ORDER BY c.position, c.id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct checklist *c = LIST_PUSH(out);
		c->id = sqlite3_column_int64(st, 0);
		c->event_id = sqlite3_column_int64(st, 1);
		c->role_id = sqlite3_column_int64(st, 2);
		c->name = pool_strdup(&out->pool, db_col_text(st, 3));
		c->role_key = pool_strdup(&out->pool, db_col_text(st, 4));
		c->items = sqlite3_column_int64(st, 5);
		c->items_done = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		checklist_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void checklist_list_free(struct checklist_list *l) { LIST_FREE(l); }

/* One row by id (within the event) or else by exact text. */
static int find_in_event(struct board *b, const char *sql_id, const char *sql_text, const char *what,
			 int64_t event, const char *s, int64_t *id)
{
	int64_t want = 0;
	bool by_id = model_parse_id(s, &want);
	sqlite3_stmt *st = db_stmt(b, by_id ? sql_id : sql_text);
	sqlite3_bind_int64(st, 1, event);
	if (by_id)
		sqlite3_bind_int64(st, 2, want);
	else
		sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no %s \"%s\" in this event", what, s) : db_fail(b, rc);
}

int checklist_find(struct board *b, int64_t event, const char *s, int64_t *id)
{
	static const char *sql_id = "SELECT id FROM checklist WHERE event_id = ?1 AND id = ?2";
	static const char *sql_name = "SELECT id FROM checklist WHERE event_id = ?1 AND name = ?2";
	return find_in_event(b, sql_id, sql_name, "checklist", event, s, id);
}

int item_find(struct board *b, int64_t event, const char *s, int64_t *id)
{
	static const char *sql_id = "SELECT i.id FROM item i JOIN checklist c ON c.id = i.checklist_id"
				    " WHERE c.event_id = ?1 AND i.id = ?2";
	static const char *sql_title = "SELECT i.id FROM item i JOIN checklist c ON c.id = i.checklist_id"
				       " WHERE c.event_id = ?1 AND i.title = ?2 ORDER BY i.id LIMIT 1";
	return find_in_event(b, sql_id, sql_title, "item", event, s, id);
}

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
		if (sqlite3_step(st) == SQLITE_ROW) {
			pos = sqlite3_column_int64(st, 0);
			key = after_id;
		}
		sqlite3_reset(st);
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

static const char *snap_checklist =
	"SELECT json_object('name', c.name, 'role', r.key), c.event_id FROM checklist c"
	" LEFT JOIN role r ON r.id = c.role_id WHERE c.id = ?1";

int checklist_add(struct board *b, int64_t event, const char *name, const char *role, int64_t *id)
{
	static const char *sql =
		"INSERT INTO checklist(event_id, name, role_id, position) VALUES (?1, ?2, ?3,"
		" (SELECT coalesce(max(position), 0) + 1 FROM checklist WHERE event_id = ?1))";
	int rc = model_check_text("checklist name", name, 1, MODEL_TITLE_MAX);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "checklist", "add", snap_checklist, 0)))
		return rc;
	int64_t role_id = 0;
	rc = model_event_exists(b, event);
	if (!rc)
		rc = model_allow_event(b, event, "add checklists to");
	if (!rc && role && *role)
		rc = role_find(b, event, role, &role_id);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, event);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (role_id)
			sqlite3_bind_int64(st, 3, role_id);
		rc = db_exec_stmt(b, st);
		c.id = sqlite3_last_insert_rowid(b->db);
		c.event = event;
	}
	rc = db_change_end(b, &c, rc);
	if (!rc && id)
		*id = c.id;
	return rc;
}

#define ITEM_COLS                                                                                  \
	"SELECT i.id, i.checklist_id, i.title, i.unit, c.name, i.done_by, i.done_at, i.due,"      \
	" i.qty, i.qty_ready, i.done, i.position, i.updated_at FROM item i JOIN checklist c ON c.id = i.checklist_id "

static void read_item(sqlite3_stmt *st, struct item *it, struct pool *pool)
{
	it->id = sqlite3_column_int64(st, 0);
	it->checklist_id = sqlite3_column_int64(st, 1);
	it->title = pool_strdup(pool, db_col_text(st, 2));
	it->unit = pool_strdup(pool, db_col_text(st, 3));
	it->checklist = pool_strdup(pool, db_col_text(st, 4));
	it->done_by = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : pool_strdup(pool, db_col_text(st, 5));
	it->done_at = sqlite3_column_type(st, 6) == SQLITE_NULL ? NULL : pool_strdup(pool, db_col_text(st, 6));
	db_col_date(st, 7, it->due);
	it->qty = sqlite3_column_int64(st, 8);
	it->qty_ready = sqlite3_column_int64(st, 9);
	it->done = sqlite3_column_int(st, 10) != 0;
	it->position = sqlite3_column_int64(st, 11);
	it->updated_at = pool_strdup(pool, db_col_text(st, 12));
}

int item_query(struct board *b, int64_t event, int64_t checklist, size_t limit, size_t offset,
	       struct item_list *out)
{
	static const char *sql_list = ITEM_COLS
		"WHERE i.checklist_id = ?2 ORDER BY i.position, i.id LIMIT ?3 OFFSET ?4";
	static const char *sql_event = ITEM_COLS
		"WHERE c.event_id = ?1 ORDER BY c.position, c.id, i.position, i.id LIMIT ?3 OFFSET ?4";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, checklist ? sql_list : sql_event);
	if (!checklist)
		sqlite3_bind_int64(st, 1, event);
	else
		sqlite3_bind_int64(st, 2, checklist);
	sqlite3_bind_int64(st, 3, limit ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)offset);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_item(st, LIST_PUSH(out), &out->pool);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		item_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void item_list_free(struct item_list *l) { LIST_FREE(l); }

int item_get(struct board *b, int64_t id, struct item *out, struct pool *pool)
{
	static const char *sql = ITEM_COLS "WHERE i.id = ?1";
	sqlite3_stmt *st;
	int rc = db_step_id(b, sql, id, "item", &st);
	if (rc == MU_OK) {
		read_item(st, out, pool);
		sqlite3_reset(st);
	}
	return rc;
}

static const char *snap_qty =
	"SELECT json_object('qty_ready', i.qty_ready, 'done', i.done), c.event_id"
	" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";
static const char *snap_item =
	"SELECT json_object('title', i.title, 'qty', i.qty, 'qty_ready', i.qty_ready, 'unit', i.unit,"
	" 'due', i.due, 'done', i.done, 'checklist', c.name), c.event_id"
	" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";

/* ?1 id, ?2 new ready quantity as an expression of the old row, ?3 actor. */
#define SET_READY(expr)                                                                            \
	"UPDATE item SET qty_ready = " expr ", done = (" expr " >= qty),"                         \
	" done_by = CASE WHEN " expr " < qty THEN NULL WHEN done THEN done_by ELSE ?3 END,"       \
	" done_at = CASE WHEN " expr " < qty THEN NULL WHEN done THEN done_at"                    \
	"   ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,"                                     \
	" updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1"

static int change_qty(struct board *b, int64_t id, const char *action, const char *sql, int64_t qty)
{
	struct change c;
	int rc = db_change_begin(b, &c, "item", action, snap_qty, id);
	if (rc)
		return rc;
	if ((rc = model_allow_item(b, id, OP_TICK)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, qty);
	sqlite3_bind_text(st, 3, b->actor, -1, SQLITE_STATIC);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int item_tick(struct board *b, int64_t id, int64_t qty)
{
	static const char *sql_full = SET_READY("max(qty_ready, qty)");
	static const char *sql_add = SET_READY("(qty_ready + ?2)");
	if (qty < 0 || qty > 1000000000)
		return mu_fail(MU_USAGE, "quantity must be between 1 and 1000000000");
	return change_qty(b, id, "tick", qty ? sql_add : sql_full, qty);
}

int item_untick(struct board *b, int64_t id, int64_t qty)
{
	static const char *sql_clear = SET_READY("0 * ?2");
	static const char *sql_sub = SET_READY("max(0, qty_ready - ?2)");
	if (qty < 0 || qty > 1000000000)
		return mu_fail(MU_USAGE, "quantity must be between 1 and 1000000000");
	/* "0 * ?2" only keeps ?2 used in both forms. */
	return change_qty(b, id, "untick", qty ? sql_sub : sql_clear, qty);
}

static int check_item(const struct item_fields *f)
{
	int rc;
	if (f->title && (rc = model_check_text("item title", f->title, 1, MODEL_TITLE_MAX)))
		return rc;
	if (f->unit && (rc = model_check_text("unit", f->unit, 0, MODEL_NAME_MAX)))
		return rc;
	if (f->due && (rc = model_check_date("due date", f->due)))
		return rc;
	if (f->qty > 1000000000)
		return mu_fail(MU_DATA, "quantity %lld is too large", (long long)f->qty);
	return MU_OK;
}

int item_add(struct board *b, int64_t checklist, const struct item_fields *f, int64_t *id)
{
	static const char *sql =
		"INSERT INTO item(checklist_id, title, qty, unit, due, position) VALUES (?1, ?2, ?3,"
		" coalesce(?4, ''), ?5, (SELECT coalesce(max(position), 0) + 1 FROM item WHERE checklist_id = ?1))";
	static const char *sql_event = "SELECT event_id FROM checklist WHERE id = ?1";
	if (!f->title)
		return mu_fail(MU_USAGE, "an item needs a title");
	int rc = check_item(f);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "item", "add", snap_item, 0)))
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql_event);
	sqlite3_bind_int64(st, 1, checklist);
	if (sqlite3_step(st) == SQLITE_ROW)
		c.event = sqlite3_column_int64(st, 0);
	else
		rc = mu_fail(MU_DATA, "no checklist with id %lld", (long long)checklist);
	sqlite3_reset(st);
	if (!rc)
		rc = model_allow_event(b, c.event, "add items to");
	if (!rc) {
		st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, checklist);
		sqlite3_bind_text(st, 2, f->title, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, f->qty < 0 ? 1 : f->qty);
		db_bind_text(st, 4, f->unit);
		db_bind_date(st, 5, f->due);
		rc = db_exec_stmt(b, st);
		c.id = sqlite3_last_insert_rowid(b->db);
	}
	rc = db_change_end(b, &c, rc);
	if (!rc && id)
		*id = c.id;
	return rc;
}

static int edit_item(struct board *b, int64_t id, const struct item_fields *f, const char *expected,
		     struct conflict *conflict)
{
	static const char *sql_updated = "SELECT updated_at FROM item WHERE id = ?1";
	static const char *sql =
		"UPDATE item SET title = coalesce(?2, title), unit = coalesce(?3, unit),"
		" due = CASE WHEN ?4 IS NULL THEN due WHEN ?4 = '' THEN NULL ELSE ?4 END,"
		" qty = CASE WHEN ?5 < 0 THEN qty ELSE ?5 END,"
		" done = (qty_ready >= CASE WHEN ?5 < 0 THEN qty ELSE ?5 END),"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1";
	int rc = check_item(f);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "item", "edit", snap_item, id)))
		return rc;
	rc = model_allow_item(b, id, OP_EDIT);
	if (!rc && expected) {
		sqlite3_stmt *st = db_stmt(b, sql_updated);
		sqlite3_bind_int64(st, 1, id);
		bool same = sqlite3_step(st) == SQLITE_ROW && !strcmp(db_col_text(st, 0), expected);
		sqlite3_reset(st);
		if (!same)
			rc = model_conflict(b, "item", id, expected, conflict);
	}
	if (rc)
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, f->title);
	db_bind_text(st, 3, f->unit);
	db_bind_text(st, 4, f->due);
	sqlite3_bind_int64(st, 5, f->qty);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int item_edit(struct board *b, int64_t id, const struct item_fields *f) { return edit_item(b, id, f, NULL, NULL); }

int item_edit_if(struct board *b, int64_t id, const struct item_fields *f, const char *expected_updated_at,
		 struct conflict *conflict)
{
	if (conflict)
		memset(conflict, 0, sizeof *conflict);
	return edit_item(b, id, f, expected_updated_at ? expected_updated_at : "", conflict);
}

int item_remove(struct board *b, int64_t id)
{
	static const char *sql = "DELETE FROM item WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "item", "remove", snap_item, id);
	if (rc)
		return rc;
	if ((rc = model_allow_item(b, id, OP_REMOVE)) || (rc = model_trash_item(b, id)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}
