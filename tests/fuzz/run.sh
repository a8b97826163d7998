#!/bin/sh
# Runs each libFuzzer target (tests/fuzz/NAME.c built as $BUILD/bin/NAME; or
# only those named in $FUZZ_TARGETS) for $FUZZ_SECONDS, $FUZZ_JOBS at a time,
# with the seeds in tests/fuzz/corpus/NAME, the dictionary tests/fuzz/NAME.dict
# and a growing corpus in $BUILD/corpus/NAME.  An input slower than 1 s, over
# 2 GiB, a crash, a sanitizer report or a leak fails.  Prints per target: runs,
# exec/s, crashes, leaks, the slowest input of the run (whole seconds, from
# libFuzzer), peak RSS and the slowest corpus input timed again in ms; exits
# non-zero on any failure.
#   run.sh --have-clang : exit 0 when clang can build a libFuzzer target.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
if [ "${1:-}" = --have-clang ]; then
	command -v clang >/dev/null 2>&1 || exit 1
	d=$(mktemp -d) || exit 1
	printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' >"$d/t.c"
	clang -fsanitize=fuzzer,address,undefined -o "$d/t" "$d/t.c" >/dev/null 2>&1; rc=$?
	rm -rf "$d"
	[ $rc -eq 0 ] || echo "fuzz: clang is installed but cannot link libFuzzer (install libclang-rt-14-dev)" >&2
	exit $rc
fi
BUILD=${BUILD:-build/fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# one NAME: fuzz one target, leave its log and a summary line in $BUILD/logs
one() {
	n=$1 bin=$BUILD/bin/$1 log=$BUILD/logs/$1.log
	mkdir -p "$BUILD/corpus/$n" "$BUILD/artifacts"
	dict=; [ -f "tests/fuzz/$n.dict" ] && dict=-dict=tests/fuzz/$n.dict
	start=$(date +%s)
	"$bin" -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -detect_leaks=1 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$n-" $dict \
		"$BUILD/corpus/$n" "tests/fuzz/corpus/$n" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	slowrun=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -n 1)
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
	# libFuzzer stops at the first failure and writes it as crash-, leak-,
	# timeout- (over 1 s) or oom- (over 2 GiB): count those
	leaks=$(grep -c 'Test unit written to .*/[^/]*leak-' "$log")
	crashes=$(grep 'Test unit written to' "$log" | grep -vc '/[^/]*leak-')
	[ $rc -ne 0 ] && [ "$crashes" -eq 0 ] && [ "$leaks" -eq 0 ] && crashes=1
	art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | head -n 1)
	# the slowest input the corpus kept, timed one by one
	slow=$(find "$BUILD/corpus/$n" "tests/fuzz/corpus/$n" -type f -print0 |
		xargs -0 -r "$bin" -runs=1 2>&1 | sed -n 's/^Executed \(.*\) in \([0-9]*\) ms$/\2 \1/p' |
		sort -n | tail -n 1)
	nc=$(find "$BUILD/corpus/$n" -type f | wc -l | tr -d ' ')
	printf '%-12s %4ss  runs %-10s exec/s %-6s crashes %s  leaks %s  slowest in run %ss  rss %sMB  corpus %s, slowest %s ms (%s)%s\n' \
		"$n" "$secs" "${runs:-?}" "${eps:-?}" "$crashes" "$leaks" "${slowrun:-?}" "${rss:-?}" "$nc" "${slow%% *}" "${slow#* }" \
		"${art:+  reproducer: $art}" >"$BUILD/logs/$n.sum"
	[ $rc -eq 0 ]
}

[ -d "$BUILD/bin" ] || { echo "fuzz: no targets in $BUILD/bin (run make fuzz)" >&2; exit 1; }
mkdir -p "$BUILD/logs"
echo "fuzz: each target ${SECONDS_EACH}s, -timeout=1 -rss_limit_mb=2048, leaks detected; logs in $BUILD/logs/"
targets=${FUZZ_TARGETS:-$(for c in tests/fuzz/*.c; do n=${c##*/}; echo "${n%.c}"; done)}
failed=0 running=0
for n in $targets; do
	[ -x "$BUILD/bin/$n" ] || { echo "fuzz: no target $n in $BUILD/bin" >&2; exit 1; }
	rm -f "$BUILD/logs/$n.sum"
	one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then wait; running=0; fi
done
wait
for n in $targets; do
	if [ -f "$BUILD/logs/$n.sum" ]; then cat "$BUILD/logs/$n.sum"; else echo "$n: no summary"; failed=1; fi
	grep -q 'crashes 0  leaks 0' "$BUILD/logs/$n.sum" 2>/dev/null || {
		failed=1
		grep -E 'ERROR|runtime error|^fuzz_|SUMMARY|Test unit written' "$BUILD/logs/$n.log" | head -n 8 | sed 's/^/    /'
	}
done
[ $failed -eq 0 ] && echo "fuzz: no crashes, no leaks, no input over 1 s" || echo "fuzz: FAILED (see $BUILD/logs/)"
exit $failed
