/* Key replay for benchmarks and smoke tests: with MUSTER_REPLAY=keys.txt the
 * board reads its keys from the file (one key a line, config syntax: "j",
 * "PgDn", "Space", "C-l"; "#" starts a comment) instead of the terminal, and
 * with MUSTER_TIMINGS=out.txt writes how long each key took to handle and
 * redraw (from ui_getkey returning it to the loop asking for the next one),
 * the time to the first full frame and the peak RSS.  After the last key it
 * sends Esc Esc q, so the board quits as usual. */
#include "muster/priv.h"
#include "tui.h"
#include "muster/safefile.h"
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
	char error[512]; /* the timings file could not be written */
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

int replay_parse(const char *name, const char *buf, size_t len, int **keys, size_t *nkeys)
{
	size_t cap = 0, lineno = 0;
	*keys = NULL;
	*nkeys = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(buf + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - buf) : len, n = end - at;
		lineno++;
		if (n && buf[at + n - 1] == '\r')
			n--;
		if (n && buf[at] != '#') {
			char *line = xstrndup(buf + at, n);
			/* a NUL inside the line is not a key either */
			int k = strlen(line) == n && n < 64 ? key_parse(line) : -1;
			if (k < 0) {
				mu_fail(MU_DATA, "%s:%zu: not a key: %.*s", name, lineno, (int)(n < 64 ? n : 64), line);
				free(line);
				free(*keys);
				*keys = NULL;
				*nkeys = 0;
				return MU_DATA;
			}
			free(line);
			xgrow((void **)keys, &cap, *nkeys + 1, sizeof **keys);
			(*keys)[(*nkeys)++] = k;
		}
		at = end + 1;
	}
	return MU_OK;
}

#define REPLAY_MAX_BYTES (16u << 20)

static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die("MUSTER_REPLAY: cannot read %s", path);
	struct strbuf b = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sb_addn(&b, chunk, n);
		if (b.len > REPLAY_MAX_BYTES)
			die("MUSTER_REPLAY: %s is larger than %u bytes", path, REPLAY_MAX_BYTES);
	}
	bool err = ferror(f);
	fclose(f);
	if (err)
		die("MUSTER_REPLAY: cannot read %s", path);
	int rc = replay_parse(path, sb_str(&b), b.len, &R.keys, &R.nkeys);
	sb_free(&b);
	if (rc != MU_OK)
		die("MUSTER_REPLAY: %s", mu_errmsg());
	R.cap = R.nkeys;
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

/* The timings file is written like every other file (src/util/safefile.c):
 * a planted symlink or an existing file is replaced, never written through. */
static void write_timings(void)
{
	const char *path = mu_env("MUSTER_TIMINGS");
	R.written = true;
	if (!path || !*path)
		return;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double sum = 0, *sorted = xmalloc((R.nus + 1) * sizeof *sorted);
	for (size_t i = 0; i < R.nus; i++)
		sum += sorted[i] = R.us[i];
	qsort(sorted, R.nus, sizeof *sorted, cmp_double);
	size_t p99 = R.nus ? (R.nus * 99 + 99) / 100 - 1 : 0;
	struct strbuf b = STRBUF_INIT;
	sb_addf(&b, "# first_frame_us %.0f\n", R.first_frame_us);
	sb_addf(&b, "# keys %zu\n", R.nus);
	sb_addf(&b, "# mean_us %.1f\n", R.nus ? sum / (double)R.nus : 0.0);
	sb_addf(&b, "# p99_us %.1f\n", R.nus ? sorted[p99] : 0.0);
	sb_addf(&b, "# max_us %.1f\n", R.nus ? sorted[R.nus - 1] : 0.0);
	sb_addf(&b, "# maxrss_kb %ld\n", ru.ru_maxrss);
	for (size_t i = 0; i < R.nus; i++) {
		char name[32];
		sb_addf(&b, "%.1f %s\n", R.us[i], key_label(R.keys[i], name, sizeof name));
	}
	free(sorted);
	if (safefile_write_all(path, sb_str(&b), b.len) != MU_OK)
		snprintf(R.error, sizeof R.error, "MUSTER_TIMINGS: %s", mu_errmsg());
	sb_free(&b);
}

const char *replay_error(void) { return R.error[0] ? R.error : NULL; }

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
