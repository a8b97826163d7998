/* A generator of large, realistic boards for benchmarks and smoke tests
 * (src/model/gen.c): events with roles, phases, people, tasks (English, CJK
 * and accented titles, owners, due dates, statuses, dependencies), material
 * checklists, funnel metrics and their history samples. */
#ifndef MUSTER_GEN_H
#define MUSTER_GEN_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/plan.h"

struct gen_opts {
	size_t events;  /* >= 1; tasks and items are split evenly over them */
	size_t tasks;   /* in all */
	size_t items;   /* in all */
	size_t samples; /* history samples per metric */
	uint64_t seed;  /* same seed, same board */
	int32_t today;  /* day number; the events are in progress around it */
};

/* The plan of event number index (0-based) of o, deterministic in o->seed.
 * Fill-and-free like any plan (plan_free). */
void gen_plan(const struct gen_opts *o, size_t index, struct plan *out);

/* History samples for every metric of the event, rising to its actual:
 * one transaction with one audit row. */
int gen_samples(struct board *b, int64_t event, size_t per_metric, uint64_t seed);

#endif
