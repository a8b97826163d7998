/* Unit tests of the funnel maths: the worked example of SPEC §1, edge cases
 * (zero rates, missing stages, goal 0), the forward check, pace at the
 * start, middle and end of an event, ROI, and the view the screen uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "muster/date.h"
#include "muster/err.h"
#include "muster/event.h"
#include "muster/funnel.h"
#include "muster/metric.h"

static void worked_example(void **state)
{
	(void)state;
	const double rates[] = {0.15, 0.40, 0.70};
	struct funnel_plan p;
	assert_int_equal(funnel_backward(1050, rates, 3, 0.03, 50, 150, &p), MU_OK);
	assert_int_equal(p.n, 4);
	assert_true(p.stage[0] == 25000);
	assert_true(p.stage[1] == 3750);
	assert_true(p.stage[2] == 1500);
	assert_true(p.stage[3] == 1050);
	assert_int_equal((long)round(p.exposures), 833333);
	assert_int_equal((long)round(p.budget), 41667);
	assert_true(p.gmv == 157500);
}

static void rounds_up_to_whole_people(void **state)
{
	(void)state;
	const double rates[] = {0.3};
	struct funnel_plan p;
	assert_int_equal(funnel_backward(100, rates, 1, NAN, NAN, NAN, &p), MU_OK);
	assert_true(p.stage[0] == 334); /* 333.33 would miss the goal */
	assert_true(isnan(p.exposures) && isnan(p.budget) && isnan(p.gmv));
	const double r2[] = {0.2, 0.04}; /* community sample: 20 deposits */
	assert_int_equal(funnel_backward(20, r2, 2, NAN, NAN, 299, &p), MU_OK);
	assert_true(p.stage[0] == 2500 && p.stage[1] == 500);
	assert_true(p.gmv == 5980);
}

static void zero_rate_is_an_error(void **state)
{
	(void)state;
	const double rates[] = {0.15, 0, 0.7};
	struct funnel_plan p;
	assert_int_equal(funnel_backward(1050, rates, 3, NAN, NAN, NAN, &p), MU_USAGE);
	assert_non_null(strstr(mu_errmsg(), "rate 2 is 0"));
	const double big[] = {1.5};
	assert_int_equal(funnel_backward(10, big, 1, NAN, NAN, NAN, &p), MU_USAGE);
	assert_non_null(strstr(mu_errmsg(), "rate 1 must be a share"));
	const double ok[] = {1.0};
	assert_int_equal(funnel_backward(10, ok, 1, 0, NAN, NAN, &p), MU_USAGE); /* ctr 0 */
	assert_non_null(strstr(mu_errmsg(), "click rate"));
	assert_int_equal(funnel_backward(-1, ok, 1, NAN, NAN, NAN, &p), MU_USAGE);
	assert_int_equal(funnel_backward(10, ok, 1, NAN, -5, NAN, &p), MU_USAGE);
	assert_int_equal(funnel_backward(10, ok, 1, NAN, NAN, -1, &p), MU_USAGE);
	const double tiny[] = {1e-9, 1e-9};
	assert_int_equal(funnel_backward(1e6, tiny, 2, NAN, NAN, NAN, &p), MU_USAGE);
}

static void goal_zero_and_no_rates(void **state)
{
	(void)state;
	const double rates[] = {0.15, 0.40, 0.70};
	struct funnel_plan p;
	assert_int_equal(funnel_backward(0, rates, 3, 0.03, 50, 150, &p), MU_OK);
	for (size_t i = 0; i < p.n; i++)
		assert_true(p.stage[i] == 0);
	assert_true(p.exposures == 0 && p.budget == 0 && p.gmv == 0);
	/* a single stage: the goal itself is the first stage */
	assert_int_equal(funnel_backward(500, NULL, 0, 0.02, 40, NAN, &p), MU_OK);
	assert_int_equal(p.n, 1);
	assert_true(p.stage[0] == 500 && p.exposures == 25000 && p.budget == 1000);
}

static void forward_check(void **state)
{
	(void)state;
	double t[] = {25000, 3750, 1500, 1050}, r[] = {0.15, 0.40, 0.70, NAN};
	double e[4];
	bool f[4];
	assert_int_equal(funnel_check(t, r, 4, e, f), 0);
	assert_true(isnan(e[0]) && e[1] == 3750 && e[3] == 1050);
	t[2] = 1800; /* does not follow from 3750 x 40 % */
	assert_int_equal(funnel_check(t, r, 4, e, f), 2);
	assert_true(f[2] && f[3] && !f[1]);
	/* missing stages: no target or no rate is never flagged */
	double t2[] = {NAN, 500, 20}, r2[] = {0.2, NAN, NAN};
	assert_int_equal(funnel_check(t2, r2, 3, e, f), 0);
	assert_true(isnan(e[1]) && isnan(e[2]));
	/* rounding within one unit is not a mismatch */
	double t3[] = {333, 100}, r3[] = {0.3, NAN};
	assert_int_equal(funnel_check(t3, r3, 2, e, f), 0);
}

