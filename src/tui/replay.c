/* Key replay for benchmarks and smoke tests: with MUSTER_REPLAY=keys.txt the
 * board reads its keys from the file (one key a line, config syntax: "j",
 * "PgDn", "Space", "C-l"; "#" starts a comment) instead of the terminal, and
 * with MUSTER_TIMINGS=out.txt writes how long each key took to handle and
 * redraw (from ui_getkey returning it to the loop asking for the next one),
 * the time to the first full frame and the peak RSS.  After the last key it
 * sends Esc Esc q, so the board quits as usual. */
#include "muster/priv.h"
#include "tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static struct {
	int state; /* 0 = not looked yet, 1 = off, 2 = on */
	int *keys;
	size_t nkeys, next, cap;
	double *us; /* one per key handled */
	size_t nus, capus;
	double first_frame_us, last;
	int tail; /* keys sent after the script */
	bool written;
} R;

static double mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Process start, as near as a program can tell without help from outside. */
static double start_us;
__attribute__((constructor)) static void replay_start(void) { start_us = mono_us(); }

static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("MUSTER_REPLAY: cannot read %s", path);
	char line[256];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		int k = key_parse(line);
		if (k < 0)
			die("MUSTER_REPLAY: %s:%d: not a key: %s", path, lineno, line);
		xgrow((void **)&R.keys, &R.cap, R.nkeys + 1, sizeof *R.keys);
		R.keys[R.nkeys++] = k;
	}
	fclose(f);
}

bool replay_active(void)
{
	if (R.state == 0) {
		const char *p = mu_env("MUSTER_REPLAY");
		R.state = p && *p ? 2 : 1;
		if (R.state == 2)
			load(p);
	}
	return R.state == 2;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void write_timings(void)
{
	const char *path = mu_env("MUSTER_TIMINGS");
	R.written = true;
	if (!path || !*path)
		return;
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double sum = 0, *sorted = xmalloc((R.nus + 1) * sizeof *sorted);
	for (size_t i = 0; i < R.nus; i++)
		sum += sorted[i] = R.us[i];
	qsort(sorted, R.nus, sizeof *sorted, cmp_double);
	size_t p99 = R.nus ? (R.nus * 99 + 99) / 100 - 1 : 0;
	fprintf(f, "# first_frame_us %.0f\n", R.first_frame_us);
	fprintf(f, "# keys %zu\n", R.nus);
	fprintf(f, "# mean_us %.1f\n", R.nus ? sum / (double)R.nus : 0.0);
	fprintf(f, "# p99_us %.1f\n", R.nus ? sorted[p99] : 0.0);
	fprintf(f, "# max_us %.1f\n", R.nus ? sorted[R.nus - 1] : 0.0);
	fprintf(f, "# maxrss_kb %ld\n", ru.ru_maxrss);
	for (size_t i = 0; i < R.nus; i++) {
		char name[32];
		fprintf(f, "%.1f %s\n", R.us[i], key_label(R.keys[i], name, sizeof name));
	}
	free(sorted);
	fclose(f);
}

int replay_key(void)
{
	double now = mono_us();
	if (R.last == 0) {
		R.first_frame_us = now - start_us; /* the first frame is on the screen */
	} else if (R.next <= R.nkeys && R.nus < R.next) {
		xgrow((void **)&R.us, &R.capus, R.nus + 1, sizeof *R.us);
		R.us[R.nus++] = now - R.last;
	}
	if (R.next < R.nkeys) {
		R.last = mono_us();
		return R.keys[R.next++];
	}
	if (!R.written) {
		write_timings();
		free(R.keys);
		free(R.us);
		R.keys = NULL;
		R.us = NULL;
		R.next = R.nkeys = 0;
	}
	R.last = mono_us();
	/* Leave any dialog, then quit. */
	return R.tail++ < 2 ? 27 : 'q';
}
