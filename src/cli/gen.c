/* `muster gen`: a large, realistic board for benchmarks and smoke tests
 * (src/model/gen.c builds each event as a plan; plan_import stores it in one
 * transaction, then the metric history in another). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/date.h"
#include "muster/gen.h"
#include "muster/planio.h"
#include "muster/utf8.h"

static int count_opt(const struct cli_opts *o, const char *name, size_t dflt, size_t max, size_t *out)
{
	const char *s = cli_opt(o, name);
	int64_t v = (int64_t)dflt;
	int rc = s ? cli_parse_count(name, s, &v) : MU_OK;
	if (rc)
		return rc;
	if ((uint64_t)v > max)
		return mu_fail(MU_USAGE, "%s must be at most %zu: %s", name, max, s);
	*out = (size_t)v;
	return MU_OK;
}

int cmd_gen(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct gen_opts g = {0};
	struct board *b;
	int64_t seed = 1;
	int rc = cli_getopt(c, argc, argv, "events= tasks= items= samples= seed=", 0, 0, &o);
	if (!rc)
		rc = count_opt(&o, "events", 1, 1000, &g.events);
	if (!rc)
		rc = count_opt(&o, "tasks", 1000, 10000000, &g.tasks);
	if (!rc)
		rc = count_opt(&o, "items", 200, 10000000, &g.items);
	if (!rc)
		rc = count_opt(&o, "samples", 200, 100000, &g.samples);
	if (!rc && cli_opt(&o, "seed"))
		rc = cli_parse_count("seed", cli_opt(&o, "seed"), &seed);
	if (rc)
		return rc;
	if (!g.events)
		return mu_fail(MU_USAGE, "events must be at least 1");
	if (c->g.restricted)
		return mu_fail(MU_DENIED, "a restricted session may not generate boards");
	g.seed = (uint64_t)seed;
	g.today = date_today();
	if ((rc = cli_board(c, BOARD_CREATE, &b)))
		return rc;
	/* Oldest first, so that the event in progress is the most recent one. */
	for (size_t i = g.events; i-- > 0;) {
		struct plan p;
		int64_t id = 0;
		size_t items = 0;
		gen_plan(&g, i, &p);
		rc = plan_import(b, &p, &id);
		if (!rc)
			rc = gen_samples(b, id, g.samples, g.seed);
		for (size_t k = 0; k < p.nchecklists; k++)
			items += p.checklists[k].nitems;
		if (!rc && c->g.json) {
			bool f;
			json_open(&c->out, &f);
			json_int(&c->out, &f, "id", id);
			json_str(&c->out, &f, "name", p.name);
			json_int(&c->out, &f, "tasks", (int64_t)p.ntasks);
			json_int(&c->out, &f, "items", (int64_t)items);
			json_close(&c->out);
			sb_addc(&c->out, '\n');
		} else if (!rc) {
			sb_addf(&c->out, "generated event %lld: ", (long long)id);
			utf8_fit(&c->out, p.name, INT_MAX, false);
			sb_addf(&c->out, " (%zu tasks, %zu items)\n", p.ntasks, items);
		}
		plan_free(&p);
		if (rc)
			return rc;
	}
	return MU_OK;
}
