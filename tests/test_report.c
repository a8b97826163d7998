/* Unit tests of the exports: CSV cells (quoting, formula neutralising),
 * iCalendar TEXT escaping and 75-octet folding that never splits UTF-8,
 * and a whole ICS export of the sample promo checked by a small RFC 5545
 * reader written here (CRLF, line length, BEGIN/END, required properties). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/board.h"
#include "muster/err.h"
#include "muster/planio.h"
#include "muster/report.h"
#include "muster/utf8.h"

static const char *cell(const char *s)
{
	static struct strbuf b = STRBUF_INIT;
	sb_reset(&b);
	report_csv_cell(&b, s);
	return sb_str(&b);
}

static void csv_cells(void **state)
{
	(void)state;
	assert_string_equal(cell("plain"), "plain");
	assert_string_equal(cell(""), "");
	assert_string_equal(cell("a,b"), "\"a,b\"");
	assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
	assert_string_equal(cell("=1+2"), "'=1+2");
	assert_string_equal(cell("+49 30"), "'+49 30");
	assert_string_equal(cell("-5 posters"), "'-5 posters");
	assert_string_equal(cell("@SUM(A1)"), "'@SUM(A1)");
	/* a tab is a space and a CR is dropped (no controls in a CSV), but a
	 * cell that started with either is still marked */
	assert_string_equal(cell("\tx"), "\"' x\"");
	assert_string_equal(cell("\rx"), "'x");
	assert_string_equal(cell("  =1+2"), "\"'  =1+2\"");
	assert_string_equal(cell("a\x1b[2Jb\xc2\x9b" "1m\xe2\x80\xae" "c\xe2\x81\xa6" "d\xe2\x80\xa8" "e"), "a[2Jb1mcde");
	assert_string_equal(cell("-5"), "'-5"); /* a text cell */
	struct strbuf n = STRBUF_INIT;
	report_csv_number(&n, "-5"); /* a number we formatted */
	assert_string_equal(sb_str(&n), "-5");
	sb_free(&n);
	assert_string_equal(cell("=HYPERLINK(\"u\",\"t\")"), "\"'=HYPERLINK(\"\"u\"\",\"\"t\"\")\"");
	assert_string_equal(cell(" pad"), "\" pad\"");
	assert_string_equal(cell("中秋 a=b"), "中秋 a=b");
}

static void ics_text(void **state)
{
	(void)state;
	struct strbuf b = STRBUF_INIT;
	report_ics_text(&b, "a\\b;c,d\ne\rf\x01g");
	assert_string_equal(sb_str(&b), "a\\\\b\\;c\\,d\\nefg");
	/* a tab is a space; bidi controls and U+2028 are dropped */
	sb_reset(&b);
	report_ics_text(&b, "x\ty\xe2\x80\xaez\xe2\x80\xa8w");
	assert_string_equal(sb_str(&b), "x yzw");
	sb_free(&b);
}

/* Every physical line ≤ 75 octets, ends in CRLF, and unfolding gives back
 * the input; no line starts or ends inside a UTF-8 sequence. */
static void check_fold(const char *in)
{
	struct strbuf b = STRBUF_INIT, un = STRBUF_INIT;
	report_ics_line(&b, in, strlen(in));
	const char *s = sb_str(&b);
	while (*s) {
		const char *e = strstr(s, "\r\n");
		assert_non_null(e);
		assert_true(e - s <= 75);
		assert_true(utf8_valid(s, (size_t)(e - s), NULL));
		if (s != sb_str(&b)) {
			assert_int_equal(*s, ' ');
			sb_addn(&un, s + 1, (size_t)(e - s - 1));
		} else {
			sb_addn(&un, s, (size_t)(e - s));
		}
		s = e + 2;
	}
	assert_string_equal(sb_str(&un), in);
	sb_free(&b);
	sb_free(&un);
}

