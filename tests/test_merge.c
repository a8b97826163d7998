/* Unit tests of the field-level merge (src/model/merge.c, task_edit.c,
 * item.c): an edit writes only the fields changed against what the form
 * opened with; someone else's change to a field left alone stays; only
 * the same field changed by both comes back (three values), and the
 * answers are saved; the audit row holds exactly the fields written. */
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
#include "muster/item.h"
#include "muster/log.h"
#include "muster/merge.h"
#include "muster/planio.h"
#include "muster/presence.h"
#include "muster/task.h"

static char dir[64];
static char path[128];

static const char plan_yaml[] =
	"event: {name: Fair, start: 2026-10-01}\n"
	"roles:\n  - {key: ops, name: Operations}\n  - {key: mkt, name: Marketing}\n"
	"people:\n  - {login: alice, access: coordinator}\n  - {login: eve, access: coordinator}\n"
	"  - {login: bob, roles: [ops], access: staff}\n"
	"tasks:\n  - {title: Stalls, role: ops, notes: first}\n"
	"checklists:\n  - name: Kit\n    role: ops\n    items:\n      - {title: Tables, qty: 30, unit: pcs}\n";

static struct board *alice, *eve, *bob;

static int setup(void **state)
{
	strcpy(dir, "/tmp/muster-merge.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/board.db", dir);
	assert_int_equal(board_open(&alice, path, "alice", BOARD_CREATE), MU_OK);
	struct plan p;
	assert_int_equal(plan_parse_buffer("t.yaml", plan_yaml, sizeof plan_yaml - 1, NULL, &p), MU_OK);
	int64_t ev;
	assert_int_equal(plan_import(alice, &p, &ev), MU_OK);
	plan_free(&p);
	assert_int_equal(board_open(&eve, path, "eve", 0), MU_OK);
	assert_int_equal(board_open(&bob, path, "bob", 0), MU_OK);
	return 0;
}

static int teardown(void **state)
{
	board_close(alice);
	board_close(eve);
	board_close(bob);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The form's view of task 1 now. */
static struct task_fields opened(struct pool *pool)
{
	struct task t;
	assert_int_equal(task_get(alice, 1, &t, pool), MU_OK);
	return (struct task_fields){.title = t.title, .owner = t.owner, .notes = t.notes, .due = t.due,
				    .role = t.role_key, .phase = t.phase_key};
}

static void last_log(const char *old, const char *new_)
{
	struct log_list l;
	struct log_query q = {.limit = 1};
	assert_int_equal(log_query(alice, &q, &l), MU_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].old, old);
	assert_string_equal(l.v[0].new_, new_);
	log_list_free(&l);
}

static void theirs_kept(void **state)
{
	struct pool pool = {0};
	struct task_fields base = opened(&pool);
	/* meanwhile bob saves a note and sets the task doing */
	struct task_fields note = {.notes = "bob's note"};
	assert_int_equal(task_edit(bob, 1, &note), MU_OK);
	assert_int_equal(task_set_status(bob, 1, TASK_DOING), MU_OK);
	/* alice changed only the title; the form hands every field back */
	struct task_fields mine = base;
	mine.title = "Stalls v2";
	struct merge m;
	assert_int_equal(task_edit_merge(alice, 1, &base, &mine, &m), MU_OK);
	assert_int_equal(m.n, 0);
	struct task t;
	assert_int_equal(task_get(alice, 1, &t, &pool), MU_OK);
	assert_string_equal(t.title, "Stalls v2");
	assert_string_equal(t.notes, "bob's note");
	assert_int_equal(t.status, TASK_DOING);
	last_log("{\"title\":\"Stalls\"}", "{\"title\":\"Stalls v2\"}");
	/* the same change made by both: nothing to ask, nothing to write */
	base = opened(&pool);
	assert_int_equal(task_edit(eve, 1, &(struct task_fields){.due = "2026-10-05"}), MU_OK);
	mine = base;
	mine.due = "2026-10-05";
	int64_t before = board_change_counter(alice);
	assert_int_equal(task_edit_merge(alice, 1, &base, &mine, NULL), MU_OK);
	assert_int_equal(board_change_counter(alice), before);
	pool_free(&pool);
}

