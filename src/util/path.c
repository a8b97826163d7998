/* path_absolute: a board's path fixed once (muster/path.h).  Lexical ".."
 * is what the kernel does for a path without symbolic links, which is all a
 * guarded board accepts (SQLITE_OPEN_NOFOLLOW checks every component).
 * path_mkdir_p: the one mkdir -p (a board's directory, a group's). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/path.h"
#include "muster/xalloc.h"

char *path_absolute(const char *path)
{
	char *cwd = NULL;
	if (path[0] != '/' && !(cwd = getcwd(NULL, 0)))
		return NULL;
	char *in = cwd ? xasprintf("%s/%s", cwd, path) : xstrdup(path);
	free(cwd);
	char *out = xmalloc(strlen(in) + 2);
	size_t n = 0;
	for (char *p = in; *p;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[--n] != '/')
				;
		} else {
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(in);
	return out;
}

int path_mkdir_p(const char *dir, mode_t mode)
{
	if (!*dir)
		return 0;
	char *d = xstrdup(dir);
	int e = 0;
	for (char *p = d + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(d, c ? 0777 : mode) != 0 && errno != EEXIST)
			e = errno;
		*p = c;
		if (!c || e)
			break;
	}
	free(d);
	return e;
}

int path_mkdir_parents(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	char *dir = xstrndup(path, (size_t)(slash - path));
	int e = path_mkdir_p(dir, 0777);
	free(dir);
	return e;
}
