/* The user's configuration: $XDG_CONFIG_HOME/muster/config.yaml (else
 * ~/.config/muster/config.yaml) read over the defaults; theme, database,
 * refresh, restricted, export_dir, mouse and key bindings, with
 * FILE:LINE:COL errors.  Action names are checked by the TUI, not here. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "muster/config.h"
#include "muster/xalloc.h"

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

static const char *home_dir(void)
{
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

/* ---- YAML reading ---- */

struct yp {
	yaml_parser_t p;
	yaml_event_t ev;
	bool have;
	int depth;
	const char *file;
};

static int yp_fail(struct yp *y, yaml_mark_t m, const char *fmt, ...) MU_PRINTF(3, 4);
static int yp_fail(struct yp *y, yaml_mark_t m, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return mu_fail(MU_DATA, "%s:%zu:%zu: %s", y->file, m.line + 1, m.column + 1, msg);
}

static int yp_next(struct yp *y)
{
	if (y->have)
		yaml_event_delete(&y->ev);
	y->have = false;
	if (!yaml_parser_parse(&y->p, &y->ev)) {
		const char *ctx = y->p.context;
		return yp_fail(y, y->p.problem_mark, "%s%s%s%s", y->p.problem ? y->p.problem : "invalid YAML",
		               ctx ? " (" : "", ctx ? ctx : "", ctx ? ")" : "");
	}
	y->have = true;
	switch (y->ev.type) {
	case YAML_ALIAS_EVENT:
		return yp_fail(y, y->ev.start_mark, "aliases (*name) are not allowed in the config");
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++y->depth > CONFIG_MAX_DEPTH)
			return yp_fail(y, y->ev.start_mark, "nested deeper than %d levels", CONFIG_MAX_DEPTH);
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		y->depth--;
		break;
	default:
		break;
	}
	return 0;
}

static bool yp_scalar(struct yp *y)
{
	return y->ev.type == YAML_SCALAR_EVENT &&
	       strlen((const char *)y->ev.data.scalar.value) == y->ev.data.scalar.length;
}

static const char *yp_text(struct yp *y)
{
	return y->ev.type == YAML_SCALAR_EVENT ? (const char *)y->ev.data.scalar.value : "";
}

/* A plain ~, null or nothing: the YAML null. */
static bool yp_null(struct yp *y)
{
	const char *s = yp_text(y);
	return y->ev.type == YAML_SCALAR_EVENT && y->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*s || !strcmp(s, "~") || !strcasecmp(s, "null"));
}

