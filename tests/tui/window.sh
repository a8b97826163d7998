#!/bin/bash
# A long task list (muster gen, 3000 tasks, "All"): G shows the last page
# (read from the end), g the first; PgDn and PgUp far into the list (read by
# keyset from the window before) show exactly the rows the CLI lists there;
# the cursor follows its record when another terminal removes a task above.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
mu gen --tasks 3000 --items 100 --samples 5 --seed 11 >/dev/null || { echo "FAIL: gen"; exit 1; }

# every task id in position order (one event), and the ids on screen
all_ids() { mu tasks --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p'; }
shown() { screen | sed -n 's/^│\[.\] *#\([0-9]*\) .*/\1/p'; }
# at ROW: the ids the CLI lists from row ROW on, as many as are shown
slice() { all_ids | sed -n "$(($1 + 1)),$(($1 + $2))p" | tr '\n' ' '; }
# expect_window NAME ROW : the screen shows the rows ROW.. of the list
expect_window() {
	_ids=$(all_ids)
	_want=$(printf '%s\n' "$_ids" | sed -n "$(($2 + 1)),$(($2 + H))p" | tr '\n' ' ')
	_deadline=$(($(date +%s%N) / 1000000 + 5000))
	while :; do
		_got=$(shown | tr '\n' ' ')
		[ "$_got" = "$_want" ] && { pass "$1"; return; }
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && break
		sleep 0.05
	done
	fail "$1" "rows from $2: wanted <<$_want>> got <<$_got>>"
}
status_of() { mu tasks --json | grep "^{\"id\":$1," | sed 's/.*"status":"\([a-z]*\)".*/\1/'; }
# expect_status NAME ID STATUS : the task gets STATUS within 5 s
expect_status() {
	_deadline=$(($(date +%s%N) / 1000000 + 5000))
	while [ "$(status_of "$2")" != "$3" ]; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && { fail "$1" "task $2 is $(status_of "$2"), not $3"; return; }
		sleep 0.05
	done
	pass "$1"
}
# space's toggle: done <-> todo, anything else -> done
toggled() { [ "$1" = done ] && echo todo || echo done; }

tui_start 90 30
# R until the All list, z: the tasks pane alone
for _ in 1 2 3 4 5 6 7 8 9 10; do
	_title=$(screen | grep -o 'Tasks · [^0-9]*[0-9]*/[0-9]*' | head -n 1)
	case $_title in *"· All "*) break ;; esac
	keys R
	wait_gone "$_title" 2
done
keys z
wait_re 'Tasks · All [0-9]+/3000' 5 && pass "the All list of 3000 tasks" || fail "the All list of 3000 tasks" "$(screen | head -n 3)"
H=$(shown | wc -l | tr -d ' ')
expect_match "a page of rows" "^[1-9][0-9]+$" "$H"
TOTAL=3000
LAST=$(all_ids | tail -n 1)

# G: the last page, cursor on the last task; space ticks it.
keys G
expect_window "G shows the last page" $((TOTAL - H))
WAS=$(status_of "$LAST")
keys Space
expect_status "space on the last row toggles the last task" "$LAST" "$(toggled "$WAS")"
keys Space
expect_status "and back" "$LAST" "$(toggled "$(toggled "$WAS")")"

# PgUp x 3 from the end: read backwards by keyset from the window before.
keys PgUp PgUp PgUp
expect_window "PgUp x3 from the end" $((TOTAL - H - 3 * (H - 1)))
keys g
expect_window "g: the first page" 0
# PgDn x 12: each page read after the last row of the one before.
keys PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn
TOP=$((12 * (H - 1)))
expect_window "PgDn x12" "$TOP"

# The cursor three rows down; another terminal removes the first task of the
# window: the rows move up by one, the cursor stays on its task.
keys j j j
CUR=$(all_ids | sed -n "$((TOP + 4))p")
wait_cursor() { screen_esc | grep "#$CUR " | grep -q '48;5;'; }
_i=0; until wait_cursor || [ $_i -ge 100 ]; do sleep 0.05; _i=$((_i + 1)); done
FIRST=$(all_ids | sed -n "$((TOP + 1))p")
mu task rm "$FIRST" >/dev/null
expect_window "the window after a removal above the cursor" "$TOP"
WAS=$(status_of "$CUR")
keys Space
expect_status "the cursor followed its task: space toggles it" "$CUR" "$(toggled "$WAS")"
keys Space
expect_status "and back again" "$CUR" "$(toggled "$(toggled "$WAS")")"
# after the change, paging on reads the right rows
keys PgDn PgDn
expect_window "PgDn after a change" $((TOP + 2 * (H - 1)))
keys k PgUp
expect_window "PgUp after PgDn" $((TOP + H - 1))
TOTAL=2999
keys End
expect_window "End shows the last page" $((TOTAL - H))
finish
