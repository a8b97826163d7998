/* Reading the audit log (rows are written by db_audit inside each change),
 * and the readable summary of a change that `muster log` and the log
 * screen show. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "muster/db.h"
#include "muster/log.h"
#include "muster/model.h"

int log_query(struct board *b, const struct log_query *q, struct log_list *out)
{
	/* The newest `limit` rows, returned oldest first. */
	static const char *sql =
		"SELECT * FROM (SELECT id, coalesce(event_id, 0), coalesce(entity_id, 0), at, actor,"
		" entity, action, old, new, account FROM log"
		" WHERE (?1 = 0 OR event_id = ?1) AND (?2 IS NULL OR at >= ?2)"
		" AND (?3 IS NULL OR actor = ?3) ORDER BY id DESC LIMIT ?4) ORDER BY id";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = db_stmt(b, sql);
	sqlite3_bind_int64(st, 1, q->event_id);
	db_bind_text(st, 2, q->since);
	db_bind_text(st, 3, q->actor);
	sqlite3_bind_int64(st, 4, q->limit ? (sqlite3_int64)q->limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct log_entry *e = LIST_PUSH(out);
		e->id = sqlite3_column_int64(st, 0);
		e->event_id = sqlite3_column_int64(st, 1);
		e->entity_id = sqlite3_column_int64(st, 2);
		e->at = pool_strdup(&out->pool, db_col_text(st, 3));
		e->actor = pool_strdup(&out->pool, db_col_text(st, 4));
		e->entity = pool_strdup(&out->pool, db_col_text(st, 5));
		e->action = pool_strdup(&out->pool, db_col_text(st, 6));
		e->old = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : pool_strdup(&out->pool, db_col_text(st, 7));
		e->new_ = sqlite3_column_type(st, 8) == SQLITE_NULL ? NULL : pool_strdup(&out->pool, db_col_text(st, 8));
		e->account = sqlite3_column_type(st, 9) == SQLITE_NULL ? NULL : pool_strdup(&out->pool, db_col_text(st, 9));
	}
	if ((rc = model_rows_end(b, st, rc)))
		log_list_free(out);
	return rc;
}

void log_list_free(struct log_list *l) { LIST_FREE(l); }

/* ---- a flat JSON object as (key, raw value) pairs ---- */

struct kv {
	const char *key, *val;
	size_t klen, vlen;
};

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *skip_string(const char *p) /* p at the opening quote */
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : NULL;
}

static const char *skip_value(const char *p)
{
	if (*p == '"')
		return skip_string(p);
	if (*p == '{' || *p == '[') {
		int depth = 0;
		for (; *p; p++) {
			if (*p == '"') {
				p = skip_string(p);
				if (!p)
					return NULL;
				p--;
			} else if (*p == '{' || *p == '[') {
				depth++;
			} else if ((*p == '}' || *p == ']') && --depth == 0) {
				return p + 1;
			}
		}
		return NULL;
	}
	while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ')
		p++;
	return p;
}

/* Up to max pairs; -1 when s is not a JSON object. */
static int parse_flat(const char *s, struct kv *kv, int max)
{
	int n = 0;
	const char *p = skip_ws(s ? s : "");
	if (*p != '{')
		return -1;
	p = skip_ws(p + 1);
	if (*p == '}')
		return 0;
	for (;;) {
		if (*p != '"')
			return -1;
		const char *k = p + 1, *e = skip_string(p);
		if (!e)
			return -1;
		p = skip_ws(e);
		if (*p != ':')
			return -1;
		p = skip_ws(p + 1);
		const char *v = p;
		if (!(e = skip_value(p)) || e == v)
			return -1;
		if (n < max)
			kv[n++] = (struct kv){k, v, (size_t)(skip_string(k - 1) - 1 - k), (size_t)(e - v)};
		p = skip_ws(e);
		if (*p == '}')
			return n;
		if (*p != ',')
			return -1;
		p = skip_ws(p + 1);
	}
}

static const struct kv *kv_get(const struct kv *kv, int n, const struct kv *like)
{
	for (int i = 0; i < n; i++)
		if (kv[i].klen == like->klen && memcmp(kv[i].key, like->key, like->klen) == 0)
			return &kv[i];
	return NULL;
}

