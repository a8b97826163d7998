/* Tests for src/datadir.c: the search order (the user's directory, then
 * $MUSTER_THEMES for themes, then the compiled-in data directory), no
 * directory twice, names sorted with the first directory's file winning,
 * only NAME.yaml files, and the "looked in" list of a miss. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/datadir.h"
#include "muster/xalloc.h"

static char tmpdir[64];

static void put(const char *rel)
{
	char *p = xasprintf("%s/%s", tmpdir, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("x: 1\n", f);
	fclose(f);
	free(p);
}

static void mk(const char *rel)
{
	char *p = xasprintf("%s/%s", tmpdir, rel);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
}

static int setup(void **state)
{
	strcpy(tmpdir, "/tmp/muster-datadir.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	char *cfg = xasprintf("%s/config", tmpdir);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	free(cfg);
	unsetenv("MUSTER_THEMES");
	mk("config");
	mk("config/muster");
	mk("config/muster/templates");
	mk("config/muster/themes");
	mk("extra");
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void test_order(void **state)
{
	struct datadir_list d;
	char *want;
	datadir_dirs(DATA_TEMPLATES, &d);
	assert_true(d.n >= 2);
	want = xasprintf("%s/config/muster/templates", tmpdir);
	assert_string_equal(d.v[0], want);
	free(want);
	want = xasprintf("%s/templates", datadir_compiled());
	bool compiled = false;
	for (size_t i = 1; i < d.n; i++)
		compiled |= !strcmp(d.v[i], want);
	assert_true(compiled);
	free(want);
	datadir_free(&d);

	/* themes: the user's, then $MUSTER_THEMES (given twice: once) */
	char *extra = xasprintf("%s/extra", tmpdir);
	setenv("MUSTER_THEMES", extra, 1);
	datadir_dirs(DATA_THEMES, &d);
	want = xasprintf("%s/config/muster/themes", tmpdir);
	assert_string_equal(d.v[0], want);
	assert_string_equal(d.v[1], extra);
	free(want);
	datadir_free(&d);
	char *again = xasprintf("%s/config/muster/themes", tmpdir);
	setenv("MUSTER_THEMES", again, 1); /* the same as the user's: listed once */
	datadir_dirs(DATA_THEMES, &d);
	for (size_t i = 1; i < d.n; i++)
		assert_string_not_equal(d.v[i], again);
	datadir_free(&d);
	unsetenv("MUSTER_THEMES");
	free(again);
	free(extra);

	/* without XDG_CONFIG_HOME: ~/.config */
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-home", 1);
	datadir_dirs(DATA_TEMPLATES, &d);
	assert_string_equal(d.v[0], "/nonexistent-home/.config/muster/templates");
	datadir_free(&d);
	char *cfg = xasprintf("%s/config", tmpdir);
	setenv("XDG_CONFIG_HOME", cfg, 1);
	free(cfg);
}

static void test_names_and_find(void **state)
{
	put("config/muster/templates/zeta.yaml");
	put("config/muster/templates/alpha.yaml");
	put("config/muster/templates/notes.txt");
	put("config/muster/templates/.hidden.yaml");
	put("config/muster/themes/mine.yaml");
	struct datadir_list names, paths;
	datadir_names(DATA_TEMPLATES, &names, &paths);
	/* sorted; alpha and zeta from the user's directory come before any
	 * installed ones of the same name, other files ignored */
	bool alpha = false, zeta = false;
	for (size_t i = 0; i < names.n; i++) {
		assert_string_not_equal(names.v[i], "notes");
		assert_string_not_equal(names.v[i], ".hidden");
		if (i)
			assert_true(strcmp(names.v[i - 1], names.v[i]) < 0);
		if (!strcmp(names.v[i], "alpha")) {
			alpha = true;
			char *p = xasprintf("%s/config/muster/templates/alpha.yaml", tmpdir);
			assert_string_equal(paths.v[i], p);
			free(p);
		}
		zeta |= !strcmp(names.v[i], "zeta");
	}
	assert_true(alpha && zeta);
	assert_int_equal(names.n, paths.n);
	datadir_free(&names);
	datadir_free(&paths);

	struct strbuf looked = STRBUF_INIT;
	char *p = datadir_find(DATA_THEMES, "mine", &looked);
	char *want = xasprintf("%s/config/muster/themes/mine.yaml", tmpdir);
	assert_non_null(p);
	assert_string_equal(p, want);
	assert_int_equal(looked.len, 0);
	free(p);
	free(want);
	assert_null(datadir_find(DATA_THEMES, "nosuch", &looked));
	want = xasprintf("%s/config/muster/themes, ", tmpdir);
	assert_memory_equal(sb_str(&looked), want, strlen(want));
	free(want);
	want = xasprintf("%s/themes", datadir_compiled());
	assert_non_null(strstr(sb_str(&looked), want));
	free(want);
	sb_free(&looked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_names_and_find),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