static void ics_folding(void **state)
{
	(void)state;
	check_fold("SUMMARY:short");
	char line[400];
	memset(line, 'x', 75);
	line[75] = '\0';
	check_fold(line); /* exactly 75: no fold */
	struct strbuf b = STRBUF_INIT;
	report_ics_line(&b, line, 75);
	assert_string_equal(sb_str(&b) + 75, "\r\n");
	sb_free(&b);
	line[75] = 'y', line[76] = '\0';
	check_fold(line);
	/* 2-, 3- and 4-byte characters at every offset around the fold */
	const char *chars[] = {"é", "中", "😀"};
	for (int k = 0; k < 3; k++) {
		for (int pre = 60; pre < 80; pre++) {
			memset(line, 'a', (size_t)pre);
			line[pre] = '\0';
			for (int i = 0; i < 40; i++)
				strcat(line, chars[k]);
			check_fold(line);
		}
	}
}

/* ---- a whole export ---- */

static char dir[64], path[128];

static int setup(void **state)
{
	strcpy(dir, "/tmp/muster-report.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/board.db", dir);
	struct board *b;
	assert_int_equal(board_open(&b, path, "alice", BOARD_CREATE), MU_OK);
	*state = b;
	return 0;
}

static int teardown(void **state)
{
	board_close(*state);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int64_t import_sample(struct board *b, const char *file)
{
	char p[256];
	const char *root = getenv("ROOT");
	snprintf(p, sizeof p, "%s/sample-data/%s", root ? root : ".", file);
	struct plan pl;
	assert_int_equal(plan_parse_file(p, NULL, &pl), MU_OK);
	int64_t ev;
	assert_int_equal(plan_import(b, &pl, &ev), MU_OK);
	plan_free(&pl);
	return ev;
}

/* A small RFC 5545 reader: returns the number of VEVENTs; fails the test
 * on a bare LF, a line over 75 octets, unbalanced BEGIN/END, or a VEVENT
 * without UID, DTSTAMP, DTSTART (all-day: VALUE=DATE) and SUMMARY. */
static int ics_validate(const char *s)
{
	char stack[8][32];
	int depth = 0, events = 0;
	bool uid = false, stamp = false, start = false, summary = false, version = false, prodid = false;
	struct strbuf line = STRBUF_INIT;
	const char *p = s;
	assert_true(strncmp(s, "BEGIN:VCALENDAR\r\n", 17) == 0);
	while (*p) {
		const char *e = strstr(p, "\r\n");
		assert_non_null(e);
		assert_null(memchr(p, '\n', (size_t)(e - p))); /* no bare LF */
		assert_null(memchr(p, '\r', (size_t)(e - p)));
		assert_true(e - p <= 75);
		assert_true(utf8_valid(p, (size_t)(e - p), NULL));
		/* unfold */
		sb_reset(&line);
		sb_addn(&line, p, (size_t)(e - p));
		p = e + 2;
		while (*p == ' ' || *p == '\t') {
			e = strstr(p, "\r\n");
			assert_non_null(e);
			assert_true(e - p <= 75);
			sb_addn(&line, p + 1, (size_t)(e - p - 1));
			p = e + 2;
		}
		const char *l = sb_str(&line);
		assert_non_null(strchr(l, ':'));
		if (!strncmp(l, "BEGIN:", 6)) {
			assert_true(depth < 8);
			snprintf(stack[depth++], 32, "%s", l + 6);
			if (!strcmp(l + 6, "VEVENT"))
				uid = stamp = start = summary = false;
		} else if (!strncmp(l, "END:", 4)) {
			assert_true(depth > 0);
			assert_string_equal(stack[--depth], l + 4);
			if (!strcmp(l + 4, "VEVENT")) {
				assert_true(uid && stamp && start && summary);
				events++;
			}
		} else if (depth == 1) {
			version |= !strcmp(l, "VERSION:2.0");
			prodid |= !strncmp(l, "PRODID:", 7);
		} else if (depth == 2) {
			uid |= !strncmp(l, "UID:", 4);
			if (!strncmp(l, "DTSTAMP:", 8)) {
				stamp = true;
				assert_int_equal(strlen(l + 8), 16);
				assert_int_equal(l[8 + 15], 'Z');
			}
			if (!strncmp(l, "DTSTART", 7)) {
				start = true;
				assert_true(!strncmp(l, "DTSTART;VALUE=DATE:", 19) && strlen(l + 19) == 8);
			}
			if (!strncmp(l, "DTEND", 5))
				assert_true(!strncmp(l, "DTEND;VALUE=DATE:", 17) && strlen(l + 17) == 8);
			summary |= !strncmp(l, "SUMMARY:", 8);
		}
	}
	assert_int_equal(depth, 0);
	assert_true(version && prodid);
	sb_free(&line);
	return events;
}

static void ics_export_is_valid(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b, "mid-autumn-package-promo.yaml");
	struct strbuf o = STRBUF_INIT;
	assert_int_equal(report_ics(b, ev, "20260901T000000Z", &o), MU_OK);
	/* 1 event + 7 phases + 18 due tasks + 5 items with due dates */
	assert_int_equal(ics_validate(sb_str(&o)), 1 + 7 + 18 + 5);
	assert_non_null(strstr(sb_str(&o), "\r\nDTSTART;VALUE=DATE:20260910\r\nDTEND;VALUE=DATE:20260921\r\n"));
	assert_non_null(strstr(sb_str(&o), "DESCRIPTION:Bring lapsed regulars back with a 3-4 month package\\; 150k"));
	sb_free(&o);
	/* the community sample has CJK text */
	ev = import_sample(b, "community-group-campaign.yaml");
	assert_int_equal(report_ics(b, ev, "20260901T000000Z", &o), MU_OK);
	assert_true(ics_validate(sb_str(&o)) > 1);
	sb_free(&o);
}

