/* Helpers shared inside src/model/: input checks with clear messages and
 * LIKE patterns.  Not for the CLI or the screen. */
#ifndef MUSTER_MODEL_H
#define MUSTER_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"

#define MODEL_TITLE_MAX BOARD_TITLE_MAX /* bytes in a title or name (muster/board.h) */
#define MODEL_NAME_MAX BOARD_NAME_MAX   /* bytes in a login, key, unit */
#define MODEL_NOTES_MAX BOARD_NOTES_MAX /* bytes in notes / objective */

/* Valid UTF-8, none of utf8_unsafe's characters (C0/C1 controls, bidi
 * controls, line separators) except \n and \t in notes, length within
 * [min, max] bytes.  MU_DATA "task title is empty", "task title contains a
 * bidirectional control U+202E (byte 4)" etc. */
int model_check_text(const char *what, const char *s, size_t min, size_t max);
/* "" (clear) or a real YYYY-MM-DD date. */
int model_check_date(const char *what, const char *s);
/* "%s%" pattern for LIKE ... ESCAPE '\' (allocated). */
char *model_like_pattern(const char *s);
/* MU_DATA "no event with id N" unless it exists. */
int model_event_exists(struct board *b, int64_t event);
/* Parse a whole decimal id (> 0); false if s is not one. */
int model_parse_id(const char *s, int64_t *id);
/* The end of an add whose last statement inserted the row: its id into
 * c->id, db_change_end, then *id (when not NULL) = that id. */
struct change;
int model_add_end(struct board *b, struct change *c, int rc, int64_t *id);

/* One row of st: steps it once and, when there is a row, reads column i
 * into the i-th pointer after cols by the letter cols[i]: 'i' int64_t *,
 * 'n' int *, 'b' bool *, 's' char ** (an allocated copy; NULL for NULL),
 * 'c' char *buf followed by its size_t size (a copy cut to fit; "" for
 * NULL).  Resets st; returns SQLITE_ROW, SQLITE_DONE (nothing read) or the
 * failing result code. */
struct sqlite3_stmt;
int model_row(struct sqlite3_stmt *st, const char *cols, ...);
/* The end of a `while ((rc = sqlite3_step(st)) == SQLITE_ROW)` loop: resets
 * st; MU_OK when rc is SQLITE_DONE, else db_fail's status. */
int model_rows_end(struct board *b, struct sqlite3_stmt *st, int rc);
/* A record by id: db_step_id's "no WHAT with id N" or read(st, out, pool),
 * the row reader of its file (read_task, read_item ...). */
struct pool;
typedef void model_read_fn(struct sqlite3_stmt *st, void *row, struct pool *pool);
int model_get(struct board *b, const char *sql, int64_t id, const char *what, model_read_fn *read, void *out,
	      struct pool *pool);

/* The audit snapshot of each entity undo takes back, (json, event id) of
 * the row ?1: written by the change (task.c, item.c, metric.c) and read
 * again by its undo (undo.c, trash.c). */
extern const char *const model_task_snap;
extern const char *const model_item_snap;
extern const char *const model_metric_snap;

/* Tasks (task.c, task_edit.c): the checks of add and edit (resolving role
 * and phase: 0 = leave, -1 = none), run inside the transaction. */
struct task_fields;
int model_task_check(struct board *b, int64_t event, const struct task_fields *f, int64_t *role,
		     int64_t *phase);
/* Binds ?1 event and ?2 role of q, and ?3 owner and ?4 status where the
 * statement has them; returns its parameter count (task.c, task_find.c). */
struct task_query;
int model_task_bind_filter(struct sqlite3_stmt *st, const struct task_query *q);
/* Task id to position (unaudited: inside a move or its undo). */
int model_task_place(struct board *b, int64_t id, int64_t position);

/* Metrics (metric.c): a sample of the metric's actual value now, by the
 * actor (every reading and its undo). */
int model_metric_sample(struct board *b, int64_t id);
/* The metric name of event (a stage before a budget line of that name):
 * model_row's SQLITE_ROW (*id read), SQLITE_DONE or the error. */
int model_metric_id(struct board *b, int64_t event, const char *name, int64_t *id);

/* History (undo.c, trash.c, conflict.c), inside the caller's transaction:
 * the snapshot query of "task", "item" or "metric"; the audit row of an
 * undo (undoes = the undone row, 0 none; *log_id = the new row when not
 * NULL) or a restore; trash row → task or item again (*id its id, entity
 * and *event its own); "status: todo → done, owner: - → bob", the keys of
 * new whose value differs from old (old NULL: every key of new). */
const char *model_snap_for(const char *entity);
int model_audit_undo(struct board *b, int64_t event, const char *entity, int64_t id, const char *action,
		     const char *old, const char *new_, int64_t undoes, int64_t *log_id);
int model_trash_restore_row(struct board *b, int64_t trash, char entity[16], int64_t *id, int64_t *event);
/* MU_OK when sql (?1 = id → its updated_at) still reads expected, else
 * model_conflict's MU_CONFLICT (edits of tasks and items). */
struct conflict;
int model_unchanged(struct board *b, const char *entity, const char *sql, int64_t id, const char *expected,
		    struct conflict *out);
void model_change_summary(struct board *b, const char *old, const char *new_, char *out, size_t size);

#endif
