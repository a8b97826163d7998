/* History: undo of one's own last change (from the audit log's old/new
 * snapshots), the trash of deleted tasks and items, and conflict reports
 * ("eve changed task #12 at 14:02 since") for edit forms. */
#ifndef MUSTER_HISTORY_H
#define MUSTER_HISTORY_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

/* ---- undo ---- */

struct undo_result {
	int64_t log_id;     /* the audit row that was undone */
	int64_t undo_id;    /* the new audit row (action "undo") */
	char entity[16];    /* "task", "item", "metric" */
	int64_t entity_id;  /* the record now (a restored task may get a new id) */
	char action[16];    /* the undone action: "done", "tick", "edit", "remove"... */
	char what[256];     /* what the undo did: "status: done → todo", "restored", "removed" */
};

/* Undo the actor's own most recent change that is not undone yet (in event,
 * 0 = any event), if nobody else changed that record since.  Undoing again
 * undoes the change before that (undo is not redo); an undo is itself an
 * audited change (action "undo", log.undoes = the undone row).
 *   MU_DATA      nothing to undo, or a change undo does not take back
 *                (an import, people, settings): nothing undone
 *   MU_CONFLICT  "eve changed task #12 at 14:02 since; nothing undone"
 *   MU_DENIED    the actor may no longer make the reverse change */
int undo_last(struct board *b, int64_t event, struct undo_result *out);

/* ---- trash ---- */

struct trash_entry {
	int64_t id, orig_id, event_id;
	char *entity; /* "task" or "item" */
	char *title, *deleted_by, *deleted_at;
};
struct trash_list {
	struct trash_entry *v;
	size_t n, cap;
	struct pool pool;
};
/* Newest first; event 0 = every event. */
int trash_list(struct board *b, int64_t event, struct trash_list *out);
void trash_list_free(struct trash_list *l);
/* Put trash entry `id` back (coordinators): the row with its original id
 * when that is still free, a task with the dependencies whose other task
 * still exists.  An audited change (action "restore"). */
int trash_restore(struct board *b, int64_t id, char entity[16], int64_t *new_id);

/* ---- conflicts ---- */

/* Who changed a record since the caller read it (see task_edit_if and
 * item_edit_if), for the edit form to show before it asks. */
struct conflict {
	char *actor; /* the last one to change it */
	char *at;    /* when, local time "HH:MM" */
	char *what;  /* every change since: "eve: status todo → done; bob: title A → B" */
	int changes; /* how many changes */
};
void conflict_free(struct conflict *c);

/* ---- for src/model ---- */

/* Copy a task / item row (a task with its dependencies both ways) into the
 * trash, inside the caller's transaction, before it is deleted. */
int model_trash_task(struct board *b, int64_t task);
int model_trash_item(struct board *b, int64_t item);
/* Fill *out (when not NULL) and fail with MU_CONFLICT: entity/id changed
 * after expected (an updated_at value). */
int model_conflict(struct board *b, const char *entity, int64_t id, const char *expected, struct conflict *out);

#endif