static void add_cp(struct strbuf *b, uint32_t c)
{
	char m[4];
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD; /* NUL, a lone surrogate */
	if (c < 0x80)
		sb_addc(b, (char)c);
	else if (c < 0x800)
		m[0] = (char)(0xC0 | c >> 6), m[1] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 2);
	else if (c < 0x10000)
		m[0] = (char)(0xE0 | c >> 12), m[1] = (char)(0x80 | (c >> 6 & 0x3F)),
		m[2] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 3);
	else
		m[0] = (char)(0xF0 | c >> 18), m[1] = (char)(0x80 | (c >> 12 & 0x3F)),
		m[2] = (char)(0x80 | (c >> 6 & 0x3F)), m[3] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 4);
}

/* Four hex digits at s (n bytes there), or -1. */
static long hex4(const char *s, size_t n)
{
	long v = 0;
	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The text of a JSON string s[0..n) (between its quotes): escapes decoded,
 * \uXXXX as UTF-8 (a surrogate pair as one character; a lone surrogate,
 * \u0000 or a malformed escape as U+FFFD). */
static void add_string(struct strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			sb_addc(b, s[i]);
			continue;
		}
		char e = s[++i];
		if (e != 'u') {
			sb_addc(b, e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
			continue;
		}
		long c = hex4(s + i + 1, n - i - 1);
		if (c < 0) {
			add_cp(b, 0xFFFD);
			continue;
		}
		i += 4;
		if (c >= 0xD800 && c <= 0xDBFF && i + 2 < n && s[i + 1] == '\\' && s[i + 2] == 'u') {
			long lo = hex4(s + i + 3, n - i - 3);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
		}
		add_cp(b, (uint32_t)c);
	}
}

/* A value for people: strings without their quotes, null and "" as "-". */
static void add_value(struct strbuf *b, const struct kv *v)
{
	if (!v || (v->vlen == 4 && memcmp(v->val, "null", 4) == 0) || (v->vlen == 2 && v->val[0] == '"')) {
		sb_addc(b, '-');
	} else if (v->val[0] == '"') {
		add_string(b, v->val + 1, v->vlen - 2);
	} else {
		size_t n = v->vlen;
		/* SQLite writes REAL values as 9100.0: show 9100 */
		if (n > 2 && v->val[n - 2] == '.' && v->val[n - 1] == '0' && memchr(v->val, 'e', n) == NULL)
			n -= 2;
		sb_addn(b, v->val, n);
	}
}

static bool skip_key(const struct kv *k)
{
	static const char *const noise[] = {"updated_at", "id", "event_id", "position", "ready_before"};
	for (size_t i = 0; i < sizeof noise / sizeof *noise; i++)
		if (strlen(noise[i]) == k->klen && memcmp(noise[i], k->key, k->klen) == 0)
			return true;
	return false;
}

#define MAX_KV 48

static void change_summary(struct strbuf *b, const char *old, const char *new_)
{
	struct kv o[MAX_KV], n[MAX_KV];
	int no = old ? parse_flat(old, o, MAX_KV) : 0, nn = new_ ? parse_flat(new_, n, MAX_KV) : 0;
	if (no < 0 || nn < 0) { /* not snapshots: show them as they are */
		sb_add(b, old ? old : "-");
		sb_add(b, " → ");
		sb_add(b, new_ ? new_ : "-");
		return;
	}
	bool any = false;
	const struct kv *title = NULL;
	if (!old || !new_) { /* created or removed: name the row */
		struct kv want = {"title", NULL, 5, 0}, want2 = {"name", NULL, 4, 0};
		const struct kv *src = old ? o : n;
		int cnt = old ? no : nn;
		title = kv_get(src, cnt, &want);
		if (!title)
			title = kv_get(src, cnt, &want2);
		if (title)
			add_value(b, title);
		return;
	}
	for (int i = 0; i < nn; i++) {
		const struct kv *was = kv_get(o, no, &n[i]);
		/* a key given twice counts once, the first (fuzz_log: each
		 * repeat printed the old value again) */
		if (skip_key(&n[i]) || kv_get(n, i, &n[i]))
			continue;
		if (was && was->vlen == n[i].vlen && memcmp(was->val, n[i].val, was->vlen) == 0)
			continue;
		if (any)
			sb_add(b, ", ");
		any = true;
		sb_addn(b, n[i].key, n[i].klen);
		sb_add(b, ": ");
		add_value(b, was);
		sb_add(b, " → ");
		add_value(b, &n[i]);
	}
}

char *log_change_summary(const struct log_entry *e)
{
	struct strbuf b = STRBUF_INIT;
	change_summary(&b, e->old, e->new_);
	return b.s ? b.s : xstrdup(""); /* "" when nothing changed */
}
