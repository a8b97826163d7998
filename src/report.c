/* Exports of one event: the Markdown review report (with a Mermaid gantt
 * timeline), CSV of tasks and items, and iCalendar.  Reads the board only
 * through the model API; the numbers come from src/funnel.c.
 *
 * Choices where the spec is silent:
 * - md: numbers with thousands separators ("25,000"); late tasks are tasks
 *   not done whose due date is before the report date; materials never ready
 *   are items not done.  Stage-to-stage "actual rate" = actual of the next
 *   stage / actual of this one.  Text from the board is escaped so that it
 *   cannot open Markdown structure ("|", "*", "<" ... get a backslash).
 * - Mermaid: phases as bars (start + N days), the event days as a crit bar,
 *   due tasks as milestones (done → done, late → crit); ':' ';' '#' in names
 *   become their full-width forms (Mermaid reads them as syntax).
 * - csv: one table for tasks and items with a `kind` column, CRLF rows, no
 *   byte-order mark.
 * - ics: the event days, each phase, each due task and each item due date
 *   are all-day VEVENTs (DTEND = the day after); UIDs are stable across
 *   exports of the same board (event id, its creation time, row id). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "muster/priv.h"
#include "muster/date.h"
#include "muster/event.h"
#include "muster/funnel.h"
#include "muster/item.h"
#include "muster/metric.h"
#include "muster/report.h"
#include "muster/review.h"
#include "muster/task.h"
#include "muster/utf8.h"

#ifndef MUSTER_VERSION
#define MUSTER_VERSION "0"
#endif

/* ---- numbers ---------------------------------------------------------- */

/* 25000 → "25,000"; 41666.666 → "41,666.67"; NAN → "–". */
static void num(struct strbuf *b, double v)
{
	if (isnan(v) || isinf(v)) {
		sb_add(b, "–");
		return;
	}
	char buf[64];
	double r = round(v * 100.0) / 100.0;
	bool whole = r == floor(r);
	snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", fabs(r));
	if (r < 0)
		sb_addc(b, '-');
	size_t digits = strcspn(buf, ".");
	for (size_t i = 0; i < digits; i++) {
		sb_addc(b, buf[i]);
		if (digits - i - 1 > 0 && (digits - i - 1) % 3 == 0)
			sb_addc(b, ',');
	}
	sb_add(b, buf + digits);
}

/* A variance: "+2,100" over, "-200" under. */
static void signed_num(struct strbuf *b, double v)
{
	if (v > 0.005)
		sb_addc(b, '+');
	num(b, v);
}

static void pct(struct strbuf *b, double ratio)
{
	if (isnan(ratio) || isinf(ratio))
		sb_add(b, "–");
	else
		sb_addf(b, "%.0f%%", ratio * 100.0);
}

/* ---- Markdown --------------------------------------------------------- */

struct data {
	struct event ev;
	struct pool pool;
	struct metric_list metrics;
	struct phase_list phases;
	struct task_list tasks;
	struct item_list items;
	struct checklist_list lists;
	struct review_list reviews;
};

static void data_free(struct data *d)
{
	pool_free(&d->pool);
	metric_list_free(&d->metrics);
	phase_list_free(&d->phases);
	task_list_free(&d->tasks);
	item_list_free(&d->items);
	checklist_list_free(&d->lists);
	review_list_free(&d->reviews);
}

static int data_load(struct board *b, int64_t event, struct data *d)
{
	memset(d, 0, sizeof *d);
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = event;
	q.order = TASK_ORDER_DUE;
	int rc = event_get(b, event, &d->ev, &d->pool);
	if (!rc)
		rc = metric_list(b, event, 0, &d->metrics);
	if (!rc)
		rc = phase_list(b, event, &d->phases);
	if (!rc)
		rc = task_query(b, &q, &d->tasks);
	if (!rc)
		rc = item_query(b, event, 0, 0, 0, &d->items);
	if (!rc)
		rc = checklist_list(b, event, &d->lists);
	if (!rc)
		rc = review_list(b, event, &d->reviews);
	if (rc)
		data_free(d);
	return rc;
}

