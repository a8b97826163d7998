/* Modal forms for add/edit and one-line prompts: each field edits its whole
 * value (src/tui/textedit.c: the model's limit, notes over several rows),
 * Tab between fields, Enter saves after checking every changed field (the
 * message shows under the bad field; a field left alone is kept exactly as
 * it was), Escape cancels.  form_field.changed tells the caller what the
 * user changed, for edits that write only that. */
#include "tui.h"
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void form_set(struct form_field *f, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	free(f->text); /* after the new text is made: fmt's arguments may be in it */
	f->text = b.s ? b.s : xstrdup("");
}

void form_free(struct form_field *f, int n)
{
	for (int i = 0; i < n; i++) {
		free(f[i].text);
		f[i].text = NULL;
	}
}

static const char *text_of(const struct form_field *f) { return f->text ? f->text : ""; }

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
	text_cut(v, sizeof v, text_of(f), 30);
	err[0] = 0;
	if (!*text_of(f)) {
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
		char iso[16];
		if (!date_resolve(text_of(f), date_day_of(a->ev.start), &day)) {
			snprintf(err, n, "not a date: %s (2026-09-01 or T-14)", v);
			return false;
		}
		date_format(day, iso);
		form_set(f, "%s", iso);
		return true;
	}
	case FIELD_NUMBER:
		if (!parse_number(text_of(f), &d))
			snprintf(err, n, "not a number: %s", v);
		return !err[0];
	case FIELD_INT:
		if (!parse_number(text_of(f), &d) || d < 0 || d != floor(d) || d > 1e15)
			snprintf(err, n, "not a whole number: %s", v);
		return !err[0];
	case FIELD_ROLE:
		for (size_t i = 0; i < a->roles.n; i++)
			if (!strcasecmp(text_of(f), a->roles.v[i].key) || !strcasecmp(text_of(f), a->roles.v[i].name)) {
				form_set(f, "%s", a->roles.v[i].key);
				return true;
			}
		snprintf(err, n, "no role %s (r cycles roles in the task list)", v);
		return false;
	case FIELD_PHASE:
		for (size_t i = 0; i < a->phases.n; i++)
			if (!strcasecmp(text_of(f), a->phases.v[i].key) || !strcasecmp(text_of(f), a->phases.v[i].name)) {
				form_set(f, "%s", a->phases.v[i].key);
				return true;
			}
		snprintf(err, n, "no phase %s", v);
		return false;
	case FIELD_OWNER:
		if (!a->people.n)
			return true;
		for (size_t i = 0; i < a->people.n; i++)
			if (!strcmp(text_of(f), a->people.v[i].login))
				return true;
		snprintf(err, n, "%s is not on the team", v);
		return false;
	case FIELD_TEXT: case FIELD_INFO: return true;
	}
	return true;
}

#define NOTES_ROWS 8 /* at most, of a multi-line field */

struct form_state {
	struct form_field *f;
	struct tedit *t;
	int n, cur, bad, w, lw;
	int *rows; /* rows each field takes */
	char err[256];
};

/* Rows per field: one, or for notes as many as they need up to
 * NOTES_ROWS (at least 3), fewer when the screen is short. */
static int layout_rows(struct app *a, struct form_state *s)
{
	int fw = s->w - s->lw - 5, total = 0, spare = a->H - 3 - (s->err[0] ? 1 : 0);
	for (int i = 0; i < s->n; i++) {
		int r = 1;
		if (s->t[i].multiline) {
			r = tedit_rows(&s->t[i], fw);
			r = r < 3 ? 3 : r > NOTES_ROWS ? NOTES_ROWS : r;
		}
		s->rows[i] = r;
		total += r;
	}
	for (int i = s->n - 1; i >= 0 && total > spare; i--) /* a short screen */
		while (s->rows[i] > 1 && total > spare)
			s->rows[i]--, total--;
	return total;
}

