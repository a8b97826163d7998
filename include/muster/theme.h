/* Colour roles, not colours: a theme (themes/NAME.yaml) maps each UI role to a
 * foreground, background and attributes.  No curses here: src/tui/ turns a
 * struct theme_style into colour pairs, degrading 256 → 8 colours → mono. */
#ifndef MUSTER_THEME_H
#define MUSTER_THEME_H
#include <stdbool.h>
#include <stddef.h>

/* X(name, yaml key) */
#define UI_ROLES(X) \
	X(UI_NORMAL, "normal") \
	X(UI_TITLE, "title") \
	X(UI_STATUS, "status") \
	X(UI_HINT, "hint") \
	X(UI_BORDER, "border") \
	X(UI_BORDER_FOCUS, "border_focus") \
	X(UI_PANE_TITLE, "pane_title") \
	X(UI_CURSOR, "cursor") \
	X(UI_DIM, "dim") \
	X(UI_TODO, "todo") \
	X(UI_DOING, "doing") \
	X(UI_BLOCKED, "blocked") \
	X(UI_DONE, "done") \
	X(UI_OVERDUE, "overdue") \
	X(UI_TODAY, "today") \
	X(UI_MILESTONE, "milestone") \
	X(UI_PHASE_1, "phase_1") \
	X(UI_PHASE_2, "phase_2") \
	X(UI_PHASE_3, "phase_3") \
	X(UI_PHASE_4, "phase_4") \
	X(UI_METER_OK, "meter_ok") \
	X(UI_METER_WARN, "meter_warn") \
	X(UI_METER_BAD, "meter_bad") \
	X(UI_METER_EMPTY, "meter_empty") \
	X(UI_FLASH, "flash") \
	X(UI_ERROR, "error") \
	X(UI_DIALOG, "dialog") \
	X(UI_INPUT, "input")

enum ui_role {
#define X(id, key) id,
	UI_ROLES(X)
#undef X
	UI_ROLE_N
};

/* Colours: COLOR_DEFAULT, 0..255 (xterm palette), or THEME_RGB(r,g,b). */
#define COLOR_DEFAULT (-1)
#define THEME_RGB_FLAG 0x1000000
#define THEME_RGB(r, g, b) (THEME_RGB_FLAG | ((r) << 16) | ((g) << 8) | (b))

enum theme_attr {
	ATTR_BOLD = 1 << 0,
	ATTR_UNDERLINE = 1 << 1,
	ATTR_REVERSE = 1 << 2,
	ATTR_DIM = 1 << 3,
	ATTR_ITALIC = 1 << 4,
	ATTR_BLINK = 1 << 5,
};

struct theme_style {
	int fg, bg;
	unsigned attrs;      /* enum theme_attr bits, used with colour */
	unsigned mono_attrs; /* used when there is no colour */
};

struct theme {
	char name[64];
	struct theme_style style[UI_ROLE_N];
};

const char *ui_role_key(enum ui_role r);

/* The compiled-in default theme. */
void theme_default(struct theme *t);

/* Load themes/NAME.yaml or a path over the default.  Errors: MU_DATA with
 * "FILE:LINE:COL: message". */
int theme_load_file(const char *path, struct theme *t);
int theme_load_buffer(const char *name, const char *buf, size_t len, struct theme *t);

/* Find a theme by name: $XDG_CONFIG_HOME/muster/themes/NAME.yaml, then
 * $MUSTER_THEMES, the checkout's themes/, the installed themes
 * (datadir_dirs).  A name with a / or ending in .yaml is a path.
 * Allocated path, or NULL with MU_DATA saying where it looked. */
char *theme_path(const char *name);

/* The nearest colour a terminal with ncolors colours can show (8, 16, 88 or
 * 256): COLOR_DEFAULT stays, 0..255 and THEME_RGB(...) map down (8..15 →
 * 0..7, 16..255 and RGB by hue and lightness, RGB → 256-colour cube/gray).
 * With ncolors > 256 (direct colour) the value is returned unchanged. */
int theme_color_approx(int color, int ncolors);

/* Parse one colour ("red", "bright-blue", "208", "#ff8700") or an attribute
 * list ("bold, underline", "none").  0 ok, -1 if not valid; for CLI flags or
 * a theme editor -- files go through theme_load_*. */
int theme_parse_color(const char *s, int *color);
int theme_parse_attrs(const char *s, unsigned *attrs);

#endif
