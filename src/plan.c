/* Event plans and templates as YAML (SPEC §4): libyaml events → a small node
 * tree that remembers the line:col of every scalar → a checked struct plan,
 * and plan_emit() writing a plan back as YAML that parses to the same plan.
 * Errors read "FILE:LINE:COL: message" (1-based), pointing at the offending
 * value.  The board side (plan_import/plan_load) is src/model/planio.c.
 *
 * Choices where SPEC §4 is silent:
 * - Duplicate task titles are allowed (a board may hold two "Daily check"
 *   tasks and its export must import again); a dependency naming a title
 *   that appears more than once is refused as ambiguous.  Duplicate role
 *   keys, phase keys, logins, funnel stages and budget lines are errors.
 * - A task owner missing from people (when the plan has people) is a
 *   warning, once per owner at its first task: an exported board whose tasks
 *   were assigned to an unlisted login must import again.  Roles and phases
 *   must be declared.
 * - Unknown keys are errors (`unknown key "dew" in task (did you mean
 *   "due"?)`), and so are duplicate keys in one mapping.  One exception, a
 *   warning: inside {...}, an unknown plain key written without a colon right
 *   after the plain value of a text field (name, objective, title, notes,
 *   unit, stage, line) continues that value across the comma, as in the
 *   shared samples' `{title: Theme, creative play and Gantt chart, ...}`.
 *   The value becomes the source text from its start to the key's end (or
 *   value + ", " + key when that spans lines); several such keys in a row
 *   join too, with one warning at the first.
 * - Warnings are "FILE:LINE:COL: warning: text" lines in plan->warnings,
 *   sorted by position, at most 100 and then a count of the rest.
 * - Plain empty / ~ / null values mean "absent".  Text may not hold control
 *   characters (terminal escapes); only objective and notes may span lines.
 * - rate and ctr are shares 0..1 ("15%" is read as 0.15); every other number
 *   must be >= 0; qty and ready are whole numbers (qty defaults to 1).
 * - event.start must be absolute; --start replaces it and shifts every
 *   absolute date by the difference (without an event.start it only sets the
 *   start).  Dates must stay within 0001..9999; an end before its start (event
 *   or phase) is an error.
 * - Limits: 4 MiB per file, 64 KiB per value, 64 levels of nesting, a
 *   million values; anchors, aliases and a second document are refused.
 * - plan_emit(PLAN_TEMPLATE) writes dates as T-n/T+n only when the plan has
 *   a start (event.start stays absolute: it is the anchor --start moves). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "muster/date.h"
#include "muster/err.h"
#include "muster/plan.h"
#include "muster/xalloc.h"

#define PLAN_MAX_BYTES ((size_t)4 << 20)
#define PLAN_MAX_DEPTH 64
#define PLAN_MAX_SCALAR ((size_t)64 << 10)
#define PLAN_MAX_INT INT64_C(1000000000000)
#define PLAN_MAX_NODES 1000000 /* a 4 MiB plan of 30k tasks has ~400k */
#define PLAN_MAX_WARNINGS 100

/* ---- the node tree ---------------------------------------------------- */

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	bool plain; /* plain scalar without an explicit tag */
	bool flow;  /* a {...} mapping */
	int line, col;
	size_t off, end; /* scalars: byte offsets of their source text */
	const char *s;	 /* scalar text, NUL-terminated */
	size_t len, n; /* n: children (a mapping holds key, value, key, ...) */
	struct ynode *kids, *last, *next;
};

struct warning {
	int line, col;
	size_t seq;
	const char *text; /* in ctx.tmp */
};

struct ctx {
	const char *name, *buf;
	size_t len;
	struct pool tmp; /* nodes and scalar text, dropped after parsing */
	struct plan *p;
	int32_t start, shift;
	const struct ynode **depends; /* per task: its depends list or NULL */
	size_t mark_ci, mark_bi;      /* a character index and its byte offset */
	struct warning *warn;
	size_t nwarn, warncap;
};

static int perr(struct ctx *c, int line, int col, const char *fmt, ...) MU_PRINTF(4, 5);
static int perr(struct ctx *c, int line, int col, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	sb_addf(&b, "%s:%d:%d: ", c->name, line, col);
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	mu_fail(MU_DATA, "%s", sb_str(&b));
	sb_free(&b);
	return MU_DATA;
}

#define nerr(c, nd, ...) perr((c), (nd)->line, (nd)->col, __VA_ARGS__)

/* A warning at line:col, kept until the parse succeeds. */
static void pwarn(struct ctx *c, int line, int col, const char *fmt, ...) MU_PRINTF(4, 5);
static void pwarn(struct ctx *c, int line, int col, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	if (c->nwarn == c->warncap) {
		c->warncap = c->warncap ? 2 * c->warncap : 8;
		c->warn = xrealloc(c->warn, c->warncap * sizeof *c->warn);
	}
	c->warn[c->nwarn] = (struct warning){line, col, c->nwarn, pool_strdup(&c->tmp, sb_str(&b))};
	c->nwarn++;
	sb_free(&b);
}

