/* One change to the board: BEGIN IMMEDIATE, the row's snapshot before and
 * after (JSON, cut to the keys the change wrote), the audit row, COMMIT;
 * an unchanged row rolls back and writes nothing. */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/err.h"
#include "muster/xalloc.h"

int db_snapshot_rc(struct board *b, const char *sql, int64_t id, int64_t *event, char **out)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	*out = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(st, 0);
		if (!s && sqlite3_errcode(b->db) == SQLITE_NOMEM)
			rc = SQLITE_NOMEM;
		else
			*out = xstrdup(s ? (const char *)s : "");
		if (event)
			*event = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

char *db_snapshot(struct board *b, const char *sql, int64_t id, int64_t *event)
{
	char *r;
	db_snapshot_rc(b, sql, id, event, &r);
	return r;
}

int db_change_begin(struct board *b, struct change *c, const char *entity, const char *action,
		    const char *snap, int64_t id)
{
	*c = (struct change){.entity = entity, .action = action, .snap = snap, .id = id};
	int rc = db_begin(b);
	if (rc || !id)
		return rc;
	if ((rc = db_snapshot_rc(b, snap, id, &c->event, &c->old)) || !c->old) {
		db_rollback(b);
		return rc ? rc : mu_fail(MU_DATA, "no %s with id %lld", entity, (long long)id);
	}
	return MU_OK;
}

/* The members of the JSON object snap named in the JSON array keys. */
static char *pick_keys(struct board *b, char *snap, const char *keys)
{
	static const char *sql = "SELECT json_group_object(j.key, j.value) FROM json_each(?1) j"
				 " WHERE j.key IN (SELECT value FROM json_each(?2))";
	if (!snap)
		return NULL;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, snap, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, keys, -1, SQLITE_STATIC);
	char *r = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	free(snap);
	return r;
}

int db_change_end(struct board *b, struct change *c, int rc)
{
	char *new_ = NULL;
	if (!rc) {
		rc = db_snapshot_rc(b, c->snap, c->id, c->event ? NULL : &c->event, &new_);
		if (!rc && c->keys) {
			bool had_old = c->old != NULL, had_new = new_ != NULL;
			c->old = pick_keys(b, c->old, c->keys);
			new_ = pick_keys(b, new_, c->keys);
			if ((had_old && !c->old) || (had_new && !new_))
				rc = db_fail(b, sqlite3_errcode(b->db));
		}
	}
	if (!rc) {
		if (!c->always && c->old && new_ && !strcmp(c->old, new_)) {
			db_rollback(b); /* nothing changed: no audit row */
			goto out;
		}
		rc = db_audit(b, c->event, c->entity, c->id, c->action, c->old, new_);
		if (!rc)
			rc = db_commit(b);
	}
	if (rc)
		db_rollback(b);
out:
	free(c->old);
	free(new_);
	c->old = NULL;
	return rc;
}

int db_audit(struct board *b, int64_t event, const char *entity, int64_t id, const char *action,
	     const char *old, const char *new_)
{
	static const char *sql = "INSERT INTO log(actor, event_id, entity, entity_id, action, old, new, account)"
				 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	if (!b->actor || !b->account)
		return mu_fail(MU_DENIED, "%s: nobody is settled as the actor; nothing written", b->path);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, b->account, -1, SQLITE_STATIC);
	if (event)
		sqlite3_bind_int64(st, 2, event);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	if (id)
		sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	db_bind_text(st, 6, old);
	db_bind_text(st, 7, new_);
	return db_exec_stmt(b, st);
}
