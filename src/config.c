/* The user's configuration: $XDG_CONFIG_HOME/muster/config.yaml (else
 * ~/.config/muster/config.yaml) read over the defaults; theme, database,
 * refresh, restricted, export_dir, mouse and key bindings, with
 * FILE:LINE:COL errors.  Action names are checked by the TUI, not here. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/config.h"
#include "muster/xalloc.h"
#include "muster/yamldoc.h"

#define CONFIG_MAX_BYTES (1024 * 1024)
#define CONFIG_MAX_DEPTH 16
#define REFRESH_MIN 100
#define REFRESH_MAX 10000

static void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->refresh_ms = 500;
	c->mouse = true;
}

void config_free(struct config *c)
{
	free(c->theme);
	free(c->db);
	free(c->export_dir);
	free(c->path);
	for (size_t i = 0; i < c->nbinds; i++) {
		free(c->binds[i].key);
		free(c->binds[i].action);
	}
	free(c->binds);
	config_defaults(c);
}

static const char *home_override; /* config_load_home: "~" is this */

static const char *home_dir(void)
{
	if (home_override)
		return home_override;
	const char *h = getenv("HOME");
	if (h && *h)
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home;
	if (xdg && xdg[0] == '/') /* XDG: a relative value is ignored */
		return xasprintf("%s/muster/config.yaml", xdg);
	if ((home = home_dir()))
		return xasprintf("%s/.config/muster/config.yaml", home);
	return NULL;
}

/* ---- the keys (read from a muster/yamldoc.h document) ---- */

static const struct ydoc_limits config_limits = {
	.what = "config", .max_depth = CONFIG_MAX_DEPTH,
	.max_scalar = CONFIG_MAX_BYTES, .max_nodes = CONFIG_MAX_BYTES, /* no limits of their own */
};

enum ckey { K_THEME, K_DATABASE, K_REFRESH, K_RESTRICTED, K_EXPORT_DIR, K_MOUSE, K_KEYS, K_N };
static const char *const key_names[K_N] = {
	"theme", "database", "refresh", "restricted", "export_dir", "mouse", "keys",
};

/* "~/x" → "$HOME/x"; allocated; NULL for the YAML null. */
static char *path_value(const struct ynode *v)
{
	const char *s = v->s, *home;
	if (ydoc_is_null(v))
		return NULL;
	if ((s[0] == '~' && (s[1] == '/' || !s[1])) && (home = home_dir()))
		return xasprintf("%s%s", home, s + 1);
	return xstrdup(s);
}

static int read_bool(const struct ydoc *d, const struct ynode *v, const char *key, bool *out)
{
	int b = v->kind == Y_SCALAR ? ydoc_bool_word(v->s) : -1;
	if (b >= 0)
		return *out = b, 0;
	if (v->kind != Y_SCALAR || (ydoc_is_null(v) && !*v->s))
		return ydoc_nerr(d, v, "expected true or false for \"%s\"", key);
	return ydoc_nerr(d, v, "expected true or false for \"%s\", not \"%s\"", key, v->s);
}

static int read_refresh(const struct ydoc *d, const struct ynode *v, int *out)
{
	size_t n = v->len;
	if (v->kind == Y_SCALAR && n > 0 && n <= 5 && strspn(v->s, "0123456789") == n) {
		int ms = atoi(v->s);
		if (ms >= REFRESH_MIN && ms <= REFRESH_MAX)
			return *out = ms, 0;
	}
	if (v->kind != Y_SCALAR || (ydoc_is_null(v) && !*v->s))
		return ydoc_nerr(d, v, "refresh must be a number of milliseconds from %d to %d", REFRESH_MIN,
		                 REFRESH_MAX);
	return ydoc_nerr(d, v, "refresh must be a number of milliseconds from %d to %d, not \"%s\"", REFRESH_MIN,
	                 REFRESH_MAX, v->s);
}

static int read_keys(const struct ydoc *d, const struct ynode *v, struct config *c)
{
	size_t cap = 0;
	if (ydoc_is_null(v))
		return 0;
	if (v->kind != Y_MAP)
		return ydoc_nerr(d, v, "expected a mapping of keys to actions, like {\"C-d\": page-down, x: tick}");
	for (const struct ynode *k = v->kids; k; k = k->next->next) {
		const struct ynode *a = k->next;
		if (k->kind != Y_SCALAR || !*k->s)
			return ydoc_nerr(d, k, "expected a key name, like x, \"C-d\", F5 or Space");
		for (size_t i = 0; i < c->nbinds; i++)
			if (!strcmp(c->binds[i].key, k->s))
				return ydoc_nerr(d, k, "key \"%s\" is bound twice (first on line %d)", k->s,
				                 c->binds[i].line);
		xgrow((void **)&c->binds, &cap, c->nbinds + 1, sizeof *c->binds);
		struct config_bind *b = &c->binds[c->nbinds++];
		b->key = xstrdup(k->s);
		b->action = NULL;
		b->line = k->line;
		b->col = k->col;
		if (a->kind != Y_SCALAR || ydoc_is_null(a))
			return ydoc_nerr(d, a, "expected an action name for key \"%s\", like page-down", b->key);
		b->action = xstrdup(a->s);
	}
	return 0;
}