static int warning_cmp(const void *a, const void *b)
{
	const struct warning *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The warnings of a successful parse into p->warnings, in file order. */
static void flush_warnings(struct ctx *c)
{
	if (c->nwarn > 1)
		qsort(c->warn, c->nwarn, sizeof *c->warn, warning_cmp);
	for (size_t i = 0; i < c->nwarn && i <= PLAN_MAX_WARNINGS; i++) {
		const struct warning *w = &c->warn[i];
		sb_addf(&c->p->warnings, "%s:%d:%d: warning: ", c->name, w->line, w->col);
		if (i < PLAN_MAX_WARNINGS)
			sb_addf(&c->p->warnings, "%s\n", w->text);
		else
			sb_addf(&c->p->warnings, "%zu more warnings not shown\n", c->nwarn - i);
	}
}

/* A value quoted in a message: at most ~60 bytes, cut on a UTF-8 boundary. */
struct clip {
	char s[80];
};
static struct clip clip(const char *s)
{
	struct clip r;
	size_t n = strlen(s);
	if (n <= 60) {
		memcpy(r.s, s, n + 1);
		return r;
	}
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(r.s, s, n);
	memcpy(r.s + n, "...", 4);
	return r;
}

/* Line and column (in characters) of a byte offset into the buffer. */
static void offset_pos(const struct ctx *c, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < c->len; i++) {
		unsigned char ch = (unsigned char)c->buf[i];
		if (ch == '\n') {
			++*line;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Length of the valid UTF-8 sequence at s (0 if invalid). */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, min = 0x10000;
	else
		return 0;
	if (avail < n)
		return 0;
	unsigned cp = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

static int check_utf8(struct ctx *c)
{
	const unsigned char *s = (const unsigned char *)c->buf;
	for (size_t i = 0; i < c->len;) {
		size_t n = utf8_len(s + i, c->len - i);
		if (!n) {
			int line, col;
			offset_pos(c, i, &line, &col);
			return perr(c, line, col, "invalid UTF-8 (byte 0x%02X): save the file as UTF-8",
				    s[i]);
		}
		i += n;
	}
	return 0;
}

static int yaml_error(struct ctx *c, const yaml_parser_t *yp)
{
	const char *problem = yp->problem ? yp->problem : "malformed YAML";
	int line = (int)yp->problem_mark.line + 1, col = (int)yp->problem_mark.column + 1;
	if (yp->error == YAML_MEMORY_ERROR)
		die("out of memory while reading %s", c->name);
	if (yp->error == YAML_READER_ERROR) {
		offset_pos(c, yp->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8"))
			return perr(c, line, col, "invalid UTF-8 (%s)", problem);
		if (strstr(problem, "control"))
			return perr(c, line, col, "control character 0x%02X not allowed",
				    (unsigned)yp->problem_value);
		return perr(c, line, col, "%s", problem);
	}
	/* find the character at the problem mark: a tab means tab indentation */
	const char *p = c->buf, *end = c->buf + c->len;
	for (size_t l = 0; l < yp->problem_mark.line && p < end; p++)
		if (*p == '\n')
			l++;
	for (size_t k = 0; k < yp->problem_mark.column && p < end; k++) {
		size_t n = utf8_len((const unsigned char *)p, (size_t)(end - p));
		p += n ? n : 1;
	}
	if (strstr(problem, "tab") || (p < end && *p == '\t'))
		return perr(c, line, col, "tab character used for indentation: indent with spaces");
	if (yp->context)
		return perr(c, line, col, "%s (%s at %d:%d)", problem, yp->context,
			    (int)yp->context_mark.line + 1, (int)yp->context_mark.column + 1);
	return perr(c, line, col, "%s", problem);
}

/* Byte offset of a libyaml mark index (which counts characters).  Marks
 * come in file order, so a cursor moving from the last one makes this
 * linear; the buffer is valid UTF-8 by now. */
static size_t mark_offset(struct ctx *c, size_t index)
{
	while (c->mark_ci > index) {
		c->mark_bi--;
		while (c->mark_bi > 0 && ((unsigned char)c->buf[c->mark_bi] & 0xC0) == 0x80)
			c->mark_bi--;
		c->mark_ci--;
	}
	while (c->mark_ci < index && c->mark_bi < c->len) {
		c->mark_bi++;
		while (c->mark_bi < c->len && ((unsigned char)c->buf[c->mark_bi] & 0xC0) == 0x80)
			c->mark_bi++;
		c->mark_ci++;
	}
	return c->mark_bi;
}

static const char *anchor_of(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return (const char *)ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return (const char *)ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return (const char *)ev->data.mapping_start.anchor;
	default: return NULL;
	}
}

/* Events → tree.  *root stays NULL for an empty stream. */
static int build_tree(struct ctx *c, struct ynode **root)
{
	yaml_parser_t yp;
	struct ynode *stack[PLAN_MAX_DEPTH];
	int depth = 0, docs = 0, rc = 0;
	size_t nodes = 0;
	bool done = false;

	*root = NULL;
	if (!yaml_parser_initialize(&yp))
		die("out of memory");
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&yp, (const unsigned char *)c->buf, c->len);
	while (!rc && !done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&yp, &ev)) {
			rc = yaml_error(c, &yp);
			break;
		}
		int line = (int)ev.start_mark.line + 1, col = (int)ev.start_mark.column + 1;
		struct ynode *nd = NULL;
		if (anchor_of(&ev)) {
			rc = perr(c, line, col, "anchors and aliases are not allowed");
			yaml_event_delete(&ev);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT: done = true; break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = perr(c, line, col, "only one plan per file: found a second YAML document");
			break;
		case YAML_ALIAS_EVENT: rc = perr(c, line, col, "aliases are not allowed"); break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length > PLAN_MAX_SCALAR) {
				rc = perr(c, line, col, "value longer than 64 KiB");
				break;
			}
			if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length)) {
				rc = perr(c, line, col, "NUL character not allowed");
				break;
			}
			nd = pool_alloc(&c->tmp, sizeof *nd);
			memset(nd, 0, sizeof *nd);
			nd->kind = Y_SCALAR;
			nd->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
				    ev.data.scalar.plain_implicit;
			nd->len = ev.data.scalar.length;
			nd->s = pool_strdup(&c->tmp, (const char *)ev.data.scalar.value);
			nd->off = mark_offset(c, ev.start_mark.index);
			nd->end = mark_offset(c, ev.end_mark.index);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth >= PLAN_MAX_DEPTH) {
				rc = perr(c, line, col, "nesting deeper than %d levels", PLAN_MAX_DEPTH);
				break;
			}
			nd = pool_alloc(&c->tmp, sizeof *nd);
			memset(nd, 0, sizeof *nd);
			nd->kind = ev.type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
			nd->flow = nd->kind == Y_MAP &&
				   ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: depth--; break;
		default: break;
		}
		if (nd && ++nodes > PLAN_MAX_NODES) {
			rc = perr(c, line, col, "more than %d values in one plan", PLAN_MAX_NODES);
			nd = NULL;
		}
		if (nd) {
			nd->line = line;
			nd->col = col;
			if (depth == 0) {
				*root = nd;
			} else {
				struct ynode *up = stack[depth - 1];
				if (up->last)
					up->last->next = nd;
				else
					up->kids = nd;
				up->last = nd;
				up->n++;
			}
			if (nd->kind != Y_SCALAR)
				stack[depth++] = nd;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	return rc;
}

/* ---- typed access with positions ---------------------------------------- */

static bool is_null(const struct ynode *v)
{
	if (!v)
		return true;
	if (v->kind != Y_SCALAR || !v->plain)
		return false;
	return v->len == 0 || !strcmp(v->s, "~") || !strcmp(v->s, "null") ||
	       !strcmp(v->s, "Null") || !strcmp(v->s, "NULL");
}

static const char *kind_name(const struct ynode *v)
{
	return v->kind == Y_MAP ? "a mapping" : v->kind == Y_SEQ ? "a list" : "text";
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33];
	if (la > 32 || lb > 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* ---- a comma inside {...} that split a text value ------------------------ */

/* Fields of free text, whose plain value an unquoted comma may continue. */
static bool text_field(const char *k)
{
	static const char *const text[] = {"name", "objective", "title", "notes", "unit", "stage", "line", NULL};
	for (size_t i = 0; text[i]; i++)
		if (!strcmp(k, text[i]))
			return true;
	return false;
}

static bool yaml_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static size_t key_index(const char *const *keys, size_t nkeys, const char *s)
{
	size_t i;
	for (i = 0; i < nkeys && strcmp(keys[i], s); i++)
		;
	return i;
}

/* Does key k (unknown to its mapping) continue the plain text that ends at
 * before (a value or the previous continuation)?  Only spaces and one comma
 * lie between them, k is plain and has no colon: a ',' or '}' follows it. */
static bool continues(const struct ctx *c, const struct ynode *before, const struct ynode *k)
{
	size_t commas = 0, i;
	if (before->kind != Y_SCALAR || !before->plain || is_null(before) || k->kind != Y_SCALAR ||
	    !k->plain || is_null(k) || !is_null(k->next) || before->end > k->off || k->end > c->len)
		return false;
	for (i = before->end; i < k->off; i++)
		if (c->buf[i] == ',')
			commas++;
		else if (!yaml_space(c->buf[i]))
			return false;
	for (i = k->end; i < c->len && yaml_space(c->buf[i]); i++)
		;
	return commas == 1 && i < c->len && (c->buf[i] == ',' || c->buf[i] == '}');
}

static bool has_break(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r' || (i + 1 < n && !memcmp(s + i, "\xC2\x85", 2)) ||
		    (i + 2 < n && (!memcmp(s + i, "\xE2\x80\xA8", 3) || !memcmp(s + i, "\xE2\x80\xA9", 3))))
			return true;
	return false;
}

