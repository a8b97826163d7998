/* Raw SQLite for the shell tests (CI has no sqlite3 shell): sqlq DB SQL
 * prints each row's columns separated by '|', one row per line. */
#include <sqlite3.h>
#include <stdio.h>
static int row(void *u, int n, char **v, char **names)
{
	(void)u, (void)names;
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "|" : "", v[i] ? v[i] : "");
	putchar('\n');
	return 0;
}
int main(int argc, char **argv)
{
	sqlite3 *db;
	char *err = NULL;
	if (argc != 3 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return 2;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, argv[2], row, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlq: %s\n", err);
		return 1;
	}
	return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
