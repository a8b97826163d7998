/* Errors in a YAML document, "FILE:LINE:COL: message" (1-based), and values
 * clipped for quoting in them. */
#include <stdarg.h>
#include <string.h>
#include "muster/yamldoc.h"

int ydoc_err(const struct ydoc *d, int line, int col, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	sb_addf(&b, "%s:%d:%d: ", d->name, line, col);
	va_start(ap, fmt);
	sb_vaddf(&b, fmt, ap);
	va_end(ap);
	mu_fail(MU_DATA, "%s", sb_str(&b));
	sb_free(&b);
	return MU_DATA;
}

struct yclip ydoc_clip(const char *s)
{
	struct yclip r;
	size_t n = strlen(s);
	if (n <= 60) {
		memcpy(r.s, s, n + 1);
		return r;
	}
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(r.s, s, n);
	memcpy(r.s + n, "...", 4);
	return r;
}