static void md_targets(struct strbuf *o, const struct data *d, const struct funnel_view *v)
{
	sb_add(o, "## 1. Targets and actuals\n\n");
	if (!v->nrows) {
		sb_add(o, "_No funnel stages in this plan._\n\n");
		return;
	}
	sb_add(o, "| Stage | Target | Actual | Completion | Planned rate | Actual rate |\n"
		  "|---|--:|--:|--:|--:|--:|\n");
	for (size_t i = 0; i < v->nrows; i++) {
		const struct funnel_row *r = &v->rows[i];
		sb_add(o, "| ");
		report_md_text(o, r->m->name);
		sb_add(o, " | ");
		num(o, r->m->target);
		sb_add(o, " | ");
		num(o, r->m->actual);
		sb_add(o, " | ");
		pct(o, r->completion);
		sb_add(o, " | ");
		if (!isnan(r->m->rate))
			pct(o, r->m->rate);
		sb_add(o, " | ");
		if (i + 1 < v->nrows && r->m->actual > 0)
			pct(o, v->rows[i + 1].m->actual / r->m->actual);
		sb_add(o, " |\n");
	}
	sb_addc(o, '\n');
	for (size_t i = 0; i < v->nrows; i++) {
		const struct funnel_row *r = &v->rows[i];
		if (!r->flagged)
			continue;
		sb_add(o, "- The target of ");
		report_md_text(o, r->m->name);
		sb_add(o, " (");
		num(o, r->m->target);
		sb_add(o, ") does not follow from the rate of the stage before (");
		num(o, r->expected);
		sb_add(o, ").\n");
	}
	if (v->nflagged)
		sb_addc(o, '\n');
	if (!isnan(v->time_share) && v->days_to_start <= 0 && v->time_share < 1) {
		char p[32];
		funnel_pace_text(v->pace, p, sizeof p);
		sb_addf(o, "The event is %.0f%% through its days", v->time_share * 100.0);
		if (*p)
			sb_addf(o, "; the goal is %s (%s)", p, funnel_state_name(v->state));
		sb_add(o, ".\n\n");
	}
	(void)d;
}

static void md_money(struct strbuf *o, const struct data *d, const struct funnel_view *v)
{
	const char *cur = d->ev.currency && *d->ev.currency ? d->ev.currency : NULL;
	sb_add(o, "## Budget\n\n");
	size_t nlines = 0;
	for (size_t i = 0; i < d->metrics.n; i++)
		nlines += d->metrics.v[i].kind == METRIC_BUDGET;
	if (nlines) {
		sb_add(o, "| Line | Planned | Spent | Variance |\n|---|--:|--:|--:|\n");
		for (size_t i = 0; i < d->metrics.n; i++) {
			const struct metric *m = &d->metrics.v[i];
			if (m->kind != METRIC_BUDGET)
				continue;
			sb_add(o, "| ");
			report_md_text(o, m->name);
			sb_add(o, " | ");
			num(o, m->target);
			sb_add(o, " | ");
			num(o, m->actual);
			sb_add(o, " | ");
			signed_num(o, m->actual - m->target);
			sb_add(o, " |\n");
		}
		sb_add(o, "| **Total** | ");
		num(o, v->planned);
		sb_add(o, " | ");
		num(o, v->spent);
		sb_add(o, " | ");
		signed_num(o, v->spent - v->planned);
		sb_add(o, " |\n\n");
	}
	if (!isnan(v->budget)) {
		sb_add(o, "- Budget: ");
		num(o, v->budget);
		if (cur) {
			sb_addc(o, ' ');
			report_md_text(o, cur);
		}
		sb_add(o, "; spent ");
		num(o, v->spent);
		sb_add(o, " (");
		pct(o, v->spend_share);
		sb_add(o, "), variance ");
		signed_num(o, v->spent - v->budget);
		sb_add(o, ".\n");
	}
	if (v->revenue_from != FUNNEL_REVENUE_NONE) {
		sb_add(o, "- Revenue: ");
		num(o, v->revenue);
		if (cur) {
			sb_addc(o, ' ');
			report_md_text(o, cur);
		}
		if (v->revenue_from == FUNNEL_REVENUE_PRICE) {
			sb_add(o, " (");
			num(o, v->rows[v->nrows - 1].m->actual);
			sb_add(o, " × ");
			num(o, d->ev.unit_price);
			sb_addc(o, ')');
		}
		if (!isnan(v->roi)) {
			sb_addf(o, "; ROI %.2f; input/output 1 : %.2f", v->roi, v->io_ratio);
		}
		sb_add(o, ".\n");
	}
	if (!isnan(v->budget) || v->revenue_from != FUNNEL_REVENUE_NONE)
		sb_addc(o, '\n');
	else if (!nlines)
		sb_add(o, "_No budget in this plan._\n\n");
}

