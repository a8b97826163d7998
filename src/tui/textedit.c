/* The text of one form field while it is edited: code points in a growing
 * array, held to the model's limit in UTF-8 bytes (never cut), one line
 * that scrolls sideways or, for notes, several rows that wrap (at the
 * width, and at each newline) and scroll up and down with the cursor. */
#include "tui.h"
#include <stdlib.h>
#include <string.h>

static size_t cp_bytes(uint32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

/* Columns on screen: a newline ends its row, a tab shows as a space,
 * other control characters as '?'. */
static int cp_cols(uint32_t c) { return c == '\n' ? 0 : utf8_cp_width(c); }

static void put_utf8(struct strbuf *b, uint32_t c)
{
	char m[4];
	sb_addn(b, m, utf8_encode(c, m));
}

void tedit_set(struct tedit *t, const char *s, size_t max, bool multiline)
{
	size_t n = strlen(s), i = 0;
	t->len = t->pos = t->top = 0;
	t->bytes = 0;
	t->max = max;
	t->multiline = multiline;
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		xgrow((void **)&t->ch, &t->cap, (size_t)t->len + 1, sizeof *t->ch);
		t->ch[t->len++] = cp;
		t->bytes += cp_bytes(cp);
		i += (size_t)k;
	}
	t->pos = t->len;
}

void tedit_free(struct tedit *t)
{
	free(t->ch);
	memset(t, 0, sizeof *t);
}

char *tedit_text(const struct tedit *t)
{
	struct strbuf b = STRBUF_INIT;
	for (int i = 0; i < t->len; i++)
		put_utf8(&b, t->ch[i]);
	return b.s ? b.s : xstrdup("");
}

/* Row starts of the wrapped text in w columns (*n rows; allocated). */
static int *rows_of(const struct tedit *t, int w, int *n)
{
	size_t cap = 16;
	int *r = xmalloc(cap * sizeof *r), k = 0, cols = 0;
	r[k++] = 0;
	for (int i = 0; i < t->len; i++) {
		int cw = cp_cols(t->ch[i]);
		if (cols + cw > w && cols > 0) {
			xgrow((void **)&r, &cap, (size_t)k + 1, sizeof *r);
			r[k++] = i;
			cols = 0;
		}
		cols += cw;
		if (t->ch[i] == '\n') {
			xgrow((void **)&r, &cap, (size_t)k + 1, sizeof *r);
			r[k++] = i + 1;
			cols = 0;
		}
	}
	*n = k;
	return r;
}

int tedit_rows(const struct tedit *t, int w)
{
	int n;
	free(rows_of(t, w < 1 ? 1 : w, &n));
	return n;
}

/* The row of position pos, and its column in that row. */
static int row_at(const struct tedit *t, const int *r, int n, int pos, int *col)
{
	int k = 0;
	while (k + 1 < n && r[k + 1] <= pos)
		k++;
	*col = 0;
	for (int i = r[k]; i < pos; i++)
		*col += cp_cols(t->ch[i]);
	return k;
}

/* Position in row k closest to column col (not past its end). */
static int pos_in_row(const struct tedit *t, const int *r, int n, int k, int col)
{
	int end = k + 1 < n ? r[k + 1] : t->len, i = r[k], c = 0;
	if (k + 1 < n && end > r[k])
		end--; /* not past the newline ending the row (or the next row's first place) */
	while (i < end && c + cp_cols(t->ch[i]) <= col)
		c += cp_cols(t->ch[i++]);
	return i;
}

static bool insert(struct tedit *t, uint32_t c, bool *full)
{
	if (t->bytes + cp_bytes(c) > t->max) {
		*full = true;
		return true;
	}
	xgrow((void **)&t->ch, &t->cap, (size_t)t->len + 1, sizeof *t->ch);
	memmove(&t->ch[t->pos + 1], &t->ch[t->pos], (size_t)(t->len - t->pos) * sizeof t->ch[0]);
	t->ch[t->pos++] = c;
	t->len++;
	t->bytes += cp_bytes(c);
	return true;
}

static void text_erase(struct tedit *t, int from, int to)
{
	if (to <= from) { /* nothing (an empty text has no array at all) */
		t->pos = from;
		return;
	}
	for (int i = from; i < to; i++)
		t->bytes -= cp_bytes(t->ch[i]);
	memmove(&t->ch[from], &t->ch[to], (size_t)(t->len - to) * sizeof t->ch[0]);
	t->len -= to - from;
	t->pos = from;
}

