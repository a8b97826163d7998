/* The review of an event (SPEC §1, the four steps): step 1, targets vs
 * actuals, comes from the metrics; this module keeps steps 2-4 as notes,
 * one per variance: the funnel stage (or budget line, or "" for the event
 * as a whole), its cause, the factor type (controllable / semi-controllable /
 * uncontrollable) and the lesson for the SOP.  Each change is one audited
 * transaction, like every other model call. */
#ifndef MUSTER_REVIEW_H
#define MUSTER_REVIEW_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

enum review_factor {
	REVIEW_FACTOR_NONE, /* not classified yet */
	REVIEW_CONTROLLABLE,
	REVIEW_SEMI_CONTROLLABLE,
	REVIEW_UNCONTROLLABLE,
};
const char *review_factor_name(enum review_factor f); /* "", "controllable", ... */
/* "controllable", "semi-controllable" (also "semi"), "uncontrollable", ""
 * (none); MU_USAGE with the list of choices otherwise. */
int review_factor_parse(const char *s, enum review_factor *out);

struct review {
	int64_t id, event_id;
	char *stage; /* a metric name of the event, "" = the event as a whole */
	char *cause, *lesson;
	enum review_factor factor;
	int64_t position;
	char *updated_at;
};
struct review_list {
	struct review *v;
	size_t n, cap;
	struct pool pool;
};
/* Notes of an event in funnel order (stages, budget lines, then the event
 * as a whole), oldest first within a stage. */
int review_list(struct board *b, int64_t event, struct review_list *out);
void review_list_free(struct review_list *l);
int review_get(struct board *b, int64_t id, struct review *out, struct pool *pool);

/* NULL = unchanged (edit) / empty (add).  stage must name a metric of the
 * event (MU_DATA "no stage ... in this event") or be "".  factor < 0 =
 * unchanged (edit) / none (add). */
struct review_fields {
	const char *stage, *cause, *lesson;
	int factor;
};
#define REVIEW_FIELDS_INIT {NULL, NULL, NULL, -1}
/* An added note needs a cause or a lesson (MU_USAGE otherwise). */
int review_add(struct board *b, int64_t event, const struct review_fields *f, int64_t *id);
int review_edit(struct board *b, int64_t id, const struct review_fields *f);
int review_remove(struct board *b, int64_t id);

#endif
