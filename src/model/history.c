/* Undo, trash and conflict reports, all from data SQLite already keeps:
 * the audit log's old/new JSON snapshots (read with json_extract, no JSON
 * parser in C) and the trash table's JSON rows.  Each undo or restore is one
 * BEGIN IMMEDIATE transaction with its audit row, like every change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/history.h"
#include "muster/model.h"
#include "muster/people.h"

static const char *snap_task =
	"SELECT json_object('title', t.title, 'status', t.status, 'owner', t.owner, 'due', t.due,"
	" 'role', r.key, 'phase', p.key, 'notes', t.notes, 'position', t.position), t.event_id"
	" FROM task t LEFT JOIN role r ON r.id = t.role_id LEFT JOIN phase p ON p.id = t.phase_id"
	" WHERE t.id = ?1";
static const char *snap_item =
	"SELECT json_object('title', i.title, 'qty', i.qty, 'qty_ready', i.qty_ready, 'unit', i.unit,"
	" 'due', i.due, 'done', i.done, 'checklist', c.name, 'ready_before', i.ready_before), c.event_id"
	" FROM item i JOIN checklist c ON c.id = i.checklist_id WHERE i.id = ?1";
static const char *snap_metric = "SELECT json_object('actual', actual), event_id FROM metric WHERE id = ?1";

static const char *snap_for(const char *entity)
{
	return !strcmp(entity, "task") ? snap_task : !strcmp(entity, "item") ? snap_item : snap_metric;
}

/* "status: todo → done, owner: - → bob": the keys of new whose value
 * differs from old (old NULL: every key of new). */
static void summary(struct board *b, const char *old, const char *new_, char *out, size_t size)
{
	static const char *sql =
		"SELECT group_concat(k, ', ') FROM (SELECT n.key || ': '"
		" || coalesce(json_extract(?1, '$.\"' || n.key || '\"'), '-') || ' → ' || coalesce(n.value, '-') AS k"
		" FROM json_each(?2) n WHERE n.value IS NOT json_extract(?1, '$.\"' || n.key || '\"')"
		" AND n.key <> 'ready_before')"; /* bookkeeping, not news */
	out[0] = '\0';
	if (!new_)
		return;
	sqlite3_stmt *st = db_stmt(b, sql);
	db_bind_text(st, 1, old);
	db_bind_text(st, 2, new_);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, size, "%s", db_col_text(st, 0));
	sqlite3_reset(st);
}

/* ---- trash ---- */

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
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
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
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
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
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		trash_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void trash_list_free(struct trash_list *l) { LIST_FREE(l); }

/* Inside a transaction: trash row → task or item again; *id = its id. */
static int restore_row(struct board *b, int64_t trash, char entity[16], int64_t *id, int64_t *event)
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
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "nothing with id %lld in the trash (see 'muster trash')",
						    (long long)trash)
					 : db_fail(b, rc);
	}
	snprintf(entity, 16, "%s", db_col_text(st, 0));
	*event = sqlite3_column_int64(st, 1);
	int64_t orig = sqlite3_column_int64(st, 2);
	bool list_gone = sqlite3_column_int(st, 3) == 0;
	sqlite3_reset(st);
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

static int audit_undo(struct board *b, int64_t event, const char *entity, int64_t id, const char *action,
		      const char *old, const char *new_, int64_t undoes, int64_t *log_id)
{
	static const char *sql = "INSERT INTO log(actor, event_id, entity, entity_id, action, old, new, undoes)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, b->actor, -1, SQLITE_STATIC);
	if (event)
		sqlite3_bind_int64(st, 2, event);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	db_bind_text(st, 6, old);
	db_bind_text(st, 7, new_);
	if (undoes)
		sqlite3_bind_int64(st, 8, undoes);
	int rc = db_exec_stmt(b, st);
	if (!rc && log_id)
		*log_id = sqlite3_last_insert_rowid(b->db);
	return rc;
}

