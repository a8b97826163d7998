/* The setgid group of a guarded board's muster: dropped at start, raised
 * only around the open of a board that belongs to it, then given up for
 * good; no core dumps while it is held.  And mu_env(), the one reader of
 * MUSTER_* variables.  After the drop SQLite needs no new open of a board
 * file (strace of a tick: board, -wal and -shm are opened while raised;
 * later only an open of the directory for its fsync and stat()s of the
 * path fail, both ignored by SQLite); the -wal it would delete at close is
 * kept (persistent WAL, src/model/identity.c), as the directory is not
 * writable then. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/err.h"
#include "muster/priv.h"
#include "muster/xalloc.h"

static gid_t real_gid, saved_gid;
static bool held;

void priv_init(void)
{
	real_gid = getgid();
	gid_t e = getegid();
	if (e == real_gid)
		return;
	saved_gid = e;
	held = true;
	if (setegid(real_gid) != 0 || getegid() != real_gid) {
		fputs("muster: cannot drop the setgid group\n", stderr);
		_exit(70);
	}
	/* The terminal library trusts these once the gids match again: a
	 * terminal description is read from the system, never a user's file. */
	unsetenv("TERMINFO");
	unsetenv("TERMINFO_DIRS");
	unsetenv("TERMCAP");
	unsetenv("TERMPATH");
	struct rlimit no = {0, 0};
	setrlimit(RLIMIT_CORE, &no);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* A closed 0, 1 or 2 would make the board file our stderr. */
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int n = open("/dev/null", O_RDWR);
		if (n != fd)
			_exit(70);
	}
}

bool priv_held(void) { return held; }

bool priv_member_of(gid_t gid)
{
	if (getgid() == gid)
		return true;
	int n = getgroups(0, NULL);
	if (n <= 0)
		return false;
	gid_t *v = xmalloc((size_t)n * sizeof *v);
	n = getgroups(n, v);
	bool in = false;
	for (int i = 0; i < n && !in; i++)
		in = v[i] == gid;
	free(v);
	return in;
}

bool priv_guard_gid(gid_t *gid)
{
	struct stat st;
	if (held) {
		*gid = saved_gid;
		return true;
	}
	if (stat("/proc/self/exe", &st) == 0 && (st.st_mode & S_ISGID) && st.st_gid == getegid()) {
		*gid = st.st_gid;
		return true;
	}
	return false;
}

void priv_drop(void)
{
	if (!held)
		return;
	if (setresgid(real_gid, real_gid, real_gid) != 0 || getegid() != real_gid) {
		fputs("muster: cannot give up the setgid group\n", stderr);
		_exit(70);
	}
	gid_t r, e, s;
	if (getresgid(&r, &e, &s) != 0 || r != real_gid || e != real_gid || s != real_gid)
		_exit(70);
	held = false;
}

/* A regular file of the group, not a link: 0 or a message. */
static int check_file(const char *board, const char *f, const char *what)
{
	struct stat st;
	if (lstat(f, &st) != 0)
		return mu_fail(MU_DB, "%s: the guarded board's %s is missing (%s); fix: sudo muster init --guarded --db %s",
			       f, what, strerror(errno), board);
	if (!S_ISREG(st.st_mode) || st.st_gid != saved_gid || (st.st_mode & S_IWOTH))
		return mu_fail(MU_DB, "%s: not a regular file of the board's group (mode %04o); refusing to open it",
			       f, (unsigned)(st.st_mode & 07777));
	return MU_OK;
}

/* The header says WAL (file format bytes 18 and 19 are 2). */
static int check_wal(const char *path)
{
	unsigned char h[100];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, h, sizeof h);
	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return mu_fail(MU_DB, "%s: not a muster board (no SQLite header)", path);
	if (h[18] != 2 || h[19] != 2)
		return mu_fail(MU_DB, "%s: the guarded board is not in WAL mode; fix: sudo muster init --guarded --db %s",
			       path, path);
	return MU_OK;
}

int priv_raise_for_board(const char *path, bool *raised)
{
	*raised = false;
	if (!held)
		return MU_OK;
	char *tmp = xstrdup(path);
	struct stat st;
	bool ours = stat(dirname(tmp), &st) == 0 && S_ISDIR(st.st_mode) && st.st_gid == saved_gid &&
		    !(st.st_mode & S_IWOTH);
	free(tmp);
	if (!ours)
		return MU_OK; /* not the group's board: the real gid opens it, or not */
	if (setegid(saved_gid) != 0)
		return mu_fail(MU_DB, "%s: cannot take up the board's group: %s", path, strerror(errno));
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	int rc = check_file(path, path, "file");
	if (!rc)
		rc = check_file(path, wal, "-wal file");
	if (!rc)
		rc = check_file(path, shm, "-shm file");
	if (!rc)
		rc = check_wal(path);
	free(wal);
	free(shm);
	if (rc) {
		if (setegid(real_gid) != 0)
			_exit(70);
		return rc;
	}
	*raised = true;
	return MU_OK;
}

const char *mu_env(const char *name)
{
	if (!strcmp(name, "MUSTER_DB") || !strcmp(name, "MUSTER_USER"))
		return getenv(name);
	return held || getegid() != getgid() ? NULL : secure_getenv(name);
}

const char *unix_user_name(uid_t uid, char buf[32])
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		return pw->pw_name;
	snprintf(buf, 32, "%ld", (long)uid);
	return buf;
}

const char *unix_group_name(gid_t gid, char buf[32])
{
	struct group *gr = getgrgid(gid);
	if (gr && gr->gr_name)
		return gr->gr_name;
	snprintf(buf, 32, "%ld", (long)gid);
	return buf;
}
