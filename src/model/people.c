/* The people of an event: adding, changing and removing a person and
 * their roles, each one audited transaction (entity "person"), with a
 * coordinator always left among them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/model.h"
#include "muster/people.h"

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
	*id = 0;
	int rc = model_row(st, "i", id);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

/* The person row of login, which must be in the event, read in a
 * transaction of its own (the change checks the access again under its
 * lock). */
static int listed_person(struct board *b, int64_t event, const char *login, int64_t *id)
{
	int rc = db_begin(b);
	if (rc)
		return rc;
	rc = model_allow_event(b, event, "change the people of");
	if (!rc)
		rc = person_id(b, event, login, id);
	db_rollback(b);
	if (!rc && !*id)
		rc = mu_fail(MU_DATA, "%s is not in event #%lld (see 'muster people')", login, (long long)event);
	return rc;
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
	bool any = false, coord = false;
	int rc = model_row(st, "bb", &any, &coord);
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
		bool any = false;
		model_row(st, "b", &any);
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
	if (rc || (rc = listed_person(b, event, login, &id)))
		return rc;
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
	int rc = listed_person(b, event, login, &id);
	if (rc)
		return rc;
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
