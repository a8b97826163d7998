/* Access levels and the people of an event: resolving a login's level (its
 * person row, the "*" row, a personal board, the board default), the checks
 * every change runs inside its transaction, people changes and board
 * settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/identity.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/utf8.h"

static const char *const level_names[] = {"viewer", "staff", "coordinator"};
static bool restricted_session;

void access_restrict(void) { restricted_session = true; }
bool access_restricted(void) { return restricted_session; }

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
	} else if (!sqlite3_column_int(st, 4) && !restricted_session) {
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
			*level = restricted_session ? ACCESS_VIEWER : ACCESS_COORDINATOR;
			*from = restricted_session ? ACCESS_FROM_DEFAULT : ACCESS_FROM_PERSONAL;
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
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		event = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
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
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(b, rc);
	}
	char role[MODEL_NAME_MAX + 1];
	snprintf(role, sizeof role, "%s", db_col_text(st, 1));
	bool mine = sqlite3_column_int(st, 2) || sqlite3_column_int(st, 3);
	sqlite3_reset(st);
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
		"SELECT c.event_id, coalesce(r.key, ''), c.role_id IS NULL, c.name, c.role_id FROM item i"
		" JOIN checklist c ON c.id = i.checklist_id LEFT JOIN role r ON r.id = c.role_id WHERE i.id = ?1";
	static const char *sql_role = "SELECT 1 FROM person_role WHERE person_id = ?1 AND role_id = ?2";
	enum access_level level;
	enum access_source from;
	int64_t person;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, item);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no item with id %lld", (long long)item) : db_fail(b, rc);
	}
	int64_t event = sqlite3_column_int64(st, 0), role_id = sqlite3_column_int64(st, 4);
	char role[MODEL_NAME_MAX + 1];
	snprintf(role, sizeof role, "%s", db_col_text(st, 1));
	bool open = sqlite3_column_int(st, 2) != 0;
	sqlite3_reset(st);
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
		mine = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
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

/* ---- people changes ---- */

static const char *snap_person =
	"SELECT json_object('login', p.login, 'name', p.name, 'access', p.access,"
	" 'roles', coalesce((SELECT group_concat(key, ',') FROM (SELECT r.key FROM person_role pr"
	"   JOIN role r ON r.id = pr.role_id WHERE pr.person_id = p.id ORDER BY r.position, r.id)), '')),"
	" p.event_id FROM person p WHERE p.id = ?1";

