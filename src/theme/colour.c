/* Colours and attributes of a theme resolved to what a terminal shows:
 * colour words ("bright-blue", "208", "#ff8700") and attribute lists read
 * into numbers, and the nearest colour of a 256/88/16/8-colour terminal.
 * No curses: src/tui/ makes the colour pairs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/theme.h"
#include "theme_int.h"

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int theme_parse_color(const char *s, int *color)
{
	char low[32];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof low)
		return -1;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	if (!strcmp(low, "default")) {
		*color = COLOR_DEFAULT;
		return 0;
	}
	if (!strcmp(low, "gray") || !strcmp(low, "grey")) {
		*color = 8;
		return 0;
	}
	if (isdigit((unsigned char)low[0])) {
		if (n > 3 || strspn(low, "0123456789") != n || atoi(low) > 255)
			return -1;
		*color = atoi(low);
		return 0;
	}
	if (low[0] == '#') {
		if (n != 7 || strspn(low + 1, "0123456789abcdef") != 6)
			return -1;
		*color = THEME_RGB_FLAG | (int)strtol(low + 1, NULL, 16);
		return 0;
	}
	const char *base = low;
	int bright = 0;
	if (!strncmp(low, "bright", 6)) {
		bright = 8;
		base = low + 6;
		if (*base == '-' || *base == '_')
			base++;
	}
	for (int i = 0; i < 8; i++)
		if (!strcmp(base, colour_names[i])) {
			*color = i + bright;
			return 0;
		}
	return -1;
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{"bold", ATTR_BOLD},     {"underline", ATTR_UNDERLINE},
	{"reverse", ATTR_REVERSE}, {"dim", ATTR_DIM},
	{"italic", ATTR_ITALIC}, {"blink", ATTR_BLINK},
	{"none", 0},             {"normal", 0},
};

static int attr_word(const char *w, size_t n, unsigned *bit)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof *attr_names; i++)
		if (strlen(attr_names[i].name) == n && !strncasecmp(w, attr_names[i].name, n)) {
			*bit = attr_names[i].bit;
			return 0;
		}
	return -1;
}

size_t theme_attrs_scan(const char *s, unsigned *attrs)
{
	unsigned a = 0, bit;
	const char *p = s;
	while (*(p += strspn(p, THEME_ATTR_SEP))) {
		size_t n = strcspn(p, THEME_ATTR_SEP);
		if (attr_word(p, n, &bit))
			return (size_t)(p - s) + 1;
		a |= bit;
		p += n;
	}
	*attrs = a;
	return 0;
}

int theme_parse_attrs(const char *s, unsigned *attrs)
{
	return theme_attrs_scan(s, attrs) ? -1 : 0;
}

static void colour_rgb(int c, int *r, int *g, int *b)
{
	static const unsigned char sys[16][3] = {
		{0, 0, 0},       {205, 0, 0},     {0, 205, 0},   {205, 205, 0},
		{0, 0, 238},     {205, 0, 205},   {0, 205, 205}, {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},     {0, 255, 0},   {255, 255, 0},
		{92, 92, 255},   {255, 0, 255},   {0, 255, 255}, {255, 255, 255},
	};
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	if (c & THEME_RGB_FLAG) {
		*r = (c >> 16) & 255, *g = (c >> 8) & 255, *b = c & 255;
	} else if (c < 16) {
		*r = sys[c][0], *g = sys[c][1], *b = sys[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36], *g = level[c / 6 % 6], *b = level[c % 6];
	} else {
		*r = *g = *b = 8 + 10 * (c - 232);
	}
}

/* By hue and lightness: the 8 (or 16) colour a 256/RGB colour looks like. */
static int approx16(int r, int g, int b, int ncolors)
{
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int delta = max - min;
	if (max < 0x40)
		return 0;
	if (delta < 32 || delta * 100 < max * 20) { /* a gray */
		if (ncolors < 16)
			return max < 0x50 ? 0 : 7;
		return max < 0x50 ? 0 : max < 0xa0 ? 8 : max < 0xe0 ? 7 : 15;
	}
	int h; /* hue, degrees */
	if (max == r)
		h = (60 * (g - b) / delta + 360) % 360;
	else if (max == g)
		h = 60 * (b - r) / delta + 120;
	else
		h = 60 * (r - g) / delta + 240;
	int c = h < 20 || h >= 330 ? 1 : h < 75 ? 3 : h < 165 ? 2 : h < 205 ? 6 : h < 265 ? 4 : 5;
	if (ncolors >= 16 && (max + min) / 2 >= 0x90)
		c += 8;
	return c;
}

static int cube(int v) { return v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40; }

int theme_color_approx(int color, int ncolors)
{
	int r, g, b;
	if (color == COLOR_DEFAULT || ncolors > 256)
		return color;
	if (!(color & THEME_RGB_FLAG) && color < 16)
		return ncolors >= 16 || color < 8 ? color : color - 8;
	if (ncolors < 256 || !(color & THEME_RGB_FLAG)) {
		if (ncolors >= 256)
			return color;
		colour_rgb(color, &r, &g, &b);
		return approx16(r, g, b, ncolors);
	}
	colour_rgb(color, &r, &g, &b);
	static const int level[6] = {0, 95, 135, 175, 215, 255};
	int ci = 16 + 36 * cube(r) + 6 * cube(g) + cube(b);
	int cr = level[cube(r)], cg = level[cube(g)], cb = level[cube(b)];
	int avg = (r + g + b) / 3;
	int gi = avg > 238 ? 23 : avg < 8 ? 0 : (avg - 3) / 10;
	int gv = 8 + 10 * gi;
	long dc = (long)(cr - r) * (cr - r) + (long)(cg - g) * (cg - g) + (long)(cb - b) * (cb - b);
	long dg = (long)(gv - r) * (gv - r) + (long)(gv - g) * (gv - g) + (long)(gv - b) * (gv - b);
	return dg < dc ? 232 + gi : ci;
}

