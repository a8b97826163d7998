#!/bin/bash
# Trust on a shared host (issue 11), as real Unix users: on a shared board
# (init --shared) everyone acts as their own login (--as / $MUSTER_USER
# refused but for kiosk accounts; the kiosk list belongs to root and the
# file's owner; the log records the account); on a guarded board (a muster
# installed setgid, init --guarded) the users cannot touch the file but
# through muster, which opens nothing else with the group, ignores its test
# hooks, cannot be traced, and holds only real gids after the open.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
. "$ROOT/tests/cli/lib-trust.inc"
j() { "$JSONQ" "$1"; }

# ---- a shared board ----
SH=$T/a/b/shared
expect_out "init --shared" "created board $SH/board.db" "$M" init --shared mt_team --db "$SH/board.db"
expect_eq "shared: its own directory is the group's" "2770 mt_team" "$(stat -c '%a %G' "$SH")"
expect_eq "shared: parents it made keep the umask (not 0775)" "755 755" "$(stat -c %a "$T/a") $(stat -c %a "$T/a/b")"
expect_eq "shared: the board is 660" "660 mt_team" "$(stat -c '%a %G' "$SH/board.db")"
expect_match "shared: the mode is recorded" "^shared board, owner root; you: root$" "$("$M" --db "$SH/board.db" kiosk)"
expect_match "init on /tmp itself refused" "writable by everyone" "$("$M" init --shared mt_team --db /tmp/mt-board.db 2>&1)"
expect_eq "  and /tmp untouched" "1777 root" "$(stat -c '%a %G' /tmp)"
check "alice imports the plan" as mt_alice muster --db "$SH/board.db" import "$PLAN"
before=$("$M" --db "$SH/board.db" log --json | j length)
expect_err "bob --as mt_alice refused" 5 \
	"muster: $SH/board.db is a shared board: you act as your Unix account (mt_bob), not as mt_alice; only kiosk accounts may act for others (see muster kiosk list)" \
	as mt_bob muster --db "$SH/board.db" --as mt_alice task edit 2 --title X
expect_exit "bob via \$MUSTER_USER refused" 5 as mt_bob env MUSTER_USER=mt_alice muster --db "$SH/board.db" task edit 2 --title X
expect_exit "  even to read" 5 as mt_bob muster --db "$SH/board.db" --as mt_alice tasks
expect_eq "  nothing changed" "$before Print posters" \
	"$("$M" --db "$SH/board.db" log --json | j length) $("$M" --db "$SH/board.db" tasks --json | j '.[1].title')"
expect_out "bob as himself" "task 1 (Book the hall): done" as mt_bob muster --db "$SH/board.db" task done 1
expect_out "  --as his own login is fine" "task 1 (Book the hall): todo" as mt_bob muster --db "$SH/board.db" --as mt_bob task reopen 1
l=$("$M" --db "$SH/board.db" log --limit 1 --json)
expect_eq "bob's row: actor and account" "mt_bob mt_bob" "$(printf %s "$l" | j '.[0].actor') $(printf %s "$l" | j '.[0].account')"

# the kiosk list: root or the file's owner
expect_err "kiosk add by a non-owner refused" 5 \
	"muster: mt_alice may not change the kiosk list: only root or the board file's owner (root) may" \
	as mt_alice muster --db "$SH/board.db" kiosk add mt_kiosk
