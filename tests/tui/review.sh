#!/bin/bash
# The review screen (issue 4, the four steps): v opens it from any pane (it
# is in the action table, so ? lists it); step 1 shows target, actual,
# completion and pace per stage; a adds a note for the stage under the
# cursor (cause, factor type, lesson) through review.h, e edits, d deletes.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board
for kv in acquisition:14000 activation:1800 retention:300 ads:20000; do
	mu metric set "${kv%%:*}" "${kv##*:}" >/dev/null
done

tui_start 80 24 MUSTER_TODAY=2026-09-15
keys '?'
expect_screen "help lists the review key" "v                Review: targets vs actuals, causes, factors, lessons"
keys Escape
wait_gone "Help · muster keys" 2

# v: the review over the whole screen.
keys v
expect_block "step 1: targets vs actuals" <<'EOF2'
┌Review · Mid-Autumn Whitening Package Promo──
│1 · Targets vs actuals                                                        │
│              Target  Actual  Done  Pace                                      │
│acquisition      25k     14k   56%  ahead 3 %                                 │
│activation     3.75k    1.8k   48%  behind 12 %                               │
│retention       1.5k     300   20%  behind 63 %                               │
│revenue        1.05k       0    0%  behind 100 %                              │
│ads            41.7k     20k   48%  budget line                               │
EOF2
expect_screen "budget, spend and ROI" "│Budget 45k · spent 20k (44%) · ROI -1.0 · I/O 1:0.0 · goal behind 100 %"
expect_screen "no notes yet" "No notes yet: a adds one"
expect_fits "review fits 80x24" 80

# j j a: a note for retention; a bad factor is refused in place.
keys j j a
expect_screen "form for the stage under the cursor" "Stage  retention"
keys Tab; type_text x; keys Enter
expect_screen "bad factor refused" "c controllable, s semi-controllable, u uncontrollable"
keys C-u; type_text s; keys Tab
type_text "Group-buy page broke for 2 days"; keys Tab
type_text "Test the page end to end 3 days before"; keys Enter
expect_block "note on screen" <<'EOF2'
│2-4 · Causes, factor types, lessons                                           │
│retention    semi-controllable Group-buy page broke for 2 days → Lesson: Test…│
EOF2
expect_screen "note count on the stage row" "behind 63 % · 1 note"
expect_match "note in the db" 'retention +semi-controllable +Group-buy page broke for 2 days +Test the page end to end' "$(mu review)"

# G e: edit the note (the last row): factor u.
keys G e
expect_screen "edit form" "Edit review note"
keys Tab C-u; type_text u; keys Enter
expect_screen "edited factor" "│retention    uncontrollable    Group-buy page broke"
expect_match "edit in the db" 'retention +uncontrollable' "$(mu review)"

# A note added by someone else appears while the screen is open.
mu review add - --cause "Rain on the opening day" --factor uncontrollable >/dev/null
expect_screen "a CLI note shows within 1 s" "│(event)      uncontrollable    Rain on the opening day" 1

# d y: delete the note under the cursor (it stayed on ours across the refresh).
keys d
expect_screen "delete asks" "Delete this review note? y/N"
keys y
wait_gone "Group-buy page broke" 2 && pass "note deleted" || fail "note deleted" "$(screen)"
expect_eq "one note left in the db" "1" "$(mu review --json | grep -c '"id":')"

# Esc: back on the board.
keys Escape
expect_screen "Esc: back to the board" "┌Timeline"
finish
