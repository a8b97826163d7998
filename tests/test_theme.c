/* Tests for src/theme.c: the shipped themes load, the default reads well in
 * 8 colours and in mono, inheritance, colour/attribute parsing, every error
 * message with its position, the search path.  Run from the repository root
 * (tests/run.sh does) or with $ROOT set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/theme.h"
#include "muster/xalloc.h"

static const char *const theme_files[] = {"default", "light", "high-contrast", "mono"};
#define NTHEMES (sizeof theme_files / sizeof *theme_files)

static char tmpdir[64];

static int setup(void **state)
{
	const char *root = getenv("ROOT");
	if (root && chdir(root) != 0)
		return -1;
	strcpy(tmpdir, "/tmp/muster-theme.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("MUSTER_THEMES", "themes", 1);
	return 0;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static struct theme t;

static int load(const char *yaml)
{
	return theme_load_buffer("t.yaml", yaml, strlen(yaml), &t);
}

static void expect_error(const char *yaml, const char *msg)
{
	struct theme before;
	theme_default(&t);
	strcpy(t.name, "untouched");
	before = t;
	assert_int_equal(load(yaml), MU_DATA);
	assert_string_equal(mu_errmsg(), msg);
	assert_memory_equal(&t, &before, sizeof t); /* left unchanged */
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	struct strbuf b = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&b, chunk, n);
	fclose(f);
	return b.s;
}

/* ---- the shipped themes ---- */

static void test_shipped_themes_load(void **state)
{
	for (size_t i = 0; i < NTHEMES; i++) {
		char *p = xasprintf("themes/%s.yaml", theme_files[i]);
		if (theme_load_file(p, &t) != 0)
			fail_msg("%s: %s", p, mu_errmsg());
		assert_string_equal(t.name, theme_files[i]);
		free(p);
	}
}

static void test_shipped_themes_list_every_role(void **state)
{
	for (size_t i = 0; i < NTHEMES; i++) {
		char *p = xasprintf("themes/%s.yaml", theme_files[i]);
		char *text = slurp(p);
		for (int r = 0; r < UI_ROLE_N; r++) {
			char *line = xasprintf("\n%s:", ui_role_key(r));
			if (!strstr(text, line))
				fail_msg("%s does not set %s", p, ui_role_key(r));
			free(line);
		}
		free(text);
		free(p);
	}
}

static void test_default_yaml_matches_compiled_in(void **state)
{
	struct theme d;
	theme_default(&d);
	assert_int_equal(theme_load_file("themes/default.yaml", &t), 0);
	for (int r = 0; r < UI_ROLE_N; r++) {
		const struct theme_style *a = &d.style[r], *b = &t.style[r];
		if (a->fg != b->fg || a->bg != b->bg || a->attrs != b->attrs || a->mono_attrs != b->mono_attrs)
			fail_msg("role %s differs between theme_default() and themes/default.yaml", ui_role_key(r));
	}
	assert_string_equal(t.name, "default");
}

static void test_mono_theme_has_no_colours(void **state)
{
	assert_int_equal(theme_load_file("themes/mono.yaml", &t), 0);
	for (int r = 0; r < UI_ROLE_N; r++) {
		assert_int_equal(t.style[r].fg, COLOR_DEFAULT);
		assert_int_equal(t.style[r].bg, COLOR_DEFAULT);
		assert_int_equal(t.style[r].attrs, t.style[r].mono_attrs);
	}
}

/* In 8 and 16 colours no role of the dark themes may vanish: fg differs from
 * bg, and text on the (dark) default background is never black. */
static void check_readable(const struct theme *th, int ncolors)
{
	for (int r = 0; r < UI_ROLE_N; r++) {
		int fg = theme_color_approx(th->style[r].fg, ncolors);
		int bg = theme_color_approx(th->style[r].bg, ncolors);
		if (fg != COLOR_DEFAULT && fg == bg)
			fail_msg("%s: %s is fg %d on bg %d in %d colours", th->name, ui_role_key(r), fg, bg, ncolors);
		if (bg == COLOR_DEFAULT && fg == 0)
			fail_msg("%s: %s is black on the dark background in %d colours", th->name, ui_role_key(r), ncolors);
	}
}

