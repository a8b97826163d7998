/* libFuzzer target for the config loader (src/config.c): arbitrary bytes
 * written to a memfd and read through config_load("/proc/self/fd/N"), the
 * way a user's config.yaml is read (config.h stays unchanged).  A config that
 * loads must be in range; a refused one must leave the defaults. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "muster/config.h"
#include "muster/err.h"

static int fd = -1;
static char path[64];

static void bad(const char *what)
{
	fprintf(stderr, "fuzz_config: %s (%s)\n", what, mu_errmsg());
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fd = memfd_create("fuzz-config", MFD_CLOEXEC);
	if (fd < 0) {
		perror("memfd_create");
		exit(1);
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	size_t off = 0;
	if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
		bad("ftruncate");
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			bad("write");
		off += (size_t)w;
	}
	mu_errclear();
	if (config_load(path, &c)) {
		if (strncmp(mu_errmsg(), path, strlen(path)) != 0)
			bad("error message does not name the file");
		if (c.theme || c.db || c.export_dir || c.binds || c.nbinds || c.path ||
		    c.refresh_ms != 500 || !c.mouse || c.restricted)
			bad("a refused config is not the defaults");
		config_free(&c);
		return 0;
	}
	if (c.refresh_ms < 100 || c.refresh_ms > 10000)
		bad("refresh out of range");
	if (!c.path || strcmp(c.path, path) != 0)
		bad("path not recorded");
	for (size_t i = 0; i < c.nbinds; i++) {
		if (!c.binds[i].key || !c.binds[i].action)
			bad("binding without key or action");
		if (c.binds[i].line < 1 || c.binds[i].col < 1)
			bad("binding without a position");
	}
	config_free(&c);
	return 0;
}
