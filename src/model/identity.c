/* Who acts on a board: its mode (setting "mode"), the Unix account of the
 * process, the kiosk list, and who may make board-level changes.  Called
 * by board_open once the schema is read, so no board is written before its
 * actor is settled (db_begin and db_audit refuse until then). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/db.h"
#include "muster/identity.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/priv.h"

static const char *const mode_names[] = {"personal", "shared", "guarded"};

enum board_mode board_mode(const struct board *b) { return (enum board_mode)b->mode; }
const char *board_mode_name(enum board_mode m) { return (unsigned)m <= BOARD_GUARDED ? mode_names[m] : "?"; }
const char *board_account(const struct board *b) { return b->account; }

void board_owner_name(const struct board *b, char out[64])
{
	struct passwd *pw = getpwuid((uid_t)b->owner);
	if (pw && pw->pw_name)
		snprintf(out, 64, "%s", pw->pw_name);
	else
		snprintf(out, 64, "uid %u", b->owner);
}

static char *account_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("uid%ld", (long)getuid());
}

static int read_mode(struct board *b)
{
	static const char *sql = "SELECT value FROM setting WHERE key = 'mode'";
	sqlite3_stmt *st = db_stmt(b, sql);
	int rc = sqlite3_step(st);
	b->mode = BOARD_PERSONAL;
	if (rc == SQLITE_ROW) {
		const char *v = db_col_text(st, 0);
		/* an unknown mode is the strictest one, never personal */
		b->mode = !strcmp(v, "shared") ? BOARD_SHARED : BOARD_GUARDED;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

/* Guarded: -wal and -shm outlive every connection, so no later open has to
 * make them (the directory is not writable once the group is given up). */
static void keep_wal(struct board *b)
{
	int one = 1;
	if (b->mode == BOARD_GUARDED)
		sqlite3_file_control(b->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
}

bool kiosk_has(struct board *b, const char *account)
{
	static const char *sql = "SELECT 1 FROM kiosk WHERE account = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

int board_identify(struct board *b, const char *as)
{
	struct stat st;
	free(b->account);
	b->account = account_login();
	int rc = read_mode(b);
	if (rc)
		return rc;
	keep_wal(b);
	/* b->path is absolute (cli_db_path), so this is the file SQLite opened.
	 * A shared or guarded board whose file cannot be seen has no owner:
	 * nobody but root may then act as its owner. */
	bool have = stat(b->path, &st) == 0;
	b->owner = have ? (unsigned)st.st_uid : b->mode == BOARD_PERSONAL ? (unsigned)getuid() : (unsigned)-1;
	b->admin = b->mode != BOARD_GUARDED || getuid() == 0 || getuid() == (uid_t)b->owner ||
		   (have && priv_member_of(st.st_gid));
	if (!as || !*as)
		as = b->account;
	if (b->mode != BOARD_PERSONAL && strcmp(as, b->account) != 0 && !kiosk_has(b, b->account))
		return mu_fail(MU_DENIED,
			       "%s is a %s board: you act as your Unix account (%s), not as %s; only kiosk accounts"
			       " may act for others (see muster kiosk list)",
			       b->path, mode_names[b->mode], b->account, as);
	free(b->actor);
	b->actor = xstrdup(as);
	return MU_OK;
}

/* root or the owner of the board file */
static int allow_owner(struct board *b, const char *what)
{
	char owner[64];
	if (access_restricted(b))
		return mu_fail(MU_DENIED, "a restricted session may not change %s", what);
	if (getuid() == 0 || getuid() == (uid_t)b->owner)
		return MU_OK;
	board_owner_name(b, owner);
	return mu_fail(MU_DENIED, "%s may not change %s: only root or the board file's owner (%s) may", b->account,
		       what, owner);
}

int model_allow_board(struct board *b, const char *what)
{
	char owner[64];
	if (access_restricted(b))
		return mu_fail(MU_DENIED, "a restricted session may not %s", what);
	if (b->admin)
		return MU_OK;
	board_owner_name(b, owner);
	return mu_fail(MU_DENIED, "%s may not %s on the guarded board %s: only root, its owner (%s) and its group may",
		       b->account, what, b->path, owner);
}

int board_set_mode(struct board *b, enum board_mode m)
{
	static const char *snap = "SELECT json_object('key', key, 'value', value), NULL FROM setting WHERE key = 'mode'";
	static const char *sql = "INSERT INTO setting(key, value) VALUES ('mode', ?1)"
				 " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	if (b->mode == (int)m)
		return MU_OK;
	int rc = allow_owner(b, "the board's mode");
	if (rc)
		return rc;
	if (b->mode == BOARD_GUARDED || m == BOARD_PERSONAL)
		return mu_fail(MU_DENIED, "%s is a %s board and stays one", b->path, mode_names[b->mode]);
	if ((rc = db_begin(b)))
		return rc;
	char *old = db_snapshot(b, snap, 0, NULL);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, mode_names[m], -1, SQLITE_STATIC);
	rc = db_exec_stmt(b, st);
	char *new_ = rc ? NULL : db_snapshot(b, snap, 0, NULL);
	if (!rc)
		rc = db_audit(b, 0, "board", 0, "mode", old, new_);
	rc = rc ? rc : db_commit(b);
	if (rc)
		db_rollback(b);
	else
		b->mode = (int)m;
	free(old);
	free(new_);
	keep_wal(b);
	return rc;
}

/* ---- the kiosk list ---- */

static const char *snap_kiosk =
	"SELECT json_object('name', account, 'added_by', added_by, 'added_at', added_at), NULL FROM kiosk WHERE id = ?1";

int kiosk_list(struct board *b, struct kiosk_list *out)
{
	static const char *sql = "SELECT account, added_by, added_at FROM kiosk ORDER BY account";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct kiosk_entry *e = LIST_PUSH(out);
		e->account = pool_strdup(&out->pool, db_col_text(st, 0));
		e->added_by = pool_strdup(&out->pool, db_col_text(st, 1));
		e->added_at = pool_strdup(&out->pool, db_col_text(st, 2));
	}
	if ((rc = model_rows_end(b, st, rc)))
		kiosk_list_free(out);
	return rc;
}

