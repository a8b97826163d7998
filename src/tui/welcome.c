/* The first run (no board at the path yet, struct tui_welcome): a short
 * welcome screen -- create an empty board, import a template from a start
 * date (prefilled, editable), or quit -- that creates nothing until one is
 * chosen.  The board itself is made by the caller's create(). */
#include "tui.h"
#include <stdio.h>
#include <string.h>

struct welcome {
	const struct tui_welcome *w;
	int cur;         /* 0 = empty board, 1..n = templates, n+1 = quit */
	bool asking;     /* the start date of template cur is being entered */
	char date[16];
	char err[256];
};

static int nchoices(const struct welcome *s) { return (int)s->w->ntemplates + 2; }

static void choice_text(const struct welcome *s, int i, char *buf, size_t n)
{
	const struct tui_welcome *w = s->w;
	if (i == 0)
		snprintf(buf, n, " e  Create an empty board");
	else if (i <= (int)w->ntemplates) {
		const struct tui_template *t = &w->templates[i - 1];
		char days[32] = "";
		if (t->days)
			snprintf(days, sizeof days, ", %d day%s", t->days, t->days == 1 ? "" : "s");
		snprintf(buf, n, " %c  Import %s (%zu tasks%s)", i <= 9 ? '0' + i : ' ', t->event, t->tasks, days);
	} else
		snprintf(buf, n, " q  Quit (nothing is created)");
}

static void draw(struct welcome *s)
{
	int H, W;
	getmaxyx(stdscr, H, W);
	erase();
	ui_fill(0, 0, W, UI_TITLE);
	ui_text(0, 0, W, " muster · welcome", UI_TITLE, false);
	char line[640];
	snprintf(line, sizeof line, "There is no board at %s yet.", s->w->path);
	int y = 2;
	ui_text(y++, 2, W - 3, line, UI_NORMAL, false);
	ui_text(y++, 2, W - 3, "Start one; nothing is created until you choose.", UI_DIM, false);
	y++;
	int cy = -1, cx = 0;
	for (int i = 0; i < nchoices(s) && y < H - 2; i++, y++) {
		if (i == 1 && s->w->ntemplates) {
			ui_text(y++, 2, W - 3, "Or import a template, moved to your start date, with you as coordinator:",
				UI_DIM, false);
			if (y >= H - 2)
				break;
		}
		if (i == nchoices(s) - 1)
			y++;
		if (y >= H - 2)
			break;
		choice_text(s, i, line, sizeof line);
		ui_text(y, 2, W - 3, line, i == s->cur ? UI_CURSOR : UI_NORMAL, i == s->cur);
		if (i == s->cur && s->asking && y + 1 < H - 1) {
			y++;
			int x = 6 + ui_text(y, 6, W - 7, "Start date: ", UI_NORMAL, false);
			int dw = ui_text(y, x, W - x - 1, s->date, UI_INPUT, false);
			cy = y, cx = x + dw;
			ui_text(y, x + dw + 2, W - x - dw - 3, "Enter import · Esc back", UI_DIM, false);
		}
	}
	if (s->err[0] && y + 1 < H - 1)
		ui_text(y + 1, 2, W - 3, s->err, UI_ERROR, false);
	ui_fill(H - 1, 0, W, UI_STATUS);
	ui_text(H - 1, 0, W, s->asking ? " type the first day of the event (YYYY-MM-DD) · Enter import · Esc back"
				       : " j/k move · Enter choose · e empty board · 1-9 template · q quit",
		UI_STATUS, false);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* The chosen action: MU_OK with *b, or an error shown on the screen. */
static bool choose(struct welcome *s, struct board **b)
{
	int n = (int)s->w->ntemplates;
	s->err[0] = 0;
	if (s->cur > 0 && s->cur <= n && !s->asking) {
		s->asking = true;
		snprintf(s->date, sizeof s->date, "%s", s->w->start);
		return false;
	}
	int32_t day;
	if (s->asking && !date_parse_iso(s->date, &day)) {
		snprintf(s->err, sizeof s->err, "not a date: %s (YYYY-MM-DD, e.g. %s)", s->date, s->w->start);
		return false;
	}
	int rc = s->w->create(s->w->ctx, s->cur - 1, s->asking ? s->date : NULL, b);
	if (rc != MU_OK) {
		snprintf(s->err, sizeof s->err, "%s", mu_errmsg());
		*b = NULL;
		return false;
	}
	return true;
}

int welcome_run(const struct tui_welcome *w, struct board **b)
{
	struct welcome s = {.w = w};
	*b = NULL;
	while (!app_signalled()) {
		draw(&s);
		int key = ui_getkey(-1);
		int n = nchoices(&s), quit = n - 1;
		if (key < 0 || key == KEYCODE_FN + KEY_RESIZE)
			continue;
		if (s.asking) {
			size_t len = strlen(s.date);
			if (key == 27) {
				s.asking = false;
				s.err[0] = 0;
			} else if (key == '\r' || key == '\n' || key == KEYCODE_FN + KEY_ENTER) {
				if (choose(&s, b))
					break;
			} else if (key == KEYCODE_FN + KEY_BACKSPACE || key == 127 || key == 8) {
				if (len)
					s.date[len - 1] = 0;
			} else if (key == 21) { /* C-u */
				s.date[0] = 0;
			} else if (((key >= '0' && key <= '9') || key == '-') && len < 10) {
				s.date[len] = (char)key;
				s.date[len + 1] = 0;
			}
			continue;
		}
		bool enter = key == '\r' || key == '\n' || key == KEYCODE_FN + KEY_ENTER;
		if (key == 'q' || key == 27 || (enter && s.cur == quit))
			break;
		if (key == 'j' || key == KEYCODE_FN + KEY_DOWN)
			s.cur = (s.cur + 1) % n;
		else if (key == 'k' || key == KEYCODE_FN + KEY_UP)
			s.cur = (s.cur + n - 1) % n;
		else if (key == 'e' || (key >= '1' && key <= '9' && key - '0' <= (int)w->ntemplates)) {
			s.cur = key == 'e' ? 0 : key - '0';
			s.asking = false;
			if (choose(&s, b))
				break;
		} else if (enter) {
			if (choose(&s, b))
				break;
		}
	}
	curs_set(0);
	return MU_OK;
}
