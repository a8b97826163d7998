/* The iCalendar export (RFC 5545): the event days, each phase, each due
 * task and each item due date as all-day VEVENTs (DTEND = the day after),
 * with UIDs stable across exports of the same board (event id, its creation
 * time, row id); and the DTSTAMP of an export, the only clock read here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "muster/priv.h"
#include "muster/report.h"
#include "report_data.h"

#ifndef MUSTER_VERSION
#define MUSTER_VERSION "0"
#endif

static void ics_prop(struct strbuf *o, const char *name, const char *text)
{
	struct strbuf l = STRBUF_INIT;
	sb_add(&l, name);
	sb_addc(&l, ':');
	report_ics_text(&l, text);
	report_ics_line(o, sb_str(&l), l.len);
	sb_free(&l);
}

static void ics_raw(struct strbuf *o, const char *fmt, const char *v)
{
	struct strbuf l = STRBUF_INIT;
	sb_addf(&l, fmt, v);
	report_ics_line(o, sb_str(&l), l.len);
	sb_free(&l);
}

static void ics_day(char out[16], int32_t day)
{
	int y, m, d;
	date_ymd(day, &y, &m, &d);
	snprintf(out, 16, "%04d%02d%02d", y, m, d);
}

struct ics_ctx {
	struct strbuf *o;
	const char *dtstamp;
	char uid_base[80];
};

static void ics_event(struct ics_ctx *x, const char *kind, int64_t id, int32_t start, int32_t end,
		      const char *summary, const char *description, const char *category)
{
	struct strbuf *o = x->o;
	char d1[16], d2[16], uid[128];
	ics_day(d1, start);
	ics_day(d2, (end == DATE_NONE || end < start ? start : end) + 1);
	snprintf(uid, sizeof uid, "%s-%s-%lld@muster", x->uid_base, kind, (long long)id);
	sb_add(o, "BEGIN:VEVENT\r\n");
	ics_prop(o, "UID", uid);
	ics_raw(o, "DTSTAMP:%s", x->dtstamp);
	ics_raw(o, "DTSTART;VALUE=DATE:%s", d1);
	ics_raw(o, "DTEND;VALUE=DATE:%s", d2);
	ics_prop(o, "SUMMARY", summary);
	if (description && *description)
		ics_prop(o, "DESCRIPTION", description);
	ics_prop(o, "CATEGORIES", category);
	sb_add(o, "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
}

void report_dtstamp(char out[17])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH"), *today = mu_env("MUSTER_TODAY");
	time_t t = time(NULL);
	int32_t day;
	char *end;
	if (sde && *sde) {
		long long v = strtoll(sde, &end, 10);
		if (!*end && v >= 0)
			t = (time_t)v;
	} else if (today && date_parse_iso(today, &day)) {
		t = (time_t)day * 86400;
	}
	struct tm tm;
	char buf[64];
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		memset(&tm, 0, sizeof tm), tm.tm_year = 70, tm.tm_mday = 1;
	snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, buf, 16);
	out[16] = '\0';
}

int report_ics(struct board *b, int64_t event, const char *dtstamp, struct strbuf *o)
{
	size_t from = o->len;
	struct report_data d;
	int rc = report_data_load(b, event, &d);
	if (rc)
		return rc;
	struct ics_ctx x = {o, dtstamp, ""};
	/* stable across exports, distinct across boards: id + creation time */
	size_t n = (size_t)snprintf(x.uid_base, sizeof x.uid_base, "muster-e%lld-", (long long)d.ev.id);
	for (const char *p = d.ev.created_at; p && *p && n + 1 < sizeof x.uid_base; p++)
		if (*p >= '0' && *p <= '9')
			x.uid_base[n++] = *p;
	x.uid_base[n] = '\0';

	sb_add(o, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	ics_prop(o, "PRODID", "-//muster//muster " MUSTER_VERSION "//EN");
	sb_add(o, "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
	ics_prop(o, "X-WR-CALNAME", d.ev.name);
	struct strbuf s = STRBUF_INIT, desc = STRBUF_INIT;
	int32_t es = date_day_of(d.ev.start);
	if (es != DATE_NONE)
		ics_event(&x, "event", d.ev.id, es, date_day_of(d.ev.end), d.ev.name, d.ev.objective, "event");
	for (size_t i = 0; i < d.phases.n; i++) {
		const struct phase *p = &d.phases.v[i];
		int32_t ps = date_day_of(p->start);
		if (ps == DATE_NONE)
			continue;
		sb_reset(&s);
		sb_addf(&s, "%s: %s", p->name, d.ev.name);
		ics_event(&x, "phase", p->id, ps, date_day_of(p->end), sb_str(&s), NULL, "phase");
	}
	for (size_t i = 0; i < d.tasks.n; i++) {
		const struct task *t = &d.tasks.v[i];
		int32_t due = date_day_of(t->due);
		if (due == DATE_NONE)
			continue;
		sb_reset(&s);
		sb_addf(&s, "Due: %s", t->title);
		sb_reset(&desc);
		sb_addf(&desc, "%s\nrole: %s\nowner: %s\nstatus: %s", d.ev.name, *t->role_key ? t->role_key : "-",
			*t->owner ? t->owner : "-", task_status_name(t->status));
		if (*t->notes)
			sb_addf(&desc, "\n\n%s", t->notes);
		ics_event(&x, "task", t->id, due, due, sb_str(&s), sb_str(&desc), "task");
	}
	for (size_t i = 0; i < d.items.n; i++) {
		const struct item *it = &d.items.v[i];
		int32_t due = date_day_of(it->due);
		if (due == DATE_NONE)
			continue;
		sb_reset(&s);
		sb_addf(&s, "Ready: %s (%lld%s%s)", it->title, (long long)it->qty, *it->unit ? " " : "", it->unit);
		sb_reset(&desc);
		sb_addf(&desc, "%s\nlist: %s\nready: %lld/%lld", d.ev.name, it->checklist, (long long)it->qty_ready,
			(long long)it->qty);
		ics_event(&x, "item", it->id, due, due, sb_str(&s), sb_str(&desc), "material");
	}
	sb_add(o, "END:VCALENDAR\r\n");
	sb_free(&s);
	sb_free(&desc);
	report_data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}
