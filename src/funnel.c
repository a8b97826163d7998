/* Funnel maths: the backward decomposition from a goal, the forward check
 * of a plan's stages, pace against elapsed time, spend, ROI.  Pure: no I/O,
 * no SQL, no clock (the caller passes today), no model: the view of an
 * event built from the model's rows is funnel_view.c.  Definitions in funnel.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "muster/date.h"
#include "muster/err.h"
#include "muster/funnel.h"

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
