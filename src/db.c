/* Opening a board: the SQLite connection, pragmas (WAL, foreign keys, a fair
 * bounded busy handler), the migrations of src/schema.c through PRAGMA
 * user_version, the prepared-statement cache and the transaction helpers.
 * A change with its snapshots and audit row is src/db_change.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "muster/clock.h"
#include "muster/db.h"
#include "muster/err.h"
#include "muster/path.h"
#include "muster/priv.h"
#include "muster/xalloc.h"

int board_schema_version(void) { return db_nmigrations; }

/* Short, bounded sleeps (0.1 ms growing to 2 ms) instead of SQLite's default
 * back-off up to 100 ms: waiters retry often, so none waits much longer than
 * the others.  Gives up after busy_ms. */
static int busy_wait(void *arg, int count)
{
	struct board *b = arg;
	if (count == 0)
		b->busy_started = clock_ms();
	else if (clock_ms() - b->busy_started > b->busy_ms)
		return 0;
	long us = 100L << (count < 5 ? count : 5);
	struct timespec ts = {0, (us > 2000 ? 2000 : us) * 1000L};
	nanosleep(&ts, NULL);
	return 1;
}

int db_fail(struct board *b, int rc)
{
	const char *msg = b && b->db ? sqlite3_errmsg(b->db) : sqlite3_errstr(rc);
	const char *path = b && b->path ? b->path : "board";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return mu_fail(MU_BUSY, "%s: the board is busy (locked by another writer for over %d ms); try again",
			       path, b ? b->busy_ms : 0);
	case SQLITE_READONLY:
		return mu_fail(MU_DB, "%s: the board is read-only for you (%s)", path, msg);
	case SQLITE_NOTADB:
		return mu_fail(MU_DB, "%s: not a muster board (file is not an SQLite database)", path);
	case SQLITE_CORRUPT:
		return mu_fail(MU_DB, "%s: the board file is damaged (%s)", path, msg);
	case SQLITE_FULL:
		return mu_fail(MU_DB, "%s: disk full; nothing was changed", path);
	case SQLITE_CANTOPEN:
		return mu_fail(MU_DB, "%s: cannot open the board (%s)", path, msg);
	case SQLITE_IOERR:
		/* A full disk often shows as a failed WAL write, not SQLITE_FULL. */
		if (b && b->db && sqlite3_system_errno(b->db) == ENOSPC)
			return mu_fail(MU_DB, "%s: disk full; nothing was changed", path);
		return mu_fail(MU_DB, "%s: I/O error (%s)", path, msg);
	case SQLITE_CONSTRAINT:
		return mu_fail(MU_DATA, "%s", msg);
	default:
		return mu_fail(MU_DB, "%s: %s", path, msg);
	}
}

