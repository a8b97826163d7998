#!/bin/bash
# Tasks by keys: add and edit a task with a CJK title, a bad date refused in
# place, status cycling, roles, mine, reorder, delete with confirmation, search.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board

tui_start 80 24
expect_screen "starts on alice's role" "├Tasks · Project controller 0/5"

# a: the form.  Title 中秋礼盒 海报, Tab, owner bob, Tab, due 2026-13-40, Enter.
keys a
expect_screen "add form opens" "New task"
type_text "中秋礼盒 海报"; keys Tab; type_text bob; keys Tab; type_text 2026-13-40; keys Enter
expect_screen "bad date refused next to the field" "not a date: 2026-13-40"
expect_eq "nothing saved on a bad date" "18" "$(mu tasks --json | grep -c '"id":')"
# C-u clears the field; a good date saves.
keys C-u; type_text 2026-09-05; keys Enter
expect_block "CJK task added, columns aligned" <<'EOF2'
│[ ] #18 Four-step review and… alice Sep 28││
│[ ] #19 中秋礼盒 海报         bob   Sep 05││
EOF2
expect_match "added in the db" '"title":"中秋礼盒 海报"' "$(mu tasks --json)"
expect_fits "CJK row fits" 80

# e: edit; End, type （改）, Enter.  The cursor is on the new task.
keys e
expect_screen "edit form opens" "Edit task #19"
keys End; type_text "（改）"; keys Enter
expect_screen "edited title on screen" "#19 中秋礼盒 海报（改）"
expect_match "edited in the db" '"title":"中秋礼盒 海报（改）"' "$(mu tasks --json)"
# Escape cancels without saving.
keys e; wait_for "Edit task #19" 2; type_text "XYZ"; keys Escape
wait_gone "Edit task #19" 2
expect_no_screen "escape saved nothing" "XYZ"

# s cycles todo → doing → done; space toggles done.
keys s
expect_screen "s: doing" "[~] #19"
keys s
expect_screen "s: done" "[x] #19"
expect_screen "done count in the title" "Project controller 1/6"
keys Space
expect_screen "space: back to todo" "[ ] #19"
keys b
expect_screen "b: blocked" "[!] #19"

# K moves the task up (task_move); the cursor follows it.
keys K
expect_block "K moved #19 above #18" <<'EOF2'
│[!] #19 中秋礼盒 海报（改）   bob   Sep 05││
│[ ] #18 Four-step review and… alice Sep 28││
EOF2

# d asks; n keeps, y deletes.
keys d
expect_screen "delete asks" 'Delete task #19'
keys n
# (#19 was on screen before n: wait for the dialog to close, then look)
wait_gone "Delete task #19" 2 || fail "n closes the dialog" "$(screen)"
expect_screen "n keeps the task" "#19 中秋礼盒"
expect_eq "n: still in the db" "19" "$(mu tasks --json | grep -c '"id":')"
keys d; wait_for "Delete task #19" 2; keys y
wait_gone "#19 中秋礼盒" 2 && pass "y deletes" || fail "y deletes" "$(screen)"
expect_eq "deleted in the db" "18" "$(mu tasks --json | grep -c '"id":')"

# r cycles roles (then All); m shows only mine.
keys r
expect_screen "r: next role" "├Tasks · Marketing & sales 0/3"
keys R R
expect_screen "R R: All" "├Tasks · All 0/18"
keys m
expect_screen "m: mine" "├Tasks · All · mine 0/5"
keys m

# / search, n next.
keys /
wait_for "Search in this pane" 2
type_text "gift"; keys Enter
expect_screen "search jumps" "#9 Gift supplier quote"
if screen_esc | grep 'Gift supplier' | grep -q '48;5;'; then pass "search selects the row"; else
	fail "search selects the row" "$(screen_esc | grep 'Gift supplier' | cat -v)"; fi
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "no such thing"; keys Enter
expect_screen "search not found" "not found: no such thing"
# From #9: "post" finds #11 (Teaser posts), n wraps to #7 (auto posters),
# N goes back to #11; space ticks the row under the cursor.
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "post"; keys Enter
wait_gone "Search in this pane" 2
keys n
expect_screen "n wraps around" "#7 Per-staff QR codes"
keys N Space
expect_screen "N: back to #11, space ticks it" "[x] #11 Teaser posts"
expect_match "the searched task is done in the db" '"id":11,.*"status":"done"' "$(mu tasks --json)"
keys Space
expect_screen "untick #11" "[ ] #11 Teaser posts"
# "#7" finds the task by its id.
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "#7"; keys Enter
wait_gone "Search in this pane" 2
keys Space
expect_screen "#7 finds task 7" "[x]  #7 Per-staff QR codes"
keys Space
expect_screen "untick #7 (it waits on #5 again)" "[<]  #7 Per-staff QR codes"
# A search that finds nothing, n again nothing; once another terminal adds
# a match, n finds it.
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "no such thing"; keys Enter
wait_gone "Search in this pane" 2
keys n
mu task add "Plan: no such thing" >/dev/null
expect_screen "the new task is counted" "├Tasks · All 0/19"
keys n
expect_screen "n finds the new match" "Plan: no such thi"
mu task rm "$(mu tasks --search 'no such thing' --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')" >/dev/null
expect_screen "and it goes" "├Tasks · All 0/18"
finish
