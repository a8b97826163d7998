/* Unit tests of review notes: add/edit/remove each write one audit row,
 * stage checks, factor names, funnel ordering, no-op edits, and the
 * migration from a schema-1 board. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/board.h"
#include "muster/err.h"
#include "muster/log.h"
#include "muster/planio.h"
#include "muster/review.h"

static char dir[64], path[128];

static const char plan_yaml[] =
	"event: {name: Review me, start: 2026-10-01, end: 2026-10-03}\n"
	"metrics:\n  funnel:\n    - {stage: visitors, target: 2000, rate: 0.1}\n"
	"    - {stage: buyers, target: 200}\n  budget:\n    - {line: print, planned: 800}\n";

static int setup(void **state)
{
	strcpy(dir, "/tmp/muster-review.XXXXXX");
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

static int64_t import(struct board *b)
{
	struct plan p;
	assert_int_equal(plan_parse_buffer("t.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p), MU_OK);
	int64_t ev;
	assert_int_equal(plan_import(b, &p, &ev), MU_OK);
	plan_free(&p);
	return ev;
}

static size_t log_rows(struct board *b)
{
	struct log_list l;
	struct log_query q = {0};
	assert_int_equal(log_query(b, &q, &l), MU_OK);
	size_t n = l.n;
	log_list_free(&l);
	return n;
}

static void factors(void **state)
{
	(void)state;
	enum review_factor f;
	assert_int_equal(review_factor_parse("controllable", &f), MU_OK);
	assert_int_equal(f, REVIEW_CONTROLLABLE);
	assert_int_equal(review_factor_parse("semi", &f), MU_OK);
	assert_int_equal(f, REVIEW_SEMI_CONTROLLABLE);
	assert_int_equal(review_factor_parse("uncontrollable", &f), MU_OK);
	assert_int_equal(review_factor_parse("", &f), MU_OK);
	assert_int_equal(f, REVIEW_FACTOR_NONE);
	assert_int_equal(review_factor_parse("bad luck", &f), MU_USAGE);
	assert_string_equal(review_factor_name(REVIEW_SEMI_CONTROLLABLE), "semi-controllable");
}

static void add_edit_remove(void **state)
{
	struct board *b = *state;
	int64_t ev = import(b), a, c, d;
	size_t logs = log_rows(b);
	struct review_fields f = REVIEW_FIELDS_INIT;
	f.stage = "buyers", f.cause = "Checkout broke; 2 hours down", f.factor = REVIEW_CONTROLLABLE;
	assert_int_equal(review_add(b, ev, &f, &a), MU_OK);
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.stage = "", f.lesson = "Keep a plan B\nfor rain";
	assert_int_equal(review_add(b, ev, &f, &c), MU_OK);
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.stage = "visitors", f.cause = "Rain", f.factor = REVIEW_UNCONTROLLABLE;
	assert_int_equal(review_add(b, ev, &f, &d), MU_OK);
	assert_int_equal(log_rows(b), logs + 3);

	struct review_list l;
	assert_int_equal(review_list(b, ev, &l), MU_OK);
	assert_int_equal(l.n, 3); /* funnel order: visitors, buyers, event */
	assert_string_equal(l.v[0].stage, "visitors");
	assert_string_equal(l.v[1].stage, "buyers");
	assert_int_equal(l.v[1].factor, REVIEW_CONTROLLABLE);
	assert_string_equal(l.v[2].stage, "");
	assert_string_equal(l.v[2].lesson, "Keep a plan B\nfor rain");
	review_list_free(&l);

	/* errors change nothing */
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.stage = "likes", f.cause = "x";
	assert_int_equal(review_add(b, ev, &f, NULL), MU_DATA);
	assert_non_null(strstr(mu_errmsg(), "no stage \"likes\""));
	f.stage = "buyers", f.cause = NULL;
	assert_int_equal(review_add(b, ev, &f, NULL), MU_USAGE);
	f.cause = "bad\x1b[2J";
	assert_int_equal(review_add(b, ev, &f, NULL), MU_DATA);
	f.cause = "x";
	assert_int_equal(review_add(b, 999, &f, NULL), MU_DATA);
	assert_int_equal(log_rows(b), logs + 3);

	/* edit: one audit row; an unchanged edit writes none */
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.factor = REVIEW_SEMI_CONTROLLABLE, f.lesson = "Load-test checkout";
	assert_int_equal(review_edit(b, a, &f), MU_OK);
	assert_int_equal(log_rows(b), logs + 4);
	assert_int_equal(review_edit(b, a, &f), MU_OK);
	assert_int_equal(log_rows(b), logs + 4);
	struct review r;
	struct pool pool = {0};
	assert_int_equal(review_get(b, a, &r, &pool), MU_OK);
	assert_int_equal(r.factor, REVIEW_SEMI_CONTROLLABLE);
	assert_string_equal(r.cause, "Checkout broke; 2 hours down");
	assert_string_equal(r.lesson, "Load-test checkout");
	pool_free(&pool);
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.factor = REVIEW_FACTOR_NONE;
	assert_int_equal(review_edit(b, a, &f), MU_OK);
	assert_int_equal(review_get(b, a, &r, &pool), MU_OK);
	assert_int_equal(r.factor, REVIEW_FACTOR_NONE);
	pool_free(&pool);
	f = (struct review_fields)REVIEW_FIELDS_INIT;
	f.stage = "nope";
	assert_int_equal(review_edit(b, a, &f), MU_DATA);
	f.stage = NULL, f.cause = "", f.lesson = "";
	assert_int_equal(review_edit(b, a, &f), MU_USAGE);
	assert_int_equal(review_edit(b, 999, &f), MU_DATA);

	size_t before = log_rows(b);
	assert_int_equal(review_remove(b, c), MU_OK);
	assert_int_equal(log_rows(b), before + 1);
	assert_int_equal(review_remove(b, c), MU_DATA);
	assert_int_equal(review_list(b, ev, &l), MU_OK);
	assert_int_equal(l.n, 2);
	review_list_free(&l);
	(void)d;
}

static void migrates_a_schema_1_board(void **state)
{
	struct board *b = *state;
	import(b);
	board_close(b);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "DROP TABLE review; DROP TABLE setting; DROP TABLE trash;"
					   " DROP TABLE session; DROP INDEX log_entity; DROP INDEX log_actor;"
					   " DROP INDEX log_undoes; DROP TABLE kiosk; ALTER TABLE log DROP COLUMN account;"
					   " ALTER TABLE log DROP COLUMN undoes; ALTER TABLE item DROP COLUMN ready_before;"
					   " PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(board_open(&b, path, "alice", 0), MU_OK);
	*state = b;
	struct review_fields f = REVIEW_FIELDS_INIT;
	f.cause = "works after the upgrade";
	int64_t id;
	assert_int_equal(review_add(b, 1, &f, &id), MU_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(factors),
		cmocka_unit_test_setup_teardown(add_edit_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(migrates_a_schema_1_board, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
