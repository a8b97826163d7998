/* Unit tests of the board store: opening and migrating, each change with its
 * audit row, atomic quantities, lookups, errors, and plan import/export. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/board.h"
#include "muster/db.h"
#include "muster/err.h"
#include "muster/event.h"
#include "muster/item.h"
#include "muster/log.h"
#include "muster/metric.h"
#include "muster/planio.h"
#include "muster/task.h"

static char dir[64];
static char path[128];

static const char plan_yaml[] =
	"event: {name: \"Store opening 开业\", kind: promotion, start: 2026-10-01, end: 2026-10-03,"
	" budget: 9000, currency: EUR}\n"
	"roles:\n  - {key: pm, name: Project controller}\n  - {key: ops, name: Operations}\n"
	"people:\n  - {login: ana, name: Ana Pérez, roles: [pm], access: coordinator}\n"
	"  - {login: bob, roles: [ops], access: staff}\n"
	"  - {login: alice, access: coordinator}\n"
	"phases:\n  - {key: prep, name: Preparation, start: T-10, end: T-1}\n"
	"  - {key: climax, name: Opening days, start: T+0, end: T+2}\n"
	"tasks:\n  - {title: Book the DJ, phase: prep, role: pm, owner: ana, due: T-7}\n"
	"  - {title: \"Print \\\"flyers\\\"; -- 海报\", phase: prep, role: ops, owner: bob, due: T-3,"
	" depends: [Book the DJ]}\n"
	"  - {title: Open doors, phase: climax, role: ops, due: T+0, status: doing}\n"
	"checklists:\n  - name: Print\n    role: ops\n    items:\n"
	"      - {title: Posters, qty: 50, unit: pcs, due: T-2}\n"
	"      - {title: Balloons, qty: 200, unit: pcs}\n"
	"metrics:\n  unit_price: 20\n  funnel:\n    - {stage: visitors, target: 2000, rate: 0.1}\n"
	"    - {stage: buyers, target: 200}\n  budget:\n    - {line: print, planned: 800}\n";

static int setup(void **state)
{
	strcpy(dir, "/tmp/muster-model.XXXXXX");
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

static int64_t import_sample(struct board *b)
{
	struct plan p;
	assert_int_equal(plan_parse_buffer("t.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p), MU_OK);
	int64_t ev = 0;
	assert_int_equal(plan_import(b, &p, &ev), MU_OK);
	plan_free(&p);
	assert_true(ev > 0);
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

static void test_open_migrates_and_reopens(void **state)
{
	(void)state;
	struct board *b2;
	assert_int_equal(board_open(&b2, path, "bob", 0), MU_OK);
	assert_string_equal(board_actor(b2), "bob");
	board_close(b2);
	assert_int_equal(board_schema_version(), 6);
}

static void test_open_missing_without_create(void **state)
{
	(void)state;
	struct board *b2;
	char p2[200];
	snprintf(p2, sizeof p2, "%s/none.db", dir);
	assert_int_equal(board_open(&b2, p2, "x", 0), MU_DB);
	assert_non_null(strstr(mu_errmsg(), "no board here"));
	assert_int_equal(access(p2, F_OK), -1);
}

static void test_open_not_sqlite(void **state)
{
	(void)state;
	char p2[200];
	snprintf(p2, sizeof p2, "%s/junk.db", dir);
	FILE *f = fopen(p2, "w");
	fputs("this is not a database, just some text that is long enough to have a header...", f);
	fclose(f);
	struct board *b2;
	assert_int_equal(board_open(&b2, p2, "x", 0), MU_DB);
	assert_non_null(strstr(mu_errmsg(), "not a muster board"));
}

static void test_open_newer_schema(void **state)
{
	(void)state;
	char p2[200];
	snprintf(p2, sizeof p2, "%s/new.db", dir);
	struct board *b2;
	assert_int_equal(board_open(&b2, p2, "x", BOARD_CREATE), MU_OK);
	board_close(b2);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(p2, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(board_open(&b2, p2, "x", 0), MU_DB);
	assert_non_null(strstr(mu_errmsg(), "newer than this muster"));
}

static void test_task_changes_are_audited(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id = 0;
	size_t before = log_rows(b);
	struct task_fields f = {.title = "Call the mayor ☎", .role = "pm", .due = "2026-09-25"};
	assert_int_equal(task_add(b, ev, &f, &id), MU_OK);
	assert_int_equal(task_set_status(b, id, TASK_DOING), MU_OK);
	assert_int_equal(task_assign(b, id, "ana"), MU_OK);
	struct task_fields e = {.title = "Call the mayor 市长", .notes = "line1\nline2", .due = ""};
	assert_int_equal(task_edit(b, id, &e), MU_OK);
	struct pool pool = {0};
	struct task t;
	assert_int_equal(task_get(b, id, &t, &pool), MU_OK);
	assert_string_equal(t.title, "Call the mayor 市长");
	assert_string_equal(t.owner, "ana");
	assert_string_equal(t.role_key, "pm");
	assert_string_equal(t.notes, "line1\nline2");
	assert_string_equal(t.due, "");
	assert_int_equal(t.status, TASK_DOING);
	pool_free(&pool);
	/* Setting the same status again changes nothing and logs nothing. */
	assert_int_equal(task_set_status(b, id, TASK_DOING), MU_OK);
	assert_int_equal(log_rows(b), before + 4);

	struct log_list l;
	struct log_query q = {.limit = 1};
	assert_int_equal(log_query(b, &q, &l), MU_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].actor, "alice");
	assert_string_equal(l.v[0].action, "edit");
	assert_non_null(strstr(l.v[0].old, "Call the mayor ☎"));
	assert_non_null(strstr(l.v[0].new_, "Call the mayor 市长"));
	log_list_free(&l);

	assert_int_equal(task_remove(b, id), MU_OK);
	assert_int_equal(task_get(b, id, &t, &pool), MU_DATA);
	assert_int_equal(task_set_status(b, id, TASK_DONE), MU_DATA);
	char msg[64];
	snprintf(msg, sizeof msg, "no task with id %lld", (long long)id);
	assert_string_equal(mu_errmsg(), msg);
	assert_int_equal(log_rows(b), before + 5);
}

