/* Board and event commands: init, import FILE, export EVENT, events. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/date.h"
#include "muster/event.h"
#include "muster/people.h"
#include "muster/planio.h"
#include "muster/report.h"
#include "muster/table.h"
#include "muster/task.h"
#include "muster/utf8.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	int rc = cli_getopt(c, argc, argv, "shared= guarded default-access= label=", 0, 0, &o);
	if (rc)
		return rc;
	if (c->g.restricted)
		return mu_fail(MU_DENIED, "a restricted session may not create boards");
	if (cli_opt(&o, "shared") && cli_opt(&o, "guarded"))
		return mu_fail(MU_USAGE, "a board is --shared or --guarded, not both");
	if (cli_opt(&o, "shared") && (rc = cli_shared_init(c, cli_opt(&o, "shared"))))
		return rc;
	if (cli_opt(&o, "guarded") && (rc = cli_guarded_init(c)))
		return rc;
	rc = cli_board(c, BOARD_CREATE, &b);
	if (rc)
		return rc;
	bool existed = !board_created(b);
	if (cli_opt(&o, "default-access") && (rc = board_setting_set(b, "default_access", cli_opt(&o, "default-access"))))
		return rc;
	if (cli_opt(&o, "label") && (rc = board_setting_set(b, "label", cli_opt(&o, "label"))))
		return rc;
	if (c->g.json) {
		bool f;
		json_open(&c->out, &f);
		json_str(&c->out, &f, "path", c->db_path);
		json_bool(&c->out, &f, "created", !existed);
		json_int(&c->out, &f, "schema", board_schema_version());
		json_close(&c->out);
		sb_addc(&c->out, '\n');
	} else {
		sb_addf(&c->out, "%s board %s\n", existed ? "existing" : "created", c->db_path);
	}
	return MU_OK;
}

/* The actor as a coordinator among the plan's people. */
static void plan_add_coordinator(struct plan *p, const char *login)
{
	size_t i = 0;
	while (i < p->npeople && strcmp(p->people[i].login, login) != 0)
		i++;
	if (i == p->npeople) {
		p->people = xrealloc(p->people, (p->npeople + 1) * sizeof *p->people);
		memset(&p->people[i], 0, sizeof p->people[i]);
		p->people[i].login = pool_strdup(&p->pool, login);
		p->npeople++;
	}
	p->people[i].access = pool_strdup(&p->pool, "coordinator");
}

int cli_import_plan(struct cli *c, const char *path, const char *start, unsigned flags, int64_t *id,
		    struct strbuf *out)
{
	struct board *b;
	struct plan p;
	/* Parse first: a bad file never touches (or creates) the board. */
	memset(&p, 0, sizeof p);
	int rc = plan_parse_file(path, start, &p);
	if (rc)
		return rc;
	if (!(flags & CLI_IMPORT_QUIET))
		fputs(sb_str(&p.warnings), stderr); /* "FILE:L:C: warning: ..." lines */
	rc = cli_board(c, BOARD_CREATE, &b);
	if (rc == MU_OK && (flags & CLI_IMPORT_MINE))
		plan_add_coordinator(&p, board_actor(b));
	if (rc == MU_OK)
		rc = plan_import(b, &p, id);
	if (rc == MU_OK && out) {
		size_t items = 0;
		for (size_t i = 0; i < p.nchecklists; i++)
			items += p.checklists[i].nitems;
		if (c->g.json) {
			bool f;
			json_open(out, &f);
			json_int(out, &f, "id", *id);
			json_str(out, &f, "name", p.name);
			json_int(out, &f, "tasks", (int64_t)p.ntasks);
			json_int(out, &f, "items", (int64_t)items);
			json_close(out);
			sb_addc(out, '\n');
		} else {
			struct strbuf name = STRBUF_INIT;
			utf8_fit(&name, p.name, INT_MAX, false);
			sb_addf(out, "imported event %lld: %s (%zu task%s, %zu item%s)\n", (long long)*id,
				sb_str(&name), p.ntasks, p.ntasks == 1 ? "" : "s", items, items == 1 ? "" : "s");
			sb_free(&name);
		}
	}
	plan_free(&p);
	return rc;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	int32_t day;
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "start= template=", 0, 1, &o);
	if (rc)
		return rc;
	const char *start = cli_opt(&o, "start"), *tpl = cli_opt(&o, "template");
	if (c->g.restricted)
		return mu_fail(MU_DENIED, "a restricted session may not import files");
	if (o.nargs && tpl)
		return mu_fail(MU_USAGE, "import takes FILE.yaml or --template NAME, not both");
	if (!o.nargs && !tpl)
		return mu_fail(MU_USAGE, "missing argument (usage: muster %s)", c->cmd->usage);
	if (start && !date_parse_iso(start, &day))
		return mu_fail(MU_USAGE, "start date must look like 2026-09-01: %s", start);
	if (tpl && !start)
		return mu_fail(MU_USAGE, "--template needs --start DATE, the new event's first day");
	char *path = NULL;
	if (tpl && (rc = cli_template_path(tpl, &path)))
		return rc;
	rc = cli_import_plan(c, path ? path : o.arg[0], start, 0, &id, &c->out);
	free(path);
	return rc;
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "format= o= output= event=", 0, 1, &o);
	if (rc)
		return rc;
	const char *fmt = cli_opt(&o, "format");
	if (!fmt)
		fmt = "yaml";
	bool report = strcmp(fmt, "md") == 0 || strcmp(fmt, "csv") == 0 || strcmp(fmt, "ics") == 0;
	if (!report && strcmp(fmt, "yaml") != 0)
		return mu_fail(MU_USAGE, "unknown format %s (yaml, md, csv or ics)", fmt);
	char *path;
	if ((rc = cli_output_opt(c, &o, &path)))
		return rc;
	free(path);
	if ((rc = cli_event_arg(c, &o, &b, &id)))
		return rc;
	struct strbuf y = STRBUF_INIT;
	if (report) { /* src/report/ */
		if ((rc = report_export(b, id, fmt, &y))) {
			sb_free(&y);
			return rc;
		}
	} else {
		struct plan p;
		memset(&p, 0, sizeof p);
		rc = plan_load(b, id, &p);
		if (rc)
			return rc;
		plan_emit(&p, PLAN_EXPORT, &y);
		plan_free(&p);
	}
	if ((rc = cli_output_opt(c, &o, &path)) == MU_OK && path) {
		rc = cli_write_file(path, sb_str(&y), y.len);
		free(path);
	} else
		sb_addn(&c->out, sb_str(&y), y.len);
	sb_free(&y);
	return rc;
}

