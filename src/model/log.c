/* Reading the audit log (rows are written by db_audit inside each change). */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/log.h"

int log_query(struct board *b, const struct log_query *q, struct log_list *out)
{
	/* The newest `limit` rows, returned oldest first. */
	static const char *sql =
		"SELECT * FROM (SELECT id, coalesce(event_id, 0), coalesce(entity_id, 0), at, actor,"
		" entity, action, old, new FROM log"
		" WHERE (?1 = 0 OR event_id = ?1) AND (?2 IS NULL OR at >= ?2)"
		" AND (?3 IS NULL OR actor = ?3) ORDER BY id DESC LIMIT ?4) ORDER BY id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, q->event_id);
	db_bind_text(st, 2, q->since);
	db_bind_text(st, 3, q->actor);
	sqlite3_bind_int64(st, 4, q->limit ? (sqlite3_int64)q->limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct log_entry *e = LIST_PUSH(out);
		e->id = sqlite3_column_int64(st, 0);
		e->event_id = sqlite3_column_int64(st, 1);
		e->entity_id = sqlite3_column_int64(st, 2);
		e->at = pool_strdup(&out->pool, db_col_text(st, 3));
		e->actor = pool_strdup(&out->pool, db_col_text(st, 4));
		e->entity = pool_strdup(&out->pool, db_col_text(st, 5));
		e->action = pool_strdup(&out->pool, db_col_text(st, 6));
		e->old = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : pool_strdup(&out->pool, db_col_text(st, 7));
		e->new_ = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : pool_strdup(&out->pool, db_col_text(st, 8));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void log_list_free(struct log_list *l) { LIST_FREE(l); }
