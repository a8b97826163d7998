/* Unit tests for src/util/clock.c: the monotonic clock in milliseconds and
 * the audit log's UTC times shown in local time (fixed POSIX zones, no
 * time zone database needed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "muster/clock.h"

static void test_clock_ms(void **state)
{
	(void)state;
	long long t0 = clock_ms();
	struct timespec ts = {0, 30 * 1000000L};
	nanosleep(&ts, NULL);
	long long t1 = clock_ms();
	assert_true(t1 - t0 >= 29);
	assert_true(t1 - t0 < 10000);
	assert_true(clock_ms() >= t1);
}

static void with_zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void test_local_time(void **state)
{
	(void)state;
	char out[32];
	with_zone("UTC0");
	assert_true(clock_local_time("2026-09-01T10:00:00.123Z", "%Y-%m-%d %H:%M:%S", out, sizeof out));
	assert_string_equal(out, "2026-09-01 10:00:00");
	with_zone("XYZ-2"); /* two hours east of Greenwich */
	assert_true(clock_local_time("2026-09-01T10:00:00.123Z", "%Y-%m-%d %H:%M:%S", out, sizeof out));
	assert_string_equal(out, "2026-09-01 12:00:00");
	assert_true(clock_local_time("2026-12-31T23:30:05Z", "%m-%d %H:%M", out, sizeof out));
	assert_string_equal(out, "01-01 01:30"); /* the next day, and year */
	with_zone("XYZ+5");
	assert_true(clock_local_time("2026-03-01T02:00:00Z", "%m-%d %H:%M", out, sizeof out));
	assert_string_equal(out, "02-28 21:00");
	/* not a time: false, out untouched */
	strcpy(out, "kept");
	assert_false(clock_local_time(NULL, "%H", out, sizeof out));
	assert_false(clock_local_time("", "%H", out, sizeof out));
	assert_false(clock_local_time("2026-09-01", "%H", out, sizeof out));
	assert_false(clock_local_time("yesterday", "%H", out, sizeof out));
	assert_string_equal(out, "kept");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_ms),
		cmocka_unit_test(test_local_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
