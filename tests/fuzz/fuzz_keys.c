/* libFuzzer target for key names (src/tui/keymap.c), as a user writes them
 * in config.yaml ("j", "C-d", "S-Tab", "PgDn", "F5", "中"): the input, cut
 * at its first NUL, through key_parse.  Oracles: a key is -1 or a code
 * point (never a control character but those named, nor a bidi control) or
 * a KEYCODE_FN key; key_label of an accepted key is a name key_parse reads
 * back to the same key, with no control character in it; keymap_bind of
 * the name with a real action binds exactly what key_parse said. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui.h"

static void bad(const char *what, const char *name, int key)
{
	fprintf(stderr, "fuzz_keys: %s (name \"%s\", key %d)\n", what, name, key);
	abort();
}

static struct keymap km;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	keymap_init(&km);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[80];
	size_t n = size < sizeof s - 1 ? size : sizeof s - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	int k = key_parse(s);
	if (k < -1)
		bad("key below -1", s, k);
	if (k < 0)
		return 0;
	if (k < KEYCODE_FN) {
		if (k > 0x10FFFF || (k >= 0xD800 && k <= 0xDFFF))
			bad("not a code point", s, k);
		if (k >= 32 && utf8_unsafe((uint32_t)k))
			bad("a control or bidi character accepted as a key", s, k);
	}
	char label[32];
	key_label(k, label, sizeof label);
	if (!label[0])
		bad("empty label", s, k);
	if (utf8_find_unsafe(label, strlen(label), false, NULL, NULL))
		bad("a control character in the label", label, k);
	if (key_parse(label) != k)
		bad("the label does not read back to the key", label, k);
	keymap_init(&km);
	if (keymap_bind(&km, s, "redraw") != 0)
		bad("a key that parses cannot be bound", s, k);
	if (keymap_lookup(&km, GROUP_GLOBAL, k) != ACT_REDRAW && k != '\r' && k != 127 && k != 8 &&
	    k != KEYCODE_FN + KEY_ENTER)
		bad("bound key not found", s, k);
	return 0;
}