expect_exit "  nor by bob for himself" 5 as mt_bob muster --db "$SH/board.db" kiosk add mt_bob
expect_eq "  the list is empty" "[]" "$("$M" --db "$SH/board.db" kiosk list --json)"
expect_err "kiosk add: a Unix account" 2 "muster: no Unix account mt_nobody on this host" "$M" --db "$SH/board.db" kiosk add mt_nobody
expect_exit "kiosk before it is listed: refused" 5 as mt_kiosk muster --db "$SH/board.db" --as mt_bob tick Chairs
expect_out "kiosk add by root" "mt_kiosk may act as others on $SH/board.db" "$M" --db "$SH/board.db" kiosk add mt_kiosk
expect_err "kiosk add twice" 2 "muster: mt_kiosk is on the kiosk list already" "$M" --db "$SH/board.db" kiosk add mt_kiosk
expect_match "kiosk list (table)" "^ACCOUNT +ADDED BY +ADDED$" "$("$M" --db "$SH/board.db" kiosk list)"
expect_match "kiosk list row" "^mt_kiosk +root +20[0-9-]+T" "$("$M" --db "$SH/board.db" kiosk list)"
k=$("$M" --db "$SH/board.db" kiosk list --json)
valid_json "kiosk list --json" "$k"
expect_eq "kiosk list --json" "mt_kiosk root" "$(printf %s "$k" | j '.[0].account') $(printf %s "$k" | j '.[0].added_by')"
expect_out "a listed kiosk acts as bob" "item 1 (Chairs): 5/100" as mt_kiosk muster --db "$SH/board.db" --as mt_bob tick Chairs --qty 5
l=$("$M" --db "$SH/board.db" log --limit 1 --json)
expect_eq "log --json: actor mt_bob, account mt_kiosk" "mt_bob mt_kiosk" "$(printf %s "$l" | j '.[0].actor') $(printf %s "$l" | j '.[0].account')"
expect_match "muster log: mt_bob via mt_kiosk" "  mt_bob via mt_kiosk  tick +item 1 +qty_ready: 0 → 5$" "$("$M" --db "$SH/board.db" log)"
expect_exit "  with bob's rights only" 5 as mt_kiosk muster --db "$SH/board.db" --as mt_bob tick Posters
expect_exit "kiosk rm by a non-owner refused" 5 as mt_bob muster --db "$SH/board.db" kiosk rm mt_kiosk
expect_out "kiosk rm by root" "mt_kiosk no longer acts as others on $SH/board.db" "$M" --db "$SH/board.db" kiosk rm mt_kiosk
expect_exit "  then the kiosk is refused" 5 as mt_kiosk muster --db "$SH/board.db" --as mt_bob tick Chairs
expect_match "kiosk changes are in the log" "root +remove +kiosk 1 +mt_kiosk$" "$("$M" --db "$SH/board.db" log | grep ' remove ')"
# the group umask is for the board's own files only
check "alice exports into her home" as mt_alice sh -c "umask 022 && muster --db '$SH/board.db' export -o /home/mt_alice/plan.yaml"
expect_eq "  the export keeps her umask (644, not 664)" 644 "$(stat -c %a /home/mt_alice/plan.yaml)"
for f in "$SH/board.db-wal" "$SH/board.db-shm"; do
	[ -e "$f" ] && expect_eq "$(basename "$f") stays group read/write" "660 mt_team" "$(stat -c '%a %G' "$f")"
done

# ---- a guarded board ----
GB=$T/srv/guarded
expect_err "init --guarded without a setgid muster" 1 \
	"muster: init --guarded needs a muster installed setgid to a group (make install GUARD_GROUP=muster); $(readlink -f "$MUSTER") is not" \
	"$MUSTER" init --guarded --db "$T/x/board.db"
expect_eq "  nothing made" no "$([ -e "$T/x" ] && echo yes || echo no)"
expect_exit "init --guarded by a user outside the group" 5 as mt_bob muster init --guarded --db /home/mt_bob/g/board.db
expect_out "init --guarded by root" "created board $GB/board.db" "$M" init --guarded --db "$GB/board.db"
expect_eq "guarded: directory 2770 of the group" "2770 root mt_guard" "$(stat -c '%a %U %G' "$GB")"
for f in board.db board.db-wal board.db-shm; do
	expect_eq "guarded: $f 660 of the group" "660 root mt_guard" "$(stat -c '%a %U %G' "$GB/$f")"
done
expect_out "root imports the plan" "imported event 1: Trust fair (2 tasks, 2 items)" "$M" --db "$GB/board.db" import "$PLAN"
expect_eq "-wal and -shm kept after the last close" "yes" "$([ -f "$GB/board.db-wal" ] && [ -f "$GB/board.db-shm" ] && echo yes)"
# files of the group inside the guarded directory, for the unreadable checks
cp "$PLAN" "$GB/secret.yaml"
printf 'time,stage,value\n2026-09-10T10:00,visitors,99\n' >"$GB/readings.csv"
cp "$(ls "$ROOT"/themes/*.yaml | head -n 1)" "$GB/theme.yaml"
chgrp mt_guard "$GB/secret.yaml" "$GB/readings.csv" "$GB/theme.yaml"
chmod 660 "$GB/secret.yaml" "$GB/readings.csv" "$GB/theme.yaml"

