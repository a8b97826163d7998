/* muster's entry point: global options, then a command (src/cli/) or, with
 * no command, the full-screen board (src/tui/) when stdin and stdout are
 * terminals. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "muster/cli.h"
#include "muster/config.h"
#include "muster/priv.h"
#include "muster/tui.h"

#ifndef MUSTER_VERSION
#define MUSTER_VERSION "0.0.0"
#endif

static int open_tui(struct cli *c)
{
	struct board *b = NULL;
	struct cli_welcome w;
	bool first = cli_welcome_prepare(c, &w); /* no board yet: the welcome */
	/* The board opens (and a setgid muster gives up its group for good)
	 * before terminfo is read: ncurses reads ~/.terminfo, the user's. */
	int rc = first ? (priv_drop(), MU_OK) : cli_board(c, BOARD_CREATE, &b);
	if (rc == MU_OK && (rc = tui_check_terminal()) != MU_OK) {
		fprintf(stderr, "muster: %s\n", mu_errmsg());
		if (first)
			cli_welcome_free(&w);
		return rc;
	}
	if (rc == MU_OK) {
		struct tui_options o = {
			.config = &c->config,
			.theme = c->g.theme,
			.event = c->g.event,
			.no_color = c->g.no_color,
			.restricted = c->g.restricted,
			.welcome = first ? &w.tui : NULL,
		};
		rc = tui_run(b, &o);
	} else {
		fprintf(stderr, "muster: %s\n", mu_errmsg());
	}
	if (first)
		cli_welcome_free(&w);
	return rc;
}

/* A closed stdin, stdout or stderr (`muster tick x >&-`) gets /dev/null,
 * opened read-only: no file muster opens can land on fd 1 and receive its
 * output, and writing there still fails as it would have. */
static void hold_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1) {
			int n = open("/dev/null", O_RDONLY);
			if (n >= 0 && n != fd) {
				dup2(n, fd);
				close(n);
			}
		}
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	int rc;

	hold_std_fds();
	/* Installed setgid (guarded boards): the group is dropped here and
	 * raised only to open the board (src/util/priv.c). */
	priv_init();
	rc = cli_parse_globals(&argc, argv, &c.g);
	if (rc != MU_OK) {
		fprintf(stderr, "muster: %s\n", mu_errmsg());
		return rc;
	}
	if (c.g.version) {
		printf("muster %s\n", MUSTER_VERSION);
		return MU_OK;
	}
	if (argc < 2 && c.g.help) {
		struct strbuf b = STRBUF_INIT;
		cli_usage(&b);
		fputs(sb_str(&b), stdout);
		sb_free(&b);
		return MU_OK;
	}
	/* Before cli_setup, which may clear a restricted session's environment:
	 * the message reads SSH_CONNECTION to tell an ssh user to add -t. */
	if (argc < 2 && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fputs(cli_no_terminal_message(), stderr);
		return MU_USAGE;
	}
	if ((rc = cli_setup(&c)) != MU_OK) {
		fprintf(stderr, "muster: %s\n", mu_errmsg());
		cli_free(&c);
		return rc;
	}
	/* Only for the board (ncursesw); the CLI itself never depends on it.
	 * After cli_setup: a restricted session's environment is checked. */
	setlocale(LC_CTYPE, "");
	c.db_path = cli_db_path(&c.g);
	if (!c.db_path) {
		fprintf(stderr, "muster: cannot tell where the board is: the current directory cannot be read (%s);"
				" give --db an absolute path\n", strerror(errno));
		cli_free(&c);
		return MU_USAGE;
	}
	if (argc < 2)
		rc = open_tui(&c);
	else
		rc = cli_run(&c, argc, argv);
	cli_free(&c);
	return rc;
}
