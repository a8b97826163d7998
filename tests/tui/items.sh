#!/bin/bash
# Materials by keys, checked with `muster items --json`; a change made by the
# CLI appears on screen within 1 s; a click on a checkbox ticks.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board

tui_start 80 24
# Keys: 3 (materials), j (second row), space (tick Staff QR posters).
keys 3 j Space
expect_screen "space ticks on screen" "[x] Staff QR posters     30/30 pcs"
expect_screen "list progress in the title" "Materials · Print & promo 1/4"
expect_eq "space ticks in the db" "true" "$(item_field 2 done)"
# space again: untick (ready back to 0)
keys Space
expect_screen "space unticks" "[ ] Staff QR posters      0/30 pcs"
expect_eq "untick in the db" "0" "$(item_field 2 qty_ready)"
# + + - : ready 1
keys + + -
expect_screen "+ + - leaves one ready" "[ ] Staff QR posters      1/30 pcs"
expect_eq "+/- in the db" "1" "$(item_field 2 qty_ready)"
# r: the next checklist
keys r
expect_screen "r cycles to Gifts" "Materials · Gifts 0/2"
keys R
expect_screen "R cycles back" "Materials · Print & promo 0/4"
keys j  # cycling starts a list at its top: back to Staff QR posters

# Live: another process ticks; the screen shows it within 1 s.
mu tick 3 --qty 5 >/dev/null
expect_screen "CLI tick shows within 1 s" "[ ] Flyers              5/2000 pcs" 1
mu untick 3 --qty 2 >/dev/null
expect_screen "CLI untick shows within 1 s" "3/2000 pcs" 1
# ...and the row flashes (UI_FLASH has a background in the default theme)
if screen_esc | grep 'Flyers' | grep -q '48;5;'; then pass "changed row flashes"; else
	fail "changed row flashes" "$(screen_esc | grep Flyers | cat -v)"; fi
# the cursor stayed on its record (Staff QR posters) across the refresh
keys Space
expect_screen "cursor kept its row across refresh" "[x] Staff QR posters     30/30 pcs"

# Mouse: a click on the checkbox of "A2 posters" (screen row 13, col 46) ticks it.
keys -l $'\e[<0;46;13M'
keys -l $'\e[<0;46;13m'
expect_screen "click on a checkbox ticks" "[x] A2 posters           50/50 pcs"
expect_eq "click tick in the db" "true" "$(item_field 1 done)"

# / search in the list (item_find_text, from the cursor on A2 posters):
# "poster" finds Staff QR posters; n wraps to A2 posters; N goes back; space
# unticks the row under the cursor (both posters are ticked by now).
keys /; wait_for "Search in this pane" 2; type_text "POSTER"; keys Enter
wait_gone "Search in this pane" 2
keys n N Space
# (unticked: back to the 1 ready before its tick, issue 12)
expect_screen "search, n, N: the cursor on Staff QR posters" "[ ] Staff QR posters      1/30 pcs"
expect_eq "the searched row unticks in the db" "false" "$(item_field 2 done)"
expect_eq "the other match is left alone" "true" "$(item_field 1 done)"
keys Space
expect_screen "tick the searched row again" "[x] Staff QR posters     30/30 pcs"
keys /; wait_for "Search in this pane" 2; keys C-u; type_text "no such item"; keys Enter
expect_screen "item search not found" "not found: no such item"

# z: the checklist alone, as on a phone; it still works at 30x8.
keys z
resize 30 8
# ("[x] A2 posters" is on screen before the resize: look for the rows
# redrawn 30 columns wide, border and all)
expect_block "zoomed list works small" <<'EOF2'
┌Materials · Print & promo 2…┐
│[x] A2 posters     50/50 pcs│
EOF2
expect_fits "zoomed small fits" 30
finish