out=$(as mt_bob "$SQL3" "$GB/board.db" "UPDATE task SET title = 'pwned'" 2>&1); rc=$?
expect_eq "bob's sqlite3 UPDATE fails" 1 "$([ $rc != 0 ] && echo 1 || echo 0)"
expect_match "  unable to open it" "[Pp]ermission denied|unable to open|cannot open" "$out"
expect_match "bob cannot even read the file" "Permission denied" "$(as mt_bob cat "$GB/board.db" 2>&1 >/dev/null)"
expect_out "bob ticks through muster" "item 1 (Chairs): 3/100" as mt_bob muster --db "$GB/board.db" tick Chairs --qty 3
# The board's path is fixed once: bob's relative --db from a directory he
# renames while muster runs cannot make the owner check see another file
# (it once fell back to bob as the owner: bob put himself on the kiosk list).
cc -O1 -o "$T/cwd_race" "$ROOT/tests/cli/cwd_race.c"
as mt_bob mkdir -p /home/mt_bob/race/p1/D /home/mt_bob/race/away
out=$(as mt_bob "$T/cwd_race" "$M" /home/mt_bob/race "../../../../..$GB/board.db" mt_bob); rc=$?
expect_eq "the directory race never makes bob the owner (147 tries)" "1" "$rc${out:+ $out}"
expect_eq "  bob is not on the kiosk list" "" "$("$M" --db "$GB/board.db" kiosk --json | grep -o mt_bob)"
l=$("$M" --db "$GB/board.db" log --limit 1 --json)
expect_eq "  logged as mt_bob (account mt_bob)" "mt_bob mt_bob tick" \
	"$(printf %s "$l" | j '.[0].actor') $(printf %s "$l" | j '.[0].account') $(printf %s "$l" | j '.[0].action')"
expect_exit "bob --as mt_alice refused" 5 as mt_bob muster --db "$GB/board.db" --as mt_alice task edit 2 --title X
expect_exit "bob: another role's list refused" 5 as mt_bob muster --db "$GB/board.db" tick Posters
expect_eq "  nothing of that changed" "Print posters 0" \
	"$("$M" --db "$GB/board.db" tasks --json | j '.[1].title') $("$M" --db "$GB/board.db" items --json | j '.[1].qty_ready')"
expect_match "import of a group file inside: unreadable" "secret.yaml.*Permission denied" \
	"$(as mt_bob muster --db "$GB/board.db" import "$GB/secret.yaml" 2>&1)"
expect_match "metric import of a group file inside: unreadable" "cannot read $GB/readings.csv: Permission denied" \
	"$(as mt_bob muster --db "$GB/board.db" --as mt_bob metric import "$GB/readings.csv" 2>&1)"
expect_err "bob may not import even his own plan (board-level)" 5 \
	"muster: mt_bob may not import plans on the guarded board $GB/board.db: only root, its owner (root) and its group may" \
	as mt_bob muster --db "$GB/board.db" import "$PLAN"
expect_exit "bob may not change the board's settings" 5 as mt_bob muster --db "$GB/board.db" init --default-access coordinator
expect_exit "bob may not make the guarded board shared" 5 as mt_bob muster --db "$GB/board.db" init --shared mt_team
expect_eq "  still guarded, still the group's" "2770 mt_guard" "$(stat -c '%a %G' "$GB")"
expect_match "  and its mode" "^guarded board, owner root" "$("$M" --db "$GB/board.db" kiosk)"
expect_exit "no file is made in the guarded directory" 4 as mt_bob muster --db "$GB/new.db" init
expect_eq "  none" no "$([ -e "$GB/new.db" ] && echo yes || echo no)"
expect_exit "metric import: only as metric add allows (staff: refused)" 5 as mt_bob sh -c \
	"printf 'time,stage,value\n2026-09-10T10:00,visitors,7\n' >/tmp/mt-bob.csv && muster --db '$GB/board.db' metric import /tmp/mt-bob.csv"
rm -f /tmp/mt-bob.csv
# MUSTER_TODAY is ignored by the setgid muster: "today" is today
expect_eq "MUSTER_TODAY ignored when setgid" yes \
	"$(as mt_bob env MUSTER_TODAY=2999-01-01 muster --db "$GB/board.db" log --since today --json | j length | grep -qv '^0$' && echo yes)"

# the board as bob, in tmux: test hooks ignored, not dumpable, real gids
SOCK=mt-trust-$$
TRUST_EXTRA_CLEANUP='tmux -L "$SOCK" kill-server 2>/dev/null'
printf 'q\n' >/home/mt_bob/keys.txt && chown mt_bob /home/mt_bob/keys.txt
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"cd /tmp && runuser -u mt_bob -- env -i PATH=$T/p/bin:/usr/bin:/bin HOME=/home/mt_bob TERM=xterm-256color LANG=C.UTF-8 \
	 MUSTER_REPLAY=/home/mt_bob/keys.txt MUSTER_TIMINGS=/home/mt_bob/timings.txt muster --db $GB/board.db; echo '[exited]'; sleep 3600"
