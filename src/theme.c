/* Themes: YAML files (themes/NAME.yaml) mapping UI roles to fg/bg/attrs/mono,
 * read over the compiled-in default (or another theme, `inherits: NAME`),
 * with FILE:LINE:COL errors; colour parsing, 256/16/8-colour approximation
 * and the theme search path.  No curses here (see theme.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "muster/theme.h"
#include "muster/xalloc.h"

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
		return yp_fail(y, y->ev.start_mark, "aliases (*name) are not allowed in a theme");
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++y->depth > THEME_MAX_DEPTH)
			return yp_fail(y, y->ev.start_mark, "nested deeper than %d levels", THEME_MAX_DEPTH);
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

/* The current scalar as a C string ("" for anything else); NULs refused. */
static const char *yp_text(struct yp *y)
{
	if (y->ev.type != YAML_SCALAR_EVENT)
		return "";
	return (const char *)y->ev.data.scalar.value;
}

static bool yp_has_nul(struct yp *y)
{
	return y->ev.type == YAML_SCALAR_EVENT && strlen(yp_text(y)) != y->ev.data.scalar.length;
}

/* Edit distance, for "did you mean". */
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

struct overlay {
	struct theme_style s[UI_ROLE_N];
	unsigned set[UI_ROLE_N]; /* SET_* bits */
	char name[64];
	bool has_name;
	char *inherits;
	yaml_mark_t inherits_mark;
};
enum { SET_FG = 1, SET_BG = 2, SET_ATTRS = 4, SET_MONO = 8, SET_ROLE = 16 };

