/* libFuzzer target for the theme loader (src/theme.c): arbitrary bytes
 * through theme_load_buffer.  A theme that loads must hold only colours the
 * header allows (default, 0..255 or an RGB value) and known attribute bits,
 * and every colour must map down to 8/16/88/256 colours in range.  A refused
 * theme leaves the caller's theme untouched. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/err.h"
#include "muster/theme.h"

#define ALL_ATTRS (ATTR_BOLD | ATTR_UNDERLINE | ATTR_REVERSE | ATTR_DIM | ATTR_ITALIC | ATTR_BLINK)

static void bad(const char *what, int role, long v)
{
	fprintf(stderr, "fuzz_theme: role %s: %s (%ld)\n", ui_role_key((enum ui_role)role), what, v);
	abort();
}

static int color_ok(int c)
{
	return c == COLOR_DEFAULT || (c >= 0 && c <= 255) ||
	       (c >= THEME_RGB_FLAG && c <= (THEME_RGB_FLAG | 0xffffff));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* inherits: NAME searches $XDG_CONFIG_HOME first: keep it away from
	 * the user's own themes (the in-tree themes are still found). */
	setenv("XDG_CONFIG_HOME", "/nonexistent-muster-fuzz", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int depths[] = {8, 16, 88, 256};
	struct theme t, before;
	theme_default(&t);
	before = t;
	mu_errclear();
	if (theme_load_buffer("fuzz.yaml", (const char *)data, size, &t)) {
		if (!mu_errmsg()[0])
			bad("refused without a message", 0, 0);
		if (memcmp(&t, &before, sizeof t) != 0)
			bad("a refused theme changed the caller's theme", 0, 0);
		return 0;
	}
	if (!memchr(t.name, '\0', sizeof t.name))
		bad("name not terminated", 0, 0);
	for (int r = 0; r < UI_ROLE_N; r++) {
		const struct theme_style *s = &t.style[r];
		if (!color_ok(s->fg))
			bad("fg out of range", r, s->fg);
		if (!color_ok(s->bg))
			bad("bg out of range", r, s->bg);
		if (s->attrs & ~(unsigned)ALL_ATTRS)
			bad("unknown attribute bits", r, (long)s->attrs);
		if (s->mono_attrs & ~(unsigned)ALL_ATTRS)
			bad("unknown mono attribute bits", r, (long)s->mono_attrs);
		for (size_t i = 0; i < sizeof depths / sizeof *depths; i++) {
			int a = theme_color_approx(s->fg, depths[i]), b = theme_color_approx(s->bg, depths[i]);
			if (a < COLOR_DEFAULT || a >= depths[i] || b < COLOR_DEFAULT || b >= depths[i])
				bad("approximated colour out of range", r, depths[i]);
		}
	}
	return 0;
}