/* *val followed by the keys first..last (every other node) as one value:
 * the source text when it is one line, else value + ", " + key... */
static int join_comma(struct ctx *c, const struct ynode **val, const struct ynode *first,
		      const struct ynode *last, const char *field)
{
	const struct ynode *v = *val;
	struct ynode *j = pool_alloc(&c->tmp, sizeof *j);
	struct strbuf b = STRBUF_INIT;
	*j = *v;
	j->next = NULL;
	j->end = last->end;
	if (!has_break(c->buf + v->off, j->end - v->off)) {
		sb_addn(&b, c->buf + v->off, j->end - v->off);
	} else {
		sb_add(&b, v->s);
		for (const struct ynode *k = first;; k = k->next->next) {
			sb_addf(&b, ", %s", k->s);
			if (k == last)
				break;
		}
	}
	if (b.len > PLAN_MAX_SCALAR) {
		sb_free(&b);
		return nerr(c, v, "value longer than 64 KiB");
	}
	j->len = b.len;
	j->s = pool_strdup(&c->tmp, sb_str(&b));
	sb_free(&b);
	*val = j;
	struct clip shown = clip(j->s);
	for (char *s = shown.s; *s; s++)
		if (*s == '\n' || *s == '\t')
			*s = ' ';
	pwarn(c, first->line, first->col, "unquoted comma in %s; read as \"%s\" (put the value in quotes)",
	      field, shown.s);
	return 0;
}

/* Checks that map is a mapping whose keys are all in keys[] (NULL-ended),
 * each at most once, and stores the value of keys[i] in v[i]. */
static int fields(struct ctx *c, const struct ynode *map, const char *what, const char *const *keys,
		  const struct ynode **v)
{
	size_t nkeys = 0, prev = SIZE_MAX; /* the field of the previous key */
	while (keys[nkeys])
		v[nkeys++] = NULL;
	if (map->kind != Y_MAP)
		return nerr(c, map, "expected a mapping for %s, not %s", what, kind_name(map));
	for (const struct ynode *k = map->kids; k; k = k->next->next) {
		size_t i;
		if (k->kind != Y_SCALAR)
			return nerr(c, k, "expected a key name in %s, not %s", what, kind_name(k));
		i = key_index(keys, nkeys, k->s);
		if (i == nkeys && map->flow && prev != SIZE_MAX && text_field(keys[prev]) &&
		    continues(c, v[prev], k)) {
			const struct ynode *last = k, *n;
			while ((n = last->next->next) && n->kind == Y_SCALAR &&
			       key_index(keys, nkeys, n->s) == nkeys && continues(c, last, n))
				last = n;
			if (join_comma(c, &v[prev], k, last, keys[prev]))
				return MU_DATA;
			k = last;
			continue;
		}
		if (i == nkeys) {
			const char *best = NULL;
			size_t bd = 3;
			for (size_t j = 0; j < nkeys; j++) {
				size_t d = edit_distance(k->s, keys[j]);
				if (d < bd && d < strlen(keys[j]))
					bd = d, best = keys[j];
			}
			/* {title: Theme, creative play, due: T-3}: the comma ended the title */
			if (!best && map->flow && is_null(k->next) && k != map->kids)
				return nerr(c, k,
					    "unknown key \"%s\" in %s (a comma ends a value inside {...}: "
					    "put the value in quotes)",
					    clip(k->s).s, what);
			if (best)
				return nerr(c, k, "unknown key \"%s\" in %s (did you mean \"%s\"?)",
					    clip(k->s).s, what, best);
			return nerr(c, k, "unknown key \"%s\" in %s", clip(k->s).s, what);
		}
		if (v[i])
			return nerr(c, k, "duplicate key \"%s\" in %s", k->s, what);
		v[i] = k->next;
		prev = i;
	}
	return 0;
}

static int need_scalar(struct ctx *c, const struct ynode *v, const char *field)
{
	if (v->kind != Y_SCALAR)
		return nerr(c, v, "expected a single value for %s, not %s", field, kind_name(v));
	return 0;
}

/* Text (NULL when absent).  Control characters are refused; multiline text
 * may hold newlines and tabs. */
static int get_str(struct ctx *c, const struct ynode *v, const char *field, bool multiline,
		   char **out)
{
	*out = NULL;
	if (is_null(v))
		return 0;
	if (need_scalar(c, v, field))
		return MU_DATA;
	for (const unsigned char *s = (const unsigned char *)v->s; *s; s++) {
		unsigned cp = *s;
		if (cp == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
			cp = s[1];
		else if (cp >= 0x80 || ((cp == '\n' || cp == '\t') && multiline) ||
			 (cp >= 0x20 && cp != 0x7F))
			continue;
		if (cp == '\n')
			return nerr(c, v, "%s must be one line", field);
		return nerr(c, v, "control character U+%04X not allowed in %s", cp, field);
	}
	*out = pool_strdup(&c->p->pool, v->s);
	return 0;
}

static int get_required(struct ctx *c, const struct ynode *map, const struct ynode *v,
			const char *field, const char *what, char **out)
{
	if (is_null(v))
		return nerr(c, v ? v : map, "%s needs a %s", what, field);
	if (get_str(c, v, field, false, out))
		return MU_DATA;
	if (!**out)
		return nerr(c, v, "%s of %s must not be empty", field, what);
	return 0;
}

static int get_enum(struct ctx *c, const struct ynode *v, const char *field,
		    const char *const *allowed, const char *expect, char **out)
{
	if (get_str(c, v, field, false, out))
		return MU_DATA;
	if (!*out)
		return 0;
	for (size_t i = 0; allowed[i]; i++)
		if (!strcmp(*out, allowed[i]))
			return 0;
	return nerr(c, v, "unknown %s \"%s\": expected %s", field, clip(*out).s, expect);
}

/* A number >= 0 (NAN when absent); share: 0..1 and "15%" allowed. */
static int get_num(struct ctx *c, const struct ynode *v, const char *field, bool share,
		   double *out)
{
	*out = NAN;
	if (is_null(v))
		return 0;
	if (need_scalar(c, v, field))
		return MU_DATA;
	const char *s = v->s;
	size_t n = v->len, i = 0;
	bool pct = share && n > 1 && s[n - 1] == '%';
	if (pct)
		n--;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	bool digit = false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (!strchr(".eE+-", s[i]))
			break;
	}
	char *end = NULL;
	double x = digit && i == n ? strtod(s, &end) : NAN;
	if (isnan(x) || end != s + n || !isfinite(x))
		return nerr(c, v, "expected a number for %s, not \"%s\"", field, clip(s).s);
	if (pct)
		x /= 100;
	if (x < 0)
		return nerr(c, v, "%s must not be negative", field);
	if (share && x > 1)
		return nerr(c, v, "%s must be a share between 0 and 1 (0.15 or 15%%)", field);
	*out = x;
	return 0;
}