static void md_review(struct strbuf *o, const struct data *d)
{
	size_t ncause = 0, nlesson = 0;
	for (size_t i = 0; i < d->reviews.n; i++) {
		ncause += *d->reviews.v[i].cause != '\0';
		nlesson += *d->reviews.v[i].lesson != '\0';
	}
	sb_add(o, "## 2–3. Causes of variance and their factors\n\n");
	if (!ncause) {
		sb_add(o, "_No causes recorded (muster review add STAGE --cause TEXT --factor F)._\n\n");
	} else {
		sb_add(o, "| Stage | Factor | Cause |\n|---|---|---|\n");
		for (size_t i = 0; i < d->reviews.n; i++) {
			const struct review *r = &d->reviews.v[i];
			if (!*r->cause)
				continue;
			sb_add(o, "| ");
			report_md_text(o, *r->stage ? r->stage : "(event)");
			sb_add(o, " | ");
			report_md_text(o, review_factor_name(r->factor));
			sb_add(o, " | ");
			report_md_text(o, r->cause);
			sb_add(o, " |\n");
		}
		sb_addc(o, '\n');
	}
	sb_add(o, "## 4. Lessons for the SOP\n\n");
	if (!nlesson)
		sb_add(o, "_No lessons recorded (muster review add STAGE --lesson TEXT)._\n\n");
	for (size_t i = 0; i < d->reviews.n; i++) {
		const struct review *r = &d->reviews.v[i];
		if (!*r->lesson)
			continue;
		sb_add(o, "- **");
		report_md_text(o, *r->stage ? r->stage : "event");
		sb_add(o, ":** ");
		report_md_text(o, r->lesson);
		sb_addc(o, '\n');
	}
	if (nlesson)
		sb_addc(o, '\n');
}

static void md_late(struct strbuf *o, const struct data *d, int32_t today)
{
	size_t n = 0;
	sb_add(o, "## Late tasks\n\n");
	for (size_t i = 0; i < d->tasks.n; i++) {
		const struct task *t = &d->tasks.v[i];
		int32_t due = date_day_of(t->due);
		if (t->status == TASK_DONE || due == DATE_NONE || due >= today)
			continue;
		if (!n++)
			sb_add(o, "| # | Task | Role | Owner | Due | Status |\n|--:|---|---|---|---|---|\n");
		sb_addf(o, "| %lld | ", (long long)t->id);
		report_md_text(o, t->title);
		sb_add(o, " | ");
		report_md_text(o, t->role_key);
		sb_add(o, " | ");
		report_md_text(o, t->owner);
		sb_addf(o, " | %s | %s |\n", t->due, task_status_name(t->status));
	}
	sb_add(o, n ? "\n" : "_None._\n\n");

	n = 0;
	sb_add(o, "## Materials never ready\n\n");
	for (size_t i = 0; i < d->items.n; i++) {
		const struct item *it = &d->items.v[i];
		if (it->done)
			continue;
		if (!n++)
			sb_add(o, "| Item | List | Ready | Due |\n|---|---|--:|---|\n");
		sb_add(o, "| ");
		report_md_text(o, it->title);
		sb_add(o, " | ");
		report_md_text(o, it->checklist);
		sb_addf(o, " | %lld/%lld", (long long)it->qty_ready, (long long)it->qty);
		if (*it->unit) {
			sb_addc(o, ' ');
			report_md_text(o, it->unit);
		}
		sb_addf(o, " | %s |\n", it->due);
	}
	sb_add(o, n ? "\n" : "_None._\n\n");
}