static int person_id(struct board *b, int64_t event, const char *login, int64_t *id)
{
	static const char *sql = "SELECT id FROM person WHERE event_id = ?1 AND login = ?2";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

static int check_person(const char *login, const struct person_fields *f)
{
	enum access_level a;
	int rc = login ? model_check_text("login", login, 1, MODEL_NAME_MAX) : MU_OK;
	if (!rc && login && strpbrk(login, ", "))
		rc = mu_fail(MU_DATA, "login \"%s\" may not contain blanks or commas", login);
	if (!rc && f->name)
		rc = model_check_text("name", f->name, 0, MODEL_TITLE_MAX);
	if (!rc && f->roles)
		rc = model_check_text("roles", f->roles, 0, MODEL_TITLE_MAX);
	if (!rc && f->access)
		rc = access_parse(f->access, &a);
	return rc;
}

/* Replace the person's roles with the comma-separated list. */
static int set_roles(struct board *b, int64_t event, int64_t person, const char *roles)
{
	static const char *sql_clear = "DELETE FROM person_role WHERE person_id = ?1";
	static const char *sql_add = "INSERT OR IGNORE INTO person_role(person_id, role_id) VALUES (?1, ?2)";
	sqlite3_stmt *st = db_stmt(b, sql_clear);
	sqlite3_bind_int64(st, 1, person);
	int rc = db_exec_stmt(b, st);
	char *list = xstrdup(roles);
	for (char *save = NULL, *r = strtok_r(list, ",", &save); !rc && r; r = strtok_r(NULL, ",", &save)) {
		int64_t role;
		while (*r == ' ')
			r++;
		if (!*r)
			continue;
		if ((rc = role_find(b, event, r, &role)))
			break;
		st = db_stmt(b, sql_add);
		sqlite3_bind_int64(st, 1, person);
		sqlite3_bind_int64(st, 2, role);
		rc = db_exec_stmt(b, st);
	}
	free(list);
	return rc;
}

/* People remain but none of them coordinates: refused. */
static int check_coordinator_left(struct board *b, int64_t event)
{
	static const char *sql = "SELECT EXISTS(SELECT 1 FROM person WHERE event_id = ?1),"
				 " EXISTS(SELECT 1 FROM person WHERE event_id = ?1 AND access = 'coordinator')";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc = sqlite3_step(st);
	bool any = rc == SQLITE_ROW && sqlite3_column_int(st, 0), coord = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(b, rc);
	if (any && !coord)
		return mu_fail(MU_DATA, "event #%lld would have no coordinator left; make someone else coordinator first",
			       (long long)event);
	return MU_OK;
}

int person_add(struct board *b, int64_t event, const char *login, const struct person_fields *f,
	       bool *added_self)
{
	static const char *sql = "INSERT INTO person(event_id, login, name, access, position) VALUES (?1, ?2,"
				 " coalesce(?3, ''), coalesce(?4, 'staff'),"
				 " (SELECT coalesce(max(position), 0) + 1 FROM person WHERE event_id = ?1))";
	static const char *sql_any = "SELECT EXISTS(SELECT 1 FROM person WHERE event_id = ?1)";
	struct change c;
	int64_t id = 0;
	if (added_self)
		*added_self = false;
	int rc = check_person(login, f);
	if (rc || (rc = db_change_begin(b, &c, "person", "add", snap_person, 0)))
		return rc;
	c.event = event;
	rc = model_event_exists(b, event);
	if (!rc)
		rc = model_allow_event(b, event, "change the people of");
	if (!rc)
		rc = person_id(b, event, login, &id);
	if (!rc && id)
		rc = mu_fail(MU_DATA, "%s is already in event #%lld (change with 'muster people set')", login,
			     (long long)event);
	sqlite3_stmt *st;
	if (!rc && strcmp(login, b->actor) != 0) {
		st = db_stmt(b, sql_any);
		sqlite3_bind_int64(st, 1, event);
		bool any = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (!any) { /* claim the personal board before it stops being one */
			st = db_stmt(b, sql);
			sqlite3_bind_int64(st, 1, event);
			sqlite3_bind_text(st, 2, b->actor, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, "coordinator", -1, SQLITE_STATIC);
			rc = db_exec_stmt(b, st);
			int64_t self = sqlite3_last_insert_rowid(b->db);
			char *snap = rc ? NULL : db_snapshot(b, snap_person, self, NULL);
			if (!rc)
				rc = db_audit(b, event, "person", self, "add", NULL, snap);
			free(snap);
			if (!rc && added_self)
				*added_self = true;
		}
	}
	if (!rc) {
		st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, event);
		sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
		db_bind_text(st, 3, f->name);
		db_bind_text(st, 4, f->access);
		rc = db_exec_stmt(b, st);
		c.id = sqlite3_last_insert_rowid(b->db);
	}
	if (!rc && f->roles)
		rc = set_roles(b, event, c.id, f->roles);
	return db_change_end(b, &c, rc);
}

