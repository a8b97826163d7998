/* Overlays: the help screen, generated from the action table and the live
 * keymap (so config overrides show), and the event picker. */
#include "tui.h"
#include "muster/merge.h"
#include <stdio.h>
#include <string.h>

static int read_key(void)
{
	int key;
	do
		key = ui_getkey(-1);
	while (key < 0 && !app_signalled());
	return key < 0 ? 27 : key;
}

/* Shows the dialog drawn, then waits for a key; after a resize the board
 * is laid out and drawn again under it (KEYCODE_FN + KEY_RESIZE returned:
 * the caller draws the dialog again). */
static int dialog_key(struct app *a)
{
	wnoutrefresh(stdscr);
	doupdate();
	int key = read_key();
	if (key == KEYCODE_FN + KEY_RESIZE) {
		app_layout(a);
		app_draw(a);
	}
	return key;
}

static struct rect centre(struct app *a, int w, int h)
{
	if (w > a->W)
		w = a->W;
	if (h > a->H)
		h = a->H;
	return (struct rect){(a->H - h) / 2, (a->W - w) / 2, h, w};
}

static void frame(struct rect r, const char *title, const char *foot)
{
	for (int i = 0; i < r.h; i++)
		ui_fill(r.y + i, r.x, r.w, UI_DIALOG);
	ui_box(r, title, true, false);
	if (foot)
		ui_text(r.y + r.h - 1, r.x + 2, r.w - 4, foot, UI_DIM, false);
}

/* Scrolls with the move keys; returns the key that was not a move. */
static int scroll_key(const struct keymap *km, int key, int *top, int n, int h)
{
	enum action act = keymap_lookup(km, GROUP_GLOBAL, key);
	switch (act) {
	case ACT_UP: (*top)--; break;
	case ACT_DOWN: (*top)++; break;
	case ACT_PAGE_UP: *top -= h - 1; break;
	case ACT_PAGE_DOWN: *top += h - 1; break;
	case ACT_FIRST: *top = 0; break;
	case ACT_LAST: *top = n; break;
	default: return key;
	}
	if (*top > n - h)
		*top = n - h;
	if (*top < 0)
		*top = 0;
	return 0;
}

void help_show(struct app *a)
{
	char lines[ACT_N + GROUP_N * 2 + 8][200];
	int n = 0, top = 0;
	for (int g = 0; g < GROUP_N; g++) {
		bool any = false;
		for (int act = 1; act < ACT_N; act++) {
			if ((int)action_table[act].group != g)
				continue;
			char keys[128];
			keymap_keys(&a->keys, (enum action)act, keys, sizeof keys);
			if (!any) {
				snprintf(lines[n++], sizeof lines[0], "#%s", action_group_name[g]);
				any = true;
			}
			snprintf(lines[n++], sizeof lines[0], " %-16s %s", keys[0] ? keys : "(none)",
				 action_table[act].help);
		}
	}
	snprintf(lines[n++], sizeof lines[0], "#Mouse");
	snprintf(lines[n++], sizeof lines[0], " %-16s %s", "click", "Focus a pane and select the row");
	snprintf(lines[n++], sizeof lines[0], " %-16s %s", "click [ ]", "Tick an item / a task done");
	snprintf(lines[n++], sizeof lines[0], " %-16s %s", "wheel", "Scroll the pane under the mouse");
	for (;;) {
		struct rect r = centre(a, 76, n + 2);
		frame(r, "Help · muster keys", r.h < n + 2 ? "j/k scroll · any other key closes"
							  : "any key closes");
		int h = r.h - 2;
		for (int i = 0; i < h && top + i < n; i++) {
			const char *s = lines[top + i];
			if (s[0] == '#')
				ui_text(r.y + 1 + i, r.x + 2, r.w - 4, s + 1, UI_PANE_TITLE, false);
			else
				ui_text(r.y + 1 + i, r.x + 2, r.w - 4, s, UI_DIALOG, false);
		}
		int key = dialog_key(a);
		if (key == KEYCODE_FN + KEY_RESIZE)
			continue;
		if (scroll_key(&a->keys, key, &top, n, h))
			break;
	}
	a->dirty |= DIRTY_ALL;
}

