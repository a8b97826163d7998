/* Unit tests of the many-people model API the screen uses: presence
 * heartbeats (no audit row, no change counter move), conflicts of
 * task_edit_if / item_edit_if, event_access and the may-I checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/board.h"
#include "muster/err.h"
#include "muster/history.h"
#include "muster/item.h"
#include "muster/people.h"
#include "muster/planio.h"
#include "muster/presence.h"
#include "muster/task.h"

static char dir[64];
static char path[128];

static const char plan_yaml[] =
	"event: {name: Fair, start: 2026-10-01}\n"
	"roles:\n  - {key: ops, name: Operations}\n  - {key: mkt, name: Marketing}\n"
	"people:\n  - {login: alice, access: coordinator}\n  - {login: eve, access: coordinator}\n"
	"  - {login: bob, roles: [ops], access: staff}\n  - {login: vic, access: viewer}\n"
	"tasks:\n  - {title: Stalls, role: ops}\n  - {title: Posters, role: mkt}\n"
	"checklists:\n  - name: Kit\n    role: ops\n    items:\n      - {title: Tables, qty: 10}\n";

static int setup(void **state)
{
	strcpy(dir, "/tmp/muster-hist.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/board.db", dir);
	struct board *b;
	assert_int_equal(board_open(&b, path, "alice", BOARD_CREATE), MU_OK);
	struct plan p;
	assert_int_equal(plan_parse_buffer("t.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p), MU_OK);
	int64_t ev;
	assert_int_equal(plan_import(b, &p, &ev), MU_OK);
	plan_free(&p);
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

static void presence(void **state)
{
	struct board *b = *state;
	int64_t counter = board_change_counter(b);
	assert_int_equal(presence_beat(b, 1, "tasks"), MU_OK);
	assert_int_equal(presence_beat(b, 1, "items"), MU_OK);
	assert_int_equal(board_change_counter(b), counter); /* no audit row */
	struct presence_list l;
	assert_int_equal(presence_list(b, 1, &l), MU_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].login, "alice");
	assert_string_equal(l.v[0].pane, "items");
	assert_true(l.v[0].self);
	presence_list_free(&l);
	assert_int_equal(presence_list(b, 2, &l), MU_OK);
	assert_int_equal(l.n, 0);
	presence_list_free(&l);
	assert_int_equal(task_set_status(b, 1, TASK_DOING), MU_OK);
	assert_true(board_change_counter(b) > counter);
	assert_int_equal(presence_leave(b), MU_OK);
	assert_int_equal(presence_list(b, 0, &l), MU_OK);
	assert_int_equal(l.n, 0);
	presence_list_free(&l);
}

static void conflicts(void **state)
{
	struct board *b = *state, *eve;
	struct task t;
	struct pool pool = {0};
	assert_int_equal(task_get(b, 1, &t, &pool), MU_OK);
	char *seen = strdup(t.updated_at);
	assert_int_equal(board_open(&eve, path, "eve", 0), MU_OK);
	assert_int_equal(task_set_status(eve, 1, TASK_DONE), MU_OK);
	struct task_fields f = {.title = "Book the stalls"};
	struct conflict c;
	assert_int_equal(task_edit_if(b, 1, &f, seen, &c), MU_CONFLICT);
	assert_string_equal(c.actor, "eve");
	assert_int_equal(c.changes, 1);
	assert_non_null(strstr(c.what, "status: todo → done"));
	assert_non_null(strstr(mu_errmsg(), "eve changed task #1 at"));
	conflict_free(&c);
	assert_int_equal(task_get(b, 1, &t, &pool), MU_OK);
	assert_string_equal(t.title, "Stalls"); /* nothing saved */
	assert_int_equal(task_edit_if(b, 1, &f, t.updated_at, NULL), MU_OK);
	assert_int_equal(task_edit(b, 1, &f), MU_OK); /* overwrite after asking */

	struct item it;
	assert_int_equal(item_get(b, 1, &it, &pool), MU_OK);
	free(seen);
	seen = strdup(it.updated_at);
	assert_int_equal(item_tick(eve, 1, 3), MU_OK);
	struct item_fields fi = {.title = "Folding tables", .qty = -1};
	assert_int_equal(item_edit_if(b, 1, &fi, seen, &c), MU_CONFLICT);
	assert_non_null(strstr(c.what, "qty_ready: 0 → 3"));
	conflict_free(&c);
	assert_int_equal(item_get(b, 1, &it, &pool), MU_OK);
	assert_int_equal(item_edit_if(b, 1, &fi, it.updated_at, NULL), MU_OK);
	free(seen);
	pool_free(&pool);
	board_close(eve);
}

static void access_api(void **state)
{
	struct board *b = *state, *bob, *vic, *who;
	char lvl[16];
	assert_int_equal(event_access(b, 1, lvl), MU_OK);
	assert_string_equal(lvl, "coordinator");
	assert_int_equal(board_open(&bob, path, "bob", 0), MU_OK);
	assert_int_equal(board_open(&vic, path, "vic", 0), MU_OK);
	assert_int_equal(board_open(&who, path, "nobody", 0), MU_OK);
	assert_int_equal(event_access(bob, 1, lvl), MU_OK);
	assert_string_equal(lvl, "staff");
	assert_int_equal(event_access(who, 1, lvl), MU_OK);
	assert_string_equal(lvl, "viewer");
	assert_true(access_may_task(bob, 1, OP_STATUS));
	assert_false(access_may_task(bob, 1, OP_EDIT));
	assert_false(access_may_task(bob, 2, OP_STATUS));
	assert_true(access_may_item(bob, 1, OP_TICK));
	assert_false(access_may_item(vic, 1, OP_TICK));
	assert_false(access_may_coordinate(bob, 1));
	assert_true(access_may_coordinate(b, 1));
	assert_int_equal(task_set_status(bob, 2, TASK_DONE), MU_DENIED);
	assert_string_equal(mu_errmsg(), "bob (staff) may not change the status of task #2: it belongs to role \"mkt\"");
	struct task_fields f = {.notes = "call first"};
	assert_int_equal(task_edit(bob, 1, &f), MU_OK);
	assert_int_equal(task_edit(vic, 1, &f), MU_DENIED);
	board_close(bob);
	board_close(vic);
	board_close(who);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(presence, setup, teardown),
		cmocka_unit_test_setup_teardown(conflicts, setup, teardown),
		cmocka_unit_test_setup_teardown(access_api, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
