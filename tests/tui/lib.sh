# Screen-test helpers (sourced after tests/lib.sh): the real ./muster runs
# inside a private tmux server (one socket per test script, killed at exit);
# tests send keys and WAIT FOR TEXT by polling capture-pane every 50 ms up to
# a deadline -- never a blind sleep.
SOCK=muster-test-$$
_nstart=0
SAMPLE=$ROOT/sample-data/mid-autumn-package-promo.yaml
TUI_USER=${TUI_USER:-alice}
# The CLI in these tests is another terminal of a coordinator (alice).
export MUSTER_USER=alice
# At exit every tmux server this script started goes, whatever its socket
# (muster-test-PID, -PID-N, bob-PID, ...): a test that swaps $SOCK or sets its
# own trap must not leave a server (and its board) running.
tui_kill_servers() {
	for _s in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"/*; do
		case ${_s##*/} in *-$$ | *-$$-*) tmux -S "$_s" kill-server 2>/dev/null; rm -f "$_s" ;; esac
	done
}
trap 'tui_kill_servers; tui_stderr; rm -rf "$TMP"' EXIT

# The board's stderr goes to a file; sanitizer reports there are failures.
tui_stderr() {
	[ -f "$TMP/tui.err" ] || return 0
	if grep -qE 'Sanitizer|runtime error' "$TMP/tui.err"; then
		echo "FAIL: board stderr: $(grep -E 'Sanitizer|runtime error' "$TMP/tui.err" | head -n 3)"
		head -n 30 "$TMP/tui.err"
	fi
	rm -f "$TMP/tui.err"
}

command -v tmux >/dev/null || { echo "FAIL: tmux: not installed (make deps)"; exit 1; }

# colwidth: prints the display width of each stdin line (utf8_width)
COLWIDTH=$TMP/colwidth
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" -O1 -o "$COLWIDTH" \
	"$ROOT/tests/tui/colwidth.c" "$ROOT/src/util/utf8.c" "$ROOT/src/util/xalloc.c" \
	"$ROOT/src/util/err.c" || { echo "FAIL: build colwidth: cc failed"; exit 1; }

# board: a fresh database with the sample event imported
board() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	mu import "$SAMPLE" >/dev/null || { echo "FAIL: import $SAMPLE"; exit 1; }
}

# tui_start W H [VAR=value...] [-- muster args...] : open the board in tmux
tui_start() {
	_w=$1 _h=$2; shift 2
	_env="" _args=""
	while [ $# -gt 0 ]; do
		case $1 in --) shift; _args="$*"; break ;; *) _env="$_env $1" ;; esac
		shift
	done
	# A fresh server each time: a dying one can refuse the new session.
	tmux -L "$SOCK" kill-server 2>/dev/null
	tui_stderr
	_nstart=$((_nstart + 1))
	SOCK=muster-test-$$-$_nstart
	tmux -L "$SOCK" -f /dev/null new-session -d -x "$_w" -y "$_h" \
		"env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=$MUSTER_TODAY \
		 MUSTER_USER=$TUI_USER XDG_CONFIG_HOME=$XDG_CONFIG_HOME MUSTER_THEMES=$ROOT/themes $_env \
		 $MUSTER --db $DB $_args 2>$TMP/tui.err; echo \"[exited \$?]\"; sleep 3600"
	# A pane may be started smaller than asked when no client is attached.
	tmux -L "$SOCK" resize-window -x "$_w" -y "$_h" 2>/dev/null
	wait_re ' muster · |\[exited|too small' 5 || true
}

# wait_re REGEX [SECONDS] : like wait_for, with an extended regex
wait_re() {
	_deadline=$(($(date +%s%N) / 1000000 + ${2:-5} * 1000))
	while :; do
		screen | grep -qE -- "$1" && return 0
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && return 1
		sleep 0.05
	done
}

screen() { tmux -L "$SOCK" capture-pane -p; }
screen_esc() { tmux -L "$SOCK" capture-pane -p -e; }
keys() { tmux -L "$SOCK" send-keys "$@"; }
type_text() { tmux -L "$SOCK" send-keys -l "$1"; }
resize() { tmux -L "$SOCK" resize-window -x "$1" -y "$2"; }

# wait_for TEXT [SECONDS] : 0 once TEXT is on screen, 1 at the deadline
wait_for() {
	_deadline=$(($(date +%s%N) / 1000000 + ${2:-5} * 1000))
	while :; do
		screen | grep -qF -- "$1" && return 0
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && return 1
		sleep 0.05
	done
}

# wait_gone TEXT [SECONDS] : 0 once TEXT is no longer on screen
wait_gone() {
	_deadline=$(($(date +%s%N) / 1000000 + ${2:-5} * 1000))
	while screen | grep -qF -- "$1"; do
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && return 1
		sleep 0.05
	done
	return 0
}

# expect_screen NAME TEXT [SECONDS] : TEXT appears within the deadline
expect_screen() {
	if wait_for "$2" "${3:-5}"; then pass "$1"; else
		fail "$1" "no <<$2>> on screen:
$(screen)"
	fi
}

# expect_no_screen NAME TEXT : TEXT is not on screen now
expect_no_screen() {
	if screen | grep -qF -- "$2"; then fail "$1" "<<$2>> is on screen:
$(screen)"; else pass "$1"; fi
}

# expect_block NAME < BLOCK : the lines of BLOCK appear on consecutive screen
# lines, each as a substring, in order (polls up to 5 s).
expect_block() {
	_n=$1
	_blk=$(cat)
	_deadline=$(($(date +%s%N) / 1000000 + 5000))
	while :; do
		_scr=$(screen)
		printf '%s\n' "$_scr" | BLK="$_blk" awk '
			BEGIN { n = split(ENVIRON["BLK"], b, "\n") }
			{ s[NR] = $0 }
			END {
				for (i = 1; i <= NR; i++) {
					ok = 1
					for (j = 1; j <= n && ok; j++)
						if (index(s[i + j - 1], b[j]) == 0) ok = 0
					if (ok) exit 0
				}
				exit 1
			}' && { pass "$_n"; return; }
		[ "$(($(date +%s%N) / 1000000))" -ge "$_deadline" ] && break
		sleep 0.05
	done
	fail "$_n" "block not on screen. Expected:
$_blk
Screen:
$_scr"
}

# expect_fits NAME W : no captured line is wider than W columns, and every
# pane row ends on a border in the last column (nothing spilled past it).
expect_fits() {
	_scr=$(screen)
	_max=$(printf '%s\n' "$_scr" | "$COLWIDTH" | sort -n | tail -n 1)
	if [ "${_max:-0}" -gt "$2" ]; then
		fail "$1" "a line is $_max columns wide on a $2-column screen:
$_scr"
		return
	fi
	_bad=$(printf '%s\n' "$_scr" | sed -n '2,$p' | sed '$d' | "$COLWIDTH" -l |
		awk -v w="$2" '$1 != w { print }' | head -n 3)
	if [ -n "$_bad" ]; then fail "$1" "rows not ending at column $2: $_bad
$_scr"; else pass "$1"; fi
}

# json_field ID FIELD : a field of item ID from `muster items --json`
item_field() {
	mu items --json | grep "\"id\":$1," | sed "s/.*\"$2\":\\([^,}]*\\).*/\\1/"
}
