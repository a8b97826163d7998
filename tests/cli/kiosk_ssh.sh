#!/bin/bash
# The kiosk over a real sshd (issue 11): sshd started by this test on
# 127.0.0.1 (its own host key, config and port, AcceptEnv *, killed at
# exit), the kiosk account's keys forcing `muster --as mt_bob --restricted`,
# and a client that sends a hostile environment (HOME, XDG_*, MUSTER_*),
# extra arguments, and a 65535x65535 window.  Nothing is written outside
# export_dir, the identity stays mt_bob via mt_kiosk, memory stays bounded.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
for c in sshd ssh ssh-keygen tmux; do
	command -v "$c" >/dev/null || [ -x "/usr/sbin/$c" ] ||
		{ echo "SKIP: $c not installed (.ci/run installs openssh-server and openssh-client)"; exit 0; }
done
. "$ROOT/tests/cli/lib-trust.inc"
j() { "$JSONQ" "$1"; }
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
SH=$T/shared
"$M" init --shared mt_team --db "$SH/board.db" >/dev/null
as mt_alice muster --db "$SH/board.db" import "$PLAN" >/dev/null
"$M" --db "$SH/board.db" kiosk add mt_kiosk >/dev/null
KH=/home/mt_kiosk
install -d -o mt_kiosk -g mt_kiosk -m 700 "$KH/.ssh" "$KH/.config/muster" "$KH/exports"
printf 'restricted: true\ndatabase: %s\nexport_dir: ~/exports\n' "$SH/board.db" >"$KH/.config/muster/config.yaml"
chown mt_kiosk "$KH/.config/muster/config.yaml"

# sshd: its own host key, config, port; only this test's client key
S=$T/ssh
mkdir -m 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host" && ssh-keygen -q -t ed25519 -N '' -f "$S/id" ||
	{ echo "FAIL: ssh-keygen"; exit 1; }
printf 'command="muster --as mt_bob --restricted",restrict,pty %s\n' "$(cat "$S/id.pub")" >"$KH/.ssh/muster_test_keys"
chown mt_kiosk "$KH/.ssh/muster_test_keys" && chmod 600 "$KH/.ssh/muster_test_keys"
made_run=
[ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 755 /run/sshd && made_run=1; }
SSHD_PID=
TRUST_EXTRA_CLEANUP='[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null; tmux -L "mt-ssh-$$" kill-server 2>/dev/null;
	tmux -L "mt-ssh-big-$$" kill-server 2>/dev/null; [ -n "$made_run" ] && rmdir /run/sshd 2>/dev/null'
for try in 1 2 3 4 5; do
	PORT=$((20000 + (RANDOM % 40000)))
	cat >"$S/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $S/host
PidFile $S/sshd.pid
AuthorizedKeysFile .ssh/muster_test_keys
AllowUsers mt_kiosk
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AcceptEnv *
PermitUserEnvironment no
StrictModes yes
SetEnv PATH=$T/p/bin:/usr/bin:/bin
LogLevel VERBOSE
EOF
	# sessions inherit the address-space limit: a board that tried to
	# allocate a 65535x65535 screen fails instead of eating the machine
	( ulimit -v 4194304; exec "$SSHD" -D -e -f "$S/sshd_config" ) 2>"$S/log" &
	SSHD_PID=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q "Server listening on 127.0.0.1 port $PORT" "$S/log"; do
		kill -0 "$SSHD_PID" 2>/dev/null || break
		sleep 0.05; i=$((i + 1))
	done
	grep -q "Server listening on 127.0.0.1 port $PORT" "$S/log" && break
	kill "$SSHD_PID" 2>/dev/null; wait "$SSHD_PID" 2>/dev/null; SSHD_PID=
done
[ -n "$SSHD_PID" ] || { echo "FAIL: sshd did not start: $(tail -n 5 "$S/log")"; exit 1; }
pass "sshd on 127.0.0.1:$PORT"
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$S/host.pub")" >"$S/known"

EVIL=$T/evil
mkdir -p "$EVIL/cfg/muster" "$EVIL/home/.config/muster"
for d in "$EVIL/cfg/muster" "$EVIL/home/.config/muster"; do
	printf 'restricted: false\ndatabase: %s\nexport_dir: %s\n' "$EVIL/board.db" "$EVIL" >"$d/config.yaml"
done
chmod -R a+rwX "$EVIL"
printf 'q\n' >"$EVIL/keys.txt"
# the client: the hostile environment goes along (SendEnv, accepted by AcceptEnv *)
cat >"$S/client.sh" <<EOF
#!/bin/sh
exec env HOME="$EVIL/home" XDG_CONFIG_HOME="$EVIL/cfg" XDG_DATA_HOME="$EVIL" \\
	MUSTER_USER=mt_alice MUSTER_DB="$EVIL/board.db" MUSTER_TIMINGS="$EVIL/timings.txt" \\
	MUSTER_REPLAY="$EVIL/keys.txt" MUSTER_TODAY=2999-01-01 LANG=C.UTF-8 TERM=xterm-256color \\
	ssh -F /dev/null -i "$S/id" -o IdentitiesOnly=yes -o UserKnownHostsFile="$S/known" \\
	-o StrictHostKeyChecking=yes -o BatchMode=yes -o LogLevel=ERROR -o SendEnv=HOME \\
	-o "SendEnv=XDG_*" -o "SendEnv=MUSTER_*" -o SendEnv=LANG -p $PORT "\$@" mt_kiosk@127.0.0.1 \\
	muster --as mt_alice export -o /tmp/mt-kiosk-stolen.yaml
