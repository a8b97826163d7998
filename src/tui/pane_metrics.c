/* The metrics pane: funnel stages and budget lines as meters (target,
 * actual, bar, completion) coloured by pace, then two summary rows pinned
 * to the bottom: pace, spend against budget, ROI, input/output ratio and a
 * sparkline.  Every number comes from funnel_view_build(): no maths here. */
#include "tui.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "muster/funnel.h"

#define HISTORY 32
#define NSUM 2 /* summary rows under the meters */

/* The pane's own state (struct pane's priv, allocated by the app): the
 * metrics of the event and their funnel view. */
struct metrics_state {
	struct metric_list m;
	struct funnel_view v;
};

/* The funnel row of a stage metric, or NULL (a budget line). */
static const struct funnel_row *row_of(const struct metrics_state *st, const struct metric *m)
{
	for (size_t i = 0; i < st->v.nrows; i++)
		if (st->v.rows[i].m == m)
			return &st->v.rows[i];
	return NULL;
}

static int list_h(struct pane *p) { return p->in.h > NSUM + 1 ? p->in.h - NSUM : p->in.h; }

static void metrics_load(struct app *a, struct pane *p)
{
	struct metrics_state *st = p->priv;
	funnel_view_free(&st->v);
	metric_list_free(&st->m);
	if (metric_list(a->b, a->event_id, HISTORY, &st->m) != MU_OK) {
		app_fail(a, "metrics");
		return;
	}
	funnel_view_build(&a->ev, &st->m, a->today, &st->v);
	p->total = (int64_t)st->m.n;
	int64_t ids[ROWSIG_MAX];
	struct rowsig sig[ROWSIG_MAX];
	int n = st->m.n < ROWSIG_MAX ? (int)st->m.n : ROWSIG_MAX;
	for (int i = 0; i < n; i++) {
		ids[i] = st->m.v[i].id;
		uint32_t h = hash_int(2166136261u, (int64_t)(st->m.v[i].actual * 1000));
		sig[i] = (struct rowsig){ids[i], hash_int(h, (int64_t)(st->m.v[i].target * 1000))};
	}
	/* All rows are loaded: follow the id over the whole list. */
	int64_t top = p->top;
	int h = p->in.h;
	p->top = 0;
	list_follow(p, ids, n);
	p->top = top;
	p->in.h = list_h(p);
	list_clamp(p);
	p->in.h = h;
	list_signature(a, p, sig, n);
}

/* Meter colour role: a stage by its pace (funnel_pace_state), a budget
 * line by its spend against its plan. */
static enum ui_role state_role(enum funnel_state s)
{
	return s == FUNNEL_BEHIND ? UI_METER_BAD : s == FUNNEL_AT_RISK ? UI_METER_WARN : UI_METER_OK;
}

static enum ui_role meter_role(const struct metrics_state *st, const struct metric *m, double frac)
{
	const struct funnel_row *fr = row_of(st, m);
	if (fr)
		return state_role(fr->state);
	if (isnan(frac))
		return UI_DIM;
	return frac <= 1.0 ? UI_METER_OK : frac <= 1.1 ? UI_METER_WARN : UI_METER_BAD;
}

static void metrics_title(struct app *a, struct pane *p, struct strbuf *out) { sb_add(out, "live"); }

static const char *money(char *buf, size_t n, double v)
{
	fmt_num(buf, n, v);
	return buf;
}

/* Row 1: pace of the goal (or the countdown), spend against budget.
 * Row 2: ROI, input/output ratio, and the sparkline of sel. */