static void draw_form(struct app *a, const char *title, struct form_state *s, int *cy, int *cx)
{
	s->lw = 0;
	for (int i = 0; i < s->n; i++)
		if (utf8_width(s->f[i].label) > s->lw)
			s->lw = utf8_width(s->f[i].label);
	s->w = a->W - 4 < 70 ? a->W - 4 : 70;
	int h = layout_rows(a, s) + 3 + (s->err[0] ? 1 : 0);
	if (h > a->H)
		h = a->H;
	int y = (a->H - h) / 2, x = (a->W - s->w) / 2, row = y + 1, w = s->w;
	struct rect r = {y, x, h, w};
	for (int i = 0; i < h; i++)
		ui_fill(y + i, x, w, UI_DIALOG);
	ui_box(r, title, true, false);
	*cy = y, *cx = x;
	for (int i = 0; i < s->n && row < y + h - 2; i++) {
		const struct form_field *f = &s->f[i];
		int fx = x + 3 + s->lw, fw = w - s->lw - 5, fh = s->rows[i];
		if (row + fh > y + h - 2)
			fh = y + h - 2 - row;
		ui_text(row, x + 2, s->lw, f->label, i == s->bad ? UI_ERROR : UI_DIALOG, true);
		int ty, tx;
		if (f->kind == FIELD_INFO) {
			ui_text(row, fx, fw, text_of(f), UI_DIM, true);
			ty = row, tx = fx;
		} else {
			tedit_draw(&s->t[i], row, fx, fw, fh, i == s->cur, &ty, &tx);
		}
		if (i == s->cur)
			*cy = ty, *cx = tx;
		row += fh;
		if (i == s->bad && s->err[0] && row < y + h - 2)
			ui_text(row++, fx, fw, s->err, UI_ERROR, false);
	}
	ui_text(y + h - 2, x + 2, w - 4,
		s->t[s->cur].multiline ? "Enter save · Esc cancel · Tab next field · C-j new line"
				       : "Enter save · Esc cancel · Tab next field · C-u clear",
		UI_DIM, false);
}

/* Enter: every field's text back into f; a field left as it was is taken
 * as it is (never checked, cut or normalised), a changed one is checked. */
static bool save(struct app *a, struct form_state *s, char *const *initial)
{
	s->bad = -1;
	for (int i = 0; i < s->n && s->bad < 0; i++) {
		struct form_field *f = &s->f[i];
		if (f->kind == FIELD_INFO)
			continue;
		char *now = tedit_text(&s->t[i]);
		f->changed = strcmp(now, initial[i]) != 0;
		free(f->text);
		f->text = now;
		bool ok = true;
		if (f->changed) {
			ok = validate(a, f, s->err, sizeof s->err);
		} else if (f->required && !*now) {
			snprintf(s->err, sizeof s->err, "%s is required", f->label);
			ok = false;
		}
		if (!ok)
			s->bad = s->cur = i;
	}
	return s->bad < 0;
}

bool form_run(struct app *a, const char *title, struct form_field *f, int n)
{
	struct form_state s = {.f = f, .n = n, .bad = -1};
	s.t = xcalloc((size_t)n, sizeof *s.t);
	s.rows = xcalloc((size_t)n, sizeof *s.rows);
	char **initial = xcalloc((size_t)n, sizeof *initial);
	int editable = 0;
	for (int i = 0; i < n; i++) {
		initial[i] = xstrdup(text_of(&f[i]));
		tedit_set(&s.t[i], initial[i], f[i].max ? f[i].max : BOARD_TITLE_MAX, f[i].multiline);
		f[i].changed = false;
		editable += f[i].kind != FIELD_INFO;
	}
	while (editable && f[s.cur].kind == FIELD_INFO)
		s.cur++;
	bool saved = false, done = false;
	curs_set(1);
	while (!done && !app_signalled()) {
		int cy = 0, cx = 0;
		draw_form(a, title, &s, &cy, &cx);
		move(cy, cx);
		wnoutrefresh(stdscr);
		doupdate();
		int key = ui_getkey(-1);
		if (key < 0)
			continue;
		int fw = s.w - s.lw - 5;
		bool full = false;
		if (key == KEYCODE_FN + KEY_RESIZE) {
			app_layout(a);
			app_draw(a);
		} else if (key == 27) {
			done = true;
		} else if (key == '\r' || key == KEYCODE_FN + KEY_ENTER || (key == '\n' && !s.t[s.cur].multiline)) {
			saved = done = save(a, &s, initial);
		} else if (key == KEYCODE_FN + KEY_MOUSE || f[s.cur].kind == FIELD_INFO) {
			/* nothing to edit */
		} else if (tedit_key(&s.t[s.cur], key, fw, &full)) {
			if (full) {
				snprintf(s.err, sizeof s.err, "%s: at most %zu bytes", f[s.cur].label, s.t[s.cur].max);
				s.bad = s.cur;
			}
		} else if (key == '\t' || key == KEYCODE_FN + KEY_DOWN) {
			do
				s.cur = (s.cur + 1) % n;
			while (editable && f[s.cur].kind == FIELD_INFO);
		} else if (key == KEYCODE_FN + KEY_BTAB || key == KEYCODE_FN + KEY_UP) {
			do
				s.cur = (s.cur + n - 1) % n;
			while (editable && f[s.cur].kind == FIELD_INFO);
		}
	}
	curs_set(0);
	for (int i = 0; i < n; i++) {
		tedit_free(&s.t[i]);
		free(initial[i]);
	}
	free(initial);
	free(s.t);
	free(s.rows);
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