static void test_default_readable_in_8_and_16_colours(void **state)
{
	struct theme d;
	theme_default(&d);
	check_readable(&d, 8);
	check_readable(&d, 16);
	assert_int_equal(theme_load_file("themes/high-contrast.yaml", &t), 0);
	check_readable(&t, 8);
	/* the alert colours keep their meaning */
	assert_int_equal(theme_color_approx(d.style[UI_OVERDUE].fg, 8), 1);
	assert_int_equal(theme_color_approx(d.style[UI_METER_BAD].fg, 8), 1);
	assert_int_equal(theme_color_approx(d.style[UI_METER_WARN].fg, 8), 3);
	assert_int_equal(theme_color_approx(d.style[UI_METER_OK].fg, 8), 2);
	assert_int_equal(theme_color_approx(d.style[UI_DONE].fg, 8), 2);
	/* the four phases stay four different colours */
	for (int a = UI_PHASE_1; a <= UI_PHASE_4; a++)
		for (int b = a + 1; b <= UI_PHASE_4; b++)
			assert_int_not_equal(theme_color_approx(d.style[a].fg, 8), theme_color_approx(d.style[b].fg, 8));
}

/* The light theme in 8 colours: no text in white (invisible) or yellow
 * (unreadable) on the light background; bars (phases, meters) may be yellow. */
static void test_light_readable_in_8_colours(void **state)
{
	assert_int_equal(theme_load_file("themes/light.yaml", &t), 0);
	for (int r = 0; r < UI_ROLE_N; r++) {
		int fg = theme_color_approx(t.style[r].fg, 8);
		int bg = theme_color_approx(t.style[r].bg, 8);
		bool bar = (r >= UI_PHASE_1 && r <= UI_PHASE_4) || (r >= UI_METER_OK && r <= UI_METER_EMPTY);
		if (fg != COLOR_DEFAULT && fg == bg)
			fail_msg("light: %s is fg %d on bg %d", ui_role_key(r), fg, bg);
		if (bg == COLOR_DEFAULT && (fg == 7 || (fg == 3 && !bar)))
			fail_msg("light: %s is colour %d on the light background in 8 colours", ui_role_key(r), fg);
	}
}

static void test_default_mono_forms(void **state)
{
	struct theme d;
	theme_default(&d);
	assert_int_equal(d.style[UI_CURSOR].mono_attrs, ATTR_REVERSE);
	assert_int_equal(d.style[UI_OVERDUE].mono_attrs, ATTR_BOLD | ATTR_UNDERLINE);
	assert_int_equal(d.style[UI_DONE].mono_attrs, ATTR_DIM);
	assert_int_equal(d.style[UI_BORDER_FOCUS].mono_attrs, ATTR_BOLD);
	assert_int_equal(d.style[UI_METER_BAD].mono_attrs, ATTR_BOLD);
	assert_true(d.style[UI_TITLE].mono_attrs & ATTR_REVERSE);
	assert_true(d.style[UI_ERROR].mono_attrs & ATTR_REVERSE);
	/* the cursor must stand out from every other row in mono */
	for (int r = 0; r < UI_ROLE_N; r++)
		if (r != UI_CURSOR && r != UI_STATUS && r != UI_TITLE && r != UI_ERROR)
			assert_false(d.style[r].mono_attrs & ATTR_REVERSE);
	assert_string_equal(d.name, "default");
	assert_string_equal(ui_role_key(UI_METER_OK), "meter_ok");
	assert_string_equal(ui_role_key(UI_INPUT), "input");
}

/* ---- inheritance ---- */

