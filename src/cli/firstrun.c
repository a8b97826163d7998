/* The first run and the terminal checks before the board opens: with no
 * board at the path, the welcome screen's templates and its create()
 * (an empty board, or a template imported from a start date); the "not a
 * terminal" line, which over ssh without a terminal says to add -t. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "muster/cli.h"
#include "muster/date.h"

const char *cli_no_terminal_message(void)
{
	const char *conn = getenv("SSH_CONNECTION"), *tty = getenv("SSH_TTY");
	if (conn && *conn && !(tty && *tty))
		return "muster: not a terminal: this ssh session has none; connect with ssh -t"
		       " (ssh -t user@host) to open the board, or give a command (see muster --help)\n";
	return "muster: not a terminal; use a command (see muster --help)\n";
}

static int create(void *ctx, int index, const char *start, struct board **b)
{
	struct cli_welcome *w = ctx;
	struct cli *c = w->cli;
	int64_t id;
	int rc;
	if (index < 0)
		rc = cli_board(c, BOARD_CREATE, b);
	else if ((size_t)index < w->list.n)
		rc = cli_import_plan(c, w->list.v[index].path, start, CLI_IMPORT_QUIET | CLI_IMPORT_MINE, &id, NULL);
	else
		rc = mu_fail(MU_USAGE, "no such choice");
	if (rc == MU_OK)
		rc = cli_board(c, 0, b);
	return rc;
}

bool cli_welcome_prepare(struct cli *c, struct cli_welcome *w)
{
	struct stat st;
	memset(w, 0, sizeof *w);
	if (c->g.restricted || stat(c->db_path, &st) == 0 || errno != ENOENT)
		return false;
	w->cli = c;
	cli_templates(&w->list, NULL);
	w->tpl = xcalloc(w->list.n ? w->list.n : 1, sizeof *w->tpl);
	for (size_t i = 0; i < w->list.n; i++) {
		w->tpl[i].name = w->list.v[i].name;
		w->tpl[i].event = w->list.v[i].event;
		w->tpl[i].tasks = w->list.v[i].tasks;
		w->tpl[i].days = w->list.v[i].days;
	}
	w->tui.path = c->db_path;
	w->tui.templates = w->tpl;
	w->tui.ntemplates = w->list.n;
	date_format(date_today() + 14, w->tui.start);
	w->tui.create = create;
	w->tui.ctx = w;
	return true;
}

void cli_welcome_free(struct cli_welcome *w)
{
	cli_templates_free(&w->list);
	free(w->tpl);
	memset(w, 0, sizeof *w);
}
