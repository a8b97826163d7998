#!/bin/sh
# Access rules (SPEC §5) through the command line: coordinators change
# everything, staff tick their roles' lists and move their roles' (or own)
# tasks, viewers change nothing; refusals exit 5 with the reason.  People
# commands, the "*" row, personal boards, the board default and restricted
# (kiosk) sessions.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
# tester: coordinator (ops); bob: staff (mkt).  Tasks 1, 4 ops; 2, 3 mkt.
# Lists: Print (mkt: items 1, 2), Kits (ops: item 3).
expect_out "people list" 'LOGIN   ACCESS       ROLES  NAME
tester  coordinator  ops    Test Person
bob     staff        mkt    Bob
you: tester (coordinator: listed)' mu people
expect_out "people add" "eve: viewer (event 1)" mu people add eve --name Eve --access viewer
expect_out "people add staff with roles" "kim: staff, roles ops,mkt (event 1)" mu people add kim --roles ops,mkt

# staff: another role's task is refused, with the reason
expect_err "staff edits another role's task" 5 \
	'muster: bob (staff) may not edit task #1: it belongs to role "ops"' mu --as bob task edit 1 --title X
expect_err "staff: status of another role's task" 5 \
	'muster: bob (staff) may not change the status of task #4: it belongs to role "ops"' mu --as bob task done 4
expect_out "staff: status of their role's task" "task 3 (Print lantern posters): done" mu --as bob task done 3
expect_out "staff: notes of their role's task" "task 3 (Print lantern posters): updated" mu --as bob task edit 3 --notes "at the copy shop"
expect_err "staff: not the title of their role's task" 5 \
	'muster: bob (staff) may not edit task #3: staff may change only status and notes' mu --as bob task edit 3 --title Y
expect_err "staff may not add tasks" 5 \
	'muster: bob (staff) may not add tasks to event #1: only coordinators may' mu --as bob task add "Bob's own"
expect_err "staff may not remove" 5 \
	'muster: bob (staff) may not remove task #3: staff may change only status and notes' mu --as bob task rm 3
expect_err "staff may not assign" 5 \
	'muster: bob (staff) may not assign task #2: staff may change only status and notes' mu --as bob task assign 2 eve
expect_out "staff ticks their role's list" "item 1 (A2 posters): 50/50 pcs, done" mu --as bob tick "A2 posters"
expect_err "staff: another role's list" 5 \
	'muster: bob (staff) may not tick item #3: its checklist belongs to role "ops"' mu --as bob tick "Lantern kits"
expect_err "staff: no metrics" 5 \
	'muster: bob (staff) may not change the metrics of event #1: only coordinators may' mu --as bob metric add visitors 5
printf 'time,stage,value\n2026-09-10T10:00,visitors,40\n' >"$TMP/readings.csv"
expect_err "staff: no metric import (the rule of metric add)" 5 \
	'muster: bob (staff) may not change the metrics of event #1: only coordinators may' mu --as bob metric import "$TMP/readings.csv"
expect_eq "  nothing imported" "0" "$(mu metrics --json | "$JSONQ" '.[0].actual')"
mu task assign 4 bob >/dev/null
expect_out "staff: status of a task they own" "task 4 (Count visitors): doing" mu --as bob task start 4
expect_err "staff may not change people" 5 \
	'muster: bob (staff) may not change the people of event #1: only coordinators may' mu --as bob people add zed

# viewers (and unknown logins) change nothing
before=$(mu log --json | "$JSONQ" 'length')
for who in eve stranger; do
	for cmd in "task done 2" "task start 1" "task edit 2 --notes x" "task add Z" "task assign 2 eve" "task rm 2" \
		"tick 1" "untick 1" "tick Flyers --qty 3" "metric set visitors 9" "metric add visitors 1" \
		"people add $who" "people set bob --access viewer" "people rm bob" "undo" "restore 1"; do
		# shellcheck disable=SC2086
		_out=$("$MUSTER" --db "$DB" --as "$who" $cmd 2>&1); _rc=$?
		case $cmd in
		undo) want=2 ;; restore*) want=2 ;; *) want=5 ;;
		esac
		expect_eq "$who: $cmd refused" "$want" "$_rc"
	done
