/* Conflict reports for edit forms ("eve changed task #12 at 14:02 since
 * you read it"), read from the audit log's old/new JSON snapshots, and the
 * one-line summary of a change ("status: todo → done") that undo shares. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/history.h"
#include "muster/model.h"

/* "status: todo → done, owner: - → bob": the keys of new whose value
 * differs from old (old NULL: every key of new). */
void model_change_summary(struct board *b, const char *old, const char *new_, char *out, size_t size)
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

void conflict_free(struct conflict *c)
{
	if (!c)
		return;
	free(c->actor);
	free(c->at);
	free(c->what);
	memset(c, 0, sizeof *c);
}

int model_unchanged(struct board *b, const char *entity, const char *sql, int64_t id, const char *expected,
		    struct conflict *out)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	bool same = sqlite3_step(st) == SQLITE_ROW && !strcmp(db_col_text(st, 0), expected);
	sqlite3_reset(st);
	return same ? MU_OK : model_conflict(b, entity, id, expected, out);
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
			/* model_change_summary() uses another statement: st stays positioned */
			model_change_summary(b, old, new_, sum, sizeof sum);
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
