/* Time as the system keeps it: a monotonic clock for timeouts and waits,
 * and the UTC timestamps of the audit log shown in local time. */
#ifndef MUSTER_CLOCK_H
#define MUSTER_CLOCK_H
#include <stdbool.h>
#include <stddef.h>

/* Milliseconds of CLOCK_MONOTONIC: only differences mean anything. */
long long clock_ms(void);

/* "2026-09-01T10:00:00.123Z" (UTC, as the audit log stores it; the
 * fraction and zone letter are not read) formatted in local time with
 * strftime's fmt into out (n bytes).  False, out untouched, when at is
 * NULL or does not start with such a time. */
bool clock_local_time(const char *at, const char *fmt, char *out, size_t n);

#endif