static int get_int(struct ctx *c, const struct ynode *v, const char *field, int64_t def,
		   int64_t *out)
{
	*out = def;
	if (is_null(v))
		return 0;
	if (need_scalar(c, v, field))
		return MU_DATA;
	const char *s = v->s;
	bool neg = *s == '-';
	if (neg || *s == '+')
		s++;
	int64_t x = 0;
	if (!*s)
		return nerr(c, v, "expected a whole number for %s", field);
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return nerr(c, v, "expected a whole number for %s, not \"%s\"", field,
				    clip(v->s).s);
		if (x > PLAN_MAX_INT)
			break;
		x = x * 10 + (*s - '0');
	}
	if (neg && x)
		return nerr(c, v, "%s must not be negative", field);
	if (x > PLAN_MAX_INT)
		return nerr(c, v, "%s is too large", field);
	*out = x;
	return 0;
}

static int get_bool(struct ctx *c, const struct ynode *v, const char *field, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", NULL}, *const no[] = {"false", "no", "off", NULL};
	*out = false;
	if (is_null(v))
		return 0;
	if (need_scalar(c, v, field))
		return MU_DATA;
	for (size_t i = 0; yes[i]; i++) {
		if (!strcasecmp(v->s, yes[i]))
			return *out = true, 0;
		if (!strcasecmp(v->s, no[i]))
			return 0;
	}
	return nerr(c, v, "expected true or false for %s", field);
}

static int to_date(struct ctx *c, const struct ynode *v, int32_t day, char out[11])
{
	if (day < 0 - 719162 || day > 2932896) /* 0001-01-01 .. 9999-12-31 */
		return nerr(c, v, "date %s is out of range after shifting", v->s);
	date_format(day, out);
	return 0;
}

/* Absolute dates are shifted by --start; relative ones resolve against the
 * (new) event start. */
static int get_date(struct ctx *c, const struct ynode *v, const char *field, char out[11])
{
	int32_t day, off;
	out[0] = '\0';
	if (is_null(v))
		return 0;
	if (need_scalar(c, v, field))
		return MU_DATA;
	if (date_parse_iso(v->s, &day))
		return to_date(c, v, day + c->shift, out);
	if (!date_parse_rel(v->s, &off))
		return nerr(c, v, "expected a date like 2026-09-01 or T-14");
	if (c->start == DATE_NONE)
		return nerr(c, v, "relative date %s needs an event start (event.start or --start)",
			    v->s);
	return to_date(c, v, c->start + off, out);
}

/* Returns the list (or an empty one for an absent value) in *first and *n. */
static int get_seq(struct ctx *c, const struct ynode *v, const char *field,
		   const struct ynode **first, size_t *n)
{
	*first = NULL;
	*n = 0;
	if (is_null(v))
		return 0;
	if (v->kind != Y_SEQ)
		return nerr(c, v, "expected a list for %s, not %s", field, kind_name(v));
	*first = v->kids;
	*n = v->n;
	return 0;
}

/* ---- sorted key indexes: duplicates and lookups in O(n log n) ----------- */

struct kref {
	const char *k;
	size_t i;
	const struct ynode *node;
};
struct kindex {
	struct kref *v;
	size_t n;
};

static int kref_cmp(const void *a, const void *b)
{
	const struct kref *x = a, *y = b;
	int r = strcmp(x->k, y->k);
	return r ? r : (x->i > y->i) - (x->i < y->i);
}

static void kindex_add(struct kindex *ix, const char *k, size_t i, const struct ynode *node)
{
	ix->v[ix->n++] = (struct kref){k, i, node};
}

/* Sorts; with what != NULL a duplicate key is an error at its second use. */
static int kindex_sort(struct ctx *c, struct kindex *ix, const char *what)
{
	const struct kref *dup = NULL, *first = NULL;
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof *ix->v, kref_cmp);
	for (size_t j = 1; what && j < ix->n; j++)
		if (!strcmp(ix->v[j].k, ix->v[j - 1].k) && (!dup || ix->v[j].i < dup->i))
			dup = &ix->v[j], first = &ix->v[j - 1];
	if (dup)
		return nerr(c, dup->node, "duplicate %s \"%s\" (first at %d:%d)", what,
			    clip(dup->k).s, first->node->line, first->node->col);
	return 0;
}

/* The first entry with key k, and in *count how many there are. */
static const struct kref *kindex_find(const struct kindex *ix, const char *k, size_t *count)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->v[mid].k, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t j = lo;
	while (j < ix->n && !strcmp(ix->v[j].k, k))
		j++;
	if (count)
		*count = j - lo;
	return j > lo ? &ix->v[lo] : NULL;
}

struct indexes {
	struct kindex roles, phases, people, tasks;
	struct kindex strays; /* task owners missing from people */
};

static void indexes_free(struct indexes *x)
{
	free(x->strays.v);
	free(x->roles.v);
	free(x->phases.v);
	free(x->people.v);
	free(x->tasks.v);
}

/* A reference to a declared key: role, phase or owner. */
static int check_ref(struct ctx *c, const struct kindex *ix, const struct ynode *v, const char *s,
		     const char *what, const char *list)
{
	if (!s || kindex_find(ix, s, NULL))
		return 0;
	return nerr(c, v, "unknown %s \"%s\" (not in %s)", what, clip(s).s, list);
}

/* ---- the sections of a plan --------------------------------------------- */

static int parse_event(struct ctx *c, const struct ynode *ev, const char *start_arg,
		       const struct ynode *root)
{
	static const char *const keys[] = {"name", "kind", "objective", "start", "end", "budget", "currency", NULL};
	static const char *const kinds[] = {"user", "promotion", "brand", NULL};
	const struct ynode *v[8];
	struct plan *p = c->p;
	int32_t old = DATE_NONE, arg = DATE_NONE, end;

	if (!ev)
		return nerr(c, root, "missing event: a plan needs an event with a name");
	if (is_null(ev))
		return nerr(c, ev, "event needs a name");
	if (fields(c, ev, "event", keys, v) || get_required(c, ev, v[0], "name", "event", &p->name) ||
	    get_enum(c, v[1], "kind", kinds, "user, promotion or brand", &p->kind) ||
	    get_str(c, v[2], "objective", true, &p->objective) ||
	    get_num(c, v[5], "budget", false, &p->budget) ||
	    get_str(c, v[6], "currency", false, &p->currency))
		return MU_DATA;
	if (!is_null(v[3])) {
		if (need_scalar(c, v[3], "start"))
			return MU_DATA;
		if (!date_parse_iso(v[3]->s, &old))
			return nerr(c, v[3], date_parse_rel(v[3]->s, &old)
						     ? "event start must be a date like 2026-09-01, not relative"
						     : "expected a date like 2026-09-01");
	}
	if (start_arg && !date_parse_iso(start_arg, &arg))
		return mu_fail(MU_USAGE, "invalid start date \"%s\": expected a date like 2026-09-01",
			       clip(start_arg).s);
	c->start = arg != DATE_NONE ? arg : old;
	c->shift = arg != DATE_NONE && old != DATE_NONE ? arg - old : 0;
	if (c->start != DATE_NONE)
		date_format(c->start, p->start);
	if (get_date(c, v[4], "end", p->end))
		return MU_DATA;
	if (p->start[0] && p->end[0] && date_parse_iso(p->end, &end) && end < c->start)
		return nerr(c, v[4], "event ends before it starts (%s)", p->start);
	return 0;
}

