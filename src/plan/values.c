/* One typed value of a plan from its node: text, a choice, a number, a
 * whole number, a boolean, a date (shifted by --start, relative ones
 * resolved) or a list, with the error at the value's line:col. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "muster/date.h"
#include "plan_int.h"

bool pl_is_null(const struct ynode *v)
{
	if (!v)
		return true;
	if (v->kind != Y_SCALAR || !v->plain)
		return false;
	return v->len == 0 || !strcmp(v->s, "~") || !strcmp(v->s, "null") ||
	       !strcmp(v->s, "Null") || !strcmp(v->s, "NULL");
}

const char *pl_kind_name(const struct ynode *v)
{
	return v->kind == Y_MAP ? "a mapping" : v->kind == Y_SEQ ? "a list" : "text";
}

int pl_need_scalar(struct ctx *c, const struct ynode *v, const char *field)
{
	if (v->kind != Y_SCALAR)
		return nerr(c, v, "expected a single value for %s, not %s", field, pl_kind_name(v));
	return 0;
}

/* Text (NULL when absent).  Control characters are refused; multiline text
 * may hold newlines and tabs. */
int pl_get_str(struct ctx *c, const struct ynode *v, const char *field, bool multiline,
		   char **out)
{
	*out = NULL;
	if (pl_is_null(v))
		return 0;
	if (pl_need_scalar(c, v, field))
		return MU_DATA;
	for (const unsigned char *s = (const unsigned char *)v->s; *s; s++) {
		unsigned cp = *s;
		if (cp == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
			cp = s[1];
		else if (cp >= 0x80 || ((cp == '\n' || cp == '\t') && multiline) ||
			 (cp >= 0x20 && cp != 0x7F))
			continue;
		if (cp == '\n')
			return nerr(c, v, "%s must be one line", field);
		return nerr(c, v, "control character U+%04X not allowed in %s", cp, field);
	}
	*out = pool_strdup(&c->p->pool, v->s);
	return 0;
}

int pl_get_required(struct ctx *c, const struct ynode *map, const struct ynode *v,
			const char *field, const char *what, char **out)
{
	if (pl_is_null(v))
		return nerr(c, v ? v : map, "%s needs a %s", what, field);
	if (pl_get_str(c, v, field, false, out))
		return MU_DATA;
	if (!**out)
		return nerr(c, v, "%s of %s must not be empty", field, what);
	return 0;
}

int pl_get_enum(struct ctx *c, const struct ynode *v, const char *field,
		    const char *const *allowed, const char *expect, char **out)
{
	if (pl_get_str(c, v, field, false, out))
		return MU_DATA;
	if (!*out)
		return 0;
	for (size_t i = 0; allowed[i]; i++)
		if (!strcmp(*out, allowed[i]))
			return 0;
	return nerr(c, v, "unknown %s \"%s\": expected %s", field, pl_clip(*out).s, expect);
}

/* A number >= 0 (NAN when absent); share: 0..1 and "15%" allowed. */
int pl_get_num(struct ctx *c, const struct ynode *v, const char *field, bool share,
		   double *out)
{
	*out = NAN;
	if (pl_is_null(v))
		return 0;
	if (pl_need_scalar(c, v, field))
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
		return nerr(c, v, "expected a number for %s, not \"%s\"", field, pl_clip(s).s);
	if (pct)
		x /= 100;
	if (x < 0)
		return nerr(c, v, "%s must not be negative", field);
	if (share && x > 1)
		return nerr(c, v, "%s must be a share between 0 and 1 (0.15 or 15%%)", field);
	*out = x;
	return 0;
}

int pl_get_int(struct ctx *c, const struct ynode *v, const char *field, int64_t def,
		   int64_t *out)
{
	*out = def;
	if (pl_is_null(v))
		return 0;
	if (pl_need_scalar(c, v, field))
		return MU_DATA;
	const char *s = v->s;
	bool neg = *s == '-';
	if (neg || *s == '+')
		s++;
	int64_t x = 0;
	if (!*s)
		return nerr(c, v, "expected a whole number for %s", field);
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return nerr(c, v, "expected a whole number for %s, not \"%s\"", field,
				    pl_clip(v->s).s);
		if (x > PLAN_MAX_INT)
			break;
		x = x * 10 + (*s - '0');
	}
	if (neg && x)
		return nerr(c, v, "%s must not be negative", field);
	if (x > PLAN_MAX_INT)
		return nerr(c, v, "%s is too large", field);
	*out = x;
	return 0;
}

int pl_get_bool(struct ctx *c, const struct ynode *v, const char *field, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", NULL}, *const no[] = {"false", "no", "off", NULL};
	*out = false;
	if (pl_is_null(v))
		return 0;
	if (pl_need_scalar(c, v, field))
		return MU_DATA;
	for (size_t i = 0; yes[i]; i++) {
		if (!strcasecmp(v->s, yes[i]))
			return *out = true, 0;
		if (!strcasecmp(v->s, no[i]))
			return 0;
	}
	return nerr(c, v, "expected true or false for %s", field);
}

static int to_date(struct ctx *c, const struct ynode *v, int32_t day, char out[11])
{
	if (day < 0 - 719162 || day > 2932896) /* 0001-01-01 .. 9999-12-31 */
		return nerr(c, v, "date %s is out of range after shifting", v->s);
	date_format(day, out);
	return 0;
}

/* Absolute dates are shifted by --start; relative ones resolve against the
 * (new) event start. */
int pl_get_date(struct ctx *c, const struct ynode *v, const char *field, char out[11])
{
	int32_t day, off;
	out[0] = '\0';
	if (pl_is_null(v))
		return 0;
	if (pl_need_scalar(c, v, field))
		return MU_DATA;
	if (date_parse_iso(v->s, &day))
		return to_date(c, v, day + c->shift, out);
	if (!date_parse_rel(v->s, &off))
		return nerr(c, v, "expected a date like 2026-09-01 or T-14");
	if (c->start == DATE_NONE)
		return nerr(c, v, "relative date %s needs an event start (event.start or --start)",
			    v->s);
	return to_date(c, v, c->start + off, out);
}

/* Returns the list (or an empty one for an absent value) in *first and *n. */
int pl_get_seq(struct ctx *c, const struct ynode *v, const char *field,
		   const struct ynode **first, size_t *n)
{
	*first = NULL;
	*n = 0;
	if (pl_is_null(v))
		return 0;
	if (v->kind != Y_SEQ)
		return nerr(c, v, "expected a list for %s, not %s", field, pl_kind_name(v));
	*first = v->kids;
	*n = v->n;
	return 0;
}
