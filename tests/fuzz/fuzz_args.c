/* libFuzzer target for the command-line parsers (src/cli/cli.c): the input
 * is argv (arguments separated by NUL bytes; the first byte picks one of the
 * option specs the commands really use) through cli_parse_globals and then
 * cli_getopt.  Oracles: the status is 0 or 1 (usage) with a message on 1
 * that holds no control character; the arguments left are a subsequence of
 * the ones given, in order, NULL-terminated, argv[0] kept; every value
 * points into an argument; cli_getopt's positional count is within its
 * bounds and cli_opt agrees with the values it stored. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/err.h"
#include "muster/utf8.h"

#define MAX_ARGS 64

static const struct {
	const char *spec;
	int min, max;
} specs[] = {
	{"cause= factor= lesson= event=", 1, 1},
	{"event= title= owner= due= role= phase= notes=", 1, 1},
	{"event= name= roles= access=", 1, 1},
	{"event= limit=", 0, 0},
	{"event= list= limit=", 0, 0},
	{"event= qty=", 1, 1},
	{"event= role= status= mine search= limit=", 0, 0},
	{"event=", 0, 0},
	{"event=", 2, 2},
	{"events= tasks= items= samples= seed=", 0, 0},
	{"format= o= output= event=", 0, 1},
	{"goal= rates= ctr= cpm= price= stages= event=", 0, 0},
	{"o= output= event=", 0, 1},
	{"shared= default-access=", 0, 0},
	{"since= limit= event= by=", 0, 0},
	{"start=", 1, 1},
	{"", 2, 2},
	{"a b c d e f g h i j k l m n o p", 0, 8}, /* CLI_MAX_OPTS names */
};
#define NSPECS (sizeof specs / sizeof *specs)

static void bad(const char *what)
{
	fprintf(stderr, "fuzz_args: %s (%s)\n", what, mu_errmsg());
	abort();
}

/* p is NULL, the literal "" or points into one of the n strings in orig */
static bool inside(const char *p, char *const *orig, int n)
{
	if (!p || !*p)
		return true;
	for (int i = 0; i < n; i++)
		if (p >= orig[i] && p <= orig[i] + strlen(orig[i]))
			return true;
	return false;
}

static void check_msg(int rc)
{
	const char *m = mu_errmsg();
	if (rc != MU_OK && rc != MU_USAGE)
		bad("status neither 0 nor 1");
	if (rc == MU_USAGE && !*m)
		bad("a usage error without a message");
	if (rc && utf8_find_unsafe(m, strlen(m), false, NULL, NULL))
		bad("a control character in the message");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned pick = data[0] % NSPECS;
	char *buf = malloc(size + 1);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	char *orig[MAX_ARGS + 1], *argv[MAX_ARGS + 1];
	int argc = 0;
	orig[argc++] = "muster";
	for (size_t at = 0; at < size - 1 && argc < MAX_ARGS;) {
		orig[argc++] = buf + at;
		at += strlen(buf + at) + 1;
	}
	orig[argc] = NULL;
	memcpy(argv, orig, sizeof orig);
	int n = argc;
	struct cli_globals g;
	mu_errclear();
	int rc = cli_parse_globals(&n, argv, &g);
	check_msg(rc);
	if (rc == MU_OK) {
		if (n < 1 || n > argc || argv[0] != orig[0] || argv[n] != NULL)
			bad("argv after the globals");
		for (int i = 1, j = 1; i < n; i++, j++) { /* a subsequence, in order */
			while (j < argc && orig[j] != argv[i])
				j++;
			if (j == argc)
				bad("an argument that was not given, or out of order");
		}
		if (!inside(g.db, orig, argc) || !inside(g.actor, orig, argc) || !inside(g.theme, orig, argc) ||
		    !inside(g.event, orig, argc))
			bad("a global value outside the arguments");
		struct cli c;
		struct cli_opts o;
		memset(&c, 0, sizeof c);
		mu_errclear();
		/* a command gets argv from its name on (argv[1]) */
		rc = n >= 2 ? cli_getopt(&c, n - 1, argv + 1, specs[pick].spec, specs[pick].min, specs[pick].max, &o)
			    : MU_OK;
		check_msg(rc);
		if (n >= 2 && rc == MU_OK) {
			if (o.nargs < specs[pick].min || o.nargs > specs[pick].max || o.nargs > CLI_MAX_ARGS)
				bad("positional count out of bounds");
			for (int i = 0; i < o.nargs; i++)
				if (!inside(o.arg[i], orig, argc))
					bad("a positional argument outside the arguments");
			/* every name of the spec: cli_opt gives what was stored */
			const char *p = specs[pick].spec;
			int idx = 0;
			while (*p) {
				char name[32];
				size_t len = strcspn(p, " =");
				if (len >= sizeof name)
					bad("spec name too long");
				memcpy(name, p, len);
				name[len] = '\0';
				if (len) {
					if (cli_opt(&o, name) != o.val[idx])
						bad("cli_opt disagrees with the stored value");
					if (!inside(o.val[idx], orig, argc))
						bad("an option value outside the arguments");
					idx++;
				}
				p += len;
				p += strspn(p, " =");
			}
		}
	}
	free(buf);
	return 0;
}
