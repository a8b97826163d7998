#!/bin/bash
# Dependencies on screen: a task waiting for an open dependency is marked
# [<]; the edit form lists what it needs (read-only) with their status; the
# mark goes when the dependency is done (by another process, live).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board

tui_start 80 24
# R: All roles; / #7: the QR-code task that needs the bait product (#5).
keys R
expect_screen "all tasks" "├Tasks · All 0/18"
keys /; wait_for "Search in this pane" 2; type_text "#7"; keys Enter
expect_screen "waits for an open dependency" "[<]  #7 Per-staff QR codes w…"
keys e
expect_screen "edit form" "Edit task #7"
expect_screen "the form lists what it needs" "Needs #5 Choose bait product (39… (todo)"
keys Escape
wait_gone "Edit task #7" 2
mu task done 5 >/dev/null
expect_screen "dependency done: the mark goes" "[ ]  #7 Per-staff QR codes w…" 1
expect_screen "#5 done" "[x]  #5 Choose bait product"
finish
