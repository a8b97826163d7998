/* People commands: `people` lists the people of an event with their access
 * and roles; `people add|set|rm LOGIN` change them (coordinators only, the
 * model checks).  LOGIN "*" stands for everyone not listed. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/event.h"
#include "muster/people.h"
#include "muster/table.h"
#include "muster/utf8.h"

static void person_json(struct strbuf *b, const struct person *p)
{
	bool f;
	json_open(b, &f);
	json_str(b, &f, "login", p->login);
	json_text(b, &f, "name", p->name);
	json_str(b, &f, "access", p->access);
	json_key(b, &f, "roles");
	sb_addc(b, '[');
	const char *r = p->roles;
	for (bool first = true; r && *r; first = false) {
		size_t n = strcspn(r, ",");
		char *k = xstrndup(r, n);
		if (!first)
			sb_addc(b, ',');
		sb_json_str(b, k);
		free(k);
		r += n + (r[n] == ',');
	}
	sb_addc(b, ']');
	json_close(b);
}

static int list_people(struct cli *c, int argc, char **argv)
{
	struct board *b;
	struct person_list l = {0};
	int64_t event;
	int rc = cli_board_event(c, argc, argv, &b, &event);
	if (rc || (rc = person_list(b, event, &l)))
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			json_array_item(&c->out, i);
			person_json(&c->out, &l.v[i]);
		}
		json_array_end(&c->out, l.n);
	} else {
		enum access_level lv;
		enum access_source from;
		static const char *const why[] = {"listed", "the * row", "an event with no people",
						  "the board's default_access", "not listed"};
		if (l.n) {
			static const struct cli_col cols[] = {
				{"LOGIN", TABLE_LEFT, 0}, {"ACCESS", TABLE_LEFT, 0},
				{"ROLES", TABLE_LEFT, 0}, {"NAME", TABLE_LEFT, TABLE_SHRINK}
			};
			struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
			for (size_t i = 0; i < l.n; i++) {
				table_cell(t, l.v[i].login);
				table_cell(t, l.v[i].access);
				table_cell(t, l.v[i].roles);
				table_cell(t, l.v[i].name);
			}
			cli_table(c, t);
			table_free(t);
		}
		if ((rc = access_get(b, event, &lv, &from)) == MU_OK) {
			sb_add(&c->out, "you: ");
			utf8_fit(&c->out, board_actor(b), INT_MAX, false);
			sb_addf(&c->out, " (%s: %s)\n", access_name(lv), why[from]);
		}
	}
	person_list_free(&l);
	return rc;
}

static int change_person(struct cli *c, int argc, char **argv, int verb)
{
	struct cli_opts o;
	struct board *b;
	struct person_fields f = PERSON_FIELDS_INIT;
	int64_t event;
	bool self = false;
	int rc = cli_getopt(c, argc, argv, verb == 2 ? "event=" : "event= name= roles= access=", 1, 1, &o);
	if (rc)
		return rc;
	const char *login = o.arg[0];
	f.name = cli_opt(&o, "name");
	f.roles = cli_opt(&o, "roles");
	f.access = cli_opt(&o, "access");
	if (verb == 1 && !f.name && !f.roles && !f.access)
		return mu_fail(MU_USAGE, "nothing to change (usage: muster people set LOGIN [--name N] [--roles R1,R2] [--access A])");
	if ((rc = cli_board(c, 0, &b)) || (rc = cli_event(c, &o, &event)))
		return rc;
	rc = verb == 0 ? person_add(b, event, login, &f, &self)
	     : verb == 1 ? person_set(b, event, login, &f)
			 : person_remove(b, event, login);
	if (rc)
		return rc;
	if (self) {
		sb_add(&c->out, "added ");
		utf8_fit(&c->out, board_actor(b), INT_MAX, false);
		sb_add(&c->out, " as coordinator first (the event had no people)\n");
	}
	struct person_list l = {0};
	if (verb == 2 || (rc = person_list(b, event, &l))) {
		sb_add(&c->out, "removed ");
		utf8_fit(&c->out, login, INT_MAX, false);
		sb_addf(&c->out, " from event %lld\n", (long long)event);
		return rc;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct person *p = &l.v[i];
		if (strcmp(p->login, login) != 0)
			continue;
		if (c->g.json) {
			person_json(&c->out, p);
			sb_addc(&c->out, '\n');
		} else {
			utf8_fit(&c->out, p->login, INT_MAX, false);
			sb_addf(&c->out, ": %s", p->access);
			if (*p->roles) {
				sb_add(&c->out, ", roles ");
				utf8_fit(&c->out, p->roles, INT_MAX, false);
			}
			sb_addf(&c->out, " (event %lld)\n", (long long)event);
		}
	}
	person_list_free(&l);
	return MU_OK;
}

int cmd_people(struct cli *c, int argc, char **argv)
{
	static const char *const verbs[] = {"add", "set", "rm"};
	static const char *const usages[] = {
		"people add LOGIN [--name N] [--roles R1,R2] [--access A] [--event E]",
		"people set LOGIN [--name N] [--roles R1,R2] [--access A] [--event E]",
		"people rm LOGIN [--event E]",
	};
	if (argc < 2 || argv[1][0] == '-' || !strcmp(argv[1], "list"))
		return list_people(c, argc > 1 && !strcmp(argv[1], "list") ? argc - 1 : argc,
				   argc > 1 && !strcmp(argv[1], "list") ? argv + 1 : argv);
	for (int i = 0; i < 3; i++) {
		if (!strcmp(argv[1], verbs[i])) {
			c->usage = usages[i];
			return change_person(c, argc - 1, argv + 1, i);
		}
	}
	return mu_fail(MU_USAGE, "unknown people subcommand '%s' (add, set, rm)", argv[1]);
}
