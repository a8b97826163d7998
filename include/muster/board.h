/* The board: one SQLite file opened for one acting person.  Every model call
 * takes a struct board; every change is one BEGIN IMMEDIATE transaction that
 * also writes its audit row.  Only src/db.c and src/model/ see SQLite. */
#ifndef MUSTER_BOARD_H
#define MUSTER_BOARD_H
#include <stdbool.h>
#include <stdint.h>

struct board;

enum board_flags {
	BOARD_CREATE = 1 << 0,   /* create the file (and its directory) if missing */
	BOARD_READONLY = 1 << 1, /* open read-only; no migrations */
	BOARD_NOFOLLOW = 1 << 2, /* the board file may not be a symbolic link */
};

/* Opens (and migrates) the database at path, then settles who acts (see
 * include/muster/identity.h): `as` is the login asked for (--as or
 * $MUSTER_USER), NULL or "" for the Unix account itself.  On a shared or
 * guarded board only kiosk accounts may ask for another login: MU_DENIED.
 * On error returns MU_DB / MU_BUSY / MU_DATA / MU_DENIED with mu_errmsg()
 * naming path and cause. */
int board_open(struct board **out, const char *path, const char *as, unsigned flags);
void board_close(struct board *b);

const char *board_actor(const struct board *b);
/* board_open created the file (it did not exist). */
bool board_created(const struct board *b);
const char *board_path(const struct board *b);

/* PRAGMA data_version: changes whenever another connection commits. */
int64_t board_data_version(struct board *b);

/* Schema version this program writes (PRAGMA user_version after migrating). */
int board_schema_version(void);

/* Default database path: $MUSTER_DB, else $XDG_DATA_HOME/muster/board.db,
 * else ~/.local/share/muster/board.db.  Returns allocated memory. */
char *board_default_path(void);

#endif