static int parse_roles(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"key", "name", NULL};
	const struct ynode *it, *v[2];
	struct plan *p = c->p;
	if (get_seq(c, list, "roles", &it, &p->nroles))
		return MU_DATA;
	p->roles = p->nroles ? xcalloc(p->nroles, sizeof *p->roles) : NULL;
	ix->roles.v = xcalloc(p->nroles, sizeof *ix->roles.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_role *r = &p->roles[i];
		if (fields(c, it, "role", keys, v) || get_required(c, it, v[0], "key", "role", &r->key) ||
		    get_str(c, v[1], "name", false, &r->name))
			return MU_DATA;
		kindex_add(&ix->roles, r->key, i, v[0]);
	}
	return kindex_sort(c, &ix->roles, "role key");
}

static int parse_people(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"login", "name", "roles", "access", NULL};
	static const char *const access[] = {"coordinator", "staff", "viewer", NULL};
	const struct ynode *it, *v[4], *rk;
	struct plan *p = c->p;
	if (get_seq(c, list, "people", &it, &p->npeople))
		return MU_DATA;
	p->people = p->npeople ? xcalloc(p->npeople, sizeof *p->people) : NULL;
	ix->people.v = xcalloc(p->npeople, sizeof *ix->people.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_person *h = &p->people[i];
		if (fields(c, it, "person", keys, v) ||
		    get_required(c, it, v[0], "login", "person", &h->login) ||
		    get_str(c, v[1], "name", false, &h->name) ||
		    get_enum(c, v[3], "access", access, "coordinator, staff or viewer", &h->access) ||
		    get_seq(c, v[2], "roles", &rk, &h->nroles))
			return MU_DATA;
		if (!h->access)
			h->access = pool_strdup(&p->pool, "staff");
		h->roles = h->nroles ? xcalloc(h->nroles, sizeof *h->roles) : NULL;
		for (size_t j = 0; rk; rk = rk->next, j++)
			if (get_required(c, rk, rk, "role key", "person", &h->roles[j]) ||
			    check_ref(c, &ix->roles, rk, h->roles[j], "role", "roles"))
				return MU_DATA;
		kindex_add(&ix->people, h->login, i, v[0]);
	}
	return kindex_sort(c, &ix->people, "login");
}

static int parse_phases(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"key", "name", "start", "end", NULL};
	const struct ynode *it, *v[4];
	struct plan *p = c->p;
	if (get_seq(c, list, "phases", &it, &p->nphases))
		return MU_DATA;
	p->phases = p->nphases ? xcalloc(p->nphases, sizeof *p->phases) : NULL;
	ix->phases.v = xcalloc(p->nphases, sizeof *ix->phases.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_phase *f = &p->phases[i];
		int32_t a, b;
		if (fields(c, it, "phase", keys, v) || get_required(c, it, v[0], "key", "phase", &f->key) ||
		    get_str(c, v[1], "name", false, &f->name) || get_date(c, v[2], "start", f->start) ||
		    get_date(c, v[3], "end", f->end))
			return MU_DATA;
		if (f->start[0] && f->end[0] && date_parse_iso(f->start, &a) &&
		    date_parse_iso(f->end, &b) && b < a)
			return nerr(c, v[3], "phase %s ends before it starts (%s)", clip(f->key).s,
				    f->start);
		kindex_add(&ix->phases, f->key, i, v[0]);
	}
	return kindex_sort(c, &ix->phases, "phase key");
}

static int parse_tasks(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"title", "phase", "role", "owner", "due", "status", "notes", "depends", NULL};
	static const char *const status[] = {"todo", "doing", "blocked", "done", NULL};
	const struct ynode *it, *v[8];
	struct plan *p = c->p;
	if (get_seq(c, list, "tasks", &it, &p->ntasks))
		return MU_DATA;
	p->tasks = p->ntasks ? xcalloc(p->ntasks, sizeof *p->tasks) : NULL;
	ix->tasks.v = xcalloc(p->ntasks, sizeof *ix->tasks.v);
	ix->strays.v = xcalloc(p->ntasks, sizeof *ix->strays.v);
	c->depends = xcalloc(p->ntasks, sizeof *c->depends);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_task *t = &p->tasks[i];
		const struct ynode *d;
		size_t nd;
		if (fields(c, it, "task", keys, v) || get_required(c, it, v[0], "title", "task", &t->title) ||
		    get_str(c, v[1], "phase", false, &t->phase) ||
		    check_ref(c, &ix->phases, v[1], t->phase, "phase", "phases") ||
		    get_str(c, v[2], "role", false, &t->role) ||
		    check_ref(c, &ix->roles, v[2], t->role, "role", "roles") ||
		    get_str(c, v[3], "owner", false, &t->owner) ||
		    get_date(c, v[4], "due", t->due) ||
		    get_enum(c, v[5], "status", status, "todo, doing, blocked or done", &t->status) ||
		    get_str(c, v[6], "notes", true, &t->notes) || get_seq(c, v[7], "depends", &d, &nd))
			return MU_DATA;
		c->depends[i] = nd ? v[7] : NULL;
		kindex_add(&ix->tasks, t->title, i, v[0]);
		if (p->npeople && t->owner && !kindex_find(&ix->people, t->owner, NULL))
			kindex_add(&ix->strays, t->owner, i, v[3]);
	}
	/* one warning per missing owner, at its first task */
	kindex_sort(c, &ix->strays, NULL);
	for (size_t j = 0; j < ix->strays.n; j++)
		if (!j || strcmp(ix->strays.v[j].k, ix->strays.v[j - 1].k))
			pwarn(c, ix->strays.v[j].node->line, ix->strays.v[j].node->col,
			      "owner \"%s\" is not among people", clip(ix->strays.v[j].k).s);
	return kindex_sort(c, &ix->tasks, NULL);
}

/* Index of the first dependency of task x that is still pending. */
static size_t stuck_dep(const struct plan *p, const size_t *pending, size_t x)
{
	size_t k = 0;
	while (!pending[p->tasks[x].deps[k]])
		k++;
	return k;
}

/* Dependencies by title, then a cycle check (Kahn's algorithm; whatever is
 * left over lies on or behind a cycle, which is then walked and named). */
