/* The append-only audit log: who changed what, when, from what to what. */
#ifndef MUSTER_LOG_H
#define MUSTER_LOG_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

struct log_entry {
	int64_t id, event_id, entity_id;
	char *at, *actor, *entity, *action;
	char *old, *new_; /* NULL when none */
	char *account;    /* the Unix account that acted (NULL on rows from before) */
};
struct log_list {
	struct log_entry *v;
	size_t n, cap;
	struct pool pool;
};
struct log_query {
	int64_t event_id;  /* 0 = all */
	const char *since; /* NULL or an ISO time/date prefix; rows at or after */
	const char *actor; /* NULL = anyone */
	size_t limit;      /* 0 = all; newest rows when limited */
};
/* Oldest first. */
int log_query(struct board *b, const struct log_query *q, struct log_list *out);
void log_list_free(struct log_list *l);
/* What changed, for people (malloc'd; free it): "status: todo → done",
 * "qty_ready: 0 → 12, done: 0 → 1" (strings unquoted, null and "" as "-",
 * noise such as updated_at left out); the title or name of a row added or
 * removed; old → new as stored when they are not JSON objects. */
char *log_change_summary(const struct log_entry *e);

#endif
