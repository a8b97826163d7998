/* Warnings of a plan, "FILE:LINE:COL: warning: text" (1-based), kept until
 * the parse succeeds and then written in file order. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "plan_int.h"

void pl_warn(struct ctx *c, int line, int col, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	if (c->nwarn == c->warncap) {
		c->warncap = c->warncap ? 2 * c->warncap : 8;
		c->warn = xrealloc(c->warn, c->warncap * sizeof *c->warn);
	}
	c->warn[c->nwarn] = (struct warning){line, col, c->nwarn, pool_strdup(&c->doc.pool, sb_str(&b))};
	c->nwarn++;
	sb_free(&b);
}

static int warning_cmp(const void *a, const void *b)
{
	const struct warning *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void pl_flush_warnings(struct ctx *c)
{
	if (c->nwarn > 1)
		qsort(c->warn, c->nwarn, sizeof *c->warn, warning_cmp);
	for (size_t i = 0; i < c->nwarn && i <= PLAN_MAX_WARNINGS; i++) {
		const struct warning *w = &c->warn[i];
		sb_addf(&c->p->warnings, "%s:%d:%d: warning: ", c->doc.name, w->line, w->col);
		if (i < PLAN_MAX_WARNINGS)
			sb_addf(&c->p->warnings, "%s\n", w->text);
		else
			sb_addf(&c->p->warnings, "%zu more warnings not shown\n", c->nwarn - i);
	}
}
