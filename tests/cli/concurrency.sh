#!/bin/sh
# Many people, one file: two shells tick the same item 500 times each at
# once.  Every tick must land (qty_ready + 1000) and be in the audit log
# with its actor and old/new values; no process may fail.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
N=${MUSTER_CONCURRENCY_N:-500}

before=$(mu items --json | "$JSONQ" '.[1].qty_ready')
expect_eq "Flyers start at 0" 0 "$before"
for who in tester bob; do
	(
		i=0 errs=0
		while [ $i -lt "$N" ]; do
			"$MUSTER" --db "$DB" --as "$who" tick Flyers --qty 1 >/dev/null 2>>"$TMP/errors.$who" || errs=$((errs + 1))
			i=$((i + 1))
		done
		echo $errs >"$TMP/failed.$who"
	) &
done
wait
expect_eq "no tick failed (tester)" 0 "$(cat "$TMP/failed.tester")"
expect_eq "no tick failed (bob)" 0 "$(cat "$TMP/failed.bob")"
expect_eq "no error output" "" "$(cat "$TMP"/errors.* | head -n 3)"
expect_eq "qty_ready grew by exactly $((2 * N))" $((2 * N)) "$(mu items --json | "$JSONQ" '.[1].qty_ready')"

log=$(mu log --json)
valid_json "log --json after the storm" "$log"
ticks=$(printf '%s\n' "$log" | grep '"entity":"item","entity_id":2,"action":"tick"')
expect_eq "one log row per tick" $((2 * N)) "$(printf '%s\n' "$ticks" | grep -c .)"
expect_eq "tester's rows" "$N" "$(printf '%s\n' "$ticks" | grep -c '"actor":"tester"')"
expect_eq "bob's rows" "$N" "$(printf '%s\n' "$ticks" | grep -c '"actor":"bob"')"
# each row's old/new differ by one and together they cover 0..2N-1 → 1..2N
olds=$(printf '%s\n' "$ticks" | grep -o '"old":"{[^}]*qty_ready\\":[0-9]*' | grep -o '[0-9]*$' | sort -n | uniq | wc -l | tr -d ' ')
news=$(printf '%s\n' "$ticks" | grep -o '"new":"{[^}]*qty_ready\\":[0-9]*' | grep -o '[0-9]*$' | sort -n)
expect_eq "every old value distinct" $((2 * N)) "$olds"
expect_eq "new values run 1..$((2 * N))" "$(seq 1 $((2 * N)) | paste -sd' ' -)" "$(printf '%s\n' "$news" | paste -sd' ' -)"

# A writer that holds the lock longer than the busy timeout: exit 3, one
# line naming the problem, and the change is not made.
cat >"$TMP/locker.c" <<'C'
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) || sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0))
		return 1;
	fclose(fopen(argv[2], "w")); /* tell the test the lock is held */
	while (access(argv[3], F_OK) != 0)
		usleep(10000);
	sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
	return sqlite3_close(db);
}
C
if ${CC:-cc} -o "$TMP/locker" "$TMP/locker.c" -lsqlite3 2>/dev/null; then
	"$TMP/locker" "$DB" "$TMP/locked" "$TMP/release" &
	i=0; while [ ! -e "$TMP/locked" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	_out=$(MUSTER_BUSY_TIMEOUT=300 "$MUSTER" --db "$DB" tick Flyers --qty 1 2>"$TMP/busy.err"); rc=$?
	touch "$TMP/release"; wait
	expect_eq "locked board exits 3" 3 "$rc"
	expect_eq "busy: one stderr line" 1 "$(wc -l <"$TMP/busy.err" | tr -d ' ')"
	expect_match "busy: names the problem" '^muster: .*(busy|locked)' "$(cat "$TMP/busy.err")"
	expect_eq "busy: no stdout" "" "$_out"
	expect_eq "busy: tick not made" $((2 * N)) "$(mu items --json | "$JSONQ" '.[1].qty_ready')"
else
	echo "SKIP: the busy check: cannot build a locker with -lsqlite3"
fi
finish
