#!/bin/sh
# metrics, metric set|add: table, --json numbers, confirmations, errors.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture

expect_out "metrics table" 'NAME      KIND    TARGET  ACTUAL  DONE  RATE
visitors  stage     3000       0    0%   10%
buyers    stage      300       0    0%
print     budget     800       0    0%' mu metrics
expect_out "metric set" "visitors: 1200 of 3000 (40%)" mu metric set visitors 1200
expect_out "metric add" "visitors: 1450 of 3000 (48%)" mu metric add visitors 250
expect_out "metric add negative" "visitors: 1400 of 3000 (47%)" mu metric add visitors -50
expect_out "metric set decimal" "print: 612.5 of 800 (77%)" mu metric set print 612.5
expect_out "metric set exponent" "buyers: 120 of 300 (40%)" mu metric set buyers 1.2e2
expect_out "metrics after" 'NAME      KIND    TARGET  ACTUAL  DONE  RATE
visitors  stage     3000    1400   47%   10%
buyers    stage      300     120   40%
print     budget     800   612.5   77%' mu metrics
j=$(mu metrics --json)
valid_json "metrics --json" "$j"
expect_eq "metrics --json row" '{"id":1,"event_id":1,"kind":"stage","name":"visitors","target":3000,"rate":0.1,"actual":1400,"position":1}' \
	"$(printf '%s' "$j" | grep '"id":1,' | sed 's/,$//')"
expect_eq "absent rate is null" null "$(jq_ '.[1].rate' "$j")"
expect_eq "decimal stays decimal" 612.5 "$(jq_ '.[2].actual' "$j")"
expect_eq "metrics --limit" 1 "$(mu metrics --json --limit 1 | "$JSONQ" length)"
out=$(mu metric add buyers 1 --json)
valid_json "metric --json" "$out"
expect_eq "metric --json actual" 121 "$(jq_ .actual "$out")"

expect_err "value not a number" 1 "muster: metric value must be a number: 12k" mu metric set visitors 12k
expect_err "delta not a number" 1 "muster: metric delta must be a number: ++1" mu metric add visitors ++1
expect_err "value not finite" 1 "muster: metric value must be a number: inf" mu metric set visitors inf
expect_err "value hex" 1 "muster: metric value must be a number: 0x10" mu metric set visitors 0x10
expect_err "value with blank" 1 "muster: metric value must be a number:  5" mu metric set visitors " 5"
expect_err "value NaN" 1 "muster: metric value must be a number: nan" mu metric set visitors nan
expect_exit "unknown metric" 2 mu metric set likes 5
expect_err "metric without verb" 1 "muster: metric needs set or add (usage: muster metric set NAME VALUE)" mu metric visitors 5
expect_err "metric set needs a value" 1 "muster: missing argument (usage: muster metric set NAME VALUE [--event E])" mu metric set visitors
finish
