#!/bin/sh
# The benchmark behind `make bench` (issue 6): generates boards of 1k, 10k
# and 100k tasks (muster gen), times the CLI (import of the exported plan,
# tasks --role, tasks --json, task done, tick) and the screen (first frame,
# per-key handle + redraw over a replayed key script, peak RSS, idle CPU with
# live refresh), and the same board in Taskwarrior when it is installed (as
# root the bench installs it with apt-get).  Prints medians of BENCH_RUNS runs
# after one warm-up.
#
#   tests/bench/bench.sh [MUSTER]     (default build-bench/muster)
#   BENCH_SIZES="1000 10000 100000" BENCH_RUNS=5 BENCH_SCREEN_RUNS=3
#   BENCH_KEYS=2000 BENCH_IDLE=10 BENCH_DIR=build-bench/run BENCH_TW=1
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MUSTER=${1:-$ROOT/build-bench/muster}
case $MUSTER in /*) ;; *) MUSTER=$ROOT/$MUSTER ;; esac
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-5}
SRUNS=${BENCH_SCREEN_RUNS:-3}
KEYS=${BENCH_KEYS:-2000}
IDLE=${BENCH_IDLE:-10}
DIR=${BENCH_DIR:-$ROOT/build-bench/run}
TW=${BENCH_TW:-1}
SOCK=muster-bench-$$
export MUSTER_USER=alice LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC XDG_CONFIG_HOME=$DIR/config
unset MUSTER_DB NO_COLOR MUSTER_TODAY
[ -x "$MUSTER" ] || { echo "bench: $MUSTER not built (make bench builds it)"; exit 1; }
command -v tmux >/dev/null || { echo "bench: tmux is needed for the screen timings (make deps)"; exit 1; }
rm -rf "$DIR"
mkdir -p "$DIR/config"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null' EXIT
RES=$DIR/results
: >"$RES"

TIMEIT=$DIR/timeit
${CC:-cc} -O2 -o "$TIMEIT" "$ROOT/tests/bench/timeit.c" || { echo "bench: cannot build timeit"; exit 1; }
now_ns() { date +%s%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
put() { echo "$1 $2 $3" >>"$RES"; } # METRIC SIZE VALUE
get() { awk -v m="$1" -v s="$2" '$1 == m && $2 == s { v = $3 } END { print (v == "" ? "-" : v) }' "$RES"; }
say() { printf '%s\n' "$*" >&2; }

# time_ms CMD... : wall milliseconds of one run (output discarded)
time_ms() {
	case $1 in
	imp | twimp) # shell functions: timed here (two date forks, ~1 ms, are in it)
		_t0=$(now_ns)
		"$@" >/dev/null 2>"$DIR/err" || { say "bench: failed: $* :: $(head -c 300 "$DIR/err")"; echo 0; return; }
		echo $(( ($(now_ns) - _t0) / 1000 )) | awk '{ printf "%.2f\n", $1 / 1000 }' ;;
	*) "$TIMEIT" 1 "$@" 2>"$DIR/err" | awk '{ print $1 }' ;;
	esac
}
# bench_cmd METRIC SIZE CMD... : one warm-up, RUNS runs, the median
bench_cmd() {
	_m=$1 _s=$2; shift 2
	time_ms "$@" >/dev/null
	_i=0; while [ $_i -lt "$RUNS" ]; do time_ms "$@"; _i=$((_i + 1)); done | median >"$DIR/med"
	put "$_m" "$_s" "$(cat "$DIR/med")"
}

# screen DB KEYS OUT : the board in a 120x40 tmux pane replaying KEYS
screen_run() {
	rm -f "$3" "$3.done"
	tmux -L "$SOCK" kill-server 2>/dev/null
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
		"env TERM=xterm-256color MUSTER_REPLAY=$2 MUSTER_TIMINGS=$3 $MUSTER --db $1 2>$DIR/tui.err; touch $3.done"
	_i=0; while [ ! -e "$3.done" ] && [ $_i -lt 6000 ]; do sleep 0.05; _i=$((_i + 1)); done
	tmux -L "$SOCK" kill-server 2>/dev/null
	[ -s "$3" ] || say "bench: no timings from the board: $(head -c 300 "$DIR/tui.err")"
}
meta() { awk -v k="$1" '$1 == "#" && $2 == k { print $3 }' "$2"; }

# idle CPU (% of one core) of the board with live refresh on, over IDLE s
idle_cpu() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 "exec env TERM=xterm-256color $MUSTER --db $1"
	sleep 2
	_pid=$(tmux -L "$SOCK" display -p '#{pane_pid}')
	_a=$(awk '{ print $14 + $15 }' "/proc/$_pid/stat")
	sleep "$IDLE"
	_b=$(awk '{ print $14 + $15 }' "/proc/$_pid/stat")
	tmux -L "$SOCK" kill-server 2>/dev/null
	echo "$_a $_b $(getconf CLK_TCK) $IDLE" | awk '{ printf "%.2f\n", ($2 - $1) / $3 / $4 * 100 }'
}

if [ "$TW" = 1 ] && ! command -v task >/dev/null && [ "$(id -u)" = 0 ]; then
	say "bench: installing taskwarrior (apt-get install -y taskwarrior)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y taskwarrior >/dev/null 2>&1 ||
		say "bench: could not install taskwarrior; the comparison is skipped"
fi
have_tw() { [ "$TW" = 1 ] && command -v task >/dev/null; }

sh "$ROOT/tests/bench/keys.sh" "$KEYS" >"$DIR/keys.txt"

for n in $SIZES; do
	say "bench: $n tasks"
	db=$DIR/board-$n.db
	mu() { "$MUSTER" --db "$db" "$@"; }
	MU="$MUSTER --db $db"
	mu gen --tasks "$n" --items $((n / 5)) --seed 7 >/dev/null || { say "bench: gen failed"; exit 1; }
	mu export 1 -o "$DIR/plan-$n.yaml" >/dev/null || { say "bench: export failed"; exit 1; }
	# import: a fresh board each run
	imp() { rm -f "$DIR/imp.db" "$DIR/imp.db-wal" "$DIR/imp.db-shm"; "$MUSTER" --db "$DIR/imp.db" import "$DIR/plan-$n.yaml"; }
	bench_cmd import "$n" imp
	bench_cmd role "$n" $MU tasks --role ops --limit 50
	bench_cmd json "$n" $MU tasks --json
	# task done: a different open task each run (done twice would change nothing)
	mu tasks --status todo --limit $((RUNS + 1)) --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' >"$DIR/todo"
	{ while read -r id; do time_ms $MU task done "$id"; done <"$DIR/todo"; } | sed 1d | median >"$DIR/med"
	put done "$n" "$(cat "$DIR/med")"
	item=$(mu items --limit 1 --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
	bench_cmd tick "$n" $MU tick "$item" --qty 1
	# the screen: one warm-up replay, then SRUNS
	screen_run "$db" "$DIR/keys.txt" "$DIR/t-warm.txt"
	i=0
	while [ $i -lt "$SRUNS" ]; do
		screen_run "$db" "$DIR/keys.txt" "$DIR/t-$n-$i.txt"
		i=$((i + 1))
	done
	for k in first_frame_us mean_us p99_us maxrss_kb; do
		for f in "$DIR"/t-"$n"-*.txt; do meta "$k" "$f"; done | median >"$DIR/med"
		put "$k" "$n" "$(cat "$DIR/med")"
	done
	nk=$(grep -vc '^#' "$DIR/t-$n-0.txt")
	put keys "$n" "$nk"
	put idle "$n" "$(idle_cpu "$db")"
	if have_tw; then
		say "bench: $n tasks in taskwarrior"
		tw=$DIR/tw-$n
		mu tasks --json | awk -f "$ROOT/tests/bench/tw-json.awk" >"$DIR/tw-$n.json"
		t() { task "rc:$tw/rc" "$@"; }
		T="task rc:$tw/rc"
		twimp() {
			rm -rf "$tw"; mkdir -p "$tw"
			printf 'data.location=%s\nconfirmation=off\nverbose=nothing\njson.array=on\nrecurrence=off\nhooks=off\nnews.version=2.6.0\n' "$tw" >"$tw/rc"
			t import "$DIR/tw-$n.json"
		}
		r=0; { while [ $r -lt "$SRUNS" ]; do time_ms twimp; r=$((r + 1)); done; } | median >"$DIR/med"
		put tw_import "$n" "$(cat "$DIR/med")"
		bench_cmd tw_next "$n" $T next limit:50
		bench_cmd tw_export "$n" $T export
		# done: pending tasks by uuid (their ids are the same as in muster)
		mu tasks --status todo --limit $((2 * RUNS + 2)) --json | sed -n 's/^{"id":\([0-9]*\),.*/\1/p' | tail -n $((RUNS + 1)) >"$DIR/todo"
		{ while read -r id; do time_ms $T "$(printf '%08x-0000-4000-8000-%012x' "$id" "$id")" done; done <"$DIR/todo"; } |
			sed 1d | median >"$DIR/med"
		put tw_done "$n" "$(cat "$DIR/med")"
	fi
