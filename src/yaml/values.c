/* One typed value from its node: text, a choice, a number, a whole number,
 * a boolean or a list, with the error at the value's line:col. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/utf8.h"
#include "muster/yamldoc.h"

bool ydoc_is_null(const struct ynode *v)
{
	if (!v)
		return true;
	if (v->kind != Y_SCALAR || !v->plain)
		return false;
	return v->len == 0 || !strcmp(v->s, "~") || !strcmp(v->s, "null") ||
	       !strcmp(v->s, "Null") || !strcmp(v->s, "NULL");
}

const char *ydoc_kind_name(const struct ynode *v)
{
	return v->kind == Y_MAP ? "a mapping" : v->kind == Y_SEQ ? "a list" : "text";
}

int ydoc_need_scalar(const struct ydoc *d, const struct ynode *v, const char *field)
{
	if (v->kind != Y_SCALAR)
		return ydoc_nerr(d, v, "expected a single value for %s, not %s", field,
				 ydoc_kind_name(v));
	return 0;
}

int ydoc_get_text(const struct ydoc *d, const struct ynode *v, const char *field, bool multiline,
		  struct pool *into, char **out)
{
	*out = NULL;
	if (ydoc_is_null(v))
		return 0;
	if (ydoc_need_scalar(d, v, field))
		return MU_DATA;
	size_t at;
	uint32_t cp;
	if (utf8_find_unsafe(v->s, strlen(v->s), multiline, &at, &cp)) {
		if (cp == '\n')
			return ydoc_nerr(d, v, "%s must be one line", field);
		enum utf8_unsafe k = utf8_unsafe(cp);
		return ydoc_nerr(d, v, "%s U+%04X not allowed in %s",
				 k == UTF8_BIDI ? "bidirectional control" : k == UTF8_SEPARATOR ? "line or paragraph separator"
												: "control character",
				 (unsigned)cp, field);
	}
	*out = pool_strdup(into, v->s);
	return 0;
}

int ydoc_get_required(const struct ydoc *d, const struct ynode *map, const struct ynode *v,
		      const char *field, const char *what, struct pool *into, char **out)
{
	if (ydoc_is_null(v))
		return ydoc_nerr(d, v ? v : map, "%s needs a %s", what, field);
	if (ydoc_get_text(d, v, field, false, into, out))
		return MU_DATA;
	if (!**out)
		return ydoc_nerr(d, v, "%s of %s must not be empty", field, what);
	return 0;
}

int ydoc_get_enum(const struct ydoc *d, const struct ynode *v, const char *field,
		  const char *const *allowed, const char *expect, struct pool *into, char **out)
{
	if (ydoc_get_text(d, v, field, false, into, out))
		return MU_DATA;
	if (!*out)
		return 0;
	for (size_t i = 0; allowed[i]; i++)
		if (!strcmp(*out, allowed[i]))
			return 0;
	return ydoc_nerr(d, v, "unknown %s \"%s\": expected %s", field, ydoc_clip(*out).s, expect);
}

int ydoc_get_num(const struct ydoc *d, const struct ynode *v, const char *field, bool share,
		 double *out)
{
	*out = NAN;
	if (ydoc_is_null(v))
		return 0;
	if (ydoc_need_scalar(d, v, field))
		return MU_DATA;
	const char *s = v->s;
	size_t n = v->len, i = 0;
	bool pct = share && n > 1 && s[n - 1] == '%';
	if (pct)
		n--;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	bool digit = false;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (!strchr(".eE+-", s[i]))
			break;
	}
	char *end = NULL;
	double x = digit && i == n ? strtod(s, &end) : NAN;
	if (isnan(x) || end != s + n || !isfinite(x))
		return ydoc_nerr(d, v, "expected a number for %s, not \"%s\"", field, ydoc_clip(s).s);
	if (pct)
		x /= 100;
	if (x < 0)
		return ydoc_nerr(d, v, "%s must not be negative", field);
	if (share && x > 1)
		return ydoc_nerr(d, v, "%s must be a share between 0 and 1 (0.15 or 15%%)", field);
	*out = x;
	return 0;
}

int ydoc_get_int(const struct ydoc *d, const struct ynode *v, const char *field, int64_t def,
		 int64_t max, int64_t *out)
{
	*out = def;
	if (ydoc_is_null(v))
		return 0;
	if (ydoc_need_scalar(d, v, field))
		return MU_DATA;
	const char *s = v->s;
	bool neg = *s == '-';
	if (neg || *s == '+')
		s++;
	int64_t x = 0;
	if (!*s)
		return ydoc_nerr(d, v, "expected a whole number for %s", field);
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return ydoc_nerr(d, v, "expected a whole number for %s, not \"%s\"", field,
					 ydoc_clip(v->s).s);
		if (x > max)
			break;
		x = x * 10 + (*s - '0');
	}
	if (neg && x)
		return ydoc_nerr(d, v, "%s must not be negative", field);
	if (x > max)
		return ydoc_nerr(d, v, "%s is too large", field);
	*out = x;
	return 0;
}

int ydoc_bool_word(const char *s)
{
	static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
	for (size_t i = 0; i < 3; i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

int ydoc_get_bool(const struct ydoc *d, const struct ynode *v, const char *field, bool *out)
{
	int b;
	*out = false;
	if (ydoc_is_null(v))
		return 0;
	if (ydoc_need_scalar(d, v, field))
		return MU_DATA;
	if ((b = ydoc_bool_word(v->s)) < 0)
		return ydoc_nerr(d, v, "expected true or false for %s", field);
	*out = b;
	return 0;
}

int ydoc_get_seq(const struct ydoc *d, const struct ynode *v, const char *field,
		 const struct ynode **first, size_t *n)
{
	*first = NULL;
	*n = 0;
	if (ydoc_is_null(v))
		return 0;
	if (v->kind != Y_SEQ)
		return ydoc_nerr(d, v, "expected a list for %s, not %s", field, ydoc_kind_name(v));
	*first = v->kids;
	*n = v->n;
	return 0;
}
