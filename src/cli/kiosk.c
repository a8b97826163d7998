/* `muster kiosk [list]`, `kiosk add ACCOUNT`, `kiosk rm ACCOUNT`: the Unix
 * accounts that may act as another login on a shared or guarded board
 * (the model checks that only root or the board file's owner changes it). */
#include <limits.h>
#include <string.h>
#include "muster/cli.h"
#include "muster/identity.h"
#include "muster/table.h"
#include "muster/utf8.h"

static int list(struct cli *c, struct board *b)
{
	struct kiosk_list l;
	char owner[64];
	int rc = kiosk_list(b, &l);
	if (rc)
		return rc;
	if (c->g.json) {
		for (size_t i = 0; i < l.n; i++) {
			bool f;
			json_array_item(&c->out, i);
			json_open(&c->out, &f);
			json_str(&c->out, &f, "account", l.v[i].account);
			json_str(&c->out, &f, "added_by", l.v[i].added_by);
			json_str(&c->out, &f, "added_at", l.v[i].added_at);
			json_close(&c->out);
		}
		json_array_end(&c->out, l.n);
	} else {
		if (l.n) {
			static const struct cli_col cols[] = {
				{"ACCOUNT", TABLE_LEFT, 0}, {"ADDED BY", TABLE_LEFT, 0},
				{"ADDED", TABLE_LEFT, 0}
			};
			struct table *t = cli_table_new(cols, sizeof cols / sizeof *cols);
			for (size_t i = 0; i < l.n; i++) {
				table_cell(t, l.v[i].account);
				table_cell(t, l.v[i].added_by);
				table_cell(t, l.v[i].added_at);
			}
			cli_table(c, t);
			table_free(t);
		}
		board_owner_name(b, owner);
		sb_addf(&c->out, "%s board, owner %s; you: %s\n", board_mode_name(board_mode(b)), owner,
			board_account(b));
	}
	kiosk_list_free(&l);
	return MU_OK;
}

int cmd_kiosk(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct board *b;
	const char *verb = argc > 1 ? argv[1] : "list";
	bool add = !strcmp(verb, "add"), rm = !strcmp(verb, "rm");
	if (!add && !rm && strcmp(verb, "list") != 0)
		return mu_fail(MU_USAGE, "unknown kiosk command '%s' (list, add or rm)", verb);
	c->usage = add ? "kiosk add ACCOUNT" : rm ? "kiosk rm ACCOUNT" : "kiosk [list]";
	int rc = cli_getopt(c, argc > 1 ? argc - 1 : argc, argc > 1 ? argv + 1 : argv, "", add || rm, add || rm, &o);
	if (rc || (rc = cli_board(c, 0, &b)))
		return rc;
	if (!add && !rm)
		return list(c, b);
	if (c->g.restricted)
		return mu_fail(MU_DENIED, "a restricted session may not change the kiosk list");
	rc = add ? kiosk_add(b, o.arg[0]) : kiosk_remove(b, o.arg[0]);
	if (rc)
		return rc;
	utf8_fit(&c->out, o.arg[0], INT_MAX, false);
	sb_addf(&c->out, add ? " may act as others on %s\n" : " no longer acts as others on %s\n", board_path(b));
	return MU_OK;
}
