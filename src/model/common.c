/* Input checks and small helpers shared by the model files. */
#include <stdlib.h>
#include <string.h>
#include "muster/date.h"
#include "muster/db.h"
#include "muster/err.h"
#include "muster/model.h"
#include "muster/utf8.h"
#include "muster/xalloc.h"

int model_check_text(const char *what, const char *s, size_t min, size_t max)
{
	size_t n = strlen(s), bad;
	if (n < min)
		return mu_fail(MU_DATA, "%s is empty", what);
	if (n > max)
		return mu_fail(MU_DATA, "%s is too long (%zu bytes; at most %zu)", what, n, max);
	if (!utf8_valid(s, n, &bad))
		return mu_fail(MU_DATA, "%s is not valid UTF-8 (byte %zu)", what, bad);
	bool multiline = max >= MODEL_NOTES_MAX;
	uint32_t cp;
	if (utf8_find_unsafe(s, n, multiline, &bad, &cp))
		return mu_fail(MU_DATA, "%s contains %s U+%04X (byte %zu)", what,
			       utf8_unsafe_what(utf8_unsafe(cp)), (unsigned)cp, bad);
	return MU_OK;
}

int model_check_date(const char *what, const char *s)
{
	int32_t d;
	if (*s && !date_parse_iso(s, &d))
		return mu_fail(MU_DATA, "%s \"%s\" is not a date like 2026-09-01", what, s);
	return MU_OK;
}

char *model_like_pattern(const char *s)
{
	struct strbuf b = STRBUF_INIT;
	sb_addc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			sb_addc(&b, '\\');
		sb_addc(&b, *s);
	}
	sb_addc(&b, '%');
	return b.s;
}

int model_event_exists(struct board *b, int64_t event)
{
	static const char *sql = "SELECT 1 FROM event WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, event);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return MU_OK;
	return rc == SQLITE_DONE ? mu_fail(MU_DATA, "no event with id %lld", (long long)event)
				 : db_fail(b, rc);
}

int model_parse_id(const char *s, int64_t *id)
{
	char *end;
	if (!s || *s < '0' || *s > '9')
		return 0;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return 0;
	*id = v;
	return 1;
}

int model_add_end(struct board *b, struct change *c, int rc, int64_t *id)
{
	if (!rc)
		c->id = sqlite3_last_insert_rowid(b->db);
	rc = db_change_end(b, c, rc);
	if (!rc && id)
		*id = c->id;
	return rc;
}
