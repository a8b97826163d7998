/* UTF-8 text measured in terminal columns: width, validation, and cutting
 * to a column budget with "…" without ever splitting a character.  Control
 * characters (C0, DEL, C1, bidi controls, line separators: utf8_unsafe) are
 * never passed through: they display as '?'. */
#ifndef MUSTER_UTF8_H
#define MUSTER_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/xalloc.h"

/* Decode one character at s (n bytes available).  Returns its length in
 * bytes (>= 1); an invalid sequence yields *cp = 0xFFFD and length 1. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode one code point (at most U+10FFFF) into out, by hand (the locale
 * may not be UTF-8): returns its length, 1 to 4 bytes, no NUL added. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Columns of one code point: 0 for combining marks, 2 for wide (CJK, most
 * emoji), 1 otherwise; control characters count 1 (they show as '?'). */
int utf8_cp_width(uint32_t cp);

/* Columns of a whole string. */
int utf8_width(const char *s);

/* True when s[0..len) is valid UTF-8; otherwise *bad (if not NULL) is the
 * byte offset of the first invalid byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Characters never stored and never sent raw to a terminal: C0 controls,
 * DEL and C1 controls (U+0080..U+009F: U+009B is a CSI to many
 * terminals), the bidi embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069: they reorder the text after them, up to the end of the
 * line) and the line and paragraph separators (U+2028, U+2029).  The bidi
 * marks LRM, RLM and ALM (U+200E, U+200F, U+061C) are allowed: they open
 * no embedding, so they cannot reorder anything beyond their neighbours,
 * and right-to-left text needs them; they are zero-width characters. */
enum utf8_unsafe { UTF8_SAFE = 0, UTF8_CONTROL, UTF8_BIDI, UTF8_SEPARATOR };
enum utf8_unsafe utf8_unsafe(uint32_t cp);
/* "a control character", "a bidirectional control", "a line or paragraph
 * separator". */
const char *utf8_unsafe_what(enum utf8_unsafe k);
/* The first unsafe character in s[0..len) (newline and tab pass when
 * multiline): true with its byte offset and code point. */
bool utf8_find_unsafe(const char *s, size_t len, bool multiline, size_t *at, uint32_t *cp);
/* In place: every unsafe character and invalid byte becomes '?'. */
void utf8_sanitize(char *s);

/* Append s to b cut to at most cols columns ("…" marks a cut), control
 * characters replaced by '?', then pad with spaces to exactly cols columns
 * when pad is true.  Returns the columns appended. */
int utf8_fit(struct strbuf *b, const char *s, int cols, bool pad);

/* Same, right-aligned within cols (for numbers in tables). */
int utf8_fit_right(struct strbuf *b, const char *s, int cols);

#endif
