/* Unit tests for the mkdir -p of src/util/path.c (a board's directory, a
 * group's): every missing directory made, the last one with its mode,
 * existing ones left alone, the first failure's errno. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "muster/path.h"

static char root[64];

static int make_root(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/muster-unit.XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static char *under(const char *rel)
{
	static char buf[4][160];
	static int i;
	char *b = buf[i++ % 4];
	snprintf(b, sizeof buf[0], "%s/%s", root, rel);
	return b;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	return st.st_mode & 07777;
}

static int remove_root(void **state)
{
	(void)state;
	static const char *const dirs[] = {"a/b/c", "a/b", "a", "f/g", "f", "x", "file"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
		if (rmdir(under(dirs[i])) != 0)
			unlink(under(dirs[i]));
	return rmdir(root);
}

static void test_mkdir_p(void **state)
{
	(void)state;
	mode_t old = umask(022);
	assert_int_equal(path_mkdir_p(under("a/b/c"), 0700), 0);
	assert_int_equal(mode_of(under("a")), 0755);
	assert_int_equal(mode_of(under("a/b")), 0755);
	assert_int_equal(mode_of(under("a/b/c")), 0700);
	assert_int_equal(path_mkdir_p(under("a/b/c"), 0700), 0); /* there already */
	assert_int_equal(path_mkdir_p(under("a/b/"), 0700), 0);
	assert_int_equal(path_mkdir_p("/", 0700), 0);
	assert_int_equal(path_mkdir_p("", 0700), 0);
	FILE *f = fopen(under("file"), "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(path_mkdir_p(under("file/sub"), 0700), ENOTDIR);
	umask(old);
}

static void test_mkdir_parents(void **state)
{
	(void)state;
	mode_t old = umask(022);
	assert_int_equal(path_mkdir_parents(under("f/g/board.db")), 0);
	assert_int_equal(mode_of(under("f/g")), 0755);
	assert_int_equal(access(under("f/g/board.db"), F_OK), -1); /* the file is not made */
	assert_int_equal(path_mkdir_parents(under("x/")), 0);
	assert_int_equal(mode_of(under("x")), 0755);
	assert_int_equal(path_mkdir_parents("board.db"), 0); /* no directory in it */
	assert_int_equal(path_mkdir_parents("/board.db"), 0);
	assert_int_equal(path_mkdir_parents(under("file/sub/board.db")), ENOTDIR);
	umask(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mkdir_p),
		cmocka_unit_test(test_mkdir_parents),
	};
	return cmocka_run_group_tests(tests, make_root, remove_root);
}
