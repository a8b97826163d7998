/* Theme files: YAML documents (themes/NAME.yaml) mapping UI roles to
 * fg/bg/attrs/mono, read over the compiled-in default or another theme
 * (`inherits: NAME`, resolved here), with FILE:LINE:COL errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/priv.h"
#include "muster/theme.h"
#include "muster/xalloc.h"
#include "muster/yamldoc.h"
#include "theme_int.h"

#define THEME_MAX_BYTES (1024 * 1024)
#define THEME_MAX_DEPTH 16    /* YAML nesting; a theme needs 3 */
#define THEME_MAX_INHERIT 8   /* inherits: chains */

/* ---- reading a theme's document (muster/yamldoc.h) ---- */

static const struct ydoc_limits theme_limits = {
	.what = "theme", .max_depth = THEME_MAX_DEPTH,
	.max_scalar = THEME_MAX_BYTES, .max_nodes = THEME_MAX_BYTES, /* no limits of their own */
};

struct overlay {
	struct theme_style s[UI_ROLE_N];
	unsigned set[UI_ROLE_N]; /* SET_* bits */
	char name[64];
	bool has_name;
	const struct ynode *inherits; /* the value of inherits: */
};
enum { SET_FG = 1, SET_BG = 2, SET_ATTRS = 4, SET_MONO = 8, SET_ROLE = 16 };

static int read_colour(const struct ydoc *d, const struct ynode *v, const char *role, const char *field, int *out)
{
	if (v->kind != Y_SCALAR)
		return ydoc_nerr(d, v, "expected a colour for %s.%s (a name, 0-255 or #rrggbb)", role, field);
	if (!*v->s && v->style == YS_PLAIN)
		return ydoc_nerr(d, v, "missing colour for %s.%s (write \"#rrggbb\" in quotes: a bare # starts a comment)",
		                 role, field);
	if (theme_parse_color(v->s, out))
		return ydoc_nerr(d, v, "unknown colour \"%s\" (expected a name, 0-255 or #rrggbb)", v->s);
	return 0;
}

/* The bad word of an attribute list, at its own column when the value is
 * on one line. */
static int attr_error(const struct ydoc *d, const struct ynode *v, size_t off)
{
	int col = v->col;
	if (v->line == v->end_line && v->style != YS_LITERAL && v->style != YS_FOLDED)
		col += (int)off + (v->style != YS_PLAIN);
	int n = (int)strcspn(v->s + off, THEME_ATTR_SEP);
	return ydoc_err(d, v->line, col,
	                "unknown attribute \"%.*s\" (expected bold, underline, reverse, dim, italic, blink or none)", n,
	                v->s + off);
}

static int read_attrs(const struct ydoc *d, const struct ynode *v, const char *role, const char *field, unsigned *out)
{
	unsigned all = 0, a;
	size_t bad;
	if (v->kind == Y_SCALAR) {
		if ((bad = theme_attrs_scan(v->s, &a)))
			return attr_error(d, v, bad - 1);
		*out = a;
		return 0;
	}
	if (v->kind != Y_SEQ)
		return ydoc_nerr(d, v, "expected attributes for %s.%s, like [bold, underline] or \"bold, underline\"", role,
		                 field);
	for (const struct ynode *w = v->kids; w; w = w->next) {
		if (w->kind != Y_SCALAR)
			return ydoc_nerr(d, w, "expected an attribute name in %s.%s", role, field);
		if ((bad = theme_attrs_scan(w->s, &a)))
			return attr_error(d, w, bad - 1);
		all |= a;
	}
	*out = all;
	return 0;
}

static int read_style(const struct ydoc *d, const struct ynode *v, struct overlay *o, int r)
{
	const char *role = theme_role_keys[r];
	if (v->kind != Y_MAP)
		return ydoc_nerr(d, v, "expected a mapping like {fg: red, bg: default, attrs: bold, mono: bold} for %s",
		                 role);
	for (const struct ynode *k = v->kids; k; k = k->next->next) {
		unsigned bit = !strcmp(k->s, "fg") ? SET_FG : !strcmp(k->s, "bg") ? SET_BG
		             : !strcmp(k->s, "attrs") ? SET_ATTRS : !strcmp(k->s, "mono") ? SET_MONO : 0;
		if (!bit)
			return ydoc_nerr(d, k, "unknown key \"%s\" in %s (expected fg, bg, attrs or mono)", k->s, role);
		if (o->set[r] & bit)
			return ydoc_nerr(d, k, "duplicate key \"%s\" in %s", k->s, role);
		o->set[r] |= bit;
		struct theme_style *s = &o->s[r];
		const struct ynode *x = k->next;
		int rc = bit == SET_FG ? read_colour(d, x, role, "fg", &s->fg)
		       : bit == SET_BG ? read_colour(d, x, role, "bg", &s->bg)
		       : bit == SET_ATTRS ? read_attrs(d, x, role, "attrs", &s->attrs)
		       : read_attrs(d, x, role, "mono", &s->mono_attrs);
		if (rc)
			return rc;
	}
	return 0;
}

/* name: or inherits: */
static int read_name(const struct ydoc *d, const struct ynode *k, struct overlay *o)
{
	bool is_name = k->s[0] == 'n';
	const struct ynode *v = k->next;
	if ((is_name && o->has_name) || (!is_name && o->inherits))
		return ydoc_nerr(d, k, "duplicate key \"%s\"", k->s);
	if (v->kind != Y_SCALAR || !*v->s)
		return ydoc_nerr(d, v, "expected a theme name for \"%s\"", is_name ? "name" : "inherits");
	if (!is_name) {
		o->inherits = v;
	} else if (v->len >= sizeof o->name) {
		return ydoc_nerr(d, v, "name is longer than %zu bytes", sizeof o->name - 1);
	} else {
		strcpy(o->name, v->s);
		o->has_name = true;
	}
	return 0;
}

