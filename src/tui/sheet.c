/* Sheets: full-screen lists over the board (review, log, trash, people).
 * A sheet fills rows of text (headings are not selectable); the runner
 * draws them under the title line, moves the cursor with the move keys,
 * hands every other action to the sheet, and reloads the rows when another
 * process changed the board (app_poll), so sheets are live too. */
#include "tui.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sheet_clear(struct sheet *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].text);
	s->n = 0;
}

static struct sheet_row *add_row(struct sheet *s)
{
	xgrow((void **)&s->rows, &s->cap, s->n + 1, sizeof *s->rows);
	struct sheet_row *r = &s->rows[s->n++];
	memset(r, 0, sizeof *r);
	return r;
}

void sheet_add(struct sheet *s, int64_t id, int kind, enum ui_role role, const char *text)
{
	struct sheet_row *r = add_row(s);
	r->id = id;
	r->kind = kind;
	r->role = role;
	r->text = xstrdup(text ? text : "");
}

void sheet_head(struct sheet *s, const char *text)
{
	sheet_add(s, 0, SHEET_HEAD, UI_PANE_TITLE, text);
}

void sheet_col(struct strbuf *out, const char *text, int w, bool right)
{
	if (w <= 0)
		return;
	if (right)
		utf8_fit_right(out, text ? text : "", w);
	else
		utf8_fit(out, text ? text : "", w, true);
}

static bool selectable(const struct sheet *s, size_t i) { return i < s->n && s->rows[i].kind != SHEET_HEAD; }

/* Cursor onto a selectable row near i, looking in direction dir first. */
static void settle(struct sheet *s, int dir)
{
	if (!s->n) {
		s->cur = 0;
		return;
	}
	if (s->cur >= (int)s->n)
		s->cur = (int)s->n - 1;
	if (s->cur < 0)
		s->cur = 0;
	for (int k = 0; k < 2; k++, dir = -dir)
		for (int i = s->cur; i >= 0 && i < (int)s->n; i += dir)
			if (selectable(s, (size_t)i)) {
				s->cur = i;
				return;
			}
}

const struct sheet_row *sheet_current(const struct sheet *s)
{
	return selectable(s, (size_t)s->cur) ? &s->rows[s->cur] : NULL;
}

static void reload(struct app *a, struct sheet *s)
{
	int64_t id = sheet_current(s) ? sheet_current(s)->id : 0;
	int kind = sheet_current(s) ? sheet_current(s)->kind : 0;
	sheet_clear(s);
	s->load(a, s);
	for (size_t i = 0; id && i < s->n; i++) /* stay on the same record */
		if (s->rows[i].id == id && s->rows[i].kind == kind) {
			s->cur = (int)i;
			break;
		}
	settle(s, 1);
}

static void draw(struct app *a, struct sheet *s)
{
	struct rect r = {1, 0, a->H - 2, a->W};
	int h = r.h - 2;
	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, UI_NORMAL);
	ui_box(r, s->title, true, false);
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + h)
		s->top = s->cur - h + 1;
	if (s->top > (int)s->n - h)
		s->top = (int)s->n - h;
	if (s->top < 0)
		s->top = 0;
	/* the heading above the cursor stays in view when there is room */
	if (s->top > 0 && s->top == s->cur && !selectable(s, (size_t)s->top - 1) && h > 2)
		s->top--;
	for (int i = 0; i < h && s->top + i < (int)s->n; i++) {
		const struct sheet_row *row = &s->rows[s->top + i];
		enum ui_role role = s->top + i == s->cur && row->kind != SHEET_HEAD ? UI_CURSOR : row->role;
		ui_fill(r.y + 1 + i, 1, r.w - 2, role == UI_CURSOR ? UI_CURSOR : UI_NORMAL);
		ui_text(r.y + 1 + i, 1, r.w - 2, row->text, role, false);
	}
	if (!s->n)
		ui_text(r.y + 1, 1, r.w - 2, s->empty ? s->empty : "Nothing here", UI_DIM, false);
	bool st = a->status[0] && a->status_until > a->now;
	ui_fill(a->H - 1, 0, a->W, st ? (a->status_err ? UI_ERROR : UI_STATUS) : UI_HINT);
	ui_text(a->H - 1, 1, a->W - 1, st ? a->status : s->foot, st ? (a->status_err ? UI_ERROR : UI_STATUS) : UI_HINT,
		false);
}

