/* Layout and the frame: the title line, four panes in a 2×2 grid (one
 * column on narrow terminals, one pane when zoomed), the key hint / status
 * line, and "terminal too small" below the minimum size. */
#include "tui.h"
#include <stdio.h>
#include <string.h>

#define MIN_W 40
#define MIN_H 10
#define MIN_ZOOM_W 20
#define MIN_ZOOM_H 5

static void place(struct pane *p, int y, int x, int h, int w, bool join)
{
	p->visible = true;
	p->box = (struct rect){y, x, h, w};
	p->in = (struct rect){y + 1, x + 1, h - 2, w - 2};
	p->join_top = join;
	p->need_load = true;
}

/* Rows the top panes would like: the timeline's axis and phases, the
 * metrics' stages, budget lines and two summary rows. */
static int top_need(struct app *a)
{
	int t = 1 + (int)a->phases.n, m = 0;
	if (t < 3)
		t = 3;
	m = a->nmetrics + 2; /* + the summary rows */
	return t > m ? t : m;
}

void app_layout(struct app *a)
{
	getmaxyx(stdscr, a->H, a->W);
	a->dirty |= DIRTY_LAYOUT | DIRTY_ALL;
	for (int i = 0; i < PANE_N; i++) {
		a->pane[i].visible = false;
		a->pane[i].below = -1;
	}
	a->too_small = a->zoom ? (a->W < MIN_ZOOM_W || a->H < MIN_ZOOM_H) : (a->W < MIN_W || a->H < MIN_H);
	if (a->too_small)
		return;
	int y0 = 1, ah = a->H - 2;
	if (a->zoom) {
		place(&a->pane[a->focus], y0, 0, ah, a->W, false);
		return;
	}
	if (a->W >= 70) {
		int lw = a->W * 11 / 20, rw = a->W - lw;
		int th = top_need(a), maxth = (ah - 3) / 2;
		if (ah >= 30)
			maxth = (ah - 3) * 2 / 5;
		if (th > maxth)
			th = maxth;
		int bh = ah - th - 1;
		place(&a->pane[PANE_TIMELINE], y0, 0, th + 2, lw, false);
		place(&a->pane[PANE_TASKS], y0 + th + 1, 0, bh, lw, true);
		place(&a->pane[PANE_METRICS], y0, lw, th + 2, rw, false);
		place(&a->pane[PANE_ITEMS], y0 + th + 1, lw, bh, rw, true);
		a->pane[PANE_TIMELINE].below = PANE_TASKS;
		a->pane[PANE_METRICS].below = PANE_ITEMS;
		return;
	}
	/* One column: each pane gets a share, the focused one the rest. */
	static const int order[PANE_N] = {PANE_TIMELINE, PANE_TASKS, PANE_ITEMS, PANE_METRICS};
	int inner = ah - 1 - PANE_N, base = inner / PANE_N, y = y0;
	for (int k = 0; k < PANE_N; k++) {
		int id = order[k];
		int h = base + (id == a->focus ? inner - base * PANE_N : 0);
		bool last = k == PANE_N - 1;
		place(&a->pane[id], y, 0, h + 2, a->W, k > 0);
		y += h + 1;
		if (!last)
			a->pane[id].below = order[k + 1];
	}
}

struct pane *app_pane_at(struct app *a, int y, int x)
{
	/* Later panes own a shared line (their title), so look from the end. */
	for (int i = PANE_N - 1; i >= 0; i--) {
		struct pane *p = &a->pane[i];
		if (p->visible && y >= p->box.y && y < p->box.y + p->box.h && x >= p->box.x &&
		    x < p->box.x + p->box.w)
			return p;
	}
	return NULL;
}

