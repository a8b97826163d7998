/* The timeline pane: phases as bars on a date axis, due tasks (•) and
 * material due dates (◆) as marks (on a bar only a shaded cell ▓), a today line, overdue in the alert
 * colour; zoom day/week/month (+/-), scroll in time (h/l, [/]), t = today. */
#include "tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARKS_MAX 500

struct mark {
	int32_t day;
	int64_t phase_id; /* 0: placed by date */
	bool done, item;
	char title[128]; /* cut to 30 columns, never inside a character */
};

/* The pane's own state (struct pane's priv, allocated by the app; open_
 * sets the zoom and origin before the first load). */
struct timeline_state {
	int zoom;       /* 0 day, 1 week, 2 month */
	int32_t origin; /* day at the chart's first column; DATE_NONE = not set */
	struct mark *marks;
	size_t nmarks;
};

/* Columns per day as num/den for each zoom level. */
static const int zoom_num[3] = {3, 5, 1}, zoom_den[3] = {1, 7, 4};
static const char *const zoom_name[3] = {"day", "week", "month"};

static int floordiv(long long a, long long b) { return (int)(a >= 0 ? a / b : -((-a + b - 1) / b)); }
static int col_of(const struct timeline_state *st, int32_t day)
{
	return floordiv((long long)(day - st->origin) * zoom_num[st->zoom], zoom_den[st->zoom]);
}

static int32_t day_at(const struct timeline_state *st, int col)
{
	return st->origin + floordiv((long long)col * zoom_den[st->zoom], zoom_num[st->zoom]);
}

static int label_w(struct app *a)
{
	int w = 4;
	for (size_t i = 0; i < a->phases.n; i++) {
		int n = utf8_width(a->phases.v[i].name);
		w = n > w ? n : w;
	}
	return w > 11 ? 11 : w;
}

static int chart_w(struct app *a, struct pane *p) { return p->in.w - label_w(a) - 1; }

static void centre_today(struct app *a, struct pane *p)
{
	struct timeline_state *st = p->priv;
	int cw = chart_w(a, p);
	st->origin = a->today - floordiv((long long)(cw / 3) * zoom_den[st->zoom], zoom_num[st->zoom]);
}

/* Today if the event is around it, else the event's first phase. */
static void first_view(struct app *a, struct pane *p)
{
	struct timeline_state *st = p->priv;
	int32_t lo = DATE_NONE, hi = DATE_NONE;
	for (size_t i = 0; i < a->phases.n; i++) {
		int32_t s = date_day_of(a->phases.v[i].start), e = date_day_of(a->phases.v[i].end);
		if (s != DATE_NONE && (lo == DATE_NONE || s < lo))
			lo = s;
		if (e != DATE_NONE && (hi == DATE_NONE || e > hi))
			hi = e;
	}
	if (lo == DATE_NONE || (a->today >= lo - 14 && a->today <= hi + 14))
		centre_today(a, p);
	else
		st->origin = lo - 2;
}

static void timeline_open(struct app *a, struct pane *p)
{
	struct timeline_state *st = p->priv;
	st->zoom = 1;
	st->origin = DATE_NONE;
}

static void add_mark(struct timeline_state *st, int32_t day, int64_t phase, bool done, bool item, const char *title)
{
	if (day == DATE_NONE || st->nmarks >= MARKS_MAX)
		return;
	struct mark *m = &st->marks[st->nmarks++];
	m->day = day, m->phase_id = phase, m->done = done, m->item = item;
	struct strbuf b = STRBUF_INIT;
	utf8_fit(&b, title ? title : "", 30, false);
	snprintf(m->title, sizeof m->title, "%s", sb_str(&b));
	sb_free(&b);
}

