#!/bin/bash
# Files written safely (issue 11): every command that writes a file (export
# as yaml, md, csv and ics, template save, the board's MUSTER_TIMINGS) against
# the planted-symlink attack: PATH.tmp.PID for the very PID that writes (the
# old naming) and the 200 after it, and other guessable names, all pointing
# at a victim file; a symlink AT the target; the mode from the umask (022,
# 077); a write that fails (a file-size limit mid-write, a directory the
# user cannot write, a missing directory) leaves no temporary file and the
# old target as it was.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
VICTIM=$TMP/victim
OUT=$TMP/out
mkdir -p "$OUT"

# plant TARGET PID : symlinks from the names a writer might guess to $VICTIM
plant() {
	local t=$1 p=$2 i
	for ((i = p; i <= p + 200; i++)); do ln -s "$VICTIM" "$t.tmp.$i"; done
	for n in "$t.tmp" "$t.new" "$t~" "$t.part" "$t.bak" "$(dirname "$t")/.$(basename "$t").tmp" \
		"$(dirname "$t")/.$(basename "$t").swp"; do ln -s "$VICTIM" "$n"; done
}
# others TARGET : entries in $OUT besides the target and the planted links
others() { find "$OUT" -mindepth 1 ! -type l ! -path "$1" | sed "s|^$OUT/||"; }
reset_victim() { printf 'VICTIM\n' >"$VICTIM"; chmod 644 "$VICTIM"; }
victim_ok() { [ "$(cat "$VICTIM")" = VICTIM ] && [ "$(stat -c %a "$VICTIM")" = 644 ]; }
clean() { rm -rf "$OUT" && mkdir -p "$OUT"; }

# run_writer KIND TARGET : one writing command, from a subshell whose PID is
# the PID of the muster it becomes (exec), so PATH.tmp.PID is really planted
run_writer() {
	local kind=$1 t=$2
	case $kind in
	yaml | md | csv | ics)
		(plant "$t" "$BASHPID"; exec "$MUSTER" --db "$DB" export 1 --format "$kind" -o "$t") ;;
	template)
		(plant "$t" "$BASHPID"; exec "$MUSTER" --db "$DB" template save 1 -o "$t") ;;
	esac
}
# what the target must start with, per kind
head_of() {
	case $1 in yaml) echo "# muster export" ;; md) echo "# " ;; csv) echo "kind,id,title" ;;
	ics) echo "BEGIN:VCALENDAR" ;; template) echo "# muster template" ;; timings) echo "# first_frame_us" ;; esac
}

for kind in yaml md csv ics template; do
	clean
	reset_victim
	t=$OUT/plan.$kind
	run_writer "$kind" "$t" >"$TMP/o" 2>"$TMP/e"
	rc=$?
	if [ $rc = 0 ] && victim_ok && [ -f "$t" ] && [ ! -L "$t" ] && head -n 1 "$t" | grep -q "^$(head_of $kind)" &&
		[ -z "$(others "$t")" ]; then
		pass "$kind: planted PATH.tmp.PID and guessable names: victim unchanged, target written, no temp left"
	else
		fail "$kind: planted symlinks" "rc $rc victim <<$(head -c 80 "$VICTIM")>> others <<$(others "$t")>> $(cat "$TMP/e")"
	fi
	# a symlink at the target itself is replaced by the file
	clean
	reset_victim
	ln -s "$VICTIM" "$t"
	run_writer "$kind" "$t" >/dev/null 2>"$TMP/e"
	if victim_ok && [ -f "$t" ] && [ ! -L "$t" ] && head -n 1 "$t" | grep -q "^$(head_of $kind)"; then
		pass "$kind: a symlink at the target is replaced, victim unchanged"
	else
		fail "$kind: symlink at the target" "victim <<$(head -c 80 "$VICTIM")>> target $(ls -l "$t") $(cat "$TMP/e")"
	fi
	# the mode is 0666 & ~umask, also over an existing file of another mode
	for um in 022 077; do
		clean
		printf 'old\n' >"$t"
		chmod 640 "$t"
		want=$(printf '%o' $((0666 & ~0$um)))
		(umask $um; run_writer "$kind" "$t") >/dev/null 2>&1
		expect_eq "$kind: umask $um gives mode $want" "$want" "$(stat -c %a "$t")"
	done
