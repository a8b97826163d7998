/* The trash: a deleted task or item kept as a JSON row (a task with its
 * dependencies both ways) in the trash table, listed and put back.  Each
 * restore is one BEGIN IMMEDIATE transaction with its audit row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/history.h"
#include "muster/model.h"
#include "muster/people.h"

/* sql copies row ?1 into the trash as deleted by ?2. */
static int trash_row(struct board *b, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
}

int model_trash_task(struct board *b, int64_t task)
{
	static const char *sql =
		"INSERT INTO trash(entity, orig_id, event_id, title, row, deleted_by)"
		" SELECT 'task', t.id, t.event_id, t.title, json_object('id', t.id, 'event_id', t.event_id,"
		" 'phase_id', t.phase_id, 'role_id', t.role_id, 'owner', t.owner, 'title', t.title,"
		" 'status', t.status, 'due', t.due, 'notes', t.notes, 'position', t.position,"
		" 'updated_at', t.updated_at,"
		" 'depends', json((SELECT json_group_array(depends_on) FROM task_dep WHERE task_id = t.id)),"
		" 'dependents', json((SELECT json_group_array(task_id) FROM task_dep WHERE depends_on = t.id))),"
		" ?2 FROM task t WHERE t.id = ?1";
	return trash_row(b, sql, task);
}

int model_trash_item(struct board *b, int64_t item)
{
	static const char *sql =
		"INSERT INTO trash(entity, orig_id, event_id, title, row, deleted_by)"
		" SELECT 'item', i.id, c.event_id, i.title, json_object('id', i.id, 'checklist_id', i.checklist_id,"
		" 'title', i.title, 'qty', i.qty, 'qty_ready', i.qty_ready, 'unit', i.unit, 'due', i.due,"
		" 'done', i.done, 'done_by', i.done_by, 'done_at', i.done_at, 'position', i.position,"
		" 'updated_at', i.updated_at, 'ready_before', i.ready_before), ?2"
		" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";
	return trash_row(b, sql, item);
}

int trash_list(struct board *b, int64_t event, struct trash_list *out)
{
	static const char *sql = "SELECT id, orig_id, coalesce(event_id, 0), entity, title, deleted_by, deleted_at"
				 " FROM trash WHERE ?1 = 0 OR event_id = ?1 ORDER BY id DESC";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct trash_entry *e = LIST_PUSH(out);
		e->id = sqlite3_column_int64(st, 0);
		e->orig_id = sqlite3_column_int64(st, 1);
		e->event_id = sqlite3_column_int64(st, 2);
		e->entity = pool_strdup(&out->pool, db_col_text(st, 3));
		e->title = pool_strdup(&out->pool, db_col_text(st, 4));
		e->deleted_by = pool_strdup(&out->pool, db_col_text(st, 5));
		e->deleted_at = pool_strdup(&out->pool, db_col_text(st, 6));
	}
	if ((rc = model_rows_end(b, st, rc)))
		trash_list_free(out);
	return rc;
}

void trash_list_free(struct trash_list *l) { LIST_FREE(l); }