int trash_restore(struct board *b, int64_t trash, char entity[16], int64_t *new_id)
{
	int64_t id = 0, event = 0;
	char ent[16] = "";
	int rc = db_begin(b);
	if (rc)
		return rc;
	rc = restore_row(b, trash, ent, &id, &event);
	char *snap = rc ? NULL : db_snapshot(b, snap_for(ent), id, NULL);
	if (!rc)
		rc = audit_undo(b, event, ent, id, "restore", NULL, snap, 0, NULL);
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

/* ---- undo ---- */

static int remove_row(struct board *b, const char *entity, int64_t id)
{
	static const char *sql_task = "DELETE FROM task WHERE id = ?1";
	static const char *sql_item = "DELETE FROM item WHERE id = ?1";
	bool task = !strcmp(entity, "task");
	int rc = task ? model_allow_task(b, id, OP_REMOVE) : model_allow_item(b, id, OP_REMOVE);
	if (!rc)
		rc = task ? model_trash_task(b, id) : model_trash_item(b, id);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, task ? sql_task : sql_item);
		sqlite3_bind_int64(st, 1, id);
		rc = db_exec_stmt(b, st);
	}
	return rc;
}

/* Fields of the task back to the snapshot old (keys it lacks stay). */
static int revert_task(struct board *b, int64_t id, const char *action, const char *old, const char *new_)
{
	static const char *sql =
		"UPDATE task SET"
		" title = coalesce(json_extract(?2, '$.title'), title),"
		" status = coalesce(json_extract(?2, '$.status'), status),"
		" owner = CASE WHEN json_type(?2, '$.owner') IS NULL THEN owner"
		"   ELSE coalesce(json_extract(?2, '$.owner'), '') END,"
		" due = CASE WHEN json_type(?2, '$.due') IS NULL THEN due ELSE json_extract(?2, '$.due') END,"
		" notes = CASE WHEN json_type(?2, '$.notes') IS NULL THEN notes"
		"   ELSE coalesce(json_extract(?2, '$.notes'), '') END,"
		" role_id = CASE WHEN json_type(?2, '$.role') IS NULL THEN role_id ELSE (SELECT r.id FROM role r"
		"   WHERE r.event_id = task.event_id AND r.key = json_extract(?2, '$.role')) END,"
		" phase_id = CASE WHEN json_type(?2, '$.phase') IS NULL THEN phase_id ELSE (SELECT p.id FROM phase p"
		"   WHERE p.event_id = task.event_id AND p.key = json_extract(?2, '$.phase')) END,"
		" updated_at = " DB_NOW " WHERE id = ?1";
	static const char *sql_notes_only =
		"SELECT json_remove(?1, '$.notes') IS json_remove(?2, '$.notes')";
	static const char *sql_other =
		"SELECT o.id FROM task o JOIN task t ON t.id = ?1 WHERE o.event_id = t.event_id"
		" AND o.role_id IS t.role_id AND o.position = json_extract(?2, '$.position') AND o.id <> ?1 LIMIT 1";
	static const char *sql_pos = "UPDATE task SET position = ?2 WHERE id = ?1";
	enum access_op op = OP_EDIT;
	if (!strcmp(action, "assign"))
		op = OP_ASSIGN;
	else if (!strcmp(action, "move"))
		op = OP_MOVE;
	else if (strcmp(action, "edit") != 0)
		op = OP_STATUS;
	if (op == OP_EDIT) {
		sqlite3_stmt *st = db_stmt(b, sql_notes_only);
		db_bind_text(st, 1, old);
		db_bind_text(st, 2, new_);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0))
			op = OP_NOTES;
		sqlite3_reset(st);
	}
	int rc = model_allow_task(b, id, op);
	if (rc)
		return rc;
	if (op == OP_MOVE) { /* swap back with the task that took the old place */
		sqlite3_stmt *st = db_stmt(b, sql_other);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, old);
		int64_t other = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		static const char *sql_new = "SELECT json_extract(?1, '$.position'), json_extract(?2, '$.position')";
		st = db_stmt(b, sql_new);
		db_bind_text(st, 1, old);
		db_bind_text(st, 2, new_);
		int64_t was = 0, now = 0;
		if (sqlite3_step(st) == SQLITE_ROW) {
			was = sqlite3_column_int64(st, 0);
			now = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
		if (other) {
			st = db_stmt(b, sql_pos);
			sqlite3_bind_int64(st, 1, other);
			sqlite3_bind_int64(st, 2, now);
			if ((rc = db_exec_stmt(b, st)))
				return rc;
		}
		st = db_stmt(b, sql_pos);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, was);
		return db_exec_stmt(b, st);
	}
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, old);
	return db_exec_stmt(b, st);
}

