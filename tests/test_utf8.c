/* Unit tests for src/util/utf8.c (encoding, display widths, validation, cutting with
 * "…") and src/util/table.c (alignment in display columns). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "muster/table.h"
#include "muster/utf8.h"

static void test_decode(void **state)
{
	uint32_t cp;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 3, &cp), 3); /* 中 */
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_decode("\xF0\x9F\x8E\x89", 4, &cp), 4); /* 🎉 */
	assert_int_equal(cp, 0x1F389);
	/* invalid: lone continuation, overlong, surrogate, truncated, > U+10FFFF */
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xE0\x80\xAF", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* One encoder for the board (key labels, the text being edited): every
 * length, the edges between them, and back through utf8_decode. */
static void test_encode(void **state)
{
	(void)state;
	char m[4];
	assert_int_equal(utf8_encode('A', m), 1);
	assert_memory_equal(m, "A", 1);
	assert_int_equal(utf8_encode(0xE9, m), 2);
	assert_memory_equal(m, "\xC3\xA9", 2);
	assert_int_equal(utf8_encode(0x4E2D, m), 3);
	assert_memory_equal(m, "\xE4\xB8\xAD", 3);
	assert_int_equal(utf8_encode(0x1F600, m), 4); /* 😀, outside the BMP */
	assert_memory_equal(m, "\xF0\x9F\x98\x80", 4);
	static const uint32_t edges[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
		uint32_t cp = 0xFFFD;
		size_t n = utf8_encode(edges[i], m);
		assert_int_equal(n, edges[i] < 0x80 ? 1 : edges[i] < 0x800 ? 2 : edges[i] < 0x10000 ? 3 : 4);
		assert_int_equal(utf8_decode(m, n, &cp), (int)n);
		assert_int_equal(cp, edges[i]);
	}
}

static void test_cp_width(void **state)
{
	assert_int_equal(utf8_cp_width('a'), 1);
	assert_int_equal(utf8_cp_width(0xE9), 1);    /* é */
	assert_int_equal(utf8_cp_width(0x301), 0);   /* combining acute */
	assert_int_equal(utf8_cp_width(0x200D), 0);  /* zero width joiner */
	assert_int_equal(utf8_cp_width(0xFE0F), 0);  /* variation selector */
	assert_int_equal(utf8_cp_width(0x4E2D), 2);  /* 中 */
	assert_int_equal(utf8_cp_width(0xAC00), 2);  /* 가 */
	assert_int_equal(utf8_cp_width(0x3042), 2);  /* あ */
	assert_int_equal(utf8_cp_width(0xFF21), 2);  /* fullwidth A */
	assert_int_equal(utf8_cp_width(0xFF61), 1);  /* halfwidth ideographic full stop */
	assert_int_equal(utf8_cp_width(0x1F389), 2); /* 🎉 */
	assert_int_equal(utf8_cp_width(0x1F600), 2); /* 😀 */
	assert_int_equal(utf8_cp_width(0x2705), 2);  /* ✅ */
	assert_int_equal(utf8_cp_width(0x2588), 1);  /* █ block element */
	assert_int_equal(utf8_cp_width(0x2026), 1);  /* … */
	assert_int_equal(utf8_cp_width(0x20000), 2); /* CJK extension B */
	assert_int_equal(utf8_cp_width(0x1B), 1);    /* ESC shows as '?' */
	assert_int_equal(utf8_cp_width(0x9B), 1);    /* C1 CSI shows as '?' */
}

static void test_width(void **state)
{
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width(NULL), 0);
	assert_int_equal(utf8_width("posters"), 7);
	assert_int_equal(utf8_width("中秋礼盒"), 8);
	assert_int_equal(utf8_width("Café"), 4);
	assert_int_equal(utf8_width("Cafe\xCC\x81"), 4); /* decomposed é */
	assert_int_equal(utf8_width("A2 海报 🎉"), 10);
	assert_int_equal(utf8_width("\xFF"), 1);
}

