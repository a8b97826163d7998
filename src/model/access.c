/* Access levels: resolving a login's level in an event (its person row,
 * the "*" row, a personal board unless the board is open restricted, the
 * board default) and the checks every change runs inside its transaction
 * (see include/muster/people.h). */
#include <stdio.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/model.h"
#include "muster/people.h"

static const char *const level_names[] = {"viewer", "staff", "coordinator"};

void access_restrict(struct board *b) { b->restricted = true; }
bool access_restricted(const struct board *b) { return b->restricted; }

const char *access_name(enum access_level a)
{
	return (unsigned)a <= ACCESS_COORDINATOR ? level_names[a] : "?";
}

int access_parse(const char *s, enum access_level *out)
{
	for (int i = 0; i <= ACCESS_COORDINATOR; i++) {
		if (s && !strcmp(s, level_names[i])) {
			*out = (enum access_level)i;
			return MU_OK;
		}
	}
	return mu_fail(MU_USAGE, "access must be coordinator, staff or viewer: %s", s ? s : "");
}

/* Level, source and the person row whose roles count (0 = none). */
static int resolve(struct board *b, int64_t event, enum access_level *level, enum access_source *from,
		   int64_t *person)
{
	static const char *sql =
		"SELECT (SELECT id FROM person WHERE event_id = ?1 AND login = ?2),"
		" (SELECT access FROM person WHERE event_id = ?1 AND login = ?2),"
		" (SELECT id FROM person WHERE event_id = ?1 AND login = '*'),"
		" (SELECT access FROM person WHERE event_id = ?1 AND login = '*'),"
		" EXISTS(SELECT 1 FROM person WHERE event_id = ?1),"
		" (SELECT value FROM setting WHERE key = 'default_access')";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(b, rc);
	}
	const char *acc = NULL;
	*person = 0;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*person = sqlite3_column_int64(st, 0);
		acc = db_col_text(st, 1);
		*from = ACCESS_FROM_PERSON;
	} else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
		*person = sqlite3_column_int64(st, 2);
		acc = db_col_text(st, 3);
		*from = ACCESS_FROM_EVERYONE;
	} else if (!sqlite3_column_int(st, 4) && !b->restricted) {
		acc = "coordinator";
		*from = ACCESS_FROM_PERSONAL;
	} else if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
		acc = db_col_text(st, 5);
		*from = ACCESS_FROM_BOARD;
	} else {
		acc = "viewer";
		*from = ACCESS_FROM_DEFAULT;
	}
	*level = ACCESS_VIEWER;
	for (int i = 0; i <= ACCESS_COORDINATOR; i++)
		if (!strcmp(acc, level_names[i]))
			*level = (enum access_level)i;
	sqlite3_reset(st);
	return MU_OK;
}

int access_get(struct board *b, int64_t event, enum access_level *level, enum access_source *from)
{
	enum access_source src;
	int64_t person;
	if (!from)
		from = &src;
	if (!event) {
		int rc = event_find(b, NULL, &event);
		if (rc) {
			mu_errclear();
			*level = b->restricted ? ACCESS_VIEWER : ACCESS_COORDINATOR;
			*from = b->restricted ? ACCESS_FROM_DEFAULT : ACCESS_FROM_PERSONAL;
			return MU_OK;
		}
	}
	return resolve(b, event, level, from, &person);
}

int event_access(struct board *b, int64_t event, char out[16])
{
	enum access_level l = ACCESS_VIEWER;
	int rc = access_get(b, event, &l, NULL);
	snprintf(out, 16, "%s", access_name(rc ? ACCESS_VIEWER : l));
	return rc;
}

/* ---- the checks ---- */

static const char *op_verb(enum access_op op)
{
	switch (op) {
	case OP_STATUS: return "change the status of";
	case OP_NOTES: return "edit the notes of";
	case OP_EDIT: return "edit";
	case OP_ASSIGN: return "assign";
	case OP_MOVE: return "move";
	case OP_REMOVE: return "remove";
	case OP_TICK: return "tick";
	}
	return "change";
}

static int deny_viewer(struct board *b, const char *verb, const char *what, int64_t id)
{
	return mu_fail(MU_DENIED, "%s (viewer) may not %s %s #%lld: viewers may only read", b->actor, verb, what,
		       (long long)id);
}

