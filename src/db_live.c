/* Whether a board we may only read can be read as an immutable file (no
 * locks, no -wal/-shm) without showing stale data: only when nobody can be
 * changing it -- a read-only medium, or a directory no one else may write
 * -- and no change waits in its -wal.  Otherwise one clear refusal naming
 * the file in the way and the command that fixes it. */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "muster/priv.h"
#include "muster/db.h"
#include "muster/err.h"
#include "muster/xalloc.h"

static char *dir_of(const char *path)
{
	char *tmp = xstrdup(path), *d = xstrdup(dirname(tmp));
	free(tmp);
	return d;
}

static bool wal_empty(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool empty = stat(wal, &st) != 0 || st.st_size == 0;
	free(wal);
	return empty;
}

bool db_nobody_writes(const char *path)
{
	char *dir = dir_of(path);
	struct statvfs vfs;
	struct stat st;
	bool ro_medium = statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
	bool closed_dir = stat(dir, &st) == 0 && (st.st_mode & 0222) == 0;
	free(dir);
	return (ro_medium || closed_dir) && wal_empty(path);
}

int db_cannot_follow(const char *path)
{
	char *shm = xasprintf("%s-shm", path), *dir = dir_of(path);
	char ub[32], gb[32];
	struct stat st;
	int rc;
	if (!wal_empty(path) && db_nobody_writes(path)) {
		rc = mu_fail(MU_DB, "%s: its last changes wait in %s-wal, which cannot be read where nothing may be"
				    " written; copy the board with its -wal to a writable place and read it there",
			     path, path);
	} else if (stat(shm, &st) == 0) {
		/* someone has it open, and its -shm is closed to us */
		const char *g = unix_group_name(st.st_gid, gb);
		rc = mu_fail(MU_DB, "%s: cannot read %s (owner %s, group %s, mode %03o), so other people's changes"
				    " would not show; nothing was read; fix: sudo chgrp %s %s && sudo chmod g+rw %s",
			     path, shm, unix_user_name(st.st_uid, ub), g, (unsigned)(st.st_mode & 0777), g, shm, shm);
	} else if (stat(dir, &st) == 0) {
		/* nobody has it open, and we may not create its -shm: a view
		 * opened now would never see a change made after */
		const char *g = unix_group_name(st.st_gid, gb);
		rc = mu_fail(MU_DB, "%s: you may read it but not create %s in %s (owner %s, group %s, mode %03o), so"
				    " other people's changes would not show; nothing was read; fix: sudo muster init"
				    " --shared %s --db %s (a group of the people who share it)",
			     path, shm, dir, unix_user_name(st.st_uid, ub), g, (unsigned)(st.st_mode & 07777), g, path);
	} else {
		rc = mu_fail(MU_DB, "%s: cannot use its directory %s: %s", path, dir, strerror(errno));
	}
	free(shm);
	free(dir);
	return rc;
}
