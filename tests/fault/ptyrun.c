/* ptyrun STATUS CMD [ARGS...]: runs CMD on a new 80x24 pty of its own (its
 * controlling terminal: stdin and stdout; stderr stays), drains what it
 * draws, and writes to the file STATUS "EXIT SAME" -- CMD's exit status
 * (128 + signal when killed) and whether the terminal's settings after it
 * equal those before it (1) or not (0).  For the board under the fault
 * matrix: did it restore the terminal on every way out? */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		return perror("pty"), 2;
	const char *name = ptsname(m);
	int s = open(name, O_RDWR | O_NOCTTY);
	struct winsize ws = {24, 80, 0, 0};
	ioctl(s, TIOCSWINSZ, &ws);
	struct termios before, after;
	tcgetattr(s, &before);
	pid_t pid = fork();
	if (pid == 0) {
		setsid();
		int t = open(name, O_RDWR); /* the controlling terminal now */
		if (t < 0)
			_exit(126);
		dup2(t, 0);
		dup2(t, 1);
		close(t);
		close(s);
		close(m);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	char buf[4096];
	int st = 0;
	for (;;) {
		struct pollfd p = {m, POLLIN, 0};
		if (poll(&p, 1, 5) > 0 && (p.revents & POLLIN) && read(m, buf, sizeof buf) <= 0)
			break;
		if (waitpid(pid, &st, WNOHANG) == pid)
			goto done;
	}
	waitpid(pid, &st, 0);
done:
	tcgetattr(s, &after);
	int same = before.c_iflag == after.c_iflag && before.c_oflag == after.c_oflag &&
		   before.c_lflag == after.c_lflag && before.c_cflag == after.c_cflag &&
		   !memcmp(before.c_cc, after.c_cc, sizeof before.c_cc);
	FILE *f = fopen(argv[1], "w");
	if (f) {
		fprintf(f, "%d %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), same);
		fclose(f);
	}
	return 0;
}
