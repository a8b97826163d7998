#!/bin/sh
# items, tick, untick: tables, --list, by id or title, quantities, --json,
# and error paths.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture

expect_out "items table" 'ID  DONE  LIST   ITEM          READY   QTY  UNIT  DUE
 1  [ ]   Print  A2 posters        0    50  pcs   2026-09-07
 2  [ ]   Print  Flyers            0  2000  pcs
 3  [ ]   Kits   Lantern kits      0   300  kits  2026-09-09' mu items
expect_out "items --list" 'ID  DONE  LIST  ITEM          READY  QTY  UNIT  DUE
 3  [ ]   Kits  Lantern kits      0  300  kits  2026-09-09' mu items --list Kits
expect_out "items --limit" 'ID  DONE  LIST   ITEM        READY  QTY  UNIT  DUE
 1  [ ]   Print  A2 posters      0   50  pcs   2026-09-07' mu items --limit 1
j=$(mu items --json)
valid_json "items --json" "$j"
expect_eq "items --json row" '{"id":2,"checklist_id":1,"checklist":"Print","title":"Flyers","qty":2000,"qty_ready":0,"unit":"pcs","due":null,"done":false,"done_by":null,"done_at":null,"position":2}' \
	"$(printf '%s' "$j" | grep '"id":2,' | sed 's/,$//')"

expect_out "tick by title with --qty" "item 1 (A2 posters): 12/50 pcs" mu tick "A2 posters" --qty 12
expect_out "tick by id with --qty" "item 1 (A2 posters): 15/50 pcs" mu tick 1 --qty 3
expect_out "tick marks done" "item 1 (A2 posters): 50/50 pcs, done" mu tick 1
j=$(mu items --json)
expect_eq "done item has done_by" "tester" "$(jq_ '.[0].done_by' "$j")"
expect_eq "done item has done_at" "yes" "$(jq_ '.[0].done_at' "$j" | grep -q '^20[0-9][0-9]-' && echo yes)"
expect_eq "done is a boolean" "true" "$(jq_ '.[0].done' "$j")"
expect_match "items shows [x]" '^ 1  \[x\]   Print  A2 posters +50 +50  pcs' "$(mu items)"
expect_out "untick --qty" "item 1 (A2 posters): 45/50 pcs" mu untick 1 --qty 5
expect_out "untick" "item 1 (A2 posters): 0/50 pcs" mu untick "A2 posters"
expect_out "tick reaching qty is done" "item 3 (Lantern kits): 300/300 kits, done" mu tick "Lantern kits" --qty 300
out=$(mu tick Flyers --qty 1 --json)
valid_json "tick --json" "$out"
expect_eq "tick --json qty_ready" 1 "$(jq_ .qty_ready "$out")"
expect_out "tick --event" "item 2 (Flyers): 2/2000 pcs" mu tick Flyers --qty 1 --event 1

# a second event: titles resolve in the chosen (default: newest) event
mu import "$DATA/small.yaml" >/dev/null
expect_out "title picks the newest event" "item 4 (A2 posters): 1/50 pcs" mu tick "A2 posters" --qty 1
expect_out "--event picks the other" "item 1 (A2 posters): 1/50 pcs" mu tick "A2 posters" --qty 1 --event 1
expect_out "an id works on the whole board" "item 2 (Flyers): 3/2000 pcs" mu tick 2 --qty 1

expect_err "unknown item title" 2 'muster: no item "Balloons" in this event' mu tick Balloons
expect_err "unknown item id" 2 'muster: no item "99" in this event' mu tick 99
expect_err "id of another event with --event" 2 'muster: no item "4" in this event' mu untick 4 --event 1
expect_err "qty not a number" 1 "muster: quantity must be a number: 3x" mu tick 1 --qty 3x
expect_err "qty zero" 1 "muster: quantity must be positive: 0" mu tick 1 --qty 0
expect_err "qty negative" 1 "muster: quantity must be positive: -2" mu untick 1 --qty -2
expect_err "tick needs an item" 1 "muster: missing argument (usage: muster tick ITEM [--qty N | --set N] [--event E])" mu tick
expect_exit "unknown list" 2 mu items --list Balloons
finish
