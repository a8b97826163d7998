#!/bin/sh
# Regressions of issue 12, point 6: a committed change exits 0 even when its
# output cannot be written (no duplicates from a retrying script); a log row
# that is not JSON does not stop undo; a command that reads never turns an
# empty file into a board; a UTF-8 byte order mark before "---" in a plan or
# config; export of an event without tasks; two tasks with one title export
# so that the plan imports again with every dependency where it was.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
fixture
count() { sqlq "$DB" "SELECT count(*) FROM task WHERE title = '$1'"; }

# ---- output that cannot be written -------------------------------------------
"$MUSTER" --db "$DB" task add "closed stdout" >&- 2>"$TMP/err"; rc=$?
expect_eq "task add >&-: exit 0 (the task is there)" "0 1" "$rc $(count 'closed stdout')"
expect_match "task add >&-: says the output was lost" "^muster: warning: the change was saved, but its output could not be written" "$(cat "$TMP/err")"
"$MUSTER" --db "$DB" task add "full stdout" >/dev/full 2>"$TMP/err"; rc=$?
expect_eq "task add >/dev/full: exit 0, one task" "0 1" "$rc $(count 'full stdout')"
"$MUSTER" --db "$DB" tick Flyers --qty 2 >&- 2>/dev/null; rc=$?
expect_eq "tick >&-: exit 0, counted once" "0 2" "$rc $(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'Flyers'")"
"$MUSTER" --db "$DB" tasks >&- 2>"$TMP/err"; rc=$?
expect_eq "tasks >&- (nothing saved): still a failure" 4 "$rc"
expect_match "tasks >&-: names the problem" "^muster: cannot write output: Bad file descriptor$" "$(cat "$TMP/err")"
"$MUSTER" --db "$DB" tasks >/dev/full 2>/dev/null; expect_eq "tasks >/dev/full: exit 4" 4 "$?"

# ---- a log row that is not JSON ------------------------------------------------
mu task done 1 >/dev/null
sqlq "$DB" "INSERT INTO log(actor, entity, entity_id, action, old, new) VALUES ('tester', 'task', 2, 'edit', '{bad', '{bad')"
sqlq "$DB" "INSERT INTO log(actor, entity, entity_id, action, old, new) VALUES ('bob', 'task', 3, 'edit', 'x', 'y')"
expect_out "undo skips a damaged row of one's own" "undid task 1 (done): status: done → todo" mu undo
mu --as bob task start 3 >/dev/null
expect_out "and others' undo works beside theirs" "undid task 3 (doing): status: doing → todo" mu --as bob undo
valid_json "log --json with a damaged row" "$(mu log --json)"

# ---- an empty file is not a board for a command that reads ----------------------
E=$TMP/empty.db
: >"$E"
for cmd in tasks items events "metrics" "log"; do
	expect_err "empty file: $cmd refuses" 4 "muster: $E: an empty file, not a board yet; make it one with 'muster init' (nothing was changed)" "$MUSTER" --db "$E" $cmd
done
expect_eq "empty file: still empty, nothing beside it" "0 " "$(stat -c %s "$E") $(ls "$E"-* 2>/dev/null)"
expect_err "empty file: task add refuses too" 4 "muster: $E: an empty file, not a board yet; make it one with 'muster init' (nothing was changed)" "$MUSTER" --db "$E" task add x
expect_out "empty file: init makes it a board" "existing board $E" "$MUSTER" --db "$E" init
expect_out "then it reads" "[]" "$MUSTER" --db "$E" --json events

# ---- a UTF-8 byte order mark ----------------------------------------------------
printf '\357\273\277---\n' >"$TMP/bom.yaml"
cat "$DATA/small.yaml" >>"$TMP/bom.yaml"
B=$TMP/bom.db
expect_out "plan with a BOM and ---" "imported event 1: Night Market 夜市 (4 tasks, 3 items)" "$MUSTER" --db "$B" import "$TMP/bom.yaml"
printf '\357\273\277---\nevent:\n  name: [\n' >"$TMP/bombad.yaml"
expect_err "a bad plan with a BOM: line and column as the editor shows them" 2 \
	"muster: $TMP/bombad.yaml:4:1: did not find expected node content (while parsing a flow node at 4:1)" "$MUSTER" --db "$B" import "$TMP/bombad.yaml"
