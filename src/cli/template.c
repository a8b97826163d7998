/* `muster template save EVENT [-o FILE]`: an event as a reusable template
 * (plan_emit PLAN_TEMPLATE: dates relative to the start, statuses reset,
 * actuals dropped); `muster template list`: the templates in the search path
 * (muster/datadir.h), which `muster import --template NAME --start DATE`
 * plans the next event from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/datadir.h"
#include "muster/date.h"
#include "muster/event.h"
#include "muster/planio.h"
#include "muster/table.h"

void cli_templates(struct cli_template_list *l, struct strbuf *warnings)
{
	struct datadir_list names, paths;
	memset(l, 0, sizeof *l);
	datadir_names(DATA_TEMPLATES, &names, &paths);
	for (size_t i = 0; i < names.n; i++) {
		struct plan p;
		memset(&p, 0, sizeof p);
		if (plan_parse_file(paths.v[i], NULL, &p) != MU_OK) {
			if (warnings)
				sb_addf(warnings, "muster: warning: template %s left out: %s\n", names.v[i], mu_errmsg());
			continue;
		}
		xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
		struct cli_template *t = &l->v[l->n++];
		memset(t, 0, sizeof *t);
		t->name = xstrdup(names.v[i]);
		t->path = xstrdup(paths.v[i]);
		t->event = xstrdup(p.name ? p.name : "");
		t->kind = xstrdup(p.kind ? p.kind : "");
		t->tasks = p.ntasks;
		for (size_t k = 0; k < p.nchecklists; k++)
			t->items += p.checklists[k].nitems;
		int32_t s, e;
		if (date_parse_iso(p.start, &s) && date_parse_iso(p.end, &e) && e >= s)
			t->days = (int)(e - s + 1);
		plan_free(&p);
	}
	datadir_free(&names);
	datadir_free(&paths);
}

void cli_templates_free(struct cli_template_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
		free(l->v[i].event);
		free(l->v[i].kind);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int cli_template_path(const char *name, char **path)
{
	*path = NULL;
	if (!*name || name[0] == '.' || strchr(name, '/'))
		return mu_fail(MU_USAGE, "a template is a name from muster template list, not a path: %s"
					 " (import FILE takes a path)", name);
	struct strbuf looked = STRBUF_INIT;
	*path = datadir_find(DATA_TEMPLATES, name, &looked);
	if (*path) {
		sb_free(&looked);
		return MU_OK;
	}
	struct datadir_list names, paths;
	datadir_names(DATA_TEMPLATES, &names, &paths);
	struct strbuf avail = STRBUF_INIT;
	for (size_t i = 0; i < names.n; i++)
		sb_addf(&avail, "%s%s", i ? ", " : "", names.v[i]);
	int rc = names.n ? mu_fail(MU_DATA, "no template %s; available: %s", name, sb_str(&avail))
			 : mu_fail(MU_DATA, "no template %s: none installed (looked in %s)", name, sb_str(&looked));
	datadir_free(&names);
	datadir_free(&paths);
	sb_free(&avail);
	sb_free(&looked);
	return rc;
}

static int template_list(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	int rc = cli_getopt(c, argc, argv, "", 0, 0, &o);
	if (rc)
		return rc;
	struct cli_template_list l;
	struct strbuf warn = STRBUF_INIT;
	cli_templates(&l, &warn);
	fputs(sb_str(&warn), stderr);
	sb_free(&warn);
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			const struct cli_template *t = &l.v[i];
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_str(&c->out, &f, "name", t->name);
			json_str(&c->out, &f, "event", t->event);
			json_text(&c->out, &f, "kind", t->kind);
			if (t->days)
				json_int(&c->out, &f, "days", t->days);
			else
				json_str(&c->out, &f, "days", NULL);
			json_int(&c->out, &f, "tasks", (int64_t)t->tasks);
			json_int(&c->out, &f, "items", (int64_t)t->items);
			json_str(&c->out, &f, "path", t->path);
			json_close(&c->out);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"NAME", TABLE_LEFT, 0}, {"EVENT", TABLE_LEFT, TABLE_SHRINK},
			{"KIND", TABLE_LEFT, 0}, {"DAYS", TABLE_RIGHT, 0},
			{"TASKS", TABLE_RIGHT, 0}, {"ITEMS", TABLE_RIGHT, 0},
			{"FILE", TABLE_LEFT, TABLE_SHRINK}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			table_cell(t, l.v[i].name);
			table_cell(t, l.v[i].event);
			table_cell(t, l.v[i].kind);
			if (l.v[i].days)
				table_cellf(t, "%d", l.v[i].days);
			else
				table_cell(t, "");
			table_cellf(t, "%zu", l.v[i].tasks);
			table_cellf(t, "%zu", l.v[i].items);
			table_cell(t, l.v[i].path);
		}
		cli_table(c, t);
		table_free(t);
	} else {
		struct datadir_list dirs;
		datadir_dirs(DATA_TEMPLATES, &dirs);
		struct strbuf where = STRBUF_INIT;
		for (size_t i = 0; i < dirs.n; i++)
			sb_addf(&where, "%s%s", i ? ", " : "", dirs.v[i]);
		fprintf(stderr, "muster: no templates (looked in %s)\n", sb_str(&where));
		sb_free(&where);
		datadir_free(&dirs);
	}
	cli_templates_free(&l);
	return MU_OK;
}

static int template_save(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct plan p;
	int64_t id;
	int rc = cli_getopt(c, argc, argv, "o= output= event=", 0, 1, &o);
	if (rc)
		return rc;
	char *path;
	if ((rc = cli_output_opt(c, &o, &path)))
		return rc;
	rc = cli_event_arg(c, &o, &b, &id);
	memset(&p, 0, sizeof p);
	if (!rc)
		rc = plan_load(b, id, &p);
	if (rc) {
		free(path);
		return rc;
	}
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

int cmd_template(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "save") == 0)
		return template_save(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return template_list(c, argc - 1, argv + 1);
	return mu_fail(MU_USAGE, "template needs save or list (usage: muster template save EVENT -o FILE,"
				 " or muster template list)");
}
