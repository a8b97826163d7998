/* The keys of a mapping: each known at most once, an unknown one with a
 * "did you mean" hint for a typo. */
#include <ctype.h>
#include <string.h>
#include "muster/yamldoc.h"

/* Edit distance between a (any case) and b (lower case). */
static size_t edit_distance(const char *a, const char *b)
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

const char *ydoc_suggest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bd = 3;
	for (size_t j = 0; j < n; j++) {
		size_t d = edit_distance(s, cands[j]);
		if (d < bd && d < strlen(cands[j]))
			bd = d, best = cands[j];
	}
	return best;
}

size_t ydoc_key_index(const char *const *keys, size_t nkeys, const char *s)
{
	size_t i;
	for (i = 0; i < nkeys && strcmp(keys[i], s); i++)
		;
	return i;
}

int ydoc_fields(const struct ydoc *d, const struct ynode *map, const char *what,
		const char *const *keys, const struct ynode **v, ydoc_join_fn *join, void *arg)
{
	size_t nkeys = 0, prev = SIZE_MAX; /* the field of the previous key */
	while (keys[nkeys])
		v[nkeys++] = NULL;
	if (map->kind != Y_MAP)
		return ydoc_nerr(d, map, "expected a mapping for %s, not %s", what, ydoc_kind_name(map));
	for (const struct ynode *k = map->kids; k; k = k->next->next) {
		size_t i;
		if (k->kind != Y_SCALAR)
			return ydoc_nerr(d, k, "expected a key name in %s, not %s", what, ydoc_kind_name(k));
		i = ydoc_key_index(keys, nkeys, k->s);
		if (i == nkeys && join && map->flow && prev != SIZE_MAX) {
			bool taken = false;
			if (join(arg, keys, nkeys, prev, v, &k, &taken))
				return MU_DATA;
			if (taken)
				continue;
		}
		if (i == nkeys) {
			const char *best = ydoc_suggest(k->s, keys, nkeys);
			/* {title: Theme, creative play, due: T-3}: the comma ended the title */
			if (!best && map->flow && ydoc_is_null(k->next) && k != map->kids)
				return ydoc_nerr(d, k,
						 "unknown key \"%s\" in %s (a comma ends a value inside {...}: "
						 "put the value in quotes)",
						 ydoc_clip(k->s).s, what);
			if (best)
				return ydoc_nerr(d, k, "unknown key \"%s\" in %s (did you mean \"%s\"?)",
						 ydoc_clip(k->s).s, what, best);
			return ydoc_nerr(d, k, "unknown key \"%s\" in %s", ydoc_clip(k->s).s, what);
		}
		if (v[i])
			return ydoc_nerr(d, k, "duplicate key \"%s\" in %s", k->s, what);
		v[i] = k->next;
		prev = i;
	}
	return 0;
}
