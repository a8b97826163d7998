/* Material checklists and items.  Ticks change quantities in SQL
 * (qty_ready = qty_ready + N) inside the write transaction, so concurrent
 * ticks from many terminals add up exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/item.h"
#include "muster/event.h"
#include "muster/history.h"
#include "muster/merge.h"
#include "muster/model.h"
#include "muster/people.h"

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

#define ITEM_COLS                                                                                  \
	"SELECT i.id, i.checklist_id, i.title, i.unit, c.name, i.done_by, i.done_at, i.due,"      \
	" i.qty, i.qty_ready, i.done, i.position, i.updated_at FROM item i JOIN checklist c ON c.id = i.checklist_id "

static void read_item(sqlite3_stmt *st, void *row, struct pool *pool)
{
	struct item *it = row;
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
	if ((rc = model_rows_end(b, st, rc)))
		item_list_free(out);
	return rc;
}

void item_list_free(struct item_list *l) { LIST_FREE(l); }

int item_get(struct board *b, int64_t id, struct item *out, struct pool *pool)
{
	static const char *sql = ITEM_COLS "WHERE i.id = ?1";
	return model_get(b, sql, id, "item", read_item, out, pool);
}

/* The snapshots keep ready_before so that undo gives it back too; the
 * whole item's is shared with undo (model_item_snap). */
static const char *snap_qty =
	"SELECT json_object('qty_ready', i.qty_ready, 'done', i.done, 'ready_before', i.ready_before), c.event_id"
	" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";
const char *const model_item_snap =
	"SELECT json_object('title', i.title, 'qty', i.qty, 'qty_ready', i.qty_ready, 'unit', i.unit,"
	" 'due', i.due, 'done', i.done, 'checklist', c.name, 'ready_before', i.ready_before), c.event_id"
	" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";

/* ?1 id, ?2 new ready quantity as an expression of the old row, ?3 actor.
 * The change that makes an item done remembers the ready quantity before
 * it (ready_before); one that leaves it not done forgets it. */
#define SET_READY(expr)                                                                            \
	"UPDATE item SET qty_ready = " expr ", done = (" expr " >= qty),"                         \
	" done_by = CASE WHEN " expr " < qty THEN NULL WHEN done THEN done_by ELSE ?3 END,"       \
	" done_at = CASE WHEN " expr " < qty THEN NULL WHEN done THEN done_at"                    \
	"   ELSE " DB_NOW " END,"                                                                  \
	" ready_before = CASE WHEN " expr " < qty THEN NULL WHEN done THEN ready_before ELSE qty_ready END," \
	" updated_at = " DB_NOW " WHERE id = ?1"

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
	/* Not done any more: back to the ready quantity before the tick (below
	 * the needed one, should that have been lowered since), else 0.  "0 *
	 * ?2" only keeps ?2 used in both forms. */
	static const char *sql_clear =
		SET_READY("(CASE WHEN done THEN max(0, min(coalesce(ready_before, 0), qty - 1)) ELSE 0 END + 0 * ?2)");
	static const char *sql_sub = SET_READY("max(0, qty_ready - ?2)");
	if (qty < 0 || qty > 1000000000)
		return mu_fail(MU_USAGE, "quantity must be between 1 and 1000000000");
	return change_qty(b, id, "untick", qty ? sql_sub : sql_clear, qty);
}

int item_set_ready(struct board *b, int64_t id, int64_t ready)
{
	static const char *sql = SET_READY("?2");
	if (ready < 0 || ready > 1000000000)
		return mu_fail(MU_USAGE, "the ready quantity must be between 0 and 1000000000");
	return change_qty(b, id, "set", sql, ready);
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
	if (f->ready_set && (f->ready < 0 || f->ready > 1000000000))
		return mu_fail(MU_DATA, "ready quantity %lld is out of range (0 to 1000000000)", (long long)f->ready);
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
	if ((rc = db_change_begin(b, &c, "item", "add", model_item_snap, 0)))
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
	}
	return model_add_end(b, &c, rc, id);
}

/* The fields of an edit by their audit names (keys of model_item_snap). */
enum { IF_TITLE, IF_UNIT, IF_DUE, IF_QTY, IF_READY, IF_N };
static const char *const if_names[IF_N] = {"title", "unit", "due", "qty", "qty_ready"};

/* Texts of f's fields (numbers written into num); NULL = not given. */
static void if_split(const struct item_fields *f, const char *v[IF_N], char num[2][24])
{
	v[IF_TITLE] = f->title, v[IF_UNIT] = f->unit, v[IF_DUE] = f->due;
	snprintf(num[0], 24, "%lld", (long long)f->qty);
	snprintf(num[1], 24, "%lld", (long long)f->ready);
	v[IF_QTY] = f->qty >= 0 ? num[0] : NULL;
	v[IF_READY] = f->ready_set ? num[1] : NULL;
}

/* Which fields of mine to write (see the task's fields_to_write). */
static int item_fields_to_write(struct board *b, int64_t id, const struct item_fields *base,
				const struct item_fields *mine, struct merge *m, bool write[IF_N])
{
	const char *v[IF_N];
	char num[2][24];
	if_split(mine, v, num);
	if (!base) {
		for (int i = 0; i < IF_N; i++)
			write[i] = v[i] != NULL;
		return MU_OK;
	}
	struct item it;
	struct pool pool = {0};
	int rc = item_get(b, id, &it, &pool);
	if (!rc) {
		const char *bv[IF_N], *cur[IF_N];
		char bnum[2][24], cnum[2][24];
		if_split(base, bv, bnum);
		struct item_fields now = {.title = it.title, .unit = it.unit, .due = it.due, .qty = it.qty,
					  .ready = it.qty_ready, .ready_set = true};
		if_split(&now, cur, cnum);
		rc = model_merge(b, "item", id, IF_N, if_names, bv, v, cur, write, m);
	}
	pool_free(&pool);
	return rc;
}

