#!/bin/sh
# Many people, one file, hard: 8 processes each make 1,000 changes at once
# (4 tick items, 4 change task statuses), every one a separate muster
# process.  All 8,000 must be present, none may fail or print anything,
# PRAGMA integrity_check stays ok and the log gains exactly 8,000 rows.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
fixture
# under the sanitizers (make check) each process is ~3x slower: 250 each there
N=${MUSTER_STRESS_N:-1000}
[ -n "${MUSTER_SAN:-}" ] && N=${MUSTER_STRESS_N:-250}
# four staff of role mkt (ticks on the Print list, status of tasks 2 and 3)
# and four coordinators (ticks on Kits, status of tasks 1 and 4)
for w in s1 s2 s3 s4; do mu people add $w --roles mkt --access staff >/dev/null; done
for w in c1 c2 c3 c4; do mu people add $w --access coordinator >/dev/null; done
log0=$(sqlq "$DB" "SELECT count(*) FROM log")
start=$(date +%s.%N)
worker() { # WHO KIND ARG
	i=0 errs=0
	while [ $i -lt "$N" ]; do
		if [ "$2" = tick ]; then
			"$MUSTER" --db "$DB" --as "$1" tick "$3" --qty 1 >/dev/null 2>>"$TMP/err.$1" || errs=$((errs + 1))
		elif [ $((i % 2)) = 0 ]; then
			"$MUSTER" --db "$DB" --as "$1" task start "$3" >/dev/null 2>>"$TMP/err.$1" || errs=$((errs + 1))
		else
			"$MUSTER" --db "$DB" --as "$1" task reopen "$3" >/dev/null 2>>"$TMP/err.$1" || errs=$((errs + 1))
		fi
		i=$((i + 1))
	done
	echo $errs >"$TMP/failed.$1"
}
# each status worker owns one task: its changes always change something
mu task add "stress s3" --role mkt >/dev/null; mu task add "stress s4" --role mkt >/dev/null
mu task add "stress c3" >/dev/null; mu task add "stress c4" >/dev/null
log0=$(sqlq "$DB" "SELECT count(*) FROM log")
worker s1 tick Flyers & worker s2 tick "A2 posters" & worker s3 status 5 & worker s4 status 6 &
worker c1 tick "Lantern kits" & worker c2 tick Flyers & worker c3 status 7 & worker c4 status 8 &
wait
end=$(date +%s.%N)
echo "8 x $N changes in $(echo "$end - $start" | bc 2>/dev/null || echo "?") s"
for w in s1 s2 s3 s4 c1 c2 c3 c4; do
	expect_eq "no failed change ($w)" 0 "$(cat "$TMP/failed.$w")"
done
expect_eq "no error output" "" "$(cat "$TMP"/err.* | head -n 3)"
expect_eq "integrity_check" ok "$(sqlq "$DB" "PRAGMA integrity_check")"
expect_eq "audit rows = $((8 * N))" $((8 * N)) $(($(sqlq "$DB" "SELECT count(*) FROM log") - log0))
expect_eq "Flyers got 2N ticks" $((2 * N)) "$(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'Flyers'")"
expect_eq "A2 posters: N ticks (done at 50, counted on)" "$N" "$(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'A2 posters'")"
expect_eq "Lantern kits: N ticks" "$N" "$(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'Lantern kits'")"
for w in s3 s4 c3 c4; do
	expect_eq "$w: N status rows" "$N" "$(sqlq "$DB" "SELECT count(*) FROM log WHERE actor = '$w' AND action IN ('doing', 'todo')")"
done
expect_eq "status rows alternate (last is todo)" "todo todo todo todo" \
	"$(sqlq "$DB" "SELECT status FROM task WHERE id BETWEEN 5 AND 8 ORDER BY id" | paste -sd' ' -)"
finish