static void test_task_rejects_bad_input(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id;
	size_t before = log_rows(b);
	struct task_fields bad_date = {.title = "x", .due = "2026-02-30"};
	assert_int_equal(task_add(b, ev, &bad_date, &id), MU_DATA);
	assert_non_null(strstr(mu_errmsg(), "not a date"));
	struct task_fields bad_role = {.title = "x", .role = "nobody"};
	assert_int_equal(task_add(b, ev, &bad_role, &id), MU_DATA);
	assert_string_equal(mu_errmsg(), "no role \"nobody\" in this event");
	struct task_fields ctl = {.title = "evil \x1b[2J"};
	assert_int_equal(task_add(b, ev, &ctl, &id), MU_DATA);
	struct task_fields utf = {.title = "bad \xff utf"};
	assert_int_equal(task_add(b, ev, &utf, &id), MU_DATA);
	struct task_fields empty = {.title = ""};
	assert_int_equal(task_add(b, ev, &empty, &id), MU_DATA);
	assert_int_equal(task_add(b, 999, &(struct task_fields){.title = "x"}, &id), MU_DATA);
	assert_int_equal(log_rows(b), before);
}

static void test_task_query_and_count(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), ops;
	assert_int_equal(role_find(b, ev, "Operations", &ops), MU_OK);
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = ev;
	q.role_id = ops;
	struct task_list l;
	assert_int_equal(task_query(b, &q, &l), MU_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].title, "Print \"flyers\"; -- 海报");
	assert_string_equal(l.v[0].depends, "1");
	assert_string_equal(l.v[1].title, "Open doors");
	task_list_free(&l);
	int64_t total, done;
	assert_int_equal(task_set_status(b, 3, TASK_DONE), MU_OK);
	assert_int_equal(task_count(b, &q, &total, &done), MU_OK);
	assert_int_equal(total, 2);
	assert_int_equal(done, 1);

	struct task_query s = TASK_QUERY_INIT;
	s.search = "FLYERS";
	assert_int_equal(task_query(b, &s, &l), MU_OK);
	assert_int_equal(l.n, 1);
	task_list_free(&l);
	s.search = "100%";
	assert_int_equal(task_query(b, &s, &l), MU_OK);
	assert_int_equal(l.n, 0);
	task_list_free(&l);

	struct task_query d = TASK_QUERY_INIT;
	d.order = TASK_ORDER_DUE;
	d.limit = 2;
	assert_int_equal(task_query(b, &d, &l), MU_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].due, "2026-09-24");
	task_list_free(&l);
	d.offset = 2;
	assert_int_equal(task_query(b, &d, &l), MU_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "Open doors");
	task_list_free(&l);
	/* brief: the same rows in the same order, without owner, notes, keys
	 * or dependencies */
	d.event_id = ev;
	d.offset = 0;
	d.limit = 0;
	struct task_list full;
	assert_int_equal(task_query(b, &d, &full), MU_OK);
	d.brief = true;
	assert_int_equal(task_query(b, &d, &l), MU_OK);
	assert_int_equal(l.n, full.n);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.v[i].id, full.v[i].id);
		assert_int_equal(l.v[i].phase_id, full.v[i].phase_id);
		assert_string_equal(l.v[i].title, full.v[i].title);
		assert_string_equal(l.v[i].due, full.v[i].due);
		assert_int_equal(l.v[i].status, full.v[i].status);
		assert_string_equal(l.v[i].depends, "");
		assert_int_equal(l.v[i].open_deps, 0);
	}
	assert_string_equal(full.v[1].depends, "1"); /* Print "flyers" (due T-3) */
	task_list_free(&full);
	task_list_free(&l);
}

