/* A struct plan into the board: one transaction (all or nothing) with one
 * audit row.  Each part of the plan is a list of rows that insert_rows
 * inserts in order with a binder of its own; the ids the roles, phases and
 * tasks get are what later rows name them by.  Reading an event back out
 * as a plan is planio_load.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/identity.h"
#include "muster/model.h"
#include "muster/planio.h"

/* One import: the plan, its new event and the ids its rows got (by their
 * index in the plan). */
struct import {
	struct board *b;
	const struct plan *p;
	int64_t ev;
	int64_t *role_ids, *phase_ids, *task_ids, *person_ids, *list_ids;
};

/* Binds one row's own parameters (?1, the parent, is bound already); pos
 * is its place in its list, from 1. */
typedef void bind_row(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos);

/* Inserts the n rows (size bytes each) under parent; their new ids go to
 * ids unless it is NULL. */
static int insert_rows(const struct import *im, const char *sql, int64_t parent, const void *rows, size_t n,
		       size_t size, bind_row *bind, int64_t *ids)
{
	int rc = MU_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_stmt *st = db_stmt(im->b, sql);
		sqlite3_bind_int64(st, 1, parent);
		bind(im, st, (const char *)rows + i * size, (int64_t)i + 1);
		rc = db_exec_stmt(im->b, st);
		if (ids)
			ids[i] = sqlite3_last_insert_rowid(im->b->db);
	}
	return rc;
}

/* A row of a link table: (?1, ?2). */
static int insert_pair(struct board *b, const char *sql, int64_t x, int64_t y)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, x);
	sqlite3_bind_int64(st, 2, y);
	return db_exec_stmt(b, st);
}

/* The new id of the role or phase with this key (0: none, or no key). */
enum keyed { ROLE, PHASE };
static int64_t keyed_id(const struct import *im, enum keyed kind, const char *key)
{
	const struct plan *p = im->p;
	size_t n = kind == ROLE ? p->nroles : p->nphases;
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(kind == ROLE ? p->roles[i].key : p->phases[i].key, key))
			return (kind == ROLE ? im->role_ids : im->phase_ids)[i];
	return 0;
}

static void bind_opt_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static void bind_role(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_role *r = row;
	db_bind_text(st, 2, r->key);
	db_bind_text(st, 3, r->name ? r->name : r->key);
	sqlite3_bind_int64(st, 4, pos);
}

static void bind_person(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_person *pp = row;
	db_bind_text(st, 2, pp->login);
	db_bind_text(st, 3, pp->name);
	db_bind_text(st, 4, pp->access);
	sqlite3_bind_int64(st, 5, pos);
}

static void bind_phase(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_phase *ph = row;
	db_bind_text(st, 2, ph->key);
	db_bind_text(st, 3, ph->name ? ph->name : ph->key);
	db_bind_date(st, 4, ph->start);
	db_bind_date(st, 5, ph->end);
	sqlite3_bind_int64(st, 6, pos);
}

static void bind_task(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_task *t = row;
	bind_opt_id(st, 2, keyed_id(im, PHASE, t->phase));
	bind_opt_id(st, 3, keyed_id(im, ROLE, t->role));
	db_bind_text(st, 4, t->owner);
	db_bind_text(st, 5, t->title);
	db_bind_text(st, 6, t->status);
	db_bind_date(st, 7, t->due);
	db_bind_text(st, 8, t->notes);
	sqlite3_bind_int64(st, 9, pos);
}

static void bind_list(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_checklist *cl = row;
	db_bind_text(st, 2, cl->name);
	bind_opt_id(st, 3, keyed_id(im, ROLE, cl->role));
	sqlite3_bind_int64(st, 4, pos);
}

static void bind_item(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_item *it = row;
	db_bind_text(st, 2, it->title);
	sqlite3_bind_int64(st, 3, it->qty);
	sqlite3_bind_int64(st, 4, it->ready);
	db_bind_text(st, 5, it->unit);
	db_bind_date(st, 6, it->due);
	sqlite3_bind_int(st, 7, it->done);
	sqlite3_bind_text(st, 8, im->b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, pos);
	db_bind_text(st, 10, it->done_by);
	db_bind_text(st, 11, it->done_at);
}

/* Funnel stages, then budget lines after them in the same positions. */
static void bind_stage(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_stage *s = row;
	sqlite3_bind_text(st, 2, "stage", -1, SQLITE_STATIC);
	db_bind_text(st, 3, s->name);
	db_bind_real(st, 4, s->target);
	db_bind_real(st, 5, s->rate);
	db_bind_real(st, 6, s->actual);
	sqlite3_bind_int64(st, 7, pos);
}

static void bind_budget(const struct import *im, sqlite3_stmt *st, const void *row, int64_t pos)
{
	const struct plan_budget *bl = row;
	sqlite3_bind_text(st, 2, "budget", -1, SQLITE_STATIC);
	db_bind_text(st, 3, bl->line);
	db_bind_real(st, 4, bl->planned);
	db_bind_real(st, 5, NAN);
	db_bind_real(st, 6, bl->spent);
	sqlite3_bind_int64(st, 7, (int64_t)im->p->nstages + pos);
}