int cmd_events(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct event_list l = {0};
	size_t limit;
	int rc = cli_getopt(c, argc, argv, "limit=", 0, 0, &o);
	if (rc == MU_OK)
		rc = cli_limit(&o, &limit);
	if (rc == MU_OK)
		rc = cli_board(c, 0, &b);
	if (rc == MU_OK)
		rc = event_list(b, &l);
	if (rc)
		return rc;
	size_t n = limit && limit < l.n ? limit : l.n;
	if (c->g.json) {
		for (size_t i = 0; i < n; i++) {
			const struct event *e = &l.v[i];
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_int(&c->out, &f, "id", e->id);
			json_str(&c->out, &f, "name", e->name);
			json_text(&c->out, &f, "kind", e->kind);
			json_text(&c->out, &f, "objective", e->objective);
			json_text(&c->out, &f, "start", e->start);
			json_text(&c->out, &f, "end", e->end);
			json_real(&c->out, &f, "budget", e->budget);
			json_text(&c->out, &f, "currency", e->currency);
			json_real(&c->out, &f, "unit_price", e->unit_price);
			json_real(&c->out, &f, "ctr", e->ctr);
			json_real(&c->out, &f, "cpm", e->cpm);
			json_text(&c->out, &f, "created_at", e->created_at);
			json_close(&c->out);
		}
		json_array_end(&c->out, n);
	} else if (!l.n) {
		/* stdout stays empty for scripts; people learn what to do next */
		fputs("muster: no events on this board yet; add one with 'muster import FILE.yaml'"
		      " or 'muster import --template NAME --start DATE' (see 'muster template list')\n",
		      stderr);
	} else if (n) {
		static const struct cli_col cols[] = {
			{"ID", TABLE_RIGHT, 0}, {"NAME", TABLE_LEFT, TABLE_SHRINK},
			{"KIND", TABLE_LEFT, 0}, {"START", TABLE_LEFT, 0}, {"END", TABLE_LEFT, 0},
			{"TASKS", TABLE_RIGHT, 0}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < n && rc == MU_OK; i++) {
			const struct event *e = &l.v[i];
			struct task_query q = TASK_QUERY_INIT;
			int64_t total = 0, done = 0;
			q.event_id = e->id;
			rc = task_count(b, &q, &total, &done);
			table_cellf(t, "%lld", (long long)e->id);
			table_cell(t, e->name);
			table_cell(t, e->kind);
			table_cell(t, e->start);
			table_cell(t, e->end);
			table_cellf(t, "%lld/%lld", (long long)done, (long long)total);
		}
		if (rc == MU_OK)
			cli_table(c, t);
		table_free(t);
	}
	event_list_free(&l);
	return rc;
}