/* ids of q's rows as "1,2,3" */
static const char *query_ids(struct board *b, const struct task_query *q)
{
	static char buf[128];
	struct task_list l;
	assert_int_equal(task_query(b, q, &l), MU_OK);
	buf[0] = 0;
	for (size_t i = 0; i < l.n; i++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%lld", i ? "," : "", (long long)l.v[i].id);
	task_list_free(&l);
	return buf;
}

static void test_task_query_reverse_and_keyset(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), ops;
	assert_int_equal(role_find(b, ev, "ops", &ops), MU_OK);
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = ev;
	assert_string_equal(query_ids(b, &q), "1,2,3");
	/* reverse: the last page, still in order; offset counts from the end */
	q.reverse = true;
	q.limit = 2;
	assert_string_equal(query_ids(b, &q), "2,3");
	q.offset = 1;
	assert_string_equal(query_ids(b, &q), "1,2");
	q.offset = 5;
	assert_string_equal(query_ids(b, &q), "");
	/* keyset: after #1 forwards, before #3 backwards */
	struct pool pool = {0};
	struct task t1, t3;
	assert_int_equal(task_get(b, 1, &t1, &pool), MU_OK);
	assert_int_equal(task_get(b, 3, &t3, &pool), MU_OK);
	struct task_key k1 = {t1.position, t1.id}, k3 = {t3.position, t3.id};
	q.reverse = false;
	q.offset = 0;
	q.limit = 5;
	q.key = &k1;
	assert_string_equal(query_ids(b, &q), "2,3");
	q.offset = 1;
	assert_string_equal(query_ids(b, &q), "3");
	q.reverse = true;
	q.offset = 0;
	q.key = &k3;
	assert_string_equal(query_ids(b, &q), "1,2");
	q.limit = 1;
	assert_string_equal(query_ids(b, &q), "2");
	/* a key of a row that is gone still places the window */
	struct task_key gone = {t3.position, t3.id + 100};
	q.key = &gone;
	q.limit = 5;
	assert_string_equal(query_ids(b, &q), "1,2,3");
	/* the role's query and the general one (owner filter) */
	q.key = NULL;
	q.role_id = ops;
	q.limit = 1;
	assert_string_equal(query_ids(b, &q), "3");
	q.key = &k3;
	assert_string_equal(query_ids(b, &q), "2");
	q.role_id = 0;
	q.key = NULL;
	q.owner = "bob";
	assert_string_equal(query_ids(b, &q), "2");
	q.owner = NULL;
	q.search = "o"; /* Book the DJ, Print "flyers", Open doors */
	q.limit = 2;
	assert_string_equal(query_ids(b, &q), "2,3");
	q.reverse = false;
	q.key = &k1;
	assert_string_equal(query_ids(b, &q), "2,3");
	/* position order only */
	q.order = TASK_ORDER_DUE;
	struct task_list l;
	assert_int_equal(task_query(b, &q, &l), MU_USAGE);
	pool_free(&pool);
}

