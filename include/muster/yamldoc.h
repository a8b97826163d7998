/* One YAML document as a small tree of nodes that remember where they are
 * (src/yaml/): the one YAML reader of plans, themes and the config.  Errors
 * read "FILE:LINE:COL: message" (1-based) and go through mu_fail(MU_DATA).
 * Loading checks UTF-8, holds the caller's limits and refuses anchors,
 * aliases and a second document.  No <yaml.h> here. */
#ifndef MUSTER_YAMLDOC_H
#define MUSTER_YAMLDOC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/err.h"
#include "muster/xalloc.h"

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };
enum ystyle { YS_PLAIN, YS_SINGLE, YS_DOUBLE, YS_LITERAL, YS_FOLDED, YS_ANY };

struct ynode {
	enum ykind kind;
	enum ystyle style; /* scalars: as written */
	bool plain;	   /* plain scalar without an explicit tag */
	bool flow;	   /* a {...} mapping */
	int line, col;	   /* where the node starts */
	int end_line;	   /* scalars: the line where they end */
	size_t off, end;   /* scalars: byte offsets of their source text */
	const char *s;	   /* scalar text, NUL-terminated ("" for the others) */
	size_t len, n;	   /* n: children (a mapping holds key, value, key, ...) */
	struct ynode *kids, *last, *next;
};

struct ydoc_limits {
	const char *what; /* "plan": "more than N values in one plan", "only one plan per file" */
	int max_depth;	  /* levels of nesting */
	size_t max_scalar; /* bytes in one value */
	size_t max_nodes;  /* values in the document */
};

struct ydoc {
	const char *name, *buf; /* file name for messages; the source text */
	size_t len;
	const struct ydoc_limits *lim;
	struct pool pool;   /* nodes and their text; ydoc_free drops it */
	struct ynode *root; /* NULL for an empty stream */
	size_t mark_ci, mark_bi; /* a character index and its byte offset */
};

/* Reads buf (kept by reference: it must outlive *d) into d->root.  Returns
 * 0 or MU_DATA; ydoc_free is needed either way. */
int ydoc_load(struct ydoc *d, const char *name, const char *buf, size_t len,
	      const struct ydoc_limits *lim);
void ydoc_free(struct ydoc *d);

/* mu_fail(MU_DATA, "NAME:LINE:COL: ...") and return MU_DATA */
int ydoc_err(const struct ydoc *d, int line, int col, const char *fmt, ...) MU_PRINTF(4, 5);
#define ydoc_nerr(d, nd, ...) ydoc_err((d), (nd)->line, (nd)->col, __VA_ARGS__)

/* A value quoted in a message: at most ~60 bytes, cut on a UTF-8 boundary. */
struct yclip {
	char s[80];
};
struct yclip ydoc_clip(const char *s);

/* The nearest of cands[0..n) to s (edit distance under 3, ignoring the case
 * of s), or NULL: for "did you mean" hints. */
const char *ydoc_suggest(const char *s, const char *const *cands, size_t n);

/* Typed values (src/yaml/values.c).  Each returns 0 or an error (MU_DATA)
 * at the value's position; an absent value (NULL, or plain empty, ~, null)
 * gives NULL, NAN or the default.  Text is copied into *into. */
bool ydoc_is_null(const struct ynode *v);
const char *ydoc_kind_name(const struct ynode *v); /* "a mapping", "a list", "text" */
int ydoc_need_scalar(const struct ydoc *d, const struct ynode *v, const char *field);
/* Control characters are refused; multiline text may hold newlines and tabs. */
int ydoc_get_text(const struct ydoc *d, const struct ynode *v, const char *field, bool multiline,
		  struct pool *into, char **out);
/* Non-empty one-line text that must be there ("WHAT needs a FIELD"). */
int ydoc_get_required(const struct ydoc *d, const struct ynode *map, const struct ynode *v,
		      const char *field, const char *what, struct pool *into, char **out);
/* One of allowed[] (NULL-ended); expect lists them for the message. */
int ydoc_get_enum(const struct ydoc *d, const struct ynode *v, const char *field,
		  const char *const *allowed, const char *expect, struct pool *into, char **out);
/* A number >= 0; share: 0..1, and "15%" is read as 0.15. */
int ydoc_get_num(const struct ydoc *d, const struct ynode *v, const char *field, bool share,
		 double *out);
/* A whole number 0..max (def when absent). */
int ydoc_get_int(const struct ydoc *d, const struct ynode *v, const char *field, int64_t def,
		 int64_t max, int64_t *out);
/* 1 for true/yes/on, 0 for false/no/off (any case), -1 for anything else. */
int ydoc_bool_word(const char *s);
int ydoc_get_bool(const struct ydoc *d, const struct ynode *v, const char *field, bool *out);
/* The list (an empty one when absent) in *first (linked by next) and *n. */
int ydoc_get_seq(const struct ydoc *d, const struct ynode *v, const char *field,
		 const struct ynode **first, size_t *n);

/* Fields of a mapping (src/yaml/fields.c): checks that map is a mapping
 * whose keys are all in keys[] (NULL-ended), each at most once ("unknown
 * key "dew" in task (did you mean "due"?)"), and stores the value of
 * keys[i] in v[i] (NULL when missing).  join, when not NULL, is asked
 * about an unknown key *k in a {...} mapping that follows the value of
 * keys[prev]: it may take *k (and known-to-be-unknown keys after it, moving
 * *k to the last one taken) into v[prev] and set *taken; it returns 0 or
 * an error. */
typedef int ydoc_join_fn(void *arg, const char *const *keys, size_t nkeys, size_t prev,
			 const struct ynode **v, const struct ynode **k, bool *taken);
int ydoc_fields(const struct ydoc *d, const struct ynode *map, const char *what,
		const char *const *keys, const struct ynode **v, ydoc_join_fn *join, void *arg);
/* The index of s in keys[0..nkeys), or nkeys. */
size_t ydoc_key_index(const char *const *keys, size_t nkeys, const char *s);

#endif
