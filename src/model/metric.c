/* Metrics: funnel stages and budget lines with target and actual; every
 * set/add also appends a sample (time, value, actor) for the history. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/metric.h"
#include "muster/model.h"
#include "muster/people.h"

int metric_list(struct board *b, int64_t event, size_t history_len, struct metric_list *out)
{
	static const char *sql =
		"SELECT id, event_id, kind, name, target, rate, actual, position FROM metric"
		" WHERE event_id = ?1 ORDER BY kind = 'budget', position, id";
	static const char *sql_hist =
		"SELECT value FROM (SELECT id, value FROM sample WHERE metric_id = ?1"
		" ORDER BY id DESC LIMIT ?2) ORDER BY id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct metric *m = LIST_PUSH(out);
		memset(m, 0, sizeof *m);
		m->id = sqlite3_column_int64(st, 0);
		m->event_id = sqlite3_column_int64(st, 1);
		m->kind = strcmp(db_col_text(st, 2), "budget") ? METRIC_STAGE : METRIC_BUDGET;
		m->name = pool_strdup(&out->pool, db_col_text(st, 3));
		m->target = db_col_real(st, 4);
		m->rate = db_col_real(st, 5);
		m->actual = db_col_real(st, 6);
		m->position = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	for (size_t i = 0; rc == SQLITE_DONE && history_len && i < out->n; i++) {
		struct metric *m = &out->v[i];
		m->history = pool_alloc(&out->pool, history_len * sizeof *m->history);
		st = db_stmt(b, sql_hist);
		sqlite3_bind_int64(st, 1, m->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)history_len);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			m->history[m->nhistory++] = sqlite3_column_double(st, 0);
		sqlite3_reset(st);
	}
	if (rc != SQLITE_DONE) {
		metric_list_free(out);
		return db_fail(b, rc);
	}
	return MU_OK;
}

void metric_list_free(struct metric_list *l) { LIST_FREE(l); }

int model_metric_id(struct board *b, int64_t event, const char *name, int64_t *id)
{
	static const char *sql = "SELECT id FROM metric WHERE event_id = ?1 AND name = ?2"
				 " ORDER BY kind = 'budget' LIMIT 1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	return model_row(st, "i", id);
}

int metric_find(struct board *b, int64_t event, const char *name, int64_t *id)
{
	int rc = model_metric_id(b, event, name, id);
	if (rc == SQLITE_ROW)
		return MU_OK;
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no metric \"%s\" in this event (see 'muster metrics')", name)
				 : db_fail(b, rc);
}

/* The audit snapshot, shared with undo. */
const char *const model_metric_snap = "SELECT json_object('actual', actual), event_id FROM metric WHERE id = ?1";

int model_metric_sample(struct board *b, int64_t id)
{
	static const char *sql = "INSERT INTO sample(metric_id, value, actor)"
				 " SELECT id, actual, ?2 FROM metric WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	return db_exec_stmt(b, st);
}

static int change_actual(struct board *b, int64_t id, const char *action, const char *sql, double v)
{
	if (!isfinite(v) || fabs(v) > 1e15)
		return mu_fail(MU_DATA, "metric value out of range");
	struct change c;
	int rc = db_change_begin(b, &c, "metric", action, model_metric_snap, id);
	if (rc)
		return rc;
	c.always = true; /* every reading is a sample, even an unchanged value */
	if ((rc = model_allow_event(b, c.event, "change the metrics of")))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_double(st, 2, v);
	rc = db_exec_stmt(b, st);
	if (!rc)
		rc = model_metric_sample(b, id);
	return db_change_end(b, &c, rc);
}

int metric_set(struct board *b, int64_t id, double value)
{
	static const char *sql = "UPDATE metric SET actual = ?2,"
				 " updated_at = " DB_NOW " WHERE id = ?1";
	return change_actual(b, id, "set", sql, value);
}

int metric_add(struct board *b, int64_t id, double delta)
{
	static const char *sql = "UPDATE metric SET actual = actual + ?2,"
				 " updated_at = " DB_NOW " WHERE id = ?1";
	return change_actual(b, id, "add", sql, delta);
}