static void test_task_find(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id, row;
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = ev;
	/* Tasks in order: 1 Book the DJ, 2 Print "flyers"..., 3 Open doors. */
	assert_int_equal(task_find(b, &q, "d", 0, 1, &id, &row), MU_OK);
	assert_int_equal(id, 1);
	assert_int_equal(row, 0);
	assert_int_equal(task_find(b, &q, "d", 1, 1, &id, &row), MU_OK);
	assert_int_equal(id, 3); /* "Open doors": skips #2, which has no 'd' */
	assert_int_equal(row, 2);
	assert_int_equal(task_find(b, &q, "d", 3, 1, &id, &row), MU_OK);
	assert_int_equal(id, 1); /* wraps around */
	assert_int_equal(task_find(b, &q, "FLYERS", 1, -1, &id, &row), MU_OK);
	assert_int_equal(id, 2); /* backwards, wrapping past the first row */
	assert_int_equal(row, 1);
	assert_int_equal(task_find(b, &q, "#3", 0, 1, &id, &row), MU_OK);
	assert_int_equal(id, 3);
	assert_int_equal(task_find(b, &q, "zebra", 0, 1, &id, &row), MU_DATA);
	assert_int_equal(task_find(b, &q, "zebra", 2, -1, &id, &row), MU_DATA);
	/* the only match is the task itself, either way */
	assert_int_equal(task_find(b, &q, "doors", 3, 1, &id, &row), MU_OK);
	assert_int_equal(id, 3);
	assert_int_equal(task_find(b, &q, "DJ", 1, -1, &id, &row), MU_OK);
	assert_int_equal(id, 1);
	assert_int_equal(row, 0);
	q.role_id = 2; /* ops: #2 and #3 */
	assert_int_equal(task_find(b, &q, "doors", 0, 1, &id, &row), MU_OK);
	assert_int_equal(row, 1);
	q.role_id = 0;
	q.owner = "bob"; /* only #2 */
	assert_int_equal(task_find(b, &q, "o", 0, 1, &id, &row), MU_OK);
	assert_int_equal(id, 2);
	assert_int_equal(row, 0);
}

static void test_item_find_text(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), list, posters, balloons, id, row;
	assert_int_equal(checklist_find(b, ev, "Print", &list), MU_OK);
	assert_int_equal(item_find(b, ev, "Posters", &posters), MU_OK);
	assert_int_equal(item_find(b, ev, "Balloons", &balloons), MU_OK);
	/* Items in order: Posters, Balloons. */
	assert_int_equal(item_find_text(b, list, "o", 0, 1, &id, &row), MU_OK);
	assert_int_equal(id, posters);
	assert_int_equal(row, 0);
	assert_int_equal(item_find_text(b, list, "O", posters, 1, &id, &row), MU_OK);
	assert_int_equal(id, balloons); /* case-insensitive, after the cursor */
	assert_int_equal(row, 1);
	assert_int_equal(item_find_text(b, list, "o", balloons, 1, &id, &row), MU_OK);
	assert_int_equal(id, posters); /* wraps around */
	assert_int_equal(item_find_text(b, list, "ball", posters, -1, &id, &row), MU_OK);
	assert_int_equal(id, balloons); /* backwards, wrapping past the first row */
	assert_int_equal(row, 1);
	assert_int_equal(item_find_text(b, list, "post", posters, 1, &id, &row), MU_OK);
	assert_int_equal(id, posters); /* the only match is the row itself */
	assert_int_equal(item_find_text(b, list, "post", posters, -1, &id, &row), MU_OK);
	assert_int_equal(id, posters);
	assert_int_equal(item_find_text(b, list, "zebra", balloons, -1, &id, &row), MU_DATA);
	assert_int_equal(item_find_text(b, list, "%", 0, 1, &id, &row), MU_DATA); /* LIKE escapes */
	assert_non_null(strstr(mu_errmsg(), "no item matches"));
	assert_int_equal(item_find_text(b, list + 99, "o", 0, 1, &id, &row), MU_DATA);
}

