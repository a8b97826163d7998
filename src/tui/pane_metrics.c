/* The metrics pane: funnel stages and budget lines as meters (target,
 * actual, bar, completion; coloured by pace against elapsed event time),
 * then a summary row: pace, budget, ROI and the selected row's sparkline. */
#include "tui.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define HISTORY 32

static struct metric_list M;

static void load(struct app *a, struct pane *p)
{
	metric_list_free(&M);
	if (metric_list(a->b, a->event_id, HISTORY, &M) != MU_OK) {
		app_fail(a, "metrics");
		return;
	}
	p->total = (int64_t)M.n + 1; /* + the summary row */
	list_clamp(p);
	int64_t ids[ROWSIG_MAX];
	struct rowsig sig[ROWSIG_MAX];
	int n = M.n < ROWSIG_MAX ? (int)M.n : ROWSIG_MAX;
	for (int i = 0; i < n; i++) {
		ids[i] = M.v[i].id;
		uint32_t h = hash_int(2166136261u, (int64_t)(M.v[i].actual * 1000));
		sig[i] = (struct rowsig){ids[i], hash_int(h, (int64_t)(M.v[i].target * 1000))};
	}
	/* All rows are loaded: follow the id over the whole list. */
	int64_t top = p->top;
	p->top = 0;
	list_follow(p, ids, n);
	p->top = top;
	list_clamp(p);
	list_signature(a, p, sig, n);
}

/* Share of the event's time gone: 0 before the start, 1 after the end. */
static double elapsed(struct app *a)
{
	int32_t s = day_of(a->ev.start), e = day_of(a->ev.end);
	if (s == DATE_NONE || a->today < s)
		return 0;
	if (e == DATE_NONE || a->today > e || e <= s)
		return 1;
	return (double)(a->today - s + 1) / (double)(e - s + 1);
}

static enum ui_role meter_role(struct app *a, const struct metric *m, double frac)
{
	if (m->kind == METRIC_BUDGET)
		return frac <= 1.0 ? UI_METER_OK : frac <= 1.1 ? UI_METER_WARN : UI_METER_BAD;
	double want = elapsed(a);
	if (frac >= want - 0.02)
		return UI_METER_OK;
	return frac >= want * 0.75 ? UI_METER_WARN : UI_METER_BAD;
}

static void title(struct app *a, struct pane *p, struct strbuf *out) { sb_add(out, "live"); }

static const struct metric *last_stage(void)
{
	const struct metric *m = NULL;
	for (size_t i = 0; i < M.n; i++)
		if (M.v[i].kind == METRIC_STAGE)
			m = &M.v[i];
	return m;
}

static void draw_summary(struct app *a, struct pane *p, int y, const struct metric *sel, enum ui_role r)
{
	struct strbuf s = STRBUF_INIT;
	const struct metric *goal = last_stage();
	double spent = 0, planned = 0;
	bool any_budget = false;
	for (size_t i = 0; i < M.n; i++)
		if (M.v[i].kind == METRIC_BUDGET) {
			any_budget = true;
			spent += isnan(M.v[i].actual) ? 0 : M.v[i].actual;
			planned += isnan(M.v[i].target) ? 0 : M.v[i].target;
		}
	if (goal && goal->target > 0 && elapsed(a) > 0) {
		double d = (goal->actual / goal->target - elapsed(a)) * 100;
		sb_addf(&s, "Pace %s %.0f %%", d < 0 ? "behind" : "ahead", fabs(d));
	} else if (a->today < day_of(a->ev.start)) {
		sb_addf(&s, "Starts in %dd", (int)(day_of(a->ev.start) - a->today));
	}
	if (any_budget) {
		char x[32], y2[32];
		fmt_num(x, sizeof x, spent);
		fmt_num(y2, sizeof y2, planned ? planned : a->ev.budget);
		sb_addf(&s, "%sSpent %s/%s", s.len ? " · " : "", x, y2);
	}
	if (goal && spent > 0 && !isnan(a->ev.unit_price) && !isnan(goal->actual)) {
		double roi = (goal->actual * a->ev.unit_price - spent) / spent;
		sb_addf(&s, "%sROI %.1f", s.len ? " · " : "", roi);
	}
	int w = p->in.w, sw = sel && sel->nhistory > 1 ? (w >= 50 ? 12 : 6) : 0;
	ui_fill(y, p->in.x, w, r);
	ui_text(y, p->in.x, w - (sw ? sw + 1 : 0), sb_str(&s), r == UI_NORMAL ? UI_DIM : r, false);
	if (sw)
		ui_spark(y, p->in.x + w - sw, sw, sel->history, sel->nhistory, r == UI_NORMAL ? UI_METER_OK : r);
	sb_free(&s);
}

