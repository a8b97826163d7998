/* Files written whole or not at all, and never through a name someone else
 * chose: a temporary file made by mkstemp (O_EXCL: it never opens what a
 * symlink points at) in the target's directory, written, fsync'd, given the
 * mode 0666 & ~umask and renamed over the target (a symlink AT the target
 * is replaced, not followed), then the directory fsync'd.  On any failure
 * the temporary file is removed and the old target is left as it was. */
#ifndef MUSTER_SAFEFILE_H
#define MUSTER_SAFEFILE_H
#include <stddef.h>

struct safefile {
	int fd;       /* the temporary file, open for writing; -1 when closed */
	char *tmp;    /* its path: DIR/.NAME.XXXXXX (allocated) */
	char *path;   /* the target (allocated) */
};

/* Create the temporary file next to path.  A writer that writes by name
 * (SQLite's online backup into f->tmp) may do so, then commit: the fsync
 * and the fchmod act on the same file.  MU_DATA with "cannot write
 * PATH: why" (nothing created) when the directory is missing or not
 * writable, or path names a directory. */
int safefile_open(struct safefile *f, const char *path);
/* Write len bytes at the current offset (retrying short writes). */
int safefile_write(struct safefile *f, const void *data, size_t len);
/* fchmod to 0666 & ~umask, fsync, close, rename over the target, fsync the
 * directory.  On failure the temporary file is removed.  Frees f's names
 * either way. */
int safefile_commit(struct safefile *f);
/* Close and remove the temporary file; frees f's names (safe to repeat). */
void safefile_abort(struct safefile *f);

/* All of the above for one buffer. */
int safefile_write_all(const char *path, const void *data, size_t len);

#endif
