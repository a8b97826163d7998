/* Shared drawing: text cut to a column budget with utf8_fit (never past a
 * border, never half a wide character), boxes with titles, meter bars and
 * sparklines (htop-style shared renderers), compact numbers and dates. */
#include "tui.h"
#include <ctype.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static struct strbuf sb, plain;

/* Not a UTF-8 locale (LANG=C): curses would show each byte of a UTF-8
 * character as "~W" and push the borders out of line.  Draw ASCII then,
 * column for column: a few symbols by look-alikes, anything else '?' per
 * column (a CJK character "??"), combining marks dropped. */
static const char *ascii(const char *s)
{
	static int utf8 = -1;
	if (utf8 < 0) {
		const char *cs = nl_langinfo(CODESET);
		utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	}
	if (utf8)
		return s;
	static const struct {
		uint32_t cp;
		char c;
	} alike[] = {{0xB7, '-'},   {0x2026, '~'}, {0x2013, '-'}, {0x2014, '-'}, {0x2192, '>'},
		     {0x2190, '<'}, {0x2588, '#'}, {0x2593, '*'}, {0x2592, '!'}, {0x2591, '.'},
		     {0x25C6, '*'}, {0x2022, 'o'}, {0x2502, '|'}, {0x2581, '_'}, {0x2582, '_'},
		     {0x2583, '-'}, {0x2584, '-'}, {0x2585, '='}, {0x2586, '='}, {0x2587, '#'}};
	sb_reset(&plain);
	for (size_t n = strlen(s); n;) {
		uint32_t cp;
		int len = utf8_decode(s, n, &cp);
		s += len, n -= (size_t)len;
		if (cp < 0x80) {
			sb_addc(&plain, (char)cp);
			continue;
		}
		char c = cp >= 0x2589 && cp <= 0x258F ? '|' : '?'; /* ▉..▏ */
		for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++)
			if (alike[i].cp == cp)
				c = alike[i].c;
		for (int w = utf8_cp_width(cp); w > 0; w--)
			sb_addc(&plain, c);
	}
	return sb_str(&plain);
}

int ui_text(int y, int x, int w, const char *s, enum ui_role r, bool pad)
{
	if (w <= 0)
		return 0;
	sb_reset(&sb);
	int cols = utf8_fit(&sb, s ? s : "", w, pad);
	ui_set(r);
	mvaddstr(y, x, ascii(sb_str(&sb)));
	return cols;
}

int ui_text_right(int y, int x, int w, const char *s, enum ui_role r)
{
	if (w <= 0)
		return 0;
	sb_reset(&sb);
	int cols = utf8_fit_right(&sb, s ? s : "", w);
	ui_set(r);
	mvaddstr(y, x, ascii(sb_str(&sb)));
	return cols;
}

void ui_fill(int y, int x, int w, enum ui_role r)
{
	if (w <= 0)
		return;
	ui_set(r);
	mvhline(y, x, ' ', w);
}

static void put_wch(int y, int x, const cchar_t *c, enum ui_role r)
{
	ui_set(r);
	mvadd_wch(y, x, c);
}

void ui_box(struct rect r, const char *title, bool focus, bool join_top)
{
	enum ui_role br = focus ? UI_BORDER_FOCUS : UI_BORDER;
	if (r.w < 2 || r.h < 2)
		return;
	ui_set(br);
	mvhline_set(r.y, r.x + 1, WACS_HLINE, r.w - 2);
	mvhline_set(r.y + r.h - 1, r.x + 1, WACS_HLINE, r.w - 2);
	mvvline_set(r.y + 1, r.x, WACS_VLINE, r.h - 2);
	mvvline_set(r.y + 1, r.x + r.w - 1, WACS_VLINE, r.h - 2);
	put_wch(r.y, r.x, join_top ? WACS_LTEE : WACS_ULCORNER, br);
	put_wch(r.y, r.x + r.w - 1, join_top ? WACS_RTEE : WACS_URCORNER, br);
	put_wch(r.y + r.h - 1, r.x, WACS_LLCORNER, br);
	put_wch(r.y + r.h - 1, r.x + r.w - 1, WACS_LRCORNER, br);
	if (title && *title && r.w > 4)
		ui_text(r.y, r.x + 1, r.w - 2 < utf8_width(title) ? r.w - 2 : utf8_width(title), title,
			focus ? UI_BORDER_FOCUS : UI_PANE_TITLE, false);
}

/* Eighths of a cell, so a bar moves smoothly.  At risk and behind fill
 * whole cells with their own character (▓, ▒), so the state reads without
 * colour too; empty cells are shaded (░). */
