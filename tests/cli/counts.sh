#!/bin/sh
# Counts kept (issue 12): untick gives back the ready quantity an item had
# before the tick that made it done (12/30 → 30/30 → 12/30); `tick --set N`
# sets it (500 of 2000 flyers), audited and undoable; an edit of the needed
# quantity and undo keep the count; the audit row of `task edit --title`
# holds the title and nothing else.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
fixture
ready() { sqlq "$DB" "SELECT qty_ready || '/' || qty || CASE WHEN done THEN ' done' ELSE '' END FROM item WHERE id = $1"; }

# A2 posters: 50 needed
expect_out "tick 12" "item 1 (A2 posters): 12/50 pcs" mu tick 1 --qty 12
expect_out "tick: done" "item 1 (A2 posters): 50/50 pcs, done" mu tick 1
expect_out "untick: the 12 come back" "item 1 (A2 posters): 12/50 pcs" mu untick 1
expect_out "untick of a part-ready item: 0" "item 1 (A2 posters): 0/50 pcs" mu untick 1
mu tick 1 --qty 48 >/dev/null
expect_out "ticked done by +2: untick gives 48" "item 1 (A2 posters): 48/50 pcs" sh -c "'$MUSTER' --db '$DB' tick 1 --qty 2 >/dev/null && '$MUSTER' --db '$DB' untick 1"
mu tick 1 >/dev/null
mu untick 1 --qty 1 >/dev/null
expect_eq "untick --qty 1 from done: 49, not done" "49/50" "$(ready 1)"
mu tick 1 >/dev/null
expect_out "and a tick from 49, untick: 49" "item 1 (A2 posters): 49/50 pcs" mu untick 1
# the needed quantity lowered while done: untick stays below it
mu tick 1 --set 10 >/dev/null
mu tick 1 >/dev/null
sqlq "$DB" "UPDATE item SET qty = 8 WHERE id = 1"
expect_out "needed lowered to 8 since: untick gives 7, not 10" "item 1 (A2 posters): 7/8 pcs" mu untick 1
sqlq "$DB" "UPDATE item SET qty = 50, qty_ready = 0, done = 0, ready_before = NULL WHERE id = 1"

# --set
expect_out "set 500 of 2000" "item 2 (Flyers): 500/2000 pcs" mu tick Flyers --set 500
expect_eq "the audit row: action set" "set|{\"qty_ready\":0,\"done\":0,\"ready_before\":null}|{\"qty_ready\":500,\"done\":0,\"ready_before\":null}" \
	"$(sqlq "$DB" "SELECT action, old, new FROM log ORDER BY id DESC LIMIT 1")"
expect_out "set 0 works" "item 2 (Flyers): 0/2000 pcs" mu tick 2 --set 0
expect_out "undo takes the set back" "undid item 2 (set): qty_ready: 0 → 500" mu undo
expect_out "set 2000: done" "item 2 (Flyers): 2000/2000 pcs, done" mu tick 2 --set 2000
expect_out "untick: back to the 500 before the set" "item 2 (Flyers): 500/2000 pcs" mu untick 2
expect_out "undo the untick: done again" "undid item 2 (untick): qty_ready: 500 → 2000, done: 0 → 1" mu undo
expect_out "and untick after the undo: 500 still kept" "item 2 (Flyers): 500/2000 pcs" mu untick 2
expect_out "set beyond the need: done" "item 2 (Flyers): 2100/2000 pcs, done" mu tick 2 --set 2100
n=$(sqlq "$DB" "SELECT count(*) FROM log")
expect_err "--set and --qty together" 1 "muster: give either --qty N (add N) or --set N (N ready), not both" mu tick 2 --set 5 --qty 2
expect_err "--set -1" 1 "muster: ready quantity must be 0 or more: -1" mu tick 2 --set -1
expect_err "--set x" 1 "muster: ready quantity must be a number: x" mu tick 2 --set x
expect_err "--set past the limit" 1 "muster: the ready quantity must be between 0 and 1000000000" mu tick 2 --set 1000000001
expect_err "untick has no --set" 1 "muster: unknown option --set for untick (see muster untick --help)" mu untick 2 --set 5
expect_eq "refusals wrote nothing" "$n 2100/2000 done" "$(sqlq "$DB" "SELECT count(*) FROM log") $(ready 2)"
expect_err "a viewer may not set" 5 "muster: nobody (viewer) may not tick item #2: viewers may only read" mu --as nobody tick 2 --set 1
expect_match "tick --help shows --set" "tick ITEM \[--qty N \| --set N\]" "$(mu tick --help)"

# the audit row holds exactly the fields written
mu task edit 1 --title "Book the stalls early" >/dev/null
expect_eq "task edit --title: the title only" '{"title":"Book the stalls"}|{"title":"Book the stalls early"}' \
	"$(sqlq "$DB" "SELECT old, new FROM log ORDER BY id DESC LIMIT 1")"
notes=$(sqlq "$DB" "SELECT notes FROM task WHERE id = 1")
mu task edit 1 --notes "by noon" >/dev/null
mu task edit 1 --title "Book the stalls" >/dev/null
expect_eq "the notes written by the other edit stay" "by noon" "$(sqlq "$DB" "SELECT notes FROM task WHERE id = 1")"
expect_eq "an edit that changes nothing writes no row" "$(sqlq "$DB" "SELECT count(*) FROM log")" \
	"$(mu task edit 1 --title "Book the stalls" >/dev/null; sqlq "$DB" "SELECT count(*) FROM log")"
expect_out "undo of the title edit leaves the notes" "undid task 1 (edit): title: Book the stalls → Book the stalls early" mu undo
expect_eq "notes still by noon" "by noon" "$(sqlq "$DB" "SELECT notes FROM task WHERE id = 1")"
finish