int person_set(struct board *b, int64_t event, const char *login, const struct person_fields *f)
{
	static const char *sql = "UPDATE person SET name = coalesce(?2, name), access = coalesce(?3, access)"
				 " WHERE id = ?1";
	struct change c;
	int64_t id = 0;
	int rc = check_person(NULL, f);
	if (rc || (rc = db_begin(b)))
		return rc;
	rc = model_allow_event(b, event, "change the people of");
	if (!rc)
		rc = person_id(b, event, login, &id);
	db_rollback(b);
	if (rc)
		return rc;
	if (!id)
		return mu_fail(MU_DATA, "%s is not in event #%lld (see 'muster people')", login, (long long)event);
	if ((rc = db_change_begin(b, &c, "person", "set", snap_person, id)))
		return rc;
	rc = model_allow_event(b, event, "change the people of"); /* again, under the lock */
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, id);
		db_bind_text(st, 2, f->name);
		db_bind_text(st, 3, f->access);
		rc = db_exec_stmt(b, st);
	}
	if (!rc && f->roles)
		rc = set_roles(b, event, id, f->roles);
	if (!rc)
		rc = check_coordinator_left(b, event);
	return db_change_end(b, &c, rc);
}

int person_remove(struct board *b, int64_t event, const char *login)
{
	static const char *sql = "DELETE FROM person WHERE id = ?1";
	struct change c;
	int64_t id = 0;
	int rc = db_begin(b);
	if (rc)
		return rc;
	rc = model_allow_event(b, event, "change the people of");
	if (!rc)
		rc = person_id(b, event, login, &id);
	db_rollback(b);
	if (rc)
		return rc;
	if (!id)
		return mu_fail(MU_DATA, "%s is not in event #%lld (see 'muster people')", login, (long long)event);
	if ((rc = db_change_begin(b, &c, "person", "remove", snap_person, id)))
		return rc;
	rc = model_allow_event(b, event, "change the people of");
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, id);
		rc = db_exec_stmt(b, st);
	}
	if (!rc)
		rc = check_coordinator_left(b, event);
	return db_change_end(b, &c, rc);
}

/* ---- board settings ---- */

/* label: a short name for the board's title line ("demo"). */
static int check_label(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return mu_fail(MU_USAGE, "a board label is one line of text");
	size_t bad;
	if (!utf8_valid(v, strlen(v), &bad) || utf8_width(v) > 24)
		return mu_fail(MU_USAGE, "a board label is at most 24 columns of UTF-8 text: %s", v);
	return MU_OK;
}

int board_setting_set(struct board *b, const char *key, const char *value)
{
	static const char *snap = "SELECT json_object('key', key, 'value', value), NULL FROM setting WHERE key = ?1";
	static const char *sql_set = "INSERT INTO setting(key, value) VALUES (?1, ?2)"
				     " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	enum access_level a;
	int rc = MU_OK;
	if (!strcmp(key, "default_access"))
		rc = access_parse(value, &a);
	else if (!strcmp(key, "label"))
		rc = check_label(value);
	else
		return mu_fail(MU_USAGE, "unknown board setting %s (default_access, label)", key);
	if (rc)
		return rc;
	if ((rc = model_allow_board(b, "change board settings")))
		return rc;
	if ((rc = db_begin(b)))
		return rc;
	char *old = NULL;
	sqlite3_stmt *st = db_stmt(b, snap);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = xstrdup(db_col_text(st, 0));
	sqlite3_reset(st);
	st = db_stmt(b, sql_set);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = db_exec_stmt(b, st);
	char *new_ = NULL;
	if (!rc) {
		st = db_stmt(b, snap);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			new_ = xstrdup(db_col_text(st, 0));
		sqlite3_reset(st);
	}
	if (!rc && old && new_ && !strcmp(old, new_)) {
		db_rollback(b);
	} else {
		if (!rc)
			rc = db_audit(b, 0, "board", 0, "setting", old, new_);
		if (!rc)
			rc = db_commit(b);
		else
			db_rollback(b);
	}
	free(old);
	free(new_);
	return rc;
}

char *board_setting_get(struct board *b, const char *key)
{
	static const char *sql = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	char *v = sqlite3_step(st) == SQLITE_ROW ? xstrdup(db_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	return v;
}