static int read_top(const struct ydoc *d, struct overlay *o)
{
	const struct ynode *root = d->root;
	if (!root || (root->kind == Y_SCALAR && !*root->s && root->style == YS_PLAIN))
		return 0; /* an empty file or "---" alone: the default */
	if (root->kind != Y_MAP)
		return ydoc_nerr(d, root, "expected a mapping of UI roles to styles, like \"title: {fg: white, bg: blue}\"");
	for (const struct ynode *k = root->kids; k; k = k->next->next) {
		if (k->kind != Y_SCALAR)
			return ydoc_nerr(d, k, "expected a role name");
		if (!strcmp(k->s, "name") || !strcmp(k->s, "inherits")) {
			if (read_name(d, k, o))
				return MU_DATA;
			continue;
		}
		int r = 0;
		while (r < UI_ROLE_N && strcmp(k->s, theme_role_keys[r]))
			r++;
		if (r == UI_ROLE_N) {
			const char *hint = ydoc_suggest(k->s, theme_role_keys, UI_ROLE_N);
			if (hint)
				return ydoc_nerr(d, k, "unknown role \"%s\" (did you mean \"%s\"?)", k->s, hint);
			return ydoc_nerr(d, k, "unknown role \"%s\" (themes/default.yaml lists every role)", k->s);
		}
		if (o->set[r] & SET_ROLE)
			return ydoc_nerr(d, k, "duplicate role \"%s\"", k->s);
		o->set[r] |= SET_ROLE;
		if (read_style(d, k->next, o, r))
			return MU_DATA;
	}
	return 0;
}

static int load_file(const char *path, struct theme *t, int level);

/* "x/y/light.yaml" → "light" */
static void base_name(const char *file, char *out, size_t n)
{
	const char *b = strrchr(file, '/');
	b = b ? b + 1 : file;
	size_t len = strlen(b);
	if (len > 5 && !strcmp(b + len - 5, ".yaml"))
		len -= 5;
	else if (len > 4 && !strcmp(b + len - 4, ".yml"))
		len -= 4;
	if (len >= n)
		len = n - 1;
	memcpy(out, b, len);
	out[len] = '\0';
}

static int inherit(const struct ydoc *d, const struct overlay *o, struct theme *base, int level)
{
	const char *n = o->inherits ? o->inherits->s : NULL;
	if (!n || !strcmp(n, "default")) {
		theme_default(base);
		return 0;
	}
	if (level >= THEME_MAX_INHERIT)
		return ydoc_nerr(d, o->inherits, "themes inherit more than %d deep (a cycle?)", THEME_MAX_INHERIT);
	char *path;
	const char *slash = strrchr(d->name, '/');
	size_t len = strlen(n);
	bool is_path = strchr(n, '/') || (len > 5 && !strcmp(n + len - 5, ".yaml")) ||
	               (len > 4 && !strcmp(n + len - 4, ".yml"));
	if (is_path && n[0] != '/' && slash) /* relative to the inheriting file */
		path = xasprintf("%.*s/%s", (int)(slash - d->name), d->name, n);
	else if (!(path = theme_path(n)))
		return ydoc_nerr(d, o->inherits, "%s", mu_errmsg());
	int rc = load_file(path, base, level + 1);
	free(path);
	return rc;
}

static int load_buffer(const char *name, const char *buf, size_t len, struct theme *t, int level)
{
	struct ydoc d;
	struct overlay o;
	struct theme res;
	int rc;
	memset(&o, 0, sizeof o);
	if (len > THEME_MAX_BYTES)
		return mu_fail(MU_DATA, "%s: larger than 1 MiB, not a theme", name);
	rc = ydoc_load(&d, name, buf, len, &theme_limits);
	if (!rc)
		rc = read_top(&d, &o);
	if (!rc)
		rc = inherit(&d, &o, &res, level);
	if (!rc) {
		for (int r = 0; r < UI_ROLE_N; r++) {
			struct theme_style *dst = &res.style[r], *s = &o.s[r];
			if (o.set[r] & SET_FG)
				dst->fg = s->fg;
			if (o.set[r] & SET_BG)
				dst->bg = s->bg;
			if (o.set[r] & SET_ATTRS)
				dst->attrs = s->attrs;
			if (o.set[r] & SET_MONO)
				dst->mono_attrs = s->mono_attrs;
		}
		if (o.has_name)
			strcpy(res.name, o.name);
		else
			base_name(name, res.name, sizeof res.name);
		*t = res;
	}
	ydoc_free(&d);
	return rc;
}

int theme_load_buffer(const char *name, const char *buf, size_t len, struct theme *t)
{
	return load_buffer(name, buf, len, t, 0);
}

static int load_file(const char *path, struct theme *t, int level)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return mu_fail(MU_DATA, "%s: cannot open theme: %s", path, strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return mu_fail(MU_DATA, "%s: not a regular file", path);
	}
	if (st.st_size > THEME_MAX_BYTES) {
		close(fd);
		return mu_fail(MU_DATA, "%s: larger than 1 MiB, not a theme", path);
	}
	char *buf = xmalloc(THEME_MAX_BYTES + 1);
	size_t len = 0;
	ssize_t n;
	while (len <= THEME_MAX_BYTES && (n = read(fd, buf + len, THEME_MAX_BYTES + 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			free(buf);
			return mu_fail(MU_DATA, "%s: cannot read theme: %s", path, strerror(e));
		}
		len += (size_t)n;
	}
	close(fd);
	int rc = load_buffer(path, buf, len, t, level);
	free(buf);
	return rc;
}

int theme_load_file(const char *path, struct theme *t)
{
	return load_file(path, t, 0);
}
