/* SQLite underneath the board: the connection, pragmas, migrations, the
 * prepared-statement cache, BEGIN IMMEDIATE helpers and the audit row.
 * Private to src/db*.c, src/schema.c and src/model/ (the only users of
 * <sqlite3.h>). */
#ifndef MUSTER_DB_H
#define MUSTER_DB_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"

struct stmt_slot {
	const char *sql; /* the static string: its address is the key */
	sqlite3_stmt *stmt;
};

struct board {
	sqlite3 *db;
	char *path;
	char *actor;   /* who acts: NULL until board_identify settles it */
	char *account; /* the real uid's login (every audit row records it) */
	int mode;      /* enum board_mode */
	unsigned owner; /* uid of the board file's owner */
	bool admin;    /* may make board-level changes (model_allow_board) */
	bool restricted; /* a restricted (kiosk) session: access_restrict */
	bool created;  /* board_open made the file */
	bool migrating; /* the migrations may write before the actor is settled */
	struct stmt_slot *stmts;
	size_t nstmts, capstmts;
	int busy_ms;  /* give up on a lock after this long */
	double busy_started;
	bool in_txn;
	int64_t commits; /* transactions committed since the board opened (not migrations) */
};

/* The schema (src/schema.c): NULL-terminated statement lists, one per
 * migration, applied in order through PRAGMA user_version. */
extern const char *const *const db_migrations[];
extern const int db_nmigrations;

/* A cached statement for sql (a static string), reset and unbound.  A
 * statement that does not prepare is a bug: die(). */
sqlite3_stmt *db_stmt(struct board *b, const char *sql);

/* BEGIN IMMEDIATE (MU_BUSY after the timeout), COMMIT, ROLLBACK. */
int db_begin(struct board *b);
int db_commit(struct board *b);
void db_rollback(struct board *b);

/* Map an SQLite result code to a muster status with a stored message. */
int db_fail(struct board *b, int rc);

/* Step a lookup of one row by ?1 = id.  MU_OK: the row is current (read
 * it, then sqlite3_reset); otherwise the statement is reset and the result
 * is MU_DATA "no WHAT with id N" or the mapped error. */
int db_step_id(struct board *b, const char *sql, int64_t id, const char *what, sqlite3_stmt **st);

/* The first column of the one row of sql (a static string, no
 * parameters), or -1 when there is no row or the step fails. */
int64_t db_query_int64(struct board *b, const char *sql);

/* Step a statement that returns no row; MU_OK or the mapped error. */
int db_exec_stmt(struct board *b, sqlite3_stmt *st);

/* A snapshot query takes ?1 = id and returns (json text, event id) of the
 * row; db_snapshot returns the text (allocated) or NULL when no row. */
char *db_snapshot(struct board *b, const char *sql, int64_t id, int64_t *event);
/* The same, telling no row (MU_OK, *out NULL) from a failed read. */
int db_snapshot_rc(struct board *b, const char *sql, int64_t id, int64_t *event, char **out);

/* src/db_change.c: one change = BEGIN IMMEDIATE, the old snapshot, the caller's statements,
 * the new snapshot and the audit row, COMMIT.  An unchanged row writes
 * nothing.  For an insert pass id 0 and set c->id before the end. */
struct change {
	const char *entity, *action, *snap;
	int64_t id, event;
	char *old;
	bool always; /* audit and commit even when the snapshot is unchanged
			(a metric reading equal to the current actual is still a sample) */
	const char *keys; /* NULL, or a JSON array of the snapshot's keys the
			     change wrote: the audit row holds only those */
};
int db_change_begin(struct board *b, struct change *c, const char *entity, const char *action,
		    const char *snap, int64_t id);
/* Finishes with rc from the caller's statements: commit or roll back. */
int db_change_end(struct board *b, struct change *c, int rc);

/* After the migrations (src/model/identity.c): the board's mode, owner and
 * kiosk list decide who acts: `as` (--as, $MUSTER_USER; NULL = nobody
 * asked) on a personal board, else the account, or `as` when the account
 * is on the kiosk list.  MU_DENIED with the reason otherwise. */
int board_identify(struct board *b, const char *as);

/* Append the audit row (inside the caller's transaction); refused while
 * the actor is not settled. */
int db_audit(struct board *b, int64_t event, const char *entity, int64_t id, const char *action,
	     const char *old, const char *new_);

/* src/db_live.c: a board we may only read is read as an immutable file
 * only when nobody can be writing it (a read-only medium, a directory no
 * one may write) and its -wal holds nothing; else db_cannot_follow says
 * why not and how to fix it (MU_DB). */
bool db_nobody_writes(const char *path);
int db_cannot_follow(const char *path);

/* Binding helpers: NULL binds NULL; "" dates bind NULL.  Text is copied
 * (no memory for the copy: die(), before anything is committed). */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_date(sqlite3_stmt *st, int i, const char *d);
void db_bind_real(sqlite3_stmt *st, int i, double v); /* NAN → NULL */
/* Column helpers. */
const char *db_col_text(sqlite3_stmt *st, int i); /* "" for NULL */
double db_col_real(sqlite3_stmt *st, int i);      /* NAN for NULL */
void db_col_date(sqlite3_stmt *st, int i, char out[11]);

#endif
