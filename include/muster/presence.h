/* Presence: who else has the board open, and on which pane.  Each screen
 * writes a heartbeat row (login, host, pid, pane, event) every few seconds;
 * rows older than PRESENCE_STALE_S are not listed.  Heartbeats are the one
 * kind of write that is not a user change: no audit row, and they do not
 * move board_change_counter(), so a screen can tell a real change (reload)
 * from a heartbeat (redraw the title line only). */
#ifndef MUSTER_PRESENCE_H
#define MUSTER_PRESENCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

#define PRESENCE_STALE_S 30

/* Upsert this process's row (pane: "tasks", "items"...; event 0 = none).
 * Waits for the write lock at most 200 ms: MU_BUSY then, to be ignored
 * and retried at the next beat.  Rows stale for over an hour are swept. */
int presence_beat(struct board *b, int64_t event, const char *pane);
/* Remove this process's row (on quit). */
int presence_leave(struct board *b);

struct presence {
	char *login, *host, *pane;
	int64_t pid, event_id;
	int age_s;  /* seconds since its last heartbeat */
	bool self;  /* this process */
};
struct presence_list {
	struct presence *v;
	size_t n, cap;
	struct pool pool;
};
/* Live sessions (heartbeat within PRESENCE_STALE_S) on event (0 = any),
 * by login; this process included, marked self. */
int presence_list(struct board *b, int64_t event, struct presence_list *out);
void presence_list_free(struct presence_list *l);

/* max(log.id): moves with every user change (and undo), never with a
 * heartbeat.  Compare it when PRAGMA data_version moved. */
int64_t board_change_counter(struct board *b);

#endif
