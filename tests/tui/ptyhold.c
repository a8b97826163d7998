/* ptyhold CTL CMD [ARGS...]: runs CMD with its stdin on a new pty that is
 * nobody's controlling terminal (stdout and stderr stay as they are), then,
 * once the file CTL exists, closes the pty's master: CMD's reads fail (EIO,
 * POLLHUP) and no SIGHUP comes -- a terminal hung up without the signal.
 * Exits with CMD's status (128 + signal when killed). */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m))
		return perror("pty"), 2;
	int s = open(ptsname(m), O_RDWR | O_NOCTTY);
	if (s < 0)
		return perror("pts"), 2;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(s, 0);
		close(s);
		close(m);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	close(s);
	int st;
	struct timespec t = {0, 20000000};
	while (access(argv[1], F_OK) != 0) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			goto done;
		nanosleep(&t, NULL);
	}
	close(m); /* the hang-up */
	waitpid(pid, &st, 0);
done:
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