static void timeline_load(struct app *a, struct pane *p)
{
	struct timeline_state *st = p->priv;
	if (!st->marks)
		st->marks = xcalloc(MARKS_MAX, sizeof *st->marks);
	st->nmarks = 0;
	/* TODO(model): a due-date window (due between two days) would let this
	 * load only what the chart shows; until then the first 300 by due. */
	struct task_query q = TASK_QUERY_INIT;
	q.event_id = a->event_id;
	q.order = TASK_ORDER_DUE;
	q.limit = 300;
	q.brief = true; /* due, phase, status and title are all it draws */
	struct task_list tl = {0};
	if (task_query(a->b, &q, &tl) == MU_OK)
		for (size_t i = 0; i < tl.n; i++)
			add_mark(st, date_day_of(tl.v[i].due), tl.v[i].phase_id, tl.v[i].status == TASK_DONE, false,
				 tl.v[i].title);
	task_list_free(&tl);
	struct item_list il = {0};
	if (item_query(a->b, a->event_id, 0, 200, 0, &il) == MU_OK)
		for (size_t i = 0; i < il.n; i++)
			add_mark(st, date_day_of(il.v[i].due), 0, il.v[i].done, true, il.v[i].title);
	item_list_free(&il);
	p->total = (int64_t)a->phases.n;
	p->in.h--; /* the axis takes the first row */
	list_clamp(p);
	p->in.h++;
	if (st->origin == DATE_NONE)
		first_view(a, p);
}

static void timeline_title(struct app *a, struct pane *p, struct strbuf *out)
{
	const struct timeline_state *st = p->priv;
	sb_add(out, zoom_name[st->zoom]);
}

/* Labels at day / Monday / first-of-month ticks, never overlapping. */
static void draw_axis(struct app *a, const struct timeline_state *st, int y, int x, int cw)
{
	int next_free = 0, last_month = 0;
	for (int c = 0; c < cw; c++) {
		/* A column covers day_at(st, c) .. day_at(st, c + 1) - 1: find a tick in it. */
		int32_t d = day_at(st, c), end = day_at(st, c + 1);
		int yy = 0, m = 0, dd = 0;
		bool tick = false;
		for (; d < end && !tick; d++) {
			date_ymd(d, &yy, &m, &dd);
			tick = st->zoom == 0 ? true : st->zoom == 1 ? date_weekday(d) == 0 : dd == 1;
		}
		if (!tick || c < next_free)
			continue;
		char lab[16];
		if (st->zoom == 2 && m == 1)
			snprintf(lab, sizeof lab, "%d", yy);
		else if (st->zoom == 2)
			snprintf(lab, sizeof lab, "%s", date_month_abbr(m));
		else if (m != last_month)
			snprintf(lab, sizeof lab, "%s %d", date_month_abbr(m), dd);
		else
			snprintf(lab, sizeof lab, "%d", dd);
		int lw = (int)strlen(lab);
		if (c + lw > cw)
			break;
		ui_text(y, x + c, lw, lab, UI_DIM, false);
		last_month = m;
		next_free = c + lw + 1;
	}
}

static const struct phase *phase_of_day(struct app *a, int32_t d)
{
	for (size_t i = 0; i < a->phases.n; i++)
		if (d >= date_day_of(a->phases.v[i].start) && d <= date_day_of(a->phases.v[i].end))
			return &a->phases.v[i];
	return NULL;
}

/* A phase row: the bar, then the marks.  A mark never sits on top of the
 * bar (at 80 columns that made bars unreadable): on a bar cell it only
 * shades the cell (▓, in the alert colour when overdue); off the bar it is
 * • (task) or ◆ (material). */
static void draw_row(struct app *a, struct pane *p, size_t pi, int y, int x, int cw)
{
	struct timeline_state *st = p->priv;
	const struct phase *ph = &a->phases.v[pi];
	int32_t s = date_day_of(ph->start), e = date_day_of(ph->end);
	int used = -1, c0 = 0, c1 = -1;
	enum ui_role r = (enum ui_role)(UI_PHASE_1 + (int)(pi % 4));
	if (s != DATE_NONE && e != DATE_NONE) {
		c0 = col_of(st, s), c1 = col_of(st, e + 1) - 1;
		if (c1 < c0)
			c1 = c0;
		for (int c = c0 < 0 ? 0 : c0; c <= c1 && c < cw; c++) {
			ui_text(y, x + c, 1, "█",
				day_at(st, c) <= a->today && a->today <= e && col_of(st, a->today) == c ? UI_TODAY : r, false);
		}
		used = c1;
	}
	const struct mark *next = NULL;
	for (size_t i = 0; i < st->nmarks; i++) {
		const struct mark *m = &st->marks[i];
		const struct phase *mp = m->phase_id ? NULL : phase_of_day(a, m->day);
		if (m->phase_id ? m->phase_id != ph->id : mp != ph)
			continue;
		int c = col_of(st, m->day);
		bool overdue = m->day < a->today && !m->done;
		if (c >= 0 && c < cw) {
			bool on_bar = c >= c0 && c <= c1;
			if (on_bar) {
				ui_text(y, x + c, 1, "▓", overdue ? UI_OVERDUE : r, false);
			} else {
				ui_text(y, x + c, 1, m->item ? "◆" : "•",
					overdue ? UI_OVERDUE : m->done ? UI_DONE : UI_MILESTONE, false);
			}
			used = c > used ? c : used;
		}
		if (!m->done && m->day >= a->today && (!next || m->day < next->day))
			next = m;
	}
	/* Say what is due next in this phase, if there is room after it. */
	if (next && used + 3 < cw - 6 && col_of(st, next->day) >= 0 && col_of(st, next->day) < cw) {
		char lab[sizeof next->title + 8];
		snprintf(lab, sizeof lab, "%s due", next->title);
		ui_text(y, x + used + 2, cw - used - 2, lab, UI_DIM, false);
	}
}