static int edit_item(struct board *b, int64_t id, const struct item_fields *given, const char *expected,
		     struct conflict *conflict, const struct item_fields *base, struct merge *m)
{
	static const char *sql_updated = "SELECT updated_at FROM item WHERE id = ?1";
#define NEW_QTY "(CASE WHEN ?5 < 0 THEN qty ELSE ?5 END)"
#define NEW_READY "(CASE WHEN ?6 < 0 THEN qty_ready ELSE ?6 END)"
	static const char *sql =
		"UPDATE item SET title = coalesce(?2, title), unit = coalesce(?3, unit),"
		" due = CASE WHEN ?4 IS NULL THEN due WHEN ?4 = '' THEN NULL ELSE ?4 END,"
		" qty = " NEW_QTY ", qty_ready = " NEW_READY ", done = (" NEW_READY " >= " NEW_QTY "),"
		" done_by = CASE WHEN " NEW_READY " < " NEW_QTY " THEN NULL WHEN done THEN done_by ELSE ?7 END,"
		" done_at = CASE WHEN " NEW_READY " < " NEW_QTY " THEN NULL WHEN done THEN done_at"
		"   ELSE " DB_NOW " END,"
		" ready_before = CASE WHEN " NEW_READY " < " NEW_QTY " THEN NULL WHEN done THEN ready_before"
		"   ELSE qty_ready END,"
		" updated_at = " DB_NOW " WHERE id = ?1";
#undef NEW_QTY
#undef NEW_READY
	int rc = check_item(given);
	if (rc)
		return rc;
	struct change c;
	bool write[IF_N];
	if ((rc = db_change_begin(b, &c, "item", "edit", model_item_snap, id)))
		return rc;
	if ((rc = item_fields_to_write(b, id, base, given, m, write)))
		return db_change_end(b, &c, rc);
	/* the audit row: the fields written, and done with them when a
	 * quantity changed */
	struct strbuf keys = STRBUF_INIT;
	char *k = model_merge_keys(IF_N, if_names, write);
	sb_add(&keys, k);
	free(k);
	if (write[IF_QTY] || write[IF_READY]) {
		keys.len--; /* the closing ] */
		sb_add(&keys, keys.len > 1 ? ",\"done\",\"ready_before\"]" : "\"done\",\"ready_before\"]");
	}
	c.keys = keys.s;
	bool ready_only = write[IF_READY] && !write[IF_TITLE] && !write[IF_UNIT] && !write[IF_DUE] && !write[IF_QTY];
	rc = model_allow_item(b, id, ready_only ? OP_TICK : OP_EDIT);
	if (!rc && expected)
		rc = model_unchanged(b, "item", sql_updated, id, expected, conflict);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, write[IF_TITLE] ? given->title : NULL);
		db_bind_text(st, 3, write[IF_UNIT] ? given->unit : NULL);
		db_bind_text(st, 4, write[IF_DUE] ? given->due : NULL);
		sqlite3_bind_int64(st, 5, write[IF_QTY] ? given->qty : -1);
		sqlite3_bind_int64(st, 6, write[IF_READY] ? given->ready : -1);
		sqlite3_bind_text(st, 7, b->actor, -1, SQLITE_STATIC);
		rc = db_exec_stmt(b, st);
	}
	rc = db_change_end(b, &c, rc);
	sb_free(&keys);
	return rc;
}

int item_edit(struct board *b, int64_t id, const struct item_fields *f)
{
	return edit_item(b, id, f, NULL, NULL, NULL, NULL);
}

int item_edit_if(struct board *b, int64_t id, const struct item_fields *f, const char *expected_updated_at,
		 struct conflict *conflict)
{
	if (conflict)
		memset(conflict, 0, sizeof *conflict);
	return edit_item(b, id, f, expected_updated_at ? expected_updated_at : "", conflict, NULL, NULL);
}

int item_edit_merge(struct board *b, int64_t id, const struct item_fields *base, const struct item_fields *mine,
		    struct merge *m)
{
	return edit_item(b, id, mine, NULL, NULL, base, m);
}

void item_merge_apply(struct item_fields *base, struct item_fields *mine, const struct merge *m)
{
	for (int k = 0; k < m->n; k++) {
		const struct merge_field *f = &m->f[k];
		bool keep = f->keep_mine;
		long long theirs = strtoll(f->theirs, NULL, 10);
		if (!strcmp(f->name, "title"))
			base->title = f->theirs, mine->title = keep ? f->mine : NULL;
		else if (!strcmp(f->name, "unit"))
			base->unit = f->theirs, mine->unit = keep ? f->mine : NULL;
		else if (!strcmp(f->name, "due"))
			base->due = f->theirs, mine->due = keep ? f->mine : NULL;
		else if (!strcmp(f->name, "qty"))
			base->qty = theirs, mine->qty = keep ? mine->qty : -1;
		else if (!strcmp(f->name, "qty_ready"))
			base->ready = theirs, base->ready_set = true, mine->ready_set = keep && mine->ready_set;
	}
}

int item_remove(struct board *b, int64_t id)
{
	static const char *sql = "DELETE FROM item WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "item", "remove", model_item_snap, id);
	if (rc)
		return rc;
	if ((rc = model_allow_item(b, id, OP_REMOVE)) || (rc = model_trash_item(b, id)))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}
