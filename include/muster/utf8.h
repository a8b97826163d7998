/* UTF-8 text measured in terminal columns: width, validation, and cutting
 * to a column budget with "…" without ever splitting a character.  Control
 * characters (C0, DEL, C1) are never passed through: they display as '?'. */
#ifndef MUSTER_UTF8_H
#define MUSTER_UTF8_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "muster/xalloc.h"

/* Decode one character at s (n bytes available).  Returns its length in
 * bytes (>= 1); an invalid sequence yields *cp = 0xFFFD and length 1. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Columns of one code point: 0 for combining marks, 2 for wide (CJK, most
 * emoji), 1 otherwise; control characters count 1 (they show as '?'). */
int utf8_cp_width(uint32_t cp);

/* Columns of a whole string. */
int utf8_width(const char *s);

/* True when s[0..len) is valid UTF-8; otherwise *bad (if not NULL) is the
 * byte offset of the first invalid byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Append s to b cut to at most cols columns ("…" marks a cut), control
 * characters replaced by '?', then pad with spaces to exactly cols columns
 * when pad is true.  Returns the columns appended. */
int utf8_fit(struct strbuf *b, const char *s, int cols, bool pad);

/* Same, right-aligned within cols (for numbers in tables). */
int utf8_fit_right(struct strbuf *b, const char *s, int cols);

#endif
