/* Tasks: the work of each role, with status, owner, due date, notes,
 * position and dependencies. */
#ifndef MUSTER_TASK_H
#define MUSTER_TASK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

enum task_status { TASK_TODO, TASK_DOING, TASK_BLOCKED, TASK_DONE, TASK_STATUS_N };
const char *task_status_name(enum task_status s); /* "todo" ... */
int task_status_parse(const char *s, enum task_status *out); /* MU_USAGE if bad */

struct task {
	int64_t id, event_id, phase_id, role_id; /* phase_id/role_id 0 = none */
	char *title, *owner, *notes;             /* owner "" = unassigned */
	char *role_key, *phase_key;              /* "" when none */
	char *depends;                           /* ids it depends on: "3,7" or "" */
	int open_deps;                           /* how many of them are not done */
	char due[11];                            /* "" when none */
	enum task_status status;
	int64_t position;
	char *updated_at;
};

struct task_list {
	struct task *v;
	size_t n, cap;
	struct pool pool;
};

enum task_order { TASK_ORDER_POSITION, TASK_ORDER_DUE };

/* A row's place in position order, for keyset windows. */
struct task_key {
	int64_t position, id;
};

struct task_query {
	int64_t event_id;   /* 0 = every event */
	int64_t role_id;    /* 0 = every role */
	const char *owner;  /* NULL = anyone */
	int status;         /* -1 = any, else enum task_status */
	const char *search; /* NULL or substring of title/notes/owner (case-insensitive ASCII) */
	enum task_order order;
	size_t limit;       /* 0 = no limit */
	size_t offset;
	/* Position order only (MU_USAGE with TASK_ORDER_DUE).  reverse: read
	 * from the end: offset counts back from the last row, and the rows
	 * still come back in order (the last page of 100k rows costs what the
	 * first does).  key: only the rows after it (before it when reverse),
	 * so a window next to a loaded one needs no OFFSET walk. */
	bool reverse;
	const struct task_key *key; /* NULL = from the start (end) */
	/* The caller needs only id, event, phase, role, title, due, status and
	 * position: owner, notes, role and phase keys and dependencies may come
	 * back empty (the timeline's marks by due date: a quarter of the cost). */
	bool brief;
};
#define TASK_QUERY_INIT {0, 0, NULL, -1, NULL, TASK_ORDER_POSITION, 0, 0, false, NULL, false}

int task_query(struct board *b, const struct task_query *q, struct task_list *out);
/* Rows matching q (ignoring limit/offset) and how many of them are done. */
int task_count(struct board *b, const struct task_query *q, int64_t *total, int64_t *done);
void task_list_free(struct task_list *l);
/* Search in SQL for the screen's "/" and n/N: the next (dir > 0) or previous
 * task of q (position order; q->search is ignored) after the task
 * after_id (0 = from the start), wrapping around, whose title, owner or notes
 * contain text (ASCII case-insensitive) or whose "#id" is text.  Sets *id and
 * *row (its index in q's rows); MU_DATA "no task matches" when none. */
int task_find(struct board *b, const struct task_query *q, const char *text, int64_t after_id, int dir,
	      int64_t *id, int64_t *row);
int task_get(struct board *b, int64_t id, struct task *out, struct pool *pool);

/* Fields for add/edit: NULL leaves a field unchanged (edit) or default (add).
 * due "" clears it; role/phase by key or name. */
struct task_fields {
	const char *title, *owner, *notes, *due, *role, *phase;
};

int task_add(struct board *b, int64_t event, const struct task_fields *f, int64_t *id);
int task_edit(struct board *b, int64_t id, const struct task_fields *f);
/* The edit form's save: only when the task's updated_at is still
 * expected_updated_at (what the form read); otherwise MU_CONFLICT with
 * *conflict (when not NULL; conflict_free it) saying who changed what
 * since, and nothing saved.  To overwrite after asking, call task_edit. */
struct conflict;
int task_edit_if(struct board *b, int64_t id, const struct task_fields *f, const char *expected_updated_at,
		 struct conflict *conflict);
/* The edit form's save, field by field (muster/merge.h): base is the task
 * as the form opened it, mine what the user left in each field (NULL = not
 * shown).  Writes only the fields the user changed; one someone else
 * changed meanwhile that the user left alone keeps their value.  Both
 * changed a field: MU_CONFLICT with *m (merge_free it), nothing saved;
 * set each m->f[i].keep_mine, task_merge_apply, and save again. */
struct merge;
int task_edit_merge(struct board *b, int64_t id, const struct task_fields *base, const struct task_fields *mine,
		    struct merge *m);
/* base and mine after the answers in m (pointing into m's strings). */
void task_merge_apply(struct task_fields *base, struct task_fields *mine, const struct merge *m);
int task_set_status(struct board *b, int64_t id, enum task_status s);
int task_assign(struct board *b, int64_t id, const char *owner);
int task_remove(struct board *b, int64_t id);
/* Swap with the previous (delta < 0) or next task of the same role. */
int task_move(struct board *b, int64_t id, int delta);

#endif
