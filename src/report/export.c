/* What every export starts from: one event's rows read through the model
 * API (report_data.h), and `export --format NAME` dispatched to the
 * exporter of that format (markdown.c, csv.c, ics.c). */
#include <string.h>
#include "muster/report.h"
#include "report_data.h"

void report_data_free(struct report_data *d)
{
	pool_free(&d->pool);
	metric_list_free(&d->metrics);
	phase_list_free(&d->phases);
	task_list_free(&d->tasks);
	item_list_free(&d->items);
	checklist_list_free(&d->lists);
	review_list_free(&d->reviews);
}

int report_data_load(struct board *b, int64_t event, struct report_data *d)
{
	memset(d, 0, sizeof *d);
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = event;
	q.order = TASK_ORDER_DUE;
	int rc = event_get(b, event, &d->ev, &d->pool);
	if (!rc)
		rc = metric_list(b, event, 0, &d->metrics);
	if (!rc)
		rc = phase_list(b, event, &d->phases);
	if (!rc)
		rc = task_query(b, &q, &d->tasks);
	if (!rc)
		rc = item_query(b, event, 0, 0, 0, &d->items);
	if (!rc)
		rc = checklist_list(b, event, &d->lists);
	if (!rc)
		rc = review_list(b, event, &d->reviews);
	if (rc)
		report_data_free(d);
	return rc;
}

int report_export(struct board *b, int64_t event, const char *format, struct strbuf *out)
{
	char stamp[17];
	if (!strcmp(format, "md"))
		return report_markdown(b, event, date_today(), out);
	if (!strcmp(format, "csv"))
		return report_csv(b, event, out);
	if (!strcmp(format, "ics")) {
		report_dtstamp(stamp);
		return report_ics(b, event, stamp, out);
	}
	return mu_fail(MU_USAGE, "unknown format %s (yaml, md, csv or ics)", format);
}