static void md_gantt(struct strbuf *o, const struct data *d, int32_t today)
{
	int32_t s = date_day_of(d->ev.start), e = date_day_of(d->ev.end);
	sb_add(o, "## Timeline\n\n```mermaid\ngantt\n    title ");
	report_mermaid_text(o, d->ev.name);
	sb_add(o, "\n    dateFormat YYYY-MM-DD\n    axisFormat %m-%d\n");
	size_t nph = 0;
	for (size_t i = 0; i < d->phases.n; i++) {
		const struct phase *p = &d->phases.v[i];
		int32_t ps = date_day_of(p->start), pe = date_day_of(p->end);
		if (ps == DATE_NONE)
			continue;
		if (!nph++)
			sb_add(o, "    section Phases\n");
		sb_add(o, "    ");
		report_mermaid_text(o, p->name);
		sb_addf(o, " :p%zu, %s, %dd\n", i + 1, p->start, (pe == DATE_NONE || pe < ps ? 0 : pe - ps) + 1);
	}
	if (s != DATE_NONE) {
		sb_addf(o, "    section Event\n    Event days :crit, ev, %s, %dd\n", d->ev.start,
			(e == DATE_NONE || e < s ? 0 : e - s) + 1);
	}
	size_t nt = 0;
	for (size_t i = 0; i < d->tasks.n; i++) {
		const struct task *t = &d->tasks.v[i];
		int32_t due = date_day_of(t->due);
		if (due == DATE_NONE)
			continue;
		if (!nt++)
			sb_add(o, "    section Deadlines\n");
		sb_add(o, "    ");
		report_mermaid_text(o, t->title);
		const char *tag = t->status == TASK_DONE ? "done, " : due < today ? "crit, " : "";
		sb_addf(o, " :%smilestone, t%lld, %s, 0d\n", tag, (long long)t->id, t->due);
	}
	sb_add(o, "```\n");
}

int report_markdown(struct board *b, int64_t event, int32_t today, struct strbuf *o)
{
	size_t from = o->len;
	struct data d;
	int rc = data_load(b, event, &d);
	if (rc)
		return rc;
	struct funnel_view v;
	funnel_view_build(&d.ev, &d.metrics, today, &v);
	char day[11];
	date_format(today, day);

	sb_add(o, "# Review: ");
	report_md_text(o, d.ev.name);
	sb_add(o, "\n\n");
	if (*d.ev.objective) {
		sb_add(o, "- **Objective:** ");
		report_md_text(o, d.ev.objective);
		sb_addc(o, '\n');
	}
	sb_add(o, "- **Kind:** ");
	report_md_text(o, d.ev.kind);
	sb_addc(o, '\n');
	if (d.ev.start[0]) {
		int32_t s = date_day_of(d.ev.start), e = date_day_of(d.ev.end);
		sb_addf(o, "- **Dates:** %s", d.ev.start);
		if (e != DATE_NONE)
			sb_addf(o, " to %s (%d day%s)", d.ev.end, e - s + 1, e == s ? "" : "s");
		sb_addc(o, '\n');
	}
	/* the goal: the last stage with a target */
	for (size_t i = v.nrows; i-- > 0;) {
		const struct metric *m = v.rows[i].m;
		if (isnan(m->target))
			continue;
		sb_add(o, "- **Goal:** ");
		num(o, m->target);
		sb_addc(o, ' ');
		report_md_text(o, m->name);
		if (!isnan(d.ev.unit_price)) {
			sb_add(o, " × ");
			num(o, d.ev.unit_price);
			sb_add(o, " = ");
			num(o, m->target * d.ev.unit_price);
			if (*d.ev.currency) {
				sb_addc(o, ' ');
				report_md_text(o, d.ev.currency);
			}
			sb_add(o, " GMV");
		}
		sb_addc(o, '\n');
		break;
	}
	sb_addf(o, "- **Report date:** %s\n\n", day);

	md_targets(o, &d, &v);
	md_money(o, &d, &v);
	md_review(o, &d);
	md_late(o, &d, today);
	md_gantt(o, &d, today);
	funnel_view_free(&v);
	data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}