void sheet_run(struct app *a, struct sheet *s)
{
	reload(a, s);
	s->done = false;
	while (!s->done && !app_signalled() && !a->quit) {
		a->now = clock_ms();
		if (app_poll(a))
			reload(a, s);
		if (a->too_small) {
			app_draw(a);
		} else {
			a->dirty = DIRTY_TITLE; /* presence, the event name */
			app_draw(a);
			draw(a, s);
		}
		wnoutrefresh(stdscr);
		doupdate();
		a->dirty = 0;
		long long wait = a->last_poll + a->refresh_ms - clock_ms();
		if (a->status[0] && a->status_until > a->now && a->status_until - a->now < wait)
			wait = a->status_until - a->now + 10;
		int key = ui_getkey(wait < 10 ? 10 : (int)wait);
		if (key < 0)
			continue;
		a->now = clock_ms();
		if (key == KEYCODE_FN + KEY_RESIZE) {
			app_layout(a);
			continue;
		}
		if (key == KEYCODE_FN + KEY_MOUSE) {
			MEVENT ev;
			if (getmouse(&ev) != OK)
				continue;
			if (ev.bstate & BUTTON4_PRESSED)
				s->cur -= 3, settle(s, -1);
			else if (ev.bstate & BUTTON5_PRESSED)
				s->cur += 3, settle(s, 1);
			else if ((ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) && ev.y >= 2 && ev.y < a->H - 2 &&
				 selectable(s, (size_t)(s->top + ev.y - 2)))
				s->cur = s->top + ev.y - 2;
			continue;
		}
		a->status[0] = 0;
		if (key == 27) {
			s->done = true;
			continue;
		}
		enum action act = keymap_lookup(&a->keys, GROUP_SHEET, key);
		int h = a->H - 4 > 1 ? a->H - 4 : 1, old = s->cur;
		switch (act) {
		case ACT_QUIT: s->done = true; continue;
		case ACT_HELP: help_show(a); continue;
		case ACT_UP: s->cur--; settle(s, -1); continue;
		case ACT_DOWN: s->cur++; settle(s, 1); if (!sheet_current(s) || s->cur < old) s->cur = old; continue;
		case ACT_PAGE_UP: s->cur -= h; settle(s, -1); continue;
		case ACT_PAGE_DOWN: s->cur += h; settle(s, 1); continue;
		case ACT_FIRST: s->cur = 0; settle(s, 1); continue;
		case ACT_LAST: s->cur = (int)s->n - 1; settle(s, -1); continue;
		case ACT_REDRAW: clearok(curscr, TRUE); reload(a, s); continue;
		default: break;
		}
		if (act == ACT_NONE) {
			char name[32];
			app_status(a, false, "%s: no action here (? shows every key, Esc closes)",
				   key_label(key, name, sizeof name));
			continue;
		}
		unsigned d = s->handle ? s->handle(a, s, act) : UNHANDLED;
		if (d & UNHANDLED)
			app_status(a, false, "%s: not on this screen (Esc closes)", action_table[act].name);
		else if (d & SHEET_RELOAD)
			reload(a, s);
	}
	sheet_clear(s);
	free(s->rows);
	s->rows = NULL;
	s->cap = 0;
	app_reload(a); /* what changed while the sheet was open */
	a->dirty |= DIRTY_ALL | DIRTY_LAYOUT;
}
