# Every malformed plan in tests/data/plans/bad/ is refused by `muster import`
# with exit 2 and one "FILE:LINE:COL: message" line, and the board stays
# byte-identical (tab indentation, a bad date, an unknown role, an unknown
# dependency, invalid UTF-8, an empty file, and the rest).
. "$(dirname "$0")/../lib.sh"
"$MUSTER" --db "$DB" import "$ROOT/sample-data/mid-autumn-package-promo.yaml" >/dev/null
before=$(cat "$DB" "$DB-wal" 2>/dev/null | cksum)
for f in "$ROOT"/tests/data/plans/bad/*.yaml; do
	n=$(basename "$f")
	"$MUSTER" --db "$DB" import "$f" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect_eq "$n: exit 2" 2 "$rc"
	expect_eq "$n: one stderr line" 1 "$(wc -l <"$TMP/err" | tr -d ' ')"
	expect_match "$n: names FILE:LINE:COL" "^muster: $f(:[0-9]+:[0-9]+)?: [a-z\"]" "$(cat "$TMP/err")"
	expect_eq "$n: nothing on stdout" "" "$(cat "$TMP/out")"
done
for n in tab-indent bad-date unknown-role unknown-dep bad-utf8 empty; do
	expect_match "$n.yaml has a line:col" "^muster: .*/$n.yaml:[0-9]+:[0-9]+: " \
		"$("$MUSTER" --db "$DB" import "$ROOT/tests/data/plans/bad/$n.yaml" 2>&1)"
done
expect_eq "board byte-identical after every rejected plan" "$before" "$(cat "$DB" "$DB-wal" 2>/dev/null | cksum)"
expect_eq "still one event" 1 "$("$MUSTER" --db "$DB" events | tail -n +2 | wc -l | tr -d ' ')"
finish