static void csv_export_columns(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b, "mid-autumn-package-promo.yaml");
	struct strbuf o = STRBUF_INIT;
	assert_int_equal(report_csv(b, ev, &o), MU_OK);
	const char *s = sb_str(&o);
	const char *header = "kind,id,title,role,phase,checklist,owner,status,due,qty,ready,unit,notes\r\n";
	assert_true(!strncmp(s, header, strlen(header)));
	size_t rows = 0;
	for (const char *p = s; (p = strstr(p, "\r\n")); p += 2)
		rows++;
	assert_int_equal(rows, 1 + 18 + 10);
	assert_non_null(strstr(s, "\r\nitem,1,A2 posters,marketing,,Print & promo,,open,2026-08-31,50,0,pcs,\r\n"));
	sb_free(&o);
}

static void markdown_sections(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b, "platform-brand-festival.yaml");
	struct strbuf o = STRBUF_INIT;
	assert_int_equal(report_markdown(b, ev, 20000, &o), MU_OK);
	const char *s = sb_str(&o);
	const char *want[] = {"# Review: ", "## 1. Targets and actuals", "## Budget", "## 2–3. Causes",
			      "## 4. Lessons for the SOP", "## Late tasks", "## Materials never ready",
			      "```mermaid\ngantt\n", "dateFormat YYYY-MM-DD"};
	const char *at = s;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const char *f = strstr(at, want[i]);
		if (!f)
			fail_msg("missing %s", want[i]);
		at = f;
	}
	assert_true(o.len > 2 && !strcmp(s + o.len - 4, "```\n"));
	sb_free(&o);
	assert_int_equal(report_markdown(b, 999, 20000, &o), MU_DATA);
	sb_free(&o);
}

static void dtstamp_is_fixed_by_the_environment(void **state)
{
	(void)state;
	char d[17];
	setenv("SOURCE_DATE_EPOCH", "1788912000", 1);
	report_dtstamp(d);
	assert_string_equal(d, "20260909T000000Z");
	unsetenv("SOURCE_DATE_EPOCH");
	setenv("MUSTER_TODAY", "2026-09-25", 1);
	report_dtstamp(d);
	assert_string_equal(d, "20260925T000000Z");
	unsetenv("MUSTER_TODAY");
	report_dtstamp(d);
	assert_int_equal(strlen(d), 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_cells),
		cmocka_unit_test(ics_text),
		cmocka_unit_test(ics_folding),
		cmocka_unit_test(dtstamp_is_fixed_by_the_environment),
		cmocka_unit_test_setup_teardown(ics_export_is_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(csv_export_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(markdown_sections, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
