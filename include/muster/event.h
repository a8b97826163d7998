/* Events and what belongs to one event as a whole: phases, roles, people. */
#ifndef MUSTER_EVENT_H
#define MUSTER_EVENT_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

/* Optional numbers are NAN when absent. */
struct event {
	int64_t id;
	char *name, *kind, *objective, *currency;
	char start[11], end[11]; /* "" when absent */
	double budget, unit_price, ctr, cpm;
	char *created_at;
};

struct event_list {
	struct event *v;
	size_t n, cap;
	struct pool pool;
};

/* All events, most recent start first. */
int event_list(struct board *b, struct event_list *out);
void event_list_free(struct event_list *l);

/* Resolve "ID" or an exact name; NULL or "" picks the only event or else
 * the most recently created one.  MU_DATA "no event ..." when none. */
int event_find(struct board *b, const char *id_or_name, int64_t *id);
int event_get(struct board *b, int64_t id, struct event *out, struct pool *pool);
int event_delete(struct board *b, int64_t id);

struct phase {
	int64_t id;
	char *key, *name;
	char start[11], end[11];
};
struct phase_list {
	struct phase *v;
	size_t n, cap;
	struct pool pool;
};
int phase_list(struct board *b, int64_t event, struct phase_list *out);
void phase_list_free(struct phase_list *l);

struct role {
	int64_t id;
	char *key, *name;
	int64_t tasks_total, tasks_done; /* counts over the role's tasks */
};
struct role_list {
	struct role *v;
	size_t n, cap;
	struct pool pool;
};
int role_list(struct board *b, int64_t event, struct role_list *out);
void role_list_free(struct role_list *l);
/* Key or exact name → id (MU_DATA when unknown). */
int role_find(struct board *b, int64_t event, const char *key, int64_t *id);
int phase_find(struct board *b, int64_t event, const char *key, int64_t *id);

struct person {
	int64_t id;
	char *login, *name, *access; /* access: coordinator | staff | viewer */
	char *roles;                 /* role keys, comma-separated */
};
struct person_list {
	struct person *v;
	size_t n, cap;
	struct pool pool;
};
int person_list(struct board *b, int64_t event, struct person_list *out);
void person_list_free(struct person_list *l);

#endif
