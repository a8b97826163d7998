#!/bin/bash
# The window size cap (issue 11): a tty of 65535x65535 or 4000x4000 (set on
# the pane's tty, a real SIGWINCH, as an SSH client would) inside a tmux
# window of 1100x320: the board draws as if the terminal were 1000x300 (its
# largest size: nothing past column 1000 or line 300) and says so once in
# the status line; it stays alive, answers a key, and its peak RSS (VmHWM)
# stays under 64 MiB; back at 200x50 the screen is right.  LINES/COLUMNS
# from the environment cannot make it larger either, nor can a tty that
# reports no size at all.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
source "$ROOT/tests/cli/lib-cli.inc"
board
MAXW=1000 MAXH=300
LIMIT_KB=65536
# the bound is the code's, and the docs say it
code=$(sed -n 's/^#define WINSIZE_MAX_[WH] \([0-9]*\)$/\1/p' "$ROOT/src/tui/tui.h" | tr '\n' ' ')
expect_eq "the cap in src/tui/tui.h" "$MAXW $MAXH " "$code"
grep -q "at most $MAXW columns × $MAXH lines" "$ROOT/README.md" && pass "README states the cap" ||
	fail "README states the cap" "no 'at most $MAXW columns × $MAXH lines'"
grep -q "at most $MAXW columns \\\\(mu $MAXH lines" "$ROOT/doc/muster.1" && pass "the man page states the cap" ||
	fail "the man page states the cap" "no 'at most $MAXW columns \\(mu $MAXH lines'"

board_pid() { pgrep -P "$(tmux -L "$SOCK" display -p '#{pane_pid}')" -x muster | head -n 1; }
alive() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$PID/status"; }
# set_size W H : the tty becomes W x H (TIOCSWINSZ: SIGWINCH), screen cleared
set_size() {
	tmux -L "$SOCK" send-keys -R
	stty -F "$TTY" cols "$1" rows "$2"
}
# drawn_as W H : the capture is a board of exactly W x H: the title on line
# 1, the hint/status on line H, nothing below it, no line wider than W and
# every pane row ending in column W
drawn_as() {
	local scr max bad
	scr=$(screen)
	[ "$(printf '%s\n' "$scr" | wc -l)" -le "$2" ] || return 1
	printf '%s\n' "$scr" | head -n 1 | grep -q '^ muster · ' || return 1
	printf '%s\n' "$scr" | sed -n "${2}p" | grep -qE '^ .*(help|quit|largest size)' || return 1
	max=$(printf '%s\n' "$scr" | "$COLWIDTH" | sort -n | tail -n 1)
	[ "${max:-0}" -le "$1" ] || return 1
	bad=$(printf '%s\n' "$scr" | sed -n "2,$(($2 - 1))p" | "$COLWIDTH" | grep -vxc "$1")
	[ "$bad" = 0 ]
}
# wait_drawn W H : drawn_as within 10 s (a 1000x300 frame is 300k cells)
wait_drawn() {
	local deadline=$(($(date +%s) + 10))
	until drawn_as "$1" "$2"; do
		[ "$(date +%s)" -ge "$deadline" ] && return 1
		alive || return 1
		sleep 0.05
	done
}

tui_start 1100 320
PID=$(board_pid)
TTY=$(tmux -L "$SOCK" display -p '#{pane_tty}')
task_of_row1=$(mu tasks --json --role pm | "$JSONQ" '.[0].id')
for size in 65535x65535 4000x4000; do
	w=${size%x*} h=${size#*x}
	set_size "$w" "$h"
	if wait_drawn $MAXW $MAXH; then pass "$size: drawn as ${MAXW}x$MAXH, nothing past it"
	else fail "$size: drawn as ${MAXW}x$MAXH" "$(screen | head -n 3 | cut -c1-200)"; fi
	expect_match "$size: one notice in the status line" \
		"^ window ${w}x$h: the board uses ${MAXW}x$MAXH, its largest size" "$(screen | sed -n "${MAXH}p")"
	if alive; then pass "$size: the board is alive"; else fail "$size: the board is alive" "$(cat "$TMP/tui.err")"; fi
	kb=$(hwm)
	if [ "${kb:-999999}" -lt $LIMIT_KB ]; then pass "$size: peak RSS ${kb} kB < 64 MiB"
	else fail "$size: peak RSS under 64 MiB" "VmHWM ${kb} kB"; fi
done
# it answers a key: Space ticks the first task of the pane (seen by the CLI)
done_now() { mu tasks --json --status done | grep -c "\"id\":$task_of_row1,"; }
keys Space
deadline=$(($(date +%s) + 5))
until [ "$(done_now)" = 1 ] || [ "$(date +%s)" -ge "$deadline" ]; do sleep 0.05; done
expect_eq "at 4000x4000 the board answers a key (Space: task #$task_of_row1 done)" 1 "$(done_now)"
set_size 200 50
if wait_drawn 200 50; then pass "back at 200x50: the screen is right"
else fail "back at 200x50: the screen is right" "$(screen | head -n 5)"; fi
expect_no_screen "back at 200x50: the notice is gone" "largest size"
kb=$(hwm)
[ "${kb:-999999}" -lt $LIMIT_KB ] && pass "after all that: peak RSS ${kb} kB < 64 MiB" ||
	fail "peak RSS after all that" "VmHWM $kb kB"
# a tty that says it has no size: the board keeps its size, alive
set_size 0 0
keys C-l
set_size 120 40
if wait_drawn 120 40; then pass "a 0x0 tty, then 120x40: drawn right"; else fail "0x0 then 120x40" "$(screen | head -n 3)"; fi

# LINES/COLUMNS in the environment (an SSH client may send them) neither
# make it larger nor choose its size: the tty does
tui_start 100 30 LINES=65535 COLUMNS=65535
PID=$(board_pid)
if wait_drawn 100 30; then pass "LINES=COLUMNS=65535: drawn at the tty's 100x30"
else fail "LINES=COLUMNS=65535" "$(screen | head -n 3)"; fi
kb=$(hwm)
[ "${kb:-999999}" -lt 20000 ] && pass "LINES=COLUMNS=65535: peak RSS ${kb} kB (a 100x30 board)" ||
	fail "LINES=COLUMNS=65535: small" "VmHWM $kb kB"
# started on a 65535x65535 tty: capped from the first frame
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=muster-test-$$-big
tmux -L "$SOCK" -f /dev/null new-session -d -x 1100 -y 320 \
	"stty cols 65535 rows 65535; env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=$MUSTER_TODAY \
	 MUSTER_USER=alice XDG_CONFIG_HOME=$XDG_CONFIG_HOME $MUSTER --db $DB 2>$TMP/tui.err; echo \"[exited \$?]\"; sleep 3600"
tmux -L "$SOCK" resize-window -x 1100 -y 320 2>/dev/null
wait_re ' muster · ' 5
PID=$(board_pid)
if wait_drawn $MAXW $MAXH; then pass "started at 65535x65535: drawn as ${MAXW}x$MAXH"
else fail "started at 65535x65535" "$(screen | head -n 3 | cut -c1-200)"; fi
kb=$(hwm)
[ "${kb:-999999}" -lt $LIMIT_KB ] && pass "started at 65535x65535: peak RSS ${kb} kB < 64 MiB" ||
	fail "started at 65535x65535: peak RSS" "VmHWM $kb kB"
finish
