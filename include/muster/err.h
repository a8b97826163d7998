/* Recoverable errors: a status code (also the process exit status) plus one
 * stored message.  Functions that fail call mu_fail() and return its code;
 * the caller shows mu_errmsg() on stderr or in the status line. */
#ifndef MUSTER_ERR_H
#define MUSTER_ERR_H

enum mu_status {
	MU_OK = 0,
	MU_USAGE = 1,  /* bad command line or form input */
	MU_DATA = 2,   /* unknown id, bad file, refused value */
	MU_BUSY = 3,   /* database locked beyond the busy timeout */
	MU_DB = 4,     /* database unusable: read-only, not SQLite, newer schema, disk full */
	MU_DENIED = 5, /* the acting person may not do this */
	MU_CONFLICT = 6, /* someone else changed the record meanwhile (or since your change) */
};

#if defined(__GNUC__)
#define MU_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define MU_NORETURN __attribute__((noreturn))
#else
#define MU_PRINTF(a, b)
#define MU_NORETURN
#endif

/* Store a message and return code. */
int mu_fail(int code, const char *fmt, ...) MU_PRINTF(2, 3);
const char *mu_errmsg(void);
int mu_errcode(void);
void mu_errclear(void);

/* Fatal: run the registered cleanup (the TUI restores the terminal), print
 * "muster: message" and exit with status 70 (out of memory, an internal
 * error; a change not committed is rolled back by SQLite).  With a status
 * function set (the CLI's: 0 once a change was committed) its answer is the
 * status instead, and 0 prints the message as a warning. */
void die(const char *fmt, ...) MU_PRINTF(1, 2) MU_NORETURN;
void die_set_cleanup(void (*fn)(void));
void die_set_status(int (*fn)(void));

#endif
