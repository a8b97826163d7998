/* libFuzzer target for replay files (MUSTER_REPLAY, src/tui/replay.c):
 * arbitrary bytes through replay_parse.  Oracles: 0 with one key per line
 * that is neither blank nor a "#" comment, each the key key_parse gives
 * that line (a CR before the newline dropped); or 2 with no keys and
 * "NAME:LINE: not a key: " naming the first bad line, the message holding
 * no control character (the line's text is quoted in it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tui.h"

static void bad(const char *what)
{
	fprintf(stderr, "fuzz_replay: %s (%s)\n", what, mu_errmsg());
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	int *keys = (int *)1;
	size_t n = 99;
	mu_errclear();
	int rc = replay_parse("fuzz.txt", buf, size, &keys, &n);
	/* the same lines, split again here */
	size_t want = 0, line = 0, badline = 0;
	int *expect = malloc((size + 1) * sizeof *expect);
	for (size_t at = 0; at < size && !badline;) {
		const char *nl = memchr(buf + at, '\n', size - at);
		size_t end = nl ? (size_t)(nl - buf) : size, len = end - at;
		line++;
		if (len && buf[at + len - 1] == '\r')
			len--;
		if (len && buf[at] != '#') {
			char tmp[64];
			int k = -1;
			if (len < sizeof tmp && !memchr(buf + at, '\0', len)) {
				memcpy(tmp, buf + at, len);
				tmp[len] = '\0';
				k = key_parse(tmp);
			}
			if (k < 0)
				badline = line;
			else
				expect[want++] = k;
		}
		at = end + 1;
	}
	if (badline) {
		char head[64];
		snprintf(head, sizeof head, "fuzz.txt:%zu: not a key: ", badline);
		if (rc != MU_DATA || keys != NULL || n != 0)
			bad("a bad line accepted, or keys left after a refusal");
		if (strncmp(mu_errmsg(), head, strlen(head)) != 0)
			bad("the message does not name the first bad line");
		if (utf8_find_unsafe(mu_errmsg(), strlen(mu_errmsg()), false, NULL, NULL))
			bad("a control character in the message");
	} else {
		if (rc != MU_OK || n != want)
			bad("a good file refused, or a key count that differs");
		for (size_t i = 0; i < n; i++)
			if (keys[i] != expect[i])
				bad("a key that differs from key_parse of its line");
		free(keys);
	}
	free(expect);
	return 0;
}
