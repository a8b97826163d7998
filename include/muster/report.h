/* Exports of one event for people and other programs (SPEC §3 export):
 *   md   the review report: goal and objective, target vs actual vs
 *        completion per stage, budget variance, ROI, late tasks, materials
 *        never ready, causes and lessons, and the timeline as a Mermaid
 *        gantt block;
 *   csv  tasks and items (RFC 4180, CRLF), spreadsheet formulas neutralised;
 *   ics  phases, milestones (the event, item due dates) and due tasks as
 *        all-day iCalendar events (RFC 5545: CRLF, folding, TEXT escaping).
 * Each appends to out and returns MU_OK or the model's error.  Nothing here
 * reads the clock except report_dtstamp(). */
#ifndef MUSTER_REPORT_H
#define MUSTER_REPORT_H
#include <stddef.h>
#include <stdint.h>
#include "muster/board.h"
#include "muster/xalloc.h"

/* today: the report date (date_today()); late tasks are those due before it. */
int report_markdown(struct board *b, int64_t event, int32_t today, struct strbuf *out);
int report_csv(struct board *b, int64_t event, struct strbuf *out);
/* dtstamp: "YYYYMMDDTHHMMSSZ" (report_dtstamp()). */
int report_ics(struct board *b, int64_t event, const char *dtstamp, struct strbuf *out);

/* For `export --format`: "md" (report date = date_today()), "csv" or "ics"
 * (DTSTAMP = report_dtstamp()); MU_USAGE for any other format. */
int report_export(struct board *b, int64_t event, const char *format, struct strbuf *out);

/* The DTSTAMP of an export: $SOURCE_DATE_EPOCH (seconds) when set, else
 * $MUSTER_TODAY at 00:00:00Z when set, else now (UTC). */
void report_dtstamp(char out[17]);

/* ---- pieces, exposed for the tests ---- */

/* One CSV field: quoted when it holds , " CR LF or edge blanks; a text that
 * starts with = + - @ TAB or CR gets a leading ' so spreadsheets show it
 * instead of evaluating it. */
void report_csv_cell(struct strbuf *out, const char *s);
/* RFC 5545 TEXT: \ ; , escaped, newline as \n, other controls dropped. */
void report_ics_text(struct strbuf *out, const char *s);
/* One content line folded at 75 octets (never inside a UTF-8 character),
 * continuation lines starting with a space, each ending in CRLF. */
void report_ics_line(struct strbuf *out, const char *line, size_t len);

#endif