static void draw(struct app *a, struct pane *p)
{
	int w = p->in.w, nw = 0, vw = 0;
	char v[64], t[32], u[32];
	if (!M.n) {
		ui_text(p->in.y, p->in.x, w, "No metrics in this event", UI_DIM, false);
		return;
	}
	for (size_t i = 0; i < M.n; i++) {
		int n = utf8_width(M.v[i].name);
		nw = n > nw ? n : nw;
		fmt_num(t, sizeof t, M.v[i].actual);
		fmt_num(u, sizeof u, M.v[i].target);
		n = snprintf(v, sizeof v, "%s/%s", t, u);
		vw = n > vw ? n : vw;
	}
	if (nw > 12)
		nw = w >= 60 ? (nw > 18 ? 18 : nw) : 12;
	int pw = 5, sw = w >= 70 ? 10 : 0;
	int bw = w - nw - 1 - vw - 1 - pw - (sw ? sw + 1 : 0);
	if (bw < 4) { /* narrow: drop the bar */
		bw = 0;
	}
	const struct metric *sel = NULL;
	for (int i = 0; i < p->in.h && p->top + i < p->total; i++) {
		int64_t row = p->top + i;
		int y = p->in.y + i, x = p->in.x;
		if (row == (int64_t)M.n) {
			draw_summary(a, p, y, sel ? sel : M.n ? &M.v[0] : NULL,
				     list_role(a, p, row, -1, UI_NORMAL));
			continue;
		}
		const struct metric *m = &M.v[row];
		if (row == p->cur)
			p->sel_id = m->id, sel = m;
		enum ui_role r = list_role(a, p, row, m->id, UI_NORMAL);
		bool plain = r == UI_NORMAL;
		double frac = m->target > 0 && !isnan(m->actual) ? m->actual / m->target : NAN;
		char name[64];
		snprintf(name, sizeof name, "%s", m->name);
		name[0] = (char)toupper((unsigned char)name[0]);
		ui_fill(y, x, w, r);
		x += ui_text(y, x, nw, name, plain && m->kind == METRIC_BUDGET ? UI_DIM : r, true) + 1;
		fmt_num(t, sizeof t, m->actual);
		fmt_num(u, sizeof u, m->target);
		snprintf(v, sizeof v, "%s/%s", t, u);
		x += ui_text(y, x, vw, v, r, true) + 1;
		enum ui_role mr = isnan(frac) ? UI_DIM : meter_role(a, m, frac);
		if (bw) {
			ui_bar(y, x, bw, isnan(frac) ? 0 : frac, plain ? mr : r);
			x += bw;
		}
		if (isnan(frac))
			snprintf(v, sizeof v, "  –");
		else
			snprintf(v, sizeof v, "%.0f%%", frac * 100 > 9999 ? 9999 : frac * 100);
		x += ui_text_right(y, x, pw, v, plain ? mr : r);
		if (sw && m->nhistory > 1)
			ui_spark(y, x + 1, sw, m->history, m->nhistory, plain ? UI_DIM : r);
	}
}

static unsigned handle(struct app *a, struct pane *p, enum action act)
{
	if (act != ACT_EDIT && act != ACT_ADD)
		return UNHANDLED;
	if (p->cur < 0 || p->cur >= (int64_t)M.n)
		return 0;
	const struct metric *m = &M.v[p->cur];
	struct form_field f = {.label = act == ACT_EDIT ? "Actual" : "Add", .kind = FIELD_NUMBER, .required = true};
	if (act == ACT_EDIT && !isnan(m->actual))
		snprintf(f.value, sizeof f.value, "%.15g", m->actual);
	char ttl[160], name[100];
	snprintf(ttl, sizeof ttl, "%s · %s", act == ACT_EDIT ? "Set actual" : "Add to actual",
		 text_cut(name, sizeof name, m->name, 24));
	if (!form_run(a, ttl, &f, 1))
		return DIRTY_ALL;
	double x = 0;
	parse_number(f.value, &x);
	int rc = act == ACT_EDIT ? metric_set(a->b, m->id, x) : metric_add(a->b, m->id, x);
	if (rc != MU_OK)
		return app_fail(a, m->name);
	app_reload(a);
	return DIRTY_ALL;
}

static int64_t find(struct app *a, struct pane *p, const char *pat, int64_t from, int dir)
{
	int64_t n = (int64_t)M.n;
	for (int64_t k = 1; k <= n; k++) {
		int64_t i = ((from + dir * k) % n + n) % n;
		if (str_match(M.v[i].name, pat))
			return i;
	}
	return -1;
}

static void fini(struct pane *p) { metric_list_free(&M); }

const struct pane_ops pane_metrics_ops = {
	.name = "Metrics",
	.keymap = GROUP_METRICS,
	.title = title,
	.load = load,
	.draw = draw,
	.handle = handle,
	.find = find,
	.fini = fini,
};
