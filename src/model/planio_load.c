/* An event back out of the board as a struct plan, for export and
 * templates: every row of the event, in position order, with the keys a
 * re-import needs (an ambiguous dependency target gets one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/planio.h"

/* A query of the event's rows: sql with ?1 = the event. */
static sqlite3_stmt *event_rows(struct board *b, const char *sql, int64_t ev)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, ev);
	return st;
}

/* Optional text: "" reads back as absent (NULL), as the parser gives it. */
static char *opt_text(struct pool *pool, sqlite3_stmt *st, int i)
{
	const char *s = db_col_text(st, i);
	return *s ? pool_strdup(pool, s) : NULL;
}

struct id_index {
	int64_t id;
	size_t index;
};

static int cmp_id_index(const void *a, const void *b)
{
	int64_t x = ((const struct id_index *)a)->id, y = ((const struct id_index *)b)->id;
	return (x > y) - (x < y);
}

static int cmp_title(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool title_taken(char *const *sorted, size_t n, const char *s)
{
	return n && bsearch(&s, sorted, n, sizeof *sorted, cmp_title);
}

/* A task others depend on whose title is not unique gets a key ("task-3",
 * its place in the plan, never any task's title) and its dependents name
 * the key: the export imports again with every dependency where it was. */
static void key_ambiguous_deps(struct plan *p)
{
	size_t n = p->ntasks;
	if (n < 2)
		return;
	char **sorted = xmalloc(n * sizeof *sorted);
	bool *target = xcalloc(n, sizeof *target);
	for (size_t i = 0; i < n; i++) {
		sorted[i] = p->tasks[i].title;
		for (size_t k = 0; k < p->tasks[i].ndeps; k++)
			target[p->tasks[i].deps[k]] = true;
	}
	qsort(sorted, n, sizeof *sorted, cmp_title);
	for (size_t i = 0; i < n; i++) {
		char *const *hit = target[i] ? bsearch(&p->tasks[i].title, sorted, n, sizeof *sorted, cmp_title) : NULL;
		bool dup = hit && ((hit > sorted && !strcmp(hit[-1], *hit)) || (hit + 1 < sorted + n && !strcmp(hit[1], *hit)));
		if (!dup)
			continue;
		char key[48];
		snprintf(key, sizeof key, "task-%zu", i + 1);
		for (int k = 2; title_taken(sorted, n, key); k++)
			snprintf(key, sizeof key, "task-%zu-%d", i + 1, k);
		p->tasks[i].key = pool_strdup(&p->pool, key);
	}
	free(sorted);
	free(target);
}

static int load_tasks(struct board *b, int64_t ev, struct plan *p)
{
	static const char *sql =
		"SELECT t.id, t.title, p.key, r.key, t.owner, t.status, t.notes, t.due FROM task t"
		" LEFT JOIN role r ON r.id = t.role_id LEFT JOIN phase p ON p.id = t.phase_id"
		" WHERE t.event_id = ?1 ORDER BY t.position, t.id";
	static const char *sql_deps =
		"SELECT d.task_id, d.depends_on FROM task_dep d JOIN task t ON t.id = d.task_id"
		" WHERE t.event_id = ?1 ORDER BY d.task_id, d.depends_on";
	size_t cap = 0;
	struct id_index *map = NULL;
	sqlite3_stmt *st = event_rows(b, sql, ev);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&p->tasks, &cap, p->ntasks + 1, sizeof *p->tasks);
		struct plan_task *t = &p->tasks[p->ntasks];
		memset(t, 0, sizeof *t);
		t->title = pool_strdup(&p->pool, db_col_text(st, 1));
		t->phase = opt_text(&p->pool, st, 2);
		t->role = opt_text(&p->pool, st, 3);
		t->owner = opt_text(&p->pool, st, 4);
		t->status = opt_text(&p->pool, st, 5);
		t->notes = opt_text(&p->pool, st, 6);
		db_col_date(st, 7, t->due);
		map = xrealloc(map, (p->ntasks + 1) * sizeof *map);
		map[p->ntasks] = (struct id_index){sqlite3_column_int64(st, 0), p->ntasks};
		p->ntasks++;
	}
	sqlite3_reset(st);
	if (p->ntasks) /* qsort(NULL, 0, ...) is undefined behaviour */
		qsort(map, p->ntasks, sizeof *map, cmp_id_index);
	if (rc == SQLITE_DONE && p->ntasks) {
		st = event_rows(b, sql_deps, ev);
		size_t dcap = 0;
		struct plan_task *last = NULL;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct id_index k1 = {sqlite3_column_int64(st, 0), 0}, k2 = {sqlite3_column_int64(st, 1), 0};
			struct id_index *a = bsearch(&k1, map, p->ntasks, sizeof *map, cmp_id_index);
			struct id_index *d = bsearch(&k2, map, p->ntasks, sizeof *map, cmp_id_index);
			if (!a || !d)
				continue; /* a dependency on another event's task is not exported */
			struct plan_task *t = &p->tasks[a->index];
			if (t != last)
				dcap = 0;
			last = t;
			xgrow((void **)&t->deps, &dcap, t->ndeps + 1, sizeof *t->deps);
			t->deps[t->ndeps++] = d->index;
		}
		sqlite3_reset(st);
	}
	free(map);
	if (rc == SQLITE_DONE)
		key_ambiguous_deps(p);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

