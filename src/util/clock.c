/* The clock (muster/clock.h): monotonic milliseconds for the busy handler
 * and the board's loop, and UTC audit-log times turned into local time for
 * `muster log` and the log screen. */
#include <stdio.h>
#include <time.h>
#include "muster/clock.h"

long long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool clock_local_time(const char *at, const char *fmt, char *out, size_t n)
{
	struct tm tm = {0};
	int y, mo, d, h, mi, s;
	if (!at || sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
		return false;
	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
	tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
	time_t t = timegm(&tm);
	struct tm lt;
	localtime_r(&t, &lt);
	strftime(out, n, fmt, &lt);
	return true;
}
