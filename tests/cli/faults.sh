#!/bin/bash
# The fault matrix (issue 12), the way SQLite tests itself: the LD_PRELOAD
# shim tests/fault/libfault.c fails the Nth write (EIO, ENOSPC), sync (EIO)
# or allocation (ENOMEM) of a tick, a task edit, an import, a metric CSV
# import and a board session that writes (tests/fault/ptyrun.c gives it a
# terminal).  After every fault: either exit 0 with the change there, or the
# documented status (4; 70 when muster itself runs out of memory) with no
# trace of the change and one "muster: ..." line; PRAGMA integrity_check ok;
# the board's terminal restored.  In `make test` and `make check` every N
# of the writes and syncs (up to 80 calls) and a spread of the rest,
# transient and persistent; every N of every kind with MUSTER_FAULTS=all
# (`make check MUSTER_FAULTS=all`: 23 minutes on 2 cores under the
# sanitizers, too long for CI's limit with the rest of make check).
# MUSTER_FAULT_OPS and MUSTER_FAULT_KINDS choose a part of it.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
SO=$ROOT/${BUILD:-build}/fault/libfault.so
if [ ! -f "$SO" ]; then # run by hand without make: build it here
	SO=$TMP/libfault.so
	${CC:-cc} -std=c11 -O1 -fno-omit-frame-pointer -fPIC -shared -o "$SO" "$ROOT/tests/fault/libfault.c" -ldl || { echo "FAIL: build libfault"; exit 1; }
fi
${CC:-cc} -O1 -o "$TMP/ptyrun" "$ROOT/tests/fault/ptyrun.c" || { echo "FAIL: build ptyrun"; exit 1; }
FULL=0
[ "${MUSTER_FAULTS:-}" = all ] && FULL=1
# a preloaded shim in front of the sanitizers' runtime
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
# leaks of libraries on their own out-of-memory paths (muster's are reported)
export LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$ROOT/tests/fault/lsan.supp:print_suppressions=0

# ---- the board every trial starts from ----------------------------------------------
fixture
mu task edit 1 --notes "first notes" >/dev/null
TMPL=$TMP/tmpl.db
cp "$DB" "$TMPL"
sed 's/^  name: .*/  name: Second market/' "$DATA/small.yaml" >"$TMP/plan2.yaml"
grep -q "Second market" "$TMP/plan2.yaml" || sed -i '0,/name:/s/name: .*/name: Second market/' "$TMP/plan2.yaml"
printf 'time,stage,value\n2026-09-10T18:00,visitors,800\n2026-09-11T18:00,visitors,1900\n2026-09-11T20:00,buyers,95\n2026-09-10,print,700\n' >"$TMP/readings.csv"
printf '3\nSpace\n-\n' >"$TMP/keys.txt"

# state OP DB: what the change touches (and the number of audit rows), one line
state() {
	case $1 in
	tick) sqlq "$2" "SELECT qty_ready || ' ' || (SELECT count(*) FROM log) FROM item WHERE id = 2" ;;
	edit) sqlq "$2" "SELECT title || '|' || notes || ' ' || (SELECT count(*) FROM log) FROM task WHERE id = 1" ;;
	import) sqlq "$2" "SELECT (SELECT count(*) FROM event) || ' ' || (SELECT count(*) FROM task) || ' ' ||
		(SELECT count(*) FROM item) || ' ' || (SELECT count(*) FROM log)" ;;
	csv) sqlq "$2" "SELECT (SELECT group_concat(actual, ',') FROM metric) || ' ' || (SELECT count(*) FROM sample)
		|| ' ' || (SELECT count(*) FROM log)" ;;
	board) sqlq "$2" "SELECT qty_ready || ' ' || (SELECT count(*) FROM log) FROM item WHERE id = 3" ;;
	esac
}

# run OP DIR [ENV...]: the command on DIR/board.db, preloaded with the shim
run() {
	local op=$1 dir=$2
	shift 2
	local db=$dir/board.db
	case $op in
	tick) env "$@" LD_PRELOAD="$SO" "$MUSTER" --db "$db" tick Flyers --qty 5 ;;
	edit) env "$@" LD_PRELOAD="$SO" "$MUSTER" --db "$db" task edit 1 --title "Book the stalls by Friday" --notes "$(printf 'call the market office\nask for stall 12')" ;;
	import) env "$@" LD_PRELOAD="$SO" "$MUSTER" --db "$db" import "$TMP/plan2.yaml" ;;
	csv) env "$@" LD_PRELOAD="$SO" "$MUSTER" --db "$db" metric import "$TMP/readings.csv" ;;
	board) # ncurses' own allocations are not failed (FAULT_SKIP): it does not
	       # survive them (crashes in _nc_setupterm, _nc_tiparm; exits by itself)
		env "$@" FAULT_SKIP=libncurses,libtinfo TERM=xterm-256color LANG=C.UTF-8 MUSTER_REPLAY="$TMP/keys.txt" "$TMP/ptyrun" "$dir/pty" \
			env LD_PRELOAD="$SO" "$MUSTER" --db "$db"
		read -r rc same <"$dir/pty"
		[ "$same" = 1 ] || { echo "terminal not restored" >>"$dir/err"; return 99; }
		return "$rc" ;;
	esac >"$dir/out" 2>"$dir/err"
}

