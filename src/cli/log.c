/* `muster log`: the audit log, oldest first.  The table shows local times
 * and a compact "field: old → new" summary of each change (old and new are
 * JSON snapshots of the row); --json gives the rows as stored. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "muster/cli.h"
#include "muster/date.h"
#include "muster/log.h"
#include "muster/table.h"

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

/* A value for people: strings without their quotes, null and "" as "-". */
static void add_value(struct strbuf *b, const struct kv *v)
{
	if (!v || (v->vlen == 4 && memcmp(v->val, "null", 4) == 0) || (v->vlen == 2 && v->val[0] == '"')) {
		sb_addc(b, '-');
	} else if (v->val[0] == '"') {
		for (size_t i = 1; i + 1 < v->vlen; i++) {
			char ch = v->val[i];
			if (ch == '\\' && i + 2 < v->vlen) {
				ch = v->val[++i];
				ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch;
			}
			sb_addc(b, ch);
		}
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
	static const char *const noise[] = {"updated_at", "id", "event_id", "position"};
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
		if (skip_key(&n[i]))
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

/* ---- times ---- */

/* "2026-09-01T10:00:00.123Z" (UTC) → "2026-09-01 12:00:00" local. */
static void local_time(const char *at, char out[32])
{
	struct tm tm = {0};
	int y, mo, d, h, mi, s;
	if (!at || sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) {
		snprintf(out, 32, "%s", at ? at : "");
		return;
	}
	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
	tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
	time_t t = timegm(&tm);
	struct tm lt;
	localtime_r(&t, &lt);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &lt);
}

/* --since: an age (30m, 2h, 3d, 1w), "today", a local date or time, or a
 * UTC time ending in Z.  Writes the UTC prefix the log is compared with. */
static int parse_since(const char *s, char out[32])
{
	time_t t;
	struct tm tm = {0};
	char *end;
	int y, mo, d, h = 0, mi = 0, sec = 0, n;
	long long v = strtoll(s, &end, 10);
	if (isdigit((unsigned char)s[0]) && end != s && end[0] && !end[1] && strchr("mhdw", end[0]) && v >= 0 &&
	    v < 100000) {
		long long mul = end[0] == 'm' ? 60 : end[0] == 'h' ? 3600 : end[0] == 'd' ? 86400 : 604800;
		t = time(NULL) - (time_t)(v * mul);
	} else if (strcmp(s, "today") == 0) {
		char day[11];
		date_format(date_today(), day);
		sscanf(day, "%4d-%2d-%2d", &y, &mo, &d);
		tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_isdst = -1;
		t = mktime(&tm);
	} else {
		size_t len = strlen(s);
		bool utc = len && s[len - 1] == 'Z';
		int32_t day;
		char date[11];
		if (len < 10)
			goto bad;
		memcpy(date, s, 10);
		date[10] = '\0';
		if (!date_parse_iso(date, &day))
			goto bad;
		sscanf(date, "%4d-%2d-%2d", &y, &mo, &d);
		if (len > 10) {
			n = 0;
			if ((s[10] != 'T' && s[10] != ' ') ||
			    (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n) != 2) || h > 23 || mi > 59)
				goto bad;
			const char *p = s + 11 + n;
			if (*p == ':') {
				int m2 = 0;
				if (sscanf(p + 1, "%2d%n", &sec, &m2) != 1 || sec > 60)
					goto bad;
				p += 1 + m2;
			}
			if (*p && !(utc && p[0] == 'Z' && !p[1]))
				goto bad;
		} else if (utc) {
			goto bad;
		}
		tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
		tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec, tm.tm_isdst = -1;
		t = utc ? timegm(&tm) : mktime(&tm);
	}
	struct tm g;
	gmtime_r(&t, &g);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &g);
	return MU_OK;
bad:
	return mu_fail(MU_USAGE, "since must be a date, a time or an age like 2h: %s", s);
}

int cmd_log(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct log_query q = {0};
	struct log_list l = {0};
	char since[32];
	int rc = cli_getopt(c, argc, argv, "since= limit= event= by=", 0, 0, &o);
	if (rc || (rc = cli_limit(&o, &q.limit)))
		return rc;
	if (cli_opt(&o, "since")) {
		if ((rc = parse_since(cli_opt(&o, "since"), since)))
			return rc;
		q.since = since;
	}
	q.actor = cli_opt(&o, "by");
	if ((rc = cli_board(c, 0, &b)))
		return rc;
	if ((cli_opt(&o, "event") || c->g.event) && (rc = cli_event(c, &o, &q.event_id)))
		return rc;
	if ((rc = log_query(b, &q, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			const struct log_entry *e = &l.v[i];
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_int(&c->out, &f, "id", e->id);
			json_str(&c->out, &f, "at", e->at);
			json_str(&c->out, &f, "actor", e->actor);
			json_id(&c->out, &f, "event_id", e->event_id);
			json_str(&c->out, &f, "entity", e->entity);
			json_id(&c->out, &f, "entity_id", e->entity_id);
			json_str(&c->out, &f, "action", e->action);
			json_str(&c->out, &f, "old", e->old);
			json_str(&c->out, &f, "new", e->new_);
			json_close(&c->out);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		struct table *t = table_new();
		struct strbuf s = STRBUF_INIT;
		char when[32];
		table_col(t, "AT", TABLE_LEFT, 0);
		table_col(t, "ACTOR", TABLE_LEFT, 0);
		table_col(t, "ACTION", TABLE_LEFT, 0);
		table_col(t, "WHAT", TABLE_LEFT, 0);
		table_col(t, "CHANGE", TABLE_LEFT, TABLE_SHRINK);
		for (size_t i = 0; i < l.n; i++) {
			const struct log_entry *e = &l.v[i];
			local_time(e->at, when);
			table_cell(t, when);
			table_cell(t, e->actor);
			table_cell(t, e->action);
			if (e->entity_id)
				table_cellf(t, "%s %lld", e->entity, (long long)e->entity_id);
			else
				table_cell(t, e->entity);
			sb_reset(&s);
			change_summary(&s, e->old, e->new_);
			table_cell(t, sb_str(&s));
		}
		sb_free(&s);
		cli_table(c, t);
		table_free(t);
	}
	log_list_free(&l);
	return MU_OK;
}
