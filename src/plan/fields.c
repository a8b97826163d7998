/* The keys of a mapping (ydoc_fields) with one plan rule: a plain text
 * value that an unquoted comma inside {...} split is joined again, with a
 * warning. */
#include <string.h>
#include "plan_int.h"

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

/* Does key k (unknown to its mapping) continue the plain text that ends at
 * before (a value or the previous continuation)?  Only spaces and one comma
 * lie between them, k is plain and has no colon: a ',' or '}' follows it. */
static bool continues(const struct ctx *c, const struct ynode *before, const struct ynode *k)
{
	size_t commas = 0, i;
	if (before->kind != Y_SCALAR || !before->plain || ydoc_is_null(before) || k->kind != Y_SCALAR ||
	    !k->plain || ydoc_is_null(k) || !ydoc_is_null(k->next) || before->end > k->off || k->end > c->doc.len)
		return false;
	for (i = before->end; i < k->off; i++)
		if (c->doc.buf[i] == ',')
			commas++;
		else if (!yaml_space(c->doc.buf[i]))
			return false;
	for (i = k->end; i < c->doc.len && yaml_space(c->doc.buf[i]); i++)
		;
	return commas == 1 && i < c->doc.len && (c->doc.buf[i] == ',' || c->doc.buf[i] == '}');
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
	struct ynode *j = pool_alloc(&c->doc.pool, sizeof *j);
	struct strbuf b = STRBUF_INIT;
	*j = *v;
	j->next = NULL;
	j->end = last->end;
	if (!has_break(c->doc.buf + v->off, j->end - v->off)) {
		sb_addn(&b, c->doc.buf + v->off, j->end - v->off);
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
	j->s = pool_strdup(&c->doc.pool, sb_str(&b));
	sb_free(&b);
	*val = j;
	struct yclip shown = ydoc_clip(j->s);
	for (char *s = shown.s; *s; s++)
		if (*s == '\n' || *s == '\t')
			*s = ' ';
	pl_warn(c, first->line, first->col, "unquoted comma in %s; read as \"%s\" (put the value in quotes)",
	      field, shown.s);
	return 0;
}

/* ydoc_join_fn: an unknown key k in {...} right after the plain value of
 * a text field, and the unknown keys after it that continue it, join that
 * value (with one warning). */
static int join_keys(void *arg, const char *const *keys, size_t nkeys, size_t prev,
		     const struct ynode **v, const struct ynode **k, bool *taken)
{
	struct ctx *c = arg;
	const struct ynode *last = *k, *n;
	if (!text_field(keys[prev]) || !continues(c, v[prev], *k))
		return 0;
	while ((n = last->next->next) && n->kind == Y_SCALAR &&
	       ydoc_key_index(keys, nkeys, n->s) == nkeys && continues(c, last, n))
		last = n;
	if (join_comma(c, &v[prev], *k, last, keys[prev]))
		return MU_DATA;
	*k = last;
	*taken = true;
	return 0;
}

int pl_fields(struct ctx *c, const struct ynode *map, const char *what, const char *const *keys,
	      const struct ynode **v)
{
	return ydoc_fields(&c->doc, map, what, keys, v, join_keys, c);
}
