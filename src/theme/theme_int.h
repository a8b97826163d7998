/* Private to src/theme/: what the document reader (parse.c) shares with the
 * role table (lookup.c) and the colour and attribute words (colour.c). */
#ifndef MUSTER_THEME_INT_H
#define MUSTER_THEME_INT_H
#include <stddef.h>
#include "muster/theme.h"

/* The YAML key of each role, by enum ui_role. */
extern const char *const theme_role_keys[UI_ROLE_N];

/* What separates the words of an attribute list ("bold, underline"). */
#define THEME_ATTR_SEP " \t,|"

/* Parses s into *attrs; on a bad word returns its offset + 1, else 0. */
size_t theme_attrs_scan(const char *s, unsigned *attrs);

#endif
