#!/bin/sh
# tasks and task add|done|start|block|reopen|assign|edit|rm: tables, filters,
# --json, confirmations and every error path with its exit status.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
body() { mu "$@" | tail -n +2; }
ids() { mu "$@" | "$JSONQ" '.[].id'; }

expect_out "tasks table" 'ID  STATUS  DUE         OWNER   ROLE  PHASE  TITLE
 1  todo    2026-09-02  tester  ops   prep   Book the stalls
 2  todo    2026-09-05  bob     mkt   prep   He said "go"; run -- now 中秋节 crème brûlée
 3  todo    2026-09-07  bob     mkt   prep   Print lantern posters
 4  todo    2026-09-11          ops   live   Count visitors' mu tasks
expect_out "tasks --role" ' 1  todo    2026-09-02  tester  ops   prep   Book the stalls
 4  todo    2026-09-11          ops   live   Count visitors' body tasks --role ops
expect_out "tasks --role by name" "$(mu tasks --role ops)" mu tasks --role Operations
expect_out "tasks --mine" 'ID  STATUS  DUE         OWNER   ROLE  PHASE  TITLE
 1  todo    2026-09-02  tester  ops   prep   Book the stalls' mu tasks --mine
expect_out "tasks --mine as bob" "2
3" ids --as bob tasks --mine --json
expect_out "tasks --search (case-insensitive)" "3" ids tasks --search LANTERN --json
expect_out "tasks --limit" "1
2" ids tasks --limit 2 --json
expect_out "tasks --event by name" "$(mu tasks)" mu tasks --event "Night Market 夜市"
expect_out "tasks: nothing matches" "" mu tasks --status blocked
expect_out "tasks --json: nothing matches" "[]" mu tasks --status blocked --json

j=$(mu tasks --json)
valid_json "tasks --json" "$j"
expect_eq "tasks --json length" 4 "$(jq_ length "$j")"
expect_eq "tasks --json keys" '{"id":3,"event_id":1,"title":"Print lantern posters","status":"todo","due":"2026-09-07","owner":"bob","role":"mkt","phase":"prep","notes":null,"depends":[1],"position":3,' \
	"$(printf '%s' "$j" | grep '"id":3,' | sed 's/"updated_at".*//')"
expect_eq "tasks --json unassigned owner is null" null "$(jq_ '.[3].owner' "$j")"
expect_eq "tasks --json id is a number" 4 "$(jq_ '.[3].id' "$j")"

# add
expect_out "task add prints the id" 5 mu task add "Call the printer" --role mkt --phase prep --owner bob --due 2026-09-04 --notes "ask for 2 quotes"
expect_out "task add relative due" 6 mu task add "Sweep up" --due T+2
expect_out "task add minimal" 7 mu task add "Buy tape"
j=$(mu tasks --json)
expect_eq "added task fields" "Call the printer|todo|2026-09-04|bob|mkt|prep|ask for 2 quotes" \
	"$(for k in title status due owner role phase notes; do jq_ ".[4].$k" "$j"; done | paste -sd'|' -)"
expect_eq "T+2 resolved against the event start" "2026-09-12" "$(jq_ '.[5].due' "$j")"
expect_eq "minimal task has no role" null "$(jq_ '.[6].role' "$j")"
out=$(mu task add "JSON one" --json)
valid_json "task add --json" "$out"
expect_eq "task add --json title" "JSON one" "$(jq_ .title "$out")"

