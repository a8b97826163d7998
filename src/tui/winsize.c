/* The window size, capped (issue 11): the client of an SSH session picks
 * the tty's size, and ncurses sizes three full-screen windows of 28-byte
 * cells from it (65535×65535 overflows its shorts and crashes doupdate;
 * 4000×4000 took 1.3 GB).  So ncurses never reads the size itself: before
 * newterm the clamped size goes into LINES/COLUMNS (which ncurses prefers
 * to the tty, and which also override any the environment brought), our
 * SIGWINCH handler replaces ncurses' own, and each resize reads the tty
 * (TIOCGWINSZ), clamps it and calls resize_term with that.  Past the cap
 * the board draws as if the terminal were WINSIZE_MAX_W × WINSIZE_MAX_H. */
#include "tui.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile sig_atomic_t winch_seen;
static int real_w, real_h; /* the tty's size at the last look (0: unknown) */

static void on_winch(int sig)
{
	(void)sig;
	winch_seen = 1;
}

static int clamp(int v, int max) { return v < 1 ? 1 : v > max ? max : v; }

/* A positive number from the environment, or 0. */
static int env_num(const char *name)
{
	const char *s = getenv(name);
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	return s && *s && !*end && v > 0 && v <= 1000000 ? (int)v : 0;
}

/* The tty's size; else the environment's; 0 when neither knows. */
static void tty_size(int *h, int *w)
{
	struct winsize ws;
	*h = *w = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
		*h = ws.ws_row;
		*w = ws.ws_col;
		return;
	}
	*h = env_num("LINES");
	*w = env_num("COLUMNS");
}

void winsize_init(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch; /* no SA_RESTART: get_wch returns at once */
	sigaction(SIGWINCH, &sa, NULL); /* before newterm: ncurses keeps ours */
	tty_size(&real_h, &real_w);
	if (real_h > 0 && real_w > 0) {
		char v[16];
		snprintf(v, sizeof v, "%d", clamp(real_h, WINSIZE_MAX_H));
		setenv("LINES", v, 1);
		snprintf(v, sizeof v, "%d", clamp(real_w, WINSIZE_MAX_W));
		setenv("COLUMNS", v, 1);
	} else { /* terminfo's size, never one from the environment */
		unsetenv("LINES");
		unsetenv("COLUMNS");
	}
}

bool winsize_resized(void)
{
	if (!winch_seen)
		return false;
	winch_seen = 0;
	int h, w;
	tty_size(&h, &w);
	if (h <= 0 || w <= 0)
		return true; /* unknown: keep the size, redraw */
	real_h = h;
	real_w = w;
	resize_term(clamp(h, WINSIZE_MAX_H), clamp(w, WINSIZE_MAX_W));
	clearok(curscr, TRUE); /* what the terminal shows now is unknown */
	return true;
}

bool winsize_capped(int *h, int *w)
{
	*h = real_h;
	*w = real_w;
	return real_h > WINSIZE_MAX_H || real_w > WINSIZE_MAX_W;
}
