/* Presence heartbeats in the session table (migration 3): one row per
 * (host, pid), written outside the audit log, with a short lock wait so a
 * busy board never stalls the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/db.h"
#include "muster/model.h"
#include "muster/presence.h"

/* Now in whole seconds since the epoch, as the heartbeats are kept. */
#define NOW_S "CAST(strftime('%s', 'now') AS INTEGER)"

static void host_name(char out[256])
{
	if (gethostname(out, 256) != 0 || !*out)
		snprintf(out, 256, "localhost");
	out[255] = '\0';
}

/* Run one statement with the busy wait cut to 200 ms. */
static int quick(struct board *b, sqlite3_stmt *st)
{
	int saved = b->busy_ms;
	b->busy_ms = saved < 200 ? saved : 200;
	int rc = db_exec_stmt(b, st);
	b->busy_ms = saved;
	return rc;
}

int presence_beat(struct board *b, int64_t event, const char *pane)
{
	static const char *sql =
		"INSERT INTO session(login, host, pid, pane, event_id, heartbeat)"
		" VALUES (?1, ?2, ?3, ?4, ?5, " NOW_S ")"
		" ON CONFLICT(host, pid) DO UPDATE SET login = excluded.login, pane = excluded.pane,"
		" event_id = excluded.event_id, heartbeat = excluded.heartbeat";
	static const char *sql_sweep =
		"DELETE FROM session WHERE heartbeat < " NOW_S " - 3600";
	char host[256];
	host_name(host);
	if (pane && model_check_text("pane", pane, 0, MODEL_NAME_MAX))
		return mu_errcode();
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, b->actor, -1, SQLITE_STATIC);
	db_bind_text(st, 2, host);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)getpid());
	db_bind_text(st, 4, pane ? pane : "");
	if (event)
		sqlite3_bind_int64(st, 5, event);
	int rc = quick(b, st);
	if (!rc)
		rc = quick(b, db_stmt(b, sql_sweep));
	return rc;
}

int presence_leave(struct board *b)
{
	static const char *sql = "DELETE FROM session WHERE host = ?1 AND pid = ?2";
	char host[256];
	host_name(host);
	sqlite3_stmt *st = db_stmt(b, sql);
	db_bind_text(st, 1, host);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)getpid());
	return quick(b, st);
}

int presence_list(struct board *b, int64_t event, struct presence_list *out)
{
	static const char *sql =
		"SELECT login, host, pane, pid, coalesce(event_id, 0),"
		" " NOW_S " - heartbeat, host = ?2 AND pid = ?3 FROM session"
		" WHERE heartbeat >= " NOW_S " - ?4 AND (?1 = 0 OR event_id = ?1)"
		" ORDER BY login, host, pid";
	char host[256];
	host_name(host);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	db_bind_text(st, 2, host);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)getpid());
	sqlite3_bind_int(st, 4, PRESENCE_STALE_S);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct presence *p = LIST_PUSH(out);
		p->login = pool_strdup(&out->pool, db_col_text(st, 0));
		p->host = pool_strdup(&out->pool, db_col_text(st, 1));
		p->pane = pool_strdup(&out->pool, db_col_text(st, 2));
		p->pid = sqlite3_column_int64(st, 3);
		p->event_id = sqlite3_column_int64(st, 4);
		p->age_s = sqlite3_column_int(st, 5);
		p->self = sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		presence_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void presence_list_free(struct presence_list *l) { LIST_FREE(l); }

int64_t board_change_counter(struct board *b)
{
	static const char *sql = "SELECT coalesce(max(id), 0) FROM log";
	return db_query_int64(b, sql);
}