/* ---- CSV ---------------------------------------------------------------- */

/* One row; the columns in the mask numbers hold numbers we formatted (a
 * negative one is not a formula), the others text. */
static void csv_row(struct strbuf *o, const char *const *cells, size_t n, unsigned numbers)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(o, ',');
		if (numbers & (1u << i))
			report_csv_number(o, cells[i]);
		else
			report_csv_cell(o, cells[i]);
	}
	sb_add(o, "\r\n");
}

int report_csv(struct board *b, int64_t event, struct strbuf *o)
{
	size_t from = o->len;
	static const char *const header[] = {"kind", "id",     "title", "role", "phase", "checklist", "owner",
					     "status", "due", "qty", "ready", "unit", "notes"};
	enum { NCOLS = sizeof header / sizeof *header, NUMBERS = 1u << 1 | 1u << 9 | 1u << 10 };
	struct data d;
	int rc = data_load(b, event, &d);
	if (rc)
		return rc;
	csv_row(o, header, NCOLS, 0);
	char id[24], qty[24], ready[24];
	for (size_t i = 0; i < d.tasks.n; i++) {
		const struct task *t = &d.tasks.v[i];
		snprintf(id, sizeof id, "%lld", (long long)t->id);
		const char *row[NCOLS] = {"task", id, t->title, t->role_key, t->phase_key, "", t->owner,
					  task_status_name(t->status), t->due, "", "", "", t->notes};
		csv_row(o, row, NCOLS, NUMBERS);
	}
	for (size_t i = 0; i < d.items.n; i++) {
		const struct item *it = &d.items.v[i];
		const char *role = "";
		for (size_t j = 0; j < d.lists.n; j++)
			if (d.lists.v[j].id == it->checklist_id)
				role = d.lists.v[j].role_key;
		snprintf(id, sizeof id, "%lld", (long long)it->id);
		snprintf(qty, sizeof qty, "%lld", (long long)it->qty);
		snprintf(ready, sizeof ready, "%lld", (long long)it->qty_ready);
		const char *row[NCOLS] = {"item", id, it->title, role, "", it->checklist, it->done_by ? it->done_by : "",
					  it->done ? "done" : "open", it->due, qty, ready, it->unit, ""};
		csv_row(o, row, NCOLS, NUMBERS);
	}
	data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}

/* ---- iCalendar ---------------------------------------------------------- */

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
	struct data d;
	int rc = data_load(b, event, &d);
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
	data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}

int report_export(struct board *b, int64_t event, const char *format, struct strbuf *out)
{
	char stamp[17];
	if (!strcmp(format, "md"))
		return report_markdown(b, event, date_today(), out);
	if (!strcmp(format, "csv"))
		return report_csv(b, event, out);
	if (!strcmp(format, "ics")) {
		report_dtstamp(stamp);
		return report_ics(b, event, stamp, out);
	}
	return mu_fail(MU_USAGE, "unknown format %s (yaml, md, csv or ics)", format);
}
