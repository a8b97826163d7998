/* Material checklists of an event: listed in order with their item
 * counts (kept by triggers, migration 4) and added as one audited change. */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/event.h"
#include "muster/item.h"
#include "muster/model.h"
#include "muster/people.h"

int checklist_list(struct board *b, int64_t event, struct checklist_list *out)
{
	static const char *sql =
		"SELECT c.id, c.event_id, c.role_id, c.name, coalesce(r.key, ''),"
		" coalesce(k.total, 0), coalesce(k.done, 0)" /* tallies: migration 4 */
		" FROM checklist c LEFT JOIN role r ON r.id = c.role_id"
		" LEFT JOIN item_tally k ON k.checklist_id = c.id WHERE c.event_id = ?1"
		" ORDER BY c.position, c.id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct checklist *c = LIST_PUSH(out);
		c->id = sqlite3_column_int64(st, 0);
		c->event_id = sqlite3_column_int64(st, 1);
		c->role_id = sqlite3_column_int64(st, 2);
		c->name = pool_strdup(&out->pool, db_col_text(st, 3));
		c->role_key = pool_strdup(&out->pool, db_col_text(st, 4));
		c->items = sqlite3_column_int64(st, 5);
		c->items_done = sqlite3_column_int64(st, 6);
	}
	if ((rc = model_rows_end(b, st, rc)))
		checklist_list_free(out);
	return rc;
}

void checklist_list_free(struct checklist_list *l) { LIST_FREE(l); }

static const char *snap_checklist =
	"SELECT json_object('name', c.name, 'role', r.key), c.event_id FROM checklist c"
	" LEFT JOIN role r ON r.id = c.role_id WHERE c.id = ?1";

int checklist_add(struct board *b, int64_t event, const char *name, const char *role, int64_t *id)
{
	static const char *sql =
		"INSERT INTO checklist(event_id, name, role_id, position) VALUES (?1, ?2, ?3,"
		" (SELECT coalesce(max(position), 0) + 1 FROM checklist WHERE event_id = ?1))";
	int rc = model_check_text("checklist name", name, 1, MODEL_TITLE_MAX);
	if (rc)
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "checklist", "add", snap_checklist, 0)))
		return rc;
	int64_t role_id = 0;
	rc = model_event_exists(b, event);
	if (!rc)
		rc = model_allow_event(b, event, "add checklists to");
	if (!rc && role && *role)
		rc = role_find(b, event, role, &role_id);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_int64(st, 1, event);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		if (role_id)
			sqlite3_bind_int64(st, 3, role_id);
		rc = db_exec_stmt(b, st);
		c.event = event;
	}
	return model_add_end(b, &c, rc, id);
}

