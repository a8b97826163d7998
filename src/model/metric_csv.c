/* Importing metric actuals from CSV (time,stage,value): parse every row
 * first, then one transaction inserts the samples in time order and sets
 * each metric's actual to its latest reading, with one audit row holding
 * the event's actuals before and after. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "muster/date.h"
#include "muster/db.h"
#include "muster/db_now.h"
#include "muster/metric.h"
#include "muster/metric_csv.h"
#include "muster/model.h"
#include "muster/people.h"
#include "muster/utf8.h"

struct row {
	char at[32]; /* UTC "YYYY-MM-DDTHH:MM:SS.000Z" */
	char *stage; /* into the copy of the buffer */
	double value;
	size_t line;
	int64_t metric;
};

/* One CSV record from *p (fields NUL-terminated in place).  Returns the
 * number of fields (0 for a blank line), -1 for an unterminated quote. */
static int record(char **p, char *end, char **fields, int max, size_t *line)
{
	int n = 0;
	char *s = *p;
	if (s >= end)
		return 0;
	for (;;) {
		char *out = s, *start = s;
		if (*s == '"') {
			s++;
			for (;;) {
				if (s >= end)
					return -1;
				if (*s == '"' && s + 1 < end && s[1] == '"') {
					*out++ = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					if (*s == '\n')
						(*line)++;
					*out++ = *s++;
				}
			}
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				*out++ = *s++; /* text after the closing quote stays */
		} else {
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				out++, s++;
		}
		char sep = s < end ? *s : '\n';
		*out = '\0';
		if (n < max)
			fields[n] = start;
		n++;
		if (sep == ',') {
			s++;
			continue;
		}
		if (sep == '\r' && s + 1 < end && s[1] == '\n')
			s++;
		if (s < end)
			s++;
		break;
	}
	*p = s;
	if (n == 1 && !*fields[0])
		return 0;
	return n;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static bool parse_time(const char *s, char out[32])
{
	size_t len = strlen(s);
	int32_t day;
	char date[11];
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	if (len < 10)
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!date_parse_iso(date, &day))
		return false;
	sscanf(date, "%4d-%2d-%2d", &y, &mo, &d);
	const char *p = s + 10;
	bool utc = false;
	if (*p) {
		if ((*p != 'T' && *p != ' ') || !isdigit((unsigned char)p[1]) ||
		    sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) != 2 || h > 23 || mi > 59 || n != 5)
			return false;
		p += 1 + n;
		if (*p == ':') {
			if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]))
				return false;
			sec = (p[1] - '0') * 10 + (p[2] - '0');
			if (sec > 60)
				return false;
			p += 3;
		}
		if (*p == 'Z')
			utc = true, p++;
		if (*p)
			return false;
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
	tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec, tm.tm_isdst = -1;
	time_t t = utc ? timegm(&tm) : mktime(&tm);
	struct tm g;
	if (t == (time_t)-1 || !gmtime_r(&t, &g))
		return false;
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S.000Z", &g);
	return true;
}

static bool parse_value(const char *s, double *v)
{
	char *end;
	errno = 0;
	if (!(isdigit((unsigned char)s[0]) || ((s[0] == '-' || s[0] == '+' || s[0] == '.') && s[1])) ||
	    strpbrk(s, "xXnN"))
		return false;
	*v = strtod(s, &end);
	return !*end && errno != ERANGE && isfinite(*v) && fabs(*v) <= 1e15;
}

static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A buffer that can be CSV text at all: not too large, no NUL, UTF-8. */
static int check_text(const char *name, const char *buf, size_t len)
{
	size_t bad;
	if (len > METRIC_CSV_MAX_BYTES)
		return mu_fail(MU_DATA, "%s: file too large (more than %zu bytes)", name, METRIC_CSV_MAX_BYTES);
	if (memchr(buf, '\0', len))
		return mu_fail(MU_DATA, "%s: not a text file (contains NUL bytes)", name);
	if (!utf8_valid(buf, len, &bad)) {
		size_t line = 1;
		for (size_t i = 0; i < bad; i++)
			line += buf[i] == '\n';
		return mu_fail(MU_DATA, "%s:%zu: not valid UTF-8", name, line);
	}
	return MU_OK;
}

/* Every record of the text (a copy, NUL-terminated, cut in place) as rows;
 * an optional header, blank lines skipped.  The first bad record is the
 * error; *rows is the caller's to free either way. */
