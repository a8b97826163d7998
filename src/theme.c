/* Themes: YAML files (themes/NAME.yaml) mapping UI roles to fg/bg/attrs/mono,
 * read over the compiled-in default (or another theme, `inherits: NAME`),
 * with FILE:LINE:COL errors; colour parsing, 256/16/8-colour approximation
 * and the theme search path.  No curses here (see theme.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/datadir.h"
#include "muster/priv.h"
#include "muster/theme.h"
#include "muster/xalloc.h"
#include "muster/yamldoc.h"

#define THEME_MAX_BYTES (1024 * 1024)
#define THEME_MAX_DEPTH 16    /* YAML nesting; a theme needs 3 */
#define THEME_MAX_INHERIT 8   /* inherits: chains */

static const char *const role_keys[UI_ROLE_N] = {
#define X(id, key) [id] = key,
	UI_ROLES(X)
#undef X
};

const char *ui_role_key(enum ui_role r)
{
	return (unsigned)r < UI_ROLE_N ? role_keys[r] : "?";
}

/* ---- the compiled-in default: dark 256-colour, readable in 8 ---- */

#define D COLOR_DEFAULT
#define B ATTR_BOLD
#define U ATTR_UNDERLINE
#define R ATTR_REVERSE
#define M ATTR_DIM
static const struct theme_style default_style[UI_ROLE_N] = {
	/*                  fg   bg   attrs  mono */
	[UI_NORMAL]       = {D,   D,   0,     0},
	[UI_TITLE]        = {231, 25,  B,     R | B},
	[UI_STATUS]       = {252, 236, 0,     R},
	[UI_HINT]         = {245, D,   0,     M},
	[UI_BORDER]       = {240, D,   0,     0},
	[UI_BORDER_FOCUS] = {81,  D,   B,     B},
	[UI_PANE_TITLE]   = {255, D,   B,     B},
	[UI_CURSOR]       = {16,  74,  0,     R},
	[UI_DIM]          = {244, D,   0,     M},
	[UI_TODO]         = {D,   D,   0,     0},
	[UI_DOING]        = {221, D,   0,     B},
	[UI_BLOCKED]      = {203, D,   B,     U},
	[UI_DONE]         = {108, D,   0,     M},
	[UI_OVERDUE]      = {196, D,   B,     B | U},
	[UI_TODAY]        = {214, D,   B,     B},
	[UI_MILESTONE]    = {177, D,   B,     B},
	[UI_PHASE_1]      = {75,  D,   0,     B},
	[UI_PHASE_2]      = {114, D,   0,     0},
	[UI_PHASE_3]      = {215, D,   0,     B},
	[UI_PHASE_4]      = {176, D,   0,     0},
	[UI_METER_OK]     = {71,  D,   0,     0},
	[UI_METER_WARN]   = {220, D,   0,     U},
	[UI_METER_BAD]    = {196, D,   B,     B},
	[UI_METER_EMPTY]  = {240, D,   0,     M},
	[UI_FLASH]        = {16,  221, B,     B},
	[UI_ERROR]        = {231, 160, B,     R | B},
	[UI_DIALOG]       = {252, 237, 0,     0},
	[UI_INPUT]        = {231, 25,  0,     U},
};
#undef D
#undef B
#undef U
#undef R
#undef M

void theme_default(struct theme *t)
{
	memset(t, 0, sizeof *t);
	strcpy(t->name, "default");
	memcpy(t->style, default_style, sizeof t->style);
}

/* ---- colours and attributes ---- */

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int theme_parse_color(const char *s, int *color)
{
	char low[32];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof low)
		return -1;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	if (!strcmp(low, "default")) {
		*color = COLOR_DEFAULT;
		return 0;
	}
	if (!strcmp(low, "gray") || !strcmp(low, "grey")) {
		*color = 8;
		return 0;
	}
	if (isdigit((unsigned char)low[0])) {
		if (n > 3 || strspn(low, "0123456789") != n || atoi(low) > 255)
			return -1;
		*color = atoi(low);
		return 0;
	}
	if (low[0] == '#') {
		if (n != 7 || strspn(low + 1, "0123456789abcdef") != 6)
			return -1;
		*color = THEME_RGB_FLAG | (int)strtol(low + 1, NULL, 16);
		return 0;
	}
	const char *base = low;
	int bright = 0;
	if (!strncmp(low, "bright", 6)) {
		bright = 8;
		base = low + 6;
		if (*base == '-' || *base == '_')
			base++;
	}
	for (int i = 0; i < 8; i++)
		if (!strcmp(base, colour_names[i])) {
			*color = i + bright;
			return 0;
		}
	return -1;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", ATTR_BOLD},     {"underline", ATTR_UNDERLINE},
	{"reverse", ATTR_REVERSE}, {"dim", ATTR_DIM},
	{"italic", ATTR_ITALIC}, {"blink", ATTR_BLINK},
	{"none", 0},             {"normal", 0},
};

static int attr_word(const char *w, size_t n, unsigned *bit)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof *attr_names; i++)
		if (strlen(attr_names[i].name) == n && !strncasecmp(w, attr_names[i].name, n)) {
			*bit = attr_names[i].bit;
			return 0;
		}
	return -1;
}

#define ATTR_SEP " \t,|"