static void expect_summary(const char *old, const char *new_, const char *want)
{
	struct log_entry e = {.old = (char *)old, .new_ = (char *)new_};
	char *got = log_change_summary(&e);
	assert_string_equal(got, want);
	free(got);
}

static void test_log_change_summary(void **state)
{
	struct board *b = *state;
	expect_summary("{\"status\":\"todo\"}", "{\"status\":\"done\"}", "status: todo → done");
	expect_summary("{\"qty_ready\":0,\"done\":0}", "{\"qty_ready\":12,\"done\":1}", "qty_ready: 0 → 12, done: 0 → 1");
	/* unchanged fields and noise left out; null and "" as -; 9100.0 as 9100 */
	expect_summary("{\"title\":\"A\",\"owner\":\"\",\"due\":null,\"position\":3,\"budget\":9000.0}",
		       "{\"title\":\"A\",\"owner\":\"bob\",\"due\":\"2026-09-01\",\"position\":4,\"budget\":9100.0}",
		       "owner: - → bob, due: - → 2026-09-01, budget: 9000 → 9100");
	/* escapes in strings */
	expect_summary("{\"title\":\"say \\\"hi\\\"\"}", "{\"title\":\"a\\nb 中秋\"}", "title: say \"hi\" → a\nb 中秋");
	/* \uXXXX decoded (fuzz_log): a surrogate pair is one character; a lone
	 * surrogate, \u0000 and a malformed escape are U+FFFD */
	expect_summary("{\"t\":\"caf\\u00e9\"}", "{\"t\":\"\\ud83d\\ude00 \\u4e2d\"}",
		       "t: café → \xf0\x9f\x98\x80" " 中");
	expect_summary("{\"t\":\"\\ud83d x\"}", "{\"t\":\"\\u0000\\u12\"}",
		       "t: \xef\xbf\xbd x → \xef\xbf\xbd\xef\xbf\xbd" "12");
	/* a key given twice counts once (fuzz_log) */
	expect_summary("{\"a\":\"long old value\"}", "{\"a\":1,\"a\":2,\"b\":3,\"a\":4}",
		       "a: long old value → 1, b: - → 3");
	/* added or removed: the row's title or name */
	expect_summary(NULL, "{\"title\":\"Book the DJ\",\"status\":\"todo\"}", "Book the DJ");
	expect_summary("{\"name\":\"Zed Ü\"}", NULL, "Zed Ü");
	expect_summary("{\"status\":\"todo\"}", "{\"status\":\"todo\"}", "");
	/* not objects: as stored */
	expect_summary("7", "not json", "7 → not json");
	/* from the log itself: a status change and an item tick */
	int64_t ev = import_sample(b), posters;
	assert_int_equal(task_set_status(b, 1, TASK_DONE), MU_OK);
	assert_int_equal(item_find(b, ev, "Posters", &posters), MU_OK);
	assert_int_equal(item_tick(b, posters, 0), MU_OK);
	struct log_list l;
	struct log_query q = {.limit = 2};
	assert_int_equal(log_query(b, &q, &l), MU_OK);
	assert_int_equal(l.n, 2);
	char *s0 = log_change_summary(&l.v[0]), *s1 = log_change_summary(&l.v[1]);
	assert_string_equal(s0, "status: todo → done");
	assert_string_equal(s1, "qty_ready: 0 → 50, done: 0 → 1");
	free(s0);
	free(s1);
	log_list_free(&l);
}

