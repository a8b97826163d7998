#!/bin/bash
# Restricted sessions take nothing from the user (issue 11), without ssh:
# the kiosk account mt_kiosk runs its forced command with a hostile
# environment (HOME, XDG_*, MUSTER_*, SSH_ORIGINAL_COMMAND, a bad LANG) and
# hostile arguments.  The account's own config (its passwd home) decides;
# --as / --db count only from the forced command; gen, init, import and
# metric import are refused; export names are plain; nothing is written
# outside export_dir and the identity stays mt_bob via mt_kiosk.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
. "$ROOT/tests/cli/lib-trust.inc"
j() { "$JSONQ" "$1"; }
SH=$T/shared
"$M" init --shared mt_team --db "$SH/board.db" >/dev/null
as mt_alice muster --db "$SH/board.db" import "$PLAN" >/dev/null
"$M" --db "$SH/board.db" kiosk add mt_kiosk >/dev/null
KH=/home/mt_kiosk
install -d -o mt_kiosk -g mt_kiosk -m 700 "$KH/.config/muster" "$KH/exports"
printf 'restricted: true\ndatabase: %s\nexport_dir: ~/exports\n' "$SH/board.db" >"$KH/.config/muster/config.yaml"
chown mt_kiosk "$KH/.config/muster/config.yaml"

# the attacker's own config, board and targets (all theirs to choose)
EVIL=$T/evil
mkdir -p "$EVIL/cfg/muster" "$EVIL/data/muster" "$EVIL/home/.config/muster"
for d in "$EVIL/cfg/muster" "$EVIL/home/.config/muster"; do
	printf 'restricted: false\ndatabase: %s\nexport_dir: %s\n' "$EVIL/board.db" "$EVIL" >"$d/config.yaml"
done
"$MUSTER" --db "$EVIL/board.db" import "$PLAN" >/dev/null
chmod -R a+rwX "$EVIL"
printf 'q\n' >"$EVIL/keys.txt"
MARK=$T/mark
touch "$MARK"
sleep 1 # find -newer has one-second resolution on some file systems
# hostile ARGS...: the forced command's process, with everything the client
# may send (a script, so that tmux can run it too)
cat >"$T/hostile.sh" <<EOF
#!/bin/sh
cd "$KH" && exec runuser -u mt_kiosk -- env -i PATH="$T/p/bin:/usr/bin:/bin" TERM=xterm-256color \\
	LANG=../../../tmp/evil LC_ALL=C.UTF-8 LC_CTYPE=/etc/passwd TZ=/etc/shadow \\
	HOME="$EVIL/home" XDG_CONFIG_HOME="$EVIL/cfg" XDG_DATA_HOME="$EVIL/data" \\
	MUSTER_USER=mt_alice MUSTER_DB="$EVIL/board.db" MUSTER_THEMES="$EVIL" \\
	MUSTER_TIMINGS="$EVIL/timings.txt" MUSTER_REPLAY="$EVIL/keys.txt" MUSTER_TODAY=2999-01-01 \\
	SSH_ORIGINAL_COMMAND="muster --as mt_alice export -o $EVIL/stolen.yaml" "\$@"
EOF
chmod 755 "$T/hostile.sh"
hostile() { "$T/hostile.sh" "$@"; }

expect_out "hostile env: bob ticks the shared board" "item 1 (Chairs): 2/100" hostile muster --as mt_bob --restricted tick Chairs --qty 2
l=$("$M" --db "$SH/board.db" log --limit 1 --json)
expect_eq "  as mt_bob via mt_kiosk" "mt_bob mt_kiosk" "$(printf %s "$l" | j '.[0].actor') $(printf %s "$l" | j '.[0].account')"
expect_eq "  not on the attacker's board" 0 "$("$T/sqlq" "$EVIL/board.db" "SELECT count(*) FROM log WHERE action = 'tick'")"
expect_out "no --restricted: the account's own config restricts" "" \
	hostile muster --as mt_bob export -o plan.yaml
expect_eq "  written into its export_dir" yes "$([ -s "$KH/exports/plan.yaml" ] && echo yes)"
expect_match "a restricted backup goes into export_dir" "^backed up $SH/board.db to $KH/exports/kiosk.db " \
	"$(hostile muster --as mt_bob --restricted backup kiosk.db)"