static void draw_summary(struct app *a, struct pane *p, int y, const struct metric *sel)
{
	struct metrics_state *st = p->priv;
	struct strbuf s = STRBUF_INIT;
	char x[32], z[32], pace[32];
	int w = p->in.w, px = p->in.x;
	ui_fill(y, px, w, UI_NORMAL);
	ui_fill(y + 1, px, w, UI_NORMAL);
	enum ui_role pr = UI_DIM;
	funnel_pace_text(st->v.pace, pace, sizeof pace);
	if (st->v.days_to_start > 0) {
		sb_addf(&s, "Starts in %dd", (int)st->v.days_to_start);
	} else if (pace[0]) {
		if (w >= 45)
			sb_add(&s, "Pace ");
		else
			pace[0] = (char)toupper((unsigned char)pace[0]);
		sb_add(&s, pace);
		pr = state_role(st->v.state);
	} else if (st->v.time_share >= 1) {
		sb_add(&s, "Ended");
	}
	int used = ui_text(y, px, w, sb_str(&s), pr, false);
	sb_reset(&s);
	if (!isnan(st->v.budget) || st->v.spent > 0) {
		sb_addf(&s, "%sSpent %s/%s", used ? " · " : "", money(x, sizeof x, st->v.spent),
			money(z, sizeof z, st->v.budget));
		if (!isnan(st->v.spend_share))
			sb_addf(&s, " %.0f%%", st->v.spend_share * 100 > 9999 ? 9999 : st->v.spend_share * 100);
	}
	enum ui_role sr = isnan(st->v.spend_share) || st->v.spend_share <= st->v.time_share + 0.05 ? UI_DIM
			  : st->v.spend_share <= 1.0 ? UI_METER_WARN : UI_METER_BAD;
	ui_text(y, px + used, w - used, sb_str(&s), sr, false);
	sb_reset(&s);
	if (st->v.revenue_from == FUNNEL_REVENUE_NONE)
		sb_add(&s, "ROI needs a unit price");
	else if (isnan(st->v.roi))
		sb_add(&s, "ROI – · I/O –");
	else
		sb_addf(&s, "ROI %.1f · I/O 1:%.1f", st->v.roi, st->v.io_ratio);
	int sw = sel && sel->nhistory > 1 ? (w >= 50 ? 16 : 8) : 0;
	if (sw > w - utf8_width(sb_str(&s)) - 1)
		sw = 0;
	ui_text(y + 1, px, w - (sw ? sw + 1 : 0), sb_str(&s),
		!isnan(st->v.roi) && st->v.roi < 0 ? UI_METER_BAD : UI_DIM, false);
	if (sw)
		ui_spark(y + 1, px + w - sw, sw, sel->history, sel->nhistory, UI_METER_OK);
	sb_free(&s);
}

/* The widths of the columns: name, value, bar, completion, pace and
 * sparkline (0: not shown). */
struct cols {
	int nw, vw, bw, pw, cw, sw;
};

static struct cols columns(const struct metrics_state *st, int w)
{
	char v[64] = "", t[32], u[32];
	int nw = 0, vw = 0;
	for (size_t i = 0; i < st->m.n; i++) {
		int n = utf8_width(st->m.v[i].name);
		nw = n > nw ? n : nw;
		n = snprintf(v, sizeof v, "%s/%s", money(t, sizeof t, st->m.v[i].actual),
			     money(u, sizeof u, st->m.v[i].target));
		vw = n > vw ? n : vw;
	}
	vw = utf8_width(v) > vw ? utf8_width(v) : vw; /* "–" is 3 bytes, 1 column */
	if (nw > 12)
		nw = w >= 60 ? (nw > 20 ? 20 : nw) : 12;
	/* Wide: a pace column ("behind 12 %") and each row's sparkline. */
	int pw = 5, cw = w >= 60 ? 12 : 0, sw = w >= 70 ? 12 : 0;
	/* Nothing past the border, whatever the numbers: the value column
	 * gives way first, then the name. */
	if (nw + 1 + vw + 1 + pw > w)
		vw = w - nw - 2 - pw;
	if (vw < 0)
		nw += vw, vw = 0;
	if (nw < 0)
		nw = 0;
	int bw = w - nw - 1 - vw - 1 - pw - (cw ? cw + 1 : 0) - (sw ? sw + 1 : 0);
	if (bw < 0)
		cw = sw = 0, bw = w - nw - 1 - vw - 1 - pw;
	if (bw < 4) /* narrow: drop the bar */
		bw = 0;
	if (bw > 40)
		bw = 40;
	return (struct cols){nw, vw, bw, pw, cw, sw};
}

