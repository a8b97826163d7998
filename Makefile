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

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all units doc run test check bench clean deps demo fuzz fuzz-smoke fuzz-bins

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LDLIBS) $(EXTRA_LDFLAGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DMUSTER_VERSION='"$(VERSION)"' -MMD -MP -c $< -o $@

$(BUILD)/tests/%: tests/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka $(EXTRA_LDFLAGS)

units: $(UNIT_BIN)

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
# it is rebuilt when the program or a sample plan changes.
$(BUILD)/demo.db: muster tools/demo.sh $(wildcard sample-data/*.yaml)
	@sh tools/demo.sh $@

demo: $(BUILD)/demo.db

run: deps
	@$(MAKE) --no-print-directory muster $(BUILD)/demo.db
	./muster --db $(BUILD)/demo.db

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
# with the same sanitizers (no main, TUI or CLI) in build/fuzz/.  `make fuzz`
# runs each target (or those in FUZZ_TARGETS) FUZZ_SECONDS (default 60),
# FUZZ_JOBS (2) at a time; `make check` runs each for 30 s
# when clang and its libFuzzer runtime are installed, else says it skipped.
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 2
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(filter-out src/main.c src/tui/% src/cli/%,$(SRC)))
FUZZ_BIN     := $(patsubst tests/fuzz/%.c,$(BUILD)/bin/%,$(wildcard tests/fuzz/*.c))

$(BUILD)/bin/%: tests/fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB_OBJ) $(LDLIBS)

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

clean:
	rm -rf build build-san build-bench muster

-include $(OBJ:.o=.d)
