/* Before the board opens: can this terminal show it?  Left to itself,
 * initscr() prints "Error opening terminal: X." and exits on the spot
 * (skipping our cleanup), and a terminal that cannot move the cursor
 * (TERM=dumb) gets a garbled board.  Here, with terminfo only: one clear
 * line and MU_USAGE instead (like "not a terminal").  Its own file because
 * <term.h> defines hundreds of short macros (lines, columns, bell...). */
#include <curses.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <term.h>
#include <unistd.h>
#include "muster/err.h"
#include "muster/tui.h"

static bool has_str(const char *cap)
{
	const char *s = tigetstr(cap);
	return s && s != (const char *)-1 && *s;
}

int tui_check_terminal(void)
{
	static const char hint[] = "set TERM (e.g. TERM=xterm-256color) or use a command (see muster --help)";
	const char *term = getenv("TERM");
	if (!term || !*term)
		return mu_fail(MU_USAGE, "TERM is not set, so the board cannot draw; %s", hint);
	int err = 0, ok_term = ERR;
	/* ncurses says "unknown terminal" also when it ran out of memory: a
	 * failure is believed only when memory is there and a second try
	 * fails the same way. */
	for (int attempt = 0; attempt < 2 && ok_term != OK; attempt++) {
		errno = 0;
		ncurses_guard(true); /* see src/tui/ncguard.c */
		ok_term = setupterm(term, STDOUT_FILENO, &err);
		ncurses_guard(false);
		if (ok_term == OK)
			break;
		void *probe = malloc(1 << 16);
		bool memory = probe != NULL && errno != ENOMEM;
		free(probe);
		if (!memory)
			die("out of memory (reading the terminal's description)");
	}
	if (ok_term != OK) {
		if (err == 1)
			return mu_fail(MU_USAGE, "terminal '%s' is a hardcopy terminal; %s", term, hint);
		if (err == -1)
			return mu_fail(MU_USAGE, "no terminfo database for terminal '%s'; %s", term, hint);
		return mu_fail(MU_USAGE, "unknown terminal type '%s'; %s", term, hint);
	}
	ncurses_guard(true); /* a half-made entry after a failed allocation */
	bool ok = has_str("cup") && has_str("clear");
	del_curterm(cur_term);
	ncurses_guard(false);
	if (!ok)
		return mu_fail(MU_USAGE, "terminal '%s' cannot move the cursor, so it cannot show the board; %s",
			       term, hint);
	return MU_OK;
}