static int read_value(const struct ydoc *d, const struct ynode *v, struct config *c, enum ckey k)
{
	char **str = k == K_THEME ? &c->theme : k == K_DATABASE ? &c->db : k == K_EXPORT_DIR ? &c->export_dir : NULL;
	if (str) {
		if (v->kind != Y_SCALAR)
			return ydoc_nerr(d, v, "expected a %s for \"%s\"", k == K_THEME ? "theme name or path" : "path",
			                 key_names[k]);
		*str = k == K_THEME && !strchr(v->s, '/') ? (ydoc_is_null(v) ? NULL : xstrdup(v->s)) : path_value(v);
		return 0;
	}
	switch (k) {
	case K_REFRESH: return read_refresh(d, v, &c->refresh_ms);
	case K_RESTRICTED: return read_bool(d, v, key_names[k], &c->restricted);
	case K_MOUSE: return read_bool(d, v, key_names[k], &c->mouse);
	default: return read_keys(d, v, c);
	}
}

static int parse(const struct ydoc *d, struct config *c)
{
	bool seen[K_N] = {false};
	const struct ynode *root = d->root;
	if (ydoc_is_null(root))
		return 0; /* an empty file or "---" alone */
	if (root->kind != Y_MAP)
		return ydoc_nerr(d, root, "expected a mapping like \"theme: default\"");
	for (const struct ynode *k = root->kids; k; k = k->next->next) {
		if (k->kind != Y_SCALAR)
			return ydoc_nerr(d, k, "expected a setting name, like theme");
		int i = 0;
		while (i < K_N && strcmp(k->s, key_names[i]))
			i++;
		if (i == K_N) {
			const char *hint = ydoc_suggest(k->s, key_names, K_N);
			if (hint)
				return ydoc_nerr(d, k, "unknown key \"%s\" (did you mean \"%s\"?)", k->s, hint);
			return ydoc_nerr(d, k,
			                 "unknown key \"%s\" (expected theme, database, refresh, restricted, "
			                 "export_dir, mouse or keys)",
			                 k->s);
		}
		if (seen[i])
			return ydoc_nerr(d, k, "duplicate key \"%s\"", k->s);
		seen[i] = true;
		if (read_value(d, k->next, c, (enum ckey)i))
			return MU_DATA;
	}
	return 0;
}

/* 0 and *buf (allocated), 1 when the file does not exist, or an error. */
static int slurp(const char *path, char **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0)
		return mu_fail(MU_DATA, "%s: cannot open config: %s", path, strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return mu_fail(MU_DATA, "%s: not a regular file", path);
	}
	if (st.st_size > CONFIG_MAX_BYTES) {
		close(fd);
		return mu_fail(MU_DATA, "%s: larger than 1 MiB, not a config file", path);
	}
	char *b = xmalloc(CONFIG_MAX_BYTES + 1);
	size_t n = 0;
	ssize_t r;
	while (n <= CONFIG_MAX_BYTES && (r = read(fd, b + n, CONFIG_MAX_BYTES + 1 - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			free(b);
			return mu_fail(MU_DATA, "%s: cannot read config: %s", path, strerror(e));
		}
		n += (size_t)r;
	}
	close(fd);
	if (n > CONFIG_MAX_BYTES) {
		free(b);
		return mu_fail(MU_DATA, "%s: larger than 1 MiB, not a config file", path);
	}
	*buf = b;
	*len = n;
	return 0;
}

int config_load(const char *path, struct config *c)
{
	char *def = NULL, *buf = NULL;
	size_t len = 0;
	int rc;
	config_defaults(c);
	if (!path && !(path = def = config_default_path()))
		return 0;
	rc = slurp(path, &buf, &len);
	if (rc) {
		free(def);
		return rc == 1 ? 0 : rc;
	}
	struct ydoc d;
	rc = ydoc_load(&d, path, buf, len, &config_limits);
	if (!rc)
		rc = parse(&d, c);
	ydoc_free(&d);
	free(buf);
	if (rc)
		config_free(c);
	else
		c->path = xstrdup(path);
	free(def);
	return rc;
}

int config_load_home(const char *home, struct config *c)
{
	config_defaults(c);
	if (!home || home[0] != '/')
		return 0;
	char *path = xasprintf("%s/.config/muster/config.yaml", home);
	home_override = home;
	int rc = config_load(path, c);
	home_override = NULL;
	free(path);
	return rc;
}