static void test_valid(void **state)
{
	size_t bad = 99;
	assert_true(utf8_valid("中秋 ok", strlen("中秋 ok"), &bad));
	assert_true(utf8_valid("\xEF\xBF\xBD", 3, &bad)); /* a real U+FFFD is fine */
	assert_false(utf8_valid("ab\xFF", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xE4\xB8", 2, &bad));
	assert_int_equal(bad, 0);
}

static char *fit(const char *s, int cols, bool pad)
{
	static char out[256];
	struct strbuf b = STRBUF_INIT;
	int n = utf8_fit(&b, s, cols, pad);
	snprintf(out, sizeof out, "%d:%s", n, sb_str(&b));
	sb_free(&b);
	return out;
}

static void test_fit(void **state)
{
	assert_string_equal(fit("posters", 10, false), "7:posters");
	assert_string_equal(fit("posters", 10, true), "10:posters   ");
	assert_string_equal(fit("posters", 7, true), "7:posters");
	assert_string_equal(fit("posters", 5, true), "5:post…");
	assert_string_equal(fit("posters", 1, true), "1:…");
	assert_string_equal(fit("posters", 0, true), "0:");
	/* never split a wide character: the gap is padded instead */
	assert_string_equal(fit("中秋礼盒", 6, true), "6:中秋… ");
	assert_string_equal(fit("中秋礼盒", 6, false), "5:中秋…");
	assert_string_equal(fit("中秋礼盒", 5, false), "5:中秋…");
	assert_string_equal(fit("中秋礼盒", 8, false), "8:中秋礼盒");
	/* combining marks stay with their base */
	assert_string_equal(fit("Cafe\xCC\x81s", 5, false), "5:Cafe\xCC\x81s");
	assert_string_equal(fit("Cafe\xCC\x81s!", 5, false), "5:Cafe\xCC\x81…");
	/* control characters never pass through */
	assert_string_equal(fit("a\x1b[31mb\tc\n", 20, false), "10:a?[31mb?c?");
	assert_string_equal(fit("x\xC2\x9By", 20, false), "3:x?y");
	assert_string_equal(fit("x\xFFy", 20, false), "3:x\xEF\xBF\xBDy");
	assert_string_equal(fit(NULL, 3, true), "3:   ");
}

static void test_fit_right(void **state)
{
	struct strbuf b = STRBUF_INIT;
	assert_int_equal(utf8_fit_right(&b, "42", 5), 5);
	assert_string_equal(sb_str(&b), "   42");
	sb_reset(&b);
	assert_int_equal(utf8_fit_right(&b, "中秋", 6), 6);
	assert_string_equal(sb_str(&b), "  中秋");
	sb_reset(&b);
	assert_int_equal(utf8_fit_right(&b, "123456", 4), 4);
	assert_string_equal(sb_str(&b), "123…");
	sb_free(&b);
}

static char *print_table(const struct table *t, int width)
{
	static char buf[2048];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	assert_non_null(f);
	table_print(t, f, width);
	fclose(f);
	return buf;
}

static void test_table(void **state)
{
	struct table *t = table_new();
	table_col(t, "ID", TABLE_RIGHT, 0);
	table_col(t, "TITLE", TABLE_LEFT, TABLE_SHRINK);
	table_col(t, "OWNER", TABLE_LEFT, 0);
	table_cell(t, "1");
	table_cell(t, "中秋海报设计");
	table_cell(t, "bob");
	table_cellf(t, "%d", 12);
	table_cell(t, "Flyers");
	table_cell(t, NULL);
	assert_int_equal(table_rows(t), 2);
	assert_string_equal(print_table(t, 0), "ID  TITLE         OWNER\n"
					       " 1  中秋海报设计  bob\n"
					       "12  Flyers\n");
	/* 80 columns is plenty: unchanged */
	assert_string_equal(print_table(t, 80), "ID  TITLE         OWNER\n"
						" 1  中秋海报设计  bob\n"
						"12  Flyers\n");
	/* 19 columns: the title column gives up 4 columns; 报 would straddle
	 * the cut, so it goes and the gap is padded */
	assert_string_equal(print_table(t, 19), "ID  TITLE     OWNER\n"
						" 1  中秋海…   bob\n"
						"12  Flyers\n");
	/* the title never shrinks below 6 columns, even if it overflows */
	assert_string_equal(print_table(t, 10), "ID  TITLE   OWNER\n"
						" 1  中秋…   bob\n"
						"12  Flyers\n");
	table_free(t);
}

/* Issue 11: C0/C1 controls, bidi controls and line separators are
 * "unsafe"; the bidi marks are not. */
static void test_unsafe(void **state)
{
	(void)state;
	static const uint32_t bad[] = {0x00, 0x1b, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x202a, 0x202b,
				       0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_not_equal(utf8_unsafe(bad[i]), UTF8_SAFE);
		assert_int_equal(utf8_cp_width(bad[i]), 1); /* shown as '?' */
	}
	assert_int_equal(utf8_unsafe(0x202e), UTF8_BIDI);
	assert_int_equal(utf8_unsafe(0x2029), UTF8_SEPARATOR);
	assert_int_equal(utf8_unsafe(0x9b), UTF8_CONTROL);
	static const uint32_t good[] = {' ', 'a', 0xa0, 0x200e, 0x200f, 0x061c, 0x2027, 0x202f, 0x2065, 0x206a, 0x4e2d};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(utf8_unsafe(good[i]), UTF8_SAFE);
	assert_string_equal(utf8_unsafe_what(UTF8_BIDI), "a bidirectional control");

	size_t at = 99;
	uint32_t cp = 0;
	assert_false(utf8_find_unsafe("中秋 ok\u200f", strlen("中秋 ok\u200f"), false, &at, &cp));
	assert_true(utf8_find_unsafe("中a\u202eb", strlen("中a\u202eb"), false, &at, &cp));
	assert_int_equal(at, 4);
	assert_int_equal(cp, 0x202e);
	assert_false(utf8_find_unsafe("a\nb\tc", 5, true, &at, &cp));
	assert_true(utf8_find_unsafe("a\nb\tc", 5, false, &at, &cp));
	assert_int_equal(at, 1);
	assert_true(utf8_find_unsafe("a\nb\xc2\x85", 5, true, &at, &cp));
	assert_int_equal(at, 3);
	assert_int_equal(cp, 0x85);

	char msg[] = "no item \"x\x1b[2J\xc2\x9b\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8\xff中\"";
	utf8_sanitize(msg);
	assert_string_equal(msg, "no item \"x?[2J?????中\"");

	/* shown as '?' one column each; the marks pass */
	assert_string_equal(fit("a\u202eb\u2066c\u2028d", 20, false), "7:a?b?c?d");
	assert_string_equal(fit("a\u200fb", 20, false), "2:a\u200fb");

	/* JSON: escaped, so a terminal never gets them */
	struct strbuf b = STRBUF_INIT;
	sb_json_str(&b, "x\xc2\x9b\u202e\u2029\u200f中\x1b");
	assert_string_equal(sb_str(&b), "\"x\\u009b\\u202e\\u2029\u200f中\\u001b\"");
	sb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),	cmocka_unit_test(test_encode),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width),	cmocka_unit_test(test_valid),
		cmocka_unit_test(test_fit),	cmocka_unit_test(test_fit_right),
		cmocka_unit_test(test_table),	cmocka_unit_test(test_unsafe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
