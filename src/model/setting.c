/* Board settings (default_access, label): board-level changes, audited as
 * entity "board", that only those who may change the board make (see
 * model_allow_board in identity.c). */
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/identity.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/utf8.h"

/* label: a short name for the board's title line ("demo"). */
static int check_label(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return mu_fail(MU_USAGE, "a board label is one line of text");
	size_t bad;
	if (!utf8_valid(v, strlen(v), &bad) || utf8_width(v) > 24)
		return mu_fail(MU_USAGE, "a board label is at most 24 columns of UTF-8 text: %s", v);
	return MU_OK;
}

int board_setting_set(struct board *b, const char *key, const char *value)
{
	static const char *snap = "SELECT json_object('key', key, 'value', value), NULL FROM setting WHERE key = ?1";
	static const char *sql_set = "INSERT INTO setting(key, value) VALUES (?1, ?2)"
				     " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	enum access_level a;
	int rc = MU_OK;
	if (!strcmp(key, "default_access"))
		rc = access_parse(value, &a);
	else if (!strcmp(key, "label"))
		rc = check_label(value);
	else
		return mu_fail(MU_USAGE, "unknown board setting %s (default_access, label)", key);
	if (rc)
		return rc;
	if ((rc = model_allow_board(b, "change board settings")))
		return rc;
	if ((rc = db_begin(b)))
		return rc;
	char *old = NULL;
	sqlite3_stmt *st = db_stmt(b, snap);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	model_row(st, "s", &old);
	st = db_stmt(b, sql_set);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = db_exec_stmt(b, st);
	char *new_ = NULL;
	if (!rc) {
		st = db_stmt(b, snap);
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		model_row(st, "s", &new_);
	}
	if (!rc && old && new_ && !strcmp(old, new_)) {
		db_rollback(b);
	} else {
		if (!rc)
			rc = db_audit(b, 0, "board", 0, "setting", old, new_);
		if (!rc)
			rc = db_commit(b);
		else
			db_rollback(b);
	}
	free(old);
	free(new_);
	return rc;
}

char *board_setting_get(struct board *b, const char *key)
{
	static const char *sql = "SELECT value FROM setting WHERE key = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	char *v = NULL;
	model_row(st, "s", &v);
	return v;
}
