/* Funnel maths (SPEC §1), pure functions without I/O or SQL: the target
 * decomposition worked backwards from a goal, the forward check of a plan's
 * stages, pace against elapsed time, spend against budget, ROI.
 *
 * For a screen or a report the one call is funnel_view_build(): it takes an
 * event and its metric_list (from metric_list()) and today's day number
 * (date_today()) and fills one row per stage plus the money summary. */
#ifndef MUSTER_FUNNEL_H
#define MUSTER_FUNNEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The model's rows funnel_view_build() reads (muster/event.h, metric.h):
 * declared, not included, so that the maths does not pull in the model. */
struct event;
struct metric;
struct metric_list;

#define FUNNEL_MAX_STAGES 32

/* ---- backward decomposition ---------------------------------------------
 * goal = people in the last stage; rates[i] = share of stage i that converts
 * into stage i+1 (0 < rate <= 1).  stage[n-1] = goal, stage[i] =
 * stage[i+1] / rates[i], each rounded up to a whole person (rounding down
 * would miss the goal), with a 1e-9 tolerance for floating point so that
 * 1050 / 0.7 is 1500, not 1501.  ctr (0 < ctr <= 1), cpm (>= 0) and price
 * (>= 0) are optional: NAN leaves exposures / budget / gmv NAN.
 * exposures = stage[0] / ctr (not rounded), budget = exposures / 1000 * cpm,
 * gmv = goal * price.  Goal 0 is allowed (every number 0).
 * Errors: MU_USAGE with mu_errmsg() naming the bad input ("rate 2 is 0;
 * every stage must convert some share: give a rate above 0"). */
struct funnel_plan {
	size_t n;                        /* stages = nrates + 1 */
	double stage[FUNNEL_MAX_STAGES]; /* whole numbers, first stage first */
	double exposures, budget, gmv;   /* NAN when ctr / cpm / price absent */
};
int funnel_backward(double goal, const double *rates, size_t nrates, double ctr, double cpm,
		    double price, struct funnel_plan *out);

/* ---- forward check ---------------------------------------------------------
 * expected[i+1] = target[i] * rate[i].  A stage is flagged when its target
 * and the expected value differ by more than 1 % (and by more than one
 * whole unit, so rounding never flags).  expected[0] and stages whose
 * previous stage lacks a target or a rate get NAN (never flagged).
 * Returns how many stages are flagged. */
size_t funnel_check(const double *target, const double *rate, size_t n, double *expected,
		    bool *flagged);

/* ---- pace ------------------------------------------------------------------
 * Share of the event's time elapsed on day `today`, counting today as
 * elapsed ("where should we be by the end of today"): 0 before the start
 * day, (today - start + 1) / (end - start + 1) during, 1 from the day after
 * the end.  NAN when start or end is DATE_NONE or end < start. */
double funnel_time_share(int32_t start, int32_t end, int32_t today);

/* Pace = actual / (target * share) - 1: +0.06 is "ahead 6 %", -0.08
 * "behind 8 %".  NAN when there is nothing to compare yet: no target
 * (NAN or 0), share NAN or 0 (before the start). */
double funnel_pace(double actual, double target, double share);

/* Colour roles for a pace: on track from -5 %, at risk down to -15 %, behind
 * below; FUNNEL_NONE for NAN. */
enum funnel_state { FUNNEL_NONE, FUNNEL_ON_TRACK, FUNNEL_AT_RISK, FUNNEL_BEHIND };
#define FUNNEL_AT_RISK_BELOW (-0.05)
#define FUNNEL_BEHIND_BELOW (-0.15)
enum funnel_state funnel_pace_state(double pace);
const char *funnel_state_name(enum funnel_state s); /* "on track", "at risk", "behind", "" */

/* "ahead 6 %", "behind 8 %", "on pace" (|pace| < 0.5 %), "" for NAN;
 * writes at most n bytes (n >= 16 is always enough). */
void funnel_pace_text(double pace, char *buf, size_t n);

/* ---- money -----------------------------------------------------------------
 * ROI = (revenue - cost) / cost; input/output ratio = revenue / cost
 * ("1 : 3.5").  Both NAN when cost is 0 or either side is NAN. */
double funnel_roi(double revenue, double cost);
double funnel_io_ratio(double revenue, double cost);

/* ---- one call for screens and reports ----------------------------------- */

enum funnel_revenue_source {
	FUNNEL_REVENUE_NONE,  /* no unit price and no money stage: ROI unknown */
	FUNNEL_REVENUE_PRICE, /* last funnel stage's actual x event unit price */
	FUNNEL_REVENUE_STAGE, /* a stage named GMV / revenue / sales (no unit price) */
};

struct funnel_row {
	const struct metric *m; /* borrowed from the metric_list */
	double completion;      /* actual / target; NAN without a target */
	double expected;        /* previous target x previous rate; NAN */
	bool flagged;           /* target does not follow from the rates */
	double pace;            /* funnel_pace() of this stage */
	enum funnel_state state;
};

struct funnel_view {
	struct funnel_row *rows; /* funnel stages only, in order (allocated) */
	size_t nrows, nflagged;
	double time_share; /* funnel_time_share() of the event on today */
	int32_t days_to_start; /* start - today (> 0 before the start); 0 if no start */
	double pace;       /* pace of the goal: the last stage with a target */
	enum funnel_state state;
	double budget;      /* event budget, else the sum of planned budget lines */
	double planned;     /* sum of planned budget lines (NAN when none) */
	double spent;       /* sum of budget-line actuals */
	double spend_share; /* spent / budget (NAN without a budget) */
	enum funnel_revenue_source revenue_from;
	double revenue, roi, io_ratio; /* cost = spent */
};

/* Fills *out from an event and its metrics (stages, then budget lines, as
 * metric_list() returns them).  The rows point into ml: keep it alive while
 * the view is used.  Free with funnel_view_free(). */
void funnel_view_build(const struct event *ev, const struct metric_list *ml, int32_t today,
		       struct funnel_view *out);
void funnel_view_free(struct funnel_view *v);

#endif
