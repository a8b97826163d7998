/* Field-level merge for the edit forms (issue 12): an edit writes only the
 * fields the user changed against the values the form opened with; a field
 * someone else changed meanwhile that the user left alone keeps their value;
 * only a field both changed, differently, comes back as a conflict with the
 * three values, for the form to ask keep mine / keep theirs. */
#ifndef MUSTER_MERGE_H
#define MUSTER_MERGE_H
#include <stdbool.h>
#include <stdint.h>
#include "muster/board.h"

#define MERGE_MAX 8

struct merge_field {
	const char *name;          /* the field: "title", "notes", "qty"... */
	char *base, *mine, *theirs; /* as the form opened it, the user's, now */
	bool keep_mine;            /* the caller's answer before merging again */
};

struct merge {
	struct merge_field f[MERGE_MAX];
	int n;       /* fields both changed */
	char *actor; /* the last one to change the record */
	char *at;    /* when, local time "HH:MM" */
};
void merge_free(struct merge *m);

/* ---- for src/model ---- */

/* Decide each of n fields: names[i] its audit key; base[i] and mine[i]
 * what the form opened with and what the user left (mine NULL = not
 * touched, base NULL = write it whatever is there); cur[i] the row now.
 * write[i] says which to write.  Both changed a field differently: it goes
 * into *m (when not NULL) and the result is MU_CONFLICT "eve changed the
 * notes of task #12 meanwhile (yours and theirs differ); nothing saved". */
int model_merge(struct board *b, const char *entity, int64_t id, int n, const char *const *names,
		const char *const *base, const char *const *mine, const char *const *cur, bool *write,
		struct merge *m);
/* The JSON array of the names written (for struct change.keys), allocated. */
char *model_merge_keys(int n, const char *const *names, const bool *write);

#endif
