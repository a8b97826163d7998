/* A date of a plan from its node: absolute ones shifted by --start,
 * relative ones (T-14) resolved against the event start, with the error at
 * the value's line:col.  The other typed values are muster/yamldoc.h's. */
#include "muster/date.h"
#include "plan_int.h"

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
	if (ydoc_is_null(v))
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