EOF
chmod 755 "$S/client.sh"
MARK=$T/mark
touch "$MARK"
sleep 1

# without a terminal: the forced command runs (the board wants one), the
# client's command is never run
out=$("$S/client.sh" -T </dev/null 2>&1); rc=$?
expect_eq "no terminal: the forced command says to add -t" "1 muster: not a terminal: this ssh session has none; connect with ssh -t (ssh -t user@host) to open the board, or give a command (see muster --help)" "$rc $out"

# with a terminal (100x30): the board as mt_bob, on the kiosk's board
SOCK=mt-ssh-$$
screen() { tmux -L "$SOCK" capture-pane -p 2>/dev/null; }
wait_for() { local i=0; while ! screen | grep -qF -- "$1"; do i=$((i + 1)); [ $i -gt "${2:-200}" ] && return 1; sleep 0.05; done; }
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "$S/client.sh -t; echo \"[exited \$?]\"; sleep 3600"
if wait_for "mt_bob (staff)"; then pass "ssh -t: the board opens as mt_bob"; else fail "ssh -t: the board" "$(screen; tail -n 5 "$S/log")"; fi
PID=$(pgrep -u mt_kiosk -x muster | head -n 1) # the kiosk's only muster
expect_eq "it runs as mt_kiosk" mt_kiosk "$(stat -c %U /proc/$PID 2>/dev/null || ps -o user= -p "$PID")"
tmux -L "$SOCK" send-keys 3
wait_for "Chairs" || fail "materials pane" "$(screen)"
tmux -L "$SOCK" send-keys Space
if wait_for "[x] Chairs"; then pass "a tick from the kiosk's board"; else fail "kiosk tick" "$(screen)"; fi
hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$PID/status)
expect_eq "memory bounded (peak ${hwm} kB < 64 MiB)" yes "$([ "${hwm:-999999}" -lt 65536 ] && echo yes)"
tmux -L "$SOCK" send-keys q
if wait_for "[exited 0]"; then pass "q ends the session"; else fail "q ends the session" "$(screen)"; fi
l=$("$M" --db "$SH/board.db" log --limit 1 --json)
expect_eq "identity: mt_bob via mt_kiosk" "mt_bob mt_kiosk tick" \
	"$(printf %s "$l" | j '.[0].actor') $(printf %s "$l" | j '.[0].account') $(printf %s "$l" | j '.[0].action')"
expect_match "muster log says so" "  mt_bob via mt_kiosk  tick +item 1 " "$("$M" --db "$SH/board.db" log)"
tmux -L "$SOCK" kill-server 2>/dev/null

# a 65535x65535 window (the pane's tty says so; ssh passes it on)
SOCK=mt-ssh-big-$$
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"stty rows 65535 cols 65535; $S/client.sh -t; echo \"[exited \$?]\"; sleep 3600"
big_ok=1 why=
wait_for " muster · " 200 || true # drawn (or failed) at that size
PID=$(pgrep -u mt_kiosk -x muster | head -n 1)
if [ -z "$PID" ] || ! kill -0 "$PID" 2>/dev/null; then
	big_ok=0 why="the board did not survive: $(screen | grep -av '^ *$' | tail -n 2 | paste -sd' ' -)"
else
	hwm=$(awk '/^VmHWM/ { print $2 }' /proc/$PID/status)
	[ "${hwm:-999999}" -lt 65536 ] || { big_ok=0 why="peak memory ${hwm} kB"; }
	tmux -L "$SOCK" send-keys q
	wait_for "[exited 0]" 100 || { big_ok=0 why="${why:-q did not end it}: $(screen | grep -a exited | head -n 1)"; }
fi
if [ $big_ok = 1 ]; then pass "65535x65535: the board survives in bounded memory"
else fail "65535x65535: the board survives in bounded memory" "$why"; fi
tmux -L "$SOCK" kill-server 2>/dev/null
[ -n "$PID" ] && kill -0 "$PID" 2>/dev/null && kill "$PID" 2>/dev/null

expect_eq "the client's command never ran" no "$([ -e /tmp/mt-kiosk-stolen.yaml ] && echo yes || echo no)"
expect_eq "nothing in the attacker's places" "" "$(ls "$EVIL" | grep -vxE 'cfg|home|keys.txt')"
expect_eq "nothing written by mt_kiosk outside export_dir" "" \
	"$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path "$KH/exports" \) -prune -o -user mt_kiosk -newer "$MARK" -print 2>/dev/null)"
expect_eq "the shared board is whole" ok "$("$T/sqlq" "$SH/board.db" "PRAGMA integrity_check")"
finish