static int load_checklists(struct board *b, int64_t ev, struct plan *p)
{
	static const char *sql = "SELECT c.id, c.name, r.key, i.title, i.qty, i.qty_ready, i.unit, i.due, i.done,"
				 " i.done_by, i.done_at FROM checklist c LEFT JOIN role r ON r.id = c.role_id"
				 " LEFT JOIN item i ON i.checklist_id = c.id WHERE c.event_id = ?1"
				 " ORDER BY c.position, c.id, i.position, i.id";
	size_t cap = 0, icap = 0;
	int64_t cur = 0;
	sqlite3_stmt *st = event_rows(b, sql, ev);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!p->nchecklists || sqlite3_column_int64(st, 0) != cur) {
			cur = sqlite3_column_int64(st, 0);
			xgrow((void **)&p->checklists, &cap, p->nchecklists + 1, sizeof *p->checklists);
			struct plan_checklist *cl = &p->checklists[p->nchecklists++];
			memset(cl, 0, sizeof *cl);
			cl->name = pool_strdup(&p->pool, db_col_text(st, 1));
			cl->role = opt_text(&p->pool, st, 2);
			icap = 0;
		}
		if (sqlite3_column_type(st, 3) == SQLITE_NULL)
			continue; /* an empty list */
		struct plan_checklist *cl = &p->checklists[p->nchecklists - 1];
		xgrow((void **)&cl->items, &icap, cl->nitems + 1, sizeof *cl->items);
		struct plan_item *it = &cl->items[cl->nitems++];
		memset(it, 0, sizeof *it);
		it->title = pool_strdup(&p->pool, db_col_text(st, 3));
		it->qty = sqlite3_column_int64(st, 4);
		it->ready = sqlite3_column_int64(st, 5);
		it->unit = opt_text(&p->pool, st, 6);
		db_col_date(st, 7, it->due);
		it->done = sqlite3_column_int(st, 8) != 0;
		it->done_by = opt_text(&p->pool, st, 9);
		it->done_at = opt_text(&p->pool, st, 10);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

