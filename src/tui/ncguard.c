/* Setting up ncurses without memory: libtinfo (6.4) dereferences the NULL
 * of a failed allocation inside setupterm/newterm (strlen in _nc_setupterm:
 * the fault matrix found it), or exits by itself with "Out of memory".
 * Around those calls only, a SIGSEGV ends muster the documented way: the
 * terminal's settings back, one line, exit 70, nothing of the board begun. */
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "tui.h"

static struct sigaction before;
static struct termios tty;
static bool have_tty;

static void crashed(int sig)
{
	static const char msg[] = "muster: out of memory (the terminal library failed while setting up)\n";
	if (have_tty)
		tcsetattr(STDOUT_FILENO, TCSANOW, &tty);
	ssize_t n = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)n;
	(void)sig;
	_exit(70);
}

void ncurses_guard(bool on)
{
	if (on) {
		have_tty = tcgetattr(STDOUT_FILENO, &tty) == 0;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = crashed;
		sigaction(SIGSEGV, &sa, &before);
	} else {
		sigaction(SIGSEGV, &before, NULL);
	}
}
