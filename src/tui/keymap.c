/* Key names and the keymaps built from the action table in action.h: the
 * compiled-in defaults are parsed from the same key syntax a user writes in
 * config.yaml ("j", "C-d", "S-Tab", "PgDn"), then the config overrides them. */
#include "tui.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

const struct action_info action_table[ACT_N] = {
	[ACT_NONE] = {GROUP_GLOBAL, "none", "", ""},
#define X(g, id, name, keys, help) [ACT_##id] = {GROUP_##g, name, keys, help},
	ACTION_INFO(X)
#undef X
};

const char *const action_group_name[GROUP_N] = {
	[GROUP_GLOBAL] = "Global", [GROUP_MOVE] = "Moving and searching",
	[GROUP_EDIT] = "Changing", [GROUP_TIMELINE] = "Timeline",
	[GROUP_TASKS] = "Tasks", [GROUP_ITEMS] = "Materials",
	[GROUP_METRICS] = "Metrics", [GROUP_SHEET] = "Review, log, trash and people screens",
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Space", ' '}, {"Enter", '\n'}, {"Tab", '\t'}, {"Esc", 27},
	{"S-Tab", KEYCODE_FN + KEY_BTAB}, {"Backspace", KEYCODE_FN + KEY_BACKSPACE},
	{"Up", KEYCODE_FN + KEY_UP}, {"Down", KEYCODE_FN + KEY_DOWN},
	{"Left", KEYCODE_FN + KEY_LEFT}, {"Right", KEYCODE_FN + KEY_RIGHT},
	{"PgUp", KEYCODE_FN + KEY_PPAGE}, {"PgDn", KEYCODE_FN + KEY_NPAGE},
	{"PageUp", KEYCODE_FN + KEY_PPAGE}, {"PageDown", KEYCODE_FN + KEY_NPAGE},
	{"Home", KEYCODE_FN + KEY_HOME}, {"End", KEYCODE_FN + KEY_END},
	{"Del", KEYCODE_FN + KEY_DC}, {"Delete", KEYCODE_FN + KEY_DC},
	{"Ins", KEYCODE_FN + KEY_IC}, {"Insert", KEYCODE_FN + KEY_IC},
};

int key_parse(const char *s)
{
	if (!s || !*s)
		return -1;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (!strcasecmp(s, key_names[i].name))
			return key_names[i].key;
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] && !s[3]) {
		int c = s[2];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c < '@' || c > 'z')
			return -1;
		return c & 0x1f;
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9' && (!s[2] || (s[2] >= '0' && s[2] <= '9' && !s[3]))) {
		int n = s[2] ? (s[1] - '0') * 10 + (s[2] - '0') : s[1] - '0';
		if (n <= 12)
			return KEYCODE_FN + KEY_F(n);
		return -1;
	}
	uint32_t cp;
	size_t len = strlen(s);
	/* one character: not a control, bidi control or separator (utf8_unsafe) */
	if ((size_t)utf8_decode(s, len, &cp) == len && !utf8_unsafe(cp) && cp != 0xFFFD)
		return (int)cp;
	return -1;
}

const char *key_label(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if (key >= KEYCODE_FN + KEY_F(1) && key <= KEYCODE_FN + KEY_F(12))
		snprintf(buf, n, "F%d", key - KEYCODE_FN - KEY_F(0));
	else if (key >= 0 && key < 32) /* C-@, C-a..C-z, C-[ C-\ C-] C-^ C-_ */
		snprintf(buf, n, "C-%c", key >= 1 && key <= 26 ? key + 'a' - 1 : key + '@');
	else if (key >= 32 && key <= 0x10FFFF && !utf8_unsafe((uint32_t)key)) {
		char mb[4];
		size_t k = utf8_encode((uint32_t)key, mb);
		snprintf(buf, n, "%.*s", (int)k, mb);
	} else
		snprintf(buf, n, "key%d", key);
	return buf;
}


static int keymap_of(enum action a)
{
	enum action_group g = action_table[a].group;
	return g <= GROUP_EDIT ? GROUP_GLOBAL : (int)g;
}

static void bind_key(struct keymap *km, int keymap, int key, enum action a)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].keymap == keymap && km->v[i].key == key) {
			km->v[i].action = a;
			return;
		}
	if (km->n < sizeof km->v / sizeof km->v[0])
		km->v[km->n++] = (struct keymap_binding){keymap, key, a};
}

enum action action_by_name(const char *name)
{
	for (int a = 0; a < ACT_N; a++)
		if (!strcmp(action_table[a].name, name))
			return (enum action)a;
	return (enum action)-1;
}

void keymap_init(struct keymap *km)
{
	km->n = 0;
	for (int a = 1; a < ACT_N; a++) {
		char k[32];
		const char *p = action_table[a].keys;
		while (*p) {
			size_t n = strcspn(p, " ");
			if (n && n < sizeof k) {
				memcpy(k, p, n);
				k[n] = 0;
				int key = key_parse(k);
				if (key >= 0)
					bind_key(km, keymap_of((enum action)a), key, (enum action)a);
			}
			p += n;
			p += strspn(p, " ");
		}
	}
}

int keymap_bind(struct keymap *km, const char *key, const char *name)
{
	int k = key_parse(key);
	if (k < 0)
		return -1;
	enum action a = action_by_name(name);
	if ((int)a < 0)
		return -2;
	if (a == ACT_NONE) {
		for (size_t i = 0; i < km->n; i++)
			if (km->v[i].key == k)
				km->v[i].action = ACT_NONE;
		return 0;
	}
	bind_key(km, keymap_of(a), k, a);
	return 0;
}

enum action keymap_lookup(const struct keymap *km, enum action_group g, int key)
{
	if (key == '\r' || key == KEYCODE_FN + KEY_ENTER)
		key = '\n';
	if (key == 127 || key == 8)
		key = KEYCODE_FN + KEY_BACKSPACE;
	if (g != GROUP_GLOBAL)
		for (size_t i = 0; i < km->n; i++)
			if (km->v[i].keymap == (int)g && km->v[i].key == key)
				return km->v[i].action;
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].keymap == GROUP_GLOBAL && km->v[i].key == key)
			return km->v[i].action;
	return ACT_NONE;
}

const char *keymap_keys(const struct keymap *km, enum action a, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].action != a)
			continue;
		char name[32];
		key_label(km->v[i].key, name, sizeof name);
		int w = snprintf(buf + len, n - len, "%s%s", len ? " " : "", name);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
	}
	return buf;
}
