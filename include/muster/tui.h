/* The full-screen board (SPEC §2).  Only src/tui/ includes <curses.h>. */
#ifndef MUSTER_TUI_H
#define MUSTER_TUI_H
#include <stdbool.h>
#include "muster/board.h"
#include "muster/config.h"

/* The first run: no board at the path yet.  tui_run(NULL, o) with
 * o->welcome shows a short welcome -- create an empty board, import one of
 * the templates from a start date, or quit -- and creates nothing until one
 * is chosen; create() makes the board (template -1: empty). */
struct tui_template {
	const char *name, *event; /* "mid-autumn-package-promo", its event's name */
	size_t tasks;
	int days;
};
struct tui_welcome {
	const char *path; /* where the board will be */
	const struct tui_template *templates;
	size_t ntemplates;
	char start[11]; /* the start date offered */
	/* MU_OK with *b, or a status with mu_errmsg() (shown, then choose again). */
	int (*create)(void *ctx, int template_index, const char *start, struct board **b);
	void *ctx;
};

struct tui_options {
	const struct config *config; /* theme, refresh, key bindings, mouse */
	const char *theme;           /* overrides config->theme when not NULL */
	const char *event;           /* event to open first (ID or name), NULL = most recent */
	bool no_color;               /* --no-color (NO_COLOR is checked too) */
	bool restricted;             /* kiosk mode: no shell escape, no editor */
	const struct tui_welcome *welcome; /* with a NULL board: the first run */
};

/* Whether the terminal ($TERM) can show the board: MU_OK, or MU_USAGE with
 * mu_errmsg() saying why (unset, unknown, no cursor addressing as "dumb"). */
int tui_check_terminal(void);
/* src/tui/ncguard.c: around ncurses' setup only (it does not check all its
 * allocations): a crash there ends muster with exit 70, terminal restored. */
void ncurses_guard(bool on);

/* Runs until the user quits; returns an exit status (0 ok; quitting the
 * welcome too, with no board made).  Restores the terminal on every exit
 * path. */
int tui_run(struct board *b, const struct tui_options *o);

#endif
