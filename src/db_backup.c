/* A consistent copy of the board while others keep writing: SQLite's
 * online backup API in one step, so the copy is one read transaction's
 * snapshot (WAL: writers go on meanwhile) holding every change committed
 * before it began; the copy is checked (quick_check) before it is kept. */
#include <string.h>
#include <time.h>
#include "muster/db.h"
#include "muster/err.h"

/* Why the copy failed: the destination (full, unwritable: MU_DATA like any
 * file muster cannot write) or the board / memory (db_fail). */
static int copy_failed(struct board *b, sqlite3 *d, const char *dest, int rc)
{
	int e = rc & 0xff;
	if (e == SQLITE_CORRUPT)
		return mu_fail(MU_DATA, "the copy %s does not check out (quick_check); nothing was kept", dest);
	if (e == SQLITE_FULL || e == SQLITE_IOERR || e == SQLITE_CANTOPEN || e == SQLITE_READONLY)
		return mu_fail(MU_DATA, "cannot write the copy %s: %s", dest, d ? sqlite3_errmsg(d) : sqlite3_errstr(rc));
	return db_fail(b, rc);
}

int board_backup(struct board *b, const char *dest)
{
	sqlite3 *d = NULL;
	int rc = sqlite3_open_v2(dest, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_backup *bk = rc == SQLITE_OK ? sqlite3_backup_init(d, "main", b->db, "main") : NULL;
	if (!bk) {
		rc = copy_failed(b, d, dest, rc ? rc : sqlite3_errcode(d));
		sqlite3_close(d);
		return rc;
	}
	/* -1: every page in one step, one snapshot.  A lock in the way (a WAL
	 * being recovered) is waited for as long as any other command would. */
	struct timespec pause = {0, 2000000};
	for (int waited = 0; (rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED; waited += 2) {
		if (waited > b->busy_ms)
			break;
		nanosleep(&pause, NULL);
	}
	int fin = sqlite3_backup_finish(bk);
	if (rc == SQLITE_DONE)
		rc = fin;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		sqlite3_close(d);
		return db_fail(b, rc);
	}
	if (rc == SQLITE_OK) {
		sqlite3_stmt *st;
		rc = sqlite3_prepare_v2(d, "PRAGMA quick_check", -1, &st, NULL);
		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			const unsigned char *v = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
			rc = v && !strcmp((const char *)v, "ok") ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_CORRUPT : rc;
			sqlite3_finalize(st);
		}
	}
	if (rc != SQLITE_OK) {
		rc = copy_failed(b, d, dest, rc);
		sqlite3_close(d);
		return rc;
	}
	return sqlite3_close(d) == SQLITE_OK ? MU_OK : mu_fail(MU_DATA, "cannot finish the copy %s", dest);
}
