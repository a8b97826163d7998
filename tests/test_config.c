/* Tests for src/config.c: defaults, the XDG location, a full file, every
 * value type and error message with its position, key bindings, limits.
 * Run from the repository root (tests/run.sh does) or with $ROOT set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/config.h"
#include "muster/err.h"
#include "muster/xalloc.h"

static char tmpdir[64];

static int setup(void **state)
{
	const char *root = getenv("ROOT");
	if (root && chdir(root) != 0)
		return -1;
	strcpy(tmpdir, "/tmp/muster-config.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("HOME", "/home/tester", 1);
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* Writes text to a file in tmpdir; returns its allocated path. */
static char *write_file(const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static void assert_defaults(const struct config *c)
{
	assert_null(c->theme);
	assert_null(c->db);
	assert_int_equal(c->refresh_ms, 500);
	assert_false(c->restricted);
	assert_null(c->export_dir);
	assert_true(c->mouse);
	assert_null(c->binds);
	assert_int_equal(c->nbinds, 0);
	assert_null(c->path);
}

/* Loads text as c.yaml: expects an error with exactly "c.yaml-path:" + msg. */
static void expect_error(const char *text, const char *msg)
{
	struct config c;
	char *p = write_file("c.yaml", text);
	assert_int_equal(config_load(p, &c), MU_DATA);
	char *want = xasprintf("%s:%s", p, msg);
	assert_string_equal(mu_errmsg(), want);
	assert_defaults(&c); /* an error leaves the defaults */
	config_free(&c);
	free(want);
	free(p);
}

static void test_missing_file_gives_defaults(void **state)
{
	struct config c;
	mu_errclear();
	assert_int_equal(config_load("tests/data/config/nonexistent.yaml", &c), 0);
	assert_defaults(&c);
	config_free(&c);
	assert_int_equal(config_load(NULL, &c), 0); /* $XDG_CONFIG_HOME/muster/config.yaml absent */
	assert_defaults(&c);
	config_free(&c);
	config_free(&c); /* twice is harmless */
	assert_int_equal(mu_errcode(), MU_OK);
}

static void test_empty_files_give_defaults(void **state)
{
	struct config c;
	const char *docs[] = {"", "# nothing\n", "---\n", "--- {}\n", "~\n"};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		char *p = write_file("c.yaml", docs[i]);
		assert_int_equal(config_load(p, &c), 0);
		assert_string_equal(c.path, p);
		free(c.path);
		c.path = NULL;
		assert_defaults(&c);
		config_free(&c);
		free(p);
	}
	assert_int_equal(config_load("tests/data/config/empty.yaml", &c), 0);
	assert_int_equal(c.refresh_ms, 500);
	config_free(&c);
}

static void test_default_path(void **state)
{
	char *p = config_default_path(), *want = xasprintf("%s/muster/config.yaml", tmpdir);
	assert_string_equal(p, want);
	free(p);
	free(want);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1); /* ignored, as XDG says */
	p = config_default_path();
	assert_string_equal(p, "/home/tester/.config/muster/config.yaml");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_default_path();
	assert_string_equal(p, "/home/tester/.config/muster/config.yaml");
	free(p);
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
}

static void test_xdg_file_is_read(void **state)
{
	struct config c;
	char *dir = xasprintf("%s/muster", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *p = write_file("muster/config.yaml", "theme: light\n");
	assert_int_equal(config_load(NULL, &c), 0);
	assert_string_equal(c.theme, "light");
	assert_string_equal(c.path, p);
	config_free(&c);
	unlink(p);
	rmdir(dir);
	free(p);
	free(dir);
}

static void test_full_file(void **state)
{
	struct config c;
	if (config_load("tests/data/config/full.yaml", &c))
		fail_msg("%s", mu_errmsg());
	assert_string_equal(c.path, "tests/data/config/full.yaml");
	assert_string_equal(c.theme, "high-contrast");
	assert_string_equal(c.db, "/home/tester/boards/shared.db"); /* ~ expanded */
	assert_int_equal(c.refresh_ms, 250);
	assert_true(c.restricted);
	assert_string_equal(c.export_dir, "/srv/muster/exports");
	assert_false(c.mouse);
	assert_int_equal(c.nbinds, 4);
	static const struct {
		const char *key, *action;
		int line, col;
	} want[] = {{"C-d", "page-down", 9, 3}, {"x", "tick", 10, 3}, {"F5", "refresh", 11, 3}, {"Space", "tick", 12, 3}};
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(c.binds[i].key, want[i].key);
		assert_string_equal(c.binds[i].action, want[i].action);
		assert_int_equal(c.binds[i].line, want[i].line);
		assert_int_equal(c.binds[i].col, want[i].col);
	}
	config_free(&c);
	assert_defaults(&c);
}

