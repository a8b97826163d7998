/* LD_PRELOAD fault injector for the fault matrix (tests/cli/faults.sh), in
 * the spirit of SQLite's own malloc and I/O error tests: it fails the Nth
 * call of one kind -- a write (write, pwrite, pwrite64), a sync (fsync,
 * fdatasync) or an allocation (malloc, calloc, realloc) -- with an errno,
 * once or (persistent) for every call from the Nth on, and counts them.
 *   FAULT_OP=write|sync|malloc   what to count and fail
 *   FAULT_N=N                    the call to fail (1-based); 0: count only
 *   FAULT_ERRNO=EIO|ENOSPC|ENOMEM  (default EIO; ENOMEM for malloc)
 *   FAULT_PERSIST=1              fail every call from the Nth on
 *   FAULT_PATH=TEXT              writes and syncs only on files whose path
 *                                holds TEXT (the test's directory)
 *   FAULT_COUNT=FILE             the number of calls counted, at exit
 *   FAULT_SKIP=A,B               allocations made by code in a library whose
 *                                file name holds A or B are neither counted
 *                                nor failed (ncurses: it does not survive its
 *                                own failed allocations, and is not ours)
 * Built by the Makefile as $(BUILD)/fault/libfault.so. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

enum { OP_NONE, OP_WRITE, OP_SYNC, OP_MALLOC };

static int op = -1, err = EIO, persist;
static long target;
static long count;
static const char *path_part, *skip;
static char count_file[512];

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

/* dlsym may allocate before the real allocator is known: a small arena. */
static char boot[8192];
static size_t boot_used;
static int resolving;

static bool in_boot(const void *p) { return (const char *)p >= boot && (const char *)p < boot + sizeof boot; }

static void *boot_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (boot_used + n > sizeof boot)
		return NULL;
	void *p = boot + boot_used;
	boot_used += n;
	return p;
}

static void resolve(void)
{
	if (real_free || resolving)
		return;
	resolving = 1;
	real_write = dlsym(RTLD_NEXT, "write");
	real_pwrite = dlsym(RTLD_NEXT, "pwrite");
	real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
	real_fsync = dlsym(RTLD_NEXT, "fsync");
	real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	real_free = dlsym(RTLD_NEXT, "free");
	resolving = 0;
}

static void setup(void)
{
	if (op >= 0)
		return;
	op = OP_NONE; /* before getenv: nothing below counts itself */
	const char *o = getenv("FAULT_OP"), *n = getenv("FAULT_N"), *e = getenv("FAULT_ERRNO");
	const char *p = getenv("FAULT_PERSIST"), *c = getenv("FAULT_COUNT");
	int want = !o ? OP_NONE : !strcmp(o, "write") ? OP_WRITE : !strcmp(o, "sync") ? OP_SYNC
		 : !strcmp(o, "malloc") ? OP_MALLOC : OP_NONE;
	target = n ? atol(n) : 0;
	err = want == OP_MALLOC ? ENOMEM : EIO;
	if (e && !strcmp(e, "ENOSPC"))
		err = ENOSPC;
	else if (e && !strcmp(e, "ENOMEM"))
		err = ENOMEM;
	else if (e && !strcmp(e, "EIO"))
		err = EIO;
	persist = p && *p == '1';
	path_part = getenv("FAULT_PATH");
	skip = getenv("FAULT_SKIP");
	if (c)
		snprintf(count_file, sizeof count_file, "%s", c);
	op = want;
}

__attribute__((constructor)) static void fault_init(void)
{
	resolve();
	setup();
}

