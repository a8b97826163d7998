/* Events and their phases, roles and people: lists, lookups by id, key or
 * name, and removing a whole event. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/model.h"
#include "muster/people.h"

#define EVENT_COLS                                                                                 \
	"SELECT id, name, kind, objective, currency, start, end, budget, unit_price, ctr, cpm,"   \
	" created_at FROM event "

static void read_event(sqlite3_stmt *st, void *row, struct pool *pool)
{
	struct event *e = row;
	e->id = sqlite3_column_int64(st, 0);
	e->name = pool_strdup(pool, db_col_text(st, 1));
	e->kind = pool_strdup(pool, db_col_text(st, 2));
	e->objective = pool_strdup(pool, db_col_text(st, 3));
	e->currency = pool_strdup(pool, db_col_text(st, 4));
	db_col_date(st, 5, e->start);
	db_col_date(st, 6, e->end);
	e->budget = db_col_real(st, 7);
	e->unit_price = db_col_real(st, 8);
	e->ctr = db_col_real(st, 9);
	e->cpm = db_col_real(st, 10);
	e->created_at = pool_strdup(pool, db_col_text(st, 11));
}

int event_list(struct board *b, struct event_list *out)
{
	static const char *sql = EVENT_COLS "ORDER BY coalesce(start, '') DESC, id DESC";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_event(st, LIST_PUSH(out), &out->pool);
	}
	if ((rc = model_rows_end(b, st, rc)))
		event_list_free(out);
	return rc;
}

void event_list_free(struct event_list *l)
{ LIST_FREE(l); }

int event_find(struct board *b, const char *id_or_name, int64_t *id)
{
	static const char *sql_latest = "SELECT id FROM event ORDER BY id DESC LIMIT 1";
	static const char *sql_id = "SELECT id FROM event WHERE id = ?1";
	static const char *sql_name = "SELECT id FROM event WHERE name = ?2 ORDER BY id DESC LIMIT 1";
	int64_t want = 0;
	const char *sql = sql_latest;
	if (id_or_name && *id_or_name)
		sql = model_parse_id(id_or_name, &want) ? sql_id : sql_name;
	sqlite3_stmt *st = db_stmt(b, sql);
	if (sql == sql_id)
		sqlite3_bind_int64(st, 1, want);
	else if (sql == sql_name)
		sqlite3_bind_text(st, 2, id_or_name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	if (rc != SQLITE_DONE)
		return db_fail(b, rc);
	if (sql == sql_latest)
		return mu_fail(MU_DATA, "the board has no event yet; import a plan with 'muster import FILE.yaml'");
	return mu_fail(MU_DATA, "no event \"%s\" (see 'muster events')", id_or_name);
}

int event_get(struct board *b, int64_t id, struct event *out, struct pool *pool)
{
	static const char *sql = EVENT_COLS "WHERE id = ?1";
	return model_get(b, sql, id, "event", read_event, out, pool);
}

int event_delete(struct board *b, int64_t id)
{
	static const char *snap = "SELECT json_object('name', name, 'start', start), id FROM event WHERE id = ?1";
	static const char *sql = "DELETE FROM event WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "event", "remove", snap, id);
	if (rc)
		return rc;
	if ((rc = model_allow_event(b, id, "remove")))
		return db_change_end(b, &c, rc);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	return db_change_end(b, &c, db_exec_stmt(b, st));
}

int phase_list(struct board *b, int64_t event, struct phase_list *out)
{
	static const char *sql = "SELECT id, key, name, start, end FROM phase WHERE event_id = ?1"
				 " ORDER BY position, id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct phase *p = LIST_PUSH(out);
		p->id = sqlite3_column_int64(st, 0);
		p->key = pool_strdup(&out->pool, db_col_text(st, 1));
		p->name = pool_strdup(&out->pool, db_col_text(st, 2));
		db_col_date(st, 3, p->start);
		db_col_date(st, 4, p->end);
	}
	if ((rc = model_rows_end(b, st, rc)))
		phase_list_free(out);
	return rc;
}

void phase_list_free(struct phase_list *l)
{ LIST_FREE(l); }

int role_list(struct board *b, int64_t event, struct role_list *out)
{
	/* Counts from the tally the triggers keep (migration 4). */
	static const char *sql =
		"SELECT r.id, r.key, r.name, coalesce(k.total, 0), coalesce(k.done, 0)"
		" FROM role r LEFT JOIN task_tally k ON k.event_id = r.event_id AND k.role_id = r.id"
		" WHERE r.event_id = ?1 ORDER BY r.position, r.id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct role *r = LIST_PUSH(out);
		r->id = sqlite3_column_int64(st, 0);
		r->key = pool_strdup(&out->pool, db_col_text(st, 1));
		r->name = pool_strdup(&out->pool, db_col_text(st, 2));
		r->tasks_total = sqlite3_column_int64(st, 3);
		r->tasks_done = sqlite3_column_int64(st, 4);
	}
	if ((rc = model_rows_end(b, st, rc)))
		role_list_free(out);
	return rc;
}

void role_list_free(struct role_list *l)
{ LIST_FREE(l); }

/* Lookup by key, then by exact name, within one event. */
static int find_keyed(struct board *b, const char *sql, const char *what, int64_t event,
		      const char *key, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no %s \"%s\" in this event", what, key) : db_fail(b, rc);
}

int role_find(struct board *b, int64_t event, const char *key, int64_t *id)
{
	static const char *sql = "SELECT id FROM role WHERE event_id = ?1 AND (key = ?2 OR name = ?2)"
				 " ORDER BY key = ?2 DESC LIMIT 1";
	return find_keyed(b, sql, "role", event, key, id);
}

int phase_find(struct board *b, int64_t event, const char *key, int64_t *id)
{
	static const char *sql = "SELECT id FROM phase WHERE event_id = ?1 AND (key = ?2 OR name = ?2)"
				 " ORDER BY key = ?2 DESC LIMIT 1";
	return find_keyed(b, sql, "phase", event, key, id);
}

int person_list(struct board *b, int64_t event, struct person_list *out)
{
	static const char *sql =
		"SELECT p.id, p.login, p.name, p.access,"
		" coalesce((SELECT group_concat(key, ',') FROM (SELECT r.key FROM person_role pr"
		"   JOIN role r ON r.id = pr.role_id WHERE pr.person_id = p.id ORDER BY r.position)), '')"
		" FROM person p WHERE p.event_id = ?1 ORDER BY p.position, p.id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct person *p = LIST_PUSH(out);
		p->id = sqlite3_column_int64(st, 0);
		p->login = pool_strdup(&out->pool, db_col_text(st, 1));
		p->name = pool_strdup(&out->pool, db_col_text(st, 2));
		p->access = pool_strdup(&out->pool, db_col_text(st, 3));
		p->roles = pool_strdup(&out->pool, db_col_text(st, 4));
	}
	if ((rc = model_rows_end(b, st, rc)))
		person_list_free(out);
	return rc;
}

void person_list_free(struct person_list *l)
{ LIST_FREE(l); }