int model_allow_task(struct board *b, int64_t task, enum access_op op)
{
	static const char *sql =
		"SELECT t.event_id, coalesce(r.key, ''), t.owner = ?2,"
		" EXISTS(SELECT 1 FROM person_role WHERE person_id = ?3 AND role_id = t.role_id)"
		" FROM task t LEFT JOIN role r ON r.id = t.role_id WHERE t.id = ?1";
	static const char *sql_event = "SELECT event_id FROM task WHERE id = ?1";
	enum access_level level;
	enum access_source from;
	int64_t person, event = 0;
	sqlite3_stmt *st = db_stmt(b, sql_event);
	sqlite3_bind_int64(st, 1, task);
	int rc = model_row(st, "i", &event);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no task with id %lld", (long long)task) : db_fail(b, rc);
	if ((rc = resolve(b, event, &level, &from, &person)))
		return rc;
	if (level == ACCESS_COORDINATOR)
		return MU_OK;
	if (level == ACCESS_VIEWER)
		return deny_viewer(b, op_verb(op), "task", task);
	st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, task);
	sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, person);
	char role[MODEL_NAME_MAX + 1];
	bool owns, in_role;
	if ((rc = model_row(st, "icbb", &event, role, sizeof role, &owns, &in_role)) != SQLITE_ROW)
		return db_fail(b, rc);
	bool mine = owns || in_role;
	if (!mine && *role)
		return mu_fail(MU_DENIED, "%s (staff) may not %s task #%lld: it belongs to role \"%s\"", b->actor,
			       op_verb(op), (long long)task, role);
	if (!mine)
		return mu_fail(MU_DENIED, "%s (staff) may not %s task #%lld: it has no role and is not theirs",
			       b->actor, op_verb(op), (long long)task);
	if (op != OP_STATUS && op != OP_NOTES)
		return mu_fail(MU_DENIED, "%s (staff) may not %s task #%lld: staff may change only status and notes",
			       b->actor, op_verb(op), (long long)task);
	return MU_OK;
}

int model_allow_item(struct board *b, int64_t item, enum access_op op)
{
	static const char *sql =
		"SELECT c.event_id, coalesce(r.key, ''), c.role_id IS NULL, c.role_id FROM item i"
		" JOIN checklist c ON c.id = i.checklist_id LEFT JOIN role r ON r.id = c.role_id WHERE i.id = ?1";
	static const char *sql_role = "SELECT 1 FROM person_role WHERE person_id = ?1 AND role_id = ?2";
	enum access_level level;
	enum access_source from;
	int64_t person;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, item);
	int64_t event, role_id;
	char role[MODEL_NAME_MAX + 1];
	bool open;
	int rc = model_row(st, "icbi", &event, role, sizeof role, &open, &role_id);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no item with id %lld", (long long)item) : db_fail(b, rc);
	const char *verb = op == OP_TICK ? "tick" : op_verb(op);
	if ((rc = resolve(b, event, &level, &from, &person)))
		return rc;
	if (level == ACCESS_COORDINATOR)
		return MU_OK;
	if (level == ACCESS_VIEWER)
		return deny_viewer(b, verb, "item", item);
	bool mine = open;
	if (!open) {
		st = db_stmt(b, sql_role);
		sqlite3_bind_int64(st, 1, person);
		sqlite3_bind_int64(st, 2, role_id);
		mine = model_row(st, "") == SQLITE_ROW;
	}
	if (!mine)
		return mu_fail(MU_DENIED, "%s (staff) may not %s item #%lld: its checklist belongs to role \"%s\"",
			       b->actor, verb, (long long)item, role);
	if (op != OP_TICK)
		return mu_fail(MU_DENIED, "%s (staff) may not %s item #%lld: staff may only tick and untick items",
			       b->actor, verb, (long long)item);
	return MU_OK;
}

int model_allow_event(struct board *b, int64_t event, const char *what)
{
	enum access_level level;
	enum access_source from;
	int64_t person;
	int rc = resolve(b, event, &level, &from, &person);
	if (rc || level == ACCESS_COORDINATOR)
		return rc;
	return mu_fail(MU_DENIED, "%s (%s) may not %s event #%lld: only coordinators may", b->actor,
		       access_name(level), what, (long long)event);
}

bool access_may_task(struct board *b, int64_t task, enum access_op op)
{
	bool ok = model_allow_task(b, task, op) == MU_OK;
	mu_errclear();
	return ok;
}

bool access_may_item(struct board *b, int64_t item, enum access_op op)
{
	bool ok = model_allow_item(b, item, op) == MU_OK;
	mu_errclear();
	return ok;
}

bool access_may_coordinate(struct board *b, int64_t event)
{
	bool ok = model_allow_event(b, event, "change") == MU_OK;
	mu_errclear();
	return ok;
}
