/* The Markdown review report of one event: goal and objective, targets
 * against actuals per stage, budget and ROI (numbers from funnel.c's
 * funnel_view), causes and lessons, late tasks, materials never ready, and
 * the timeline as a Mermaid gantt block.
 *
 * Choices where the spec is silent:
 * - numbers with thousands separators ("25,000"); late tasks are tasks not
 *   done whose due date is before the report date; materials never ready
 *   are items not done.  Stage-to-stage "actual rate" = actual of the next
 *   stage / actual of this one.  Text from the board is escaped so that it
 *   cannot open Markdown structure ("|", "*", "<" ... get a backslash).
 * - Mermaid: phases as bars (start + N days), the event days as a crit bar,
 *   due tasks as milestones (done → done, late → crit); ':' ';' '#' in names
 *   become their full-width forms (Mermaid reads them as syntax). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "muster/funnel.h"
#include "muster/report.h"
#include "report_data.h"

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

/* Table cells of text, escaped: "| a | b | c" (the caller ends the row). */
static void md_cells(struct strbuf *o, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_add(o, i ? " | " : "| ");
		report_md_text(o, cells[i]);
	}
}

/* Table cells of numbers (num()): " | 1,200 | 900". */
static void md_nums(struct strbuf *o, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sb_add(o, " | ");
		num(o, v[i]);
	}
}

static void md_targets(struct strbuf *o, const struct report_data *d, const struct funnel_view *v)
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
		md_cells(o, (const char *const[]){r->m->name}, 1);
		md_nums(o, (const double[]){r->m->target, r->m->actual}, 2);
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

static void md_money(struct strbuf *o, const struct report_data *d, const struct funnel_view *v)
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
			md_cells(o, (const char *const[]){m->name}, 1);
			md_nums(o, (const double[]){m->target, m->actual}, 2);
			sb_add(o, " | ");
			signed_num(o, m->actual - m->target);
			sb_add(o, " |\n");
		}
		sb_add(o, "| **Total**");
		md_nums(o, (const double[]){v->planned, v->spent}, 2);
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

static void md_review(struct strbuf *o, const struct report_data *d)
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
			md_cells(o, (const char *const[]){*r->stage ? r->stage : "(event)",
							  review_factor_name(r->factor), r->cause}, 3);
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

static void md_late(struct strbuf *o, const struct report_data *d, int32_t today)
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
		sb_addf(o, "| %lld ", (long long)t->id);
		md_cells(o, (const char *const[]){t->title, t->role_key, t->owner}, 3);
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
		md_cells(o, (const char *const[]){it->title, it->checklist}, 2);
		sb_addf(o, " | %lld/%lld", (long long)it->qty_ready, (long long)it->qty);
		if (*it->unit) {
			sb_addc(o, ' ');
			report_md_text(o, it->unit);
		}
		sb_addf(o, " | %s |\n", it->due);
	}
	sb_add(o, n ? "\n" : "_None._\n\n");
}

static void md_gantt(struct strbuf *o, const struct report_data *d, int32_t today)
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
	struct report_data d;
	int rc = report_data_load(b, event, &d);
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
	report_data_free(&d);
	report_strip_controls(o, from);
	return MU_OK;
}
