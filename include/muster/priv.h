/* Setgid privilege for guarded boards (src/util/priv.c).  A muster installed
 * setgid to a group drops that group at the start of main, raises it only
 * around the open of a board that belongs to the group, and gives it up for
 * good once the board, its -wal and -shm are open.  Also the one getenv for
 * MUSTER_* variables, which ignores test hooks in a privileged process. */
#ifndef MUSTER_PRIV_H
#define MUSTER_PRIV_H
#include <stdbool.h>
#include <sys/types.h>

/* First thing in main: when the effective gid is not the real one,
 * remember it, make the effective gid the real one, make sure fds 0-2 are
 * open, drop TERMINFO / TERMINFO_DIRS / TERMCAP / TERMPATH, and turn off
 * core dumps (RLIMIT_CORE 0, PR_SET_DUMPABLE 0). */
void priv_init(void);
/* A privileged gid is still held (saved), so it could be raised. */
bool priv_held(void);
/* The real gid or one of the supplementary groups is gid. */
bool priv_member_of(gid_t gid);
/* The group this muster is installed setgid to (held, or the setgid bit on
 * /proc/self/exe when the real gid is that group); false when none. */
bool priv_guard_gid(gid_t *gid);

/* Before opening the board at path: when a privileged gid is held and the
 * board's directory belongs to it (and is not writable by others), checks
 * that the board, -wal and -shm exist as regular files of that group, and
 * that the board is in WAL mode, then raises the effective gid (*raised).
 * Otherwise nothing (the board opens with the real gid).  MU_DB with a
 * message when the directory is the group's but a check fails. */
int priv_raise_for_board(const char *path, bool *raised);
/* Give the privileged gid up for good: real, effective and saved gid all
 * the real gid.  Dies when that fails.  Idempotent. */
void priv_drop(void);

/* getenv for MUSTER_* names: MUSTER_DB and MUSTER_USER as they are (the
 * board and login asked for, checked like --db and --as); every other one
 * (MUSTER_TODAY, MUSTER_REPLAY, MUSTER_TIMINGS, MUSTER_BUSY_TIMEOUT,
 * MUSTER_THEMES...) is NULL in a privileged (setgid, AT_SECURE) process. */
const char *mu_env(const char *name);

/* The login of uid / the name of gid, else the number, in buf. */
const char *unix_user_name(uid_t uid, char buf[32]);
const char *unix_group_name(gid_t gid, char buf[32]);

#endif