static void test_task_open_deps(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b);
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = ev;
	struct task_list l;
	assert_int_equal(task_query(b, &q, &l), MU_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].depends, "");
	assert_int_equal(l.v[0].open_deps, 0);
	assert_string_equal(l.v[1].depends, "1"); /* Print "flyers" waits on Book the DJ */
	assert_int_equal(l.v[1].open_deps, 1);
	task_list_free(&l);
	assert_int_equal(task_set_status(b, 1, TASK_DONE), MU_OK);
	struct pool pool = {0};
	struct task t;
	assert_int_equal(task_get(b, 2, &t, &pool), MU_OK);
	assert_string_equal(t.depends, "1");
	assert_int_equal(t.open_deps, 0);
	assert_int_equal(task_set_status(b, 1, TASK_BLOCKED), MU_OK);
	assert_int_equal(task_get(b, 2, &t, &pool), MU_OK);
	assert_int_equal(t.open_deps, 1);
	/* two dependencies, one open; the reverse and keyset windows carry it too */
	assert_int_equal(db_exec_stmt(b, db_stmt(b, "INSERT INTO task_dep(task_id, depends_on) VALUES (3, 1), (3, 2)")), MU_OK);
	assert_int_equal(task_set_status(b, 1, TASK_DONE), MU_OK);
	q.reverse = true;
	q.limit = 1;
	assert_int_equal(task_query(b, &q, &l), MU_OK);
	assert_int_equal(l.v[0].id, 3);
	assert_string_equal(l.v[0].depends, "1,2");
	assert_int_equal(l.v[0].open_deps, 1);
	task_list_free(&l);
	pool_free(&pool);
}

static void test_task_move(void **state)
{
	struct board *b = *state;
	import_sample(b);
	assert_int_equal(task_move(b, 3, -1), MU_OK); /* Open doors above Print flyers (same role) */
	struct task_query q = TASK_QUERY_INIT;
	q.role_id = 2;
	struct task_list l;
	assert_int_equal(task_query(b, &q, &l), MU_OK);
	assert_string_equal(l.v[0].title, "Open doors");
	task_list_free(&l);
	size_t n = log_rows(b);
	assert_int_equal(task_move(b, 3, -1), MU_OK); /* already first: no change */
	assert_int_equal(log_rows(b), n);
}

static void test_item_ticks(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id;
	assert_int_equal(item_find(b, ev, "Posters", &id), MU_OK);
	struct pool pool = {0};
	struct item it;
	assert_int_equal(item_tick(b, id, 20), MU_OK);
	assert_int_equal(item_tick(b, id, 29), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 49);
	assert_false(it.done);
	assert_null(it.done_by);
	assert_int_equal(item_tick(b, id, 1), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_true(it.done);
	assert_string_equal(it.done_by, "alice");
	assert_int_equal(item_untick(b, id, 5), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 45);
	assert_false(it.done);
	assert_int_equal(item_tick(b, id, 0), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 50);
	assert_true(it.done);
	assert_int_equal(item_untick(b, id, 0), MU_OK); /* back to the 45 before the tick */
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 45);
	assert_false(it.done);
	assert_null(it.done_by);
	assert_int_equal(item_untick(b, id, 0), MU_OK); /* not done: to 0 */
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 0);
	/* set: any ready quantity; done from the needed one on */
	assert_int_equal(item_set_ready(b, id, 12), MU_OK);
	assert_int_equal(item_tick(b, id, 0), MU_OK);
	assert_int_equal(item_untick(b, id, 0), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 12);
	assert_int_equal(item_set_ready(b, id, 50), MU_OK);
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_true(it.done);
	assert_int_equal(item_untick(b, id, 0), MU_OK); /* the 12 before the set that made it done */
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 12);
	assert_int_equal(item_set_ready(b, id, -1), MU_USAGE);
	assert_int_equal(item_set_ready(b, id, 0), MU_OK);
	assert_int_equal(item_untick(b, id, 3), MU_OK); /* never below zero */
	assert_int_equal(item_get(b, id, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 0);
	pool_free(&pool);
	assert_int_equal(item_tick(b, 999, 1), MU_DATA);
	assert_int_equal(item_find(b, ev, "Nothing", &id), MU_DATA);

	struct checklist_list cl;
	assert_int_equal(checklist_list(b, ev, &cl), MU_OK);
	assert_int_equal(cl.n, 1);
	assert_int_equal(cl.v[0].items, 2);
	assert_int_equal(cl.v[0].items_done, 0);
	checklist_list_free(&cl);

	struct log_list l;
	struct log_query q = {.limit = 1};
	assert_int_equal(log_query(b, &q, &l), MU_OK);
	assert_string_equal(l.v[0].action, "set");
	assert_string_equal(l.v[0].old, "{\"qty_ready\":12,\"done\":0,\"ready_before\":null}");
	assert_string_equal(l.v[0].new_, "{\"qty_ready\":0,\"done\":0,\"ready_before\":null}");
	log_list_free(&l);
}