static int resolve_depends(struct ctx *c, struct indexes *ix)
{
	struct plan *p = c->p;
	for (size_t i = 0; i < p->ntasks; i++) {
		struct plan_task *t = &p->tasks[i];
		if (!c->depends[i])
			continue;
		t->deps = xcalloc(c->depends[i]->n, sizeof *t->deps);
		for (const struct ynode *d = c->depends[i]->kids; d; d = d->next) {
			char *title;
			size_t count;
			if (get_required(c, d, d, "title", "dependency", &title))
				return MU_DATA;
			const struct kref *r = kindex_find(&ix->tasks, title, &count);
			if (!r)
				return nerr(c, d, "unknown dependency \"%s\" (no task has this title)",
					    clip(title).s);
			if (count > 1)
				return nerr(c, d, "ambiguous dependency \"%s\": %zu tasks have this title",
					    clip(title).s, count);
			for (size_t k = 0; k < t->ndeps; k++)
				if (t->deps[k] == r->i)
					return nerr(c, d, "dependency \"%s\" listed twice", clip(title).s);
			t->deps[t->ndeps++] = r->i;
		}
	}
	/* Kahn: pending[i] = deps of i not yet cleared; users via a CSR list */
	size_t n = p->ntasks, nedges = 0, *pending = xcalloc(n, sizeof *pending);
	size_t *ustart = xcalloc(n + 1, sizeof *ustart), *queue = xcalloc(n, sizeof *queue);
	for (size_t i = 0; i < n; i++) {
		pending[i] = p->tasks[i].ndeps;
		nedges += pending[i];
		for (size_t k = 0; k < p->tasks[i].ndeps; k++)
			ustart[p->tasks[i].deps[k] + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		ustart[i + 1] += ustart[i];
	size_t *users = xcalloc(nedges, sizeof *users), *fill = xcalloc(n, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p->tasks[i].ndeps; k++) {
			size_t d = p->tasks[i].deps[k];
			users[ustart[d] + fill[d]++] = i;
		}
	size_t qh = 0, qt = 0;
	for (size_t i = 0; i < n; i++)
		if (!pending[i])
			queue[qt++] = i;
	while (qh < qt) {
		size_t d = queue[qh++];
		for (size_t u = ustart[d]; u < ustart[d + 1]; u++)
			if (!--pending[users[u]])
				queue[qt++] = users[u];
	}
	int rc = 0;
	if (qt < n) {
		/* every stuck task has a stuck dependency: walk them until one repeats */
		size_t at = 0, *seen = fill;
		memset(seen, 0, n * sizeof *seen);
		while (!pending[at])
			at++;
		while (!seen[at]) {
			seen[at] = 1;
			at = p->tasks[at].deps[stuck_dep(p, pending, at)];
		}
		/* at is on the cycle: name it from its first task in the file */
		size_t lo = at, x = at;
		do {
			x = p->tasks[x].deps[stuck_dep(p, pending, x)];
			if (x < lo)
				lo = x;
		} while (x != at);
		size_t k = stuck_dep(p, pending, lo), next = lo, hops = 0;
		const struct ynode *where = c->depends[lo]->kids;
		for (size_t j = 0; j < k; j++)
			where = where->next;
		struct strbuf path = STRBUF_INIT;
		do {
			sb_addf(&path, "\"%s\" -> ", clip(p->tasks[next].title).s);
			next = p->tasks[next].deps[stuck_dep(p, pending, next)];
		} while (next != lo && ++hops < 8);
		sb_addf(&path, next == lo ? "\"%s\"" : "... -> \"%s\"", clip(p->tasks[lo].title).s);
		rc = nerr(c, where, "dependency cycle: %s", sb_str(&path));
		sb_free(&path);
	}
	free(pending);
	free(ustart);
	free(queue);
	free(users);
	free(fill);
	return rc;
}

static int parse_checklists(struct ctx *c, const struct ynode *list, struct indexes *ix)
{
	static const char *const keys[] = {"name", "role", "items", NULL};
	static const char *const ikeys[] = {"title", "qty", "unit", "due", "ready", "done", NULL};
	const struct ynode *it, *v[3], *w[6], *item;
	struct plan *p = c->p;
	if (get_seq(c, list, "checklists", &it, &p->nchecklists))
		return MU_DATA;
	p->checklists = p->nchecklists ? xcalloc(p->nchecklists, sizeof *p->checklists) : NULL;
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_checklist *l = &p->checklists[i];
		if (fields(c, it, "checklist", keys, v) ||
		    get_required(c, it, v[0], "name", "checklist", &l->name) ||
		    get_str(c, v[1], "role", false, &l->role) ||
		    check_ref(c, &ix->roles, v[1], l->role, "role", "roles") ||
		    get_seq(c, v[2], "items", &item, &l->nitems))
			return MU_DATA;
		l->items = l->nitems ? xcalloc(l->nitems, sizeof *l->items) : NULL;
		for (size_t j = 0; item; item = item->next, j++) {
			struct plan_item *m = &l->items[j];
			if (fields(c, item, "item", ikeys, w) ||
			    get_required(c, item, w[0], "title", "item", &m->title) ||
			    get_int(c, w[1], "qty", 1, &m->qty) || get_str(c, w[2], "unit", false, &m->unit) ||
			    get_date(c, w[3], "due", m->due) || get_int(c, w[4], "ready", 0, &m->ready) ||
			    get_bool(c, w[5], "done", &m->done))
				return MU_DATA;
		}
	}
	return 0;
}

static int parse_metrics(struct ctx *c, const struct ynode *m)
{
	static const char *const keys[] = {"unit_price", "ctr", "cpm", "funnel", "budget", NULL};
	static const char *const skeys[] = {"stage", "target", "rate", "actual", NULL};
	static const char *const bkeys[] = {"line", "planned", "spent", NULL};
	const struct ynode *v[5], *w[4], *it;
	struct plan *p = c->p;
	struct kindex ix = {NULL, 0};
	int rc = MU_DATA;
	if (is_null(m))
		return 0;
	if (fields(c, m, "metrics", keys, v) || get_num(c, v[0], "unit_price", false, &p->unit_price) ||
	    get_num(c, v[1], "ctr", true, &p->ctr) || get_num(c, v[2], "cpm", false, &p->cpm) ||
	    get_seq(c, v[3], "funnel", &it, &p->nstages))
		return MU_DATA;
	p->stages = p->nstages ? xcalloc(p->nstages, sizeof *p->stages) : NULL;
	ix.v = xcalloc(p->nstages, sizeof *ix.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_stage *s = &p->stages[i];
		if (fields(c, it, "funnel stage", skeys, w) ||
		    get_required(c, it, w[0], "stage", "funnel stage", &s->name) ||
		    get_num(c, w[1], "target", false, &s->target) ||
		    get_num(c, w[2], "rate", true, &s->rate) ||
		    get_num(c, w[3], "actual", false, &s->actual))
			goto out;
		kindex_add(&ix, s->name, i, w[0]);
	}
	if (kindex_sort(c, &ix, "funnel stage") || get_seq(c, v[4], "budget", &it, &p->nbudget))
		goto out;
	free(ix.v);
	ix.n = 0;
	p->budget_lines = p->nbudget ? xcalloc(p->nbudget, sizeof *p->budget_lines) : NULL;
	ix.v = xcalloc(p->nbudget, sizeof *ix.v);
	for (size_t i = 0; it; it = it->next, i++) {
		struct plan_budget *b = &p->budget_lines[i];
		if (fields(c, it, "budget line", bkeys, w) ||
		    get_required(c, it, w[0], "line", "budget line", &b->line) ||
		    get_num(c, w[1], "planned", false, &b->planned) ||
		    get_num(c, w[2], "spent", false, &b->spent))
			goto out;
		kindex_add(&ix, b->line, i, w[0]);
	}
	rc = kindex_sort(c, &ix, "budget line");
out:
	free(ix.v);
	return rc;
}

static void plan_init(struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->budget = p->unit_price = p->ctr = p->cpm = NAN;
}

static int parse_root(struct ctx *c, const struct ynode *root, const char *start)
{
	static const char *const keys[] = {"event", "roles", "people", "phases", "tasks", "checklists", "metrics", NULL};
	const struct ynode *v[7];
	struct indexes ix;
	int rc;

	if (is_null(root))
		return perr(c, 1, 1, "empty plan: expected a mapping with an event");
	if (root->kind != Y_MAP)
		return nerr(c, root, "expected a mapping with an event at the top level, not %s",
			    kind_name(root));
	if (fields(c, root, "the plan", keys, v))
		return MU_DATA;
	memset(&ix, 0, sizeof ix);
	rc = parse_event(c, v[0], start, root);
	if (!rc)
		rc = parse_roles(c, v[1], &ix);
	if (!rc)
		rc = parse_people(c, v[2], &ix);
	if (!rc)
		rc = parse_phases(c, v[3], &ix);
	if (!rc)
		rc = parse_tasks(c, v[4], &ix);
	if (!rc)
		rc = resolve_depends(c, &ix);
	if (!rc)
		rc = parse_checklists(c, v[5], &ix);
	if (!rc)
		rc = parse_metrics(c, v[6]);
	indexes_free(&ix);
	return rc;
}

int plan_parse_buffer(const char *name, const char *buf, size_t len, const char *start,
		      struct plan *out)
{
	struct ctx c = {.name = name ? name : "plan", .buf = buf, .len = len, .p = out};
	struct ynode *root = NULL;
	int rc;

	plan_init(out);
	c.start = DATE_NONE;
	if (len > PLAN_MAX_BYTES)
		return mu_fail(MU_DATA, "%s: plan is larger than 4 MiB (%zu bytes)", c.name, len);
	rc = check_utf8(&c);
	if (!rc)
		rc = build_tree(&c, &root);
	if (!rc)
		rc = parse_root(&c, root, start);
	if (rc)
		plan_free(out); /* mu_fail() was called by whichever check failed */
	else
		flush_warnings(&c);
	free(c.warn);
	free(c.depends);
	pool_free(&c.tmp);
	return rc;
}

int plan_parse_file(const char *path, const char *start, struct plan *out)
{
	bool stdin_ = !strcmp(path, "-");
	const char *name = stdin_ ? "<stdin>" : path;
	int fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct strbuf b = STRBUF_INIT;
	struct stat st;
	int rc;

	plan_init(out);
	if (fd < 0)
		return mu_fail(MU_DATA, "%s: %s", name, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return mu_fail(MU_DATA, "%s: is a directory", name);
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > PLAN_MAX_BYTES) {
		close(fd);
		return mu_fail(MU_DATA, "%s: plan is larger than 4 MiB (%lld bytes)", name,
			       (long long)st.st_size);
	}
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = mu_fail(MU_DATA, "%s: %s", name, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		sb_addn(&b, chunk, (size_t)n);
		if (b.len > PLAN_MAX_BYTES) {
			rc = mu_fail(MU_DATA, "%s: plan is larger than 4 MiB", name);
			goto out;
		}
	}
	rc = plan_parse_buffer(name, sb_str(&b), b.len, start, out);
out:
	if (!stdin_)
		close(fd);
	sb_free(&b);
	return rc;
}

void plan_free(struct plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; p->people && i < p->npeople; i++)
		free(p->people[i].roles);
	for (size_t i = 0; p->tasks && i < p->ntasks; i++)
		free(p->tasks[i].deps);
	for (size_t i = 0; p->checklists && i < p->nchecklists; i++)
		free(p->checklists[i].items);
	free(p->roles);
	free(p->people);
	free(p->phases);
	free(p->tasks);
	free(p->checklists);
	free(p->stages);
	free(p->budget_lines);
	pool_free(&p->pool);
	sb_free(&p->warnings);
	plan_init(p);
}