/* Parses s into *attrs; on a bad word returns its offset + 1. */
static size_t attrs_scan(const char *s, unsigned *attrs)
{
	unsigned a = 0, bit;
	const char *p = s;
	while (*(p += strspn(p, ATTR_SEP))) {
		size_t n = strcspn(p, ATTR_SEP);
		if (attr_word(p, n, &bit))
			return (size_t)(p - s) + 1;
		a |= bit;
		p += n;
	}
	*attrs = a;
	return 0;
}

int theme_parse_attrs(const char *s, unsigned *attrs)
{
	return attrs_scan(s, attrs) ? -1 : 0;
}

static void colour_rgb(int c, int *r, int *g, int *b)
{
	static const unsigned char sys[16][3] = {
		{0, 0, 0},       {205, 0, 0},     {0, 205, 0},   {205, 205, 0},
		{0, 0, 238},     {205, 0, 205},   {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},     {0, 255, 0},   {255, 255, 0},
		{92, 92, 255},   {255, 0, 255},   {0, 255, 255}, {255, 255, 255},
	};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	if (c & THEME_RGB_FLAG) {
		*r = (c >> 16) & 255, *g = (c >> 8) & 255, *b = c & 255;
	} else if (c < 16) {
		*r = sys[c][0], *g = sys[c][1], *b = sys[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36], *g = level[c / 6 % 6], *b = level[c % 6];
	} else {
		*r = *g = *b = 8 + 10 * (c - 232);
	}
}

/* By hue and lightness: the 8 (or 16) colour a 256/RGB colour looks like. */
static int approx16(int r, int g, int b, int ncolors)
{
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int delta = max - min;
	if (max < 0x40)
		return 0;
	if (delta < 32 || delta * 100 < max * 20) { /* a gray */
		if (ncolors < 16)
			return max < 0x50 ? 0 : 7;
		return max < 0x50 ? 0 : max < 0xa0 ? 8 : max < 0xe0 ? 7 : 15;
	}
	int h; /* hue, degrees */
	if (max == r)
		h = (60 * (g - b) / delta + 360) % 360;
	else if (max == g)
		h = 60 * (b - r) / delta + 120;
	else
		h = 60 * (r - g) / delta + 240;
	int c = h < 20 || h >= 330 ? 1 : h < 75 ? 3 : h < 165 ? 2 : h < 205 ? 6 : h < 265 ? 4 : 5;
	if (ncolors >= 16 && (max + min) / 2 >= 0x90)
		c += 8;
	return c;
}

static int cube(int v) { return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40; }

int theme_color_approx(int color, int ncolors)
{
	int r, g, b;
	if (color == COLOR_DEFAULT || ncolors > 256)
		return color;
	if (!(color & THEME_RGB_FLAG) && color < 16)
		return ncolors >= 16 || color < 8 ? color : color - 8;
	if (ncolors < 256 || !(color & THEME_RGB_FLAG)) {
		if (ncolors >= 256)
			return color;
		colour_rgb(color, &r, &g, &b);
		return approx16(r, g, b, ncolors);
	}
	colour_rgb(color, &r, &g, &b);
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int ci = 16 + 36 * cube(r) + 6 * cube(g) + cube(b);
	int cr = level[cube(r)], cg = level[cube(g)], cb = level[cube(b)];
	int avg = (r + g + b) / 3;
	int gi = avg > 238 ? 23 : avg < 8 ? 0 : (avg - 3) / 10;
	int gv = 8 + 10 * gi;
	long dc = (long)(cr - r) * (cr - r) + (long)(cg - g) * (cg - g) + (long)(cb - b) * (cb - b);
	long dg = (long)(gv - r) * (gv - r) + (long)(gv - g) * (gv - g) + (long)(gv - b) * (gv - b);
	return dg < dc ? 232 + gi : ci;
}

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
	int n = (int)strcspn(v->s + off, ATTR_SEP);
	return ydoc_err(d, v->line, col,
	                "unknown attribute \"%.*s\" (expected bold, underline, reverse, dim, italic, blink or none)", n,
	                v->s + off);
}

static int read_attrs(const struct ydoc *d, const struct ynode *v, const char *role, const char *field, unsigned *out)
{
	unsigned all = 0, a;
	size_t bad;
	if (v->kind == Y_SCALAR) {
		if ((bad = attrs_scan(v->s, &a)))
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
		if ((bad = attrs_scan(w->s, &a)))
			return attr_error(d, w, bad - 1);
		all |= a;
	}
	*out = all;
	return 0;
}

static int read_style(const struct ydoc *d, const struct ynode *v, struct overlay *o, int r)
{
	const char *role = role_keys[r];
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
		while (r < UI_ROLE_N && strcmp(k->s, role_keys[r]))
			r++;
		if (r == UI_ROLE_N) {
			const char *hint = ydoc_suggest(k->s, role_keys, UI_ROLE_N);
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

/* ---- where themes live (muster/datadir.h) ---- */

char *theme_path(const char *name)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml")))
		return xstrdup(name);
	if (!n || name[0] == '.') {
		mu_fail(MU_DATA, "bad theme name \"%s\"", name);
		return NULL;
	}
	struct strbuf looked = STRBUF_INIT;
	char *p = datadir_find(DATA_THEMES, name, &looked);
	if (!p)
		mu_fail(MU_DATA, "theme \"%s\" not found (looked in %s)", name, sb_str(&looked));
	sb_free(&looked);
	return p;
}