/* Inside a transaction: trash row → task or item again; *id = its id. */
int model_trash_restore_row(struct board *b, int64_t trash, char entity[16], int64_t *id, int64_t *event)
{
	static const char *sql_get = "SELECT entity, coalesce(event_id, 0), orig_id,"
				     " (SELECT count(*) FROM checklist WHERE id = json_extract(row, '$.checklist_id'))"
				     " FROM trash WHERE id = ?1";
	static const char *sql_task =
		"INSERT INTO task(id, event_id, phase_id, role_id, owner, title, status, due, notes, position, updated_at)"
		" SELECT CASE WHEN EXISTS(SELECT 1 FROM task WHERE id = json_extract(row, '$.id')) THEN NULL"
		"   ELSE json_extract(row, '$.id') END, event_id,"
		" (SELECT id FROM phase WHERE id = json_extract(row, '$.phase_id')),"
		" (SELECT id FROM role WHERE id = json_extract(row, '$.role_id')),"
		" json_extract(row, '$.owner'), json_extract(row, '$.title'), json_extract(row, '$.status'),"
		" json_extract(row, '$.due'), json_extract(row, '$.notes'), json_extract(row, '$.position'), " DB_NOW
		" FROM trash WHERE id = ?1";
	static const char *sql_deps =
		"INSERT OR IGNORE INTO task_dep(task_id, depends_on)"
		" SELECT ?2, d.value FROM trash, json_each(trash.row, '$.depends') d"
		"  WHERE trash.id = ?1 AND d.value IN (SELECT id FROM task)"
		" UNION ALL SELECT d.value, ?2 FROM trash, json_each(trash.row, '$.dependents') d"
		"  WHERE trash.id = ?1 AND d.value IN (SELECT id FROM task) AND d.value <> ?2";
	static const char *sql_item =
		"INSERT INTO item(id, checklist_id, title, qty, qty_ready, unit, due, done, done_by, done_at,"
		" position, updated_at, ready_before)"
		" SELECT CASE WHEN EXISTS(SELECT 1 FROM item WHERE id = json_extract(row, '$.id')) THEN NULL"
		"   ELSE json_extract(row, '$.id') END, json_extract(row, '$.checklist_id'),"
		" json_extract(row, '$.title'), json_extract(row, '$.qty'), json_extract(row, '$.qty_ready'),"
		" json_extract(row, '$.unit'), json_extract(row, '$.due'), json_extract(row, '$.done'),"
		" json_extract(row, '$.done_by'), json_extract(row, '$.done_at'), json_extract(row, '$.position'), " DB_NOW
		", json_extract(row, '$.ready_before') FROM trash WHERE id = ?1";
	static const char *sql_del = "DELETE FROM trash WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(b, sql_get);
	sqlite3_bind_int64(st, 1, trash);
	int64_t orig;
	int lists;
	int rc = model_row(st, "ciin", entity, (size_t)16, event, &orig, &lists);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "nothing with id %lld in the trash (see 'muster trash')",
						    (long long)trash)
					 : db_fail(b, rc);
	bool list_gone = lists == 0;
	bool task = !strcmp(entity, "task");
	rc = model_allow_event(b, *event, task ? "restore tasks in" : "restore items in");
	if (rc)
		return rc;
	if (!task && list_gone)
		return mu_fail(MU_DATA, "item #%lld cannot come back: its checklist is gone", (long long)orig);
	st = db_stmt(b, task ? sql_task : sql_item);
	sqlite3_bind_int64(st, 1, trash);
	if ((rc = db_exec_stmt(b, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(b->db);
	if (task) {
		st = db_stmt(b, sql_deps);
		sqlite3_bind_int64(st, 1, trash);
		sqlite3_bind_int64(st, 2, *id);
		if ((rc = db_exec_stmt(b, st)))
			return rc;
	}
	st = db_stmt(b, sql_del);
	sqlite3_bind_int64(st, 1, trash);
	return db_exec_stmt(b, st);
}

int trash_restore(struct board *b, int64_t trash, char entity[16], int64_t *new_id)
{
	int64_t id = 0, event = 0;
	char ent[16] = "";
	int rc = db_begin(b);
	if (rc)
		return rc;
	rc = model_trash_restore_row(b, trash, ent, &id, &event);
	char *snap = rc ? NULL : db_snapshot(b, model_snap_for(ent), id, NULL);
	if (!rc)
		rc = model_audit_undo(b, event, ent, id, "restore", NULL, snap, 0, NULL);
	free(snap);
	if (!rc)
		rc = db_commit(b);
	else
		db_rollback(b);
	if (!rc) {
		if (entity)
			memcpy(entity, ent, 16);
		if (new_id)
			*new_id = id;
	}
	return rc;
}