static int revert_item(struct board *b, int64_t id, const char *action, const char *old)
{
	static const char *sql =
		"UPDATE item SET title = coalesce(json_extract(?2, '$.title'), title),"
		" qty = coalesce(json_extract(?2, '$.qty'), qty),"
		" qty_ready = coalesce(json_extract(?2, '$.qty_ready'), qty_ready),"
		" unit = coalesce(json_extract(?2, '$.unit'), unit),"
		" due = CASE WHEN json_type(?2, '$.due') IS NULL THEN due ELSE json_extract(?2, '$.due') END,"
		" done = coalesce(json_extract(?2, '$.done'), done),"
		" done_by = CASE WHEN coalesce(json_extract(?2, '$.done'), done) THEN"
		"   CASE WHEN done THEN done_by ELSE ?3 END END,"
		" done_at = CASE WHEN coalesce(json_extract(?2, '$.done'), done) THEN"
		"   CASE WHEN done THEN done_at ELSE " DB_NOW " END END,"
		" ready_before = CASE WHEN NOT coalesce(json_extract(?2, '$.done'), done) THEN NULL"
		"   WHEN json_type(?2, '$.ready_before') IS NULL THEN ready_before"
		"   ELSE json_extract(?2, '$.ready_before') END,"
		" updated_at = " DB_NOW " WHERE id = ?1";
	/* a tick, untick or set of the ready quantity is undone as one (staff
	 * may), anything else as an edit */
	bool tick = strcmp(action, "edit") != 0;
	int rc = model_allow_item(b, id, tick ? OP_TICK : OP_EDIT);
	if (rc)
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, old);
	sqlite3_bind_text(st, 3, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
}

static int revert_metric(struct board *b, int64_t id, int64_t event, const char *old)
{
	static const char *sql = "UPDATE metric SET actual = coalesce(json_extract(?2, '$.actual'), actual),"
				 " updated_at = " DB_NOW " WHERE id = ?1";
	static const char *sql_sample = "INSERT INTO sample(metric_id, value, actor)"
					" SELECT id, actual, ?2 FROM metric WHERE id = ?1";
	int rc = model_allow_event(b, event, "change the metrics of");
	if (rc)
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, old);
	if ((rc = db_exec_stmt(b, st)))
		return rc;
	st = db_stmt(b, sql_sample);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
}

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* The change undo_last would take back, inside the transaction. */
struct candidate {
	int64_t id, entity_id, event;
	char entity[16], action[16];
	char *old, *new_;
};

static int find_candidate(struct board *b, int64_t event, struct candidate *c)
{
	static const char *sql =
		"SELECT l.id, l.entity, coalesce(l.entity_id, 0), l.action, l.old, l.new, coalesce(l.event_id, 0)"
		" FROM log l WHERE l.actor = ?1 AND l.action <> 'undo' AND (?2 = 0 OR l.event_id = ?2)"
		" AND NOT EXISTS(SELECT 1 FROM log u WHERE u.undoes = l.id)"
		/* a row whose snapshots are not JSON (written by another tool) is
		 * no change undo can take back: it must not stop every undo */
		" AND (l.old IS NULL OR json_valid(l.old)) AND (l.new IS NULL OR json_valid(l.new))"
		" ORDER BY l.id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, event);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		snprintf(c->entity, sizeof c->entity, "%s", db_col_text(st, 1));
		c->entity_id = sqlite3_column_int64(st, 2);
		snprintf(c->action, sizeof c->action, "%s", db_col_text(st, 3));
		c->old = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, 4));
		c->new_ = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, 5));
		c->event = sqlite3_column_int64(st, 6);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mu_fail(MU_DATA, "%s has no change left to undo%s", b->actor, event ? " in this event" : "");
	return rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

