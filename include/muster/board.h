/* The board: one SQLite file opened for one acting person.  Every model call
 * takes a struct board; every change is one BEGIN IMMEDIATE transaction that
 * also writes its audit row.  Only src/db.c and src/model/ see SQLite. */
#ifndef MUSTER_BOARD_H
#define MUSTER_BOARD_H
#include <stdbool.h>
#include <stdint.h>

struct board;

/* How long stored text may be, in UTF-8 bytes (the model refuses more;
 * forms on the board take exactly this much). */
#define BOARD_TITLE_MAX 1024  /* a title or name */
#define BOARD_NAME_MAX 256    /* a login, key, unit */
#define BOARD_NOTES_MAX 65536 /* notes, objective, review text */

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

/* How many transactions this connection committed since board_open
 * (migrations not counted): a command that committed its change has done
 * it, whatever fails afterwards (printing the result, reading it back). */
int64_t board_commits(const struct board *b);

/* Copy the whole board into the SQLite file dest (an empty file the caller
 * made: see muster backup) as one consistent snapshot while others go on
 * writing: every change committed before the copy began is in it.  MU_DATA
 * when dest cannot be written, MU_DB / MU_BUSY for the board. */
int board_backup(struct board *b, const char *dest);

/* PRAGMA data_version: changes whenever another connection commits. */
int64_t board_data_version(struct board *b);

/* Schema version this program writes (PRAGMA user_version after migrating). */
int board_schema_version(void);

/* Default database path: $MUSTER_DB, else $XDG_DATA_HOME/muster/board.db,
 * else ~/.local/share/muster/board.db.  Returns allocated memory. */
char *board_default_path(void);

#endif
