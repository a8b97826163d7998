/* Metric commands: `metrics` lists funnel stages and budget lines with
 * target, actual and completion; `metric set|add NAME N` enters actuals. */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/metric.h"
#include "muster/table.h"
#include "muster/utf8.h"

static const char *kind_name(enum metric_kind k) { return k == METRIC_BUDGET ? "budget" : "stage"; }

static void metric_json(struct strbuf *b, const struct metric *m)
{
	bool f;
	json_open(b, &f);
	json_int(b, &f, "id", m->id);
	json_int(b, &f, "event_id", m->event_id);
	json_str(b, &f, "kind", kind_name(m->kind));
	json_str(b, &f, "name", m->name);
	json_real(b, &f, "target", m->target);
	json_real(b, &f, "rate", m->rate);
	json_real(b, &f, "actual", m->actual);
	json_int(b, &f, "position", m->position);
	json_close(b);
}

static double completion(const struct metric *m)
{
	if (isnan(m->target) || m->target == 0 || isnan(m->actual))
		return NAN;
	return m->actual / m->target;
}

int cmd_metrics(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct metric_list l = {0};
	int64_t event;
	size_t limit;
	int rc = cli_getopt(c, argc, argv, "event= limit=", 0, 0, &o);
	if (rc || (rc = cli_limit(&o, &limit)) || (rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)))
		return rc;
	if ((rc = metric_list(b, event, 0, &l)))
		return rc;
	size_t n = limit && limit < l.n ? limit : l.n;
	if (c->g.json) {
		for (size_t i = 0; i < n; i++) {
			json_array_item(&c->out, i);
			metric_json(&c->out, &l.v[i]);
		}
		json_array_end(&c->out, n);
	} else if (n) {
		static const struct cli_col cols[] = {
			{"NAME", TABLE_LEFT, TABLE_SHRINK}, {"KIND", TABLE_LEFT, 0},
			{"TARGET", TABLE_RIGHT, 0}, {"ACTUAL", TABLE_RIGHT, 0},
			{"DONE", TABLE_RIGHT, 0}, {"RATE", TABLE_RIGHT, 0}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		struct strbuf s = STRBUF_INIT;
		for (size_t i = 0; i < n; i++) {
			const struct metric *m = &l.v[i];
			table_cell(t, m->name);
			table_cell(t, kind_name(m->kind));
#define CELL(expr) (sb_reset(&s), (expr), table_cell(t, sb_str(&s)))
			CELL(cli_num(&s, m->target));
			CELL(cli_num(&s, m->actual));
			CELL(cli_percent(&s, completion(m)));
			CELL(cli_percent(&s, m->rate));
#undef CELL
		}
		sb_free(&s);
		cli_table(c, t);
		table_free(t);
	}
	metric_list_free(&l);
	return MU_OK;
}

int cmd_metric(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct metric_list l = {0};
	int64_t event, id;
	double v;
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cmd_metric_import(c, argc - 1, argv + 1);
	if (argc < 2 || (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "add") != 0))
		return mu_fail(MU_USAGE, "metric needs set or add (usage: muster metric set NAME VALUE)");
	bool set = strcmp(argv[1], "set") == 0;
	c->usage = set ? "metric set NAME VALUE [--event E]" : "metric add NAME DELTA [--event E]";
	int rc = cli_getopt(c, argc - 1, argv + 1, "event=", 2, 2, &o);
	if (rc || (rc = cli_parse_real(set ? "metric value" : "metric delta", o.arg[1], &v)))
		return rc;
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)) ||
	    (rc = metric_find(b, event, o.arg[0], &id)))
		return rc;
	if ((rc = set ? metric_set(b, id, v) : metric_add(b, id, v)))
		return rc;
	if ((rc = metric_list(b, event, 0, &l)))
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct metric *m = &l.v[i];
		if (m->id != id)
			continue;
		if (c->g.json) {
			metric_json(&c->out, m);
			sb_addc(&c->out, '\n');
			break;
		}
		utf8_fit(&c->out, m->name, INT_MAX, false);
		sb_add(&c->out, ": ");
		cli_num(&c->out, m->actual);
		if (!isnan(m->target)) {
			sb_add(&c->out, " of ");
			cli_num(&c->out, m->target);
			if (!isnan(completion(m))) {
				sb_add(&c->out, " (");
				cli_percent(&c->out, completion(m));
				sb_addc(&c->out, ')');
			}
		}
		sb_addc(&c->out, '\n');
	}
	metric_list_free(&l);
	return MU_OK;
}