static void pace_over_time(void **state)
{
	(void)state;
	int32_t s, e;
	assert_true(date_parse_iso("2026-09-10", &s));
	assert_true(date_parse_iso("2026-09-19", &e)); /* ten days */
	assert_true(funnel_time_share(s, e, s - 3) == 0);
	assert_true(isnan(funnel_pace(100, 1000, funnel_time_share(s, e, s - 3))));
	/* start: the first day counts as elapsed */
	assert_true(funnel_time_share(s, e, s) == 0.1);
	assert_true(fabs(funnel_pace(106, 1000, 0.1) - 0.06) < 1e-12);
	/* middle: 5 of 10 days, 460 of 1000 → behind 8 % */
	double mid = funnel_time_share(s, e, s + 4);
	assert_true(mid == 0.5);
	double p = funnel_pace(460, 1000, mid);
	assert_true(fabs(p + 0.08) < 1e-12);
	char buf[32];
	funnel_pace_text(p, buf, sizeof buf);
	assert_string_equal(buf, "behind 8 %");
	funnel_pace_text(0.06, buf, sizeof buf);
	assert_string_equal(buf, "ahead 6 %");
	funnel_pace_text(0.001, buf, sizeof buf);
	assert_string_equal(buf, "on pace");
	funnel_pace_text(NAN, buf, sizeof buf);
	assert_string_equal(buf, "");
	assert_int_equal(funnel_pace_state(p), FUNNEL_AT_RISK);
	assert_int_equal(funnel_pace_state(-0.2), FUNNEL_BEHIND);
	assert_int_equal(funnel_pace_state(0.06), FUNNEL_ON_TRACK);
	assert_int_equal(funnel_pace_state(-0.05), FUNNEL_ON_TRACK);
	/* end and after: the whole target is due */
	assert_true(funnel_time_share(s, e, e) == 1);
	assert_true(funnel_time_share(s, e, e + 30) == 1);
	assert_true(fabs(funnel_pace(900, 1000, 1) + 0.1) < 1e-12);
	/* no dates, zero target */
	assert_true(isnan(funnel_time_share(DATE_NONE, e, s)));
	assert_true(isnan(funnel_time_share(e, s, s)));
	assert_true(isnan(funnel_pace(5, 0, 0.5)));
	/* a one-day event */
	assert_true(funnel_time_share(s, s, s) == 1);
}

static void roi(void **state)
{
	(void)state;
	assert_true(fabs(funnel_roi(157500, 45000) - 2.5) < 1e-12);
	assert_true(fabs(funnel_io_ratio(157500, 45000) - 3.5) < 1e-12);
	assert_true(isnan(funnel_roi(1000, 0)));
	assert_true(isnan(funnel_roi(NAN, 10)));
	assert_true(funnel_roi(0, 100) == -1);
}

static void view_of_an_event(void **state)
{
	(void)state;
	struct event ev;
	memset(&ev, 0, sizeof ev);
	strcpy(ev.start, "2026-09-10");
	strcpy(ev.end, "2026-09-19");
	ev.budget = 45000;
	ev.unit_price = 150;
	ev.ctr = ev.cpm = NAN;
	struct metric m[] = {
		{.kind = METRIC_STAGE, .name = "acquisition", .target = 25000, .rate = 0.15, .actual = 12000},
		{.kind = METRIC_STAGE, .name = "activation", .target = 3750, .rate = 0.40, .actual = 1900},
		{.kind = METRIC_STAGE, .name = "retention", .target = 1600, .rate = 0.70, .actual = 700},
		{.kind = METRIC_STAGE, .name = "revenue", .target = 1050, .rate = NAN, .actual = 483},
		{.kind = METRIC_BUDGET, .name = "ads", .target = 41700, .rate = NAN, .actual = 20000},
		{.kind = METRIC_BUDGET, .name = "gifts", .target = 2300, .rate = NAN, .actual = 1000},
	};
	struct metric_list ml = {m, 6, 6, {0}};
	int32_t today;
	assert_true(date_parse_iso("2026-09-14", &today)); /* day 5 of 10 */
	struct funnel_view v;
	funnel_view_build(&ev, &ml, today, &v);
	assert_int_equal(v.nrows, 4);
	assert_int_equal(v.nflagged, 2); /* 1600 ≠ 3750 x 40 %, 1050 ≠ 1600 x 70 % */
	assert_true(v.rows[2].flagged && v.rows[3].flagged);
	assert_true(v.time_share == 0.5);
	assert_true(fabs(v.pace - (483.0 / 525 - 1)) < 1e-12); /* the goal: behind 8 % */
	assert_int_equal(v.state, FUNNEL_AT_RISK);
	assert_true(v.budget == 45000 && v.planned == 44000 && v.spent == 21000);
	assert_int_equal(v.revenue_from, FUNNEL_REVENUE_PRICE);
	assert_true(v.revenue == 483 * 150.0);
	assert_true(fabs(v.roi - (72450.0 - 21000) / 21000) < 1e-12);
	funnel_view_free(&v);

	/* without a unit price a stage named GMV carries the money */
	ev.unit_price = NAN;
	ev.budget = NAN;
	m[3].name = "GMV";
	funnel_view_build(&ev, &ml, today, &v);
	assert_int_equal(v.revenue_from, FUNNEL_REVENUE_STAGE);
	assert_true(v.revenue == 483 && v.budget == 44000);
	funnel_view_free(&v);
	m[3].name = "buyers";
	funnel_view_build(&ev, &ml, today, &v);
	assert_int_equal(v.revenue_from, FUNNEL_REVENUE_NONE);
	assert_true(isnan(v.roi));
	funnel_view_free(&v);

	/* no metrics at all */
	struct metric_list empty = {0};
	funnel_view_build(&ev, &empty, today, &v);
	assert_int_equal(v.nrows, 0);
	assert_true(isnan(v.pace) && isnan(v.budget) && isnan(v.spend_share));
	funnel_view_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worked_example),
		cmocka_unit_test(rounds_up_to_whole_people),
		cmocka_unit_test(zero_rate_is_an_error),
		cmocka_unit_test(goal_zero_and_no_rates),
		cmocka_unit_test(forward_check),
		cmocka_unit_test(pace_over_time),
		cmocka_unit_test(roi),
		cmocka_unit_test(view_of_an_event),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