/* Somebody else changed the record after row `since`: MU_CONFLICT. */
static int check_since(struct board *b, const struct candidate *c)
{
	static const char *sql = "SELECT actor, strftime('%H:%M', at, 'localtime') FROM log"
				 " WHERE entity = ?1 AND entity_id = ?2 AND id > ?3 AND actor <> ?4"
				 " ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, c->entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->entity_id);
	sqlite3_bind_int64(st, 3, c->id);
	sqlite3_bind_text(st, 4, b->actor, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = mu_fail(MU_CONFLICT, "%s changed %s #%lld at %s since; nothing undone", db_col_text(st, 0),
			     c->entity, (long long)c->entity_id, db_col_text(st, 1));
	else
		rc = rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
	sqlite3_reset(st);
	return rc;
}

static int latest_trash(struct board *b, const char *entity, int64_t orig, int64_t *trash)
{
	static const char *sql = "SELECT id FROM trash WHERE entity = ?1 AND orig_id = ?2 ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, orig);
	int rc = sqlite3_step(st);
	*trash = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return mu_fail(MU_DATA, "%s #%lld is no longer in the trash; nothing undone", entity, (long long)orig);
	return rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

int undo_last(struct board *b, int64_t event, struct undo_result *out)
{
	static const char *const task_actions[] = {"todo", "doing", "blocked", "done", "assign", "edit", "move",
						   "add", "remove", "restore", NULL};
	static const char *const item_actions[] = {"tick", "untick", "set", "edit", "add", "remove", "restore", NULL};
	static const char *const metric_actions[] = {"set", "add", NULL};
	struct candidate c = {0};
	struct undo_result r;
	memset(&r, 0, sizeof r);
	int rc = db_begin(b);
	if (rc)
		return rc;
	rc = find_candidate(b, event, &c);
	bool task = !strcmp(c.entity, "task"), item = !strcmp(c.entity, "item"), metric = !strcmp(c.entity, "metric");
	if (!rc && !strcmp(c.action, "import"))
		rc = mu_fail(MU_DATA, "your last change imported event #%lld; undo does not take back an import"
				      " (nothing undone)", (long long)c.entity_id);
	else if (!rc && !((task && is_one_of(c.action, task_actions)) || (item && is_one_of(c.action, item_actions)) ||
			  (metric && is_one_of(c.action, metric_actions))))
		rc = mu_fail(MU_DATA, "your last change (%s %s #%lld) is not one undo takes back; nothing undone",
			     c.entity, c.action, (long long)c.entity_id);
	if (!rc)
		rc = check_since(b, &c);
	char *before = NULL, *after = NULL;
	int64_t id = c.entity_id;
	if (!rc && (task || item)) {
		before = db_snapshot(b, snap_for(c.entity), id, NULL);
		if (!strcmp(c.action, "add") || !strcmp(c.action, "restore")) {
			rc = before ? remove_row(b, c.entity, id)
				    : mu_fail(MU_DATA, "%s #%lld is gone already; nothing undone", c.entity, (long long)id);
			snprintf(r.what, sizeof r.what, "removed again (see 'muster trash')");
		} else if (!strcmp(c.action, "remove")) {
			int64_t trash, ev;
			char ent[16];
			rc = latest_trash(b, c.entity, id, &trash);
			if (!rc)
				rc = restore_row(b, trash, ent, &id, &ev);
			if (!rc)
				snprintf(r.what, sizeof r.what, id == c.entity_id ? "restored" : "restored as #%lld",
					 (long long)id);
		} else if (!before) {
			rc = mu_fail(MU_DATA, "%s #%lld is gone; nothing undone", c.entity, (long long)id);
		} else {
			rc = task ? revert_task(b, id, c.action, c.old, c.new_) : revert_item(b, id, c.action, c.old);
		}
	} else if (!rc) {
		before = db_snapshot(b, snap_metric, id, NULL);
		rc = before ? revert_metric(b, id, c.event, c.old)
			    : mu_fail(MU_DATA, "metric #%lld is gone; nothing undone", (long long)id);
	}
	if (!rc) {
		after = db_snapshot(b, snap_for(c.entity), id, NULL);
		if (!r.what[0])
			summary(b, before, after, r.what, sizeof r.what);
		rc = audit_undo(b, c.event, c.entity, id, "undo", before, after, c.id, &r.undo_id);
	}
	if (!rc)
		rc = db_commit(b);
	else
		db_rollback(b);
	if (!rc && out) {
		r.log_id = c.id;
		memcpy(r.entity, c.entity, sizeof r.entity);
		memcpy(r.action, c.action, sizeof r.action);
		r.entity_id = id;
		*out = r;
	}
	free(before);
	free(after);
	free(c.old);
	free(c.new_);
	return rc;
}

/* ---- conflicts ---- */

void conflict_free(struct conflict *c)
{
	if (!c)
		return;
	free(c->actor);
	free(c->at);
	free(c->what);
	memset(c, 0, sizeof *c);
}

int model_conflict(struct board *b, const char *entity, int64_t id, const char *expected, struct conflict *out)
{
	/* The change that wrote `expected` logs a few microseconds after it;
	 * 20 ms keeps it out of "since". */
	static const char *sql_since =
		"SELECT actor, strftime('%H:%M', at, 'localtime'), action, old, new FROM log"
		" WHERE entity = ?1 AND entity_id = ?2 AND julianday(at) > julianday(?3) + 0.02 / 86400.0"
		" ORDER BY id";
	static const char *sql_last =
		"SELECT actor, strftime('%H:%M', at, 'localtime'), action, old, new FROM log"
		" WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1";
	struct strbuf what = STRBUF_INIT;
	char actor[MODEL_NAME_MAX + 1] = "someone", at[16] = "?";
	int n = 0;
	for (int pass = 0; pass < 2 && n == 0; pass++) {
		sqlite3_stmt *st = db_stmt(b, pass ? sql_last : sql_since);
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		if (!pass)
			db_bind_text(st, 3, expected ? expected : "");
		while (sqlite3_step(st) == SQLITE_ROW) {
			char sum[512];
			char *old = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, 3));
			char *new_ = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL : xstrdup(db_col_text(st, 4));
			snprintf(actor, sizeof actor, "%s", db_col_text(st, 0));
			snprintf(at, sizeof at, "%s", db_col_text(st, 1));
			char action[32];
			snprintf(action, sizeof action, "%s", db_col_text(st, 2));
			/* summary() uses another statement: st stays positioned */
			summary(b, old, new_, sum, sizeof sum);
			sb_addf(&what, "%s%s %s%s%s", n ? "; " : "", actor, action, *sum ? ": " : "", sum);
			free(old);
			free(new_);
			n++;
		}
		sqlite3_reset(st);
	}
	int rc = mu_fail(MU_CONFLICT, "%s changed %s #%lld at %s since you read it (%s); nothing saved", actor, entity,
			 (long long)id, at, sb_str(&what));
	if (out) {
		out->actor = xstrdup(actor);
		out->at = xstrdup(at);
		out->what = xstrdup(sb_str(&what));
		out->changes = n;
	} else {
		sb_free(&what);
		return rc;
	}
	sb_free(&what);
	return rc;
}