static void same_field_asks(void **state)
{
	struct pool pool = {0};
	struct task_fields base = opened(&pool);
	assert_int_equal(task_edit(eve, 1, &(struct task_fields){.notes = "eve's", .title = "Eve's title"}), MU_OK);
	struct task_fields mine = base;
	mine.notes = "alice's";
	mine.title = "Alice's title";
	mine.owner = "bob"; /* only alice changed the owner */
	struct merge m;
	int64_t before = board_change_counter(alice);
	assert_int_equal(task_edit_merge(alice, 1, &base, &mine, &m), MU_CONFLICT);
	assert_int_equal(board_change_counter(alice), before); /* nothing saved */
	assert_string_equal(mu_errmsg() + strlen(mu_errmsg()) - strlen("nothing saved"), "nothing saved");
	assert_int_equal(m.n, 2);
	assert_string_equal(m.f[0].name, "title");
	assert_string_equal(m.f[0].base, "Stalls");
	assert_string_equal(m.f[0].mine, "Alice's title");
	assert_string_equal(m.f[0].theirs, "Eve's title");
	assert_string_equal(m.f[1].name, "notes");
	assert_string_equal(m.f[1].theirs, "eve's");
	assert_string_equal(m.actor, "eve");
	m.f[0].keep_mine = false; /* keep eve's title */
	m.f[1].keep_mine = true;  /* keep my notes */
	task_merge_apply(&base, &mine, &m);
	struct merge m2;
	assert_int_equal(task_edit_merge(alice, 1, &base, &mine, &m2), MU_OK);
	struct task t;
	assert_int_equal(task_get(alice, 1, &t, &pool), MU_OK);
	assert_string_equal(t.title, "Eve's title");
	assert_string_equal(t.notes, "alice's");
	assert_string_equal(t.owner, "bob");
	last_log("{\"owner\":\"\",\"notes\":\"eve's\"}", "{\"owner\":\"bob\",\"notes\":\"alice's\"}");
	merge_free(&m);
	merge_free(&m2);
	pool_free(&pool);
}

static void items_merge(void **state)
{
	struct pool pool = {0};
	struct item it;
	assert_int_equal(item_get(alice, 1, &it, &pool), MU_OK);
	struct item_fields base = {.title = it.title, .unit = it.unit, .due = it.due, .qty = it.qty,
				   .ready = it.qty_ready, .ready_set = true};
	assert_int_equal(item_tick(bob, 1, 5), MU_OK); /* bob: 5 ready meanwhile */
	struct item_fields mine = base;
	mine.unit = "tables";
	struct merge m;
	assert_int_equal(item_edit_merge(alice, 1, &base, &mine, &m), MU_OK);
	assert_int_equal(item_get(alice, 1, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 5); /* bob's tick stays */
	assert_string_equal(it.unit, "tables");
	last_log("{\"unit\":\"pcs\"}", "{\"unit\":\"tables\"}");
	/* both change the ready quantity */
	base = (struct item_fields){.title = it.title, .unit = it.unit, .due = it.due, .qty = it.qty,
				    .ready = it.qty_ready, .ready_set = true};
	assert_int_equal(item_tick(bob, 1, 1), MU_OK);
	mine = base;
	mine.ready = 12;
	mine.qty = 40;
	assert_int_equal(item_edit_merge(alice, 1, &base, &mine, &m), MU_CONFLICT);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.f[0].name, "qty_ready");
	assert_string_equal(m.f[0].mine, "12");
	assert_string_equal(m.f[0].theirs, "6");
	m.f[0].keep_mine = true;
	item_merge_apply(&base, &mine, &m);
	struct merge m2;
	assert_int_equal(item_edit_merge(alice, 1, &base, &mine, &m2), MU_OK);
	assert_int_equal(item_get(alice, 1, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 12);
	assert_int_equal(it.qty, 40);
	last_log("{\"qty\":30,\"qty_ready\":6,\"done\":0,\"ready_before\":null}",
		 "{\"qty\":40,\"qty_ready\":12,\"done\":0,\"ready_before\":null}");
	/* a Ready of 40 makes it done; untick gives the 12 back */
	base = (struct item_fields){.ready = 12, .ready_set = true, .qty = -1};
	mine = (struct item_fields){.ready = 40, .ready_set = true, .qty = -1};
	assert_int_equal(item_edit_merge(alice, 1, &base, &mine, NULL), MU_OK);
	assert_int_equal(item_get(alice, 1, &it, &pool), MU_OK);
	assert_true(it.done);
	assert_string_equal(it.done_by, "alice");
	assert_int_equal(item_untick(alice, 1, 0), MU_OK);
	assert_int_equal(item_get(alice, 1, &it, &pool), MU_OK);
	assert_int_equal(it.qty_ready, 12);
	/* staff may change only the ready quantity through an edit */
	assert_int_equal(item_edit(bob, 1, &(struct item_fields){.ready = 13, .ready_set = true, .qty = -1}), MU_OK);
	assert_int_equal(item_edit(bob, 1, &(struct item_fields){.unit = "x", .qty = -1}), MU_DENIED);
	merge_free(&m);
	merge_free(&m2);
	pool_free(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(theirs_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(same_field_asks, setup, teardown),
		cmocka_unit_test_setup_teardown(items_merge, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