sqlite3_stmt *db_stmt(struct board *b, const char *sql)
{
	for (size_t i = 0; i < b->nstmts; i++) {
		if (b->stmts[i].sql == sql) {
			sqlite3_stmt *st = b->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc == SQLITE_NOMEM)
		die("out of memory");
	if (rc != SQLITE_OK)
		die("internal error: %s in SQL: %.200s", sqlite3_errmsg(b->db), sql);
	xgrow((void **)&b->stmts, &b->capstmts, b->nstmts + 1, sizeof *b->stmts);
	b->stmts[b->nstmts++] = (struct stmt_slot){sql, st};
	return st;
}

static int exec_sql(struct board *b, const char *sql)
{
	int rc = sqlite3_exec(b->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MU_OK : db_fail(b, rc);
}

int db_begin(struct board *b)
{
	if (!b->actor && !b->migrating) /* only the migrations write before board_identify */
		return mu_fail(MU_DENIED, "%s: nobody is settled as the actor; nothing written", b->path);
	int rc = exec_sql(b, "BEGIN IMMEDIATE");
	if (rc == MU_OK)
		b->in_txn = true;
	return rc;
}

int db_commit(struct board *b)
{
	int rc = sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int st = db_fail(b, rc);
		db_rollback(b);
		return st;
	}
	b->in_txn = false;
	b->commits++;
	return MU_OK;
}

void db_rollback(struct board *b)
{
	if (!sqlite3_get_autocommit(b->db))
		sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
	b->in_txn = false;
}

int db_step_id(struct board *b, const char *sql, int64_t id, const char *what, sqlite3_stmt **out)
{
	sqlite3_stmt *st = *out = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no %s with id %lld", what, (long long)id) : db_fail(b, rc);
}

int64_t db_query_int64(struct board *b, const char *sql)
{
	sqlite3_stmt *st = db_stmt(b, sql);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int db_exec_stmt(struct board *b, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

static int user_version(struct board *b, int *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(b->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_fail(b, rc);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MU_OK : db_fail(b, rc);
}

/* Schema version 0 with tables in it: someone else's database, which must
 * be left exactly as it is (not even switched to WAL).  With no tables at
 * all (an empty file) it becomes a board only when the caller creates
 * boards (init, import, the board itself), never for a command that reads. */
static int check_foreign(struct board *b, unsigned flags)
{
	int v, rc = user_version(b, &v);
	if (rc || v)
		return rc;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->db, "SELECT 1 FROM sqlite_schema LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_fail(b, sqlite3_errcode(b->db));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return mu_fail(MU_DB, "%s: not a muster board (an SQLite database of another program)", b->path);
	if (rc != SQLITE_DONE)
		return db_fail(b, rc);
	if (!(flags & BOARD_CREATE))
		return mu_fail(MU_DB, "%s: an empty file, not a board yet; make it one with 'muster init'"
				      " (nothing was changed)", b->path);
	return MU_OK;
}

static int migrate(struct board *b, bool readonly)
{
	int v, rc = user_version(b, &v);
	if (rc)
		return rc;
	if (v > db_nmigrations)
		return mu_fail(MU_DB, "%s: the board has schema version %d, newer than this muster knows (%d); upgrade muster",
			       b->path, v, db_nmigrations);
	if (v == db_nmigrations)
		return MU_OK;
	if (readonly)
		return mu_fail(MU_DB, "%s: the board needs an upgrade (schema %d → %d) but is open read-only",
			       b->path, v, db_nmigrations);
	b->migrating = true;
	rc = db_begin(b);
	b->migrating = false;
	if (rc)
		return rc;
	/* Re-read under the write lock: another process may have migrated. */
	if ((rc = user_version(b, &v)))
		goto fail;
	for (; v < db_nmigrations; v++) {
		char pragma[40];
		for (const char *const *sql = db_migrations[v]; *sql; sql++)
			if ((rc = exec_sql(b, *sql)))
				goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if ((rc = exec_sql(b, pragma)))
			goto fail;
	}
	return db_commit(b);
fail:
	db_rollback(b);
	return rc;
}

/* True when we can write the file and create files beside it. */
static bool may_write(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	bool ok = access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	return ok;
}

/* Open the connection and make the first read, which tells a file that is
 * not a database apart.  immutable: read-only, no locks, no -wal/-shm. */
static int connect(struct board *b, unsigned flags, bool immutable)
{
	int oflags = (flags & BOARD_READONLY) ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE | ((flags & BOARD_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (flags & BOARD_NOFOLLOW)
		oflags |= SQLITE_OPEN_NOFOLLOW;
	char *name = b->path;
	if (immutable) {
		struct strbuf u = STRBUF_INIT;
		sb_add(&u, "file:");
		for (const unsigned char *c = (const unsigned char *)b->path; *c; c++) {
			if (*c == '?' || *c == '#' || *c == '%' || *c <= ' ')
				sb_addf(&u, "%%%02X", *c);
			else
				sb_addc(&u, (char)*c);
		}
		sb_add(&u, "?immutable=1");
		name = u.s;
		oflags |= SQLITE_OPEN_URI;
	}
	int rc = sqlite3_open_v2(name, &b->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (immutable)
		free(name);
	if (rc != SQLITE_OK)
		return db_fail(b, rc);
	sqlite3_extended_result_codes(b->db, 0);
	sqlite3_busy_handler(b->db, busy_wait, b);
	/* A 2 MiB page cache: the board reads by window and by index, so a larger
	 * cache only grew memory with the board (8 MiB: peak RSS 13.8 MiB at 100k
	 * tasks, 2.3x that at 1k; 2 MiB: 7.5 MiB, 1.2x, with the same key times). */
	rc = exec_sql(b, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2048; PRAGMA temp_store = MEMORY");
	return rc ? rc : exec_sql(b, "SELECT count(*) FROM sqlite_schema");
}

int board_open(struct board **out, const char *path, const char *as, unsigned flags)
{
	*out = NULL;
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && !(flags & BOARD_CREATE))
		return mu_fail(MU_DB, "%s: no board here; create one with 'muster init' or 'muster import FILE'", path);
	if (exists && S_ISDIR(sb.st_mode))
		return mu_fail(MU_DB, "%s: is a directory, not a board file", path);
	if (!exists) {
		int e = path_mkdir_parents(path);
		if (e)
			return mu_fail(MU_DB, "%s: cannot create its directory: %s", path, strerror(e));
	}
	struct board *b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->created = !exists;
	const char *env = mu_env("MUSTER_BUSY_TIMEOUT");
	b->busy_ms = env && atoi(env) > 0 ? atoi(env) : 5000;

	int rc = connect(b, flags, false);
	/* A board we may only read whose -shm we cannot use: an immutable read
	 * where nobody can be writing it (a read-only medium or directory), else
	 * a refusal -- never a view that stays stale while others write. */
	int why = rc && b->db ? sqlite3_errcode(b->db) & 0xff : 0;
	if (rc == MU_DB && exists && !may_write(path) && (why == SQLITE_CANTOPEN || why == SQLITE_READONLY)) {
		sqlite3_close(b->db);
		b->db = NULL;
		flags |= BOARD_READONLY;
		rc = db_nobody_writes(path) ? connect(b, flags, true) : db_cannot_follow(path);
	}
	if (!rc)
		rc = check_foreign(b, flags);
	if (!rc && !(flags & BOARD_READONLY) && !sqlite3_db_readonly(b->db, "main"))
		rc = exec_sql(b, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
	if (!rc)
		rc = migrate(b, (flags & BOARD_READONLY) || sqlite3_db_readonly(b->db, "main"));
	if (!rc)
		rc = board_identify(b, as);
	if (rc) {
		board_close(b);
		return rc;
	}
	b->commits = 0; /* a migration is not the caller's change */
	*out = b;
	return MU_OK;
}

void board_close(struct board *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nstmts; i++)
		sqlite3_finalize(b->stmts[i].stmt);
	free(b->stmts);
	sqlite3_close(b->db);
	free(b->path);
	free(b->actor);
	free(b->account);
	free(b);
}

const char *board_actor(const struct board *b) { return b->actor; }
bool board_created(const struct board *b) { return b->created; }
int64_t board_commits(const struct board *b) { return b ? b->commits : 0; }
const char *board_path(const struct board *b) { return b->path; }

int64_t board_data_version(struct board *b)
{
	static const char *sql = "PRAGMA data_version";
	return db_query_int64(b, sql);
}

char *board_default_path(void)
{
	const char *env = mu_env("MUSTER_DB");
	if (env && *env)
		return xstrdup(env);
	env = getenv("XDG_DATA_HOME");
	if (env && *env == '/')
		return xasprintf("%s/muster/board.db", env);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/muster/board.db", home && *home ? home : ".");
}
