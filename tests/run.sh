#!/bin/sh
# Runs every test: cmocka unit binaries in $BUILD/tests/, then the shell
# tests in tests/cli/ and tests/tui/.  Ends with "N passed, M failed".
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
MUSTER=${MUSTER:-$ROOT/muster}
export ROOT MUSTER BUILD
passed=0 failed=0
log=$(mktemp)
trap 'rm -f "$log" "$log.start"' EXIT

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1; rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0} f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)) failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "== $t: $f failed"; grep -E 'FAILED|ERROR|error|Sanitizer|runtime error' "$log" | head -n 20
	else
		echo "== $t: $p passed"
	fi
done

for s in tests/cli/*.sh tests/tui/*.sh; do
	[ -f "$s" ] || continue
	case $s in */lib.sh) continue ;; esac
	: >"$log.start"
	t0=$(date +%s)
	bash "$s" >"$log" 2>&1 &
	pid=$!
	wait "$pid"; rc=$?
	# Nothing may outlive its script: a tmux server it started (named after
	# its PID) still answering is a failure, and is stopped here.
	for sock in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"/*-"$pid" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"/*-"$pid"-*; do
		# (made after the script started: not a stale server of a reused PID)
		[ -S "$sock" ] && [ "$sock" -nt "$log.start" ] && tmux -S "$sock" list-sessions >/dev/null 2>&1 || continue
		echo "FAIL: $s left the tmux server ${sock##*/} running" >>"$log"
		tmux -S "$sock" kill-server 2>/dev/null
	done
	p=$(grep -c '^PASS: ' "$log") f=$(grep -c '^FAIL: ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; echo "FAIL: $s exited $rc with no failed check" >>"$log"
	fi
	passed=$((passed + p)) failed=$((failed + f))
	echo "== $s: $p passed, $f failed ($(($(date +%s) - t0)) s)"
	[ "$f" -ne 0 ] && grep -E '^FAIL: ' "$log" | head -n 20
	grep -E 'Sanitizer|runtime error' "$log" | head -n 5
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
