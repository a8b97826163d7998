/* `metric import FILE.csv`: actuals from another system as rows of
 * time,stage,value (a header row "time,stage,value" is optional; RFC 4180
 * quoting; UTF-8, an optional byte-order mark).  Each row is a reading of a
 * stage's (or budget line's) actual at that time: it becomes a sample with
 * that time, and each metric's actual becomes the value of its latest row.
 * Times: 2026-09-10, 2026-09-10T14:00[:SS] or with a space, local time, or
 * UTC with a trailing Z.  All rows or none, in one audited transaction. */
#ifndef MUSTER_METRIC_CSV_H
#define MUSTER_METRIC_CSV_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"

#define METRIC_CSV_MAX_BYTES ((size_t)4 << 20)

/* Errors: MU_DATA "FILE:LINE: message" for a bad row (nothing changed);
 * *rows (may be NULL) = rows imported. */
int metric_import_csv(struct board *b, int64_t event, const char *path, size_t *rows);
/* The same from a buffer; name is used in messages. */
int metric_import_csv_buffer(struct board *b, int64_t event, const char *name, const char *buf,
			     size_t len, size_t *rows);

#endif
