/* The keys of a mapping: each known at most once ("did you mean" for a
 * typo), and a plain value that an unquoted comma inside {...} split. */
#include <string.h>
#include "plan_int.h"

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
	if (before->kind != Y_SCALAR || !before->plain || pl_is_null(before) || k->kind != Y_SCALAR ||
	    !k->plain || pl_is_null(k) || !pl_is_null(k->next) || before->end > k->off || k->end > c->len)
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
	struct clip shown = pl_clip(j->s);
	for (char *s = shown.s; *s; s++)
		if (*s == '\n' || *s == '\t')
			*s = ' ';
	pl_warn(c, first->line, first->col, "unquoted comma in %s; read as \"%s\" (put the value in quotes)",
	      field, shown.s);
	return 0;
}

/* Checks that map is a mapping whose keys are all in keys[] (NULL-ended),
 * each at most once, and stores the value of keys[i] in v[i]. */
int pl_fields(struct ctx *c, const struct ynode *map, const char *what, const char *const *keys,
		  const struct ynode **v)
{
	size_t nkeys = 0, prev = SIZE_MAX; /* the field of the previous key */
	while (keys[nkeys])
		v[nkeys++] = NULL;
	if (map->kind != Y_MAP)
		return nerr(c, map, "expected a mapping for %s, not %s", what, pl_kind_name(map));
	for (const struct ynode *k = map->kids; k; k = k->next->next) {
		size_t i;
		if (k->kind != Y_SCALAR)
			return nerr(c, k, "expected a key name in %s, not %s", what, pl_kind_name(k));
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
			if (!best && map->flow && pl_is_null(k->next) && k != map->kids)
				return nerr(c, k,
					    "unknown key \"%s\" in %s (a comma ends a value inside {...}: "
					    "put the value in quotes)",
					    pl_clip(k->s).s, what);
			if (best)
				return nerr(c, k, "unknown key \"%s\" in %s (did you mean \"%s\"?)",
					    pl_clip(k->s).s, what, best);
			return nerr(c, k, "unknown key \"%s\" in %s", pl_clip(k->s).s, what);
		}
		if (v[i])
			return nerr(c, k, "duplicate key \"%s\" in %s", k->s, what);
		v[i] = k->next;
		prev = i;
	}
	return 0;
}
