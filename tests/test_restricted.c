/* Tests for src/cli/restricted.c and the identity parts of the global
 * options: the environment allow-list and its value checks, what is left
 * after cli_restricted_env, --as / --db counted and placed by
 * cli_parse_globals, export names, and the personal/shared identity rule
 * of board_identify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/identity.h"
#include "muster/priv.h"

extern char **environ;

static void env_values(void **state)
{
	(void)state;
	assert_true(cli_env_allowed("TERM", "xterm-256color"));
	assert_true(cli_env_allowed("TERM", "rxvt-unicode+x.y"));
	assert_false(cli_env_allowed("TERM", "../../tmp/evil"));
	assert_false(cli_env_allowed("TERM", "xterm\033[2J"));
	assert_false(cli_env_allowed("TERM", ""));
	char long_term[80];
	memset(long_term, 'x', 65);
	long_term[65] = '\0';
	assert_false(cli_env_allowed("TERM", long_term));
	long_term[64] = '\0';
	assert_true(cli_env_allowed("TERM", long_term));
	assert_true(cli_env_allowed("LANG", "en_US.UTF-8"));
	assert_true(cli_env_allowed("LC_ALL", "C.UTF-8"));
	assert_true(cli_env_allowed("LC_MESSAGES", "sr_RS.UTF-8@latin"));
	assert_false(cli_env_allowed("LANG", "/tmp/evil"));
	assert_false(cli_env_allowed("LC_CTYPE", "../../x"));
	assert_false(cli_env_allowed("LC_ALL", ".hidden"));
	assert_false(cli_env_allowed("LC_", "C"));
	assert_false(cli_env_allowed("LC_all", "C"));
	assert_true(cli_env_allowed("TZ", "UTC"));
	assert_true(cli_env_allowed("TZ", "Europe/Paris"));
	assert_true(cli_env_allowed("TZ", ":Asia/Shanghai"));
	assert_true(cli_env_allowed("TZ", "CET-1CEST,M3.5.0,M10.5.0/3"));
	assert_false(cli_env_allowed("TZ", "/etc/shadow"));
	assert_false(cli_env_allowed("TZ", ":/etc/shadow"));
	assert_false(cli_env_allowed("TZ", "../../../etc/shadow"));
	assert_false(cli_env_allowed("TZ", "Europe/../../etc/x"));
	const char *never[] = {"HOME", "XDG_CONFIG_HOME", "MUSTER_DB", "MUSTER_USER", "MUSTER_REPLAY",
			       "SSH_ORIGINAL_COMMAND", "PATH", "LD_PRELOAD", "TERMINFO", "SHELL"};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		assert_false(cli_env_allowed(never[i], "x"));
}

static void env_cleared(void **state)
{
	(void)state;
	setenv("TERM", "xterm", 1);
	setenv("LANG", "../evil", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TZ", "/etc/shadow", 1);
	setenv("HOME", "/tmp/evil", 1);
	setenv("XDG_CONFIG_HOME", "/tmp/evil", 1);
	setenv("MUSTER_TIMINGS", "/tmp/evil/t", 1);
	setenv("SSH_ORIGINAL_COMMAND", "muster --as alice", 1);
	cli_restricted_env("/home/kiosk");
	size_t n = 0;
	for (char **e = environ; *e; e++)
		n++;
	assert_int_equal(n, 3);
	assert_string_equal(getenv("TERM"), "xterm");
	assert_string_equal(getenv("LC_ALL"), "C.UTF-8");
	assert_string_equal(getenv("HOME"), "/home/kiosk");
	assert_null(getenv("LANG"));
	assert_null(getenv("TZ"));
	assert_null(getenv("MUSTER_TIMINGS"));
	assert_null(mu_env("MUSTER_TIMINGS"));
	assert_null(getenv("SSH_ORIGINAL_COMMAND"));
	assert_null(getenv("XDG_CONFIG_HOME"));
}

static int globals(struct cli_globals *g, const char *line)
{
	static char buf[512];
	char *argv[32];
	int argc = 0;
	snprintf(buf, sizeof buf, "%s", line);
	for (char *s = NULL, *t = strtok_r(buf, " ", &s); t && argc < 31; t = strtok_r(NULL, " ", &s))
		argv[argc++] = t;
	argv[argc] = NULL;
	int rc = cli_parse_globals(&argc, argv, g);
	return rc ? rc : cli_restricted_args(g);
}

static void identity_args(void **state)
{
	(void)state;
	struct cli_globals g;
	assert_int_equal(globals(&g, "muster --as bob --db /b --restricted tasks"), MU_OK);
	assert_string_equal(g.actor, "bob");
	assert_int_equal(globals(&g, "muster --as bob --restricted tasks --as eve"), MU_DENIED);
	assert_string_equal(g.late, "--as");
	assert_int_equal(globals(&g, "muster --restricted --as bob tasks"), MU_DENIED);
	assert_int_equal(globals(&g, "muster --as bob --restricted --db=/x tasks"), MU_DENIED);
	assert_string_equal(g.late, "--db=/x");
	assert_int_equal(globals(&g, "muster --as bob --as eve --restricted tasks"), MU_DENIED);
	assert_int_equal(globals(&g, "muster --db /a --db /b tasks"), MU_DENIED);
	assert_int_equal(globals(&g, "muster tasks --db /a"), MU_DENIED); /* after the command */
	/* "--" ends the options: what follows is the command's */
	assert_int_equal(globals(&g, "muster --as bob --restricted task add -- --as eve"), MU_OK);
	assert_string_equal(g.actor, "bob");
}