static size_t lev(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];
	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (tolower((unsigned char)a[i - 1]) != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* ---- the keys ---- */

enum ckey { K_THEME, K_DATABASE, K_REFRESH, K_RESTRICTED, K_EXPORT_DIR, K_MOUSE, K_KEYS, K_N };
static const char *const key_names[K_N] = {
	"theme", "database", "refresh", "restricted", "export_dir", "mouse", "keys",
};

/* "~/x" → "$HOME/x"; allocated; NULL for the YAML null. */
static char *path_value(struct yp *y)
{
	const char *s = yp_text(y), *home;
	if (yp_null(y))
		return NULL;
	if ((s[0] == '~' && (s[1] == '/' || !s[1])) && (home = home_dir()))
		return xasprintf("%s%s", home, s + 1);
	return xstrdup(s);
}

static int read_bool(struct yp *y, const char *key, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
	const char *s = yp_text(y);
	for (int i = 0; i < 3 && yp_scalar(y); i++) {
		if (!strcasecmp(s, yes[i]))
			return *out = true, 0;
		if (!strcasecmp(s, no[i]))
			return *out = false, 0;
	}
	if (y->ev.type != YAML_SCALAR_EVENT || (yp_null(y) && !*s))
		return yp_fail(y, y->ev.start_mark, "expected true or false for \"%s\"", key);
	return yp_fail(y, y->ev.start_mark, "expected true or false for \"%s\", not \"%s\"", key, s);
}

static int read_refresh(struct yp *y, int *out)
{
	const char *s = yp_text(y);
	size_t n = strlen(s);
	if (yp_scalar(y) && n > 0 && n <= 5 && strspn(s, "0123456789") == n) {
		int v = atoi(s);
		if (v >= REFRESH_MIN && v <= REFRESH_MAX)
			return *out = v, 0;
	}
	if (y->ev.type != YAML_SCALAR_EVENT || (yp_null(y) && !*s))
		return yp_fail(y, y->ev.start_mark, "refresh must be a number of milliseconds from %d to %d",
		               REFRESH_MIN, REFRESH_MAX);
	return yp_fail(y, y->ev.start_mark, "refresh must be a number of milliseconds from %d to %d, not \"%s\"",
	               REFRESH_MIN, REFRESH_MAX, s);
}

static int read_keys(struct yp *y, struct config *c)
{
	size_t cap = 0;
	if (yp_null(y))
		return 0;
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return yp_fail(y, y->ev.start_mark, "expected a mapping of keys to actions, like {\"C-d\": page-down, x: tick}");
	for (;;) {
		if (yp_next(y))
			return MU_DATA;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (!yp_scalar(y) || !*yp_text(y))
			return yp_fail(y, y->ev.start_mark, "expected a key name, like x, \"C-d\", F5 or Space");
		const char *k = yp_text(y);
		yaml_mark_t km = y->ev.start_mark;
		for (size_t i = 0; i < c->nbinds; i++)
			if (!strcmp(c->binds[i].key, k))
				return yp_fail(y, km, "key \"%s\" is bound twice (first on line %d)", k, c->binds[i].line);
		xgrow((void **)&c->binds, &cap, c->nbinds + 1, sizeof *c->binds);
		struct config_bind *b = &c->binds[c->nbinds++];
		b->key = xstrdup(k);
		b->action = NULL;
		b->line = (int)km.line + 1;
		b->col = (int)km.column + 1;
		if (yp_next(y))
			return MU_DATA;
		if (!yp_scalar(y) || yp_null(y))
			return yp_fail(y, y->ev.start_mark, "expected an action name for key \"%s\", like page-down", b->key);
		b->action = xstrdup(yp_text(y));
	}
}

static int unknown_key(struct yp *y, const char *k)
{
	size_t best = 3, d;
	const char *hint = NULL;
	for (int i = 0; i < K_N; i++)
		if ((d = lev(k, key_names[i])) < best)
			best = d, hint = key_names[i];
	if (hint)
		return yp_fail(y, y->ev.start_mark, "unknown key \"%s\" (did you mean \"%s\"?)", k, hint);
	return yp_fail(y, y->ev.start_mark,
	               "unknown key \"%s\" (expected theme, database, refresh, restricted, export_dir, mouse or keys)", k);
}

static int read_value(struct yp *y, struct config *c, enum ckey k)
{
	char **str = k == K_THEME ? &c->theme : k == K_DATABASE ? &c->db : k == K_EXPORT_DIR ? &c->export_dir : NULL;
	if (str) {
		if (!yp_scalar(y))
			return yp_fail(y, y->ev.start_mark, "expected a %s for \"%s\"",
			               k == K_THEME ? "theme name or path" : "path", key_names[k]);
		*str = k == K_THEME && !strchr(yp_text(y), '/') ? (yp_null(y) ? NULL : xstrdup(yp_text(y)))
		                                              : path_value(y);
		return 0;
	}
	switch (k) {
	case K_REFRESH: return read_refresh(y, &c->refresh_ms);
	case K_RESTRICTED: return read_bool(y, key_names[k], &c->restricted);
	case K_MOUSE: return read_bool(y, key_names[k], &c->mouse);
	default: return read_keys(y, c);
	}
}

static int parse(struct yp *y, struct config *c)
{
	bool seen[K_N] = {false};
	if (yp_next(y) || yp_next(y)) /* stream start, document start */
		return MU_DATA;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return 0;
	if (yp_next(y))
		return MU_DATA;
	if (yp_null(y)) {
		/* "---" alone */
	} else if (y->ev.type != YAML_MAPPING_START_EVENT) {
		return yp_fail(y, y->ev.start_mark, "expected a mapping like \"theme: default\"");
	} else {
		for (;;) {
			if (yp_next(y))
				return MU_DATA;
			if (y->ev.type == YAML_MAPPING_END_EVENT)
				break;
			if (y->ev.type != YAML_SCALAR_EVENT)
				return yp_fail(y, y->ev.start_mark, "expected a setting name, like theme");
			const char *name = yp_text(y);
			int k = 0;
			while (k < K_N && strcmp(name, key_names[k]))
				k++;
			if (k == K_N || !yp_scalar(y))
				return unknown_key(y, name);
			if (seen[k])
				return yp_fail(y, y->ev.start_mark, "duplicate key \"%s\"", name);
			seen[k] = true;
			if (yp_next(y) || read_value(y, c, (enum ckey)k))
				return MU_DATA;
		}
	}
	if (yp_next(y) || yp_next(y)) /* document end, stream end */
		return MU_DATA;
	if (y->ev.type != YAML_STREAM_END_EVENT)
		return yp_fail(y, y->ev.start_mark, "a config file holds one YAML document");
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
	struct yp y = {.file = path};
	if (!yaml_parser_initialize(&y.p))
		die("out of memory (yaml parser)");
	yaml_parser_set_input_string(&y.p, (const unsigned char *)buf, len);
	rc = parse(&y, c);
	if (y.have)
		yaml_event_delete(&y.ev);
	yaml_parser_delete(&y.p);
	free(buf);
	if (rc)
		config_free(c);
	else
		c->path = xstrdup(path);
	free(def);
	return rc;
}