__attribute__((destructor)) static void fault_fini(void)
{
	if (!*count_file || !real_write)
		return;
	int fd = open(count_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%ld\n", count);
	real_write(fd, buf, (size_t)len);
	close(fd);
}

/* Inside a passwd or group lookup no allocation is counted or failed:
 * glibc 2.36's NSS dereferences NULL when an allocation of its first
 * lookup fails (nss_database_check_reload_and_get, nss_database.c:402), a
 * crash of the C library's own, not one muster can handle.  Like SQLite's
 * benign-malloc regions. */
static int benign;

/* Does this call of kind k fail? */
static bool hit(int k)
{
	if (op != k || benign)
		return false;
	count++;
	return target > 0 && (count == target || (persist && count > target));
}

/* Was this allocation made from a library FAULT_SKIP names? */
static bool skipped(const void *caller)
{
	Dl_info in;
	if (!skip || !*skip || !dladdr(caller, &in) || !in.dli_fname)
		return false;
	for (const char *s = skip; *s;) {
		size_t n = strcspn(s, ",");
		for (const char *f = in.dli_fname; n && *f; f++)
			if (!strncmp(f, s, n))
				return true;
		s += n + (s[n] == ',');
	}
	return false;
}

static bool watched(int fd)
{
	if (!path_part)
		return true;
	char link[64], where[1024];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, where, sizeof where - 1);
	if (n <= 0)
		return false;
	where[n] = '\0';
	return strstr(where, path_part) != NULL;
}

ssize_t write(int fd, const void *b, size_t n)
{
	resolve();
	if (op == OP_WRITE && watched(fd) && hit(OP_WRITE))
		return errno = err, -1;
	return real_write(fd, b, n);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t off)
{
	resolve();
	if (op == OP_WRITE && watched(fd) && hit(OP_WRITE))
		return errno = err, -1;
	return real_pwrite(fd, b, n, off);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off_t off)
{
	resolve();
	if (op == OP_WRITE && watched(fd) && hit(OP_WRITE))
		return errno = err, -1;
	return real_pwrite64(fd, b, n, off);
}

int fsync(int fd)
{
	resolve();
	if (op == OP_SYNC && watched(fd) && hit(OP_SYNC))
		return errno = err, -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	resolve();
	if (op == OP_SYNC && watched(fd) && hit(OP_SYNC))
		return errno = err, -1;
	return real_fdatasync(fd);
}

void *malloc(size_t n)
{
	if (!real_malloc) {
		resolve();
		if (!real_malloc)
			return boot_alloc(n);
	}
	if (op == OP_MALLOC && !skipped(__builtin_return_address(0)) && hit(OP_MALLOC))
		return errno = ENOMEM, NULL;
	return real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (!real_calloc) {
		resolve();
		if (!real_calloc) {
			void *p = n && size > SIZE_MAX / n ? NULL : boot_alloc(n * size);
			if (p)
				memset(p, 0, n * size);
			return p;
		}
	}
	if (op == OP_MALLOC && !skipped(__builtin_return_address(0)) && hit(OP_MALLOC))
		return errno = ENOMEM, NULL;
	return real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (!real_realloc)
		resolve();
	if (in_boot(p)) { /* out of the arena into the real heap */
		void *q = malloc(n);
		if (q && p)
			memcpy(q, p, n < (size_t)(boot + sizeof boot - (char *)p) ? n : (size_t)(boot + sizeof boot - (char *)p));
		return q;
	}
	if (op == OP_MALLOC && n && !skipped(__builtin_return_address(0)) && hit(OP_MALLOC))
		return errno = ENOMEM, NULL;
	return real_realloc(p, n);
}

void free(void *p)
{
	if (!p || in_boot(p))
		return;
	if (!real_free)
		resolve();
	real_free(p);
}

#define BENIGN(type, name, argtype)                                   \
	type name(argtype a)                                          \
	{                                                             \
		static type (*real)(argtype);                         \
		if (!real)                                            \
			real = (type(*)(argtype))dlsym(RTLD_NEXT, #name); \
		benign++;                                             \
		type r = real(a);                                     \
		benign--;                                             \
		return r;                                             \
	}
BENIGN(struct passwd *, getpwuid, uid_t)
BENIGN(struct passwd *, getpwnam, const char *)
BENIGN(struct group *, getgrgid, gid_t)
BENIGN(struct group *, getgrnam, const char *)
