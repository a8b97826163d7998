#!/bin/sh
# review add|edit|rm|list, metric import FILE.csv (all or nothing, FILE:LINE
# errors), and template save → import --start for a new date.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture

expect_out "review add" "review note 1: buyers (controllable)" mu review add buyers --cause "Kits sold out on day 2" --factor controllable
expect_out "review add event-wide" "review note 2: (event)" mu review add - --lesson "Order 20% more kits"
expect_out "review edit" "review note 1: buyers (semi-controllable)" mu review edit 1 --factor semi
expect_out "review list" 'ID  STAGE    FACTOR             CAUSE                   LESSON
 1  buyers   semi-controllable  Kits sold out on day 2  -
 2  (event)  -                  -                       Order 20% more kits' mu review
j=$(mu review --json)
valid_json "review --json" "$j"
expect_eq "review json factor" semi-controllable "$(jq_ '.[0].factor' "$j")"
expect_err "review unknown stage" 2 'muster: no stage "likes" in this event (see '"'"'muster metrics'"'"')' mu review add likes --cause x
expect_err "review bad factor" 1 "muster: factor must be controllable, semi-controllable or uncontrollable: luck" mu review add buyers --cause x --factor luck
expect_err "review empty" 1 "muster: a review note needs a cause or a lesson" mu review add buyers
expect_out "review rm" "removed review note 2" mu review rm 2
expect_exit "review rm again" 2 mu review rm 2
expect_match "review in the log" 'remove +review 2' "$(mu log)"

# metric import
printf 'time,stage,value\r\n2026-09-10T18:00,visitors,800\r\n2026-09-11T18:00,visitors,1900\r\n"2026-09-11T20:00Z",buyers,"95"\r\n2026-09-10,print,700\r\n' >"$TMP/ok.csv"
expect_out "metric import" "imported 4 readings" mu metric import "$TMP/ok.csv"
expect_out "metrics after import" 'NAME      KIND    TARGET  ACTUAL  DONE  RATE
visitors  stage     3000    1900   63%   10%
buyers    stage      300      95   32%
print     budget     800     700   88%' mu metrics
printf '2026-09-12,visitors,2500\n2026-09-12,likes,3\n' >"$TMP/bad.csv"
expect_err "import unknown stage" 2 "muster: $TMP/bad.csv:2: no stage \"likes\" in this event (see 'muster metrics')" mu metric import "$TMP/bad.csv"
printf '2026-09-12,visitors,2500\n\n2026-09-31,visitors,3\n' >"$TMP/bad.csv"
expect_err "import bad date" 2 "muster: $TMP/bad.csv:3: time must look like 2026-09-10 or 2026-09-10T14:00: 2026-09-31" mu metric import "$TMP/bad.csv"
printf '2026-09-12,visitors,12k\n' >"$TMP/bad.csv"
expect_err "import bad value" 2 "muster: $TMP/bad.csv:1: value must be a number: 12k" mu metric import "$TMP/bad.csv"
printf '2026-09-12,visitors\n' >"$TMP/bad.csv"
expect_err "import short row" 2 "muster: $TMP/bad.csv:1: expected 3 fields (time,stage,value), found 2" mu metric import "$TMP/bad.csv"
printf '2026-09-12,"visitors,5\n' >"$TMP/bad.csv"
expect_err "import open quote" 2 "muster: $TMP/bad.csv:1: a quoted field is not closed" mu metric import "$TMP/bad.csv"
printf 'time,stage,value\n' >"$TMP/bad.csv"
expect_err "import no rows" 2 "muster: $TMP/bad.csv: no rows (expected time,stage,value)" mu metric import "$TMP/bad.csv"
expect_eq "rejected imports changed nothing" 1900 "$(mu metrics --json | "$JSONQ" '.[0].actual')"
expect_exit "import missing file" 2 mu metric import "$TMP/none.csv"

# templates
mu task done 1 >/dev/null
mu tick "A2 posters" >/dev/null
check "template save" mu template save 1 -o "$TMP/tpl.yaml"
t=$(cat "$TMP/tpl.yaml")
expect_match "template: relative due dates" 'due: T-8' "$t"
expect_match "template: relative phases" 'start: T-10, end: T-1' "$t"
if printf '%s\n' "$t" | grep -Eq 'status:|actual:|ready:|done:'; then fail "template: no statuses, actuals or ready" "$t"
else pass "template: no statuses, actuals or ready"; fi
expect_match "template import --start" '^imported event 2: ' "$(mu import "$TMP/tpl.yaml" --start 2027-03-01)"
expect_eq "template: new start" '"2027-03-01"' "$(mu events --json | "$JSONQ" '.[0].start' | sed 's/^/"/; s/$/"/')"
expect_eq "template: task due moved" 2027-02-21 "$(mu tasks --event 2 --json | "$JSONQ" '.[0].due')"
expect_eq "template: statuses reset" todo "$(mu tasks --event 2 --json | "$JSONQ" '.[0].status')"
expect_eq "template: actuals dropped" 0 "$(mu metrics --event 2 --json | "$JSONQ" '.[0].actual')"
expect_eq "template: items not ready" 0 "$(mu items --event 2 --json | "$JSONQ" '.[0].qty_ready')"
expect_eq "template to stdout" "$t" "$(mu template save 1)"
expect_err "template needs save or list" 1 "muster: template needs save or list (usage: muster template save EVENT -o FILE, or muster template list)" mu template load 1
expect_err "template restricted" 5 "muster: a restricted session may not write files" mu --restricted template save 1 -o "$TMP/x.yaml"
finish