void ui_bar(int y, int x, int w, double frac, enum ui_role r)
{
	static const char *const part[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	if (w <= 0)
		return;
	if (!(frac >= 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	const char *fill = r == UI_METER_WARN ? "▓" : r == UI_METER_BAD ? "▒" : "█";
	bool smooth = r != UI_METER_WARN && r != UI_METER_BAD;
	int eighths = (int)lround(frac * w * 8);
	if (!smooth)
		eighths = (eighths + 4) / 8 * 8;
	if (frac > 0 && eighths == 0) /* something is not nothing */
		eighths = smooth ? 1 : 8;
	int full = eighths / 8, rest = eighths % 8, i = 0;
	ui_set(r);
	move(y, x);
	for (; i < full && i < w; i++)
		addstr(ascii(fill));
	if (i < w && rest) {
		addstr(ascii(part[rest]));
		i++;
	}
	ui_set(UI_METER_EMPTY);
	for (; i < w; i++)
		addstr(ascii("░"));
}

void ui_spark(int y, int x, int w, const double *v, size_t n, enum ui_role r)
{
	static const char *const lv[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	if (w <= 0 || !n)
		return;
	size_t first = n > (size_t)w ? n - (size_t)w : 0;
	double lo = v[first], hi = v[first];
	for (size_t i = first; i < n; i++) {
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	ui_set(r);
	move(y, x);
	for (size_t i = first; i < n; i++) {
		int k = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : 3;
		addstr(ascii(lv[k < 0 ? 0 : k > 7 ? 7 : k]));
	}
}

/* Compact numbers, three significant digits from 1000 up: 9.1k, 3.75k,
 * 25k, 412k, 1.2M; whole numbers below 1000 as they are; 0.35. */
void fmt_num(char *buf, size_t n, double v)
{
	static const struct {
		double div;
		const char *unit;
	} scale[] = {{1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
	double a = fabs(v);
	if (isnan(v)) {
		snprintf(buf, n, "–");
		return;
	}
	if (isinf(v) || a >= 999.95e12) { /* 1e300: "1e300", never 300 digits */
		char e[32];
		snprintf(e, sizeof e, "%.2g", v);
		char *x = strchr(e, 'e'), *d = x ? x + 1 : NULL;
		if (d && *d == '+')
			memmove(d, d + 1, strlen(d));
		while (d && d[0] == '0' && d[1])
			memmove(d, d + 1, strlen(d));
		snprintf(buf, n, "%s", isinf(v) ? (v < 0 ? "-∞" : "∞") : e);
		return;
	}
	for (size_t i = 0; i < sizeof scale / sizeof scale[0]; i++) {
		/* 999.96k rounds to "1000k": let the next unit take it */
		if (a < scale[i].div * 0.9995 && i + 1 < sizeof scale / sizeof scale[0])
			continue;
		if (a < scale[i].div * 0.9995)
			break;
		double x = v / scale[i].div, ax = fabs(x);
		int dec = ax >= 99.95 ? 0 : ax >= 9.995 ? 1 : 2;
		snprintf(buf, n, "%.*f", dec, x);
		/* 9.10 → 9.1, 25.0 → 25 */
		if (dec && strchr(buf, '.')) {
			char *e = buf + strlen(buf);
			while (e[-1] == '0')
				*--e = 0;
			if (e[-1] == '.')
				*--e = 0;
		}
		snprintf(buf + strlen(buf), n - strlen(buf), "%s", scale[i].unit);
		return;
	}
	if (a == floor(a))
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, a >= 10 ? "%.1f" : "%.2f", v);
}

void fmt_day(char out[8], const char *iso)
{
	int32_t d;
	out[0] = 0;
	if (!iso || !*iso || !date_parse_iso(iso, &d))
		return;
	int y, m, dd;
	date_ymd(d, &y, &m, &dd);
	snprintf(out, 8, "%s %02d", date_month_abbr(m), dd % 100);
}

char *text_cut(char *buf, size_t n, const char *s, int cols)
{
	struct strbuf b = STRBUF_INIT;
	if ((size_t)cols * 4 + 4 > n) /* 4 bytes per column at most, plus "…" */
		cols = (int)(n / 4) - 1;
	utf8_fit(&b, s ? s : "", cols, false);
	snprintf(buf, n, "%s", sb_str(&b));
	sb_free(&b);
	return buf;
}

bool str_match(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

uint32_t hash_str(uint32_t h, const char *s)
{
	if (!s)
		return h * 16777619u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h ^ 0xff) * 16777619u;
}

uint32_t hash_int(uint32_t h, int64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		h = (h ^ (uint32_t)(v & 0xff)) * 16777619u;
	return h;
}