done

# ---- failing writes -----------------------------------------------------------
# a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored: write() fails with EFBIG)
# stops the write half-way: old file intact, temporary file gone
"$MUSTER" --db "$TMP/big.db" gen --tasks 3000 --items 300 --samples 5 >/dev/null 2>&1
for kind in yaml csv ics md; do
	clean
	printf 'OLD\n' >"$OUT/big.$kind"
	(ulimit -f 32; trap '' XFSZ; exec "$MUSTER" --db "$TMP/big.db" export 1 --format $kind -o "$OUT/big.$kind") \
		>/dev/null 2>"$TMP/e"
	rc=$?
	if [ $rc = 2 ] && [ "$(cat "$OUT/big.$kind")" = OLD ] && [ -z "$(others "$OUT/big.$kind")" ] &&
		grep -q "^muster: cannot write $OUT/big.$kind: File too large$" "$TMP/e"; then
		pass "$kind: a write failing half-way: exit 2, one message, old file intact, no temp file"
	else
		fail "$kind: failing write" "rc $rc old <<$(head -c 40 "$OUT/big.$kind")>> others <<$(others "$OUT/big.$kind")>> $(cat "$TMP/e")"
	fi
done
clean
expect_err "export into a missing directory" 2 \
	"muster: cannot write $OUT/nodir/plan.yaml: No such file or directory" mu export 1 -o "$OUT/nodir/plan.yaml"
expect_eq "missing directory: nothing created" "" "$(ls -A "$OUT")"
mkdir "$OUT/adir"
expect_err "export onto a directory" 2 "muster: cannot write $OUT/adir: Is a directory" mu export 1 -o "$OUT/adir"
expect_eq "onto a directory: nothing created" "adir" "$(ls -A "$OUT")"

# a directory the user cannot write (as nobody: root writes anywhere)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	NB=$TMP/nb
	mkdir -p "$NB/ro" "$NB/db"
	chmod 711 "$TMP"
	chmod 755 "$NB" "$NB/ro"
	cp "$DB" "$NB/db/board.db"
	chown -R 65534:65534 "$NB/db"
	chmod 700 "$NB/db"
	printf 'OLD\n' >"$NB/ro/plan.yaml"
	asnobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$NB/db" "$MUSTER" --db "$NB/db/board.db" "$@"; }
	expect_err "unwritable directory: refused" 2 "muster: cannot write $NB/ro/plan.yaml: Permission denied" \
		asnobody export 1 -o "$NB/ro/plan.yaml"
	expect_eq "unwritable directory: old file intact" OLD "$(cat "$NB/ro/plan.yaml")"
	expect_eq "unwritable directory: nothing else there" plan.yaml "$(ls -A "$NB/ro")"
	expect_err "template into an unwritable directory" 2 \
		"muster: cannot write $NB/ro/t.yaml: Permission denied" asnobody template save 1 -o "$NB/ro/t.yaml"
	expect_eq "template: nothing created" plan.yaml "$(ls -A "$NB/ro")"
	chmod 700 "$TMP"
fi

