/* `muster template save EVENT [-o FILE]`: an event as a reusable template
 * (plan_emit PLAN_TEMPLATE: dates relative to the start, statuses reset,
 * actuals dropped); `muster import FILE --start DATE` plans the next one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/plan.h"

int cmd_template(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct plan p;
	int64_t id;
	if (argc < 2 || strcmp(argv[1], "save") != 0)
		return mu_fail(MU_USAGE, "template needs save (usage: muster template save EVENT -o FILE)");
	int rc = cli_getopt(c, argc - 1, argv + 1, "o= output= event=", 0, 1, &o);
	if (rc)
		return rc;
	const char *file = cli_opt(&o, "o") ? cli_opt(&o, "o") : cli_opt(&o, "output");
	char *path = NULL;
	if (file && strcmp(file, "-") != 0 && (rc = cli_output_path(c, file, &path)))
		return rc;
	if (o.nargs && cli_opt(&o, "event"))
		return mu_fail(MU_USAGE, "give the event once: as EVENT or with --event");
	if ((rc = cli_board(c, 0, &b)))
		return rc;
	const char *ev = o.nargs ? o.arg[0] : cli_opt(&o, "event") ? cli_opt(&o, "event") : c->g.event;
	if ((rc = event_find(b, ev, &id)))
		return rc;
	memset(&p, 0, sizeof p);
	if ((rc = plan_load(b, id, &p)))
		return rc;
	struct strbuf y = STRBUF_INIT;
	plan_emit(&p, PLAN_TEMPLATE, &y);
	plan_free(&p);
	if (path)
		rc = cli_write_file(path, sb_str(&y), y.len);
	else
		sb_addn(&c->out, sb_str(&y), y.len);
	sb_free(&y);
	free(path);
	return rc;
}
