/* path_absolute: a board's path fixed once (muster/path.h).  Lexical ".."
 * is what the kernel does for a path without symbolic links, which is all a
 * guarded board accepts (SQLITE_OPEN_NOFOLLOW checks every component). */
#include <stdlib.h>
#include <string.h>
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