done

# ---- the table --------------------------------------------------------------
fmt() { # METRIC SIZE SCALE DECIMALS
	v=$(get "$1" "$2")
	[ "$v" = - ] && { printf '%10s' -; return; }
	echo "$v" | awk -v s="$3" -v d="$4" '{ printf "%10.*f", d, $1 / s }'
}
row() { # LABEL METRIC SCALE DECIMALS [TARGET]
	printf '%-34s' "$1"
	for n in $SIZES; do fmt "$2" "$n" "$3" "$4"; done
	printf '   %s\n' "${5:-}"
}
ratio() { # LABEL THEIRS OURS
	printf '%-34s' "$1"
	for n in $SIZES; do
		a=$(get "$2" "$n") b=$(get "$3" "$n")
		if [ "$a" = - ] || [ "$b" = - ]; then printf '%10s' -; else
			echo "$a $b" | awk '{ printf "%9.1fx", ($2 > 0 ? $1 / $2 : 0) }'; fi
	done
	printf '   %s\n' "${4:-}"
}
label() { n=$1; case $n in *000000) echo "$((n / 1000000))M" ;; *000) echo "$((n / 1000))k" ;; *) echo "$n" ;; esac; }
sqlite=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1)
echo
echo "muster bench: $(nproc) cores, $(uname -m), SQLite ${sqlite:-?}, board in $DIR"
echo "medians of $RUNS runs (screen: $SRUNS replays of $KEYS keys) after a warm-up; items = tasks/5"
printf '%-34s' "tasks on the board"
for n in $SIZES; do printf '%10s' "$(label "$n")"; done
printf '   %s\n' "target at 100k"
row "import the exported plan (s)" import 1000 2 "< 3 s"
row "tasks --role ops --limit 50 (ms)" role 1 1
row "tasks --json, all (ms)" json 1 1
row "task done ID (ms)" done 1 1 "< 10 ms"
row "tick ITEM --qty 1 (ms)" tick 1 1 "< 10 ms"
row "screen: first full frame (ms)" first_frame_us 1000 1 "< 50 ms"
row "screen: key + redraw, mean (ms)" mean_us 1000 2 "< 1 ms"
row "screen: key + redraw, p99 (ms)" p99_us 1000 2 "< 5 ms"
row "screen: peak RSS (MiB)" maxrss_kb 1024 1 "< 24 MiB, <= 1.5x at 1k"
row "screen: idle, live refresh (% CPU)" idle 1 2 "< 0.5 %"
if have_tw; then
	echo "taskwarrior $(task --version 2>/dev/null), same tasks:"
	row "  task import (s)" tw_import 1000 2
	row "  task next limit:50 (ms)" tw_next 1 1
	row "  task <uuid> done (ms)" tw_done 1 1
	row "  task export (ms)" tw_export 1 1
	ratio "  import: taskwarrior / muster" tw_import import
	ratio "  next / tasks --role: tw / muster" tw_next role
	ratio "  done: taskwarrior / muster" tw_done done ">= 50x"
	ratio "  export / tasks --json: tw / mu" tw_export json
else
	echo "taskwarrior: not installed (BENCH_TW=0 or not root): no comparison"
fi
first=$(echo "$SIZES" | awk '{ print $1 }') last=$(echo "$SIZES" | awk '{ print $NF }')
a=$(get maxrss_kb "$first") b=$(get maxrss_kb "$last")
[ "$a" != - ] && [ "$b" != - ] &&
	echo "$a $b" | awk -v f="$(label "$first")" -v l="$(label "$last")" '{ printf "peak RSS at %s / at %s: %.2fx\n", l, f, $2 / $1 }'
