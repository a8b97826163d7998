/* Undo of one's own last change, from the audit log's old/new JSON
 * snapshots (read with json_extract, no JSON parser in C): the reverse
 * change of a task, item or metric, or a removal / restore taken back.
 * Each undo is one BEGIN IMMEDIATE transaction with its audit row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/history.h"
#include "muster/model.h"
#include "muster/people.h"

const char *model_snap_for(const char *entity)
{
	return !strcmp(entity, "task") ? model_task_snap : !strcmp(entity, "item") ? model_item_snap : model_metric_snap;
}

int model_audit_undo(struct board *b, int64_t event, const char *entity, int64_t id, const char *action,
		     const char *old, const char *new_, int64_t undoes, int64_t *log_id)
{
	static const char *sql = "INSERT INTO log(actor, event_id, entity, entity_id, action, old, new, undoes, account)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	if (!b->actor || !b->account)
		return mu_fail(MU_DENIED, "%s: nobody is settled as the actor; nothing written", b->path);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, b->account, -1, SQLITE_STATIC);
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
		bool notes_only = false;
		model_row(st, "b", &notes_only);
		if (notes_only)
			op = OP_NOTES;
	}
	int rc = model_allow_task(b, id, op);
	if (rc)
		return rc;
	if (op == OP_MOVE) { /* swap back with the task that took the old place */
		sqlite3_stmt *st = db_stmt(b, sql_other);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, old);
		int64_t other = 0;
		model_row(st, "i", &other);
		static const char *sql_new = "SELECT json_extract(?1, '$.position'), json_extract(?2, '$.position')";
		st = db_stmt(b, sql_new);
		db_bind_text(st, 1, old);
		db_bind_text(st, 2, new_);
		int64_t was = 0, now = 0;
		model_row(st, "ii", &was, &now);
		if (other && (rc = model_task_place(b, other, now)))
			return rc;
		return model_task_place(b, id, was);
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
	int rc = model_allow_event(b, event, "change the metrics of");
	if (rc)
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, old);
	if ((rc = db_exec_stmt(b, st)))
		return rc;
	return model_metric_sample(b, id);
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
	int rc = model_row(st, "icicssi", &c->id, c->entity, sizeof c->entity, &c->entity_id, c->action,
			   sizeof c->action, &c->old, &c->new_, &c->event);
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
	*trash = 0;
	int rc = model_row(st, "i", trash);
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
		before = db_snapshot(b, model_snap_for(c.entity), id, NULL);
		if (!strcmp(c.action, "add") || !strcmp(c.action, "restore")) {
			rc = before ? remove_row(b, c.entity, id)
				    : mu_fail(MU_DATA, "%s #%lld is gone already; nothing undone", c.entity, (long long)id);
			snprintf(r.what, sizeof r.what, "removed again (see 'muster trash')");
		} else if (!strcmp(c.action, "remove")) {
			int64_t trash, ev;
			char ent[16];
			rc = latest_trash(b, c.entity, id, &trash);
			if (!rc)
				rc = model_trash_restore_row(b, trash, ent, &id, &ev);
			if (!rc)
				snprintf(r.what, sizeof r.what, id == c.entity_id ? "restored" : "restored as #%lld",
					 (long long)id);
		} else if (!before) {
			rc = mu_fail(MU_DATA, "%s #%lld is gone; nothing undone", c.entity, (long long)id);
		} else {
			rc = task ? revert_task(b, id, c.action, c.old, c.new_) : revert_item(b, id, c.action, c.old);
		}
	} else if (!rc) {
		before = db_snapshot(b, model_metric_snap, id, NULL);
		rc = before ? revert_metric(b, id, c.event, c.old)
			    : mu_fail(MU_DATA, "metric #%lld is gone; nothing undone", (long long)id);
	}
	if (!rc) {
		after = db_snapshot(b, model_snap_for(c.entity), id, NULL);
		if (!r.what[0])
			model_change_summary(b, before, after, r.what, sizeof r.what);
		rc = model_audit_undo(b, c.event, c.entity, id, "undo", before, after, c.id, &r.undo_id);
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