screen() { tmux -L "$SOCK" capture-pane -p 2>/dev/null; }
wait_for() { local i=0; while ! screen | grep -qF -- "$1"; do i=$((i + 1)); [ $i -gt "${2:-100}" ] && return 1; sleep 0.05; done; }
if wait_for "mt_bob (staff)"; then pass "bob's board opens (MUSTER_REPLAY ignored: it did not quit)"; else fail "bob's board opens" "$(screen)"; fi
PID=$(pgrep -u mt_bob -x muster | head -n 1) # the only muster of mt_bob now
bob_gid=$(id -g mt_bob)
expect_eq "the board's gids after the open are all real" "Gid:	$bob_gid	$bob_gid	$bob_gid	$bob_gid" "$(grep '^Gid:' /proc/$PID/status)"
expect_match "  it keeps bob's supplementary groups" "^Groups:.*$(getent group mt_team | cut -d: -f3)" "$(grep '^Groups:' /proc/$PID/status)"
expect_eq "not dumpable: /proc/PID belongs to root" root "$(stat -c %U /proc/$PID/environ)"
expect_match "  bob cannot look at its fds" "Permission denied" "$(as mt_bob ls /proc/$PID/fd 2>&1)"
expect_eq "  core dumps off" 0 "$(awk '/^Max core file size/ { print $5 }' /proc/$PID/limits)"
fds=$(ls -l /proc/$PID/fd 2>/dev/null)
expect_eq "board, -wal and -shm open after the drop" 3 "$(printf '%s\n' "$fds" | grep -cE "$GB/board\.db(-wal|-shm)?$")"
as mt_alice muster --db "$GB/board.db" tick Chairs --qty 4 >/dev/null
tmux -L "$SOCK" send-keys 3
if wait_for "7/100"; then pass "alice's tick reaches bob's open board (through the open fds)"; else fail "live on the guarded board" "$(screen)"; fi
tmux -L "$SOCK" send-keys q
wait_for "[exited]" || fail "bob's board quits" "$(screen)"
expect_eq "MUSTER_TIMINGS ignored: no file" no "$([ -e /home/mt_bob/timings.txt ] && echo yes || echo no)"
# --theme of a group file inside the guarded directory: unreadable
tmux -L "$SOCK" kill-server 2>/dev/null
SOCK=mt-trust-theme-$$
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	"cd /tmp && runuser -u mt_bob -- env -i PATH=$T/p/bin:/usr/bin:/bin HOME=/home/mt_bob TERM=xterm-256color LANG=C.UTF-8 \
	 muster --db $GB/board.db --theme $GB/theme.yaml; echo \"[exited \$?]\"; sleep 3600"
if wait_for "[exited"; then
	expect_match "--theme of a group file inside: unreadable" "theme.yaml.*Permission denied" "$(screen)"
else fail "--theme of a group file" "the board opened: $(screen)"; fi
tmux -L "$SOCK" kill-server 2>/dev/null
# TERMINFO is dropped by the setgid muster: a terminal type only bob's own
# terminfo directory knows is unknown to it (the build's muster takes it)
if command -v tic >/dev/null && command -v infocmp >/dev/null; then
	as mt_bob sh -c 'infocmp xterm | sed "s/^xterm|/mtfake|/" | tic -x -o /home/mt_bob/ti - 2>/dev/null'
	expect_match "TERMINFO ignored when setgid" "unknown terminal type 'mtfake'" \
		"$(as mt_bob env TERMINFO=/home/mt_bob/ti TERM=mtfake timeout 10 script -qec "muster --db $GB/board.db" /dev/null </dev/null 2>&1)"
	"$MUSTER" --db "$T/ctl.db" init >/dev/null
	ctl=$(cd /tmp && TERMINFO=/home/mt_bob/ti TERM=mtfake timeout 3 script -qec "$MUSTER --db $T/ctl.db" /dev/null </dev/null 2>&1)
	expect_match "  (the muster that is not setgid reads it: the check can fail)" "muster · no event" "$ctl"
fi
expect_eq "integrity of the guarded board" ok "$("$T/sqlq" "$GB/board.db" "PRAGMA integrity_check")"
finish
