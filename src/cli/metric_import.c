/* `muster metric import FILE.csv [--event E]`: actuals from another system
 * (rows of time,stage,value; see include/muster/metric_csv.h).  Reached
 * from cmd_metric in src/cli/metrics.c. */
#include "muster/cli.h"
#include "muster/metric_csv.h"

int cmd_metric_import(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	int64_t event;
	size_t rows = 0;
	c->usage = "metric import FILE.csv [--event E]";
	int rc = cli_getopt(c, argc, argv, "event=", 1, 1, &o);
	if (!rc && c->g.restricted)
		return mu_fail(MU_DENIED, "a restricted session may not import files");
	if (rc || (rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)) ||
	    (rc = metric_import_csv(b, event, o.arg[0], &rows)))
		return rc;
	if (c->g.json) {
		bool f;
		json_open(&c->out, &f);
		json_int(&c->out, &f, "event", event);
		json_int(&c->out, &f, "rows", (int64_t)rows);
		json_close(&c->out);
		sb_addc(&c->out, '\n');
	} else {
		sb_addf(&c->out, "imported %zu reading%s\n", rows, rows == 1 ? "" : "s");
	}
	return MU_OK;
}