static void timeline_draw(struct app *a, struct pane *p)
{
	const struct timeline_state *st = p->priv;
	int lw = label_w(a), cw = chart_w(a, p), x = p->in.x + lw + 1;
	if (cw < 4)
		return;
	draw_axis(a, st, p->in.y, x, cw);
	int tc = col_of(st, a->today);
	int rows = p->in.h - 1;
	for (int i = 0; i < rows; i++) {
		int y = p->in.y + 1 + i;
		if (tc >= 0 && tc < cw) {
			ui_text(y, x + tc, 1, "│", UI_TODAY, false); /* ASCII in LANG=C */
		}
		int64_t row = p->top + i;
		if (row >= p->total)
			continue;
		if (row == p->cur)
			p->sel_id = a->phases.v[row].id;
		ui_text(y, p->in.x, lw, a->phases.v[row].name, list_role(a, p, row, -1, UI_NORMAL), true);
		draw_row(a, p, (size_t)row, y, x, cw);
	}
	if (!a->phases.n)
		ui_text(p->in.y + 1, p->in.x, p->in.w, "No phases planned", UI_DIM, false);
}

static unsigned timeline_handle(struct app *a, struct pane *p, enum action act)
{
	struct timeline_state *st = p->priv;
	int cw = chart_w(a, p), step = cw / 4 > 0 ? cw / 4 : 1;
	int32_t mid = day_at(st, cw / 2);
	switch (act) {
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
		if ((act == ACT_ZOOM_IN && st->zoom == 0) || (act == ACT_ZOOM_OUT && st->zoom == 2))
			return 0;
		st->zoom += act == ACT_ZOOM_IN ? -1 : 1;
		st->origin = mid - floordiv((long long)(cw / 2) * zoom_den[st->zoom], zoom_num[st->zoom]);
		return DIRTY_PANE(p->id);
	case ACT_BACK:
	case ACT_FORWARD:
		st->origin = day_at(st, act == ACT_BACK ? -step : step);
		return DIRTY_PANE(p->id);
	case ACT_TODAY: centre_today(a, p); return DIRTY_PANE(p->id);
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN: case ACT_FIRST: case ACT_LAST: {
		p->in.h--;
		unsigned d = list_move(a, p, act);
		p->in.h++;
		return d;
	}
	default: return UNHANDLED;
	}
}

static int64_t timeline_find(struct app *a, struct pane *p, const char *pat, int64_t from, int dir)
{
	int64_t n = (int64_t)a->phases.n;
	for (int64_t k = 1; k <= n; k++) {
		int64_t i = ((from + dir * k) % n + n) % n;
		if (str_match(a->phases.v[i].name, pat) || str_match(a->phases.v[i].key, pat))
			return i;
	}
	return -1;
}

static void timeline_fini(struct pane *p)
{
	struct timeline_state *st = p->priv;
	free(st->marks);
	st->marks = NULL;
}

const struct pane_ops pane_timeline_ops = {
	.name = "Timeline",
	.private_size = sizeof(struct timeline_state),
	.keymap = GROUP_TIMELINE,
	.open = timeline_open,
	.title = timeline_title,
	.load = timeline_load,
	.draw = timeline_draw,
	.handle = timeline_handle,
	.find = timeline_find,
	.fini = timeline_fini,
};
