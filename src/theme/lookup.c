/* Themes by name: the YAML key of each UI role, the compiled-in default
 * theme every file is read over, and where a theme named on the command line
 * or in the config is found (muster/datadir.h). */
#include <string.h>
#include "muster/datadir.h"
#include "muster/theme.h"
#include "muster/xalloc.h"
#include "theme_int.h"

const char *const theme_role_keys[UI_ROLE_N] = {
#define X(id, key) [id] = key,
	UI_ROLES(X)
#undef X
};

const char *ui_role_key(enum ui_role r)
{
	return (unsigned)r < UI_ROLE_N ? theme_role_keys[r] : "?";
}

/* ---- the compiled-in default: dark 256-colour, readable in 8 ---- */

#define D COLOR_DEFAULT
#define B ATTR_BOLD
#define U ATTR_UNDERLINE
#define R ATTR_REVERSE
#define M ATTR_DIM
static const struct theme_style default_style[UI_ROLE_N] = {
	/*                  fg   bg   attrs  mono */
	[UI_NORMAL]       = {D,   D,   0,     0},
	[UI_TITLE]        = {231, 25,  B,     R | B},
	[UI_STATUS]       = {252, 236, 0,     R},
	[UI_HINT]         = {245, D,   0,     M},
	[UI_BORDER]       = {240, D,   0,     0},
	[UI_BORDER_FOCUS] = {81,  D,   B,     B},
	[UI_PANE_TITLE]   = {255, D,   B,     B},
	[UI_CURSOR]       = {16,  74,  0,     R},
	[UI_DIM]          = {244, D,   0,     M},
	[UI_TODO]         = {D,   D,   0,     0},
	[UI_DOING]        = {221, D,   0,     B},
	[UI_BLOCKED]      = {203, D,   B,     U},
	[UI_DONE]         = {108, D,   0,     M},
	[UI_OVERDUE]      = {196, D,   B,     B | U},
	[UI_TODAY]        = {214, D,   B,     B},
	[UI_MILESTONE]    = {177, D,   B,     B},
	[UI_PHASE_1]      = {75,  D,   0,     B},
	[UI_PHASE_2]      = {114, D,   0,     0},
	[UI_PHASE_3]      = {215, D,   0,     B},
	[UI_PHASE_4]      = {176, D,   0,     0},
	[UI_METER_OK]     = {71,  D,   0,     0},
	[UI_METER_WARN]   = {220, D,   0,     U},
	[UI_METER_BAD]    = {196, D,   B,     B},
	[UI_METER_EMPTY]  = {240, D,   0,     M},
	[UI_FLASH]        = {16,  221, B,     B},
	[UI_ERROR]        = {231, 160, B,     R | B},
	[UI_DIALOG]       = {252, 237, 0,     0},
	[UI_INPUT]        = {231, 25,  0,     U},
};
#undef D
#undef B
#undef U
#undef R
#undef M

void theme_default(struct theme *t)
{
	memset(t, 0, sizeof *t);
	strcpy(t->name, "default");
	memcpy(t->style, default_style, sizeof t->style);
}

/* ---- where themes live (muster/datadir.h) ---- */

char *theme_path(const char *name)
{
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml")))
		return xstrdup(name);
	if (!n || name[0] == '.') {
		mu_fail(MU_DATA, "bad theme name \"%s\"", name);
		return NULL;
	}
	struct strbuf looked = STRBUF_INIT;
	char *p = datadir_find(DATA_THEMES, name, &looked);
	if (!p)
		mu_fail(MU_DATA, "theme \"%s\" not found (looked in %s)", name, sb_str(&looked));
	sb_free(&looked);
	return p;
}
