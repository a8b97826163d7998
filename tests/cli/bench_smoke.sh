#!/bin/bash
# Smoke run of the benchmark's parts (issue 6; the bench itself is make
# bench): muster gen makes a 2k-task board, the board replays a 200-key
# script (MUSTER_REPLAY) and writes one timing a key (MUSTER_TIMINGS).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
export MUSTER_USER=alice

out=$(mu gen --tasks 2000 --items 400 --samples 20 --seed 3 2>&1)
expect_match "gen makes a 2k-task board" "^generated event 1: .* \\(2000 tasks, 400 items\\)$" "$out"
expect_eq "gen: every task is there" 2000 "$(mu tasks --json | grep -c '^{"id"')"
expect_match "gen: tasks of a role" "^[1-9][0-9]*$" "$(mu tasks --json --role ops | grep -c '^{"id"')"
expect_match "gen: CJK titles" "[海报礼品门店直播]" "$(mu tasks --limit 200)"
expect_match "gen: metric history, one audit row" "alice via $(id -un) +generate +metric" "$(mu log --limit 1)"
# the same seed gives the same board
"$MUSTER" --db "$TMP/b2.db" gen --tasks 2000 --items 400 --samples 20 --seed 3 >/dev/null
expect_eq "gen: same seed, same tasks" "$(mu tasks --json | sed 's/"updated_at":"[^"]*"//')" \
	"$("$MUSTER" --db "$TMP/b2.db" tasks --json | sed 's/"updated_at":"[^"]*"//')"
expect_exit "gen: events must be at least 1" 1 mu gen --events 0

command -v tmux >/dev/null || { echo "FAIL: tmux: not installed (make deps)"; finish; }
sh "$ROOT/tests/bench/keys.sh" 200 >"$TMP/keys.txt"
expect_eq "key script has 200 keys" 200 "$(wc -l <"$TMP/keys.txt" | tr -d ' ')"
SOCK=muster-smoke-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"env TERM=xterm-256color LANG=C.UTF-8 MUSTER_USER=alice XDG_CONFIG_HOME=$XDG_CONFIG_HOME MUSTER_REPLAY=$TMP/keys.txt MUSTER_TIMINGS=$TMP/t.txt $MUSTER --db $DB 2>$TMP/tui.err; echo \$? >$TMP/rc"
i=0; while [ ! -e "$TMP/rc" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "replay quits by itself after the script" 0 "$(cat "$TMP/rc" 2>/dev/null || echo timeout)"
expect_eq "one timing per key" 200 "$(grep -vc '^#' "$TMP/t.txt" 2>/dev/null)"
expect_match "first frame and peak RSS recorded" "^# first_frame_us [0-9]+$" "$(cat "$TMP/t.txt" 2>/dev/null)"
expect_match "peak RSS recorded" "^# maxrss_kb [1-9][0-9]*$" "$(cat "$TMP/t.txt" 2>/dev/null)"
expect_eq "the board's stderr is empty" "" "$(grep -E 'Sanitizer|runtime error|muster:' "$TMP/tui.err")"
finish
