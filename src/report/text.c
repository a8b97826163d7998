/* Board text inside the exports (report.h's pieces): Markdown and Mermaid
 * escaping, CSV fields with spreadsheet formulas neutralised, iCalendar
 * TEXT and line folding, and the last pass that leaves no control
 * character in an md, csv or ics file.  What is dropped and what becomes a
 * space is the same in every format: see report_strip_controls(). */
#include <string.h>
#include "muster/report.h"
#include "muster/utf8.h"

/* The next character of s: its code point and length (an invalid byte is
 * taken as U+FFFD, one byte). */
static int next(const char *s, uint32_t *cp) { return utf8_decode(s, strnlen(s, 4), cp); }

/* Tab and newline become a space; every other utf8_unsafe character is
 * dropped (0 = drop, 1 = space, 2 = keep). */
static int keep(uint32_t cp)
{
	if (cp == '\n' || cp == '\t')
		return 1;
	return utf8_unsafe(cp) ? 0 : 2;
}

void report_md_text(struct strbuf *b, const char *s)
{
	uint32_t cp;
	for (int n; s && *s; s += n) {
		n = next(s, &cp);
		int k = keep(cp);
		if (k == 1)
			sb_addc(b, ' ');
		if (k != 2)
			continue;
		if (cp < 0x80 && strchr("\\`*_[]<>|#~", (int)cp))
			sb_addc(b, '\\');
		sb_addn(b, s, (size_t)n);
	}
}

void report_mermaid_text(struct strbuf *b, const char *s)
{
	uint32_t cp;
	for (int n; s && *s; s += n) {
		n = next(s, &cp);
		int k = keep(cp);
		if (cp == ':')
			sb_add(b, "：");
		else if (cp == ';')
			sb_add(b, "；");
		else if (cp == '#')
			sb_add(b, "＃");
		else if (k == 1 || (k == 0 && cp < 0x20))
			sb_addc(b, ' ');
		else if (k == 2)
			sb_addn(b, s, (size_t)n);
	}
}

/* A cell's text without controls: a note's newlines stay (inside quotes),
 * a tab is a space, everything else utf8_unsafe is dropped. */
static void csv_clean(struct strbuf *b, const char *s)
{
	uint32_t cp;
	for (int n; *s; s += n) {
		n = next(s, &cp);
		if (cp == '\n')
			sb_addc(b, '\n');
		else if (keep(cp) == 1)
			sb_addc(b, ' ');
		else if (keep(cp) == 2)
			sb_addn(b, s, (size_t)n);
	}
}

static void csv_field(struct strbuf *out, const char *s, bool text)
{
	struct strbuf c = STRBUF_INIT;
	csv_clean(&c, s ? s : "");
	const char *t = sb_str(&c);
	size_t n = c.len;
	/* = + - @ start a formula, and so do TAB and CR (before cleaning);
	 * a formula after leading blanks is one too */
	size_t lead = strspn(t, " ");
	bool formula = text && ((s && *s && strchr("=+-@\t\r", s[0])) || (t[lead] && strchr("=+-@", t[lead])));
	bool quote = strpbrk(t, ",\"\n") || (n && (t[0] == ' ' || t[n - 1] == ' '));
	if (quote)
		sb_addc(out, '"');
	if (formula)
		sb_addc(out, '\'');
	for (; *t; t++) {
		if (*t == '"')
			sb_addc(out, '"');
		sb_addc(out, *t);
	}
	if (quote)
		sb_addc(out, '"');
	sb_free(&c);
}

void report_csv_cell(struct strbuf *out, const char *s) { csv_field(out, s, true); }

void report_csv_number(struct strbuf *out, const char *s) { csv_field(out, s, false); }

void report_ics_text(struct strbuf *out, const char *s)
{
	uint32_t cp;
	for (int n; s && *s; s += n) {
		n = next(s, &cp);
		if (cp == '\\' || cp == ';' || cp == ',') {
			sb_addc(out, '\\');
			sb_addc(out, (char)cp);
		} else if (cp == '\n') {
			sb_add(out, "\\n");
		} else if (cp == '\t') {
			sb_addc(out, ' ');
		} else if (keep(cp) == 2) {
			sb_addn(out, s, (size_t)n);
		} /* CR, other controls, bidi controls, U+2028/9: dropped */
	}
}

void report_ics_line(struct strbuf *out, const char *line, size_t len)
{
	size_t col = 0, i = 0;
	while (i < len) {
		/* the next character's length, by its lead byte */
		unsigned char c = (unsigned char)line[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
		while (n > 1 && (i + n > len || ((unsigned char)line[i + n - 1] & 0xC0) != 0x80))
			n--; /* invalid or cut sequence: byte by byte */
		if (col + n > 75) {
			sb_add(out, "\r\n ");
			col = 1;
		}
		sb_addn(out, line + i, n);
		col += n;
		i += n;
	}
	sb_add(out, "\r\n");
}

void report_strip_controls(struct strbuf *b, size_t from)
{
	if (!b->s || from >= b->len)
		return;
	char *s = b->s + from, *o = s;
	const char *end = s + b->len;
	while (s < end) {
		uint32_t cp;
		int n = utf8_decode(s, (size_t)(end - s), &cp);
		if (cp == '\n' || (cp == '\r' && s + 1 < end && s[1] == '\n')) {
			*o++ = *s;
		} else if (cp == '\t') {
			*o++ = ' ';
		} else if (!utf8_unsafe(cp)) {
			memmove(o, s, (size_t)n);
			o += n;
		}
		s += n;
	}
	*o = '\0';
	b->len = (size_t)(o - b->s);
}