static void export_names(void **state)
{
	(void)state;
	assert_int_equal(cli_restricted_name("plan.yaml", "/e"), MU_OK);
	assert_int_equal(cli_restricted_name("中秋节.md", "/e"), MU_OK);
	const char *bad[] = {"", "a/b", "../x", ".profile", "a\nb", "a\rb", "x\033[31m", "x\x7f", "x\xc2\x9b",
			     "x\xc2\x85", "x\xff", "tab\there"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(cli_restricted_name(bad[i], "/e"), MU_DENIED);
}

static void identity_rule(void **state)
{
	(void)state;
	char dir[] = "/tmp/muster-identity.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/board.db", dir);
	struct passwd *pw = getpwuid(getuid());
	char *me = xstrdup(pw ? pw->pw_name : "?");
	struct board *b;
	/* personal: --as is who acts */
	assert_int_equal(board_open(&b, path, "alice", BOARD_CREATE), MU_OK);
	assert_string_equal(board_actor(b), "alice");
	assert_string_equal(board_account(b), me);
	assert_int_equal(board_mode(b), BOARD_PERSONAL);
	assert_int_equal(board_set_mode(b, BOARD_SHARED), MU_OK);
	board_close(b);
	/* shared: only the account, unless it is a kiosk account */
	assert_int_equal(board_open(&b, path, "alice", 0), MU_DENIED);
	assert_null(b);
	assert_int_equal(board_open(&b, path, NULL, 0), MU_OK);
	assert_string_equal(board_actor(b), me);
	assert_int_equal(board_mode(b), BOARD_SHARED);
	assert_int_equal(board_set_mode(b, BOARD_PERSONAL), MU_DENIED);
	assert_int_equal(kiosk_add(b, me), MU_OK);
	board_close(b);
	assert_int_equal(board_open(&b, path, "alice", 0), MU_OK);
	assert_string_equal(board_actor(b), "alice");
	assert_int_equal(kiosk_remove(b, me), MU_OK);
	assert_int_equal(board_set_mode(b, BOARD_GUARDED), MU_OK);
	assert_int_equal(board_set_mode(b, BOARD_SHARED), MU_DENIED); /* stays guarded */
	board_close(b);
	assert_int_equal(board_open(&b, path, "alice", 0), MU_DENIED);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(path);
	free(me);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(env_values),    cmocka_unit_test(identity_args), cmocka_unit_test(export_names),
		cmocka_unit_test(identity_rule), cmocka_unit_test(env_cleared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
