/* A struct plan into the board (one transaction: all or nothing, one audit
 * row) and an event back out as a struct plan for export and templates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/identity.h"
#include "muster/model.h"
#include "muster/plan.h"

static int64_t last_id(struct board *b) { return sqlite3_last_insert_rowid(b->db); }

/* Keys → ids for the roles and phases of the event being imported. */
static int64_t key_id(char *const *keys, const int64_t *ids, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(keys[i], key))
			return ids[i];
	return 0;
}

static void bind_opt_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static int check_plan_text(const struct plan *p)
{
	int rc = model_check_text("event name", p->name, 1, MODEL_TITLE_MAX);
	for (size_t i = 0; !rc && i < p->ntasks; i++)
		rc = model_check_text("task title", p->tasks[i].title, 1, MODEL_TITLE_MAX);
	for (size_t i = 0; !rc && i < p->nchecklists; i++)
		for (size_t j = 0; !rc && j < p->checklists[i].nitems; j++)
			rc = model_check_text("item title", p->checklists[i].items[j].title, 1, MODEL_TITLE_MAX);
	return rc;
}

static int import_rows(struct board *b, const struct plan *p, int64_t ev)
{
	static const char *sql_role = "INSERT INTO role(event_id, key, name, position) VALUES (?1, ?2, ?3, ?4)";
	static const char *sql_person = "INSERT INTO person(event_id, login, name, access, position)"
					" VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, 'staff'), ?5)";
	static const char *sql_person_role = "INSERT OR IGNORE INTO person_role(person_id, role_id) VALUES (?1, ?2)";
	static const char *sql_phase = "INSERT INTO phase(event_id, key, name, start, end, position)"
				       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char *sql_task =
		"INSERT INTO task(event_id, phase_id, role_id, owner, title, status, due, notes, position)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, coalesce(?6, 'todo'), ?7, coalesce(?8, ''), ?9)";
	static const char *sql_dep = "INSERT OR IGNORE INTO task_dep(task_id, depends_on) VALUES (?1, ?2)";
	static const char *sql_list = "INSERT INTO checklist(event_id, name, role_id, position) VALUES (?1, ?2, ?3, ?4)";
	static const char *sql_item =
		"INSERT INTO item(checklist_id, title, qty, qty_ready, unit, due, done, done_by, done_at, position)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6, ?7, CASE WHEN ?7 THEN coalesce(?10, ?8) END,"
		" CASE WHEN ?7 THEN coalesce(?11, " DB_NOW ") END, ?9)";
	static const char *sql_metric = "INSERT INTO metric(event_id, kind, name, target, rate, actual, position)"
					" VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 0), ?7)";
	int rc = MU_OK;
	sqlite3_stmt *st;
	int64_t *role_ids = xcalloc(p->nroles + 1, sizeof *role_ids);
	int64_t *phase_ids = xcalloc(p->nphases + 1, sizeof *phase_ids);
	int64_t *task_ids = xcalloc(p->ntasks + 1, sizeof *task_ids);
	char **role_keys = xcalloc(p->nroles + 1, sizeof *role_keys);
	char **phase_keys = xcalloc(p->nphases + 1, sizeof *phase_keys);

	for (size_t i = 0; !rc && i < p->nroles; i++) {
		st = db_stmt(b, sql_role);
		sqlite3_bind_int64(st, 1, ev);
		db_bind_text(st, 2, p->roles[i].key);
		db_bind_text(st, 3, p->roles[i].name ? p->roles[i].name : p->roles[i].key);
		sqlite3_bind_int64(st, 4, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
		role_ids[i] = last_id(b);
		role_keys[i] = p->roles[i].key;
	}
	for (size_t i = 0; !rc && i < p->npeople; i++) {
		const struct plan_person *pp = &p->people[i];
		st = db_stmt(b, sql_person);
		sqlite3_bind_int64(st, 1, ev);
		db_bind_text(st, 2, pp->login);
		db_bind_text(st, 3, pp->name);
		db_bind_text(st, 4, pp->access);
		sqlite3_bind_int64(st, 5, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
		int64_t person = last_id(b);
		for (size_t j = 0; !rc && j < pp->nroles; j++) {
			int64_t role = key_id(role_keys, role_ids, p->nroles, pp->roles[j]);
			if (!role)
				continue;
			st = db_stmt(b, sql_person_role);
			sqlite3_bind_int64(st, 1, person);
			sqlite3_bind_int64(st, 2, role);
			rc = db_exec_stmt(b, st);
		}
	}
	for (size_t i = 0; !rc && i < p->nphases; i++) {
		const struct plan_phase *ph = &p->phases[i];
		st = db_stmt(b, sql_phase);
		sqlite3_bind_int64(st, 1, ev);
		db_bind_text(st, 2, ph->key);
		db_bind_text(st, 3, ph->name ? ph->name : ph->key);
		db_bind_date(st, 4, ph->start);
		db_bind_date(st, 5, ph->end);
		sqlite3_bind_int64(st, 6, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
		phase_ids[i] = last_id(b);
		phase_keys[i] = ph->key;
	}
	for (size_t i = 0; !rc && i < p->ntasks; i++) {
		const struct plan_task *t = &p->tasks[i];
		st = db_stmt(b, sql_task);
		sqlite3_bind_int64(st, 1, ev);
		bind_opt_id(st, 2, key_id(phase_keys, phase_ids, p->nphases, t->phase));
		bind_opt_id(st, 3, key_id(role_keys, role_ids, p->nroles, t->role));
		db_bind_text(st, 4, t->owner);
		db_bind_text(st, 5, t->title);
		db_bind_text(st, 6, t->status);
		db_bind_date(st, 7, t->due);
		db_bind_text(st, 8, t->notes);
		sqlite3_bind_int64(st, 9, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
		task_ids[i] = last_id(b);
	}
	for (size_t i = 0; !rc && i < p->ntasks; i++) {
		for (size_t j = 0; !rc && j < p->tasks[i].ndeps; j++) {
			st = db_stmt(b, sql_dep);
			sqlite3_bind_int64(st, 1, task_ids[i]);
			sqlite3_bind_int64(st, 2, task_ids[p->tasks[i].deps[j]]);
			rc = db_exec_stmt(b, st);
		}
	}
	for (size_t i = 0; !rc && i < p->nchecklists; i++) {
		const struct plan_checklist *cl = &p->checklists[i];
		st = db_stmt(b, sql_list);
		sqlite3_bind_int64(st, 1, ev);
		db_bind_text(st, 2, cl->name);
		bind_opt_id(st, 3, key_id(role_keys, role_ids, p->nroles, cl->role));
		sqlite3_bind_int64(st, 4, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
		int64_t list = last_id(b);
		for (size_t j = 0; !rc && j < cl->nitems; j++) {
			const struct plan_item *it = &cl->items[j];
			st = db_stmt(b, sql_item);
			sqlite3_bind_int64(st, 1, list);
			db_bind_text(st, 2, it->title);
			sqlite3_bind_int64(st, 3, it->qty);
			sqlite3_bind_int64(st, 4, it->ready);
			db_bind_text(st, 5, it->unit);
			db_bind_date(st, 6, it->due);
			sqlite3_bind_int(st, 7, it->done);
			sqlite3_bind_text(st, 8, b->actor, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 9, (int64_t)j + 1);
			db_bind_text(st, 10, it->done_by);
			db_bind_text(st, 11, it->done_at);
			rc = db_exec_stmt(b, st);
		}
	}
	for (size_t i = 0; !rc && i < p->nstages + p->nbudget; i++) {
		bool stage = i < p->nstages;
		const struct plan_stage *s = stage ? &p->stages[i] : NULL;
		const struct plan_budget *bl = stage ? NULL : &p->budget_lines[i - p->nstages];
		st = db_stmt(b, sql_metric);
		sqlite3_bind_int64(st, 1, ev);
		sqlite3_bind_text(st, 2, stage ? "stage" : "budget", -1, SQLITE_STATIC);
		db_bind_text(st, 3, stage ? s->name : bl->line);
		db_bind_real(st, 4, stage ? s->target : bl->planned);
		db_bind_real(st, 5, stage ? s->rate : NAN);
		db_bind_real(st, 6, stage ? s->actual : bl->spent);
		sqlite3_bind_int64(st, 7, (int64_t)i + 1);
		rc = db_exec_stmt(b, st);
	}
	free(role_ids);
	free(phase_ids);
	free(task_ids);
	free(role_keys);
	free(phase_keys);
	return rc;
}

int plan_import(struct board *b, const struct plan *p, int64_t *event_id)
{
	static const char *snap =
		"SELECT json_object('name', name, 'start', start, 'end', end,"
		" 'tasks', (SELECT count(*) FROM task WHERE event_id = e.id),"
		" 'items', (SELECT count(*) FROM item i JOIN checklist c ON c.id = i.checklist_id"
		"   WHERE c.event_id = e.id)), id FROM event e WHERE id = ?1";
	static const char *sql_event =
		"INSERT INTO event(name, kind, objective, start, end, budget, currency, unit_price, ctr, cpm)"
		" VALUES (?1, coalesce(?2, 'promotion'), coalesce(?3, ''), ?4, ?5, ?6, coalesce(?7, ''), ?8, ?9, ?10)";
	int rc = check_plan_text(p);
	if (rc || (rc = model_allow_board(b, "import plans")))
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "event", "import", snap, 0)))
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql_event);
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, p->kind);
	db_bind_text(st, 3, p->objective);
	db_bind_date(st, 4, p->start);
	db_bind_date(st, 5, p->end);
	db_bind_real(st, 6, p->budget);
	db_bind_text(st, 7, p->currency);
	db_bind_real(st, 8, p->unit_price);
	db_bind_real(st, 9, p->ctr);
	db_bind_real(st, 10, p->cpm);
	rc = db_exec_stmt(b, st);
	c.id = c.event = last_id(b);
	if (!rc)
		rc = import_rows(b, p, c.id);
	rc = db_change_end(b, &c, rc);
	if (!rc && event_id)
		*event_id = c.id;
	return rc;
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
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, ev);
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
		st = db_stmt(b, sql_deps);
		sqlite3_bind_int64(st, 1, ev);
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
	static const char *sql =
		"SELECT c.id, c.name, r.key, i.title, i.qty, i.qty_ready, i.unit, i.due, i.done, i.done_by,"
		" i.done_at"
		" FROM checklist c LEFT JOIN role r ON r.id = c.role_id"
		" LEFT JOIN item i ON i.checklist_id = c.id WHERE c.event_id = ?1"
		" ORDER BY c.position, c.id, i.position, i.id";
	size_t cap = 0, icap = 0;
	int64_t cur = 0;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, ev);
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
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, ev);
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
	sqlite3_stmt *st = db_stmt(b, sql_roles);
	sqlite3_bind_int64(st, 1, ev);
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
	st = db_stmt(b, sql_people);
	sqlite3_bind_int64(st, 1, ev);
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

