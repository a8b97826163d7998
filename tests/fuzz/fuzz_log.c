/* libFuzzer target for the audit log's JSON reader (src/model/log.c, what
 * `muster log` and the log screen show for a row's old and new snapshots):
 * the first byte says which of old / new the row has (a change, a row
 * added, a row removed), the rest is old and new separated by a NUL.
 * Oracles: log_change_summary returns a string; valid UTF-8 in gives valid
 * UTF-8 out (\uXXXX escapes, surrogate pairs included, are decoded); the
 * summary is never longer than 4 bytes per input byte (+16); the same row
 * gives the same summary. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "muster/log.h"
#include "muster/utf8.h"

static void bad(const char *what, const char *old, const char *new_, const char *out)
{
	fprintf(stderr, "fuzz_log: %s\nold: %s\nnew: %s\nout: %s\n", what, old ? old : "(null)",
		new_ ? new_ : "(null)", out);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned which = data[0] % 3; /* 0 both, 1 only new (added), 2 only old (removed) */
	char *buf = malloc(size + 1);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	char *old = buf, *new_ = buf + strlen(buf);
	if (new_ < buf + size - 1)
		new_++;
	struct log_entry e;
	memset(&e, 0, sizeof e);
	e.old = which == 1 ? NULL : old;
	e.new_ = which == 2 ? NULL : new_;
	char *out = log_change_summary(&e);
	if (!out)
		bad("NULL summary", e.old, e.new_, "");
	size_t in = (e.old ? strlen(e.old) : 0) + (e.new_ ? strlen(e.new_) : 0);
	bool valid = (!e.old || utf8_valid(e.old, strlen(e.old), NULL)) &&
		     (!e.new_ || utf8_valid(e.new_, strlen(e.new_), NULL));
	if (valid && !utf8_valid(out, strlen(out), NULL))
		bad("valid UTF-8 in, invalid out", e.old, e.new_, out);
	if (strlen(out) > 4 * in + 16)
		bad("summary too long", e.old, e.new_, out);
	char *again = log_change_summary(&e);
	if (strcmp(out, again) != 0)
		bad("not the same summary twice", e.old, e.new_, out);
	free(again);
	free(out);
	free(buf);
	return 0;
}
