/* Modal forms for add/edit and one-line prompts: wide-character line
 * editing (get_wch, so CJK input works), Left/Right/Home/End, Backspace,
 * Delete, Ctrl-U/Ctrl-K, Tab between fields, Enter saves after validating
 * every field (the message shows under the bad field), Escape cancels. */
#include "tui.h"
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINE_MAX_CH 400

struct line {
	uint32_t ch[LINE_MAX_CH];
	int len, pos, scroll;
};

static void line_set(struct line *l, const char *s)
{
	size_t n = strlen(s), i = 0;
	l->len = l->pos = l->scroll = 0;
	while (i < n && l->len < LINE_MAX_CH) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		l->ch[l->len++] = cp;
	}
	l->pos = l->len;
}

static void put_utf8(struct strbuf *b, uint32_t c)
{
	char m[4];
	if (c < 0x80)
		sb_addc(b, (char)c);
	else if (c < 0x800)
		m[0] = (char)(0xC0 | c >> 6), m[1] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 2);
	else if (c < 0x10000)
		m[0] = (char)(0xE0 | c >> 12), m[1] = (char)(0x80 | (c >> 6 & 0x3F)),
		m[2] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 3);
	else
		m[0] = (char)(0xF0 | c >> 18), m[1] = (char)(0x80 | (c >> 12 & 0x3F)),
		m[2] = (char)(0x80 | (c >> 6 & 0x3F)), m[3] = (char)(0x80 | (c & 0x3F)), sb_addn(b, m, 4);
}

static void line_get(const struct line *l, char *out, size_t n)
{
	struct strbuf b = STRBUF_INIT;
	for (int i = 0; i < l->len; i++)
		put_utf8(&b, l->ch[i]);
	snprintf(out, n, "%s", sb_str(&b));
	sb_free(&b);
}

/* Draws the visible part of the line in w columns; returns the cursor x. */
static int line_draw(struct line *l, int y, int x, int w, bool focus)
{
	int cw = 0;
	if (l->pos < l->scroll)
		l->scroll = l->pos;
	for (;;) { /* scroll right until the cursor fits */
		cw = 0;
		for (int i = l->scroll; i < l->pos; i++)
			cw += utf8_cp_width(l->ch[i]);
		if (cw < w || l->scroll >= l->pos)
			break;
		l->scroll++;
	}
	struct strbuf b = STRBUF_INIT;
	int used = 0;
	for (int i = l->scroll; i < l->len; i++) {
		int cwid = utf8_cp_width(l->ch[i]);
		if (used + cwid > w)
			break;
		put_utf8(&b, l->ch[i] < 32 ? '?' : l->ch[i]);
		used += cwid;
	}
	ui_fill(y, x, w, UI_INPUT);
	ui_text(y, x, w, sb_str(&b), UI_INPUT, false);
	sb_free(&b);
	(void)focus;
	return x + cw;
}

/* Returns true when the key was a line-editing key. */
static bool line_key(struct line *l, int key)
{
	switch (key) {
	case KEYCODE_FN + KEY_LEFT: if (l->pos > 0) l->pos--; return true;
	case KEYCODE_FN + KEY_RIGHT: if (l->pos < l->len) l->pos++; return true;
	case KEYCODE_FN + KEY_HOME: case 1: l->pos = 0; return true;
	case KEYCODE_FN + KEY_END: case 5: l->pos = l->len; return true;
	case KEYCODE_FN + KEY_BACKSPACE: case 127: case 8:
		if (l->pos == 0)
			return true;
		l->pos--;
		/* fall through */
	case KEYCODE_FN + KEY_DC: case 4:
		if (l->pos < l->len) {
			memmove(&l->ch[l->pos], &l->ch[l->pos + 1], (size_t)(l->len - l->pos - 1) * sizeof l->ch[0]);
			l->len--;
		}
		return true;
	case 21: /* C-u: delete to the start */
		memmove(&l->ch[0], &l->ch[l->pos], (size_t)(l->len - l->pos) * sizeof l->ch[0]);
		l->len -= l->pos;
		l->pos = 0;
		return true;
	case 11: l->len = l->pos; return true; /* C-k */
	}
	if (key >= 32 && key < KEYCODE_FN && key != 127) {
		if (l->len >= LINE_MAX_CH)
			return true;
		memmove(&l->ch[l->pos + 1], &l->ch[l->pos], (size_t)(l->len - l->pos) * sizeof l->ch[0]);
		l->ch[l->pos++] = (uint32_t)key;
		l->len++;
		return true;
	}
	return false;
}

