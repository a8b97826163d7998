/* muster backup FILE: a consistent copy of the board while others write
 * (board_backup), written safely: a temporary file from mkstemp in FILE's
 * directory, fsync, rename over FILE, fsync of the directory -- so FILE is
 * always the old copy or the whole new one, never half of one. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/cli.h"

static int cannot(const char *path, int e)
{
	return mu_fail(MU_DATA, "cannot write %s: %s", path, strerror(e));
}

/* The one place backup writes a file (to route through the shared safe
 * writer later): temporary file beside path, the copy, fsync, mode from
 * the umask, rename, fsync of the directory; on failure nothing is left. */
static int backup_to(struct board *b, const char *path)
{
	char *dup = xstrdup(path), *base = xstrdup(basename(dup));
	free(dup);
	dup = xstrdup(path);
	char *dir = xstrdup(dirname(dup));
	free(dup);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	int rc = MU_OK, fd = mkstemp(tmp);
	if (fd < 0) {
		rc = cannot(path, errno);
		goto out;
	}
	mode_t um = umask(0);
	umask(um);
	rc = board_backup(b, tmp);
	if (!rc && (fsync(fd) != 0 || fchmod(fd, 0666 & ~um) != 0))
		rc = cannot(path, errno);
	if (close(fd) != 0 && !rc)
		rc = cannot(path, errno);
	if (!rc && rename(tmp, path) != 0)
		rc = cannot(path, errno);
	if (rc) {
		unlink(tmp);
		static const char *const sfx[] = {"-journal", "-wal", "-shm"}; /* the copy's own */
		for (size_t i = 0; i < 3; i++) {
			char *j = xasprintf("%s%s", tmp, sfx[i]);
			unlink(j);
			free(j);
		}
		goto out;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0 || fsync(dfd) != 0)
		rc = cannot(dir, errno);
	if (dfd >= 0)
		close(dfd);
out:
	free(tmp);
	free(dir);
	free(base);
	return rc;
}

/* FILE must not be the board or one of its own files. */
static int not_the_board(struct cli *c, const char *path)
{
	struct stat a, f;
	bool same = stat(c->db_path, &a) == 0 && stat(path, &f) == 0 && a.st_dev == f.st_dev && a.st_ino == f.st_ino;
	static const char *const sfx[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; !same && i < 3; i++) {
		char *own = xasprintf("%s%s", c->db_path, sfx[i]);
		same = !strcmp(own, path) || (stat(own, &a) == 0 && stat(path, &f) == 0 && a.st_dev == f.st_dev &&
					      a.st_ino == f.st_ino);
		free(own);
	}
	return same ? mu_fail(MU_USAGE, "%s is the board itself (or one of its files); back it up to another file", path)
		    : MU_OK;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	char *path = NULL;
	struct stat st;
	int rc = cli_getopt(c, argc, argv, "", 1, 1, &o);
	if (rc || (rc = cli_output_path(c, o.arg[0], &path)))
		return rc;
	if (!*path)
		rc = mu_fail(MU_USAGE, "backup needs a file name");
	else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		rc = mu_fail(MU_USAGE, "%s is a directory; give the backup a file name", path);
	if (!rc)
		rc = not_the_board(c, path);
	if (!rc)
		rc = cli_board(c, 0, &b);
	if (!rc)
		rc = backup_to(b, path);
	if (!rc) {
		long long size = stat(path, &st) == 0 ? (long long)st.st_size : 0;
		if (c->g.json) {
			bool f;
			json_open(&c->out, &f);
			json_str(&c->out, &f, "board", c->db_path);
			json_str(&c->out, &f, "backup", path);
			json_int(&c->out, &f, "bytes", size);
			json_close(&c->out);
			sb_addc(&c->out, '\n');
		} else {
			sb_addf(&c->out, "backed up %s to %s (%lld bytes)\n", c->db_path, path, size);
		}
	}
	free(path);
	return rc;
}
