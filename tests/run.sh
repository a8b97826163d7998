#!/bin/sh
# Runs every test: cmocka unit binaries in $BUILD/tests/, then the shell
# tests in tests/cli/ and tests/tui/.  A shell check prints "PASS: name",
# "FAIL: name: why" or "SKIP: why" (a check that could not run here); a
# cmocka test calls skip().  Ends with "N passed, M failed, K skipped".
# Nothing may outlive the run: every process it starts carries
# MUSTER_RUN_ID in its environment, and tests/lib.sh (and the trust tests)
# write each temporary directory they make to $MUSTER_TMP_LIST; a process
# still running or a directory still there after its script is a failure
# (and is removed).
# TESTS="tests/cli/a.sh build/tests/test_b" runs only those.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
MUSTER=${MUSTER:-$ROOT/muster}
export ROOT MUSTER BUILD
passed=0 failed=0 skipped=0
RUN=$(mktemp -d "${TMPDIR:-/tmp}/muster-run.XXXXXX") || exit 1
log=$RUN/log
trap 'rm -rf "$RUN"' EXIT
MUSTER_RUN_ID=$(basename "$RUN")
MUSTER_TMP_LIST=$RUN/made
export MUSTER_RUN_ID MUSTER_TMP_LIST

# left_processes: the PIDs of the processes carrying this run's
# MUSTER_RUN_ID, one a line (grep's own PID is gone when it is read)
left_processes() {
	grep -l -a -x -z -F "MUSTER_RUN_ID=$MUSTER_RUN_ID" /proc/[0-9]*/environ >"$RUN/pids" 2>/dev/null
	while IFS=/ read -r _ _ p _; do
		[ "$p" != $$ ] && [ -d "/proc/$p" ] && echo "$p"
	done <"$RUN/pids"
}

# check_processes WHAT : FAIL lines (to the log) for the processes WHAT left
# running, given two seconds to end by themselves; then they are stopped
check_processes() {
	i=0
	while [ -n "$(left_processes)" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
	for p in $(left_processes); do
		echo "FAIL: $1 left process $p running: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | head -c 200)" >>"$log"
		kill "$p" 2>/dev/null
	done
}

skips() { [ "$1" -eq 0 ] || echo ", $1 skipped"; }

units=${TESTS-"$BUILD"/tests/test_*}
scripts=${TESTS-tests/cli/*.sh tests/tui/*.sh}
for t in $units; do
	case $t in *.sh) continue ;; esac
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1; rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0} f=${f:-0} k=${k:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + k))
	if [ "$f" -ne 0 ]; then
		echo "== $t: $f failed"; grep -E 'FAILED|ERROR|error|Sanitizer|runtime error' "$log" | head -n 20
	else
		echo "== $t: $p passed$(skips "$k")"
	fi
	[ "$k" -ne 0 ] && grep -E '^\[  SKIPPED \] [^0-9]|skipped:' "$log" | awk '!seen[$0]++ { print "  SKIP: " $0 }' | head -n 10
done

for s in $scripts; do
	[ -f "$s" ] || continue
	case $s in */lib.sh) continue ;; *.sh) ;; *) continue ;; esac
	: >"$log.start"
	: >"$MUSTER_TMP_LIST"
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
	check_processes "$s"
	while read -r d; do
		[ -e "$d" ] || continue
		echo "FAIL: $s left $d behind" >>"$log"
		rm -rf "$d"
	done <"$MUSTER_TMP_LIST"
	p=$(grep -c '^PASS: ' "$log") f=$(grep -c '^FAIL: ' "$log") k=$(grep -c '^SKIP: ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1; echo "FAIL: $s exited $rc with no failed check" >>"$log"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + k))
	echo "== $s: $p passed, $f failed$(skips "$k") ($(($(date +%s) - t0)) s)"
	[ "$f" -ne 0 ] && grep -E '^FAIL: ' "$log" | head -n 20
	[ "$k" -ne 0 ] && grep -E '^SKIP: ' "$log" | sed 's/^/  /' | head -n 10
	grep -E 'Sanitizer|runtime error' "$log" | head -n 5
done

# The whole run (the unit tests too): no process left behind.
: >"$log"
check_processes "the test run"
f=$(grep -c '^FAIL: ' "$log")
if [ "$f" -ne 0 ]; then
	echo "== leftovers: $f failed"; cat "$log"
else
	echo "== leftovers: none (no process, no temporary directory)"
fi
failed=$((failed + f))

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
