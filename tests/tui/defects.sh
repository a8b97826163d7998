#!/bin/bash
# Screen regressions of issue 12: a target of 1e300 stays inside the
# metrics pane (compact "1e300", columns clamped to the pane); a terminal
# whose reads fail without a SIGHUP (stdin a pty nobody controls, its
# master closed) ends the board at once (129, as for SIGHUP) -- from the
# board and from inside a form -- with the terminal restored and the
# presence row gone, instead of spinning at 50 % CPU for ever.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

rm -f "$DB" "$DB-wal" "$DB-shm"
cat >"$TMP/huge.yaml" <<'YAML'
event: {name: Huge, start: 2026-09-10, end: 2026-09-20, budget: 1e300}
metrics:
  funnel:
    - {stage: acquisition, target: 1e300, rate: 0.5}
    - {stage: activation, target: 123456789012345678}
  budget:
    - {line: ads, planned: 1e300}
YAML
mu import "$TMP/huge.yaml" >/dev/null || fail "import huge" "import failed"
mu metric set activation 450000000000000 >/dev/null
for size in "80 24" "100 30" "60 20"; do
	set -- $size
	tui_start "$1" "$2" MUSTER_TODAY=2026-09-12
	expect_screen "1e300 at $1x$2: compact" "Acquisition 0/1e300"
	expect_fits "1e300 at $1x$2: nothing past the border" "$1"
done
keys 4 z
expect_screen "zoomed: 4.5e14 and 1.2e17 compact" "450T/1.2e17"
expect_fits "zoomed: nothing past the border" 60

# --- a hang-up without SIGHUP -------------------------------------------------
${CC:-cc} -O1 -o "$TMP/ptyhold" "$ROOT/tests/tui/ptyhold.c" || fail "build ptyhold" "cc failed"
board
hup_start() { # the board's stdin on a pty held by ptyhold; stdout the pane
	rm -f "$TMP/hup" "$TMP/stty."*
	cat >"$TMP/hup.sh" <<EOS
stty -g >"$TMP/stty.before"
env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=$MUSTER_TODAY MUSTER_USER=alice \\
	XDG_CONFIG_HOME=$XDG_CONFIG_HOME "$TMP/ptyhold" "$TMP/hup" $MUSTER --db $DB 2>>"$TMP/tui.err"
rc=\$?
stty -g >"$TMP/stty.after"
echo "[done \$rc]"
sleep 3600
EOS
	tmux -L "$SOCK" kill-server 2>/dev/null
	_nstart=$((_nstart + 1))
	SOCK=muster-test-$$-$_nstart
	tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 "bash $TMP/hup.sh"
	wait_for " muster · " 5
}
who_rows() { mu who 2>/dev/null | grep -c "^alice"; }
for where in board form; do
	hup_start
	[ $where = form ] && { keys e; wait_for "Edit task" 3; }
	expect_eq "hang-up ($where): alice is on the board" 1 "$(who_rows)"
	touch "$TMP/hup"
	expect_screen "hang-up ($where): the board ends at once, as on SIGHUP" "[done 129]" 3
	expect_eq "hang-up ($where): the terminal restored" "$(cat "$TMP/stty.before")" "$(cat "$TMP/stty.after" 2>/dev/null)"
	expect_eq "hang-up ($where): presence removed" 0 "$(who_rows)"
done
finish
