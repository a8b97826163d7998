/* File names made absolute and plain once, so that every later stat, check
 * and open (ours and SQLite's) means the same file whatever the process's
 * current directory does meanwhile. */
#ifndef MUSTER_PATH_H
#define MUSTER_PATH_H
#include <sys/types.h>

/* path joined to the current directory when relative, with empty, "." and
 * ".." components resolved lexically ("/a/./b/../c" -> "/a/c"); allocated.
 * NULL (errno set) when the current directory cannot be read. */
char *path_absolute(const char *path);

/* mkdir -p: every directory of dir made when missing, those above the
 * last with mode 0777, the last with mode (both less the umask); 0 or the
 * errno of the first that could not be made. */
int path_mkdir_p(const char *dir, mode_t mode);
/* The directories above the file path (everything before its last '/'),
 * as path_mkdir_p with 0777; 0 or errno. */
int path_mkdir_parents(const char *path);

#endif
