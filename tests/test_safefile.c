/* Unit tests for src/util/safefile.c: the temporary file is new, private
 * and next to the target; commit renames it over the target (a symlink
 * there replaced, its target untouched) with the umask's mode; abort and
 * every failure leave nothing behind; a writer that writes by path (as
 * SQLite's backup will) commits the same way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "muster/err.h"
#include "muster/safefile.h"
#include "muster/xalloc.h"

static char dir[] = "/tmp/muster-safefile-XXXXXX";

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/muster-safefile-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			char *p = xasprintf("%s/%s", dir, e->d_name);
			unlink(p);
			free(p);
		}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static size_t entries(void)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_open_commit(void **state)
{
	(void)state;
	char *path = xasprintf("%s/plan.yaml", dir);
	struct safefile f, g;
	assert_int_equal(safefile_open(&f, path), MU_OK);
	assert_int_equal(safefile_open(&g, path), MU_OK);
	/* next to the target, random, private until committed */
	assert_memory_equal(f.tmp, dir, strlen(dir));
	assert_string_not_equal(f.tmp, g.tmp);
	struct stat st;
	assert_int_equal(lstat(f.tmp, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	safefile_abort(&g);
	assert_int_equal(entries(), 1);
	assert_int_equal(safefile_write(&f, "new\n", 4), MU_OK);
	mode_t old = umask(027);
	assert_int_equal(safefile_commit(&f), MU_OK);
	umask(old);
	assert_string_equal(slurp(path), "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(entries(), 1);
	assert_null(f.tmp);
	free(path);
}

static void test_symlink_replaced(void **state)
{
	(void)state;
	char *path = xasprintf("%s/out.csv", dir), *victim = xasprintf("%s/victim", dir);
	FILE *v = fopen(victim, "w");
	fputs("VICTIM\n", v);
	fclose(v);
	assert_int_equal(symlink(victim, path), 0);
	assert_int_equal(safefile_write_all(path, "a,b\r\n", 5), MU_OK);
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_string_equal(slurp(path), "a,b\r\n");
	assert_string_equal(slurp(victim), "VICTIM\n");
	free(path);
	free(victim);
}

static void test_failures_leave_nothing(void **state)
{
	(void)state;
	char *missing = xasprintf("%s/nodir/x.yaml", dir), *path = xasprintf("%s/keep.txt", dir);
	assert_int_equal(safefile_write_all(missing, "x", 1), MU_DATA);
	assert_non_null(strstr(mu_errmsg(), "No such file or directory"));
	assert_int_equal(safefile_write_all(dir, "x", 1), MU_DATA); /* a directory */
	assert_non_null(strstr(mu_errmsg(), "Is a directory"));
	assert_int_equal(safefile_write_all("", "x", 1), MU_DATA);
	assert_int_equal(entries(), 0);
	/* abort after writing: the old file stays, the temporary goes */
	assert_int_equal(safefile_write_all(path, "old", 3), MU_OK);
	struct safefile f;
	assert_int_equal(safefile_open(&f, path), MU_OK);
	assert_int_equal(safefile_write(&f, "half", 4), MU_OK);
	safefile_abort(&f);
	safefile_abort(&f); /* twice is fine */
	assert_string_equal(slurp(path), "old");
	assert_int_equal(entries(), 1);
	/* a write on a closed descriptor fails and cleans up */
	assert_int_equal(safefile_open(&f, path), MU_OK);
	close(f.fd);
	assert_int_equal(safefile_write(&f, "x", 1), MU_DATA);
	assert_null(f.tmp);
	assert_int_equal(entries(), 1);
	free(missing);
	free(path);
}

/* SQLite's backup writes the temporary file by its name: commit syncs and
 * renames it all the same. */
static void test_write_by_path(void **state)
{
	(void)state;
	char *path = xasprintf("%s/board.bak", dir);
	struct safefile f;
	assert_int_equal(safefile_open(&f, path), MU_OK);
	int fd = open(f.tmp, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "SQLite format 3", 15), 15);
	close(fd);
	assert_int_equal(safefile_commit(&f), MU_OK);
	assert_string_equal(slurp(path), "SQLite format 3");
	assert_int_equal(entries(), 1);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures_leave_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_by_path, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