static void test_partial_theme_over_default(void **state)
{
	struct theme d;
	theme_default(&d);
	assert_int_equal(theme_load_file("tests/data/themes/partial.yaml", &t), 0);
	assert_string_equal(t.name, "partial");
	assert_int_equal(t.style[UI_TITLE].fg, 1);
	assert_int_equal(t.style[UI_TITLE].bg, d.style[UI_TITLE].bg);    /* field kept */
	assert_int_equal(t.style[UI_TITLE].attrs, d.style[UI_TITLE].attrs);
	assert_int_equal(t.style[UI_CURSOR].bg, THEME_RGB(0xff, 0x87, 0x00));
	assert_int_equal(t.style[UI_CURSOR].fg, d.style[UI_CURSOR].fg);
	assert_int_equal(t.style[UI_CURSOR].mono_attrs, ATTR_UNDERLINE | ATTR_BOLD);
	for (int r = 0; r < UI_ROLE_N; r++)
		if (r != UI_TITLE && r != UI_CURSOR)
			assert_memory_equal(&t.style[r], &d.style[r], sizeof t.style[r]);
}

static void test_inherits_default_explicitly_and_name_from_file(void **state)
{
	struct theme d;
	theme_default(&d);
	assert_int_equal(theme_load_buffer("some/dir/my.theme.yaml", "done: {attrs: [dim]}\ninherits: default\n", 38, &t), 0);
	assert_string_equal(t.name, "my.theme");
	assert_int_equal(t.style[UI_DONE].attrs, ATTR_DIM);
	assert_int_equal(t.style[UI_DONE].fg, d.style[UI_DONE].fg);
}

/* A UTF-8 byte order mark before "---" (issue 12): the theme still loads. */
static void test_byte_order_mark(void **state)
{
	static const char yaml[] = "\xEF\xBB\xBF---\ndone: {attrs: [dim]}\n";
	assert_int_equal(theme_load_buffer("bom.yaml", yaml, sizeof yaml - 1, &t), 0);
	assert_int_equal(t.style[UI_DONE].attrs, ATTR_DIM);
}

static void test_inherits_named_theme(void **state)
{
	struct theme light;
	assert_int_equal(theme_load_file("themes/light.yaml", &light), 0);
	if (theme_load_file("tests/data/themes/over-light.yaml", &t))
		fail_msg("%s", mu_errmsg());
	assert_string_equal(t.name, "over-light");
	assert_int_equal(t.style[UI_CURSOR].bg, 200);
	assert_int_equal(t.style[UI_CURSOR].fg, light.style[UI_CURSOR].fg);
	assert_memory_equal(&t.style[UI_BORDER], &light.style[UI_BORDER], sizeof t.style[0]);
}

