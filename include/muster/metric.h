/* Metrics of an event: funnel stages (target, rate to the next stage,
 * actual) and budget lines (planned = target, spent = actual), each change
 * also kept as a sample for the history sparkline. */
#ifndef MUSTER_METRIC_H
#define MUSTER_METRIC_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

enum metric_kind { METRIC_STAGE, METRIC_BUDGET };

struct metric {
	int64_t id, event_id;
	enum metric_kind kind;
	char *name;
	double target, rate, actual; /* rate NAN when absent; target NAN when absent */
	int64_t position;
	double *history; /* last values, oldest first (only with history) */
	size_t nhistory;
};
struct metric_list {
	struct metric *v;
	size_t n, cap;
	struct pool pool;
};
/* Stages first, then budget lines.  history_len > 0 fills history. */
int metric_list(struct board *b, int64_t event, size_t history_len, struct metric_list *out);
void metric_list_free(struct metric_list *l);
/* By exact name (stage first, then budget line). */
int metric_find(struct board *b, int64_t event, const char *name, int64_t *id);
int metric_set(struct board *b, int64_t id, double value);
int metric_add(struct board *b, int64_t id, double delta);

#endif
