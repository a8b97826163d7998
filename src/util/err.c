/* The stored error message behind mu_fail() and the one fatal exit, die(). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "muster/err.h"

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
	fputs(status ? "muster: " : "muster: warning: the change was saved, but then: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