bool parse_number(const char *s, double *v)
{
	char buf[64], *end;
	size_t k = 0;
	for (; *s && k < sizeof buf - 1; s++)
		if (*s != ',' && *s != '_' && !isspace((unsigned char)*s))
			buf[k++] = *s;
	buf[k] = 0;
	if (!k)
		return false;
	double x = strtod(buf, &end);
	if (end == buf)
		return false;
	if (*end == 'k' || *end == 'K')
		x *= 1e3, end++;
	else if (*end == 'm' || *end == 'M')
		x *= 1e6, end++;
	if (*end || !isfinite(x))
		return false;
	*v = x;
	return true;
}

/* Checks (and normalises) one field; an error message into err. */
static bool validate(struct app *a, struct form_field *f, char *err, size_t n)
{
	char v[128];
	double d;
	text_cut(v, sizeof v, f->value, 30);
	err[0] = 0;
	if (!*f->value) {
		if (f->required)
			snprintf(err, n, "%s is required", f->label);
		return !f->required;
	}
	if (f->kind == FIELD_INFO)
		return true;
	if (f->check && !f->check(a, f, err, n))
		return false;
	switch (f->kind) {
	case FIELD_DATE: {
		int32_t day;
		if (!date_resolve(f->value, day_of(a->ev.start), &day)) {
			snprintf(err, n, "not a date: %s (2026-09-01 or T-14)", v);
			return false;
		}
		date_format(day, f->value);
		return true;
	}
	case FIELD_NUMBER:
		if (!parse_number(f->value, &d))
			snprintf(err, n, "not a number: %s", v);
		return !err[0];
	case FIELD_INT:
		if (!parse_number(f->value, &d) || d < 0 || d != floor(d) || d > 1e15)
			snprintf(err, n, "not a whole number: %s", v);
		return !err[0];
	case FIELD_ROLE:
		for (size_t i = 0; i < a->roles.n; i++)
			if (!strcasecmp(f->value, a->roles.v[i].key) || !strcasecmp(f->value, a->roles.v[i].name)) {
				snprintf(f->value, sizeof f->value, "%s", a->roles.v[i].key);
				return true;
			}
		snprintf(err, n, "no role %s (r cycles roles in the task list)", v);
		return false;
	case FIELD_PHASE:
		for (size_t i = 0; i < a->phases.n; i++)
			if (!strcasecmp(f->value, a->phases.v[i].key) || !strcasecmp(f->value, a->phases.v[i].name)) {
				snprintf(f->value, sizeof f->value, "%s", a->phases.v[i].key);
				return true;
			}
		snprintf(err, n, "no phase %s", v);
		return false;
	case FIELD_OWNER:
		if (!a->people.n)
			return true;
		for (size_t i = 0; i < a->people.n; i++)
			if (!strcmp(f->value, a->people.v[i].login))
				return true;
		snprintf(err, n, "%s is not on the team", v);
		return false;
	case FIELD_TEXT: case FIELD_INFO: return true;
	}
	return true;
}

