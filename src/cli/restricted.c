/* Restricted (kiosk) sessions take nothing from the user: an allow-list
 * environment with checked values, --as / --db only from the forced
 * command, and export names that are plain file names without control
 * characters.  SSH_ORIGINAL_COMMAND is never read. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/utf8.h"

extern char **environ;

static bool only(const char *v, const char *set, size_t max)
{
	size_t n = strlen(v);
	return n > 0 && n <= max && strspn(v, set) == n;
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

bool cli_env_allowed(const char *name, const char *v)
{
	if (!strcmp(name, "TERM"))
		return only(v, ALNUM "._+-", 64);
	if (!strcmp(name, "LANG") || (!strncmp(name, "LC_", 3) && only(name + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 32)))
		/* a locale name, never a path: no '/', no leading '.' */
		return only(v, ALNUM "._@=-", 64) && v[0] != '.';
	if (!strcmp(name, "TZ")) {
		const char *z = v[0] == ':' ? v + 1 : v; /* ":Europe/Paris" */
		return only(v, ALNUM ":/._+-,", 64) && z[0] != '/' && !strstr(v, "..");
	}
	return false;
}

void cli_restricted_env(const char *home)
{
	size_t n = 0, cap = 0;
	char **keep = NULL;
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		char *name = xstrndup(*e, (size_t)(eq - *e));
		if (cli_env_allowed(name, eq + 1)) {
			xgrow((void **)&keep, &cap, n + 1, sizeof *keep);
			keep[n++] = xstrdup(*e);
		}
		free(name);
	}
	clearenv();
	for (size_t i = 0; i < n; i++) {
		char *eq = strchr(keep[i], '=');
		*eq = '\0';
		setenv(keep[i], eq + 1, 1);
		free(keep[i]);
	}
	free(keep);
	if (home)
		setenv("HOME", home, 1);
}

int cli_restricted_args(const struct cli_globals *g)
{
	const char *twice = g->n_as > 1 ? "--as" : g->n_db > 1 ? "--db" : NULL;
	if (g->late)
		return mu_fail(MU_DENIED,
			       "a restricted session takes --as and --db only from its forced command (before"
			       " --restricted and the command); refused: %.40s",
			       g->late);
	if (twice)
		return mu_fail(MU_DENIED, "a restricted session takes %s once, from its forced command; refused", twice);
	return MU_OK;
}

int cli_restricted_name(const char *file, const char *dir)
{
	size_t n = strlen(file), bad;
	if (!*file || strchr(file, '/') || file[0] == '.')
		return mu_fail(MU_DENIED, "a restricted session writes only plain file names (no / or leading .) into %s",
			       dir);
	if (!utf8_valid(file, n, &bad))
		return mu_fail(MU_DENIED, "a restricted session's file name must be valid UTF-8 (byte %zu)", bad);
	uint32_t cp;
	if (utf8_find_unsafe(file, n, false, &bad, &cp))
		return mu_fail(MU_DENIED, "a restricted session's file name may not contain %s U+%04X (byte %zu)",
			       utf8_unsafe_what(utf8_unsafe(cp)), (unsigned)cp, bad);
	return MU_OK;
}
