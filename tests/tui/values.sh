#!/bin/bash
# Whole values and kept counts on the board (issue 12): a 1000-character
# title and 5000-character notes (lines, CJK, a tab) survive an edit of Due
# byte for byte, and an edit at their ends keeps every byte before it; a
# title takes exactly the model's 1024 bytes and no more; notes wrap over
# several rows and scroll; Space, Space on "Staff QR posters 12/30" gives
# 30/30 then 12/30 again; = sets 500 of 2000 flyers; the item form's Ready.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
${CC:-cc} -O1 -o "$TMP/sqlq" "$ROOT/tests/cli/sqlq.c" -lsqlite3 || { echo "FAIL: build sqlq"; exit 1; }
q() { "$TMP/sqlq" "$DB" "$1"; }
board

# 4 CJK characters (12 bytes) and 996 others: 1000 characters, 1008 bytes
title="中秋月饼$(printf 'T%.0s' $(seq 1 996))"
# 5000 characters over 50 lines: "line NN 中 " and a tab, filled to 100 each
notes=$(for i in $(seq -w 1 50); do l="line $i 中	"; printf '%s' "$l"; printf 'n%.0s' $(seq 1 89); [ "$i" != 50 ] && printf '\n'; done; printf 'x')
expect_eq "the title is 1000 characters" 1000 "$(printf '%s' "$title" | wc -m | tr -d ' ')"
expect_eq "the notes are 5000 characters" 5000 "$(printf '%s' "$notes" | wc -m | tr -d ' ')"
mu task edit 12 --title "$title" --notes "$notes" >/dev/null
t_hex() { q "SELECT hex(title) FROM task WHERE id = 12"; }
n_hex() { q "SELECT hex(notes) FROM task WHERE id = 12"; }
want_t=$(t_hex) want_n=$(n_hex)

tui_start 100 30
for _ in 1 2 3 4 5 6 7 8 9; do screen | grep -q "Tasks · Operations" && break; keys r; sleep 0.1; done
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "#12"; keys Enter; wait_gone "Search in this pane" 2
keys e
expect_screen "the form opens" "Edit task #12"
expect_screen "notes wrap over rows, shown from the top: the second line" "line 02 中"
keys Tab Tab C-u; type_text 2026-09-06; keys Enter
wait_gone "Edit task #12" 3 || fail "form closes" "$(screen)"
expect_eq "Due saved" "2026-09-06" "$(q "SELECT due FROM task WHERE id = 12")"
expect_eq "the 1000-character title: every byte" "$want_t" "$(t_hex)"
expect_eq "the 5000-character notes: every byte" "$want_n" "$(n_hex)"

# an edit at the end of each keeps all that is before it
keys e; wait_for "Edit task #12" 3
keys End; type_text "?"; keys Tab Tab Tab Tab Tab; type_text "!"; keys Enter
wait_gone "Edit task #12" 3
expect_eq "title + ?: whole" "$title?" "$(q "SELECT title FROM task WHERE id = 12")"
expect_eq "notes + !: whole" "$notes!" "$(q "SELECT notes FROM task WHERE id = 12")"
# the notes scroll: Up from the end shows the lines before the last rows
keys e; wait_for "Edit task #12" 3
keys Tab Tab Tab Tab Tab
expect_screen "at the end of the notes: the last line" "line 50 中"
for _ in $(seq 1 21); do keys Up; done
expect_screen "scrolled up" "line 40 中"
keys Escape; wait_gone "Edit task #12" 3

# the title takes 1024 bytes, not one more (1009 now: 15 more fit)
keys e; wait_for "Edit task #12" 3
keys End; type_text "abcdefghijklmnopqrstuvwxyz"
expect_screen "at the limit: says so" "Title: at most 1024 bytes"
keys Enter
wait_gone "Edit task #12" 3
expect_eq "the title is 1024 bytes" 1024 "$(q "SELECT length(CAST(title AS BLOB)) FROM task WHERE id = 12")"
expect_eq "ending in what fitted" "${title}?abcdefghijklmno" "$(q "SELECT title FROM task WHERE id = 12")"

# --- counts: 12/30 → Space → 30/30 → Space → 12/30; = 500 of 2000 --------------
mu tick "Staff QR posters" --set 12 >/dev/null
keys 3
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "Staff QR"; keys Enter; wait_gone "Search in this pane" 2
expect_screen "12/30 on the board" "[ ] Staff QR posters              12/30 pcs"
keys Space
expect_screen "Space: 30/30" "[x] Staff QR posters              30/30 pcs"
keys Space
expect_screen "Space again: 12/30, not 0/30" "[ ] Staff QR posters              12/30 pcs"
expect_eq "12 in the db" 12 "$(q "SELECT qty_ready FROM item WHERE title = 'Staff QR posters'")"
keys j
keys =
expect_screen "= asks how many are ready" "Ready (of 2000)"
keys C-u; type_text 500; keys Enter
expect_screen "= 500: 500/2000" "500/2000 pcs"
expect_eq "500 in the db, audited as set" "500 set" "$(q "SELECT qty_ready FROM item WHERE title = 'Flyers'") $(q "SELECT action FROM log ORDER BY id DESC LIMIT 1")"
keys u
expect_screen "u undoes the set" "0/2000 pcs"
keys e
expect_screen "the item form" "Edit item"
keys Tab Tab C-u; type_text 600; keys Enter
expect_screen "its Ready field: 600/2000" "600/2000 pcs"
expect_eq "600 in the db" 600 "$(q "SELECT qty_ready FROM item WHERE title = 'Flyers'")"
finish