static int read_colour(struct yp *y, const char *role, const char *field, int *out)
{
	if (yp_next(y))
		return MU_DATA;
	if (y->ev.type != YAML_SCALAR_EVENT)
		return yp_fail(y, y->ev.start_mark, "expected a colour for %s.%s (a name, 0-255 or #rrggbb)", role, field);
	const char *s = yp_text(y);
	if (!*s && y->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return yp_fail(y, y->ev.start_mark,
		               "missing colour for %s.%s (write \"#rrggbb\" in quotes: a bare # starts a comment)", role,
		               field);
	if (yp_has_nul(y) || theme_parse_color(s, out))
		return yp_fail(y, y->ev.start_mark, "unknown colour \"%s\" (expected a name, 0-255 or #rrggbb)", s);
	return 0;
}

static int attr_error(struct yp *y, const char *s, size_t off)
{
	yaml_mark_t m = y->ev.start_mark;
	if (m.line == y->ev.end_mark.line && y->ev.data.scalar.style != YAML_LITERAL_SCALAR_STYLE &&
	    y->ev.data.scalar.style != YAML_FOLDED_SCALAR_STYLE)
		m.column += off + (y->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE);
	int n = (int)strcspn(s + off, ATTR_SEP);
	return yp_fail(y, m, "unknown attribute \"%.*s\" (expected bold, underline, reverse, dim, italic, blink or none)",
	               n, s + off);
}

static int read_attrs(struct yp *y, const char *role, const char *field, unsigned *out)
{
	unsigned all = 0, a;
	size_t bad;
	if (yp_next(y))
		return MU_DATA;
	if (y->ev.type == YAML_SCALAR_EVENT) {
		if ((bad = attrs_scan(yp_text(y), &a)))
			return attr_error(y, yp_text(y), bad - 1);
		*out = a;
		return 0;
	}
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return yp_fail(y, y->ev.start_mark, "expected attributes for %s.%s, like [bold, underline] or \"bold, underline\"",
		               role, field);
	for (;;) {
		if (yp_next(y))
			return MU_DATA;
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (y->ev.type != YAML_SCALAR_EVENT)
			return yp_fail(y, y->ev.start_mark, "expected an attribute name in %s.%s", role, field);
		if ((bad = attrs_scan(yp_text(y), &a)))
			return attr_error(y, yp_text(y), bad - 1);
		all |= a;
	}
	*out = all;
	return 0;
}

static int read_style(struct yp *y, struct overlay *o, int r)
{
	const char *role = role_keys[r];
	if (yp_next(y))
		return MU_DATA;
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return yp_fail(y, y->ev.start_mark, "expected a mapping like {fg: red, bg: default, attrs: bold, mono: bold} for %s",
		               role);
	for (;;) {
		if (yp_next(y))
			return MU_DATA;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		const char *k = yp_text(y);
		unsigned bit = !strcmp(k, "fg") ? SET_FG : !strcmp(k, "bg") ? SET_BG
		             : !strcmp(k, "attrs") ? SET_ATTRS : !strcmp(k, "mono") ? SET_MONO : 0;
		if (!bit || yp_has_nul(y))
			return yp_fail(y, y->ev.start_mark, "unknown key \"%s\" in %s (expected fg, bg, attrs or mono)", k, role);
		if (o->set[r] & bit)
			return yp_fail(y, y->ev.start_mark, "duplicate key \"%s\" in %s", k, role);
		o->set[r] |= bit;
		struct theme_style *s = &o->s[r];
		int rc = bit == SET_FG ? read_colour(y, role, "fg", &s->fg)
		       : bit == SET_BG ? read_colour(y, role, "bg", &s->bg)
		       : bit == SET_ATTRS ? read_attrs(y, role, "attrs", &s->attrs)
		       : read_attrs(y, role, "mono", &s->mono_attrs);
		if (rc)
			return rc;
	}
}

static int unknown_role(struct yp *y, const char *k)
{
	size_t best = 3, d;
	const char *hint = NULL;
	for (int r = 0; r < UI_ROLE_N; r++)
		if ((d = lev(k, role_keys[r])) < best)
			best = d, hint = role_keys[r];
	if (hint)
		return yp_fail(y, y->ev.start_mark, "unknown role \"%s\" (did you mean \"%s\"?)", k, hint);
	return yp_fail(y, y->ev.start_mark, "unknown role \"%s\" (themes/default.yaml lists every role)", k);
}

static int read_top(struct yp *y, struct overlay *o)
{
	if (yp_next(y) || yp_next(y)) /* stream start, document start */
		return MU_DATA;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return 0; /* empty file: the default */
	if (yp_next(y))
		return MU_DATA;
	if (y->ev.type == YAML_SCALAR_EVENT && !*yp_text(y) && y->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		/* "---" alone */
	} else if (y->ev.type != YAML_MAPPING_START_EVENT) {
		return yp_fail(y, y->ev.start_mark, "expected a mapping of UI roles to styles, like \"title: {fg: white, bg: blue}\"");
	} else {
		for (;;) {
			if (yp_next(y))
				return MU_DATA;
			if (y->ev.type == YAML_MAPPING_END_EVENT)
				break;
			if (y->ev.type != YAML_SCALAR_EVENT)
				return yp_fail(y, y->ev.start_mark, "expected a role name");
			const char *k = yp_text(y);
			yaml_mark_t km = y->ev.start_mark;
			if (!strcmp(k, "name") || !strcmp(k, "inherits")) {
				bool is_name = k[0] == 'n';
				if ((is_name && o->has_name) || (!is_name && o->inherits))
					return yp_fail(y, km, "duplicate key \"%s\"", k);
				if (yp_next(y))
					return MU_DATA;
				const char *v = yp_text(y);
				if (y->ev.type != YAML_SCALAR_EVENT || !*v || yp_has_nul(y))
					return yp_fail(y, y->ev.start_mark, "expected a theme name for \"%s\"",
					               is_name ? "name" : "inherits");
				if (is_name) {
					if (strlen(v) >= sizeof o->name)
						return yp_fail(y, y->ev.start_mark, "name is longer than %zu bytes",
						               sizeof o->name - 1);
					strcpy(o->name, v);
					o->has_name = true;
				} else {
					o->inherits = xstrdup(v);
					o->inherits_mark = y->ev.start_mark;
				}
				continue;
			}
			int r = 0;
			while (r < UI_ROLE_N && strcmp(k, role_keys[r]))
				r++;
			if (r == UI_ROLE_N || yp_has_nul(y))
				return unknown_role(y, k);
			if (o->set[r] & SET_ROLE)
				return yp_fail(y, km, "duplicate role \"%s\"", k);
			o->set[r] |= SET_ROLE;
			if (read_style(y, o, r))
				return MU_DATA;
		}
	}
	if (yp_next(y) || yp_next(y)) /* document end, stream end */
		return MU_DATA;
	if (y->ev.type != YAML_STREAM_END_EVENT)
		return yp_fail(y, y->ev.start_mark, "a theme file holds one YAML document");
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

static int inherit(struct yp *y, struct overlay *o, struct theme *base, int level)
{
	const char *n = o->inherits;
	if (!n || !strcmp(n, "default")) {
		theme_default(base);
		return 0;
	}
	if (level >= THEME_MAX_INHERIT)
		return yp_fail(y, o->inherits_mark, "themes inherit more than %d deep (a cycle?)", THEME_MAX_INHERIT);
	char *path;
	const char *slash = strrchr(y->file, '/');
	size_t len = strlen(n);
	bool is_path = strchr(n, '/') || (len > 5 && !strcmp(n + len - 5, ".yaml")) ||
	               (len > 4 && !strcmp(n + len - 4, ".yml"));
	if (is_path && n[0] != '/' && slash) /* relative to the inheriting file */
		path = xasprintf("%.*s/%s", (int)(slash - y->file), y->file, n);
	else if (!(path = theme_path(n)))
		return yp_fail(y, o->inherits_mark, "%s", mu_errmsg());
	int rc = load_file(path, base, level + 1);
	free(path);
	return rc;
}

static int load_buffer(const char *name, const char *buf, size_t len, struct theme *t, int level)
{
	struct yp y = {.file = name};
	struct overlay o;
	struct theme res;
	int rc;
	memset(&o, 0, sizeof o);
	if (len > THEME_MAX_BYTES)
		return mu_fail(MU_DATA, "%s: larger than 1 MiB, not a theme", name);
	if (!yaml_parser_initialize(&y.p))
		die("out of memory (yaml parser)");
	yaml_parser_set_input_string(&y.p, (const unsigned char *)buf, len);
	rc = read_top(&y, &o);
	if (!rc)
		rc = inherit(&y, &o, &res, level);
	if (!rc) {
		for (int r = 0; r < UI_ROLE_N; r++) {
			struct theme_style *d = &res.style[r], *s = &o.s[r];
			if (o.set[r] & SET_FG)
				d->fg = s->fg;
			if (o.set[r] & SET_BG)
				d->bg = s->bg;
			if (o.set[r] & SET_ATTRS)
				d->attrs = s->attrs;
			if (o.set[r] & SET_MONO)
				d->mono_attrs = s->mono_attrs;
		}
		if (o.has_name)
			strcpy(res.name, o.name);
		else
			base_name(name, res.name, sizeof res.name);
		*t = res;
	}
	if (y.have)
		yaml_event_delete(&y.ev);
	yaml_parser_delete(&y.p);
	free(o.inherits);
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

/* ---- where themes live ---- */

static char *try_dir(struct strbuf *looked, const char *dir, const char *name)
{
	if (!dir || !*dir)
		return NULL;
	char *p = xasprintf("%s/%s.yaml", dir, name);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	sb_addf(looked, "%s%s", looked->len ? ", " : "", dir);
	return NULL;
}

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
	char *dir = NULL, *p = NULL;
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		dir = xasprintf("%s/muster/themes", xdg);
	else if (home && *home)
		dir = xasprintf("%s/.config/muster/themes", home);
	p = try_dir(&looked, dir, name);
	free(dir);
	if (!p)
		p = try_dir(&looked, getenv("MUSTER_THEMES"), name);
	if (!p) {
		char exe[4096];
		ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
		char *slash;
		if (len > 0 && (exe[len] = '\0', slash = strrchr(exe, '/'))) {
			*slash = '\0';
			dir = xasprintf("%s/../share/muster/themes", exe);
			p = try_dir(&looked, dir, name);
			free(dir);
			if (!p) {
				dir = xasprintf("%s/themes", exe);
				p = try_dir(&looked, dir, name);
				free(dir);
			}
		}
	}
	if (!p)
		mu_fail(MU_DATA, "theme \"%s\" not found (looked in %s)", name, sb_str(&looked));
	sb_free(&looked);
	return p;
}
