#!/bin/sh
# log: the audit trail as a table and as --json; --by, --event, --limit,
# --since in its forms, and bad input.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
mu task done 1 >/dev/null
mu --as bob tick Flyers --qty 5 >/dev/null
mu metric set visitors 900 >/dev/null
mu task edit 2 --title "Renamed" >/dev/null

t=$(mu log)
# MUSTER_USER (tester) and --as bob act for this Unix account: "tester via ME"
ME=$(id -un)
expect_match "log header" '^AT +ACTOR +ACTION +WHAT +CHANGE$' "$t"
expect_match "log import row" "^20[0-9-]+ [0-9:]+  tester via $ME  import  event 1 +Night Market 夜市\$" "$t"
expect_match "log status row" "  tester via $ME  done    task 1 +status: todo → done\$" "$t"
expect_match "log tick row" "  bob via $ME     tick    item 2 +qty_ready: 0 → 5\$" "$t"
expect_match "log metric row" "  tester via $ME  set     metric 1 +actual: 0 → 900\$" "$t"
expect_match "log edit row" "  tester via $ME  edit    task 2 +title: He said \"go\"; run -- now 中秋节 crème brûlée → Renamed\$" "$t"
expect_eq "log rows" 6 "$(printf '%s\n' "$t" | wc -l | tr -d ' ')"

j=$(mu log --json)
valid_json "log --json" "$j"
expect_eq "log --json length" 5 "$(jq_ length "$j")"
expect_eq "log --json keys" "id at actor account event_id entity entity_id action old new" \
	"$(printf '%s' "$j" | sed -n 3p | grep -o '"[a-z_]*":' | tr -d '":' | paste -sd' ' -)"
expect_eq "log --json actor" bob "$(jq_ '.[2].actor' "$j")"
expect_eq "log --json account" "$ME" "$(jq_ '.[2].account' "$j")"
expect_eq "log --json entity" "item 2 tick" "$(jq_ '.[2].entity' "$j") $(jq_ '.[2].entity_id' "$j") $(jq_ '.[2].action' "$j")"
expect_match "log --json old" '"qty_ready":0' "$(jq_ '.[2].old' "$j")"
expect_match "log --json new" '"qty_ready":5' "$(jq_ '.[2].new' "$j")"
expect_eq "import has no old" null "$(jq_ '.[0].old' "$j")"

expect_eq "log --by" "tick" "$(mu log --by bob --json | "$JSONQ" '.[].action')"
expect_eq "log --limit keeps the newest" "set edit" "$(mu log --limit 2 --json | "$JSONQ" '.[].action' | paste -sd' ' -)"
expect_eq "log --since 1h" 5 "$(mu log --since 1h --json | "$JSONQ" length)"
expect_eq "log --since a date long ago" 5 "$(mu log --since 2001-01-01 --json | "$JSONQ" length)"
expect_eq "log --since the future" "[]" "$(mu log --since 2999-01-01T00:00 --json)"
expect_eq "log --since UTC" "[]" "$(mu log --since 2999-01-01T00:00:00Z --json)"
expect_eq "log --since today" 5 "$(MUSTER_TODAY=$(date -u +%Y-%m-%d) "$MUSTER" --db "$DB" log --since today --json | "$JSONQ" length)"
mu import "$DATA/small.yaml" >/dev/null
expect_eq "log --event" 5 "$(mu log --event 1 --json | "$JSONQ" length)"
expect_eq "log without --event covers all" 6 "$(mu log --json | "$JSONQ" length)"

expect_err "bad --since" 1 "muster: since must be a date, a time or an age like 2h: yesterday-ish" mu log --since yesterday-ish
expect_err "bad --since date" 1 "muster: since must be a date, a time or an age like 2h: 2026-02-30" mu log --since 2026-02-30
expect_err "bad --since time" 1 "muster: since must be a date, a time or an age like 2h: 2026-02-03T25:00" mu log --since 2026-02-03T25:00
expect_err "bad --limit" 1 "muster: limit must be 0 or more: -1" mu log --limit -1
expect_exit "log unknown event" 2 mu log --event 42
mu people add "$ME" --access coordinator --event 1 >/dev/null
expect_match "the account's own change: no via" "^20[0-9-]+ [0-9:]+  $ME +todo +task 1 " \
	"$(env -u MUSTER_USER "$MUSTER" --db "$DB" task reopen 1 >/dev/null && mu log --limit 1)"
expect_eq "the account's own change: account = actor" "$ME $ME" "$(mu log --limit 1 --json | "$JSONQ" '.[0].actor') $(mu log --limit 1 --json | "$JSONQ" '.[0].account')"
finish