static void test_item_add_edit_remove(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), list, id;
	assert_int_equal(checklist_find(b, ev, "Print", &list), MU_OK);
	struct item_fields f = {.title = "Guirnaldas de papel", .qty = 12, .unit = "m", .due = "2026-09-30"};
	assert_int_equal(item_add(b, list, &f, &id), MU_OK);
	struct item_fields e = {.qty = 3, .due = ""};
	assert_int_equal(item_edit(b, id, &e), MU_OK);
	struct item_list l;
	assert_int_equal(item_query(b, ev, list, 0, 0, &l), MU_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[2].title, "Guirnaldas de papel");
	assert_int_equal(l.v[2].qty, 3);
	assert_string_equal(l.v[2].due, "");
	item_list_free(&l);
	assert_int_equal(item_remove(b, id), MU_OK);
	assert_int_equal(item_query(b, ev, 0, 10, 0, &l), MU_OK);
	assert_int_equal(l.n, 2);
	item_list_free(&l);
}

static void test_metrics(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id;
	assert_int_equal(metric_find(b, ev, "visitors", &id), MU_OK);
	assert_int_equal(metric_set(b, id, 100), MU_OK);
	assert_int_equal(metric_add(b, id, 25.5), MU_OK);
	assert_int_equal(metric_find(b, ev, "print", &id), MU_OK);
	assert_int_equal(metric_add(b, id, 300), MU_OK);
	assert_int_equal(metric_set(b, id, NAN), MU_DATA);
	/* A reading equal to the actual is still a sample (and an audit row). */
	size_t logs = log_rows(b);
	assert_int_equal(metric_set(b, id, 300), MU_OK);
	assert_int_equal(log_rows(b), logs + 1);
	struct metric_list l;
	assert_int_equal(metric_list(b, ev, 5, &l), MU_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].kind, METRIC_STAGE);
	assert_string_equal(l.v[0].name, "visitors");
	assert_true(l.v[0].actual == 125.5);
	assert_true(l.v[0].rate == 0.1);
	assert_int_equal(l.v[0].nhistory, 2);
	assert_true(l.v[0].history[0] == 100 && l.v[0].history[1] == 125.5);
	assert_true(isnan(l.v[1].rate));
	assert_int_equal(l.v[2].kind, METRIC_BUDGET);
	assert_true(l.v[2].target == 800 && l.v[2].actual == 300);
	assert_int_equal(l.v[2].nhistory, 2);
	metric_list_free(&l);
	assert_int_equal(metric_find(b, ev, "nope", &id), MU_DATA);
}

static void test_events_and_lookups(void **state)
{
	struct board *b = *state;
	int64_t id;
	assert_int_equal(event_find(b, NULL, &id), MU_DATA);
	int64_t ev1 = import_sample(b), ev2 = import_sample(b);
	assert_int_equal(event_find(b, NULL, &id), MU_OK);
	assert_int_equal(id, ev2);
	assert_int_equal(event_find(b, "1", &id), MU_OK);
	assert_int_equal(id, ev1);
	assert_int_equal(event_find(b, "Store opening 开业", &id), MU_OK);
	assert_int_equal(event_find(b, "Nope", &id), MU_DATA);
	struct role_list rl;
	assert_int_equal(role_list(b, ev1, &rl), MU_OK);
	assert_int_equal(rl.n, 2);
	assert_int_equal(rl.v[1].tasks_total, 2);
	role_list_free(&rl);
	struct person_list pl;
	assert_int_equal(person_list(b, ev1, &pl), MU_OK);
	assert_int_equal(pl.n, 3);
	assert_string_equal(pl.v[0].name, "Ana Pérez");
	assert_string_equal(pl.v[0].roles, "pm");
	assert_string_equal(pl.v[1].access, "staff");
	person_list_free(&pl);
	struct phase_list ph;
	assert_int_equal(phase_list(b, ev1, &ph), MU_OK);
	assert_int_equal(ph.n, 2);
	assert_string_equal(ph.v[0].start, "2026-09-21");
	phase_list_free(&ph);
	assert_int_equal(event_delete(b, ev1), MU_OK);
	struct event_list el;
	assert_int_equal(event_list(b, &el), MU_OK);
	assert_int_equal(el.n, 1);
	event_list_free(&el);
}

