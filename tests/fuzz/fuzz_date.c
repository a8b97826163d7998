/* libFuzzer target for dates (src/util/date.c).  The input (up to 32 bytes)
 * is a date text; the first 4 bytes also pick an event start among the real
 * days 0001-01-01..9999-12-31 (what date_resolve is given), and the day
 * helpers get those bytes as any int32.  Oracles: a parsed ISO date formats
 * back to the same text; a relative date is within +-99999 days and T%+d of
 * it parses to the same offset; date_resolve agrees with both parsers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/date.h"

#define DAY_MIN (-719162) /* 0001-01-01 */
#define DAY_MAX 2932896   /* 9999-12-31 */

static void bad(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_date: %s: \"%s\"\n", what, s);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[33], out[11], again[16];
	int32_t day, off, res, raw = 0, start;
	int y, m, d;

	if (size > 32)
		return -1; /* dates are short: do not keep long inputs */
	memcpy(s, data, size);
	s[size] = '\0';
	if (size >= 4)
		memcpy(&raw, data, 4);
	start = DAY_MIN + (int32_t)((uint32_t)raw % (uint32_t)(DAY_MAX - DAY_MIN + 1));

	/* Day helpers on any int32. */
	date_ymd(raw, &y, &m, &d);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		bad("date_ymd out of range", s);
	if (date_weekday(raw) < 0 || date_weekday(raw) > 6)
		bad("weekday out of range", s);
	if (strlen(date_month_abbr(m)) != 3)
		bad("month abbreviation", s);
	date_format(raw, out);
	if (out[0] && (!date_parse_iso(out, &day) || day != raw))
		bad("formatted day does not parse back", out);

	bool iso = date_parse_iso(s, &day);
	if (iso) {
		if (day < DAY_MIN || day > DAY_MAX)
			bad("ISO day out of 0001..9999", s);
		date_format(day, out);
		if (strcmp(out, s) != 0)
			bad("ISO date does not format back to the same text", s);
	}
	bool rel = date_parse_rel(s, &off);
	if (rel) {
		if (iso)
			bad("both ISO and relative", s);
		if (off < -99999 || off > 99999)
			bad("relative offset out of range", s);
		int32_t off2;
		snprintf(again, sizeof again, "T%+d", (int)off);
		if (!date_parse_rel(again, &off2) || off2 != off)
			bad("relative offset does not round-trip", s);
	}
	bool ok = date_resolve(s, start, &res);
	if (ok != (iso || rel))
		bad("date_resolve disagrees with the parsers", s);
	if (iso && res != day)
		bad("date_resolve changed an ISO date", s);
	if (rel && res != start + off)
		bad("date_resolve: relative day is not start + offset", s);
	if (date_resolve(s, DATE_NONE, &res) != iso)
		bad("date_resolve without a start", s);
	return 0;
}