void event_pick(struct app *a)
{
	struct event_list el = {0};
	if (event_list(a->b, &el) != MU_OK) {
		app_fail(a, "events");
		return;
	}
	if (!el.n) {
		app_status(a, false, "no events: import one with muster import FILE.yaml");
		event_list_free(&el);
		return;
	}
	int cur = 0, top = 0;
	for (size_t i = 0; i < el.n; i++)
		if (el.v[i].id == a->event_id)
			cur = (int)i;
	for (;;) {
		struct rect r = centre(a, 70, (int)el.n + 2);
		int h = r.h - 2;
		frame(r, "Events", "Enter open · Esc cancel");
		if (cur < top)
			top = cur;
		if (cur >= top + h)
			top = cur - h + 1;
		for (int i = 0; i < h && top + i < (int)el.n; i++) {
			struct event *e = &el.v[top + i];
			char row[400];
			snprintf(row, sizeof row, " %-10s %s", e->start[0] ? e->start : "", e->name);
			ui_text(r.y + 1 + i, r.x + 1, r.w - 2, row, top + i == cur ? UI_CURSOR : UI_DIALOG, true);
		}
		int key = dialog_key(a);
		enum action act = keymap_lookup(&a->keys, GROUP_GLOBAL, key);
		if (key == KEYCODE_FN + KEY_RESIZE) {
			/* drawn again */
		} else if (act == ACT_UP && cur > 0) {
			cur--;
		} else if (act == ACT_DOWN && cur + 1 < (int)el.n) {
			cur++;
		} else if (key == '\r' || key == '\n' || key == KEYCODE_FN + KEY_ENTER) {
			app_open_event(a, el.v[cur].id);
			app_layout(a);
			break;
		} else if (key == 27 || act == ACT_QUIT) {
			break;
		}
	}
	event_list_free(&el);
	a->dirty |= DIRTY_ALL;
}

/* Words of s wrapped to w columns into at most max lines of out[]; a
 * newline in s starts a new line. */
static int wrap(const char *s, int w, char out[][256], int max)
{
	int n = 0;
	struct strbuf line = STRBUF_INIT;
	while (*s && n < max) {
		if (*s == '\n') {
			text_cut(out[n++], 256, sb_str(&line), w);
			sb_reset(&line);
			s++;
			continue;
		}
		size_t wl = strcspn(s, " \n");
		char word[256];
		snprintf(word, sizeof word, "%.*s", (int)(wl < 255 ? wl : 255), s);
		if (line.len && utf8_width(sb_str(&line)) + 1 + utf8_width(word) > w) {
			text_cut(out[n++], 256, sb_str(&line), w);
			sb_reset(&line);
		}
		if (line.len)
			sb_addc(&line, ' ');
		sb_add(&line, word);
		s += wl;
		s += strspn(s, " ");
	}
	if (line.len && n < max)
		text_cut(out[n++], 256, sb_str(&line), w);
	sb_free(&line);
	return n;
}

int ui_choice(struct app *a, const char *title, const char *body, const char *foot, const char *keys)
{
	char lines[12][256];
	int w = a->W - 4 < 70 ? a->W - 4 : 70;
	int n = wrap(body, w - 4, lines, 12);
	for (;;) {
		struct rect r = centre(a, w, n + 4);
		frame(r, title, NULL);
		for (int i = 0; i < n && i < r.h - 3; i++)
			ui_text(r.y + 1 + i, r.x + 2, r.w - 4, lines[i], UI_DIALOG, false);
		ui_text(r.y + r.h - 2, r.x + 2, r.w - 4, foot, UI_PANE_TITLE, false);
		int key = dialog_key(a);
		if (key == KEYCODE_FN + KEY_RESIZE)
			continue;
		if (key == 27 || app_signalled())
			break;
		if (key > 0 && key < 128 && strchr(keys, key)) {
			a->dirty |= DIRTY_ALL;
			return key;
		}
	}
	a->dirty |= DIRTY_ALL;
	return 27;
}

/* A value as one short line for the question: newlines and tabs as
 * spaces, cut to cols columns. */
static void preview(char *out, size_t n, const char *s, int cols)
{
	struct strbuf b = STRBUF_INIT;
	for (; *s; s++)
		sb_addc(&b, *s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s);
	text_cut(out, n, *sb_str(&b) ? sb_str(&b) : "(empty)", cols);
	sb_free(&b);
}

static const char *field_label(const char *name)
{
	static const struct {
		const char *name, *label;
	} labels[] = {{"title", "Title"}, {"owner", "Owner"}, {"due", "Due"}, {"phase", "Phase"}, {"role", "Role"},
		      {"notes", "Notes"}, {"qty", "Needed"}, {"qty_ready", "Ready"}, {"unit", "Unit"}};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
		if (!strcmp(labels[i].name, name))
			return labels[i].label;
	return name;
}

bool ask_merge(struct app *a, const char *what, struct merge *m)
{
	for (int i = 0; i < m->n; i++) {
		struct merge_field *f = &m->f[i];
		char mine[400], theirs[400], body[1100], title[80];
		preview(mine, sizeof mine, f->mine, 120);
		preview(theirs, sizeof theirs, f->theirs, 120);
		snprintf(title, sizeof title, "Changed meanwhile · %s (%d of %d)", field_label(f->name), i + 1, m->n);
		snprintf(body, sizeof body, "%s changed %s of %s at %s while you edited it.\nYours:  %s\nTheirs: %s",
			 m->actor ? m->actor : "someone", field_label(f->name), what, m->at ? m->at : "?", mine, theirs);
		int k = ui_choice(a, title, body, "m keep mine · t keep theirs · Esc cancel", "mt");
		if (k != 'm' && k != 't')
			return false;
		f->keep_mine = k == 'm';
	}
	return true;
}