done
expect_err "viewer message" 5 'muster: eve (viewer) may not change the status of task #2: viewers may only read' mu --as eve task done 2
expect_err "unknown login is a viewer" 5 'muster: nobody (viewer) may not tick item #2: viewers may only read' mu --as nobody tick Flyers
expect_eq "viewers changed nothing" "$before" "$(mu log --json | "$JSONQ" 'length')"
expect_out "viewers read" "$(mu tasks)" mu --as eve tasks
expect_out "people: a viewer's own line" "you: stranger (viewer: not listed)" sh -c "'$MUSTER' --db '$DB' --as stranger people | tail -n 1"

# the * row: everyone not listed
expect_out "people add *" "*: staff, roles mkt (event 1)" mu people add '*' --roles mkt
expect_out "* row: a stranger may tick mkt items" "item 2 (Flyers): 1/2000 pcs" mu --as stranger tick Flyers --qty 1
expect_exit "* row: not ops items" 5 mu --as stranger tick "Lantern kits"
expect_out "people rm *" "removed * from event 1" mu people rm '*'
expect_exit "without *: a viewer again" 5 mu --as stranger tick Flyers --qty 1

# the board default (init --default-access) for unknown logins
expect_out "init --default-access" "existing board $DB" mu init --default-access staff
expect_exit "default staff: still no role" 5 mu --as stranger tick Flyers --qty 1
mu task assign 2 stranger >/dev/null
expect_out "default staff: a task they own" "task 2 (He said \"go\"; run -- now 中秋节 crème brûlée): doing" mu --as stranger task start 2
mu init --default-access viewer >/dev/null
expect_exit "default viewer again" 5 mu --as stranger task reopen 2

# people: set, rm, and nobody locks the event
expect_out "people set" "bob: coordinator, roles mkt (event 1)" mu people set bob --access coordinator
expect_out "a new coordinator may edit" "task 1 (Book the stalls!): updated" mu --as bob task edit 1 --title "Book the stalls!"
expect_out "people set roles" "kim: staff (event 1)" mu people set kim --roles ""
expect_err "people set unknown" 2 "muster: zed is not in event #1 (see 'muster people')" mu people set zed --access staff
expect_err "people add twice" 2 "muster: eve is already in event #1 (change with 'muster people set')" mu people add eve
expect_err "people add bad access" 1 "muster: access must be coordinator, staff or viewer: boss" mu people add zed --access boss
expect_err "people add unknown role" 2 'muster: no role "sales" in this event' mu people add zed --roles sales
mu people set bob --access staff >/dev/null
expect_err "last coordinator stays" 2 "muster: event #1 would have no coordinator left; make someone else coordinator first" mu people set tester --access staff
expect_exit "last coordinator not removed" 2 mu people rm tester
expect_out "people rm" "removed eve from event 1" mu people rm eve
j=$(mu people --json)
valid_json "people --json" "$j"
expect_eq "people --json roles array" '["mkt"]' "$(printf '%s' "$j" | grep '"login":"bob"' | sed 's/.*"roles":\(\[[^]]*\]\).*/\1/')"

# an event with no people is a personal board: everyone coordinates
printf 'event: {name: Solo, start: 2026-10-01}\ntasks:\n  - {title: Mine}\n' >"$TMP/solo.yaml"
mu import "$TMP/solo.yaml" >/dev/null
expect_out "personal board: anyone may change" "task 5 (Mine): done" mu --as anyone task done 5
expect_out "first person added: the actor comes first" "added anyone as coordinator first (the event had no people)
zed: staff (event 2)" mu --as anyone people add zed --event Solo
expect_exit "no longer personal" 5 mu --as someone task reopen 5

