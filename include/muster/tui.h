/* The full-screen board (SPEC §2).  Only src/tui/ includes <curses.h>. */
#ifndef MUSTER_TUI_H
#define MUSTER_TUI_H
#include <stdbool.h>
#include "muster/board.h"
#include "muster/config.h"

struct tui_options {
	const struct config *config; /* theme, refresh, key bindings, mouse */
	const char *theme;           /* overrides config->theme when not NULL */
	const char *event;           /* event to open first (ID or name), NULL = most recent */
	bool no_color;               /* --no-color (NO_COLOR is checked too) */
	bool restricted;             /* kiosk mode: no shell escape, no editor */
};

/* Whether the terminal ($TERM) can show the board: MU_OK, or MU_USAGE with
 * mu_errmsg() saying why (unset, unknown, no cursor addressing as "dumb"). */
int tui_check_terminal(void);
/* src/tui/ncguard.c: around ncurses' setup only (it does not check all its
 * allocations): a crash there ends muster with exit 70, terminal restored. */
void ncurses_guard(bool on);

/* Runs until the user quits; returns an exit status (0 ok).  Restores the
 * terminal on every exit path. */
int tui_run(struct board *b, const struct tui_options *o);

#endif
