/* Theme styles → curses colour pairs: 256 colours when the terminal has
 * them, else the nearest of the 8 basic ones; #rrggbb goes to the nearest
 * xterm-256 index (theme_color_approx).  Monochrome uses each role's mono_attrs. */
#include "tui.h"

static attr_t role_attr[UI_ROLE_N];

/* A theme colour → what this terminal can show (theme.c knows how). */
static short map_colour(int c)
{
	if (c == COLOR_DEFAULT || c < 0)
		return -1;
	c = theme_color_approx(c, COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8);
	return c < 0 ? -1 : (short)c;
}

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & ATTR_BOLD)
		r |= A_BOLD;
	if (a & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ATTR_DIM)
		r |= A_DIM;
	if (a & ATTR_BLINK)
		r |= A_BLINK;
#ifdef A_ITALIC
	if (a & ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void colour_init(const struct theme *t, bool mono)
{
	if (!mono) {
		start_color();
		use_default_colors();
	}
	for (int i = 0; i < UI_ROLE_N; i++) {
		const struct theme_style *s = &t->style[i];
		if (mono) {
			role_attr[i] = attrs_of(s->mono_attrs);
			continue;
		}
		short fg = map_colour(s->fg), bg = map_colour(s->bg);
		/* Roles without a background take the normal one. */
		if (bg < 0 && i != UI_NORMAL)
			bg = map_colour(t->style[UI_NORMAL].bg);
		if (fg < 0 && i != UI_NORMAL)
			fg = map_colour(t->style[UI_NORMAL].fg);
		init_pair((short)(i + 1), fg, bg);
		role_attr[i] = COLOR_PAIR(i + 1) | attrs_of(s->attrs);
	}
}

attr_t ui_attr(enum ui_role r) { return role_attr[r]; }

void ui_set(enum ui_role r) { attrset(role_attr[r]); }
