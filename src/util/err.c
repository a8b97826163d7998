/* The stored error message behind mu_fail() and the one fatal exit, die().
 * Messages quote user text (names, paths, arguments): every control
 * character, bidi control and line separator in them becomes '?', so no
 * message can act on the terminal it is printed to or shown on. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "muster/err.h"
#include "muster/utf8.h"

static char errbuf[1024];
static int errcode;
static void (*cleanup)(void);
static int (*exit_status)(void);

int mu_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errbuf, sizeof errbuf, fmt, ap);
	va_end(ap);
	utf8_sanitize(errbuf);
	errcode = code;
	return code;
}

const char *mu_errmsg(void) { return errbuf; }
int mu_errcode(void) { return errcode; }

void mu_errclear(void)
{
	errbuf[0] = '\0';
	errcode = MU_OK;
}

void die_set_cleanup(void (*fn)(void)) { cleanup = fn; }
void die_set_status(int (*fn)(void)) { exit_status = fn; }

void die(const char *fmt, ...)
{
	va_list ap;
	if (cleanup) {
		void (*fn)(void) = cleanup;
		cleanup = NULL;
		fn();
	}
	int status = exit_status ? exit_status() : 70;
	char msg[1024];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	utf8_sanitize(msg);
	fprintf(stderr, "%s%s\n", status ? "muster: " : "muster: warning: the change was saved, but then: ", msg);
	exit(status);
}
