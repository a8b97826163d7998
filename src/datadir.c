/* The search path for themes and templates (muster/datadir.h): the user's
 * config directory, then a checkout the binary runs from (themes/ and
 * sample-data/ beside src/main.c), then MUSTER_DATADIR (compiled in from
 * $(PREFIX), see the Makefile), then ../share/muster next to the binary. */
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/datadir.h"
#include "muster/priv.h"
#include "datadir_path.h" /* generated: #define MUSTER_DATADIR "..." */

#ifndef MUSTER_DATADIR
#define MUSTER_DATADIR "/usr/local/share/muster"
#endif

const char *datadir_compiled(void) { return MUSTER_DATADIR; }

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void push(struct datadir_list *l, char *dir)
{
	if (!dir)
		return;
	char real[PATH_MAX];
	const char *key = realpath(dir, real) ? real : dir;
	for (size_t i = 0; i < l->n; i++) {
		char other[PATH_MAX];
		if (!strcmp(l->v[i], dir) || (realpath(l->v[i], other) && !strcmp(other, key))) {
			free(dir);
			return;
		}
	}
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = dir;
}

/* The directory of the running binary, or NULL. */
static char *exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return NULL;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(*exe ? exe : "/");
}

/* A checkout: the binary's directory or its parent (build-san/muster)
 * holding src/main.c. */
static char *checkout_root(const char *bin)
{
	if (!bin)
		return NULL;
	const char *rel[] = {"", "/.."};
	for (int i = 0; i < 2; i++) {
		char *root = xasprintf("%s%s", bin, rel[i]), real[PATH_MAX];
		char *probe = xasprintf("%s/src/main.c", root);
		bool ok = access(probe, R_OK) == 0 && realpath(root, real);
		free(probe);
		free(root);
		if (ok)
			return xstrdup(real);
	}
	return NULL;
}

void datadir_dirs(enum data_kind kind, struct datadir_list *out)
{
	const char *sub = kind == DATA_THEMES ? "themes" : "templates";
	memset(out, 0, sizeof *out);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		push(out, xasprintf("%s/muster/%s", xdg, sub));
	else if (home && *home)
		push(out, xasprintf("%s/.config/muster/%s", home, sub));
	if (kind == DATA_THEMES) {
		const char *env = mu_env("MUSTER_THEMES");
		if (env && *env)
			push(out, xstrdup(env));
	}
	char *bin = exe_dir(), *root = checkout_root(bin);
	if (root)
		push(out, xasprintf("%s/%s", root, kind == DATA_THEMES ? "themes" : "sample-data"));
	push(out, xasprintf("%s/%s", MUSTER_DATADIR, sub));
	if (bin)
		push(out, xasprintf("%s/../share/muster/%s", bin, sub));
	free(root);
	free(bin);
}

void datadir_free(struct datadir_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

char *datadir_find(enum data_kind kind, const char *name, struct strbuf *looked)
{
	struct datadir_list dirs;
	char *found = NULL;
	datadir_dirs(kind, &dirs);
	for (size_t i = 0; i < dirs.n && !found; i++) {
		char *p = xasprintf("%s/%s.yaml", dirs.v[i], name);
		if (access(p, R_OK) == 0) {
			found = p;
			break;
		}
		free(p);
		if (looked)
			sb_addf(looked, "%s%s", looked->len ? ", " : "", dirs.v[i]);
	}
	datadir_free(&dirs);
	return found;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void datadir_names(enum data_kind kind, struct datadir_list *names, struct datadir_list *paths)
{
	struct datadir_list dirs, all = {0};
	memset(names, 0, sizeof *names);
	memset(paths, 0, sizeof *paths);
	datadir_dirs(kind, &dirs);
	/* "NAME\0PATH" entries, first directory first */
	for (size_t i = 0; i < dirs.n; i++) {
		if (!is_dir(dirs.v[i]))
			continue;
		DIR *d = opendir(dirs.v[i]);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			size_t len = strlen(e->d_name);
			if (len <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".yaml"))
				continue;
			char *stem = xstrndup(e->d_name, len - 5);
			bool dup = false;
			for (size_t k = 0; k < all.n && !dup; k++)
				dup = !strcmp(all.v[k], stem);
			char *path = xasprintf("%s/%s", dirs.v[i], e->d_name);
			if (dup || access(path, R_OK) != 0) {
				free(stem);
				free(path);
				continue;
			}
			char *entry = xmalloc(len - 5 + 1 + strlen(path) + 1);
			memcpy(entry, stem, len - 5 + 1);
			strcpy(entry + len - 5 + 1, path);
			free(stem);
			free(path);
			xgrow((void **)&all.v, &all.cap, all.n + 1, sizeof *all.v);
			all.v[all.n++] = entry;
		}
		if (d)
			closedir(d);
	}
	datadir_free(&dirs);
	if (all.n)
		qsort(all.v, all.n, sizeof *all.v, by_name);
	for (size_t i = 0; i < all.n; i++) {
		xgrow((void **)&names->v, &names->cap, names->n + 1, sizeof *names->v);
		names->v[names->n++] = xstrdup(all.v[i]);
		xgrow((void **)&paths->v, &paths->cap, paths->n + 1, sizeof *paths->v);
		paths->v[paths->n++] = xstrdup(all.v[i] + strlen(all.v[i]) + 1);
	}
	datadir_free(&all);
}
