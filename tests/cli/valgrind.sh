# The CLI paths under valgrind: no leaks, no invalid reads or writes.
# Skipped (one SKIP line) where valgrind is not installed or under ASan.
. "$(dirname "$0")/../lib.sh"
if ! command -v valgrind >/dev/null || [ -n "${MUSTER_SAN:-}" ]; then
	echo "SKIP: valgrind not installed or sanitizer build"
	finish
fi
vg() {
	_n=$1; shift
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$MUSTER" --db "$DB" --as alice "$@" >/dev/null 2>"$TMP/vg.err"
	if [ $? = 99 ]; then fail "$_n" "$(head -c 600 "$TMP/vg.err")"; else pass "$_n"; fi
}
vg "valgrind: init" init
vg "valgrind: import" import "$ROOT/sample-data/mid-autumn-package-promo.yaml"
vg "valgrind: bad import" import "$ROOT/tests/data/plans/bad/tab-indent.yaml"
vg "valgrind: events" events
vg "valgrind: tasks" tasks --role ops
vg "valgrind: tasks --json" tasks --json
vg "valgrind: task add" task add "Print 海报" --role ops --due 2026-09-01
vg "valgrind: task done" task done 1
vg "valgrind: task edit" task edit 2 --title "Y; --"
vg "valgrind: unknown task" task done 999
vg "valgrind: items" items --json
vg "valgrind: tick" tick 1 --qty 3
vg "valgrind: untick" untick 1
vg "valgrind: metric add" metric add acquisition 5
vg "valgrind: metrics" metrics
vg "valgrind: log" log --json
vg "valgrind: export" export
finish
