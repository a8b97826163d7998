#!/bin/bash
# Two people, one board, two terminals (issue 12): alice edits only the
# title of #12 while bob saves a note and sets it doing: bob's note and
# status survive alice's save, nobody is asked anything, and the audit row
# of her edit holds the title alone.  When both change the notes, alice is
# asked, per field, and what she chose is kept (mine, then theirs); two
# fields changed by both are asked one by one; Esc saves nothing.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
build_sqlq() { ${CC:-cc} -O1 -o "$TMP/sqlq" "$ROOT/tests/cli/sqlq.c" -lsqlite3 || { echo "FAIL: build sqlq"; exit 1; }; }
build_sqlq
q() { "$TMP/sqlq" "$DB" "$1"; }
board
mu people add carol --access coordinator >/dev/null

# Two boards in one tmux server: sessions "alice" and "bob".
tmux -L "$SOCK" kill-server 2>/dev/null
start_as() { # SESSION LOGIN
	tmux -L "$SOCK" -f /dev/null new-session -d -s "$1" -x 100 -y 30 \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=$MUSTER_TODAY MUSTER_USER=$2 \
		 XDG_CONFIG_HOME=$XDG_CONFIG_HOME $MUSTER --db $DB 2>>$TMP/tui.err; echo \"[exited \$?]\"; sleep 3600"
	tmux -L "$SOCK" resize-window -t "$1" -x 100 -y 30 2>/dev/null
}
scr() { tmux -L "$SOCK" capture-pane -p -t "$1"; }
k() { local s=$1; shift; tmux -L "$SOCK" send-keys -t "$s" "$@"; }
typ() { tmux -L "$SOCK" send-keys -t "$1" -l "$2"; }
# on SESSION TEXT [SECONDS]: 0 once TEXT is on that screen
on() {
	local deadline=$(($(date +%s%N) / 1000000 + ${3:-5} * 1000))
	until scr "$1" | grep -qF -- "$2"; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
expect_on() { if on "$1" "$3" "${4:-5}"; then pass "$2"; else fail "$2" "no <<$3>> on $1's screen:
$(scr "$1")"; fi; }
gone() {
	local deadline=$(($(date +%s%N) / 1000000 + ${3:-5} * 1000))
	while scr "$1" | grep -qF -- "$2"; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
# db_is NAME SQL WANT: polls the board (a save lands within the deadline)
db_is() {
	local deadline=$(($(date +%s%N) / 1000000 + 5000)) got
	while got=$(q "$2"); [ "$got" != "$3" ]; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$deadline" ] && break
		sleep 0.05
	done
	expect_eq "$1" "$3" "$got"
}
# to12 SESSION: the cursor on #12 (search "#12" in the tasks pane)
to12() {
	k "$1" /; on "$1" "Search in this pane" 2; k "$1" C-u; typ "$1" "#12"; k "$1" Enter
	gone "$1" "Search in this pane" 2
}

start_as alice alice
start_as bob bob
on alice " muster · " 5 && on bob " muster · " 5 || fail "both boards open" "$(scr alice)"
# alice starts on her role (pm): r until Operations
for _ in 1 2 3 4 5 6 7 8 9; do scr alice | grep -q "Tasks · Operations" && break; k alice r; sleep 0.1; done
expect_on alice "alice on Operations" "Tasks · Operations"
to12 alice
to12 bob

# --- the story: title only vs note + status -----------------------------------
k alice e
expect_on alice "alice's edit form" "Edit task #12"
k alice End; typ alice " v2"           # the title, not saved yet
k bob e
expect_on bob "bob (staff) edits the notes" "Task #12 · notes"
typ bob "bring the QR stand"; k bob Enter
db_is "bob's note saved" "SELECT notes FROM task WHERE id = 12" "bring the QR stand"
gone bob "Task #12 · notes" 2
k bob s
db_is "bob set #12 doing" "SELECT status FROM task WHERE id = 12" "doing"
k alice Enter
gone alice "Edit task #12" 3 || fail "alice's form closes" "$(scr alice)"
if scr alice | grep -q "Changed meanwhile"; then fail "nobody is asked" "$(scr alice)"; else pass "nobody is asked"; fi
db_is "alice's title saved" "SELECT title FROM task WHERE id = 12" "Test group-buy page end to end v2"
db_is "bob's note survives alice's save" "SELECT notes FROM task WHERE id = 12" "bring the QR stand"
db_is "and his status" "SELECT status FROM task WHERE id = 12" "doing"
db_is "alice's audit row: the title alone" "SELECT actor || ' ' || old || ' ' || new FROM log ORDER BY id DESC LIMIT 1" \
	'alice {"title":"Test group-buy page end to end"} {"title":"Test group-buy page end to end v2"}'
expect_on bob "bob's board shows alice's title" "Test group-buy page end to end v2"

# --- the same field: asked, keep mine -------------------------------------------
k alice e; on alice "Edit task #12" 3
k alice Tab Tab Tab Tab Tab; typ alice " + alice"   # notes: the cursor starts at the end
k bob e; on bob "Task #12 · notes" 3
typ bob " + bob"; k bob Enter
db_is "bob's second note" "SELECT notes FROM task WHERE id = 12" "bring the QR stand + bob"
k alice Enter
expect_on alice "asked about the notes" "Changed meanwhile · Notes (1 of 1)"
expect_on alice "who and both values" "bob changed Notes of task #12 at"
expect_on alice "mine shown" "Yours: bring the QR stand + alice"
expect_on alice "theirs shown" "Theirs: bring the QR stand + bob"
k alice m
db_is "keep mine: alice's notes" "SELECT notes FROM task WHERE id = 12" "bring the QR stand + alice"
db_is "the title untouched" "SELECT title FROM task WHERE id = 12" "Test group-buy page end to end v2"

# --- the same field again: keep theirs ---------------------------------------------
gone alice "Changed meanwhile" 2
k alice e; on alice "Edit task #12" 3
k alice Tab Tab Tab Tab Tab; typ alice " again"
k bob e; on bob "Task #12 · notes" 3
k bob C-u; typ bob "bob's final word"; k bob Enter
db_is "bob replaced the notes" "SELECT notes FROM task WHERE id = 12" "bob's final word"
n=$(q "SELECT count(*) FROM log")
k alice Enter
expect_on alice "asked again" "Changed meanwhile · Notes (1 of 1)"
k alice t
gone alice "Changed meanwhile" 3
db_is "keep theirs: bob's notes stay" "SELECT notes FROM task WHERE id = 12" "bob's final word"
db_is "keep theirs (nothing else changed): no audit row" "SELECT count(*) FROM log" "$n"

# --- two fields both changed: asked one by one -----------------------------------
k alice e; on alice "Edit task #12" 3
k alice End; typ alice " (alice)"; k alice Tab Tab C-u; typ alice 2026-09-05
mu --as carol task edit 12 --title "Carol's title" --due 2026-09-07 >/dev/null
k alice Enter
expect_on alice "first: the title" "Changed meanwhile · Title (1 of 2)"
expect_on alice "carol named" "carol changed Title of task #12 at"
k alice m
expect_on alice "then: the due date" "Changed meanwhile · Due (2 of 2)"
k alice t
gone alice "Changed meanwhile" 3
db_is "title: alice's" "SELECT title FROM task WHERE id = 12" "Test group-buy page end to end v2 (alice)"
db_is "due: carol's" "SELECT due FROM task WHERE id = 12" "2026-09-07"

# --- Esc: nothing saved -------------------------------------------------------------
k alice e; on alice "Edit task #12" 3
k alice Tab Tab Tab Tab Tab; typ alice " lost"
mu --as carol task edit 12 --notes "carol's notes" >/dev/null
n=$(q "SELECT count(*) FROM log")
k alice Enter
expect_on alice "asked" "Changed meanwhile · Notes (1 of 1)"
k alice Escape
expect_on alice "Esc: says nothing was saved" "task #12: your edit was not saved"
db_is "Esc: carol's notes stay, no row" "SELECT notes || ' ' || (SELECT count(*) FROM log) FROM task WHERE id = 12" "carol's notes $n"

# --- items: a tick made meanwhile stays when only the unit changed ---------------------
k alice 3; k alice /; on alice "Search in this pane" 2; k alice C-u; typ alice "Flyers"; k alice Enter
gone alice "Search in this pane" 2
k alice e; expect_on alice "item form has a Ready field" "Ready"
k alice Tab Tab Tab C-u; typ alice "sheets"
mu --as carol tick Flyers --qty 40 >/dev/null
k alice Enter
gone alice "Edit item" 3
db_is "carol's 40 stay, alice's unit saved" "SELECT qty_ready || ' ' || unit FROM item WHERE title = 'Flyers'" "40 sheets"
finish