/* ---- emitting ----------------------------------------------------------- */

/* Code point at s (valid UTF-8, as stored strings are) and its length. */
static unsigned cp_at(const unsigned char *s, size_t *n)
{
	*n = utf8_len(s, strlen((const char *)s));
	if (*n <= 1) {
		*n = 1;
		return s[0];
	}
	unsigned cp = s[0] & (0x7F >> *n);
	for (size_t i = 1; i < *n; i++)
		cp = cp << 6 | (s[i] & 0x3F);
	return cp;
}

/* Characters YAML does not allow raw in a file (or that would be a line
 * break): they need a double-quoted escape. */
static bool needs_escape(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

/* Would a plain scalar be read as something other than this text (null,
 * boolean, number, date), or is it a value we keep quoted for clarity? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {"~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", NULL};
	int32_t d;
	for (size_t i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return true;
	if (date_parse_rel(s, &d) || !strncasecmp(s, ".inf", 4) || !strncasecmp(s, ".nan", 4) ||
	    !strncasecmp(s, "-.inf", 5) || !strncasecmp(s, "+.inf", 5))
		return true;
	char *end;
	(void)strtod(s, &end);
	if (end != s && *end == '\0')
		return true;
	bool digit = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (!strchr("_.,:+-eExXoObB", *p))
			return false;
	}
	return digit; /* 1_000, 12:30, 2026-09-01, 0x1F ... */
}

static bool plain_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' || s[n - 1] == '\t')
		return false;
	if (strpbrk(s, ":#,[]{}\"';\\") || strstr(s, "--") || looks_typed(s))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k;
		if (needs_escape(cp_at(p, &k)))
			return false;
		p += k;
	}
	return true;
}

/* s as a YAML scalar that is safe in flow and block context. */
static void emit_str(struct strbuf *b, const char *s)
{
	bool escape = false;
	if (plain_ok(s)) {
		sb_add(b, s);
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p && !escape;) {
		size_t k;
		escape = needs_escape(cp_at(p, &k));
		p += k;
	}
	if (!escape) {
		sb_addc(b, '\'');
		for (const char *p = s; *p; p++)
			if (*p == '\'')
				sb_add(b, "''");
			else
				sb_addc(b, *p);
		sb_addc(b, '\'');
		return;
	}
	sb_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k;
		unsigned cp = cp_at(p, &k);
		if (cp == '"' || cp == '\\')
			sb_addf(b, "\\%c", (char)cp);
		else if (cp == '\n')
			sb_add(b, "\\n");
		else if (cp == '\t')
			sb_add(b, "\\t");
		else if (needs_escape(cp))
			sb_addf(b, cp < 0x100 ? "\\x%02X" : "\\u%04X", cp);
		else
			sb_addn(b, (const char *)p, k);
		p += k;
	}
	sb_addc(b, '"');
}

/* Integers without ".0"; anything else in the shortest form that reads back
 * to the same double. */