static void draw_title(struct app *a)
{
	char left[512], right[256], cd[32] = "";
	const char *phase = "";
	int32_t s = date_day_of(a->ev.start), e = date_day_of(a->ev.end), t = a->today;
	for (size_t i = 0; i < a->phases.n; i++) {
		int32_t ps = date_day_of(a->phases.v[i].start), pe = date_day_of(a->phases.v[i].end);
		if (ps != DATE_NONE && pe != DATE_NONE && t >= ps && t <= pe)
			phase = a->phases.v[i].name;
	}
	if (s != DATE_NONE && t < s)
		snprintf(cd, sizeof cd, "T-%dd", (int)(s - t));
	else if (s != DATE_NONE && (e == DATE_NONE || t <= e))
		snprintf(cd, sizeof cd, "T+%dd", (int)(t - s));
	else if (e != DATE_NONE)
		snprintf(cd, sizeof cd, "done");
	char tail[160];
	bool narrow = a->W < 60;
	snprintf(tail, sizeof tail, "%s%s%s%s", *phase && !narrow ? " · " : "", narrow ? "" : phase,
		 *cd ? " · " : "", cd);
	/* Who else has the board open, and where: "bob:tasks eve:log". */
	struct strbuf who = STRBUF_INIT;
	int others = 0;
	for (size_t i = 0; i < a->presence.n; i++) {
		const struct presence *pr = &a->presence.v[i];
		if (pr->self)
			continue;
		others++;
		if (!narrow)
			sb_addf(&who, "%s%s:%s", who.len ? " " : "", pr->login, pr->pane ? pr->pane : "");
	}
	if (others && (narrow || utf8_width(sb_str(&who)) > a->W / 4)) {
		sb_reset(&who);
		sb_addf(&who, "+%d here", others);
	}
	snprintf(right, sizeof right, "%s%s%s%s%s%s ", sb_str(&who), who.len ? " · " : "", board_actor(a->b),
		 *a->access && !narrow ? " (" : "", narrow ? "" : a->access, *a->access && !narrow ? ")" : "");
	sb_free(&who);
	int rw = utf8_width(right);
	if (rw > a->W / 2)
		rw = a->W / 2;
	/* The event name gives way first: phase and countdown matter more. */
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, " muster");
	if (a->label[0] && !narrow)
		sb_addf(&sb, " (%s)", a->label);
	sb_add(&sb, " · ");
	int room = a->W - rw - 1, tw = utf8_width(tail), hw = utf8_width(sb_str(&sb));
	int nw = room - hw - tw;
	if (!a->event_id)
		sb_add(&sb, "no event");
	else if (nw >= 4)
		utf8_fit(&sb, a->ev.name ? a->ev.name : "", nw, false);
	sb_add(&sb, nw >= 4 || !a->event_id ? tail : tail + strlen(" · "));
	snprintf(left, sizeof left, "%s", sb_str(&sb));
	sb_free(&sb);
	ui_fill(0, 0, a->W, UI_TITLE);
	ui_text(0, 0, a->W - rw - 1, left, UI_TITLE, false);
	ui_text_right(0, a->W - rw, rw, right, UI_TITLE);
}

/* Hints offer only what the actor may do: a viewer sees no changing keys,
 * staff no adding (coordinators add). */
static bool hint_allowed(struct app *a, enum action act)
{
	if (a->level == ACCESS_COORDINATOR)
		return true;
	switch (act) {
	case ACT_ADD: return false;
	case ACT_TICK: case ACT_STATUS: case ACT_RAISE: case ACT_EDIT: case ACT_UNDO:
		return a->level == ACCESS_STAFF && a->focus != PANE_METRICS;
	default: return true;
	}
}

/* " Tab pane · r role · space tick ..." from the keymap, for the focus. */
static void draw_hint(struct app *a)
{
	if (a->status[0] && a->status_until > a->now) {
		ui_fill(a->H - 1, 0, a->W, a->status_err ? UI_ERROR : UI_STATUS);
		ui_text(a->H - 1, 1, a->W - 1, a->status, a->status_err ? UI_ERROR : UI_STATUS, false);
		return;
	}
	static const struct {
		int pane;
		enum action act;
		const char *what;
	} hints[] = {
		{-1, ACT_NEXT_PANE, "pane"},
		{PANE_TIMELINE, ACT_ZOOM_IN, "zoom"}, {PANE_TIMELINE, ACT_BACK, "earlier"},
		{PANE_TIMELINE, ACT_FORWARD, "later"},
		{PANE_TASKS, ACT_CYCLE, "role"}, {PANE_TASKS, ACT_TICK, "done"},
		{PANE_TASKS, ACT_STATUS, "status"}, {PANE_TASKS, ACT_MINE, "mine"},
		{PANE_ITEMS, ACT_CYCLE, "list"}, {PANE_ITEMS, ACT_TICK, "tick"},
		{PANE_ITEMS, ACT_RAISE, "+1"},
		{PANE_TASKS, ACT_ADD, "add"}, {PANE_ITEMS, ACT_ADD, "add"},
		{PANE_TASKS, ACT_EDIT, "edit"}, {PANE_ITEMS, ACT_EDIT, "edit"},
		{PANE_METRICS, ACT_EDIT, "set actual"},
		{-1, ACT_ZOOM, "zoom"}, {-1, ACT_SEARCH, "search"}, {-1, ACT_HELP, "help"},
		{-1, ACT_QUIT, "quit"},
	};
	struct strbuf sb = STRBUF_INIT;
	/* Items that do not fit are left out whole; help and quit always show. */
	int budget = a->W - 20 - (a->level == ACCESS_VIEWER && a->event_id ? 22 : 0); /* "read only (viewer) ·" */
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		bool must = hints[i].act == ACT_HELP || hints[i].act == ACT_QUIT;
		if (hints[i].pane >= 0 && hints[i].pane != a->focus)
			continue;
		if (!hint_allowed(a, hints[i].act))
			continue;
		char keys[128], *sp;
		keymap_keys(&a->keys, hints[i].act, keys, sizeof keys);
		if (!keys[0])
			continue;
		if ((sp = strchr(keys, ' ')))
			*sp = 0;
		if (!strcmp(keys, "Space"))
			strcpy(keys, "space");
		char item[160];
		snprintf(item, sizeof item, "%s%s %s", sb.len ? " · " : " ", keys, hints[i].what);
		if (!must && utf8_width(sb_str(&sb)) + utf8_width(item) > budget)
			continue;
		sb_add(&sb, item);
	}
	if (a->level == ACCESS_VIEWER && a->event_id) {
		struct strbuf ro = STRBUF_INIT;
		sb_addf(&ro, " read only (%s) ·%s", *a->access ? a->access : "viewer", sb_str(&sb));
		sb_free(&sb);
		sb = ro;
	}
	ui_fill(a->H - 1, 0, a->W, UI_HINT);
	ui_text(a->H - 1, 0, a->W, sb_str(&sb), UI_HINT, false);
	sb_free(&sb);
}

