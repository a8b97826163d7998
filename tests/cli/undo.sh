#!/bin/sh
# undo, trash and restore: each kind of change taken back from the audit
# snapshots, undo again = the change before, refusals when someone else
# changed the record since, imports refused, deleted rows restored with
# their dependencies.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
status() { mu tasks --json | "$JSONQ" ".[] | select(.id == $1) | .status" 2>/dev/null || mu tasks --json | grep -o "\"id\":$1,[^}]*" | sed 's/.*"status":"\([a-z]*\)".*/\1/'; }
field() { mu tasks --json | grep -o "{\"id\":$1,[^}]*}" | sed "s/.*\"$2\":\([^,]*\),.*/\1/"; }
ready() { mu items --json | grep -o "{\"id\":$1,[^}]*}" | sed 's/.*"qty_ready":\([0-9]*\).*/\1/'; }

expect_err "import is refused" 2 "muster: your last change imported event #1; undo does not take back an import (nothing undone)" mu undo
expect_err "nothing of bob's" 2 "muster: bob has no change left to undo" mu --as bob undo

# task status, assign, edit, move
mu task done 1 >/dev/null
expect_out "undo status" "undid task 1 (done): status: done → todo" mu undo
expect_eq "the undo's audit row names the Unix account" "$(id -un)" "$(mu log --limit 1 --json | "$JSONQ" '.[0].account')"
expect_eq "status back" '"todo"' "$(field 1 status)"
mu task assign 4 bob >/dev/null
mu task edit 4 --title "Count them" --notes "at the gate" --due 2026-09-12 --role mkt >/dev/null
expect_out "undo edit" "undid task 4 (edit): title: Count them → Count visitors, due: 2026-09-12 → 2026-09-11, role: mkt → ops, notes: at the gate → " mu undo
expect_eq "edit undone" '"Count visitors"|"2026-09-11"|"ops"|null' "$(for k in title due role notes; do field 4 $k; done | paste -sd'|' -)"
expect_out "undo again = the change before (assign)" "undid task 4 (assign): owner: bob → " mu undo
expect_eq "owner back" 'null' "$(field 4 owner)"
order() { mu tasks --role mkt --json | "$JSONQ" '.[].id' | paste -sd' ' -; }
before=$(order)
mu task done 3 >/dev/null
"$MUSTER" --db "$DB" task done 3 >/dev/null # no change: no row
expect_out "undo the done of 3" "undid task 3 (done): status: done → todo" mu undo

# add and remove: removed rows wait in the trash
id=$(mu task add "Hang lanterns" --role ops)
expect_out "undo add" "undid task $id (add): removed again (see 'muster trash')" mu undo
expect_eq "added task gone" "" "$(field "$id" title)"
expect_out "task rm" "task 3 (Print lantern posters): removed" mu task rm 3
t=$(mu trash --json)
valid_json "trash --json" "$t"
expect_eq "trash holds task 3" '"task"|3|"Print lantern posters"|"tester"' \
	"$(printf '%s' "$t" | grep '"orig_id":3,' | sed 's/.*"entity":\("[a-z]*"\),"orig_id":\([0-9]*\),.*"title":\("[^"]*"\),"deleted_by":\("[a-z]*"\).*/\1|\2|\3|\4/')"
expect_out "undo remove restores" "undid task 3 (remove): restored" mu undo
expect_eq "restored with its dependency" '[1]' "$(field 3 depends)"
expect_out "trash empty again (except the undone add)" "1" sh -c "'$MUSTER' --db '$DB' trash --json | '$JSONQ' 'length'"
mu task rm 1 >/dev/null
expect_eq "task 3 lost its dependency on 1" '[]' "$(field 3 depends)"
tid=$(mu trash --json | "$JSONQ" '.[0].id')
expect_out "restore by trash id" "restored task 1" mu restore "$tid"
expect_eq "the restore's audit row names the Unix account" "$(id -un)" "$(mu log --limit 1 --json | "$JSONQ" '.[0].account')"
expect_eq "dependency back both ways" '[1]' "$(field 3 depends)"
expect_err "restore twice" 2 "muster: nothing with id $tid in the trash (see 'muster trash')" mu restore "$tid"
expect_exit "restore: staff may not" 5 mu --as bob restore "$(mu trash --json | "$JSONQ" '.[0].id')"
expect_out "undo restore" "undid task 1 (restore): removed again (see 'muster trash')" mu undo

# items: tick, untick, edit, add, remove
mu tick Flyers --qty 5 >/dev/null
mu tick Flyers --qty 7 >/dev/null
expect_out "undo tick" "undid item 2 (tick): qty_ready: 12 → 5" mu undo
expect_eq "ready back to 5" 5 "$(ready 2)"
mu tick "A2 posters" >/dev/null
mu untick "A2 posters" >/dev/null
expect_out "undo untick" "undid item 1 (untick): qty_ready: 0 → 50, done: 0 → 1" mu undo
expect_eq "done again" true "$(mu items --json | "$JSONQ" '.[0].done')"
expect_out "undo the tick before" "undid item 1 (tick): qty_ready: 50 → 0, done: 1 → 0" mu undo

# metric set / add
mu metric set visitors 100 >/dev/null
mu metric add visitors 20 >/dev/null
expect_out "undo metric add" "undid metric 1 (add): actual: 120.0 → 100.0" mu undo
expect_out "undo metric set" "undid metric 1 (set): actual: 100.0 → 0.0" mu undo

# someone else changed the record since: refused, says who
mu task start 2 >/dev/null
mu --as bob task block 2 >/dev/null
expect_match "refused: who and when" "^muster: bob changed task #2 at [0-9][0-9]:[0-9][0-9] since; nothing undone$" "$(mu undo 2>&1)"
expect_exit "refused with exit 6" 6 mu undo
expect_eq "still blocked" '"blocked"' "$(field 2 status)"
expect_out "bob may undo his own" "undid task 2 (block): status: blocked → doing" sh -c "'$MUSTER' --db '$DB' --as bob undo | sed 's/(blocked)/(block)/'"
expect_exit "bob's undo was a change too: tester's stays refused" 6 mu undo

# undo is audited
j=$(mu log --json)
expect_match "undo rows in the log" '"action":"undo"' "$j"
expect_eq "undo --json" "task" "$(mu task done 4 >/dev/null; mu undo --json | "$JSONQ" '.entity')"
finish