static void emit_num(struct strbuf *b, double x)
{
	char buf[40];
	if (x == 0) {
		sb_add(b, "0");
		return;
	}
	if (x == floor(x) && fabs(x) < 1e15) {
		sb_addf(b, "%.0f", x);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	sb_add(b, buf);
}

struct emit {
	struct strbuf *b;
	enum plan_emit_mode mode;
	int32_t start;
	bool first; /* no ", " before the next flow field */
};

static void key(struct emit *e, const char *k)
{
	if (!e->first)
		sb_add(e->b, ", ");
	e->first = false;
	sb_addf(e->b, "%s: ", k);
}

static void f_str(struct emit *e, const char *k, const char *s)
{
	if (s) {
		key(e, k);
		emit_str(e->b, s);
	}
}

static void f_num(struct emit *e, const char *k, double x)
{
	if (!isnan(x)) {
		key(e, k);
		emit_num(e->b, x);
	}
}

static void f_date(struct emit *e, const char *k, const char *d)
{
	int32_t day;
	if (!d[0])
		return;
	key(e, k);
	if (e->mode == PLAN_TEMPLATE && e->start != DATE_NONE && date_parse_iso(d, &day) &&
	    abs(day - e->start) <= 99999)
		sb_addf(e->b, "T%c%d", day < e->start ? '-' : '+', abs(day - e->start));
	else
		sb_add(e->b, d);
}

/* Starts "  - {" (or a block field "  k: " when inline is false). */
static void open_flow(struct emit *e, const char *indent)
{
	sb_addf(e->b, "%s- {", indent);
	e->first = true;
}

static void close_flow(struct emit *e) { sb_add(e->b, "}\n"); }

static void block_field(struct emit *e, const char *indent, const char *k, const char *s)
{
	if (s) {
		sb_addf(e->b, "%s%s: ", indent, k);
		emit_str(e->b, s);
		sb_addc(e->b, '\n');
	}
}

void plan_emit(const struct plan *p, enum plan_emit_mode mode, struct strbuf *out)
{
	struct emit e = {out, mode, DATE_NONE, true};
	bool tpl = mode == PLAN_TEMPLATE;
	if (!p->start[0] || !date_parse_iso(p->start, &e.start))
		e.start = DATE_NONE;

	if (tpl)
		sb_add(out, "# muster template: dates are relative to event.start (T-14 = 14 days\n"
			    "# before it); `muster import FILE --start DATE` moves the whole plan.\n");
	else
		sb_add(out, "# muster export: imports again with `muster import FILE`.\n");
	sb_add(out, "event:\n");
	block_field(&e, "  ", "name", p->name ? p->name : "");
	block_field(&e, "  ", "kind", p->kind);
	block_field(&e, "  ", "objective", p->objective);
	if (p->start[0])
		sb_addf(out, "  start: %s\n", p->start);
	if (p->end[0]) {
		sb_add(out, "  ");
		e.first = true;
		f_date(&e, "end", p->end);
		sb_addc(out, '\n');
	}
	if (!isnan(p->budget)) {
		sb_add(out, "  budget: ");
		emit_num(out, p->budget);
		sb_addc(out, '\n');
	}
	block_field(&e, "  ", "currency", p->currency);

	if (p->nroles)
		sb_add(out, "roles:\n");
	for (size_t i = 0; i < p->nroles; i++) {
		open_flow(&e, "  ");
		f_str(&e, "key", p->roles[i].key);
		f_str(&e, "name", p->roles[i].name);
		close_flow(&e);
	}
	if (p->npeople)
		sb_add(out, "people:\n");
	for (size_t i = 0; i < p->npeople; i++) {
		const struct plan_person *h = &p->people[i];
		open_flow(&e, "  ");
		f_str(&e, "login", h->login);
		f_str(&e, "name", h->name);
		if (h->nroles) {
			key(&e, "roles");
			sb_addc(out, '[');
			for (size_t j = 0; j < h->nroles; j++) {
				if (j)
					sb_add(out, ", ");
				emit_str(out, h->roles[j]);
			}
			sb_addc(out, ']');
		}
		f_str(&e, "access", h->access);
		close_flow(&e);
	}
	if (p->nphases)
		sb_add(out, "phases:\n");
	for (size_t i = 0; i < p->nphases; i++) {
		open_flow(&e, "  ");
		f_str(&e, "key", p->phases[i].key);
		f_str(&e, "name", p->phases[i].name);
		f_date(&e, "start", p->phases[i].start);
		f_date(&e, "end", p->phases[i].end);
		close_flow(&e);
	}
	if (p->ntasks)
		sb_add(out, "tasks:\n");
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct plan_task *t = &p->tasks[i];
		open_flow(&e, "  ");
		f_str(&e, "title", t->title);
		f_str(&e, "phase", t->phase);
		f_str(&e, "role", t->role);
		f_str(&e, "owner", t->owner);
		f_date(&e, "due", t->due);
		if (!tpl)
			f_str(&e, "status", t->status);
		f_str(&e, "notes", t->notes);
		if (t->ndeps) {
			key(&e, "depends");
			sb_addc(out, '[');
			for (size_t j = 0; j < t->ndeps; j++) {
				if (j)
					sb_add(out, ", ");
				emit_str(out, p->tasks[t->deps[j]].title);
			}
			sb_addc(out, ']');
		}
		close_flow(&e);
	}
	if (p->nchecklists)
		sb_add(out, "checklists:\n");
	for (size_t i = 0; i < p->nchecklists; i++) {
		const struct plan_checklist *l = &p->checklists[i];
		block_field(&e, "  - ", "name", l->name ? l->name : "");
		block_field(&e, "    ", "role", l->role);
		sb_add(out, l->nitems ? "    items:\n" : "    items: []\n");
		for (size_t j = 0; j < l->nitems; j++) {
			const struct plan_item *m = &l->items[j];
			open_flow(&e, "      ");
			f_str(&e, "title", m->title);
			key(&e, "qty");
			sb_addf(out, "%lld", (long long)m->qty);
			f_str(&e, "unit", m->unit);
			f_date(&e, "due", m->due);
			if (!tpl && m->ready) {
				key(&e, "ready");
				sb_addf(out, "%lld", (long long)m->ready);
			}
			if (!tpl && m->done) {
				key(&e, "done");
				sb_add(out, "true");
			}
			close_flow(&e);
		}
	}
	if (isnan(p->unit_price) && isnan(p->ctr) && isnan(p->cpm) && !p->nstages && !p->nbudget)
		return;
	sb_add(out, "metrics:\n");
	const char *names[3] = {"unit_price", "ctr", "cpm"};
	double vals[3] = {p->unit_price, p->ctr, p->cpm};
	for (int i = 0; i < 3; i++)
		if (!isnan(vals[i])) {
			sb_addf(out, "  %s: ", names[i]);
			emit_num(out, vals[i]);
			sb_addc(out, '\n');
		}
	if (p->nstages)
		sb_add(out, "  funnel:\n");
	for (size_t i = 0; i < p->nstages; i++) {
		open_flow(&e, "    ");
		f_str(&e, "stage", p->stages[i].name);
		f_num(&e, "target", p->stages[i].target);
		f_num(&e, "rate", p->stages[i].rate);
		if (!tpl)
			f_num(&e, "actual", p->stages[i].actual);
		close_flow(&e);
	}
	if (p->nbudget)
		sb_add(out, "  budget:\n");
	for (size_t i = 0; i < p->nbudget; i++) {
		open_flow(&e, "    ");
		f_str(&e, "line", p->budget_lines[i].line);
		f_num(&e, "planned", p->budget_lines[i].planned);
		if (!tpl)
			f_num(&e, "spent", p->budget_lines[i].spent);
		close_flow(&e);
	}
}
