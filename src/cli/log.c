/* `muster log`: the audit log, oldest first.  The table shows local times
 * and a compact "field: old → new" summary of each change (old and new are
 * JSON snapshots of the row; log_change_summary); --json gives the rows as
 * stored. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "muster/cli.h"
#include "muster/clock.h"
#include "muster/date.h"
#include "muster/log.h"
#include "muster/table.h"

/* ---- times ---- */

/* "2026-09-01T10:00:00.123Z" (UTC) → "2026-09-01 12:00:00" local. */
static void local_time(const char *at, char out[32])
{
	if (!clock_local_time(at, "%Y-%m-%d %H:%M:%S", out, 32))
		snprintf(out, 32, "%s", at ? at : "");
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
			json_str(&c->out, &f, "account", e->account);
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
			if (e->account && strcmp(e->account, e->actor) != 0)
				table_cellf(t, "%s via %s", e->actor, e->account); /* a kiosk, or --as */
			else
				table_cell(t, e->actor);
			table_cell(t, e->action);
			if (e->entity_id)
				table_cellf(t, "%s %lld", e->entity, (long long)e->entity_id);
			else
				table_cell(t, e->entity);
			char *sum = log_change_summary(e);
			table_cell(t, sum);
			free(sum);
		}
		cli_table(c, t);
		table_free(t);
	}
	log_list_free(&l);
	return MU_OK;
}
