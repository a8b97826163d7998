#!/bin/sh
# import, export, events: normal output, --start, round trip through YAML,
# and rejected files that leave the database byte-identical.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"

expect_out "import" "imported event 1: Night Market 夜市 (4 tasks, 3 items)" mu import "$DATA/small.yaml"
expect_out "import --start" "imported event 2: Night Market 夜市 (4 tasks, 3 items)" mu import "$DATA/small.yaml" --start 2026-10-01
out=$(mu import "$DATA/small.yaml" --json)
valid_json "import --json" "$out"
expect_eq "import --json id" 3 "$(jq_ .id "$out")"
expect_eq "import --json tasks" 4 "$(jq_ .tasks "$out")"

expect_out "events table" "ID  NAME               KIND       START       END         TASKS
 2  Night Market 夜市  promotion  2026-10-01  2026-10-03    0/4
 3  Night Market 夜市  promotion  2026-09-10  2026-09-12    0/4
 1  Night Market 夜市  promotion  2026-09-10  2026-09-12    0/4" mu events
expect_out "events --limit" "ID  NAME               KIND       START       END         TASKS
 2  Night Market 夜市  promotion  2026-10-01  2026-10-03    0/4" mu events --limit 1
ev=$(mu events --json)
valid_json "events --json" "$ev"
expect_eq "events --json count" 3 "$(jq_ length "$ev")"
expect_eq "events --json name" "Night Market 夜市" "$(jq_ '.[0].name' "$ev")"
expect_eq "events --json budget is a number" 5000 "$(jq_ '.[0].budget' "$ev")"
expect_eq "events --json absent is null" null "$(jq_ '.[0].ctr' "$ev")"
expect_eq "--start shifts tasks" "2026-09-23" "$(jq_ '.[0].due' "$(mu tasks --event 2 --json)")"

# rejected input changes nothing, byte for byte
sum=$(cksum <"$DB")
printf 'event:\n  name: Broken\n  start: 2026-13-45\n' >"$TMP/bad.yaml"
_out=$(mu import "$TMP/bad.yaml" 2>"$TMP/err"); rc=$?
expect_eq "bad YAML exits 2" 2 "$rc"
expect_match "bad YAML names file:line:col" "^muster: $TMP/bad.yaml:3:[0-9]+: " "$(cat "$TMP/err")"
expect_eq "bad YAML: one stderr line" 1 "$(wc -l <"$TMP/err" | tr -d ' ')"
expect_eq "bad YAML: no stdout" "" "$_out"
printf 'tasks: [ {title: x\n' >"$TMP/broken.yaml"
expect_exit "unparsable YAML exits 2" 2 mu import "$TMP/broken.yaml"
expect_exit "missing file exits 2" 2 mu import "$TMP/nope.yaml"
expect_eq "database unchanged after rejected imports" "$sum" "$(cksum <"$DB")"
expect_err "import --start bad date" 1 "muster: start date must look like 2026-09-01: 2026-02-30" mu import "$DATA/small.yaml" --start 2026-02-30
expect_err "import needs a file" 1 "muster: missing argument (usage: muster import FILE.yaml|--template NAME [--start DATE])" mu import
expect_eq "database unchanged after usage errors" "$sum" "$(cksum <"$DB")"
rm -f "$TMP/new.db"
expect_exit "bad YAML does not create a board" 2 "$MUSTER" --db "$TMP/new.db" import "$TMP/bad.yaml"
[ ! -e "$TMP/new.db" ] && pass "no board file after rejected import" || fail "no board file after rejected import" "created"

# export: stdout, -o FILE, round trip
mu export 1 >"$TMP/e1.yaml"; rc=$?
expect_eq "export exits 0" 0 "$rc"
expect_match "export has the event name" '^  name: Night Market 夜市$' "$(cat "$TMP/e1.yaml")"
expect_match "export has absolute dates" 'due: 2026-09-05' "$(cat "$TMP/e1.yaml")"
expect_out "export -o prints nothing" "" mu export 1 -o "$TMP/e1b.yaml"
cmp -s "$TMP/e1.yaml" "$TMP/e1b.yaml" && pass "export -o FILE = stdout" || fail "export -o FILE = stdout" "differ"
expect_out "export by name picks it" "$(mu export 3)" mu export --event 3
expect_out "export --format yaml" "$(cat "$TMP/e1.yaml")" mu export 1 --format yaml
mu task done 1 >/dev/null && mu tick 1 --qty 7 >/dev/null && mu metric set visitors 1234 --event 1 >/dev/null
mu export 1 >"$TMP/e2.yaml"
expect_match "export carries status" 'title: Book the stalls.*status: done' "$(cat "$TMP/e2.yaml")"
expect_match "export carries ready" 'title: A2 posters.*ready: 7' "$(cat "$TMP/e2.yaml")"
DB=$TMP/round.db
expect_out "re-import an export" "imported event 1: Night Market 夜市 (4 tasks, 3 items)" mu import "$TMP/e2.yaml"
mu export 1 >"$TMP/e3.yaml"
cmp -s "$TMP/e2.yaml" "$TMP/e3.yaml" && pass "export → import → export is stable" || fail "export → import → export is stable" "$(diff "$TMP/e2.yaml" "$TMP/e3.yaml" | head -n 10)"
DB=$TMP/board.db

# md, csv and ics are checked in detail by tests/cli/report.sh
expect_exit "export md" 0 mu export 1 --format md
expect_exit "export csv" 0 mu export 1 --format csv
expect_exit "export ics" 0 mu export 1 --format ics
expect_err "export unknown format" 1 "muster: unknown format pdf (yaml, md, csv or ics)" mu export 1 --format pdf
expect_exit "export unknown event" 2 mu export 99
expect_exit "export unknown event name" 2 mu export "No Such Event"
expect_exit "export into a missing directory" 2 mu export 1 -o "$TMP/no/such/dir/x.yaml"
expect_err "restricted export -o" 5 "muster: a restricted session may not write files" mu --restricted export 1 -o "$TMP/r.yaml"
finish
