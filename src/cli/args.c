/* The words of one command line after its command: options against the
 * command's spec (cli_getopt, cli_opt), and the strict numbers, counts,
 * limits and due dates (2026-09-01 or T-14) its arguments hold. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/date.h"
#include "muster/event.h"

/* ---- per-command options ---- */

/* Index of name in spec (and whether it takes a value), or -1. */
static int spec_find(const char *spec, const char *name, size_t len, bool *takes)
{
	int idx = 0;
	for (const char *p = spec; *p;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ' ' && *e != '=')
			e++;
		bool v = *e == '=';
		if ((size_t)(e - p) == len && strncmp(p, name, len) == 0) {
			*takes = v;
			return idx;
		}
		p = e + (v ? 1 : 0);
		idx++;
	}
	return -1;
}

static bool looks_negative_number(const char *a)
{
	return a[0] == '-' && ((a[1] >= '0' && a[1] <= '9') || (a[1] == '.' && a[2] >= '0' && a[2] <= '9'));
}

int cli_getopt(struct cli *c, int argc, char **argv, const char *spec, int min_args, int max_args,
	       struct cli_opts *o)
{
	const char *cmd = c->cmd ? c->cmd->name : "muster";
	const char *usage = c->usage ? c->usage : c->cmd ? c->cmd->usage : cmd;
	memset(o, 0, sizeof *o);
	o->spec = spec;
	bool opts_done = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!opts_done && strcmp(a, "--") == 0) {
			opts_done = true;
			continue;
		}
		if (!opts_done && a[0] == '-' && a[1] != '\0' && !looks_negative_number(a)) {
			const char *name = a + 1;
			if (a[1] == '-')
				name = a + 2;
			size_t len = strcspn(name, "=");
			bool takes = false;
			int idx = -1;
			/* one-letter options are -x, longer ones --name */
			if ((a[1] == '-') == (len > 1))
				idx = spec_find(spec, name, len, &takes);
			if (idx < 0)
				return mu_fail(MU_USAGE, "unknown option %.*s for %s (see muster %s --help)",
					       (int)(name - a + len), a, cmd, cmd);
			const char *v = name[len] == '=' ? name + len + 1 : NULL;
			if (takes && !v) {
				if (i + 1 >= argc)
					return mu_fail(MU_USAGE, "option %s needs a value", a);
				v = argv[++i];
			} else if (!takes && v) {
				return mu_fail(MU_USAGE, "option %.*s takes no value", (int)(name - a + len), a);
			}
			o->val[idx] = takes ? v : "";
			continue;
		}
		if (o->nargs >= max_args || o->nargs >= CLI_MAX_ARGS)
			return mu_fail(MU_USAGE, "unexpected argument '%s' (usage: muster %s)", a, usage);
		o->arg[o->nargs++] = a;
	}
	if (o->nargs < min_args)
		return mu_fail(MU_USAGE, "missing argument (usage: muster %s)", usage);
	return MU_OK;
}

const char *cli_opt(const struct cli_opts *o, const char *name)
{
	bool takes;
	int idx = spec_find(o->spec, name, strlen(name), &takes);
	return idx < 0 ? NULL : o->val[idx];
}


/* ---- numbers and dates ---- */

static int parse_int(const char *what, const char *s, int64_t *out, long long min)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	/* digits with an optional leading '-': no blanks, '+', or trailing text */
	if (!(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))) || *end ||
	    errno == ERANGE)
		return mu_fail(MU_USAGE, "%s must be a number: %s", what, s);
	if (v < min)
		return mu_fail(MU_USAGE, "%s must be %s: %s", what, min > 0 ? "positive" : "0 or more", s);
	*out = v;
	return MU_OK;
}

int cli_parse_id(const char *what, const char *s, int64_t *out) { return parse_int(what, s, out, 1); }
int cli_parse_count(const char *what, const char *s, int64_t *out) { return parse_int(what, s, out, 0); }

int cli_parse_real(const char *what, const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	/* plain decimal notation only: no blanks, hex floats, inf or nan */
	if (!(isdigit((unsigned char)s[0]) || ((s[0] == '-' || s[0] == '+' || s[0] == '.') && s[1])) ||
	    strpbrk(s, "xXnN") || *end || errno == ERANGE || !isfinite(v))
		return mu_fail(MU_USAGE, "%s must be a number: %s", what, s);
	*out = v;
	return MU_OK;
}

int cli_limit(const struct cli_opts *o, size_t *limit)
{
	const char *s = cli_opt(o, "limit");
	int64_t n = 0;
	*limit = 0;
	if (s) {
		int rc = cli_parse_count("limit", s, &n);
		if (rc)
			return rc;
		*limit = (size_t)n;
	}
	return MU_OK;
}

int cli_parse_due(struct cli *c, int64_t event, const char *s, char out[11])
{
	int32_t day, start = DATE_NONE, off;
	if (!*s) {
		out[0] = '\0';
		return MU_OK;
	}
	if (date_parse_rel(s, &off)) {
		struct board *b;
		struct event ev;
		struct pool pool = {0};
		int rc = cli_board(c, 0, &b);
		if (rc)
			return rc;
		rc = event_get(b, event, &ev, &pool);
		if (rc == MU_OK && ev.start[0])
			date_parse_iso(ev.start, &start);
		pool_free(&pool);
		if (rc)
			return rc;
		if (start == DATE_NONE)
			return mu_fail(MU_USAGE, "date %s is relative but the event has no start date", s);
	}
	if (!date_resolve(s, start, &day))
		return mu_fail(MU_USAGE, "date must look like 2026-09-01 or T-14: %s", s);
	date_format(day, out);
	return MU_OK;
}
