# The CLI paths under valgrind: no leaks, no invalid reads or writes.
# Skipped (one SKIP line) where valgrind is not installed or under ASan.
. "$(dirname "$0")/../lib.sh"
if ! command -v valgrind >/dev/null || [ -n "${MUSTER_SAN:-}" ]; then
	echo "SKIP: valgrind not installed or sanitizer build"
	finish
fi
# vg NAME CODE ARGS... : muster ARGS under valgrind exits CODE (its own
# exit status: 99 is valgrind's for an error, a crash or a wrong status
# fails too) and valgrind reports nothing
vg() {
	_n=$1 _want=$2; shift 2
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$MUSTER" --db "$DB" --as alice "$@" >/dev/null 2>"$TMP/vg.err"
	_rc=$?
	if [ "$_rc" = 99 ] || grep -q '^==[0-9]*==' "$TMP/vg.err"; then
		fail "$_n" "valgrind: $(grep '^==[0-9]*==' "$TMP/vg.err" | head -c 600)"
	elif [ "$_rc" != "$_want" ]; then
		fail "$_n" "exit $_rc, wanted $_want: $(head -c 300 "$TMP/vg.err")"
	else pass "$_n"; fi
}
vg "valgrind: init" 0 init
vg "valgrind: import" 0 import "$ROOT/sample-data/mid-autumn-package-promo.yaml"
vg "valgrind: bad import" 2 import "$ROOT/tests/data/plans/bad/tab-indent.yaml"
vg "valgrind: events" 0 events
vg "valgrind: tasks" 0 tasks --role ops
vg "valgrind: tasks --json" 0 tasks --json
vg "valgrind: task add" 0 task add "Print 海报" --role ops --due 2026-09-01
vg "valgrind: task done" 0 task done 1
vg "valgrind: task edit" 0 task edit 2 --title "Y; --"
vg "valgrind: unknown task" 2 task done 999
vg "valgrind: items" 0 items --json
vg "valgrind: tick" 0 tick 1 --qty 3
vg "valgrind: untick" 0 untick 1
vg "valgrind: metric add" 0 metric add acquisition 5
vg "valgrind: metrics" 0 metrics
vg "valgrind: log" 0 log --json
vg "valgrind: export" 0 export
finish