static void test_values(void **state)
{
	struct config c;
	char *p = write_file("c.yaml", "theme: ~/themes/mine.yaml\n"
	                               "database: \"/data/board.db\"\n"
	                               "refresh: 10000\n"
	                               "restricted: False\n"
	                               "mouse: ON\n"
	                               "export_dir: ~\n"
	                               "keys: {\"C-d\": page-down, x: tick, X: untick, \"?\": help}\n");
	if (config_load(p, &c))
		fail_msg("%s", mu_errmsg());
	assert_string_equal(c.theme, "/home/tester/themes/mine.yaml");
	assert_string_equal(c.db, "/data/board.db");
	assert_int_equal(c.refresh_ms, 10000);
	assert_false(c.restricted);
	assert_true(c.mouse);
	assert_null(c.export_dir);
	assert_int_equal(c.nbinds, 4);
	assert_string_equal(c.binds[2].key, "X"); /* case matters */
	assert_string_equal(c.binds[2].action, "untick");
	assert_int_equal(c.binds[3].col, 46);
	config_free(&c);
	free(p);

	p = write_file("c.yaml", "refresh: 100\nrestricted: yes\nmouse: no\nkeys:\ntheme:\n");
	assert_int_equal(config_load(p, &c), 0);
	assert_int_equal(c.refresh_ms, 100);
	assert_true(c.restricted);
	assert_false(c.mouse);
	assert_int_equal(c.nbinds, 0);
	assert_null(c.theme);
	config_free(&c);
	free(p);

	/* actions are stored as written: the TUI checks them */
	p = write_file("c.yaml", "keys:\n  z: no-such-action\n");
	assert_int_equal(config_load(p, &c), 0);
	assert_string_equal(c.binds[0].action, "no-such-action");
	assert_int_equal(c.binds[0].line, 2);
	config_free(&c);
	free(p);
}

static void test_bad_refresh(void **state)
{
	struct config c;
	assert_int_equal(config_load("tests/data/config/bad-refresh.yaml", &c), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/config/bad-refresh.yaml:2:10: refresh must be a number of "
	                                 "milliseconds from 100 to 10000, not \"50\"");
	assert_defaults(&c);
	config_free(&c);
	const char *bad[] = {"99", "10001", "-500", "1e3", "500ms", "0x100", "999999999999", "\"\"", "1.5"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *text = xasprintf("refresh: %s\n", bad[i]);
		const char *shown = bad[i][0] == '"' ? "" : bad[i];
		char *msg = xasprintf("1:10: refresh must be a number of milliseconds from 100 to 10000, not \"%s\"", shown);
		expect_error(text, msg);
		free(text);
		free(msg);
	}
	expect_error("refresh: [1]\n", "1:10: refresh must be a number of milliseconds from 100 to 10000");
}

static void test_bad_bool(void **state)
{
	struct config c;
	assert_int_equal(config_load("tests/data/config/bad-bool.yaml", &c), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/config/bad-bool.yaml:1:8: expected true or false for \"mouse\", not \"maybe\"");
	config_free(&c);
	expect_error("restricted: 1\n", "1:13: expected true or false for \"restricted\", not \"1\"");
	expect_error("restricted:\n", "1:12: expected true or false for \"restricted\"");
	expect_error("refresh:\n", "1:9: refresh must be a number of milliseconds from 100 to 10000");
	expect_error("mouse: {a: b}\n", "1:8: expected true or false for \"mouse\"");
}

