/* The board side of plans (src/model/planio.c, planio_load.c): a struct
 * plan (muster/plan.h) into the board and an event back out as one.  The
 * plan itself, YAML in and out, knows nothing of the board. */
#ifndef MUSTER_PLANIO_H
#define MUSTER_PLANIO_H
#include <stdint.h>
#include "muster/board.h"
#include "muster/plan.h"

/* Import is one transaction (all or nothing) with one audit row; the new
 * event's id goes to *event_id (unless NULL). */
int plan_import(struct board *b, const struct plan *p, int64_t *event_id);
/* The event as a plan (free with plan_free); MU_DATA "no event with id N". */
int plan_load(struct board *b, int64_t event, struct plan *out);

#endif
