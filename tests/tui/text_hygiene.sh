#!/bin/bash
# Text hygiene on the board (issue 11): an old board whose titles, names and
# notes hold C1 controls, bidi controls and line separators (planted with
# SQL: the model refuses them now) shows each as '?' and sends none of them
# to the terminal: the capture with escapes (capture-pane -e) holds no raw
# byte of them, and the layout stays in line.  Typed into a form, the same
# characters are refused with their code point and byte.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
source "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
board

HOSTILE="0080 0085 009B 009F 202A 202B 202C 202D 202E 2066 2067 2068 2069 2028 2029"
all=""
for cp in $HOSTILE; do all="$all$(printf "\\u$cp")"; done
hx=$(printf %s "$all" | od -An -tx1 | tr -d ' \n')
RAW=$'\xc2[\x80-\x9f]\|\xe2\x80[\xa8-\xae]\|\xe2\x81[\xa6-\xa9]'
raw() { LC_ALL=C grep -ac "$RAW"; }
sqlq "$DB" "UPDATE task SET title = 'T' || x'$hx' || 'x' || title, notes = 'N' || x'$hx';
	UPDATE item SET title = 'I' || x'$hx' || title; UPDATE event SET name = 'E' || x'$hx' || name;
	UPDATE phase SET name = 'P' || x'$hx' || name; UPDATE metric SET name = 'M' || x'$hx' || name;
	UPDATE role SET name = 'R' || x'$hx' || name; UPDATE checklist SET name = 'L' || x'$hx' || name" ||
	fail "plant" "sqlq failed"

# the log and the trash hold the planted title too (a removed task), the
# review screen a planted cause
mu task rm 1 >/dev/null
mu review add - --cause "fine" >/dev/null
sqlq "$DB" "UPDATE review SET cause = 'C' || x'$hx'"
tui_start 120 40
wait_re 'T\?{15}x' 5
expect_match "task titles show one ? per character" 'T\?{15}x' "$(screen)"
expect_match "the event name too" ' muster · E\?{15}' "$(screen)"
expect_match "the phase too" ' · P\?{15}Warm-up' "$(screen)"
expect_match "metrics too" '│M\?{10}… 0/25k' "$(screen)"
expect_match "checklists too" 'Materials · L\?{15}Print' "$(screen)"
expect_eq "no raw hostile character on the board (capture -e)" 0 "$(screen_esc | raw)"
expect_fits "the board stays in line" 120
keys Enter
expect_screen "the edit form shows the planted title" "Edit task #"
expect_eq "no raw hostile character in the edit form" 0 "$(screen_esc | raw)"
keys Escape
wait_gone "Edit task #" 2
for k in L:'Log · everyone' T:'Trash · E' P:'People · E' v:'Review · E'; do
	keys "${k%%:*}"
	expect_screen "screen ${k%%:*} opens" "${k#*:}"
	expect_eq "no raw hostile character on screen ${k%%:*}" 0 "$(screen_esc | raw)"
	keys Escape
	wait_gone "${k#*:}" 2
done
keys T
wait_for 'Trash · E' 2
expect_match "the trash shows the title as ?" '#1 T\?{15}x' "$(screen)"
keys Escape
wait_gone 'Trash · E' 2

# a form refuses them with the code point and the byte
tui_start 100 30
keys a
expect_screen "add form opens" "New task"
type_text "ab$(printf '\u202e')cd"
expect_eq "typed, shown as ?" 0 "$(screen_esc | raw)"
keys Enter
expect_screen "form: refused with code point and byte" "contains a bidirectional control U+202E (byte 2)"
expect_eq "nothing saved" 0 "$(mu tasks --json | grep -c 'ab.*cd')"
finish
