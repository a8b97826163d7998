#!/bin/bash
# A first run that lets you work (issue 10).  With no board at the default
# path, bare `muster` shows a welcome and creates nothing until a choice:
# quit (nothing made), an empty board, or a template from a start date (the
# user its coordinator; a bad date refused).  `make run`'s demo: opened as
# alice, its coordinator, labelled demo in the title line, its events
# running or to come (dates relative to today), and Space ticks at once.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
DATAH=$TMP/xdg-data
BOARD=$DATAH/muster/board.db
# welcome_start [ARGS] : bare muster (no --db, no $MUSTER_DB) in tmux as root-like "newbie"
welcome_start() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	_nstart=$((_nstart + 1))
	SOCK=muster-test-$$-$_nstart
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 24 \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=$MUSTER_TODAY MUSTER_USER=newbie \
		 XDG_DATA_HOME=$DATAH XDG_CONFIG_HOME=$XDG_CONFIG_HOME $MUSTER $* 2>$TMP/tui.err; echo \"[exited \$?]\"; sleep 3600"
	tmux -L "$SOCK" resize-window -x 120 -y 24 2>/dev/null
}
nothing_made() { [ ! -e "$DATAH" ] && echo nothing || find "$DATAH"; }

# 1. the welcome, then quit: nothing created
welcome_start
expect_screen "welcome on a missing board" "There is no board at $BOARD yet."
expect_screen "offers an empty board" " e  Create an empty board"
expect_screen "offers the templates" " 2  Import Mid-Autumn Whitening Package Promo (18 tasks, 11 days)"
expect_screen "and quitting" " q  Quit (nothing is created)"
expect_eq "nothing created while it shows" nothing "$(nothing_made)"
keys j j; keys q
expect_screen "q quits" "[exited 0]"
expect_eq "quit: nothing created" nothing "$(nothing_made)"

# 2. a template: the start date asked (prefilled), a bad one refused
welcome_start
wait_for "There is no board" 5
keys 2
expect_screen "start date prefilled (today + 14)" "Start date: 2026-09-15"
keys BSpace BSpace BSpace; type_text "x9"; keys Enter
expect_screen "a bad date is refused" "not a date: 2026-099"
expect_eq "bad date: nothing created" nothing "$(nothing_made)"
keys Escape
wait_gone "Start date:" 2
expect_eq "Esc: back to the choices, nothing created" nothing "$(nothing_made)"
keys 2 C-u; type_text 2026-10-01; keys Enter
expect_screen "the board opens on the imported event, the user coordinating" "newbie (coordinator)"
expect_screen "the event" " muster · Mid-Autumn Whitening Package"
expect_eq "board made at the default path" yes "$([ -f "$BOARD" ] && echo yes)"
keys q
expect_screen "quit the board" "[exited 0]"
expect_eq "imported from the start date" 2026-10-01 "$("$MUSTER" --db "$BOARD" events --json | "$JSONQ" '.[0].start')"
expect_match "the user is its coordinator" '^newbie +coordinator' "$("$MUSTER" --db "$BOARD" people)"
expect_eq "the template's people kept" 6 "$("$MUSTER" --db "$BOARD" people --json | "$JSONQ" 'length')"
# the board exists now: no welcome again
welcome_start
expect_screen "second run: the board, no welcome" "newbie (coordinator)"
rm -rf "$DATAH"

# 3. an empty board
welcome_start
wait_for "There is no board" 5
keys e
expect_screen "e: an empty board opens" " muster · no event"
expect_eq "an empty board at the path" "[]" "$("$MUSTER" --db "$BOARD" events --json)"
rm -rf "$DATAH"

# --db naming a missing file: the same welcome, for that path
welcome_start --db "$TMP/new/b.db"
expect_screen "--db missing: the welcome names it" "There is no board at $TMP/new/b.db yet."
keys Escape
expect_screen "Esc quits too" "[exited 0]"
expect_eq "--db missing: nothing created" no "$([ -e "$TMP/new" ] && echo yes || echo no)"

# 4. make run: the demo
expect_match "make run opens the demo as alice" '^\./muster --db build/demo\.db --as alice$' \
	"$(cd "$ROOT" && env -u MAKEFLAGS -u MAKELEVEL -u BUILD make -n --no-print-directory run 2>/dev/null | grep 'demo.db --as')"
(cd "$ROOT" && MUSTER=$MUSTER sh tools/demo.sh "$TMP/demo.db" >/dev/null) || fail "tools/demo.sh" "failed"
DB=$TMP/demo.db
for id in $(mu events --json | "$JSONQ" '.[].id'); do
	end=$(mu events --json | grep "\"id\":$id," | sed 's/.*"end":"\([^"]*\)".*/\1/')
	if [[ ! $end < $MUSTER_TODAY ]]; then pass "demo event $id not over ($end)"; else fail "demo event $id not over" "ended $end"; fi
	expect_match "demo: alice coordinates event $id" '^alice +coordinator' "$(mu --as alice people --event "$id" | grep '^alice ')"
done
tui_start 80 24 MUSTER_USER=alice -- --as alice
expect_screen "demo: labelled in the title line" " muster (demo) · Mid-Autumn"
expect_screen "demo: warm-up, twelve days to go" "Warm-up · T-12d"
expect_screen "demo: as coordinator" "alice (coordinator)"
first=$(screen | grep -o '#[0-9]* ' | head -n 1 | tr -d '# ')
before=$(mu tasks --json | grep "\"id\":$first," | sed 's/.*"status":"\([a-z]*\)".*/\1/')
mark=$(screen | grep -o "\[.\] #$first " | head -n 1)
keys Space
if wait_re "\[[^${mark:1:1}]\] #$first " 3; then pass "demo: Space ticks at once (on screen: $mark -> the other)"; else
	fail "demo: Space ticks at once" "$(screen)"; fi
for _ in $(seq 40); do
	after=$(mu tasks --json | grep "\"id\":$first," | sed 's/.*"status":"\([a-z]*\)".*/\1/')
	[ "$after" != "$before" ] && break
	sleep 0.05
done
expect_eq "demo: the tick is saved (task #$first $before -> done or todo)" changed "$([ -n "$after" ] && [ "$after" != "$before" ] && echo changed)"
expect_no_screen "demo: no 'viewers may only read'" "viewers may only read"
expect_eq "demo: logged as alice" alice "$(mu log --limit 1 --json | "$JSONQ" '.[0].actor')"
finish