# ---- MUSTER_TIMINGS (the board's key timings) ----------------------------------
command -v tmux >/dev/null || { echo "FAIL: tmux: not installed (make deps)"; finish; }
printf 'j\nk\nj\n' >"$TMP/keys.txt"
SOCK=muster-safe-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
# board_replay TIMINGS [PLANT] [PREFIX...]: the board replays the keys and
# quits; PLANT=1 plants the symlinks for the PID of the board (the pane's
# shell execs it)
board_replay() {
	local t=$1 pl=${2:-0}
	shift 2
	rm -f "$TMP/rc"
	tmux -L "$SOCK" kill-server 2>/dev/null
	tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 "bash -c '
		cd $TMP; . $TMP/plant.sh; [ $pl = 1 ] && plant $t \$\$; umask ${UMASK:-022}
		trap \"echo \\\$? >$TMP/rc\" EXIT
		exec env TERM=xterm-256color LANG=C.UTF-8 MUSTER_USER=tester XDG_CONFIG_HOME=$XDG_CONFIG_HOME \
		MUSTER_REPLAY=$TMP/keys.txt MUSTER_TIMINGS=$t $* $MUSTER --db ${BDB:-$DB} 2>$TMP/tui.err'; echo \$? >$TMP/rc"
	local i=0
	while [ ! -e "$TMP/rc" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
}
{ declare -f plant; echo "VICTIM=$VICTIM"; } >"$TMP/plant.sh"
clean
reset_victim
board_replay "$OUT/t.txt" 1
if victim_ok && [ -f "$OUT/t.txt" ] && [ ! -L "$OUT/t.txt" ] && head -n 1 "$OUT/t.txt" | grep -q '^# first_frame_us' &&
	[ -z "$(others "$OUT/t.txt")" ] && [ "$(ls "$OUT" | grep -c '^t.txt.tmp.')" = 201 ]; then
	pass "timings: planted PATH.tmp.PID and guessable names: victim unchanged, timings written, no temp left"
else
	fail "timings: planted symlinks" "victim <<$(head -c 80 "$VICTIM")>> others <<$(others "$OUT/t.txt")>> $(cat "$TMP/tui.err")"
fi
clean
reset_victim
ln -s "$VICTIM" "$OUT/t.txt"
board_replay "$OUT/t.txt" 0
if victim_ok && [ -f "$OUT/t.txt" ] && [ ! -L "$OUT/t.txt" ] && grep -q '^# keys 3$' "$OUT/t.txt"; then
	pass "timings: a symlink at the target is replaced, victim unchanged"
else
	fail "timings: symlink at the target" "victim <<$(head -c 80 "$VICTIM")>> $(ls -l "$OUT/t.txt") $(cat "$TMP/tui.err")"
fi
for um in 022 077; do
	clean
	printf 'old\n' >"$OUT/t.txt"
	chmod 640 "$OUT/t.txt"
	UMASK=$um board_replay "$OUT/t.txt" 0
	want=$(printf '%o' $((0666 & ~0$um)))
	expect_eq "timings: umask $um gives mode $want" "$want" "$(stat -c %a "$OUT/t.txt")"
done
clean
board_replay "$OUT/nodir/t.txt" 0
expect_eq "timings into a missing directory: the board still quits normally" 0 "$(cat "$TMP/rc" 2>/dev/null)"
expect_eq "timings into a missing directory: one message after the board" \
	"muster: MUSTER_TIMINGS: cannot write $OUT/nodir/t.txt: No such file or directory" "$(cat "$TMP/tui.err")"
expect_eq "timings into a missing directory: nothing created" "" "$(ls -A "$OUT")"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 711 "$TMP"
	printf 'OLD\n' >"$NB/ro/t.txt"
	BDB=$NB/db/board.db board_replay "$NB/ro/t.txt" 0 setpriv --reuid=65534 --regid=65534 --clear-groups
	expect_eq "timings into an unwritable directory: message" \
		"muster: MUSTER_TIMINGS: cannot write $NB/ro/t.txt: Permission denied" "$(cat "$TMP/tui.err")"
	expect_eq "timings into an unwritable directory: old file intact, nothing else" "OLD plan.yaml t.txt" \
		"$(cat "$NB/ro/t.txt") $(ls -A "$NB/ro" | tr '\n' ' ' | sed 's/ $//')"
	chmod 700 "$TMP"
fi
finish
