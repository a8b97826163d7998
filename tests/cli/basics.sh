#!/bin/sh
# Command line basics: help, version, global options anywhere, database and
# actor resolution, init, unknown commands/options, exit codes and messages.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"

out=$("$MUSTER" --help); rc=$?
expect_eq "help exits 0" 0 "$rc"
expect_match "help lists commands" '^  tick +mark an item done' "$out"
expect_match "help shows usage" '^usage: muster \[--db PATH\] \[--as LOGIN\] \[--json\]' "$out"
for c in init import export events tasks task items tick untick metric metrics log; do
	expect_match "help lists $c" "^  $c " "$out"
	o=$("$MUSTER" "$c" --help); rc=$?
	if [ $rc = 0 ] && printf '%s\n' "$o" | grep -q "^usage: muster $c"; then pass "$c --help"; else fail "$c --help" "rc=$rc: $o"; fi
done
expect_out "-h after the command" "$("$MUSTER" tasks --help)" "$MUSTER" tasks -h
expect_out "version" "muster $(cat "$ROOT/VERSION" 2>/dev/null || echo 0.1.0)" "$MUSTER" --version

expect_err "unknown command" 1 "muster: unknown command 'frob' (see muster --help)" mu frob
expect_err "unknown global option" 1 "muster: unknown option --frob (see muster --help)" "$MUSTER" --frob
expect_err "unknown command option" 1 "muster: unknown option --frob for tasks (see muster tasks --help)" mu tasks --frob
expect_err "--db needs a value" 1 "muster: option --db needs a value" "$MUSTER" tasks --db
expect_err "no command, not a terminal" 1 "muster: not a terminal; use a command (see muster --help)" mu </dev/null
expect_err "task without subcommand" 1 "muster: task needs a subcommand: add, done, start, block, reopen, assign, edit or rm" mu task
expect_err "unknown task subcommand" 1 "muster: unknown task subcommand 'fly' (add, done, start, block, reopen, assign, edit, rm)" mu task fly 1
expect_err "extra argument to events" 1 "muster: unexpected argument 'x' (usage: muster events [--limit N])" mu events x

# a board that does not exist yet: every command but init/import says so
expect_err "missing board" 4 "muster: $DB: no board here; create one with 'muster init' or 'muster import FILE'" mu tasks
[ ! -e "$DB" ] && pass "missing board not created" || fail "missing board not created" "file appeared"

expect_out "init creates" "created board $DB" mu init
expect_out "init is idempotent" "existing board $DB" mu init
out=$(mu init --json)
valid_json "init --json" "$out"
expect_eq "init --json created false" "false" "$(jq_ .created "$out")"
expect_eq "events on an empty board: nothing on stdout" "" "$(mu events 2>/dev/null)"
expect_eq "events on an empty board: says how to add one (stderr, exit 0)" \
	"muster: no events on this board yet; add one with 'muster import FILE.yaml' or 'muster import --template NAME --start DATE' (see 'muster template list')
rc=0" \
	"$(mu events 2>&1 >/dev/null; echo "rc=$?")"
expect_eq "events --json on an empty board: no hint" "" "$(mu events --json 2>&1 >/dev/null)"
expect_out "events --json on an empty board" "[]" mu events --json
expect_err "tasks with no event" 2 "muster: the board has no event yet; import a plan with 'muster import FILE.yaml'" mu tasks

# options after the command, --json before it, $MUSTER_DB, --db wins
fixture
expect_out "options after the command" "$(mu tasks --json)" "$MUSTER" tasks --json --db "$DB"
expect_out "--json before the command" "$(mu tasks --json)" "$MUSTER" --json --db "$DB" tasks
expect_out "--opt=value form" "$(mu tasks --limit 1)" "$MUSTER" --db="$DB" tasks --limit=1
expect_out "MUSTER_DB" "$(mu events)" env MUSTER_DB="$DB" "$MUSTER" events
expect_err "--db beats MUSTER_DB" 4 "muster: $TMP/other.db: no board here; create one with 'muster init' or 'muster import FILE'" env MUSTER_DB="$DB" "$MUSTER" --db "$TMP/other.db" events
expect_out "-- ends options" "5" mu task add -- --json
expect_eq "title after -- kept" "--json" "$(jq_ '.[4].title' "$(mu tasks --json)")"

# actor: --as, else MUSTER_USER, else the Unix login
mu --as bob task start 2 >/dev/null
mu task block 2 >/dev/null
mu people add "$(id -un)" --access coordinator >/dev/null
env -u MUSTER_USER "$MUSTER" --db "$DB" task start 3 >/dev/null
log=$(mu log --json)
expect_eq "--as sets the actor" "bob" "$(printf '%s' "$log" | "$JSONQ" '.[].actor' | tail -n 4 | head -n 1)"
expect_eq "MUSTER_USER is the default actor" "tester" "$(printf '%s' "$log" | "$JSONQ" '.[].actor' | tail -n 3 | head -n 1)"
expect_eq "Unix login otherwise" "$(id -un)" "$(printf '%s' "$log" | "$JSONQ" '.[].actor' | tail -n 1)"

# unusable databases
printf 'this is not sqlite, not at all. this is not sqlite, not at all. this is not sqlite, not at all.' >"$TMP/junk.db"
expect_err "not a database" 4 "muster: $TMP/junk.db: not a muster board (file is not an SQLite database)" "$MUSTER" --db "$TMP/junk.db" events
finish
