/* Exports of one event for people and other programs (SPEC §3 export):
 *   md   the review report: goal and objective, target vs actual vs
 *        completion per stage, budget variance, ROI, late tasks, materials
 *        never ready, causes and lessons, and the timeline as a Mermaid
 *        gantt block;
 *   csv  tasks and items (RFC 4180, CRLF), spreadsheet formulas neutralised;
 *        no control characters in any of them (report_strip_controls);
 *   ics  phases, milestones (the event, item due dates) and due tasks as
 *        all-day iCalendar events (RFC 5545: CRLF, folding, TEXT escaping).
 * Each appends to out and returns MU_OK or the model's error.  Nothing here
 * reads the clock except report_dtstamp().  src/report/ sits above the model,
 * beside cli/ and tui/: it reads the board only through the model API. */
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

/* Text from the board in each format.  In all of them tab and newline are
 * a space (a newline is \n in ics and stays inside a quoted csv cell) and
 * every other control character, bidi control and line separator
 * (utf8_unsafe) is dropped. */
/* Markdown: one line, syntax characters ("|", "*", "<" ...) backslashed. */
void report_md_text(struct strbuf *out, const char *s);
/* A name in the Mermaid block: ':' ';' '#' as their full-width forms. */
void report_mermaid_text(struct strbuf *out, const char *s);
/* One CSV text field: quoted when it holds , " LF or edge blanks; a text
 * that starts with = + - @ TAB or CR (or = + - @ after blanks) gets a
 * leading ' so spreadsheets show it instead of evaluating it. */
void report_csv_cell(struct strbuf *out, const char *s);
/* A number we formatted ("-5", "12"): quoted as needed, never a formula. */
void report_csv_number(struct strbuf *out, const char *s);
/* RFC 5545 TEXT: \ ; , escaped, newline as \n, tab a space, other controls
 * dropped. */
void report_ics_text(struct strbuf *out, const char *s);
/* One content line folded at 75 octets (never inside a UTF-8 character),
 * continuation lines starting with a space, each ending in CRLF. */
void report_ics_line(struct strbuf *out, const char *line, size_t len);
/* The last pass over out[from..] of each export: no control character
 * left but the line ends (LF, CRLF); a tab becomes a space, every other
 * utf8_unsafe character (from a date or key stored by an old board, say)
 * is dropped. */
void report_strip_controls(struct strbuf *out, size_t from);

#endif
