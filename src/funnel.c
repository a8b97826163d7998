/* Funnel maths: the backward decomposition from a goal, the forward check
 * of a plan's stages, pace against elapsed time, spend, ROI.  Pure: no I/O,
 * no SQL, no clock (the caller passes today).  Definitions in funnel.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/date.h"
#include "muster/err.h"
#include "muster/funnel.h"
#include "muster/xalloc.h"

/* Whole people: round up, but treat values within 1e-9 (relative) of a
 * whole number as that number (1050 / 0.7 = 1500.0000000000002). */
static double whole_up(double x)
{
	double r = round(x);
	if (fabs(x - r) <= 1e-9 * fmax(1.0, fabs(x)))
		return r;
	return ceil(x);
}

int funnel_backward(double goal, const double *rates, size_t nrates, double ctr, double cpm,
		    double price, struct funnel_plan *out)
{
	memset(out, 0, sizeof *out);
	out->exposures = out->budget = out->gmv = NAN;
	if (isnan(goal) || isinf(goal) || goal < 0)
		return mu_fail(MU_USAGE, "goal must be a number of 0 or more");
	if (goal > 1e15)
		return mu_fail(MU_USAGE, "goal is too large");
	if (nrates + 1 > FUNNEL_MAX_STAGES)
		return mu_fail(MU_USAGE, "too many rates (at most %d stages)", FUNNEL_MAX_STAGES);
	for (size_t i = 0; i < nrates; i++) {
		double r = rates[i];
		if (isnan(r) || r < 0 || r > 1)
			return mu_fail(MU_USAGE, "rate %zu must be a share between 0 and 1 (0.15 or 15%%)", i + 1);
		if (r == 0)
			return mu_fail(MU_USAGE, "rate %zu is 0: nobody would reach the next stage; "
						 "give a rate above 0", i + 1);
	}
	if (!isnan(ctr) && (ctr <= 0 || ctr > 1))
		return mu_fail(MU_USAGE, "click rate must be a share above 0 and at most 1 (0.03 or 3%%)");
	if (!isnan(cpm) && (cpm < 0 || isinf(cpm)))
		return mu_fail(MU_USAGE, "CPM must be 0 or more");
	if (!isnan(price) && (price < 0 || isinf(price)))
		return mu_fail(MU_USAGE, "unit price must be 0 or more");

	out->n = nrates + 1;
	out->stage[nrates] = whole_up(goal);
	for (size_t i = nrates; i-- > 0;) {
		double v = whole_up(out->stage[i + 1] / rates[i]);
		if (v > 1e15)
			return mu_fail(MU_USAGE, "stage %zu would need more than 10^15 people; check the rates", i + 1);
		out->stage[i] = v;
	}
	if (!isnan(ctr))
		out->exposures = out->stage[0] / ctr;
	if (!isnan(cpm) && !isnan(out->exposures))
		out->budget = out->exposures / 1000.0 * cpm;
	if (!isnan(price))
		out->gmv = goal * price;
	return MU_OK;
}

size_t funnel_check(const double *target, const double *rate, size_t n, double *expected,
		    bool *flagged)
{
	size_t nflag = 0;
	for (size_t i = 0; i < n; i++) {
		expected[i] = NAN;
		flagged[i] = false;
		if (i == 0 || isnan(target[i - 1]) || isnan(rate[i - 1]))
			continue;
		expected[i] = target[i - 1] * rate[i - 1];
		if (isnan(target[i]))
			continue;
		double diff = fabs(target[i] - expected[i]);
		if (diff > 1.0 && diff > 0.01 * fmax(fabs(target[i]), fabs(expected[i]))) {
			flagged[i] = true;
			nflag++;
		}
	}
	return nflag;
}

double funnel_time_share(int32_t start, int32_t end, int32_t today)
{
	if (start == DATE_NONE || end == DATE_NONE || end < start)
		return NAN;
	if (today < start)
		return 0.0;
	if (today > end)
		return 1.0;
	return (double)(today - start + 1) / (double)(end - start + 1);
}

double funnel_pace(double actual, double target, double share)
{
	if (isnan(actual) || isnan(target) || isnan(share) || target <= 0 || share <= 0)
		return NAN;
	return actual / (target * share) - 1.0;
}

enum funnel_state funnel_pace_state(double pace)
{
	if (isnan(pace))
		return FUNNEL_NONE;
	if (pace >= FUNNEL_AT_RISK_BELOW)
		return FUNNEL_ON_TRACK;
	if (pace >= FUNNEL_BEHIND_BELOW)
		return FUNNEL_AT_RISK;
	return FUNNEL_BEHIND;
}

const char *funnel_state_name(enum funnel_state s)
{
	switch (s) {
	case FUNNEL_ON_TRACK:
		return "on track";
	case FUNNEL_AT_RISK:
		return "at risk";
	case FUNNEL_BEHIND:
		return "behind";
	default:
		return "";
	}
}

void funnel_pace_text(double pace, char *buf, size_t n)
{
	if (!n)
		return;
	buf[0] = '\0';
	if (isnan(pace))
		return;
	double pct = fabs(pace) * 100.0;
	if (pct < 0.5)
		snprintf(buf, n, "on pace");
	else if (pct >= 1e6)
		snprintf(buf, n, "%s >999999 %%", pace > 0 ? "ahead" : "behind");
	else
		snprintf(buf, n, "%s %.0f %%", pace > 0 ? "ahead" : "behind", pct);
}

double funnel_roi(double revenue, double cost)
{
	if (isnan(revenue) || isnan(cost) || cost == 0)
		return NAN;
	return (revenue - cost) / cost;
}

double funnel_io_ratio(double revenue, double cost)
{
	if (isnan(revenue) || isnan(cost) || cost == 0)
		return NAN;
	return revenue / cost;
}

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