OPS=${MUSTER_FAULT_OPS:-tick edit import csv board} # by hand: MUSTER_FAULT_OPS=board
declare -A BEFORE AFTER
for op in $OPS; do
	d=$TMP/ref-$op; mkdir -p "$d"; cp "$TMPL" "$d/board.db"
	BEFORE[$op]=$(state $op "$d/board.db")
	run $op "$d" FAULT_OP=none; rc=$?
	AFTER[$op]=$(state $op "$d/board.db")
	if [ $rc = 0 ] && [ "${BEFORE[$op]}" != "${AFTER[$op]}" ]; then pass "faults: $op without a fault changes the board"; else
		fail "faults: $op without a fault" "exit $rc, state ${AFTER[$op]}: $(head -c 300 "$d/err")"; fi
done
# the board makes two changes (tick, one less): none, the first or both,
# each with its audit row
board_ok() { [ "$1" = "${BEFORE[board]}" ] || [ "$1" = "${AFTER[board]}" ] || [ "$1" = "300 3" ]; }

# count OP KIND: how many calls of KIND the op makes
count() {
	local d=$TMP/count-$1-$2
	mkdir -p "$d"; cp "$TMPL" "$d/board.db"
	run $1 "$d" FAULT_OP=$2 FAULT_N=0 FAULT_PATH="$d" FAULT_COUNT="$d/n"
	cat "$d/n" 2>/dev/null || echo 0
}

# trial OP KIND ERRNO N PERSIST SLOT: one fault; prints nothing when it holds
trial() {
	local op=$1 kind=$2 e=$3 n=$4 per=$5 d=$TMP/w$6
	mkdir -p "$d"; rm -f "$d"/board.db*; cp "$TMPL" "$d/board.db"
	run $op "$d" FAULT_OP=$kind FAULT_N=$n FAULT_ERRNO=$e FAULT_PERSIST=$per FAULT_PATH="$d"
	local rc=$? st integ why=
	st=$(state $op "$d/board.db" 2>&1)
	integ=$(sqlq "$d/board.db" "PRAGMA integrity_check" 2>&1)
	local lines
	lines=$(grep -vc "^muster: warning: " "$d/err")
	if [ "$integ" != ok ]; then why="integrity_check: $integ"
	elif [ $op = board ]; then
		board_ok "$st" || why="the board's changes not whole: $st"
		case $rc in
		0 | 70) ;;
		4) [ "$st" = "${BEFORE[board]}" ] || why="${why:+$why; }exit 4 (the board did not open) with a change: $st" ;;
		1) # ncurses exits by itself when it runs out of memory reading the
		   # terminal's description (README: exit status); nothing had started
		   { [ $kind = malloc ] && grep -q "Out of memory" "$d/err" && [ "$st" = "${BEFORE[board]}" ]; } ||
			why="${why:+$why; }exit 1" ;;
		*) why="${why:+$why; }exit $rc" ;;
		esac
	elif [ $rc = 0 ]; then
		[ "$st" = "${AFTER[$op]}" ] || why="exit 0 but the change is not there: $st"
	elif [ $rc = 4 ] || { [ $rc = 70 ] && [ $kind = malloc ]; }; then
		[ "$st" = "${BEFORE[$op]}" ] || why="exit $rc but a trace is left: $st"
		[ "$lines" = 1 ] && grep -q "^muster: " "$d/err" || why="${why:+$why; }not one clear line: $(head -c 200 "$d/err")"
	else
		why="exit $rc, not a documented status for this fault"
	fi
	[ -n "$why" ] && echo "$op $kind $e N=$n${per:+ persist}: $why :: $(head -c 160 "$d/err" | tr '\n' ' ')"
	return 0
}

# Ns COUNT: every N (and one past the end: no fault), or a spread
Ns() {
	local c=$1
	if [ $FULL = 1 ] || [ "$c" -le 80 ]; then seq 1 $((c + 1)); return; fi
	{ seq 1 12; seq 12 $((c / 36 + 1)) "$c"; seq $((c - 8)) $((c + 1)); } | sort -un
}

matrix() { # OP KIND ERRNO PERSIST
	local op=$1 kind=$2 e=$3 per=$4 c ns out
	c=$(count $op $kind)
	ns=$(Ns "$c")
	[ -n "$per" ] && [ $FULL = 0 ] && ns=$(printf '%s\n' $ns | awk 'NR % 4 == 1')
	local runs
	runs=$(printf '%s\n' $ns | wc -l | tr -d ' ')
	# two at a time: the odd and the even Ns
	out=$( (printf '%s\n' $ns | awk 'NR % 2' | while read -r n; do trial $op $kind $e $n "$per" a; done) &
		(printf '%s\n' $ns | awk 'NR % 2 == 0' | while read -r n; do trial $op $kind $e $n "$per" b; done); wait)
	local label="faults: $op, $kind $e${per:+ persistent}: $runs of $c calls"
	if [ -z "$out" ]; then pass "$label"; else
		fail "$label" "$(printf '%s\n' "$out" | wc -l | tr -d ' ') broke, first: $(printf '%s\n' "$out" | head -n 3)"; fi
}

KINDS=${MUSTER_FAULT_KINDS:-write sync malloc}
for op in $OPS; do
	case " $KINDS " in *" write "*)
		matrix $op write EIO ""
		matrix $op write ENOSPC ""
		matrix $op write EIO 1 ;;
	esac
	case " $KINDS " in *" sync "*) matrix $op sync EIO "" ;; esac
	case " $KINDS " in *" malloc "*)
		matrix $op malloc ENOMEM ""
		matrix $op malloc ENOMEM 1 ;;
	esac
done
finish