void kiosk_list_free(struct kiosk_list *l) { LIST_FREE(l); }

static int kiosk_id(struct board *b, const char *account, int64_t *id)
{
	static const char *sql = "SELECT id FROM kiosk WHERE account = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MU_OK : db_fail(b, rc);
}

int kiosk_add(struct board *b, const char *account)
{
	static const char *sql = "INSERT INTO kiosk(account, added_by) VALUES (?1, ?2)";
	int64_t id;
	int rc = model_check_text("account", account, 1, MODEL_NAME_MAX);
	if (!rc && !getpwnam(account))
		rc = mu_fail(MU_DATA, "no Unix account %s on this host", account);
	if (rc || (rc = allow_owner(b, "the kiosk list")))
		return rc;
	struct change c;
	if ((rc = db_change_begin(b, &c, "kiosk", "add", snap_kiosk, 0)))
		return rc;
	rc = kiosk_id(b, account, &id);
	if (!rc && id)
		rc = mu_fail(MU_DATA, "%s is on the kiosk list already", account);
	if (!rc) {
		sqlite3_stmt *st = db_stmt(b, sql);
		sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, b->account, -1, SQLITE_STATIC);
		rc = db_exec_stmt(b, st);
		c.id = sqlite3_last_insert_rowid(b->db);
	}
	return db_change_end(b, &c, rc);
}

int kiosk_remove(struct board *b, const char *account)
{
	static const char *sql = "DELETE FROM kiosk WHERE id = ?1";
	int64_t id;
	int rc = allow_owner(b, "the kiosk list");
	if (rc || (rc = kiosk_id(b, account, &id)))
		return rc;
	if (!id)
		return mu_fail(MU_DATA, "%s is not on the kiosk list (see muster kiosk list)", account);
	struct change c;
	if ((rc = db_change_begin(b, &c, "kiosk", "remove", snap_kiosk, id)))
		return rc;
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, id);
	rc = db_exec_stmt(b, st);
	return db_change_end(b, &c, rc);
}