/* Export (plan_load + emit) and re-import gives the same board content. */
static void test_plan_round_trip(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id;
	assert_int_equal(item_find(b, ev, "Posters", &id), MU_OK);
	assert_int_equal(item_tick(b, id, 7), MU_OK);
	assert_int_equal(metric_find(b, ev, "buyers", &id), MU_OK);
	assert_int_equal(metric_set(b, id, 42), MU_OK);
	struct plan p, q;
	assert_int_equal(plan_load(b, ev, &p), MU_OK);
	struct strbuf y1 = STRBUF_INIT, y2 = STRBUF_INIT;
	plan_emit(&p, PLAN_EXPORT, &y1);
	assert_int_equal(plan_parse_buffer("export.yaml", y1.s, y1.len, NULL, &q), MU_OK);
	int64_t ev2;
	assert_int_equal(plan_import(b, &q, &ev2), MU_OK);
	plan_free(&q);
	assert_int_equal(plan_load(b, ev2, &q), MU_OK);
	plan_emit(&q, PLAN_EXPORT, &y2);
	assert_string_equal(sb_str(&y1), sb_str(&y2));
	assert_non_null(strstr(sb_str(&y1), "海报"));
	plan_free(&p);
	plan_free(&q);
	sb_free(&y1);
	sb_free(&y2);
}

/* A plan the store refuses leaves no trace: one transaction. */
static void test_import_is_all_or_nothing(void **state)
{
	struct board *b = *state;
	struct plan p;
	assert_int_equal(plan_parse_buffer("t.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p), MU_OK);
	p.tasks[2].title = pool_strdup(&p.pool, "bad \x01 title");
	size_t before = log_rows(b);
	int64_t ev;
	assert_int_equal(plan_import(b, &p, &ev), MU_DATA);
	p.tasks[2].status = pool_strdup(&p.pool, "sleeping"); /* refused by a CHECK constraint */
	p.tasks[2].title = pool_strdup(&p.pool, "fine");
	assert_int_equal(plan_import(b, &p, &ev), MU_DATA);
	plan_free(&p);
	struct event_list el;
	assert_int_equal(event_list(b, &el), MU_OK);
	assert_int_equal(el.n, 0);
	event_list_free(&el);
	assert_int_equal(log_rows(b), before);
}

static void test_busy_times_out(void **state)
{
	struct board *b = *state;
	int64_t ev = import_sample(b), id;
	setenv("MUSTER_BUSY_TIMEOUT", "100", 1);
	struct board *other;
	assert_int_equal(board_open(&other, path, "bob", 0), MU_OK);
	unsetenv("MUSTER_BUSY_TIMEOUT");
	int64_t v = board_data_version(other);
	/* b holds the write lock in an open transaction. */
	struct board *locker;
	assert_int_equal(board_open(&locker, path, "carl", 0), MU_OK);
	assert_int_equal(db_begin(locker), MU_OK);
	assert_int_equal(item_find(other, ev, "Posters", &id), MU_OK);
	assert_int_equal(item_tick(other, id, 1), MU_BUSY);
	assert_non_null(strstr(mu_errmsg(), "busy"));
	db_rollback(locker);
	assert_int_equal(item_tick(other, id, 1), MU_OK);
	assert_int_equal(item_tick(b, id, 1), MU_OK);
	assert_true(board_data_version(other) != v);
	board_close(locker);
	board_close(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_migrates_and_reopens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_not_sqlite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_changes_are_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_rejects_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_query_and_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_query_reverse_and_keyset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_find_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_change_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_open_deps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_ticks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_item_add_edit_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_metrics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_and_lookups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_times_out, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
