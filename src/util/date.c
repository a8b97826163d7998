/* Calendar arithmetic on day numbers (days since 1970-01-01) with the
 * proleptic Gregorian calendar: strict ISO dates, the relative "T-14" dates of
 * plans, weekdays and month names.  Pure integer maths; only date_today()
 * looks at the clock (and $MUSTER_TODAY). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "muster/priv.h"
#include "muster/date.h"

/* Relative offsets are limited so that start + offset never overflows and
 * stays a plausible calendar day (about 270 years either way). */
#define REL_MAX 99999

/* Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil). */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void date_ymd(int32_t day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = mm;
	*d = dd;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool date_parse_iso(const char *s, int32_t *day)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*day = days_from_civil(y, m, d);
	return true;
}

int32_t date_day_of(const char *s)
{
	int32_t d;
	return s && *s && date_parse_iso(s, &d) ? d : DATE_NONE;
}

void date_format(int32_t day, char out[11])
{
	int y, m, d;
	out[0] = '\0';
	if (day == DATE_NONE)
		return;
	date_ymd(day, &y, &m, &d);
	if (y < 1 || y > 9999) /* what date_parse_iso reads back */
		return;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

bool date_parse_rel(const char *s, int32_t *offset)
{
	if (!s || s[0] != 'T')
		return false;
	if (s[1] == '\0') {
		*offset = 0;
		return true;
	}
	if (s[1] != '+' && s[1] != '-')
		return false;
	const char *p = s + 2;
	int32_t v = 0;
	int n = 0;
	for (; *p; p++, n++) {
		if (*p < '0' || *p > '9' || n >= 5)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (n == 0 || v > REL_MAX)
		return false;
	*offset = s[1] == '-' ? -v : v;
	return true;
}

bool date_resolve(const char *s, int32_t start, int32_t *day)
{
	int32_t off;
	if (date_parse_iso(s, day))
		return true;
	if (!date_parse_rel(s, &off) || start == DATE_NONE)
		return false;
	*day = start + off;
	return true;
}

int date_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int64_t w = ((int64_t)day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

const char *date_month_abbr(int m)
{
	static const char *const names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	return m >= 1 && m <= 12 ? names[m - 1] : "???";
}

int32_t date_today(void)
{
	const char *fixed = mu_env("MUSTER_TODAY");
	int32_t day;
	if (fixed && date_parse_iso(fixed, &day))
		return day;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (int32_t)(now / 86400);
	return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
