/* Event plans and templates as YAML (SPEC §4), private to src/plan/:
 *   diag.c    "FILE:LINE:COL: warning: text" lines
 *   values.c  a date from a node (shifted by --start, relative ones resolved)
 *   fields.c  the keys of a mapping, and a comma that split a text value
 *   refs.c    sorted key indexes: duplicates, references, dependencies
 *   parse.c   node tree → a checked struct plan; plan_parse_*, plan_free
 *   emit.c    plan_emit(): a plan back as YAML that parses to the same plan
 * The YAML itself (node tree with line:col, limits, UTF-8, typed values,
 * mapping keys) is read by the shared reader, muster/yamldoc.h (src/yaml/).
 * Errors read "FILE:LINE:COL: message" (1-based), pointing at the offending
 * value.  The board side (plan_import/plan_load) is muster/planio.h.
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
 * - Limits: 32 MiB per file, 64 KiB per value, 64 levels of nesting, a
 *   million values; anchors, aliases and a second document are refused.
 * - Exports carry the board's progress so that they import to the same
 *   board: task status and notes, item ready/done/done_by/done_at, stage
 *   actual and budget spent.  Templates leave all of these out but notes.
 * - plan_emit(PLAN_TEMPLATE) writes dates as T-n/T+n only when the plan has
 *   a start (event.start stays absolute: it is the anchor --start moves). */
#ifndef MUSTER_PLAN_INT_H
#define MUSTER_PLAN_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/err.h"
#include "muster/plan.h"
#include "muster/xalloc.h"
#include "muster/yamldoc.h"

#define PLAN_MAX_BYTES ((size_t)32 << 20) /* a 100,000-task plan is ~19 MiB */
#define PLAN_MAX_DEPTH 64
#define PLAN_MAX_SCALAR ((size_t)64 << 10)
#define PLAN_MAX_INT INT64_C(1000000000000)
#define PLAN_MAX_NODES 4000000 /* a 100,000-task plan has ~1.2 million */
#define PLAN_MAX_WARNINGS 100

struct warning {
	int line, col;
	size_t seq;
	const char *text; /* in ctx.doc.pool */
};

struct ctx {
	struct ydoc doc; /* the node tree; its pool also holds warnings and joined values */
	struct plan *p;
	int32_t start, shift;
	const struct ynode **depends; /* per task: its depends list or NULL */
	struct warning *warn;
	size_t nwarn, warncap;
};

/* Errors at line:col or at a node: mu_fail(MU_DATA, "FILE:LINE:COL: ...")
 * and return MU_DATA. */
#define pl_err(c, line, col, ...) ydoc_err(&(c)->doc, (line), (col), __VA_ARGS__)
#define nerr(c, nd, ...) ydoc_nerr(&(c)->doc, (nd), __VA_ARGS__)
/* diag.c: a warning at line:col, kept until the parse succeeds; then the
 * warnings go to c->p->warnings in file order. */
void pl_warn(struct ctx *c, int line, int col, const char *fmt, ...) MU_PRINTF(4, 5);
void pl_flush_warnings(struct ctx *c);

/* The shared typed values (muster/yamldoc.h) on the plan's document, text
 * copied into the plan's pool. */
#define pl_need_scalar(c, v, field) ydoc_need_scalar(&(c)->doc, (v), (field))
#define pl_get_str(c, v, field, multiline, out) \
	ydoc_get_text(&(c)->doc, (v), (field), (multiline), &(c)->p->pool, (out))
#define pl_get_required(c, map, v, field, what, out) \
	ydoc_get_required(&(c)->doc, (map), (v), (field), (what), &(c)->p->pool, (out))
#define pl_get_enum(c, v, field, allowed, expect, out) \
	ydoc_get_enum(&(c)->doc, (v), (field), (allowed), (expect), &(c)->p->pool, (out))
#define pl_get_num(c, v, field, share, out) ydoc_get_num(&(c)->doc, (v), (field), (share), (out))
#define pl_get_int(c, v, field, def, out) \
	ydoc_get_int(&(c)->doc, (v), (field), (def), PLAN_MAX_INT, (out))
#define pl_get_bool(c, v, field, out) ydoc_get_bool(&(c)->doc, (v), (field), (out))
#define pl_get_seq(c, v, field, first, n) ydoc_get_seq(&(c)->doc, (v), (field), (first), (n))
/* values.c */
int pl_get_date(struct ctx *c, const struct ynode *v, const char *field, char out[11]);

/* fields.c: ydoc_fields with the comma continuation of text values */
int pl_fields(struct ctx *c, const struct ynode *map, const char *what, const char *const *keys,
	      const struct ynode **v);

/* refs.c: sorted key indexes, duplicates and lookups in O(n log n) */
struct kref {
	const char *k;
	size_t i;
	const struct ynode *node;
};
struct kindex {
	struct kref *v;
	size_t n;
};
struct indexes {
	struct kindex roles, phases, people, tasks, tkeys; /* tkeys: tasks by key */
	struct kindex strays; /* task owners missing from people */
};
void pl_kindex_add(struct kindex *ix, const char *k, size_t i, const struct ynode *node);
int pl_kindex_sort(struct ctx *c, struct kindex *ix, const char *what);
const struct kref *pl_kindex_find(const struct kindex *ix, const char *k, size_t *count);
void pl_indexes_free(struct indexes *x);
int pl_check_ref(struct ctx *c, const struct kindex *ix, const struct ynode *v, const char *s,
		 const char *what, const char *list);
int pl_resolve_depends(struct ctx *c, struct indexes *ix);

#endif
