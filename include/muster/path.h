/* File names made absolute and plain once, so that every later stat, check
 * and open (ours and SQLite's) means the same file whatever the process's
 * current directory does meanwhile. */
#ifndef MUSTER_PATH_H
#define MUSTER_PATH_H

/* path joined to the current directory when relative, with empty, "." and
 * ".." components resolved lexically ("/a/./b/../c" -> "/a/c"); allocated.
 * NULL (errno set) when the current directory cannot be read. */
char *path_absolute(const char *path);

#endif