bool tedit_key(struct tedit *t, int key, int w, bool *full)
{
	int n = 1, *r = NULL, col = 0, k = 0;
	bool taken = true;
	*full = false;
	if (t->multiline) {
		r = rows_of(t, w < 1 ? 1 : w, &n);
		k = row_at(t, r, n, t->pos, &col);
	}
	/* Home/End: the row shown; C-u/C-k: the line (up to a newline). */
	int start = r ? r[k] : 0, end = r && k + 1 < n ? r[k + 1] : t->len;
	if (r && k + 1 < n && end > start)
		end--; /* the newline ending the row, or the next row's first place */
	int ls = t->pos, le = t->pos;
	while (t->multiline && ls > 0 && t->ch[ls - 1] != '\n')
		ls--;
	while (le < t->len && !(t->multiline && t->ch[le] == '\n'))
		le++;
	if (!t->multiline)
		ls = 0;
	switch (key) {
	case KEYCODE_FN + KEY_LEFT: if (t->pos > 0) t->pos--; break;
	case KEYCODE_FN + KEY_RIGHT: if (t->pos < t->len) t->pos++; break;
	case KEYCODE_FN + KEY_HOME: case 1: t->pos = start; break;
	case KEYCODE_FN + KEY_END: case 5: t->pos = end; break;
	case KEYCODE_FN + KEY_UP:
		if (!r || k == 0)
			taken = false;
		else
			t->pos = pos_in_row(t, r, n, k - 1, col);
		break;
	case KEYCODE_FN + KEY_DOWN:
		if (!r || k + 1 >= n)
			taken = false;
		else
			t->pos = pos_in_row(t, r, n, k + 1, col);
		break;
	case KEYCODE_FN + KEY_PPAGE: /* notes: a few rows at a time */
		if (!r)
			taken = false;
		else
			t->pos = pos_in_row(t, r, n, k > 6 ? k - 6 : 0, col);
		break;
	case KEYCODE_FN + KEY_NPAGE:
		if (!r)
			taken = false;
		else
			t->pos = pos_in_row(t, r, n, k + 6 < n ? k + 6 : n - 1, col);
		break;
	case KEYCODE_FN + KEY_BACKSPACE: case 127: case 8:
		if (t->pos > 0)
			text_erase(t, t->pos - 1, t->pos);
		break;
	case KEYCODE_FN + KEY_DC: case 4:
		if (t->pos < t->len)
			text_erase(t, t->pos, t->pos + 1);
		break;
	case 21: text_erase(t, ls, t->pos); break; /* C-u: to the start */
	case 11: { /* C-k: to the end */
		int p = t->pos;
		text_erase(t, p, le);
		t->pos = p;
		break;
	}
	case '\n': /* C-j: a new line in notes (Enter saves the form) */
		taken = t->multiline && insert(t, '\n', full);
		break;
	default:
		taken = key >= 32 && key < KEYCODE_FN && key != 127 && insert(t, (uint32_t)key, full);
	}
	free(r);
	return taken;
}

/* One row of text (from..to) into b as it shows. */
static void row_text(const struct tedit *t, int from, int to, int w, struct strbuf *b)
{
	int cols = 0;
	for (int i = from; i < to; i++) {
		uint32_t c = t->ch[i];
		int cw = cp_cols(c);
		if (c == '\n')
			continue;
		if (cols + cw > w)
			break;
		put_utf8(b, c == '\t' ? ' ' : c < 32 || c == 0x7f ? '?' : c);
		cols += cw;
	}
}

void tedit_draw(struct tedit *t, int y, int x, int w, int h, bool focus, int *cy, int *cx)
{
	struct strbuf b = STRBUF_INIT;
	if (w < 1)
		w = 1;
	if (!t->multiline || h <= 1) {
		int cw = 0;
		if (t->pos < t->top)
			t->top = t->pos;
		for (;;) { /* scroll right until the cursor fits */
			cw = 0;
			for (int i = t->top; i < t->pos; i++)
				cw += cp_cols(t->ch[i]);
			if (cw < w || t->top >= t->pos)
				break;
			t->top++;
		}
		row_text(t, t->top, t->len, w, &b);
		ui_fill(y, x, w, UI_INPUT);
		ui_text(y, x, w, sb_str(&b), UI_INPUT, false);
		*cy = y, *cx = x + cw;
		sb_free(&b);
		return;
	}
	int n, col, *r = rows_of(t, w, &n), k = row_at(t, r, n, t->pos, &col);
	if (focus && k < t->top) /* the rows follow the cursor, when it is here */
		t->top = k;
	if (focus && k >= t->top + h)
		t->top = k - h + 1;
	if (t->top > n - 1)
		t->top = n - 1 > 0 ? n - 1 : 0;
	for (int i = 0; i < h; i++) {
		int row = t->top + i;
		ui_fill(y + i, x, w, UI_INPUT);
		if (row >= n)
			continue;
		sb_reset(&b);
		row_text(t, r[row], row + 1 < n ? r[row + 1] : t->len, w, &b);
		ui_text(y + i, x, w, sb_str(&b), UI_INPUT, false);
	}
	*cy = y + (k - t->top);
	*cx = x + (col < w ? col : w - 1);
	free(r);
	sb_free(&b);
}
