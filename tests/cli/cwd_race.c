/* The current-directory race against a guarded board (tests/cli/trust.sh):
 * run `muster --db RELPATH kiosk add ACCOUNT` from DIR/p1/D, and while it
 * runs rename DIR/p1 away, so that a relative path checked later than it
 * was opened names nothing (or another file).  Tries delays from 0 to 12 ms;
 * exit 0 as soon as one run succeeds (the attack worked), 1 if none did. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: cwd_race MUSTER DIR RELPATH ACCOUNT\n");
		return 2;
	}
	char p1[4096], moved[4096], d[4096];
	snprintf(p1, sizeof p1, "%s/p1", argv[2]);
	snprintf(moved, sizeof moved, "%s/away/p1", argv[2]);
	snprintf(d, sizeof d, "%s/p1/D", argv[2]);
	for (int round = 0; round < 3; round++)
		for (long us = 0; us <= 12000; us += 250) {
			pid_t k = fork();
			if (k == 0) {
				if (chdir(d) != 0)
					_exit(98);
				freopen("/dev/null", "w", stdout);
				freopen("/dev/null", "w", stderr);
				execl(argv[1], "muster", "--db", argv[3], "kiosk", "add", argv[4], (char *)NULL);
				_exit(99);
			}
			struct timespec ts = {0, us * 1000L};
			nanosleep(&ts, NULL);
			int moved_ok = rename(p1, moved) == 0;
			int st;
			waitpid(k, &st, 0);
			if (moved_ok)
				rename(moved, p1);
			if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
				printf("won at %ld us\n", us);
				return 0;
			}
		}
	return 1;
}