static void metrics_draw(struct app *a, struct pane *p)
{
	struct metrics_state *st = p->priv;
	int w = p->in.w, lh = list_h(p);
	char v[64], t[32], u[32];
	if (!st->m.n) {
		ui_text(p->in.y, p->in.x, w, "No metrics in this event", UI_DIM, false);
		return;
	}
	struct cols c = columns(st, w);
	int nw = c.nw, vw = c.vw, bw = c.bw, pw = c.pw, cw = c.cw, sw = c.sw;
	const struct metric *sel = NULL;
	for (int i = 0; i < lh && p->top + i < p->total; i++) {
		int64_t row = p->top + i;
		int y = p->in.y + i, x = p->in.x;
		const struct metric *m = &st->m.v[row];
		if (row == p->cur)
			p->sel_id = m->id, sel = m;
		enum ui_role r = list_role(a, p, row, m->id, UI_NORMAL);
		bool plain = r == UI_NORMAL;
		const struct funnel_row *fr = row_of(st, m);
		double frac = fr ? fr->completion
			    : m->target > 0 && !isnan(m->actual) ? m->actual / m->target : NAN;
		char name[64];
		snprintf(name, sizeof name, "%s", m->name);
		name[0] = (char)toupper((unsigned char)name[0]);
		ui_fill(y, x, w, r);
		x += ui_text(y, x, nw, name, plain && !fr ? UI_DIM : r, true) + 1;
		snprintf(v, sizeof v, "%s/%s", money(t, sizeof t, m->actual), money(u, sizeof u, m->target));
		x += ui_text(y, x, vw, v, r, true) + 1;
		enum ui_role mr = meter_role(st, m, frac);
		if (bw) {
			ui_bar(y, x, bw, isnan(frac) ? 0 : frac, plain ? mr : r);
			x += bw;
		}
		if (isnan(frac))
			snprintf(v, sizeof v, "  –");
		else
			snprintf(v, sizeof v, "%.0f%%", frac * 100 > 9999 ? 9999 : frac * 100);
		x += ui_text_right(y, x, pw, v, plain ? mr : r);
		if (cw) {
			char pt[32] = "";
			if (fr)
				funnel_pace_text(fr->pace, pt, sizeof pt);
			x += 1 + ui_text_right(y, x + 1, cw, pt, plain ? mr : r);
		}
		if (sw && m->nhistory > 1)
			ui_spark(y, x + 1, sw, m->history, m->nhistory, plain ? UI_DIM : r);
	}
	if (lh < p->in.h) {
		int64_t shown = p->total - p->top < lh ? p->total - p->top : lh;
		if (!sel || a->focus != PANE_METRICS) /* the goal's history */
			sel = st->v.nrows ? st->v.rows[st->v.nrows - 1].m : sel;
		draw_summary(a, p, p->in.y + (int)shown, sel);
	}
}

static unsigned metrics_handle(struct app *a, struct pane *p, enum action act)
{
	struct metrics_state *st = p->priv;
	switch (act) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST: case ACT_LAST: {
		int h = p->in.h;
		p->in.h = list_h(p);
		unsigned d = list_move(a, p, act);
		p->in.h = h;
		return d;
	}
	case ACT_EDIT: case ACT_ADD: break;
	default: return UNHANDLED;
	}
	if (p->cur < 0 || p->cur >= (int64_t)st->m.n)
		return 0;
	const struct metric *m = &st->m.v[p->cur];
	if (!access_may_coordinate(a->b, a->event_id))
		return app_denied(a, "only coordinators set actuals");
	struct form_field f = {.label = act == ACT_EDIT ? "Actual" : "Add", .kind = FIELD_NUMBER, .required = true};
	if (act == ACT_EDIT && !isnan(m->actual))
		form_set(&f, "%.15g", m->actual);
	char ttl[160], name[100];
	snprintf(ttl, sizeof ttl, "%s · %s", act == ACT_EDIT ? "Set actual" : "Add to actual",
		 text_cut(name, sizeof name, m->name, 24));
	bool ok = form_run(a, ttl, &f, 1) && f.changed;
	double x = 0;
	if (ok)
		parse_number(f.text, &x);
	form_free(&f, 1);
	if (!ok) /* cancelled, or the actual left as it was */
		return DIRTY_ALL;
	int rc = act == ACT_EDIT ? metric_set(a->b, m->id, x) : metric_add(a->b, m->id, x);
	if (rc != MU_OK)
		return app_fail(a, m->name);
	app_reload(a);
	return DIRTY_ALL;
}

/* A click on the summary rows selects nothing new. */
static unsigned metrics_click(struct app *a, struct pane *p, int row, int col)
{
	int h = p->in.h;
	p->in.h = list_h(p);
	list_clamp(p);
	p->in.h = h;
	return DIRTY_PANE(p->id);
}

static int64_t metrics_find(struct app *a, struct pane *p, const char *pat, int64_t from, int dir)
{
	struct metrics_state *st = p->priv;
	int64_t n = (int64_t)st->m.n;
	for (int64_t k = 1; k <= n; k++) {
		int64_t i = ((from + dir * k) % n + n) % n;
		if (str_match(st->m.v[i].name, pat))
			return i;
	}
	return -1;
}

static void metrics_fini(struct pane *p)
{
	struct metrics_state *st = p->priv;
	funnel_view_free(&st->v);
	metric_list_free(&st->m);
}

const struct pane_ops pane_metrics_ops = {
	.name = "Metrics",
	.private_size = sizeof(struct metrics_state),
	.keymap = GROUP_METRICS,
	.title = metrics_title,
	.load = metrics_load,
	.draw = metrics_draw,
	.handle = metrics_handle,
	.click = metrics_click,
	.find = metrics_find,
	.fini = metrics_fini,
};
