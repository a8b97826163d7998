/* Material checklists and their items: needed and ready quantities, unit,
 * due date, done (with who and when). */
#ifndef MUSTER_ITEM_H
#define MUSTER_ITEM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

struct checklist {
	int64_t id, event_id, role_id;
	char *name, *role_key;
	int64_t items, items_done;
};
struct checklist_list {
	struct checklist *v;
	size_t n, cap;
	struct pool pool;
};
int checklist_list(struct board *b, int64_t event, struct checklist_list *out);
void checklist_list_free(struct checklist_list *l);
/* ID or exact name. */
int checklist_find(struct board *b, int64_t event, const char *id_or_name, int64_t *id);
int checklist_add(struct board *b, int64_t event, const char *name, const char *role, int64_t *id);

struct item {
	int64_t id, checklist_id;
	char *title, *unit, *checklist; /* checklist = its list's name */
	char *done_by, *done_at;        /* NULL unless done */
	char due[11];
	int64_t qty, qty_ready;
	bool done;
	int64_t position;
	char *updated_at; /* for item_edit_if */
};
struct item_list {
	struct item *v;
	size_t n, cap;
	struct pool pool;
};
/* Items of one event (checklist 0 = every list), in list then item order. */
int item_query(struct board *b, int64_t event, int64_t checklist, size_t limit, size_t offset,
	       struct item_list *out);
void item_list_free(struct item_list *l);
int item_get(struct board *b, int64_t id, struct item *out, struct pool *pool);
/* ID or exact title within the event. */
int item_find(struct board *b, int64_t event, const char *id_or_title, int64_t *id);
/* Search for the screen's "/" and n/N: the next (dir > 0) or previous item
 * of the checklist (position order) after the item after_id (0 = from the
 * start), wrapping around, whose title contains text (ASCII
 * case-insensitive).  Sets *id and *row (its index in the list); MU_DATA
 * "no item matches" when none. */
int item_find_text(struct board *b, int64_t checklist, const char *text, int64_t after_id, int dir, int64_t *id,
		   int64_t *row);

/* qty == 0: mark done (ready raised to the needed quantity).
 * qty  > 0: add qty to ready, atomically; done once ready >= needed. */
int item_tick(struct board *b, int64_t id, int64_t qty);
/* qty == 0: not done, and ready back to what it was before the tick that
 * made the item done (12/30 → 30/30 → 12/30), or 0.  qty > 0: take qty off
 * ready.  The ready quantity before a tick is kept per item (migration 5). */
int item_untick(struct board *b, int64_t id, int64_t qty);
/* Set the ready quantity to ready (0..1e9): done when it reaches the
 * needed quantity.  Audited (action "set"), undoable. */
int item_set_ready(struct board *b, int64_t id, int64_t ready);

struct item_fields {
	const char *title, *unit, *due; /* NULL = unchanged/default */
	int64_t qty;                    /* < 0 = unchanged (edit) / 1 (add) */
	int64_t ready;                  /* the ready quantity, when ready_set (edit) */
	bool ready_set;
};
int item_add(struct board *b, int64_t checklist, const struct item_fields *f, int64_t *id);
int item_edit(struct board *b, int64_t id, const struct item_fields *f);
/* Like task_edit_if: MU_CONFLICT (with *conflict) when the item changed
 * after the caller read expected_updated_at; nothing saved. */
struct conflict;
int item_edit_if(struct board *b, int64_t id, const struct item_fields *f, const char *expected_updated_at,
		 struct conflict *conflict);
/* The edit form's save, field by field, like task_edit_merge. */
struct merge;
int item_edit_merge(struct board *b, int64_t id, const struct item_fields *base, const struct item_fields *mine,
		    struct merge *m);
void item_merge_apply(struct item_fields *base, struct item_fields *mine, const struct merge *m);
int item_remove(struct board *b, int64_t id);

#endif