# status changes
expect_out "task done" "task 1 (Book the stalls): done" mu task done 1
expect_out "task start" "task 3 (Print lantern posters): doing" mu task start 3
expect_out "task block" "task 4 (Count visitors): blocked" mu task block 4
expect_out "task reopen" "task 1 (Book the stalls): todo" mu task reopen 1
expect_out "tasks --status" " 3  doing   2026-09-07  bob    mkt   prep   Print lantern posters" body tasks --status doing
expect_out "task assign" "task 4 (Count visitors): assigned to bob" mu task assign 4 bob
expect_out "task assign empty unassigns" "task 4 (Count visitors): unassigned" mu task assign 4 ""
expect_out "task edit" "task 6 (Sweep up (all stalls)): updated" mu task edit 6 --title "Sweep up (all stalls)" --owner tester --due 2026-09-13 --role ops --phase live --notes "brooms"
j=$(mu tasks --json)
expect_eq "edited task fields" "Sweep up (all stalls)|2026-09-13|tester|ops|live|brooms" \
	"$(for k in title due owner role phase notes; do jq_ ".[5].$k" "$j"; done | paste -sd'|' -)"
expect_out "task edit --due '' clears" "task 6 (Sweep up (all stalls)): updated" mu task edit 6 --due ""
expect_eq "due cleared" null "$(jq_ '.[5].due' "$(mu tasks --json)")"
out=$(mu task done 6 --json)
valid_json "task done --json" "$out"
expect_eq "task done --json status" done "$(jq_ .status "$out")"
expect_out "task rm" "task 7 (Buy tape): removed" mu task rm 7
expect_eq "removed task is gone" "1 2 3 4 5 6 8" "$(mu tasks --json | "$JSONQ" '.[].id' | paste -sd' ' -)"

# errors: usage (1) and data (2), nothing on stdout, one line on stderr
expect_err "id not a number" 1 "muster: task id must be a number: 12x" mu task done 12x
expect_err "id negative" 1 "muster: task id must be positive: -3" mu task done -3
expect_err "id with blank" 1 "muster: task id must be a number:  3" mu task done " 3"
expect_err "id with plus" 1 "muster: task id must be a number: +3" mu task done +3
expect_err "id zero" 1 "muster: task id must be positive: 0" mu task done 0
expect_err "id overflow" 1 "muster: task id must be a number: 99999999999999999999" mu task done 99999999999999999999
expect_err "unknown id" 2 "muster: no task with id 99" mu task done 99
expect_err "unknown id (edit)" 2 "muster: no task with id 99" mu task edit 99 --title x
expect_err "unknown id (rm)" 2 "muster: no task with id 99" mu task rm 99
expect_err "unknown id (assign)" 2 "muster: no task with id 99" mu task assign 99 bob
expect_err "done needs an id" 1 "muster: missing argument (usage: muster task done ID)" mu task done
expect_err "assign needs a login" 1 "muster: missing argument (usage: muster task assign ID LOGIN)" mu task assign 1
expect_err "rm takes one id" 1 "muster: unexpected argument '2' (usage: muster task rm ID)" mu task rm 1 2
expect_err "edit with nothing" 1 "muster: nothing to change (usage: muster task edit ID [--title T] ...)" mu task edit 1
expect_err "edit empty title" 1 "muster: a task needs a title" mu task edit 1 --title ""
expect_err "add empty title" 1 "muster: a task needs a title" mu task add ""
expect_err "bad due date" 1 "muster: date must look like 2026-09-01 or T-14: 2026-02-30" mu task add x --due 2026-02-30
expect_err "bad due word" 1 "muster: date must look like 2026-09-01 or T-14: tomorrow" mu task edit 1 --due tomorrow
expect_exit "unknown role" 2 mu task add x --role nope
expect_exit "unknown phase" 2 mu task edit 1 --phase nope
expect_exit "tasks unknown role" 2 mu tasks --role nope
expect_err "tasks bad status" 1 "muster: status must be todo, doing, blocked or done: nah" mu tasks --status nah
expect_err "tasks bad limit" 1 "muster: limit must be a number: ten" mu tasks --limit ten
expect_err "tasks unknown event" 2 "muster: no event \"Nope\" (see 'muster events')" mu tasks --event Nope
expect_err "option needs a value" 1 "muster: option --role needs a value" mu tasks --role
expect_err "flag takes no value" 1 "muster: option --mine takes no value" mu tasks --mine=yes
finish