static int parse_rows(const char *name, char *p, char *end, struct row **rows, size_t *n)
{
	size_t cap = 0, line = 1;
	bool first = true;
	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		char *f[4];
		size_t at_line = line;
		int nf = record(&p, end, f, 4, &line);
		line++;
		if (nf < 0)
			return mu_fail(MU_DATA, "%s:%zu: a quoted field is not closed", name, at_line);
		if (nf == 0)
			continue;
		if (first && nf >= 1 && !strcasecmp(trim(f[0]), "time")) {
			first = false;
			continue; /* the header */
		}
		first = false;
		if (nf != 3)
			return mu_fail(MU_DATA, "%s:%zu: expected 3 fields (time,stage,value), found %d", name, at_line,
				       nf);
		xgrow((void **)rows, &cap, *n + 1, sizeof **rows);
		struct row *r = &(*rows)[(*n)++];
		char *t = trim(f[0]), *v = trim(f[2]);
		r->stage = trim(f[1]);
		r->line = at_line;
		if (!parse_time(t, r->at))
			return mu_fail(MU_DATA, "%s:%zu: time must look like 2026-09-10 or 2026-09-10T14:00: %s", name,
				       at_line, t);
		if (!*r->stage)
			return mu_fail(MU_DATA, "%s:%zu: stage is empty", name, at_line);
		if (!parse_value(v, &r->value))
			return mu_fail(MU_DATA, "%s:%zu: value must be a number: %s", name, at_line, v);
	}
	return *n ? MU_OK : mu_fail(MU_DATA, "%s: no rows (expected time,stage,value)", name);
}

/* The rows (in time order) into the event's metrics: one transaction, one
 * audit row of the actuals before and after. */
static int store_rows(struct board *b, int64_t event, const char *name, struct row *rows, size_t n)
{
	static const char *snap = "SELECT coalesce(json_group_object(name, actual), '{}'), ?1 FROM"
				  " (SELECT name, actual FROM metric WHERE event_id = ?1 ORDER BY kind, position, id)";
	static const char *sql_sample = "INSERT INTO sample(metric_id, at, value, actor) VALUES (?1, ?2, ?3, ?4)";
	static const char *sql_set = "UPDATE metric SET actual = ?2,"
				     " updated_at = " DB_NOW " WHERE id = ?1";
	struct change c;
	int rc = db_change_begin(b, &c, "metrics", "import", snap, event);
	if (rc)
		return rc;
	c.always = true; /* readings equal to the actual are still samples */
	rc = model_event_exists(b, event);
	/* the rule of metric set/add, for every row's metric (all in this
	 * event, all or none) */
	if (!rc)
		rc = model_allow_event(b, event, "change the metrics of");
	for (size_t i = 0; i < n && !rc; i++) {
		rc = metric_find(b, event, rows[i].stage, &rows[i].metric);
		if (rc == MU_DATA)
			rc = mu_fail(MU_DATA, "%s:%zu: no stage \"%s\" in this event (see 'muster metrics')", name,
				     rows[i].line, rows[i].stage);
		if (rc)
			break;
		sqlite3_stmt *st = db_stmt(b, sql_sample);
		sqlite3_bind_int64(st, 1, rows[i].metric);
		sqlite3_bind_text(st, 2, rows[i].at, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 3, rows[i].value);
		sqlite3_bind_text(st, 4, b->actor, -1, SQLITE_STATIC);
		rc = db_exec_stmt(b, st);
		if (!rc) { /* in time order, so the last write is the latest reading */
			st = db_stmt(b, sql_set);
			sqlite3_bind_int64(st, 1, rows[i].metric);
			sqlite3_bind_double(st, 2, rows[i].value);
			rc = db_exec_stmt(b, st);
		}
	}
	return db_change_end(b, &c, rc);
}

int metric_import_csv_buffer(struct board *b, int64_t event, const char *name, const char *buf,
			     size_t len, size_t *nrows)
{
	if (nrows)
		*nrows = 0;
	int rc = check_text(name, buf, len);
	if (rc)
		return rc;
	char *copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	struct row *rows = NULL;
	size_t n = 0;
	rc = parse_rows(name, copy, copy + len, &rows, &n);
	if (!rc) {
		qsort(rows, n, sizeof *rows, by_time);
		rc = store_rows(b, event, name, rows, n);
	}
	if (!rc && nrows)
		*nrows = n;
	free(rows);
	free(copy);
	return rc;
}

int metric_import_csv(struct board *b, int64_t event, const char *path, size_t *rows)
{
	FILE *f = fopen(path, "rb");
	if (!f && errno == ENOMEM) /* not the file's fault */
		die("out of memory");
	if (!f)
		return mu_fail(MU_DATA, "cannot read %s: %s", path, strerror(errno));
	struct strbuf s = STRBUF_INIT;
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0 && s.len <= METRIC_CSV_MAX_BYTES)
		sb_addn(&s, buf, got);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err == ENOMEM)
		die("out of memory");
	if (err) {
		sb_free(&s);
		return mu_fail(MU_DATA, "cannot read %s: %s", path, strerror(err));
	}
	int rc = metric_import_csv_buffer(b, event, path, sb_str(&s), s.len, rows);
	sb_free(&s);
	return rc;
}
