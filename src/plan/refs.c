/* Sorted key indexes (duplicates and lookups in O(n log n)), references
 * to declared keys, and task dependencies by title with a cycle check. */
#include <stdlib.h>
#include <string.h>
#include "plan_int.h"

static int kref_cmp(const void *a, const void *b)
{
	const struct kref *x = a, *y = b;
	int r = strcmp(x->k, y->k);
	return r ? r : (x->i > y->i) - (x->i < y->i);
}

void pl_kindex_add(struct kindex *ix, const char *k, size_t i, const struct ynode *node)
{
	ix->v[ix->n++] = (struct kref){k, i, node};
}

/* Sorts; with what != NULL a duplicate key is an error at its second use. */
int pl_kindex_sort(struct ctx *c, struct kindex *ix, const char *what)
{
	const struct kref *dup = NULL, *first = NULL;
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof *ix->v, kref_cmp);
	for (size_t j = 1; what && j < ix->n; j++)
		if (!strcmp(ix->v[j].k, ix->v[j - 1].k) && (!dup || ix->v[j].i < dup->i))
			dup = &ix->v[j], first = &ix->v[j - 1];
	if (dup)
		return nerr(c, dup->node, "duplicate %s \"%s\" (first at %d:%d)", what,
			    ydoc_clip(dup->k).s, first->node->line, first->node->col);
	return 0;
}

/* The first entry with key k, and in *count how many there are. */
const struct kref *pl_kindex_find(const struct kindex *ix, const char *k, size_t *count)
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

void pl_indexes_free(struct indexes *x)
{
	free(x->strays.v);
	free(x->roles.v);
	free(x->phases.v);
	free(x->people.v);
	free(x->tasks.v);
	free(x->tkeys.v);
}

/* A reference to a declared key: role, phase or owner. */
int pl_check_ref(struct ctx *c, const struct kindex *ix, const struct ynode *v, const char *s,
		     const char *what, const char *list)
{
	if (!s || pl_kindex_find(ix, s, NULL))
		return 0;
	return nerr(c, v, "unknown %s \"%s\" (not in %s)", what, ydoc_clip(s).s, list);
}

/* Index of the first dependency of task x that is still pending. */
static size_t stuck_dep(const struct plan *p, const size_t *pending, size_t x)
{
	size_t k = 0;
	while (!pending[p->tasks[x].deps[k]])
		k++;
	return k;
}

/* Each task's depends list → indexes into the plan: by key (a task's
 * `key:`), else by a title only one task has. */
static int resolve_names(struct ctx *c, struct indexes *ix)
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
			if (pl_get_required(c, d, d, "title", "dependency", &title))
				return MU_DATA;
			const struct kref *r = pl_kindex_find(&ix->tkeys, title, NULL);
			count = 1;
			if (!r)
				r = pl_kindex_find(&ix->tasks, title, &count);
			if (!r)
				return nerr(c, d, "unknown dependency \"%s\" (no task has this key or title)",
					    ydoc_clip(title).s);
			if (count > 1)
				return nerr(c, d, "ambiguous dependency \"%s\": %zu tasks have this title"
					    " (give the one meant a key: and depend on that)", ydoc_clip(title).s, count);
			for (size_t k = 0; k < t->ndeps; k++)
				if (t->deps[k] == r->i)
					return nerr(c, d, "dependency \"%s\" listed twice", ydoc_clip(title).s);
			t->deps[t->ndeps++] = r->i;
		}
	}
	return 0;
}

/* Kahn's algorithm: pending[i] ends as the dependencies of task i never
 * cleared (users found through a CSR list); returns how many tasks were
 * cleared (all of them unless there is a cycle). */
static size_t clear_order(const struct plan *p, size_t *pending)
{
	size_t n = p->ntasks, nedges = 0;
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
	free(ustart);
	free(queue);
	free(users);
	free(fill);
	return qt;
}

/* The error for a cycle among the tasks left pending: every stuck task has
 * a stuck dependency, so walk them until one repeats; name the cycle from
 * its first task in the file, at that task's stuck dependency. */
static int name_cycle(struct ctx *c, const size_t *pending)
{
	const struct plan *p = c->p;
	size_t at = 0, *seen = xcalloc(p->ntasks, sizeof *seen);
	while (!pending[at])
		at++;
	while (!seen[at]) {
		seen[at] = 1;
		at = p->tasks[at].deps[stuck_dep(p, pending, at)];
	}
	free(seen);
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
		sb_addf(&path, "\"%s\" -> ", ydoc_clip(p->tasks[next].title).s);
		next = p->tasks[next].deps[stuck_dep(p, pending, next)];
	} while (next != lo && ++hops < 8);
	sb_addf(&path, next == lo ? "\"%s\"" : "... -> \"%s\"", ydoc_clip(p->tasks[lo].title).s);
	int rc = nerr(c, where, "dependency cycle: %s", sb_str(&path));
	sb_free(&path);
	return rc;
}

/* Dependencies by key or title, then a cycle check (whatever Kahn's
 * algorithm leaves over lies on or behind a cycle, which is then named). */
int pl_resolve_depends(struct ctx *c, struct indexes *ix)
{
	int rc = resolve_names(c, ix);
	if (rc)
		return rc;
	size_t *pending = xcalloc(c->p->ntasks, sizeof *pending);
	if (clear_order(c->p, pending) < c->p->ntasks)
		rc = name_cycle(c, pending);
	free(pending);
	return rc;
}
