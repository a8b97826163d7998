/* Calendar dates as day numbers (days since 1970-01-01), ISO text, and the
 * relative dates of plans ("T-14", "T+2", "T" = the event start). */
#ifndef MUSTER_DATE_H
#define MUSTER_DATE_H
#include <stdbool.h>
#include <stdint.h>

#define DATE_NONE INT32_MIN

/* Strict "YYYY-MM-DD" with a real calendar day (leap years checked). */
bool date_parse_iso(const char *s, int32_t *day);
/* The day of s: DATE_NONE for NULL, "" or anything date_parse_iso refuses. */
int32_t date_day_of(const char *s);

/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void date_format(int32_t day, char out[11]);

/* "T-14" / "T+2" / "T+0" / "T" → *offset in days.  False if not relative. */
bool date_parse_rel(const char *s, int32_t *offset);

/* Either form: absolute dates return themselves; relative ones are added to
 * start (which must not be DATE_NONE for them).  False on anything else. */
bool date_resolve(const char *s, int32_t start, int32_t *day);

void date_ymd(int32_t day, int *y, int *m, int *d);
int date_weekday(int32_t day); /* 0 = Monday … 6 = Sunday */
const char *date_month_abbr(int m); /* 1..12 → "Jan".. */

/* Today in local time; $MUSTER_TODAY (YYYY-MM-DD) overrides it, so that
 * tests and demos see a fixed day. */
int32_t date_today(void);

#endif