expect_eq "  a whole board" ok "$("$T/sqlq" "$KH/exports/kiosk.db" "PRAGMA integrity_check")"
expect_exit "  but nowhere else" 5 hostile muster --as mt_bob --restricted backup "$EVIL/x.db"
expect_err "  it is restricted: no init" 5 "muster: a restricted session may not create boards" hostile muster --as mt_bob init
expect_err "a later --as refused" 5 \
	"muster: a restricted session takes --as and --db only from its forced command (before --restricted and the command); refused: --as" \
	hostile muster --as mt_bob --restricted task add X --as mt_alice
expect_err "--as after --restricted refused" 5 \
	"muster: a restricted session takes --as and --db only from its forced command (before --restricted and the command); refused: --as=mt_alice" \
	hostile muster --restricted --as=mt_alice tasks
expect_err "a second --as refused" 5 "muster: a restricted session takes --as once, from its forced command; refused" \
	hostile muster --as mt_bob --as mt_alice --restricted tasks
expect_err "a second --db refused" 5 "muster: a restricted session takes --db once, from its forced command; refused" \
	hostile muster --db "$SH/board.db" --db "$EVIL/board.db" --as mt_bob --restricted tasks
expect_exit "a --db after the command refused" 5 hostile muster --as mt_bob --restricted tasks --db "$EVIL/board.db"
expect_err "gen refused" 5 "muster: a restricted session may not generate boards" hostile muster --as mt_bob --restricted gen --tasks 1
expect_err "import refused" 5 "muster: a restricted session may not import files" hostile muster --as mt_bob --restricted import "$PLAN"
expect_err "metric import refused" 5 "muster: a restricted session may not import files" \
	hostile muster --as mt_bob --restricted metric import "$EVIL/keys.txt"
expect_exit "kiosk list changes refused" 5 hostile muster --as mt_bob --restricted kiosk rm mt_kiosk
expect_err "export name with a newline refused" 5 "muster: a restricted session's file name may not contain a control character U+000A (byte 1)" \
	hostile muster --as mt_bob --restricted export -o $'a\nb.yaml'
expect_exit "export name with ESC refused" 5 hostile muster --as mt_bob --restricted export -o $'x\e[31m.yaml'
expect_exit "export name with a C1 control refused" 5 hostile muster --as mt_bob --restricted export -o $'x\xc2\x9b.yaml'
expect_err "export name with a bidi override refused" 5 "muster: a restricted session's file name may not contain a bidirectional control U+202E (byte 3)" \
	hostile muster --as mt_bob --restricted export -o $'rep\u202Eckp.md'
expect_exit "export name with a line separator refused" 5 hostile muster --as mt_bob --restricted export -o $'a\u2028b.md'
expect_exit "export name that is not UTF-8 refused" 5 hostile muster --as mt_bob --restricted export -o $'x\xff.yaml'
expect_exit "export to a path refused" 5 hostile muster --as mt_bob --restricted export -o "$EVIL/x.yaml"
expect_eq "MUSTER_TODAY is cleared: today is today" yes \
	"$(hostile muster --as mt_bob --restricted log --since today --json | j length | grep -qv '^0$' && echo yes)"

# the board itself, with the same environment: MUSTER_REPLAY (q) and
# MUSTER_TIMINGS are gone, so it waits for keys and writes no timings
SOCK=mt-restricted-$$
TRUST_EXTRA_CLEANUP='tmux -L "$SOCK" kill-server 2>/dev/null'
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"$T/hostile.sh muster --as mt_bob --restricted; echo '[exited]'; sleep 3600"
screen() { tmux -L "$SOCK" capture-pane -p 2>/dev/null; }
wait_for() { local i=0; while ! screen | grep -qF -- "$1"; do i=$((i + 1)); [ $i -gt "${2:-100}" ] && return 1; sleep 0.05; done; }
if wait_for "mt_bob (staff)"; then pass "the restricted board opens as mt_bob (MUSTER_REPLAY ignored)"; else fail "restricted board" "$(screen)"; fi
# (what is left of the environment: tests/test_restricted.c; /proc/PID/environ
# shows the environment the process was started with, not what it cleared)
tmux -L "$SOCK" send-keys q
wait_for "[exited]" || fail "the restricted board quits" "$(screen)"
tmux -L "$SOCK" kill-server 2>/dev/null
expect_eq "nothing in the attacker's places" "" "$(ls "$EVIL" | grep -vxE 'board.db(-wal|-shm)?|cfg|data|home|keys.txt')"
expect_eq "nothing written by mt_kiosk outside export_dir" "$KH/exports $KH/exports/kiosk.db $KH/exports/plan.yaml" \
	"$(find / -xdev \( -path /proc -o -path /sys -o -path /dev \) -prune -o -user mt_kiosk -newer "$MARK" -print 2>/dev/null | sort | paste -sd' ' -)"
finish