static void draw_form(struct app *a, const char *title, struct form_field *f, struct line *l, int n,
		      int cur, int bad, const char *err, int *cy, int *cx)
{
	int lw = 0;
	for (int i = 0; i < n; i++)
		if (utf8_width(f[i].label) > lw)
			lw = utf8_width(f[i].label);
	int w = a->W - 4 < 70 ? a->W - 4 : 70;
	int h = n + 3 + (err[0] ? 1 : 0);
	if (h > a->H)
		h = a->H;
	int y = (a->H - h) / 2, x = (a->W - w) / 2, row = y + 1;
	struct rect r = {y, x, h, w};
	for (int i = 0; i < h; i++)
		ui_fill(y + i, x, w, UI_DIALOG);
	ui_box(r, title, true, false);
	for (int i = 0; i < n && row < y + h - 2; i++, row++) {
		ui_text(row, x + 2, lw, f[i].label, i == bad ? UI_ERROR : UI_DIALOG, true);
		int fx = x + 3 + lw, fw = w - lw - 5;
		int px = fx;
		if (f[i].kind == FIELD_INFO)
			ui_text(row, fx, fw, f[i].value, UI_DIM, true);
		else
			px = line_draw(&l[i], row, fx, fw, i == cur);
		if (i == cur)
			*cy = row, *cx = px;
		if (i == bad && err[0] && row + 1 < y + h - 2) {
			row++;
			ui_text(row, fx, fw, err, UI_ERROR, false);
		}
	}
	ui_text(y + h - 2, x + 2, w - 4, "Enter save · Esc cancel · Tab next field · C-u clear",
		UI_DIM, false);
}

bool form_run(struct app *a, const char *title, struct form_field *f, int n)
{
	struct line *l = xcalloc((size_t)n, sizeof *l);
	for (int i = 0; i < n; i++)
		line_set(&l[i], f[i].value);
	int cur = 0, bad = -1, editable = 0;
	for (int i = 0; i < n; i++)
		editable += f[i].kind != FIELD_INFO;
	while (editable && f[cur].kind == FIELD_INFO)
		cur++;
	bool saved = false, done = false;
	char err[256] = "";
	curs_set(1);
	while (!done && !app_signalled()) {
		int cy = 0, cx = 0;
		draw_form(a, title, f, l, n, cur, bad, err, &cy, &cx);
		move(cy, cx);
		wnoutrefresh(stdscr);
		doupdate();
		int key = ui_getkey(-1);
		if (key < 0)
			continue;
		if (key == KEYCODE_FN + KEY_RESIZE) {
			app_layout(a);
			app_draw(a);
			continue;
		}
		if (key == 27) {
			done = true;
		} else if (key == '\t' || key == KEYCODE_FN + KEY_DOWN) {
			do
				cur = (cur + 1) % n;
			while (editable && f[cur].kind == FIELD_INFO);
		} else if (key == KEYCODE_FN + KEY_BTAB || key == KEYCODE_FN + KEY_UP) {
			do
				cur = (cur + n - 1) % n;
			while (editable && f[cur].kind == FIELD_INFO);
		} else if (key == '\r' || key == '\n' || key == KEYCODE_FN + KEY_ENTER) {
			bad = -1;
			for (int i = 0; i < n && bad < 0; i++) {
				line_get(&l[i], f[i].value, sizeof f[i].value);
				if (!validate(a, &f[i], err, sizeof err))
					bad = cur = i;
			}
			if (bad < 0)
				saved = done = true;
		} else if (key != KEYCODE_FN + KEY_MOUSE && f[cur].kind != FIELD_INFO) {
			line_key(&l[cur], key);
		}
	}
	curs_set(0);
	free(l);
	a->dirty |= DIRTY_ALL;
	return saved;
}

bool ui_confirm(struct app *a, const char *question)
{
	ui_fill(a->H - 1, 0, a->W, UI_ERROR);
	ui_text(a->H - 1, 1, a->W - 1, question, UI_ERROR, false);
	wnoutrefresh(stdscr);
	doupdate();
	int key;
	do
		key = ui_getkey(-1);
	while (key < 0 && !app_signalled());
	a->dirty |= DIRTY_HINT;
	return key == 'y' || key == 'Y';
}
