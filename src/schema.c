/* The schema as numbered migrations: db_migrations[N-1] brings PRAGMA
 * user_version from N-1 to N (src/db.c applies them, each in one
 * transaction).  Never edit a released migration: add the next. */
#include <stddef.h>
#include "muster/db.h"
#include "muster/db_now.h"

static const char *const migration_1[] = {
	"CREATE TABLE event("
	" id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'promotion',"
	" objective TEXT NOT NULL DEFAULT '', start TEXT, end TEXT, budget REAL,"
	" currency TEXT NOT NULL DEFAULT '', unit_price REAL, ctr REAL, cpm REAL,"
	" created_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	"CREATE TABLE role("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL, name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(event_id, key))",
	"CREATE TABLE person("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" login TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',"
	" access TEXT NOT NULL DEFAULT 'staff' CHECK(access IN ('coordinator','staff','viewer')),"
	" position INTEGER NOT NULL DEFAULT 0, UNIQUE(event_id, login))",
	"CREATE TABLE person_role("
	" person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	" role_id INTEGER NOT NULL REFERENCES role(id) ON DELETE CASCADE,"
	" PRIMARY KEY(person_id, role_id)) WITHOUT ROWID",
	"CREATE TABLE phase("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL, name TEXT NOT NULL, start TEXT, end TEXT,"
	" position INTEGER NOT NULL DEFAULT 0, UNIQUE(event_id, key))",
	"CREATE TABLE task("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" phase_id INTEGER REFERENCES phase(id) ON DELETE SET NULL,"
	" role_id INTEGER REFERENCES role(id) ON DELETE SET NULL,"
	" owner TEXT NOT NULL DEFAULT '', title TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'todo' CHECK(status IN ('todo','doing','blocked','done')),"
	" due TEXT, notes TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0,"
	" updated_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	"CREATE INDEX task_event_pos ON task(event_id, position)",
	"CREATE INDEX task_role_pos ON task(role_id, position)",
	"CREATE INDEX task_role_status ON task(role_id, status)",
	"CREATE INDEX task_event_due ON task(event_id, due)",
	"CREATE INDEX task_owner ON task(owner, event_id)",
	"CREATE TABLE task_dep("
	" task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	" depends_on INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	" PRIMARY KEY(task_id, depends_on)) WITHOUT ROWID",
	"CREATE INDEX task_dep_rev ON task_dep(depends_on)",
	"CREATE TABLE checklist("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL, role_id INTEGER REFERENCES role(id) ON DELETE SET NULL,"
	" position INTEGER NOT NULL DEFAULT 0, UNIQUE(event_id, name))",
	"CREATE TABLE item("
	" id INTEGER PRIMARY KEY,"
	" checklist_id INTEGER NOT NULL REFERENCES checklist(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL, qty INTEGER NOT NULL DEFAULT 1 CHECK(qty >= 0),"
	" qty_ready INTEGER NOT NULL DEFAULT 0 CHECK(qty_ready >= 0),"
	" unit TEXT NOT NULL DEFAULT '', due TEXT, done INTEGER NOT NULL DEFAULT 0,"
	" done_by TEXT, done_at TEXT, position INTEGER NOT NULL DEFAULT 0,"
	" updated_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	"CREATE INDEX item_list_pos ON item(checklist_id, position)",
	"CREATE INDEX item_list_done ON item(checklist_id, done)",
	"CREATE TABLE metric("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL CHECK(kind IN ('stage','budget')), name TEXT NOT NULL,"
	" target REAL, rate REAL, actual REAL NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0,"
	" updated_at TEXT NOT NULL DEFAULT (" DB_NOW "),"
	" UNIQUE(event_id, kind, name))",
	"CREATE TABLE sample("
	" id INTEGER PRIMARY KEY, metric_id INTEGER NOT NULL REFERENCES metric(id) ON DELETE CASCADE,"
	" at TEXT NOT NULL DEFAULT (" DB_NOW "), value REAL NOT NULL,"
	" actor TEXT NOT NULL)",
	"CREATE INDEX sample_metric ON sample(metric_id, id)",
	"CREATE TABLE log("
	" id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT (" DB_NOW "),"
	" actor TEXT NOT NULL, event_id INTEGER, entity TEXT NOT NULL, entity_id INTEGER,"
	" action TEXT NOT NULL, old TEXT, new TEXT)",
	"CREATE INDEX log_event ON log(event_id, id)",
	"CREATE INDEX log_at ON log(at)",
	"CREATE TRIGGER log_append_only_u BEFORE UPDATE ON log"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	"CREATE TRIGGER log_append_only_d BEFORE DELETE ON log"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	NULL,
};

/* 2: review notes (src/model/review.c): per funnel stage ('' = the event as
 * a whole) the cause of a variance, its factor type and the SOP lesson. */
static const char *const migration_2[] = {
	"CREATE TABLE review("
	" id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,"
	" stage TEXT NOT NULL DEFAULT '', cause TEXT NOT NULL DEFAULT '',"
	" factor TEXT CHECK(factor IN ('controllable','semi-controllable','uncontrollable')),"
	" lesson TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0,"
	" updated_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	"CREATE INDEX review_event ON review(event_id, position)",
	NULL,
};

/* 3: many people, one board (issue 5): board-wide settings (default_access),
 * the trash that keeps deleted tasks and items as JSON rows, presence
 * sessions (heartbeats, never audited), and log.undoes linking an undo row
 * to the change it undid; indexes for "my last change" and "changed since". */
static const char *const migration_3[] = {
	"CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
	"CREATE TABLE trash("
	" id INTEGER PRIMARY KEY, entity TEXT NOT NULL CHECK(entity IN ('task','item')),"
	" orig_id INTEGER NOT NULL, event_id INTEGER REFERENCES event(id) ON DELETE CASCADE,"
	" title TEXT NOT NULL, row TEXT NOT NULL, deleted_by TEXT NOT NULL,"
	" deleted_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	"CREATE INDEX trash_event ON trash(event_id, id)",
	"CREATE INDEX trash_orig ON trash(entity, orig_id)",
	"CREATE TABLE session("
	" id INTEGER PRIMARY KEY, login TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,"
	" pane TEXT NOT NULL DEFAULT '', event_id INTEGER, heartbeat INTEGER NOT NULL,"
	" UNIQUE(host, pid))",
	"ALTER TABLE log ADD COLUMN undoes INTEGER",
	"CREATE INDEX log_entity ON log(entity, entity_id, id)",
	"CREATE INDEX log_actor ON log(actor, id)",
	"CREATE INDEX log_undoes ON log(undoes) WHERE undoes IS NOT NULL",
	NULL,
};

/* 4: instant at 100,000 tasks (issue 6).  Task counts per (event, role;
 * 0 = no role) and item counts per checklist, kept by triggers in the same
 * transaction as every change (a count(*) over 100k rows costs ~40 ms);
 * an index for the timeline's "tasks by due date" and one for checklists
 * in order.  Idempotent (IF NOT EXISTS, counts rebuilt), like a re-run. */
#define TALLY_TASK(sign, row)                                                                      \
	"INSERT INTO task_tally(event_id, role_id, total, done) VALUES (" row ".event_id,"        \
	" coalesce(" row ".role_id, 0), " sign "1, " sign "(" row ".status = 'done'))"            \
	" ON CONFLICT(event_id, role_id) DO UPDATE SET total = total + excluded.total,"           \
	" done = done + excluded.done;"
#define TALLY_ITEM(sign, row)                                                                      \
	"INSERT INTO item_tally(checklist_id, total, done) VALUES (" row ".checklist_id, " sign "1," \
	" " sign "(" row ".done <> 0)) ON CONFLICT(checklist_id) DO UPDATE SET"                     \
	" total = total + excluded.total, done = done + excluded.done;"
static const char *const migration_4[] = {
	"CREATE TABLE IF NOT EXISTS task_tally(event_id INTEGER NOT NULL, role_id INTEGER NOT NULL,"
	" total INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(event_id, role_id)) WITHOUT ROWID",
	"CREATE TABLE IF NOT EXISTS item_tally(checklist_id INTEGER PRIMARY KEY,"
	" total INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0)",
	"CREATE TRIGGER IF NOT EXISTS task_tally_i AFTER INSERT ON task BEGIN " TALLY_TASK("", "new") " END",
	"CREATE TRIGGER IF NOT EXISTS task_tally_d AFTER DELETE ON task BEGIN " TALLY_TASK("-", "old") " END",
	"CREATE TRIGGER IF NOT EXISTS task_tally_u AFTER UPDATE OF event_id, role_id, status ON task"
	" WHEN old.event_id IS NOT new.event_id OR old.role_id IS NOT new.role_id"
	"  OR old.status IS NOT new.status"
	" BEGIN " TALLY_TASK("-", "old") " " TALLY_TASK("", "new") " END",
	"CREATE TRIGGER IF NOT EXISTS item_tally_i AFTER INSERT ON item BEGIN " TALLY_ITEM("", "new") " END",
	"CREATE TRIGGER IF NOT EXISTS item_tally_d AFTER DELETE ON item BEGIN " TALLY_ITEM("-", "old") " END",
	"CREATE TRIGGER IF NOT EXISTS item_tally_u AFTER UPDATE OF checklist_id, done ON item"
	" WHEN old.checklist_id IS NOT new.checklist_id OR (old.done <> 0) IS NOT (new.done <> 0)"
	" BEGIN " TALLY_ITEM("-", "old") " " TALLY_ITEM("", "new") " END",
	"DELETE FROM task_tally",
	"INSERT INTO task_tally(event_id, role_id, total, done) SELECT event_id, coalesce(role_id, 0),"
	" count(*), coalesce(sum(status = 'done'), 0) FROM task WHERE true GROUP BY 1, 2",
	"DELETE FROM item_tally",
	"INSERT INTO item_tally(checklist_id, total, done) SELECT checklist_id, count(*),"
	" coalesce(sum(done <> 0), 0) FROM item WHERE true GROUP BY 1",
	"CREATE INDEX IF NOT EXISTS task_event_duepos ON task(event_id, coalesce(due, '9999-99-99'), position)",
	"CREATE INDEX IF NOT EXISTS checklist_event_pos ON checklist(event_id, position)",
	NULL,
};
#undef TALLY_TASK
#undef TALLY_ITEM

/* 5: trust on a shared host (issue 11): every audit row also records the
 * Unix account that made the change (the real uid's login; NULL on rows
 * from before), and the kiosk list: the accounts that may act as another
 * login on a shared or guarded board (the board's mode is the setting
 * "mode": shared or guarded; no row = a personal board). */
static const char *const migration_5[] = {
	"ALTER TABLE log ADD COLUMN account TEXT",
	"CREATE TABLE kiosk("
	" id INTEGER PRIMARY KEY, account TEXT NOT NULL UNIQUE, added_by TEXT NOT NULL,"
	" added_at TEXT NOT NULL DEFAULT (" DB_NOW "))",
	NULL,
};

/* 6: counts kept (issue 12).  item.ready_before: the ready quantity an
 * item had before the tick that made it done, so unticking gives it back
 * (12/30 → tick → 30/30 → untick → 12/30) instead of 0; NULL when the item
 * is not done or was done some other way. */
static const char *const migration_6[] = {
	"ALTER TABLE item ADD COLUMN ready_before INTEGER CHECK(ready_before >= 0)",
	NULL,
};

const char *const *const db_migrations[] = {migration_1, migration_2, migration_3, migration_4, migration_5, migration_6};
const int db_nmigrations = (int)(sizeof db_migrations / sizeof db_migrations[0]);