/* The links: people's roles (unknown keys skipped) and task dependencies. */
static int import_links(const struct import *im)
{
	static const char *sql_person_role = "INSERT OR IGNORE INTO person_role(person_id, role_id) VALUES (?1, ?2)";
	static const char *sql_dep = "INSERT OR IGNORE INTO task_dep(task_id, depends_on) VALUES (?1, ?2)";
	const struct plan *p = im->p;
	int rc = MU_OK;
	for (size_t i = 0; !rc && i < p->npeople; i++)
		for (size_t j = 0; !rc && j < p->people[i].nroles; j++) {
			int64_t role = keyed_id(im, ROLE, p->people[i].roles[j]);
			if (role)
				rc = insert_pair(im->b, sql_person_role, im->person_ids[i], role);
		}
	for (size_t i = 0; !rc && i < p->ntasks; i++)
		for (size_t j = 0; !rc && j < p->tasks[i].ndeps; j++)
			rc = insert_pair(im->b, sql_dep, im->task_ids[i], im->task_ids[p->tasks[i].deps[j]]);
	return rc;
}

static int import_rows(const struct import *im)
{
	static const char *sql_role = "INSERT INTO role(event_id, key, name, position) VALUES (?1, ?2, ?3, ?4)";
	static const char *sql_person = "INSERT INTO person(event_id, login, name, access, position)"
					" VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, 'staff'), ?5)";
	static const char *sql_phase = "INSERT INTO phase(event_id, key, name, start, end, position)"
				       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char *sql_task =
		"INSERT INTO task(event_id, phase_id, role_id, owner, title, status, due, notes, position)"
		" VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, coalesce(?6, 'todo'), ?7, coalesce(?8, ''), ?9)";
	static const char *sql_list = "INSERT INTO checklist(event_id, name, role_id, position) VALUES (?1, ?2, ?3, ?4)";
	static const char *sql_item =
		"INSERT INTO item(checklist_id, title, qty, qty_ready, unit, due, done, done_by, done_at, position)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6, ?7, CASE WHEN ?7 THEN coalesce(?10, ?8) END,"
		" CASE WHEN ?7 THEN coalesce(?11, " DB_NOW ") END, ?9)";
	static const char *sql_metric = "INSERT INTO metric(event_id, kind, name, target, rate, actual, position)"
					" VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 0), ?7)";
	const struct plan *p = im->p;
	int64_t ev = im->ev;
	int rc = insert_rows(im, sql_role, ev, p->roles, p->nroles, sizeof *p->roles, bind_role, im->role_ids);
	if (!rc)
		rc = insert_rows(im, sql_person, ev, p->people, p->npeople, sizeof *p->people, bind_person,
				 im->person_ids);
	if (!rc)
		rc = insert_rows(im, sql_phase, ev, p->phases, p->nphases, sizeof *p->phases, bind_phase,
				 im->phase_ids);
	if (!rc)
		rc = insert_rows(im, sql_task, ev, p->tasks, p->ntasks, sizeof *p->tasks, bind_task, im->task_ids);
	if (!rc)
		rc = import_links(im);
	if (!rc)
		rc = insert_rows(im, sql_list, ev, p->checklists, p->nchecklists, sizeof *p->checklists, bind_list,
				 im->list_ids);
	for (size_t i = 0; !rc && i < p->nchecklists; i++)
		rc = insert_rows(im, sql_item, im->list_ids[i], p->checklists[i].items, p->checklists[i].nitems,
				 sizeof *p->checklists[i].items, bind_item, NULL);
	if (!rc)
		rc = insert_rows(im, sql_metric, ev, p->stages, p->nstages, sizeof *p->stages, bind_stage, NULL);
	if (!rc)
		rc = insert_rows(im, sql_metric, ev, p->budget_lines, p->nbudget, sizeof *p->budget_lines,
				 bind_budget, NULL);
	return rc;
}

/* The rows of the new event, with room for the ids they get. */
static int import_event_rows(struct board *b, const struct plan *p, int64_t ev)
{
	struct import im = {
		.b = b,
		.p = p,
		.ev = ev,
		.role_ids = xcalloc(p->nroles + 1, sizeof *im.role_ids),
		.phase_ids = xcalloc(p->nphases + 1, sizeof *im.phase_ids),
		.task_ids = xcalloc(p->ntasks + 1, sizeof *im.task_ids),
		.person_ids = xcalloc(p->npeople + 1, sizeof *im.person_ids),
		.list_ids = xcalloc(p->nchecklists + 1, sizeof *im.list_ids),
	};
	int rc = import_rows(&im);
	free(im.role_ids);
	free(im.phase_ids);
	free(im.task_ids);
	free(im.person_ids);
	free(im.list_ids);
	return rc;
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
	c.id = c.event = sqlite3_last_insert_rowid(b->db);
	if (!rc)
		rc = import_event_rows(b, p, c.id);
	rc = db_change_end(b, &c, rc);
	if (!rc && event_id)
		*event_id = c.id;
	return rc;
}