# restricted (kiosk) sessions: who and which board come from the command line
printf 'event: {name: Kiosk, start: 2026-10-01}\ntasks:\n  - {title: Open}\n' >"$TMP/kiosk.yaml"
mu import "$TMP/kiosk.yaml" >/dev/null
expect_exit "restricted: not coordinator on a personal board" 5 mu --as anyone --restricted task done 6
expect_err "restricted ignores MUSTER_USER" 5 'muster: bob (staff) may not edit task #1: it belongs to role "ops"' \
	env MUSTER_USER=tester "$MUSTER" --db "$DB" --as bob --restricted task edit 1 --title "as tester?"
# (the default board of a restricted session is under the account's passwd
# home, not $XDG_DATA_HOME: whatever is there, it is not $DB)
_out=$(env MUSTER_DB="$DB" "$MUSTER" --as bob --restricted tasks 2>&1)
expect_eq "restricted ignores MUSTER_DB" no "$([ "$_out" = "$(mu tasks)" ] || printf %s "$_out" | grep -qF "$DB" && echo yes || echo no)"
expect_err "restricted: no import" 5 "muster: a restricted session may not import files" mu --restricted import "$TMP/solo.yaml"
expect_err "restricted: no init" 5 "muster: a restricted session may not create boards" mu --restricted init
expect_err "restricted: no gen (board-level)" 5 "muster: a restricted session may not generate boards" mu --restricted gen --tasks 1
expect_err "restricted: no metric import" 5 "muster: a restricted session may not import files" mu --restricted metric import "$TMP/readings.csv"
expect_err "restricted: no file without export_dir" 5 "muster: a restricted session may not write files" mu --restricted export 1 -o "$TMP/out.yaml"
expect_out "restricted: stdout is fine" "$(mu export 1 | head -n 3)" sh -c "'$MUSTER' --db '$DB' --restricted export 1 | head -n 3"
# restricted: true in the $XDG_CONFIG_HOME config restricts the session (it
# can only be stricter), but a restricted session reads only the account's
# own config (its passwd home): this one's export_dir and database are not
# used.  (The account's own config: tests/cli/restricted.sh, as real users.)
mkdir -p "$XDG_CONFIG_HOME/muster" "$TMP/exports"
printf 'restricted: true\nexport_dir: %s\ndatabase: %s\n' "$TMP/exports" "$DB" >"$XDG_CONFIG_HOME/muster/config.yaml"
expect_err "XDG config restricted: not its export_dir" 5 "muster: a restricted session may not write files" \
	"$MUSTER" --db "$DB" --as tester export 1 -o plan.yaml
expect_eq "nothing in that export_dir" "" "$(ls "$TMP/exports")"
expect_exit "XDG config restricted: template too" 5 "$MUSTER" --db "$DB" --as tester template save 1 -o ../x.yaml
expect_exit "XDG config restricted: MUSTER_USER ignored (Unix login is a viewer)" 5 env MUSTER_USER=tester "$MUSTER" --db "$DB" task done 1
_out=$("$MUSTER" --as tester tasks 2>&1)
expect_eq "XDG config restricted: not its database" no "$([ "$_out" = "$(mu tasks)" ] && echo yes || echo no)"
expect_exit "XDG config restricted: no board setting" 5 "$MUSTER" --db "$DB" --as tester init --default-access staff
expect_err "XDG config restricted: a later --as refused" 5 \
	"muster: a restricted session takes --as and --db only from its forced command (before --restricted and the command); refused: --as" \
	"$MUSTER" --db "$DB" tasks --as tester
rm -f "$XDG_CONFIG_HOME/muster/config.yaml"
printf 'restricted: [oops\n' >"$XDG_CONFIG_HOME/muster/config.yaml"
expect_exit "a broken config is an error, not unrestricted" 2 mu tasks
rm -f "$XDG_CONFIG_HOME/muster/config.yaml"
finish
