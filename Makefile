# muster — build, run, test.  `make` builds ./muster; see README.md.
# Sources are found by wildcard: add a file under src/ or tests/ and it builds.

CC       ?= cc
PKGS     := ncursesw sqlite3 yaml-0.1
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null)) -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN     := -Wall -Wextra -Wpedantic -Werror -Wshadow -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L \
             -Iinclude $(WARN) $(PKG_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS   := $(PKG_LIBS) -lm

BUILD    ?= build
BIN      ?= muster
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

# Where `make install` puts things (GNU names; DESTDIR stages a package).
# The binary has $(pkgdatadir) compiled in to find its themes and templates.
PREFIX      ?= /usr/local
exec_prefix ?= $(PREFIX)
bindir      ?= $(exec_prefix)/bin
datarootdir ?= $(PREFIX)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
bashcompdir ?= $(datarootdir)/bash-completion/completions
pkgdatadir  := $(datadir)/muster
THEMES      := $(wildcard themes/*.yaml)
TEMPLATES   := $(wildcard sample-data/*.yaml)

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all units units-clang doc run test check bench clean deps demo fuzz fuzz-smoke fuzz-bins install uninstall FORCE

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LDLIBS) $(EXTRA_LDFLAGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DMUSTER_VERSION='"$(VERSION)"' -MMD -MP -c $< -o $@

# The data directory as a C string, rewritten only when PREFIX (datadir)
# changes, so that changing it rebuilds src/datadir.c and nothing else.
$(BUILD)/gen/datadir_path.h: FORCE
	@mkdir -p $(dir $@)
	@printf '#define MUSTER_DATADIR "%s"\n' "$$(printf '%s' '$(subst ','\'',$(pkgdatadir))' | sed 's/[\\"]/\\&/g')" >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/src/datadir.o: $(BUILD)/gen/datadir_path.h
$(BUILD)/src/datadir.o: ALL_CFLAGS += -I$(BUILD)/gen
FORCE:

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka $(EXTRA_LDFLAGS)

units: $(UNIT_BIN)

# The unit tests built by clang as well (its own warnings, all errors) in
# build-clang/, then run; CI does this beside the gcc build of make test.
units-clang: deps
	@$(MAKE) --no-print-directory CC=clang BUILD=build-clang units
	@BUILD=build-clang TESTS='build-clang/tests/test_*' sh tests/run.sh

# The fault injector of the fault matrix (tests/cli/faults.sh): an LD_PRELOAD
# shim, never built with the sanitizers (it sits in front of their runtime).
$(BUILD)/fault/libfault.so: tests/fault/libfault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer -fPIC -shared -o $@ $< -ldl

# The man page's key list comes from the board's action table.
$(BUILD)/mankeys: tools/mankeys.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) -Isrc/tui -o $@ $< $(LIB_OBJ) $(LDLIBS) $(EXTRA_LDFLAGS)

doc: $(BUILD)/mankeys
	@$(BUILD)/mankeys > $(BUILD)/keys.roff
	@awk -v keys=$(BUILD)/keys.roff '/KEYS END/ { while ((getline l < keys) > 0) print l; skip = 0 } \
	  !skip { print } /KEYS BEGIN/ { skip = 1 }' doc/muster.1 > $(BUILD)/muster.1 && mv $(BUILD)/muster.1 doc/muster.1

deps:
	@sh tools/deps.sh

# The demo board lives in build/, never in the user's own data directory;
# it is rebuilt when the program or a sample plan changes, and on a new day
# (its dates are relative to today: the event is running, never past).
$(BUILD)/demo.day: FORCE
	@mkdir -p $(dir $@)
	@d=$${MUSTER_TODAY:-$$(date +%F)}; [ "$$(cat $@ 2>/dev/null)" = "$$d" ] || echo "$$d" >$@
$(BUILD)/demo.db: muster tools/demo.sh $(wildcard sample-data/*.yaml) $(BUILD)/demo.day
	@sh tools/demo.sh $@

demo: $(BUILD)/demo.db

# The demo opens as alice, its coordinator: Space ticks at once.
run: deps
	@$(MAKE) --no-print-directory muster $(BUILD)/demo.db
	./muster --db $(BUILD)/demo.db --as alice

test: deps
	@$(MAKE) --no-print-directory muster units $(BUILD)/mankeys $(BUILD)/fault/libfault.so
	@sh tests/run.sh

# Everything again under AddressSanitizer + UndefinedBehaviorSanitizer.
check: deps
	@$(MAKE) --no-print-directory BUILD=build-san \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" BIN=build-san/muster build-san/muster units build-san/mankeys \
	  build-san/fault/libfault.so
	@MUSTER_SAN=1 BUILD=build-san MUSTER=build-san/muster sh tests/run.sh
	@$(MAKE) --no-print-directory fuzz-smoke

# libFuzzer targets (tests/fuzz/*.c) against the library compiled by clang
# with the same sanitizers (no main, TUI or CLI) in build/fuzz/; a target
# that fuzzes part of the CLI or the TUI names those objects in
# FUZZ_OBJ_<target> below.  `make fuzz`
# runs each target (or those in FUZZ_TARGETS) FUZZ_SECONDS (default 60),
# FUZZ_JOBS (2) at a time; `make check` runs each for 30 s
# when clang and its libFuzzer runtime are installed, else says it skipped.
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 2
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out src/main.c src/tui/% src/cli/%,$(SRC)))
FUZZ_BIN     := $(patsubst tests/fuzz/%.c,$(BUILD)/bin/%,$(wildcard tests/fuzz/*.c))
FUZZ_OBJ_fuzz_args   := $(patsubst %.c,$(BUILD)/%.o,$(wildcard src/cli/*.c))
FUZZ_OBJ_fuzz_keys   := $(BUILD)/src/tui/keymap.o
FUZZ_OBJ_fuzz_replay := $(BUILD)/src/tui/replay.o $(BUILD)/src/tui/keymap.o

.SECONDEXPANSION:
$(BUILD)/bin/%: tests/fuzz/%.c $(FUZZ_LIB_OBJ) $$(FUZZ_OBJ_$$*)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc/tui -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_OBJ_$*) $(LDLIBS)

fuzz-bins: $(FUZZ_BIN)

fuzz: deps
	@sh tests/fuzz/run.sh --have-clang || exit 1
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS="$(FUZZ_CFLAGS)" fuzz-bins
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_TARGETS="$(FUZZ_TARGETS)" BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh

fuzz-smoke:
	@if sh tests/fuzz/run.sh --have-clang; then \
	  $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30; \
	else echo "fuzz: skipped: clang not installed (apt-get install clang libclang-rt-14-dev)"; fi

# Benchmark (issue 6, tests/bench/): an -O2 build in build-bench/, boards of
# 1k, 10k and 100k tasks, a table of medians; BENCH_SIZES, BENCH_RUNS... in
# tests/bench/bench.sh.  Not part of make test (tests/cli/bench_smoke.sh is).
bench: deps
	@$(MAKE) --no-print-directory BUILD=build-bench CFLAGS="-O2 -g" BIN=build-bench/muster build-bench/muster
	@sh tests/bench/bench.sh build-bench/muster

# `make install` (as root, or sudo make install), PREFIX=/usr/local by
# default; DESTDIR=/tmp/stage puts the same tree under /tmp/stage$(PREFIX).
# GUARD_GROUP=G (guarded boards): the binary becomes setgid G (2755); the
# group is created (groupadd --system) when missing, except under DESTDIR
# (a staged package: chgrp only if G exists, else a warning).
install: $(BIN)
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(bashcompdir) \
	  $(DESTDIR)$(pkgdatadir)/themes $(DESTDIR)$(pkgdatadir)/templates
	install -m 755 $(BIN) $(DESTDIR)$(bindir)/muster
	install -m 644 doc/muster.1 $(DESTDIR)$(man1dir)/muster.1
	install -m 644 $(THEMES) $(DESTDIR)$(pkgdatadir)/themes
	install -m 644 $(TEMPLATES) $(DESTDIR)$(pkgdatadir)/templates
	install -m 644 tools/completion.bash $(DESTDIR)$(bashcompdir)/muster
	@if [ -n "$(GUARD_GROUP)" ]; then \
	  g='$(GUARD_GROUP)' bin='$(DESTDIR)$(bindir)/muster'; \
	  if [ -z "$(DESTDIR)" ] && ! getent group "$$g" >/dev/null; then \
	    echo "groupadd --system $$g"; groupadd --system "$$g" || exit 1; fi; \
	  if getent group "$$g" >/dev/null; then \
	    echo "chgrp $$g $$bin && chmod 2755 $$bin"; chgrp "$$g" "$$bin" && chmod 2755 "$$bin" || exit 1; \
	  else echo "muster: warning: no group $$g here: $$bin is not setgid; on the target: groupadd --system $$g && chgrp $$g $(bindir)/muster && chmod 2755 $(bindir)/muster" >&2; fi; \
	fi

uninstall:
	rm -f $(DESTDIR)$(bindir)/muster $(DESTDIR)$(man1dir)/muster.1 $(DESTDIR)$(bashcompdir)/muster
	rm -f $(THEMES:themes/%=$(DESTDIR)$(pkgdatadir)/themes/%) $(TEMPLATES:sample-data/%=$(DESTDIR)$(pkgdatadir)/templates/%)
	-rmdir $(DESTDIR)$(pkgdatadir)/themes $(DESTDIR)$(pkgdatadir)/templates $(DESTDIR)$(pkgdatadir) 2>/dev/null

clean:
	rm -rf build build-san build-bench build-clang muster

-include $(OBJ:.o=.d)
