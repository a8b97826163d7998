/* Unit tests for key names (src/tui/keymap.c) and replay files
 * (src/tui/replay.c), with the inputs fuzz_keys and fuzz_replay found:
 * every key's label reads back to the same key (C-_ was "C-\x7f", C-\ was
 * "C-|", C-@ was "key0", an emoji was ""), F-keys are two digits at most,
 * and control and bidi characters are not keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "../src/tui/tui.h"

static int roundtrip(int key)
{
	char buf[32];
	return key_parse(key_label(key, buf, sizeof buf));
}

static void test_labels_read_back(void **state)
{
	(void)state;
	char buf[32];
	for (int k = 0; k < 32; k++)
		assert_int_equal(roundtrip(k), k);
	assert_string_equal(key_label(0, buf, sizeof buf), "C-@");
	assert_string_equal(key_label(28, buf, sizeof buf), "C-\\");
	assert_string_equal(key_label(31, buf, sizeof buf), "C-_");
	assert_string_equal(key_label(1, buf, sizeof buf), "C-a");
	assert_string_equal(key_label(27, buf, sizeof buf), "Esc");
	assert_int_equal(key_parse("C-_"), 31);
	assert_int_equal(key_parse("C-@"), 0);
	/* a character outside the BMP (4 bytes of UTF-8) */
	assert_int_equal(key_parse("\xf0\x9f\x98\x80"), 0x1F600);
	assert_string_equal(key_label(0x1F600, buf, sizeof buf), "\xf0\x9f\x98\x80");
	static const int cps[] = {' ', 'j', '~', 0xA0, 0xE9, 0x4E2D, 0xFFFC, 0x10000, 0x10FFFD};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
		assert_int_equal(roundtrip(cps[i]), cps[i]);
	for (int f = 1; f <= 12; f++)
		assert_int_equal(roundtrip(KEYCODE_FN + KEY_F(f)), KEYCODE_FN + KEY_F(f));
	assert_int_equal(roundtrip(KEYCODE_FN + KEY_BTAB), KEYCODE_FN + KEY_BTAB);
}

/* A key outside the BMP bound in the config gets its label in the help
 * and the hints (keymap_keys): it once showed as "". */
static void test_bound_emoji_label(void **state)
{
	(void)state;
	char buf[64];
	static struct keymap km;
	keymap_init(&km);
	assert_int_equal(keymap_bind(&km, "\xf0\x9f\x98\x80", "redraw"), 0);
	assert_int_equal(keymap_lookup(&km, GROUP_GLOBAL, 0x1F600), ACT_REDRAW);
	assert_string_equal(keymap_keys(&km, ACT_REDRAW, buf, sizeof buf), "C-l \xf0\x9f\x98\x80");
}

static void test_names_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"", "C-", "C-ab", "C-?", "F0", "F13", "F1x", "F01", "F123",
					  "\xc2\x9b", "\xc2\x85", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\xa8",
					  "\x7f", "\x1b", "ab", "\xff", "key0"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(key_parse(bad[i]), -1);
	assert_int_equal(key_parse("F9"), KEYCODE_FN + KEY_F(9));
	assert_int_equal(key_parse("f12"), KEYCODE_FN + KEY_F(12));
}

static void test_replay_parse(void **state)
{
	(void)state;
	int *keys;
	size_t n;
	static const char ok[] = "# keys\r\nj\r\n\nC-d\n#\nPgDn\nSpace";
	assert_int_equal(replay_parse("k.txt", ok, sizeof ok - 1, &keys, &n), MU_OK);
	assert_int_equal(n, 4);
	assert_int_equal(keys[0], 'j');
	assert_int_equal(keys[1], 4);
	assert_int_equal(keys[2], KEYCODE_FN + KEY_NPAGE);
	assert_int_equal(keys[3], ' ');
	free(keys);
	static const char badline[] = "j\nk\nno\xe2\x80\xaekey\n";
	assert_int_equal(replay_parse("k.txt", badline, sizeof badline - 1, &keys, &n), MU_DATA);
	assert_null(keys);
	assert_int_equal(n, 0);
	assert_string_equal(mu_errmsg(), "k.txt:3: not a key: no?key"); /* made safe */
	static const char nul[] = "j\n\0k\n";
	assert_int_equal(replay_parse("k.txt", nul, sizeof nul - 1, &keys, &n), MU_DATA);
	assert_int_equal(replay_parse("k.txt", "", 0, &keys, &n), MU_OK);
	assert_int_equal(n, 0);
	free(keys);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labels_read_back),
		cmocka_unit_test(test_bound_emoji_label),
		cmocka_unit_test(test_names_refused),
		cmocka_unit_test(test_replay_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