static int load_metrics(struct board *b, int64_t ev, struct plan *p)
{
	static const char *sql = "SELECT kind = 'stage', name, target, rate, actual FROM metric"
				 " WHERE event_id = ?1 ORDER BY position, id";
	size_t scap = 0, bcap = 0;
	sqlite3_stmt *st = event_rows(b, sql, ev);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0)) {
			xgrow((void **)&p->stages, &scap, p->nstages + 1, sizeof *p->stages);
			p->stages[p->nstages++] = (struct plan_stage){pool_strdup(&p->pool, db_col_text(st, 1)),
				db_col_real(st, 2), db_col_real(st, 3), db_col_real(st, 4)};
		} else {
			xgrow((void **)&p->budget_lines, &bcap, p->nbudget + 1, sizeof *p->budget_lines);
			p->budget_lines[p->nbudget++] = (struct plan_budget){pool_strdup(&p->pool, db_col_text(st, 1)),
				db_col_real(st, 2), db_col_real(st, 4)};
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

static int load_people(struct board *b, int64_t ev, struct plan *p)
{
	static const char *sql_roles = "SELECT key, name FROM role WHERE event_id = ?1 ORDER BY position, id";
	static const char *sql_people =
		"SELECT p.login, p.name, p.access, r.key FROM person p"
		" LEFT JOIN person_role pr ON pr.person_id = p.id LEFT JOIN role r ON r.id = pr.role_id"
		" WHERE p.event_id = ?1 ORDER BY p.position, p.id, r.position";
	size_t cap = 0, rcap = 0;
	sqlite3_stmt *st = event_rows(b, sql_roles, ev);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&p->roles, &cap, p->nroles + 1, sizeof *p->roles);
		p->roles[p->nroles++] = (struct plan_role){pool_strdup(&p->pool, db_col_text(st, 0)),
							   pool_strdup(&p->pool, db_col_text(st, 1))};
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(b, rc);
	cap = 0;
	st = event_rows(b, sql_people, ev);
	const char *prev = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *login = db_col_text(st, 0);
		if (!prev || strcmp(prev, login)) {
			xgrow((void **)&p->people, &cap, p->npeople + 1, sizeof *p->people);
			struct plan_person *pp = &p->people[p->npeople++];
			memset(pp, 0, sizeof *pp);
			pp->login = pool_strdup(&p->pool, login);
			pp->name = opt_text(&p->pool, st, 1);
			pp->access = pool_strdup(&p->pool, db_col_text(st, 2));
			prev = pp->login;
			rcap = 0;
		}
		struct plan_person *pp = &p->people[p->npeople - 1];
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			xgrow((void **)&pp->roles, &rcap, pp->nroles + 1, sizeof *pp->roles);
			pp->roles[pp->nroles++] = pool_strdup(&p->pool, db_col_text(st, 3));
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

/* The event's own fields; "" kind, objective and currency read back as
 * absent. */
static int load_event(struct board *b, int64_t ev, struct plan *out)
{
	struct event e;
	int rc = event_get(b, ev, &e, &out->pool);
	if (rc)
		return rc;
	out->name = e.name;
	out->kind = *e.kind ? e.kind : NULL;
	out->objective = *e.objective ? e.objective : NULL;
	out->currency = *e.currency ? e.currency : NULL;
	memcpy(out->start, e.start, sizeof out->start);
	memcpy(out->end, e.end, sizeof out->end);
	out->budget = e.budget;
	out->unit_price = e.unit_price;
	out->ctr = e.ctr;
	out->cpm = e.cpm;
	return MU_OK;
}

static int load_phases(struct board *b, int64_t ev, struct plan *out)
{
	static const char *sql = "SELECT key, name, start, end FROM phase WHERE event_id = ?1"
				 " ORDER BY position, id";
	size_t cap = 0;
	sqlite3_stmt *st = event_rows(b, sql, ev);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->phases, &cap, out->nphases + 1, sizeof *out->phases);
		struct plan_phase *ph = &out->phases[out->nphases++];
		memset(ph, 0, sizeof *ph);
		ph->key = pool_strdup(&out->pool, db_col_text(st, 0));
		ph->name = pool_strdup(&out->pool, db_col_text(st, 1));
		db_col_date(st, 2, ph->start);
		db_col_date(st, 3, ph->end);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

int plan_load(struct board *b, int64_t ev, struct plan *out)
{
	memset(out, 0, sizeof *out);
	int rc = load_event(b, ev, out);
	if (!rc)
		rc = load_people(b, ev, out);
	if (!rc)
		rc = load_phases(b, ev, out);
	if (!rc)
		rc = load_tasks(b, ev, out);
	if (!rc)
		rc = load_checklists(b, ev, out);
	if (!rc)
		rc = load_metrics(b, ev, out);
	if (rc)
		plan_free(out);
	return rc;
}
