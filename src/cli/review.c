/* `muster review`: the four-step review from the command line.  Without a
 * subcommand (or with `list`) it lists the notes; `add STAGE`, `edit ID`
 * and `rm ID` record per stage the cause of a variance, the factor type and
 * the lesson for the SOP.  Step 1 (targets vs actuals) is `muster metrics`
 * and the report (`export --format md`). */
#include <limits.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/review.h"
#include "muster/table.h"
#include "muster/utf8.h"

static void review_json(struct strbuf *b, const struct review *r)
{
	bool f;
	json_open(b, &f);
	json_int(b, &f, "id", r->id);
	json_int(b, &f, "event_id", r->event_id);
	json_text(b, &f, "stage", r->stage);
	json_text(b, &f, "factor", review_factor_name(r->factor));
	json_text(b, &f, "cause", r->cause);
	json_text(b, &f, "lesson", r->lesson);
	json_str(b, &f, "updated_at", r->updated_at);
	json_close(b);
}

static int list(struct cli *c, int argc, char **argv)
{
	struct board *b;
	struct review_list l = {0};
	int64_t event;
	int rc = cli_board_event(c, argc, argv, &b, &event);
	if (rc || (rc = review_list(b, event, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			json_array_item(&c->out, i);
			review_json(&c->out, &l.v[i]);
		}
		json_array_end(&c->out, l.n);
	} else if (l.n) {
		static const struct cli_col cols[] = {
			{"ID", TABLE_RIGHT, 0}, {"STAGE", TABLE_LEFT, 0}, {"FACTOR", TABLE_LEFT, 0},
			{"CAUSE", TABLE_LEFT, TABLE_SHRINK}, {"LESSON", TABLE_LEFT, TABLE_SHRINK}
		};
		struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
		for (size_t i = 0; i < l.n; i++) {
			const struct review *r = &l.v[i];
			table_cellf(t, "%lld", (long long)r->id);
			table_cell(t, *r->stage ? r->stage : "(event)");
			table_cell(t, *review_factor_name(r->factor) ? review_factor_name(r->factor) : "-");
			table_cell(t, *r->cause ? r->cause : "-");
			table_cell(t, *r->lesson ? r->lesson : "-");
		}
		cli_table(c, t);
		table_free(t);
	}
	review_list_free(&l);
	return MU_OK;
}

static int fields(const struct cli_opts *o, struct review_fields *f)
{
	const char *v;
	f->cause = cli_opt(o, "cause");
	f->lesson = cli_opt(o, "lesson");
	f->stage = cli_opt(o, "stage");
	if ((v = cli_opt(o, "factor"))) {
		enum review_factor rf;
		int rc = review_factor_parse(v, &rf);
		if (rc)
			return rc;
		f->factor = (int)rf;
	}
	return MU_OK;
}

static int print_one(struct cli *c, int64_t id)
{
	struct review r;
	struct pool pool = {0};
	int rc = review_get(c->board, id, &r, &pool);
	if (rc == MU_OK) {
		if (c->g.json) {
			review_json(&c->out, &r);
			sb_addc(&c->out, '\n');
		} else {
			sb_addf(&c->out, "review note %lld: ", (long long)r.id);
			utf8_fit(&c->out, *r.stage ? r.stage : "(event)", INT_MAX, false);
			if (r.factor)
				sb_addf(&c->out, " (%s)", review_factor_name(r.factor));
			sb_addc(&c->out, '\n');
		}
	}
	pool_free(&pool);
	return rc;
}

int cmd_review(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	struct review_fields f = REVIEW_FIELDS_INIT;
	int64_t event, id;
	int rc;
	const char *sub = argc >= 2 ? argv[1] : "list";
	if (argc < 2 || (argv[1][0] == '-' && argv[1][1]))
		return list(c, argc, argv);
	if (!strcmp(sub, "list")) {
		c->usage = "review list [--event E]";
		return list(c, argc - 1, argv + 1);
	}
	if (!strcmp(sub, "add")) {
		c->usage = "review add STAGE [--cause TEXT] [--factor F] [--lesson TEXT] [--event E]";
		if ((rc = cli_getopt(c, argc - 1, argv + 1, "cause= factor= lesson= event=", 1, 1, &o)) ||
		    (rc = fields(&o, &f)))
			return rc;
		f.stage = strcmp(o.arg[0], "-") ? o.arg[0] : "";
		if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)) ||
		    (rc = review_add(b, event, &f, &id)))
			return rc;
		return print_one(c, id);
	}
	if (!strcmp(sub, "edit")) {
		c->usage = "review edit ID [--stage S] [--cause TEXT] [--factor F] [--lesson TEXT]";
		if ((rc = cli_getopt(c, argc - 1, argv + 1, "stage= cause= factor= lesson=", 1, 1, &o)) ||
		    (rc = cli_parse_id("review note id", o.arg[0], &id)) || (rc = fields(&o, &f)))
			return rc;
		if (f.stage && !strcmp(f.stage, "-"))
			f.stage = "";
		if ((rc = cli_board(c, 0, &b)) || (rc = review_edit(b, id, &f)))
			return rc;
		return print_one(c, id);
	}
	if (!strcmp(sub, "rm")) {
		c->usage = "review rm ID";
		if ((rc = cli_getopt(c, argc - 1, argv + 1, "", 1, 1, &o)) ||
		    (rc = cli_parse_id("review note id", o.arg[0], &id)) || (rc = cli_board(c, 0, &b)) ||
		    (rc = review_remove(b, id)))
			return rc;
		if (!c->g.json)
			sb_addf(&c->out, "removed review note %lld\n", (long long)id);
		return MU_OK;
	}
	return mu_fail(MU_USAGE, "unknown review command '%s' (list, add, edit or rm)", sub);
}