mkdir -p "$XDG_CONFIG_HOME/muster"
printf '\357\273\277---\ndatabase: %s\n' "$B" >"$XDG_CONFIG_HOME/muster/config.yaml"
expect_eq "config with a BOM and ---: its database is used" "1" "$("$MUSTER" events --json | "$JSONQ" '.[0].id')"
rm -f "$XDG_CONFIG_HOME/muster/config.yaml"

# ---- export of an event without tasks (qsort(NULL, 0) under UBSan) -------------
printf 'event: {name: Empty, start: 2026-09-10}\n' >"$TMP/none.yaml"
mu import "$TMP/none.yaml" >/dev/null
out=$(mu export Empty 2>&1); rc=$?
expect_eq "export of an event without tasks" "0" "$rc"
expect_match "it names the event" "name: Empty" "$out"

# ---- two tasks with one title ---------------------------------------------------
D=$TMP/dup.db
cat >"$TMP/dup.yaml" <<'EOF'
event: {name: Dup, start: 2026-09-10}
tasks:
  - {title: Print, key: print-a}
  - {title: Print, key: print-b}
  - {title: Hang posters, depends: [print-b]}
  - {title: Check, depends: [print-a, Hang posters]}
EOF
deps() { "$MUSTER" --db "$1" tasks --json | "$JSONQ" '.[].depends' | paste -sd' ' -; }
"$MUSTER" --db "$D" import "$TMP/dup.yaml" >/dev/null
expect_eq "keys resolve: Hang posters needs the second Print" "[] [] [2] [1,3]" "$(deps "$D")"
"$MUSTER" --db "$D" export Dup -o "$TMP/dup-out.yaml"
expect_match "export keys only the ambiguous targets" "title: Print, key: task-2" "$(cat "$TMP/dup-out.yaml")"
rm -f "$TMP/dup2.db"
expect_out "the export imports again" "imported event 1: Dup (4 tasks, 0 items)" "$MUSTER" --db "$TMP/dup2.db" import "$TMP/dup-out.yaml"
expect_eq "with every dependency where it was" "[] [] [2] [1,3]" "$(deps "$TMP/dup2.db")"
expect_eq "and exports the same again" "$(cat "$TMP/dup-out.yaml")" "$("$MUSTER" --db "$TMP/dup2.db" export Dup)"
# the same board made by commands: no keys in it at all
rm -f "$TMP/dup3.db"
"$MUSTER" --db "$TMP/dup3.db" import "$TMP/none.yaml" >/dev/null
for t in Print Print Check; do "$MUSTER" --db "$TMP/dup3.db" task add "$t" >/dev/null; done
sqlq "$TMP/dup3.db" "INSERT INTO task_dep VALUES (3, 2)"
"$MUSTER" --db "$TMP/dup3.db" export Empty -o "$TMP/dup3.yaml"
rm -f "$TMP/dup4.db"
expect_out "tasks added by hand: export imports again" "imported event 1: Empty (3 tasks, 0 items)" "$MUSTER" --db "$TMP/dup4.db" import "$TMP/dup3.yaml"
expect_eq "depending on the second Print, not the first" "[] [] [2]" "$(deps "$TMP/dup4.db")"
printf 'event: {name: K}\ntasks:\n  - {title: A, key: k}\n  - {title: B, key: k}\n' >"$TMP/dupkey.yaml"
expect_err "a task key used twice" 2 "muster: $TMP/dupkey.yaml:4:21: duplicate task key \"k\" (first at 3:21)" mu import "$TMP/dupkey.yaml"
printf 'event: {name: K}\ntasks:\n  - {title: A}\n  - {title: A}\n  - {title: B, depends: [A]}\n' >"$TMP/amb.yaml"
expect_err "an ambiguous title says what to do" 2 "muster: $TMP/amb.yaml:5:26: ambiguous dependency \"A\": 2 tasks have this title (give the one meant a key: and depend on that)" mu import "$TMP/amb.yaml"
finish
