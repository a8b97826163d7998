/* Private to src/report/: one event's rows gathered from the model for an
 * export (report_data_load), and the day number of a stored date.  The
 * exporters (markdown.c, csv.c, ics.c) read only this; report sits above
 * the model, beside cli/ and tui/, and nothing below includes it. */
#ifndef MUSTER_REPORT_DATA_H
#define MUSTER_REPORT_DATA_H
#include <stdint.h>
#include "muster/board.h"
#include "muster/date.h"
#include "muster/event.h"
#include "muster/item.h"
#include "muster/metric.h"
#include "muster/review.h"
#include "muster/task.h"

struct report_data {
	struct event ev;
	struct pool pool;
	struct metric_list metrics;
	struct phase_list phases;
	struct task_list tasks; /* by due date */
	struct item_list items;
	struct checklist_list lists;
	struct review_list reviews;
};

/* All of event's rows, or the model's error (nothing to free then). */
int report_data_load(struct board *b, int64_t event, struct report_data *d);
void report_data_free(struct report_data *d);

#endif