int plan_load(struct board *b, int64_t ev, struct plan *out)
{
	static const char *sql_event =
		"SELECT name, kind, objective, currency, start, end, budget, unit_price, ctr, cpm"
		" FROM event WHERE id = ?1";
	static const char *sql_phases = "SELECT key, name, start, end FROM phase WHERE event_id = ?1"
					" ORDER BY position, id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql_event);
	sqlite3_bind_int64(st, 1, ev);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->name = pool_strdup(&out->pool, db_col_text(st, 0));
		out->kind = opt_text(&out->pool, st, 1);
		out->objective = opt_text(&out->pool, st, 2);
		out->currency = opt_text(&out->pool, st, 3);
		db_col_date(st, 4, out->start);
		db_col_date(st, 5, out->end);
		out->budget = db_col_real(st, 6);
		out->unit_price = db_col_real(st, 7);
		out->ctr = db_col_real(st, 8);
		out->cpm = db_col_real(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no event with id %lld", (long long)ev) : db_fail(b, rc);
	rc = load_people(b, ev, out);
	size_t cap = 0;
	st = db_stmt(b, sql_phases);
	sqlite3_bind_int64(st, 1, ev);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&out->phases, &cap, out->nphases + 1, sizeof *out->phases);
		struct plan_phase *ph = &out->phases[out->nphases++];
		memset(ph, 0, sizeof *ph);
		ph->key = pool_strdup(&out->pool, db_col_text(st, 0));
		ph->name = pool_strdup(&out->pool, db_col_text(st, 1));
		db_col_date(st, 2, ph->start);
		db_col_date(st, 3, ph->end);
	}
	sqlite3_reset(st);
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(b, step);
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
