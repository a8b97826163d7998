#!/bin/bash
# Crash safety: a writer (muster ticks and status changes, one process
# each) is killed with SIGKILL at a random moment, 50 rounds.  After every
# round the file passes PRAGMA integrity_check and every change whose
# command reported success is there (a killed one may be there or not).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
fixture
ROUNDS=${MUSTER_CRASH_ROUNDS:-50}
: >"$TMP/acked"
writer() { # ROUND
	i=0
	while :; do
		"$MUSTER" --db "$DB" tick Flyers --qty 1 >/dev/null 2>&1 && echo t >>"$TMP/acked"
		"$MUSTER" --db "$DB" metric add visitors 1 >/dev/null 2>&1 && echo m >>"$TMP/acked"
		"$MUSTER" --db "$DB" task add "crash $1-$i" >/dev/null 2>&1 && echo "a crash $1-$i" >>"$TMP/acked"
		i=$((i + 1))
	done
}
count() { grep -c "^$1" "$TMP/acked"; }
bad=0 lost=0 killed_busy=0
for round in $(seq 1 "$ROUNDS"); do
	writer "$round" &
	wpid=$!
	sleep "0.$((RANDOM % 25 + 5))"
	# freeze the writer (it forks no more), then kill the muster it is
	# running right now and the writer itself
	kill -STOP "$wpid" 2>/dev/null
	kids=$(ps -o pid= --ppid "$wpid" 2>/dev/null)
	[ -n "$kids" ] && killed_busy=$((killed_busy + 1))
	kill -KILL $kids "$wpid" 2>/dev/null
	wait "$wpid" 2>/dev/null
	ic=$(sqlq "$DB" "PRAGMA integrity_check")
	[ "$ic" = ok ] || { bad=$((bad + 1)); echo "round $round: integrity: $ic"; }
	have_t=$(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'Flyers'")
	have_m=$(sqlq "$DB" "SELECT CAST(actual AS INTEGER) FROM metric WHERE name = 'visitors'")
	sqlq "$DB" "SELECT 'a ' || title FROM task WHERE title LIKE 'crash %' ORDER BY 1" >"$TMP/present"
	grep '^a ' "$TMP/acked" | sort >"$TMP/acked_adds"
	missing=$(comm -23 "$TMP/acked_adds" "$TMP/present" | wc -l)
	extra=$(comm -13 "$TMP/acked_adds" "$TMP/present" | wc -l)
	# acknowledged <= present <= acknowledged + the one killed in flight
	if [ "$have_t" -lt "$(count t)" ] || [ "$have_t" -gt $(($(count t) + 1)) ] ||
		[ "$have_m" -lt "$(count m)" ] || [ "$have_m" -gt $(($(count m) + 1)) ] ||
		[ "$missing" -ne 0 ] || [ "$extra" -gt 1 ]; then
		lost=$((lost + 1))
		echo "round $round: ticks $(count t)/$have_t metric $(count m)/$have_m adds missing $missing extra $extra"
	fi
	# a change killed after its commit landed unacknowledged: count it now
	while [ "$(count t)" -lt "$have_t" ]; do echo t >>"$TMP/acked"; done
	while [ "$(count m)" -lt "$have_m" ]; do echo m >>"$TMP/acked"; done
	comm -13 "$TMP/acked_adds" "$TMP/present" >>"$TMP/acked"
done
echo "$ROUNDS rounds, $killed_busy killed a muster process in flight, $(grep -c . "$TMP/acked") changes"
expect_eq "integrity ok after every SIGKILL ($ROUNDS rounds)" 0 "$bad"
expect_eq "no acknowledged change lost" 0 "$lost"
expect_match "some kills hit a muster process in flight" '^[1-9]' "$killed_busy"
expect_eq "the board still works" 0 "$(mu tick Flyers --qty 1 >/dev/null 2>&1; echo $?)"
finish
