/* The terminal of the board: curses started and put back (also at an exit
 * from inside ncurses, and by die()), the signals that end the board, and
 * ui_getkey, the one place keys are read.  The few file-scope variables
 * here are process-wide on purpose: a signal handler, atexit and die()
 * reach them without an app. */
#include "tui.h"
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

/* The signal that ends the board: set by on_signal (or ui_getkey for a
 * terminal gone), read by the loop. */
static volatile sig_atomic_t got_signal;
static bool curses_on;
/* The terminal's settings before curses: put back at any exit, even one
 * from inside ncurses (it exits by itself when it runs out of memory while
 * reading the terminal's description). */
static struct termios tty_saved;
static bool tty_saved_ok;

static void restore_tty_at_exit(void)
{
	if (tty_saved_ok)
		tcsetattr(STDOUT_FILENO, TCSANOW, &tty_saved);
}

void term_restore(void)
{
	if (curses_on) {
		curses_on = false;
		endwin();
	}
}

static void on_signal(int sig) { got_signal = sig; }

bool app_signalled(void) { return got_signal != 0; }

int term_signal(void) { return got_signal; }

/* get_wch gave ERR after `elapsed` of the `ms` it could wait: a timeout,
 * or a terminal that is gone.  A hung-up terminal does not always bring
 * SIGHUP (stdin a tty nobody controls, a broken SSH pty): every read fails
 * at once, and taking that for a timeout spun the loop at 50% CPU for
 * ever.  Gone: the poll says hang-up or error, or twenty reads in a row
 * failed long before their time.  A read a signal cut short (EINTR: a
 * SIGWINCH that came after ui_getkey had looked, or stty's second ioctl
 * of "cols W rows H") says nothing about the terminal: counted, twenty of
 * them in a form (which waits without a timeout) ended the board with
 * exit 129.  Any key read starts the count again.  The board then ends as
 * on SIGHUP. */
static int early_reads;

static bool input_lost(int ms, long long elapsed, int err)
{
	if ((ms >= 0 && elapsed >= ms - 1) || got_signal || err == EINTR) {
		early_reads = 0;
		return false;
	}
	struct pollfd pf = {.fd = STDIN_FILENO, .events = POLLIN};
	if (poll(&pf, 1, 0) == 1 && (pf.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	return ++early_reads >= 20;
}

/* One key: a code point or KEYCODE_FN + KEY_*; -1 on timeout.  Escape
 * sequences the terminfo entry does not know (a TERM that does not match
 * the terminal) are swallowed whole instead of arriving as "[", "4", "~". */
int ui_getkey(int ms)
{
	if (replay_active()) /* MUSTER_REPLAY: keys from a file (src/tui/replay.c) */
		return replay_key();
	wint_t ch;
	if (winsize_resized()) /* SIGWINCH: src/tui/winsize.c */
		return KEYCODE_FN + KEY_RESIZE;
	timeout(ms);
	long long t0 = clock_ms();
	errno = 0;
	int r = get_wch(&ch);
	if (r == ERR) {
		int err = errno;
		if (winsize_resized())
			return KEYCODE_FN + KEY_RESIZE;
		if (input_lost(ms, clock_ms() - t0, err))
			got_signal = SIGHUP;
		return -1;
	}
	early_reads = 0;
	if (r == KEY_CODE_YES)
		return KEYCODE_FN + (int)ch;
	if (ch != 27)
		return (int)ch;
	timeout(0);
	r = get_wch(&ch);
	if (r == ERR)
		return 27;
	if (r == OK && (ch == '[' || ch == 'O')) {
		int n = 0;
		while (get_wch(&ch) == OK && n++ < 16)
			if (ch >= 0x40 && ch <= 0x7e)
				break;
		return KEYCODE_FN + KEY_MAX; /* an unknown key */
	}
	return 27; /* Alt-x: treat as Escape, drop x */
}

bool term_start(struct app *a, const struct theme *th)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: get_wch returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setlocale(LC_ALL, "");
	winsize_init(); /* the size ncurses sees is capped */
	if (!tty_saved_ok && tcgetattr(STDOUT_FILENO, &tty_saved) == 0) {
		tty_saved_ok = true;
		atexit(restore_tty_at_exit);
	}
	/* newterm, not initscr: on a terminal it cannot use it returns NULL
	 * instead of exiting (tui_check_terminal has normally said so first). */
	/* The terminal was checked: a failure here is memory (ncurses does not
	 * always say so), unless a second try fails with memory to spare. */
	SCREEN *scr = NULL;
	for (int attempt = 0; attempt < 2 && !scr; attempt++) {
		errno = 0;
		ncurses_guard(true);
		scr = newterm(NULL, stdout, stdin);
		ncurses_guard(false);
		void *probe = scr ? NULL : malloc(1 << 16);
		bool memory = probe != NULL && errno != ENOMEM;
		free(probe);
		if (!scr && !memory)
			die("out of memory (starting the screen)");
	}
	if (!scr) {
		fprintf(stderr, "muster: cannot open the terminal (TERM=%s)\n", getenv("TERM") ? getenv("TERM") : "");
		return false;
	}
	curses_on = true;
	die_set_cleanup(term_restore);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	/* Home/End as many terminals send them, whatever TERM says. */
	static const struct {
		const char *seq;
		int key;
	} extra[] = {{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME},
		     {"\033[8~", KEY_END}, {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
		     {"\033OH", KEY_HOME}, {"\033OF", KEY_END}, {"\033[3~", KEY_DC},
		     {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE}, {"\033[Z", KEY_BTAB}};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		if (key_defined(extra[i].seq) <= 0)
			define_key(extra[i].seq, extra[i].key);
	curs_set(0);
	const char *nc = getenv("NO_COLOR");
	a->mono = a->o->no_color || (nc && *nc) || !has_colors();
	colour_init(th, a->mono);
	bkgdset(' ' | ui_attr(UI_NORMAL));
	if (!a->o->config || a->o->config->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	return true;
}