static void test_inherit_cycle(void **state)
{
	assert_int_equal(theme_load_file("tests/data/themes/cycle-a.yaml", &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/themes/cycle-a.yaml:1:11: themes inherit more than 8 deep (a cycle?)");
}

static void test_inherits_unknown_theme(void **state)
{
	theme_default(&t);
	assert_int_equal(load("inherits: nosuch\n"), MU_DATA);
	const char *want = "t.yaml:1:11: theme \"nosuch\" not found (looked in ";
	assert_memory_equal(mu_errmsg(), want, strlen(want));
	assert_non_null(strstr(mu_errmsg(), "/muster/themes, themes, "));
}

static void test_empty_files_are_the_default(void **state)
{
	struct theme d;
	theme_default(&d);
	const char *docs[] = {"", "# just a comment\n", "---\n", "--- {}\n"};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		assert_int_equal(load(docs[i]), 0);
		assert_memory_equal(t.style, d.style, sizeof d.style);
		assert_string_equal(t.name, "t");
	}
}

/* ---- colours and attributes ---- */

static void test_colour_syntax(void **state)
{
	static const struct {
		const char *s;
		int c;
	} ok[] = {
		{"default", COLOR_DEFAULT}, {"black", 0}, {"red", 1}, {"green", 2}, {"yellow", 3},
		{"blue", 4}, {"magenta", 5}, {"cyan", 6}, {"white", 7}, {"gray", 8}, {"grey", 8},
		{"bright-black", 8}, {"bright-red", 9}, {"bright_green", 10}, {"brightyellow", 11},
		{"Bright-Blue", 12}, {"bright-magenta", 13}, {"bright-cyan", 14}, {"bright-white", 15},
		{"0", 0}, {"7", 7}, {"208", 208}, {"255", 255}, {"#ff8700", THEME_RGB(255, 135, 0)},
		{"#000000", THEME_RGB(0, 0, 0)}, {"#ABCDEF", THEME_RGB(0xab, 0xcd, 0xef)}, {"RED", 1},
	};
	const char *bad[] = {"", "256", "-1", "1000", "12a", "#fff", "#ff87000", "#gg0000", "purpel",
	                     "bright-", "bright-default", "light-red", "0x10", " red"};
	int c;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		c = 12345;
		if (theme_parse_color(ok[i].s, &c) != 0 || c != ok[i].c)
			fail_msg("\"%s\" parsed as %d", ok[i].s, c);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (theme_parse_color(bad[i], &c) == 0)
			fail_msg("\"%s\" accepted", bad[i]);
}

static void test_attr_syntax(void **state)
{
	unsigned a = 99;
	assert_int_equal(theme_parse_attrs("bold", &a), 0);
	assert_int_equal(a, ATTR_BOLD);
	assert_int_equal(theme_parse_attrs("bold, underline", &a), 0);
	assert_int_equal(a, ATTR_BOLD | ATTR_UNDERLINE);
	assert_int_equal(theme_parse_attrs("reverse dim|italic,blink", &a), 0);
	assert_int_equal(a, ATTR_REVERSE | ATTR_DIM | ATTR_ITALIC | ATTR_BLINK);
	assert_int_equal(theme_parse_attrs("none", &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(theme_parse_attrs("", &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(theme_parse_attrs("BOLD", &a), 0);
	assert_int_equal(a, ATTR_BOLD);
	assert_int_equal(theme_parse_attrs("bold, blod", &a), -1);
	assert_int_equal(theme_parse_attrs("bolder", &a), -1);

	assert_int_equal(load("title: {attrs: [bold, underline], mono: \"reverse, dim\"}\n"
	                      "status: {attrs: [], mono: none}\n"
	                      "hint: {attrs: italic blink}\n"
	                      "dim: {attrs: }\n"),
	                 0);
	assert_int_equal(t.style[UI_TITLE].attrs, ATTR_BOLD | ATTR_UNDERLINE);
	assert_int_equal(t.style[UI_TITLE].mono_attrs, ATTR_REVERSE | ATTR_DIM);
	assert_int_equal(t.style[UI_STATUS].attrs, 0);
	assert_int_equal(t.style[UI_STATUS].mono_attrs, 0);
	assert_int_equal(t.style[UI_HINT].attrs, ATTR_ITALIC | ATTR_BLINK);
	assert_int_equal(t.style[UI_DIM].attrs, 0);
}

static void test_colours_in_a_file(void **state)
{
	assert_int_equal(load("title:\n  fg: bright-white\n  bg: \"#005f87\"\n"
	                      "status: {fg: 208, bg: '#102030'}\n"
	                      "border: {fg: \"12\", bg: default}\n"),
	                 0);
	assert_int_equal(t.style[UI_TITLE].fg, 15);
	assert_int_equal(t.style[UI_TITLE].bg, THEME_RGB(0x00, 0x5f, 0x87));
	assert_int_equal(t.style[UI_STATUS].fg, 208);
	assert_int_equal(t.style[UI_STATUS].bg, THEME_RGB(0x10, 0x20, 0x30));
	assert_int_equal(t.style[UI_BORDER].fg, 12);
	assert_int_equal(t.style[UI_BORDER].bg, COLOR_DEFAULT);
}

static void test_color_approx(void **state)
{
	assert_int_equal(theme_color_approx(COLOR_DEFAULT, 8), COLOR_DEFAULT);
	assert_int_equal(theme_color_approx(3, 8), 3);
	assert_int_equal(theme_color_approx(9, 8), 1);
	assert_int_equal(theme_color_approx(9, 16), 9);
	assert_int_equal(theme_color_approx(196, 8), 1);      /* #ff0000 */
	assert_int_equal(theme_color_approx(208, 8), 3);      /* orange → yellow */
	assert_int_equal(theme_color_approx(21, 8), 4);       /* #0000ff */
	assert_int_equal(theme_color_approx(51, 8), 6);       /* #00ffff */
	assert_int_equal(theme_color_approx(201, 8), 5);      /* #ff00ff */
	assert_int_equal(theme_color_approx(46, 8), 2);       /* #00ff00 */
	assert_int_equal(theme_color_approx(231, 8), 7);      /* white */
	assert_int_equal(theme_color_approx(231, 16), 15);
	assert_int_equal(theme_color_approx(16, 8), 0);       /* black */
	assert_int_equal(theme_color_approx(236, 8), 0);      /* charcoal */
	assert_int_equal(theme_color_approx(244, 16), 8);     /* mid gray */
	assert_int_equal(theme_color_approx(208, 256), 208);
	assert_int_equal(theme_color_approx(THEME_RGB(255, 135, 0), 256), 208);
	assert_int_equal(theme_color_approx(THEME_RGB(128, 128, 128), 256), 244);
	assert_int_equal(theme_color_approx(THEME_RGB(0, 0, 0), 256), 16);
	assert_int_equal(theme_color_approx(THEME_RGB(255, 255, 255), 256), 231);
	assert_int_equal(theme_color_approx(THEME_RGB(255, 0, 0), 8), 1);
	assert_int_equal(theme_color_approx(THEME_RGB(1, 2, 3), 1 << 24), THEME_RGB(1, 2, 3));
}

/* ---- errors: exact messages with FILE:LINE:COL ---- */

static void test_error_unknown_colour(void **state)
{
	expect_error("title: {fg: purpel}\n",
	             "t.yaml:1:13: unknown colour \"purpel\" (expected a name, 0-255 or #rrggbb)");
	expect_error("title:\n  bg: 256\n", "t.yaml:2:7: unknown colour \"256\" (expected a name, 0-255 or #rrggbb)");
	expect_error("title: {fg: \"#12345\"}\n",
	             "t.yaml:1:13: unknown colour \"#12345\" (expected a name, 0-255 or #rrggbb)");
	expect_error("title: {fg: [red]}\n", "t.yaml:1:13: expected a colour for title.fg (a name, 0-255 or #rrggbb)");
	assert_int_equal(theme_load_file("tests/data/themes/bad-colour.yaml", &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/themes/bad-colour.yaml:4:7: unknown colour \"purpel\" "
	                                 "(expected a name, 0-255 or #rrggbb)");
}

static void test_error_unquoted_hash(void **state)
{
	expect_error("title:\n  fg: #ff8700\n",
	             "t.yaml:2:6: missing colour for title.fg (write \"#rrggbb\" in quotes: a bare # starts a comment)");
}

static void test_error_unknown_role(void **state)
{
	expect_error("name: x\ntitel: {fg: red}\n", "t.yaml:2:1: unknown role \"titel\" (did you mean \"title\"?)");
	expect_error("sidebar: {fg: red}\n", "t.yaml:1:1: unknown role \"sidebar\" (themes/default.yaml lists every role)");
	assert_int_equal(theme_load_file("tests/data/themes/bad-role.yaml", &t), MU_DATA);
	assert_string_equal(mu_errmsg(),
	                    "tests/data/themes/bad-role.yaml:2:1: unknown role \"bordr_focus\" (did you mean \"border_focus\"?)");
}

static void test_error_unknown_attribute(void **state)
{
	const char *tail = " (expected bold, underline, reverse, dim, italic, blink or none)";
	char *want;
	want = xasprintf("t.yaml:2:16: unknown attribute \"blod\"%s", tail);
	expect_error("title:\n  attrs: bold, blod\n", want); /* points at the word */
	free(want);
	want = xasprintf("t.yaml:1:22: unknown attribute \"blod\"%s", tail);
	expect_error("title: {mono: \"bold, blod\"}\n", want);
	free(want);
	assert_int_equal(theme_load_file("tests/data/themes/bad-attr.yaml", &t), MU_DATA);
	want = xasprintf("tests/data/themes/bad-attr.yaml:2:17: unknown attribute \"undreline\"%s", tail);
	assert_string_equal(mu_errmsg(), want);
	free(want);
	expect_error("title: {attrs: {bold: true}}\n",
	             "t.yaml:1:16: expected attributes for title.attrs, like [bold, underline] or \"bold, underline\"");
}

static void test_error_style_shape(void **state)
{
	expect_error("title: {fgg: red}\n", "t.yaml:1:9: unknown key \"fgg\" in title (expected fg, bg, attrs or mono)");
	expect_error("title: red\n",
	             "t.yaml:1:8: expected a mapping like {fg: red, bg: default, attrs: bold, mono: bold} for title");
	expect_error("title: {fg: red, fg: blue}\n", "t.yaml:1:18: duplicate key \"fg\" in title");
	expect_error("title: {fg: red}\ntitle: {bg: red}\n", "t.yaml:2:1: duplicate role \"title\"");
	expect_error("name: a\nname: b\n", "t.yaml:2:1: duplicate key \"name\"");
	expect_error("name: [a]\n", "t.yaml:1:7: expected a theme name for \"name\"");
	expect_error("name: 0123456789012345678901234567890123456789012345678901234567890123\n",
	             "t.yaml:1:7: name is longer than 63 bytes");
	expect_error("[a, b]: {fg: red}\n", "t.yaml:1:1: expected a role name");
}

static void test_error_document_shape(void **state)
{
	expect_error("- title\n",
	             "t.yaml:1:1: expected a mapping of UI roles to styles, like \"title: {fg: white, bg: blue}\"");
	expect_error("title: {fg: red}\n---\nstatus: {fg: red}\n", "t.yaml:2:1: only one theme per file: found a second YAML document");
	expect_error("title: {fg: red\n", "t.yaml:2:1: did not find expected ',' or '}' (while parsing a flow mapping at 1:8)");
	expect_error("title: {fg: red}\n bad\n", "t.yaml:2:2: did not find expected key (while parsing a block mapping at 1:1)");
}

static void test_error_alias(void **state)
{
	expect_error("title: &t {fg: white}\nstatus: *t\n", "t.yaml:1:8: anchors and aliases are not allowed");
	assert_int_equal(theme_load_file("tests/data/themes/alias.yaml", &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/themes/alias.yaml:1:8: anchors and aliases are not allowed");
}

static void test_error_size_and_depth(void **state)
{
	size_t n = 1024 * 1024 + 1;
	char *big = xmalloc(n);
	memset(big, '#', n);
	assert_int_equal(theme_load_buffer("big.yaml", big, n, &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "big.yaml: larger than 1 MiB, not a theme");

	char *path = xasprintf("%s/big.yaml", tmpdir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(big, 1, n, f), n);
	fclose(f);
	assert_int_equal(theme_load_file(path, &t), MU_DATA);
	char *want = xasprintf("%s: larger than 1 MiB, not a theme", path);
	assert_string_equal(mu_errmsg(), want);
	free(want);
	free(path);

	/* deep nesting is refused quickly, whatever the shape */
	memset(big, '[', n - 1);
	big[n - 1] = '\n';
	assert_int_equal(theme_load_buffer("deep.yaml", big, n - 1, &t), MU_DATA);
	memcpy(big, "title: {fg: ", 12);
	assert_int_equal(theme_load_buffer("deep.yaml", big, 200000, &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "deep.yaml:1:27: nesting deeper than 16 levels");
	free(big);

	assert_int_equal(theme_load_buffer("nul.yaml", "title: {fg: \"re\\0d\"}\n", 21, &t), MU_DATA);
	assert_int_equal(theme_load_buffer("bin.yaml", "title: \x01\n", 9, &t), MU_DATA);
	assert_int_equal(theme_load_buffer("utf.yaml", "title: \xff\xfe\n", 10, &t), MU_DATA);
}

static void test_error_file(void **state)
{
	assert_int_equal(theme_load_file("tests/data/themes/nonexistent.yaml", &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/themes/nonexistent.yaml: cannot open theme: No such file or directory");
	assert_int_equal(theme_load_file("tests/data/themes", &t), MU_DATA);
	assert_string_equal(mu_errmsg(), "tests/data/themes: not a regular file");
}

/* ---- search path ---- */

static void test_theme_path(void **state)
{
	char *p;
	p = theme_path("light");
	assert_non_null(p);
	assert_string_equal(p, "themes/light.yaml"); /* via $MUSTER_THEMES */
	free(p);

	p = theme_path("some/where.yaml");
	assert_string_equal(p, "some/where.yaml");
	free(p);
	p = theme_path("mine.yaml");
	assert_string_equal(p, "mine.yaml");
	free(p);

	/* the user's own directory comes first */
	char *dir = xasprintf("%s/muster", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/muster/themes", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *mine = xasprintf("%s/light.yaml", dir);
	FILE *f = fopen(mine, "w");
	assert_non_null(f);
	fputs("title: {fg: red}\n", f);
	fclose(f);
	p = theme_path("light");
	assert_string_equal(p, mine);
	free(p);
	unlink(mine);
	free(mine);

	assert_null(theme_path("nosuch"));
	char *want = xasprintf("theme \"nosuch\" not found (looked in %s, themes, ", dir);
	assert_memory_equal(mu_errmsg(), want, strlen(want));
	free(want);
	free(dir);
	assert_null(theme_path(".."));
	assert_string_equal(mu_errmsg(), "bad theme name \"..\"");
	assert_null(theme_path(""));

	/* without XDG_CONFIG_HOME: ~/.config */
	char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent-home", 1);
	assert_null(theme_path("nosuch"));
	assert_non_null(strstr(mu_errmsg(), "/nonexistent-home/.config/muster/themes"));
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_themes_load),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_shipped_themes_list_every_role),
		cmocka_unit_test(test_default_yaml_matches_compiled_in),
		cmocka_unit_test(test_mono_theme_has_no_colours),
		cmocka_unit_test(test_default_readable_in_8_and_16_colours),
		cmocka_unit_test(test_light_readable_in_8_colours),
		cmocka_unit_test(test_default_mono_forms),
		cmocka_unit_test(test_partial_theme_over_default),
		cmocka_unit_test(test_inherits_default_explicitly_and_name_from_file),
		cmocka_unit_test(test_inherits_named_theme),
		cmocka_unit_test(test_inherit_cycle),
		cmocka_unit_test(test_inherits_unknown_theme),
		cmocka_unit_test(test_empty_files_are_the_default),
		cmocka_unit_test(test_colour_syntax),
		cmocka_unit_test(test_attr_syntax),
		cmocka_unit_test(test_colours_in_a_file),
		cmocka_unit_test(test_color_approx),
		cmocka_unit_test(test_error_unknown_colour),
		cmocka_unit_test(test_error_unquoted_hash),
		cmocka_unit_test(test_error_unknown_role),
		cmocka_unit_test(test_error_unknown_attribute),
		cmocka_unit_test(test_error_style_shape),
		cmocka_unit_test(test_error_document_shape),
		cmocka_unit_test(test_error_alias),
		cmocka_unit_test(test_error_size_and_depth),
		cmocka_unit_test(test_error_file),
		cmocka_unit_test(test_theme_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