static void test_unknown_key(void **state)
{
	struct config c;
	assert_int_equal(config_load("tests/data/config/unknown-key.yaml", &c), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/config/unknown-key.yaml:2:1: unknown key \"refersh\" (did you mean \"refresh\"?)");
	assert_defaults(&c); /* theme: light was read, then dropped */
	config_free(&c);
	expect_error("theme: x\ncolour: red\n",
	             "2:1: unknown key \"colour\" (expected theme, database, refresh, restricted, export_dir, mouse or keys)");
	expect_error("Theme: x\n", "1:1: unknown key \"Theme\" (did you mean \"theme\"?)");
	expect_error("db: x.db\n", "1:1: unknown key \"db\" (expected theme, database, refresh, restricted, export_dir, mouse or keys)");
}

static void test_other_errors(void **state)
{
	expect_error("theme: a\ntheme: b\n", "2:1: duplicate key \"theme\"");
	expect_error("- theme\n", "1:1: expected a mapping like \"theme: default\"");
	expect_error("theme: [a, b]\n", "1:8: expected a theme name or path for \"theme\"");
	expect_error("database: {a: b}\n", "1:11: expected a path for \"database\"");
	expect_error("keys: [x, tick]\n", "1:7: expected a mapping of keys to actions, like {\"C-d\": page-down, x: tick}");
	expect_error("keys:\n  x: tick\n  y: [a]\n", "3:6: expected an action name for key \"y\", like page-down");
	expect_error("keys:\n  x:\n", "2:5: expected an action name for key \"x\", like page-down");
	expect_error("keys:\n  x: tick\n  x: untick\n", "3:3: key \"x\" is bound twice (first on line 2)");
	expect_error("keys:\n  \"\": tick\n", "2:3: expected a key name, like x, \"C-d\", F5 or Space");
	expect_error("theme: &t light\nkeys: {x: *t}\n", "1:8: anchors and aliases are not allowed");
	expect_error("theme: light\n---\nmouse: no\n", "2:1: only one config per file: found a second YAML document");
	expect_error("keys: {x: tick\n", "2:1: did not find expected ',' or '}' (while parsing a flow mapping at 1:7)");
	expect_error("theme: light\n  mouse: no\n", "2:8: mapping values are not allowed in this context");
	expect_error("[a]: b\n", "1:1: expected a setting name, like theme");
}

static void test_limits(void **state)
{
	struct config c;
	size_t n = 1024 * 1024 + 1;
	char *big = xmalloc(n + 1);
	memset(big, '#', n);
	big[n] = '\0';
	char *p = write_file("big.yaml", big);
	assert_int_equal(config_load(p, &c), MU_DATA);
	char *want = xasprintf("%s: larger than 1 MiB, not a config file", p);
	assert_string_equal(mu_errmsg(), want);
	free(want);
	free(p);

	/* deep nesting under keys is refused at the cap, not by running out of stack */
	struct strbuf b = STRBUF_INIT;
	sb_add(&b, "keys: {x: ");
	for (int i = 0; i < 100000; i++)
		sb_addc(&b, '[');
	sb_addc(&b, '\n');
	p = write_file("deep.yaml", sb_str(&b));
	assert_int_equal(config_load(p, &c), MU_DATA);
	want = xasprintf("%s:1:25: nesting deeper than 16 levels", p);
	assert_string_equal(mu_errmsg(), want);
	free(want);
	free(p);
	sb_free(&b);

	assert_int_equal(config_load(tmpdir, &c), MU_DATA);
	want = xasprintf("%s: not a regular file", tmpdir);
	assert_string_equal(mu_errmsg(), want);
	free(want);
	assert_defaults(&c);

	p = write_file("nul.yaml", "theme: \"a\\0b\"\n");
	assert_int_equal(config_load(p, &c), MU_DATA);
	free(p);
	p = write_file("ctl.yaml", "theme: \x01\n");
	assert_int_equal(config_load(p, &c), MU_DATA);
	free(p);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file_gives_defaults),
		cmocka_unit_test(test_empty_files_give_defaults),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_xdg_file_is_read),
		cmocka_unit_test(test_full_file),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_bad_refresh),
		cmocka_unit_test(test_bad_bool),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_other_errors),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
