/* `muster init --guarded`: a board that only this muster writes.  Its
 * directory (2770) and files (660: the board, -wal and -shm, kept for good
 * so no later open has to make them) belong to the group muster is
 * installed setgid to, and the users stay outside that group. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/identity.h"
#include "muster/priv.h"

/* -wal and -shm exist (SQLite made them; an empty -wal is a valid one). */
static int make_file(const char *path, const char *sfx)
{
	char *f = xasprintf("%s%s", path, sfx);
	int fd = open(f, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);
	int rc = MU_OK;
	if (fd >= 0)
		close(fd);
	else if (errno != EEXIST)
		rc = mu_fail(MU_DB, "cannot create %s: %s", f, strerror(errno));
	free(f);
	return rc;
}

int cli_guarded_init(struct cli *c)
{
	gid_t gid;
	char exe[512];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	if (!priv_guard_gid(&gid))
		return mu_fail(MU_USAGE,
			       "init --guarded needs a muster installed setgid to a group (make install"
			       " GUARD_GROUP=muster); %s is not",
			       n > 0 ? exe : "this one");
	struct group *gr = getgrgid(gid);
	char *name = gr && gr->gr_name ? xstrdup(gr->gr_name) : xasprintf("%ld", (long)gid);
	priv_drop(); /* root or the group's member: their own rights suffice */
	int rc = MU_OK;
	struct board *b;
	if (getuid() != 0 && !priv_member_of(gid))
		rc = mu_fail(MU_DENIED, "only root or a member of group %s may make a guarded board", name);
	if (!rc)
		rc = cli_group_dir(c->db_path, gid, name);
	if (!rc) {
		mode_t mask = umask(007);
		rc = cli_board(c, BOARD_CREATE, &b);
		umask(mask);
	}
	if (!rc)
		rc = board_set_mode(b, BOARD_GUARDED);
	if (!rc)
		rc = make_file(c->db_path, "-wal");
	if (!rc)
		rc = make_file(c->db_path, "-shm");
	if (!rc)
		rc = cli_group_files(c->db_path, gid, name);
	free(name);
	return rc;
}
