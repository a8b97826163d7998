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
for who in alice bob; do
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
expect_eq "no tick failed (alice)" 0 "$(cat "$TMP/failed.alice")"
expect_eq "no tick failed (bob)" 0 "$(cat "$TMP/failed.bob")"
expect_eq "no error output" "" "$(cat "$TMP"/errors.* | head -n 3)"
expect_eq "qty_ready grew by exactly $((2 * N))" $((2 * N)) "$(mu items --json | "$JSONQ" '.[1].qty_ready')"

log=$(mu log --json)
valid_json "log --json after the storm" "$log"
ticks=$(printf '%s\n' "$log" | grep '"entity":"item","entity_id":2,"action":"tick"')
expect_eq "one log row per tick" $((2 * N)) "$(printf '%s\n' "$ticks" | grep -c .)"
expect_eq "alice's rows" "$N" "$(printf '%s\n' "$ticks" | grep -c '"actor":"alice"')"
expect_eq "bob's rows" "$N" "$(printf '%s\n' "$ticks" | grep -c '"actor":"bob"')"
# each row's old/new differ by one and together they cover 0..2N-1 → 1..2N
olds=$(printf '%s\n' "$ticks" | grep -o '"old":"{[^}]*qty_ready\\":[0-9]*' | grep -o '[0-9]*$' | sort -n | uniq | wc -l | tr -d ' ')
news=$(printf '%s\n' "$ticks" | grep -o '"new":"{[^}]*qty_ready\\":[0-9]*' | grep -o '[0-9]*$' | sort -n)
expect_eq "every old value distinct" $((2 * N)) "$olds"
expect_eq "new values run 1..$((2 * N))" "$(seq 1 $((2 * N)) | paste -sd' ' -)" "$(printf '%s\n' "$news" | paste -sd' ' -)"
finish