/* The longest notice that fits whole, centred; nothing when not even
 * "too small" does (a cut "termi…" would only look like garbage). */
static void draw_too_small(struct app *a)
{
	char msg[3][96];
	erase();
	snprintf(msg[0], sizeof msg[0], "terminal too small (%dx%d), need %dx%d", a->W, a->H,
		 a->zoom ? MIN_ZOOM_W : MIN_W, a->zoom ? MIN_ZOOM_H : MIN_H);
	snprintf(msg[1], sizeof msg[1], "too small (%dx%d)", a->W, a->H);
	snprintf(msg[2], sizeof msg[2], "too small");
	for (int i = 0; i < 3; i++) {
		int w = utf8_width(msg[i]);
		if (w <= a->W) {
			ui_text(a->H / 2, (a->W - w) / 2, w, msg[i], UI_ERROR, false);
			return;
		}
	}
}

static void draw_pane(struct app *a, struct pane *p)
{
	struct strbuf t = STRBUF_INIT;
	sb_add(&t, p->ops->name);
	if (a->event_id && p->ops->title) {
		size_t len = t.len;
		sb_add(&t, " · ");
		p->ops->title(a, p, &t);
		if (t.len == len + strlen(" · "))
			t.len = len, t.s[len] = 0;
	}
	if (a->zoom)
		sb_add(&t, " [zoom]");
	for (int y = 0; y < p->in.h; y++)
		ui_fill(p->in.y + y, p->in.x, p->in.w, UI_NORMAL);
	ui_box(p->box, sb_str(&t), a->focus == (int)p->id, p->join_top);
	sb_free(&t);
	if (!a->event_id) {
		if (p->id == PANE_TASKS) {
			ui_text(p->in.y, p->in.x, p->in.w, "No event on this board yet.", UI_DIM, false);
			ui_text(p->in.y + 1, p->in.x, p->in.w, "Import a plan: muster import FILE.yaml",
				UI_DIM, false);
		}
		return;
	}
	p->ops->draw(a, p);
}

void app_draw(struct app *a)
{
	if (a->dirty & DIRTY_LAYOUT) {
		erase();
		a->dirty |= DIRTY_ALL;
	}
	if (a->too_small) {
		draw_too_small(a);
		a->live = false;
		wnoutrefresh(stdscr);
		return;
	}
	for (int i = 0; i < PANE_N; i++) {
		struct pane *p = &a->pane[i];
		if (p->visible && p->need_load && a->event_id && p->in.h > 0) {
			p->ops->load(a, p);
			a->dirty |= DIRTY_PANE(i);
		}
		p->need_load = false;
	}
	a->live = false;
	/* Redrawing a pane redraws its bottom line: the title of the one below. */
	for (int i = 0; i < PANE_N; i++)
		if ((a->dirty & DIRTY_PANE(i)) && a->pane[i].below >= 0)
			a->dirty |= DIRTY_PANE(a->pane[i].below);
	if (a->dirty & DIRTY_TITLE)
		draw_title(a);
	if (a->dirty & DIRTY_HINT)
		draw_hint(a);
	/* Top to bottom, so a shared line ends up as the lower pane's title. */
	bool done[PANE_N] = {false};
	for (int k = 0; k < PANE_N; k++) {
		int best = -1;
		for (int i = 0; i < PANE_N; i++)
			if (!done[i] && (best < 0 || a->pane[i].box.y < a->pane[best].box.y))
				best = i;
		done[best] = true;
		struct pane *p = &a->pane[best];
		if (p->visible && (a->dirty & DIRTY_PANE(p->id)))
			draw_pane(a, p);
	}
	wnoutrefresh(stdscr);
}
