# Every sample plan (ours in sample-data/ and the shared ones as they are)
# imports, and its export imports again into an identical board.
. "$(dirname "$0")/../lib.sh"

# Board content as JSON, without the times that differ between two imports.
content() {
	for what in events tasks items metrics; do
		"$MUSTER" --db "$1" "$what" --json | sed -E 's/"(updated_at|created_at|done_at)":"[^"]*"/"\1":T/g'
	done
	"$MUSTER" --db "$1" export
}

# (../shared, beside the checkout, is not always there: a SKIP line then)
[ -d "$ROOT/../shared/sample-plans" ] || echo "SKIP: $ROOT/../shared/sample-plans is absent: only sample-data/ round-trips"
for f in "$ROOT"/sample-data/*.yaml "$ROOT"/../shared/sample-plans/*.yaml; do
	[ -f "$f" ] || continue
	n=${f#"$ROOT"/}
	rm -f "$TMP"/a.db* "$TMP"/b.db*
	if ! "$MUSTER" --db "$TMP/a.db" import "$f" >/dev/null 2>"$TMP/err"; then
		fail "$n imports" "$(cat "$TMP/err")"; continue
	fi
	pass "$n imports"
	# Some progress by the plan's coordinator, so the round trip carries
	# statuses, ready counts and actuals.
	who=$(sed -n 's/.*login: \([^,}]*\).*access: coordinator.*/\1/p' "$f" | head -n 1)
	check "$n: $who starts a task" "$MUSTER" --db "$TMP/a.db" --as "$who" task start 1
	check "$n: $who ticks an item" "$MUSTER" --db "$TMP/a.db" --as "$who" tick 1 --qty 1
	"$MUSTER" --db "$TMP/a.db" export -o "$TMP/e.yaml"
	check "$n: export imports again" "$MUSTER" --db "$TMP/b.db" import "$TMP/e.yaml"
	content "$TMP/a.db" >"$TMP/a.txt"
	content "$TMP/b.db" >"$TMP/b.txt"
	if cmp -s "$TMP/a.txt" "$TMP/b.txt"; then pass "$n: identical board after round trip"; else
		fail "$n: identical board after round trip" "$(diff "$TMP/a.txt" "$TMP/b.txt" | head -n 8)"
	fi
done

# The shared festival plan has an unquoted comma in a title: it imports
# with a warning that names the place and how to fix it.
shared=$ROOT/../shared/sample-plans/platform-brand-festival.yaml
if [ -f "$shared" ]; then
	rm -f "$TMP"/c.db*
	"$MUSTER" --db "$TMP/c.db" import "$shared" >/dev/null 2>"$TMP/err"
	expect_eq "unquoted comma: warning line" \
		"$shared:29:20: warning: unquoted comma in title; read as \"Theme, creative play and Gantt chart\" (put the value in quotes)" \
		"$(cat "$TMP/err")"
	expect_match "unquoted comma: title read whole" 'Theme, creative play and Gantt chart' \
		"$("$MUSTER" --db "$TMP/c.db" tasks)"
else
	echo "SKIP: unquoted comma warning: $shared is absent"
fi
finish
