/* The funnel view of one event (funnel.h's funnel_view_build): its stages
 * and budget lines, as the model returns them, turned into funnel.c's maths
 * for a screen or a report.  Pure like funnel.c: no I/O, no SQL, no clock;
 * it only reads the model's row structs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/date.h"
#include "muster/event.h"
#include "muster/funnel.h"
#include "muster/metric.h"
#include "muster/xalloc.h"

static bool money_stage(const char *name)
{
	return !strcasecmp(name, "gmv") || !strcasecmp(name, "revenue") || !strcasecmp(name, "sales");
}

void funnel_view_build(const struct event *ev, const struct metric_list *ml, int32_t today,
		       struct funnel_view *out)
{
	memset(out, 0, sizeof *out);
	int32_t start = DATE_NONE, end = DATE_NONE;
	if (ev->start[0])
		date_parse_iso(ev->start, &start);
	if (ev->end[0])
		date_parse_iso(ev->end, &end);
	else
		end = start;
	out->time_share = funnel_time_share(start, end, today);
	out->days_to_start = start == DATE_NONE ? 0 : start - today;

	size_t n = 0;
	for (size_t i = 0; i < ml->n; i++)
		n += ml->v[i].kind == METRIC_STAGE;
	out->rows = n ? xcalloc(n, sizeof *out->rows) : NULL;
	double *target = n ? xcalloc(n, sizeof *target) : NULL;
	double *rate = n ? xcalloc(n, sizeof *rate) : NULL;
	double *expected = n ? xcalloc(n, sizeof *expected) : NULL;
	bool *flagged = n ? xcalloc(n, sizeof *flagged) : NULL;
	double planned = 0, spent = 0;
	bool any_planned = false;
	for (size_t i = 0; i < ml->n; i++) {
		const struct metric *m = &ml->v[i];
		if (m->kind == METRIC_BUDGET) {
			if (!isnan(m->target)) {
				planned += m->target;
				any_planned = true;
			}
			if (!isnan(m->actual))
				spent += m->actual;
			continue;
		}
		target[out->nrows] = m->target;
		rate[out->nrows] = m->rate;
		out->rows[out->nrows++].m = m;
	}
	out->nflagged = n ? funnel_check(target, rate, n, expected, flagged) : 0;
	out->pace = NAN;
	for (size_t i = 0; i < n; i++) {
		struct funnel_row *r = &out->rows[i];
		const struct metric *m = r->m;
		r->completion = isnan(m->target) || m->target == 0 ? NAN : m->actual / m->target;
		r->expected = expected[i];
		r->flagged = flagged[i];
		r->pace = funnel_pace(m->actual, m->target, out->time_share);
		r->state = funnel_pace_state(r->pace);
		if (!isnan(m->target))
			out->pace = r->pace;
	}
	out->state = funnel_pace_state(out->pace);

	out->planned = any_planned ? planned : NAN;
	out->budget = !isnan(ev->budget) ? ev->budget : out->planned;
	out->spent = spent;
	out->spend_share = isnan(out->budget) || out->budget == 0 ? NAN : spent / out->budget;

	out->revenue = NAN;
	if (n && !isnan(ev->unit_price)) {
		out->revenue_from = FUNNEL_REVENUE_PRICE;
		out->revenue = out->rows[n - 1].m->actual * ev->unit_price;
	} else {
		for (size_t i = 0; i < n; i++) {
			if (money_stage(out->rows[i].m->name)) {
				out->revenue_from = FUNNEL_REVENUE_STAGE;
				out->revenue = out->rows[i].m->actual;
				break;
			}
		}
	}
	out->roi = funnel_roi(out->revenue, spent);
	out->io_ratio = funnel_io_ratio(out->revenue, spent);
	free(target);
	free(rate);
	free(expected);
	free(flagged);
}

void funnel_view_free(struct funnel_view *v)
{
	free(v->rows);
	memset(v, 0, sizeof *v);
}
