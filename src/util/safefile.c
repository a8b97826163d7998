/* Files written safely (see safefile.h): mkstemp in the target's directory,
 * write, fchmod to the umask's mode, fsync, rename, fsync the directory.
 * The pieces are separate so that a writer that writes by path (SQLite's
 * online backup into f->tmp) can use the same open and commit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/err.h"
#include "muster/safefile.h"
#include "muster/xalloc.h"

/* Longest part of the target's name kept in the temporary name, so that
 * ".NAME.XXXXXX" stays under NAME_MAX (255) for any target name. */
#define TMP_BASE_MAX 200

static void names_free(struct safefile *f)
{
	free(f->tmp);
	free(f->path);
	f->tmp = f->path = NULL;
}

static int fail(struct safefile *f, const char *path, int e)
{
	int rc = mu_fail(MU_DATA, "cannot write %s: %s", path, strerror(e));
	safefile_abort(f);
	return rc;
}

/* The directory part of path ("." for a bare name); allocated. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int safefile_open(struct safefile *f, const char *path)
{
	f->fd = -1;
	f->tmp = f->path = NULL;
	size_t n = strlen(path);
	if (n == 0)
		return mu_fail(MU_DATA, "cannot write an empty file name");
	if (path[n - 1] == '/')
		return mu_fail(MU_DATA, "cannot write %s: %s", path, strerror(EISDIR));
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return mu_fail(MU_DATA, "cannot write %s: %s", path, strerror(EISDIR));
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	if (blen > TMP_BASE_MAX)
		blen = TMP_BASE_MAX;
	char *dir = dir_of(path);
	f->path = xstrdup(path);
	f->tmp = xasprintf("%s%s.%.*s.XXXXXX", dir, strcmp(dir, "/") ? "/" : "", (int)blen, base);
	free(dir);
	/* mkstemp: O_CREAT | O_EXCL with a random name, mode 0600 */
	f->fd = mkstemp(f->tmp);
	if (f->fd < 0) {
		int e = errno;
		free(f->tmp);
		f->tmp = NULL;
		return fail(f, path, e);
	}
	(void)fcntl(f->fd, F_SETFD, FD_CLOEXEC);
	return MU_OK;
}

int safefile_write(struct safefile *f, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(f, f->path, w < 0 ? errno : EIO);
		p += w;
		len -= (size_t)w;
	}
	return MU_OK;
}

static void fsync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd >= 0) {
		(void)fsync(fd); /* not every file system syncs directories */
		close(fd);
	}
}

int safefile_commit(struct safefile *f)
{
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(f->fd, 0666 & ~mask) != 0 || fsync(f->fd) != 0)
		return fail(f, f->path, errno);
	int fd = f->fd;
	f->fd = -1;
	if (close(fd) != 0)
		return fail(f, f->path, errno);
	/* rename() replaces a symlink at the target; it never follows it */
	if (rename(f->tmp, f->path) != 0)
		return fail(f, f->path, errno);
	fsync_dir(f->path);
	names_free(f);
	return MU_OK;
}

void safefile_abort(struct safefile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	if (f->tmp)
		unlink(f->tmp);
	names_free(f);
}

int safefile_write_all(const char *path, const void *data, size_t len)
{
	struct safefile f;
	int rc = safefile_open(&f, path);
	if (rc == MU_OK)
		rc = safefile_write(&f, data, len);
	if (rc == MU_OK)
		rc = safefile_commit(&f);
	return rc;
}
