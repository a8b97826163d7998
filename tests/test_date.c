/* Unit tests for src/util/date.c: ISO parsing, relative dates, calendar
 * arithmetic, weekdays, month names, the day of a stored date (date_day_of)
 * and the $MUSTER_TODAY override. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "muster/date.h"

static int32_t iso(const char *s)
{
	int32_t d = DATE_NONE;
	assert_true(date_parse_iso(s, &d));
	return d;
}

static void test_epoch(void **state)
{
	(void)state;
	assert_int_equal(iso("1970-01-01"), 0);
	assert_int_equal(iso("1970-01-02"), 1);
	assert_int_equal(iso("1969-12-31"), -1);
	assert_int_equal(iso("2000-03-01"), 11017);
	assert_int_equal(iso("2026-09-10"), 20706);
}

static void test_strict_iso(void **state)
{
	(void)state;
	int32_t d;
	const char *bad[] = {"2026-02-30", "2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10",
			     "2026-04-31", "2026-1-01",  "2026-01-1",  "26-01-01",   "2026/01/01",
			     "2026-01-01x", " 2026-01-01", "",         "0000-01-01", "2026-0a-01",
			     "2026-01-00", "T-14"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(date_parse_iso(bad[i], &d));
	assert_false(date_parse_iso(NULL, &d));
	assert_true(date_parse_iso("2024-02-29", &d));
	assert_true(date_parse_iso("2000-02-29", &d));
	assert_true(date_parse_iso("2026-12-31", &d));
	assert_true(date_parse_iso("0001-01-01", &d));
	assert_true(date_parse_iso("9999-12-31", &d));
}

static void test_format_roundtrip(void **state)
{
	(void)state;
	char buf[11];
	/* every day from 1600 to 2400 goes through ymd, format and back */
	for (int32_t d = iso("1600-01-01"); d <= iso("2400-12-31"); d++) {
		date_format(d, buf);
		assert_int_equal(iso(buf), d);
	}
	date_format(iso("2024-02-29"), buf);
	assert_string_equal(buf, "2024-02-29");
	date_format(DATE_NONE, buf);
	assert_string_equal(buf, "");
	int y, m, dd;
	date_ymd(iso("1999-12-31") + 1, &y, &m, &dd);
	assert_int_equal(y, 2000);
	assert_int_equal(m, 1);
	assert_int_equal(dd, 1);
}

static void test_relative(void **state)
{
	(void)state;
	int32_t off = 99;
	assert_true(date_parse_rel("T", &off));
	assert_int_equal(off, 0);
	assert_true(date_parse_rel("T+0", &off));
	assert_int_equal(off, 0);
	assert_true(date_parse_rel("T-0", &off));
	assert_int_equal(off, 0);
	assert_true(date_parse_rel("T-14", &off));
	assert_int_equal(off, -14);
	assert_true(date_parse_rel("T+2", &off));
	assert_int_equal(off, 2);
	assert_true(date_parse_rel("T+99999", &off));
	assert_int_equal(off, 99999);
	const char *bad[] = {"T14", "t-14", "T-", "T+", "T - 1", "T-1x", "T-1 ", "T+100000",
			     "T--1", "2026-01-01", "", "X-1", "T-999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(date_parse_rel(bad[i], &off));
	assert_false(date_parse_rel(NULL, &off));
}

static void test_resolve(void **state)
{
	(void)state;
	int32_t start = iso("2026-09-10"), d;
	char buf[11];
	assert_true(date_resolve("T-14", start, &d));
	date_format(d, buf);
	assert_string_equal(buf, "2026-08-27");
	assert_true(date_resolve("T+21", start, &d));
	date_format(d, buf);
	assert_string_equal(buf, "2026-10-01");
	assert_true(date_resolve("T", start, &d));
	assert_int_equal(d, start);
	assert_true(date_resolve("2026-01-05", start, &d));
	assert_int_equal(d, iso("2026-01-05"));
	assert_true(date_resolve("2026-01-05", DATE_NONE, &d));
	assert_false(date_resolve("T-1", DATE_NONE, &d));
	assert_false(date_resolve("soon", start, &d));
	/* across a leap day */
	assert_true(date_resolve("T+1", iso("2028-02-28"), &d));
	date_format(d, buf);
	assert_string_equal(buf, "2028-02-29");
}

static void test_weekday_month(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(iso("1970-01-01")), 3); /* Thursday */
	assert_int_equal(date_weekday(iso("2026-09-07")), 0); /* Monday */
	assert_int_equal(date_weekday(iso("2026-09-13")), 6); /* Sunday */
	assert_int_equal(date_weekday(iso("1969-12-29")), 0); /* Monday, before the epoch */
	assert_int_equal(date_weekday(iso("1900-01-01")), 0);
	assert_string_equal(date_month_abbr(1), "Jan");
	assert_string_equal(date_month_abbr(9), "Sep");
	assert_string_equal(date_month_abbr(12), "Dec");
	assert_string_equal(date_month_abbr(0), "???");
	assert_string_equal(date_month_abbr(13), "???");
}

/* The day of a stored date, or none: for "", NULL and what is not one. */
static void test_day_of(void **state)
{
	(void)state;
	assert_int_equal(date_day_of("2026-09-01"), iso("2026-09-01"));
	assert_int_equal(date_day_of("1970-01-01"), 0);
	assert_int_equal(date_day_of(""), DATE_NONE);
	assert_int_equal(date_day_of(NULL), DATE_NONE);
	assert_int_equal(date_day_of("2026-02-30"), DATE_NONE);
	assert_int_equal(date_day_of("T-14"), DATE_NONE);
}

static void test_today(void **state)
{
	(void)state;
	setenv("MUSTER_TODAY", "2026-09-01", 1);
	assert_int_equal(date_today(), iso("2026-09-01"));
	setenv("MUSTER_TODAY", "2026-02-30", 1); /* invalid: the real clock is used */
	int32_t t = date_today();
	assert_true(t > iso("2020-01-01"));
	unsetenv("MUSTER_TODAY");
	assert_true(date_today() - t <= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),		 cmocka_unit_test(test_strict_iso),
		cmocka_unit_test(test_format_roundtrip), cmocka_unit_test(test_relative),
		cmocka_unit_test(test_resolve),		 cmocka_unit_test(test_weekday_month),
		cmocka_unit_test(test_day_of),		 cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
