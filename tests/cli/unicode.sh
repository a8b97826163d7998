#!/bin/bash
# Text that must survive byte for byte (quotes, ';', '--', CJK, accents)
# through import, task add/edit, the table, --json and export; control
# characters that must never reach the terminal raw; cutting with "…" only
# on a terminal narrower than the table.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture

T1='He said "go"; run -- now 中秋节 crème brûlée'
T2='Édition "spéciale"; -- 月饼 ☕ naïve \ back'
T3="--looks like an option; it's 'quoted' 한국어"

# import → table, --json, export
expect_match "imported title in the table" "^ 2  todo .*  $T1\$" "$(mu tasks)"
expect_eq "imported title in --json" "$T1" "$(mu tasks --json | "$JSONQ" '.[1].title')"
expect_match "JSON escapes the quotes" '"title":"He said \\"go\\"; run -- now 中秋节 crème brûlée"' "$(mu tasks --json)"

# task edit and task add
expect_out "edit to tricky text" "task 2 ($T2): updated" mu task edit 2 --title "$T2" --notes "$T1"
expect_out "add with -- before the title" 5 mu task add --owner bob --notes "josé" -- "$T3"
j=$(mu tasks --json)
valid_json "tasks --json with tricky text" "$j"
expect_eq "edited title round-trips" "$T2" "$(jq_ '.[1].title' "$j")"
expect_eq "notes round-trip" "$T1" "$(jq_ '.[1].notes' "$j")"
expect_eq "added title round-trips" "$T3" "$(jq_ '.[4].title' "$j")"
expect_eq "accented notes round-trip" "josé" "$(jq_ '.[4].notes' "$j")"
expect_match "table keeps the edited title" "^ 2  todo .*  ${T2//\\/\\\\}\$" "$(mu tasks)"

# export → import into a fresh board → the same bytes
mu export 1 -o "$TMP/x.yaml"
DB=$TMP/copy.db
expect_out "re-import the export" "imported event 1: Night Market 夜市 (5 tasks, 3 items)" mu import "$TMP/x.yaml"
j2=$(mu tasks --json)
for i in 1 4; do
	expect_eq "title $i survives export/import" "$(jq_ ".[$i].title" "$j")" "$(jq_ ".[$i].title" "$j2")"
done
expect_eq "notes survive export/import" "$T1" "$(jq_ '.[1].notes' "$j2")"
expect_eq "event name survives" "Night Market 夜市" "$(mu events --json | "$JSONQ" '.[0].name')"
DB=$TMP/board.db

# control characters: the model refuses C0 and C1 controls in titles
# (notes may hold newlines and tabs), each with its code point and byte;
# one stored by an old board is shown as '?'; JSON escapes what it must
expect_err "ESC in a title is refused" 2 "muster: task title contains a control character U+001B (byte 4)" mu task add $'Bell\e[31m'
expect_err "invalid UTF-8 is refused" 2 "muster: task title is not valid UTF-8 (byte 4)" mu task add $'bad \xff byte'
c1=$'C1\xc2\x9b[31m here'
expect_err "C1 in a title is refused" 2 "muster: task title contains a control character U+009B (byte 2)" mu task add "$c1"
expect_out "add with notes on two lines" 6 mu task add "C1 here" --notes $'line one\nline two\tend'
build_sqlq
sqlq "$DB" "UPDATE task SET title = 'C1' || char(155) || '[31m here' WHERE id = 6" || fail "plant C1" "sqlq failed"
out=$(mu tasks)
expect_match "table shows ? for C1" '^ 6  todo .*  C1\?\[31m here$' "$out"
if printf '%s' "$out" | LC_ALL=C grep -q $'\xc2\x9b'; then fail "no raw C1 in the table" "found"; else pass "no raw C1 in the table"; fi
j=$(mu tasks --json)
valid_json "JSON with controls is valid" "$j"
expect_match "JSON escapes newline and tab" '"notes":"line one\\nline two\\tend"' "$j"
expect_match "JSON escapes C1" '"title":"C1\\u009b\[31m here"' "$j"
expect_eq "JSON keeps the exact bytes" "$c1" "$(jq_ '.[5].title' "$j")"
expect_eq "JSON keeps the exact notes" $'line one\nline two\tend' "$(jq_ '.[5].notes' "$j")"
expect_out "confirmation hides controls" "task 6 (C1?[31m here): done" mu task done 6
mu task edit 1 --notes "$(jq_ '.[5].notes' "$j")" >/dev/null
out=$(mu log)
expect_match "log shows notes without raw controls" '  task 1 +notes: - → line one\?line two\?end$' "$out"
if printf '%s' "$out" | LC_ALL=C grep -q $'\xc2\x9b\|\t'; then fail "no raw controls in the log" "found"; else pass "no raw controls in the log"; fi
expect_err "error message hides controls" 2 'muster: no item "x?[2Jy" in this event' mu tick $'x\e[2Jy'

# a terminal narrower than the table: titles are cut with "…", never a
# wide character split; a pipe always gets whole cells
if command -v script >/dev/null 2>&1; then
	mu task edit 1 --title "中秋节海报设计与印刷安排确认" >/dev/null
	tty=$(script -qec "stty cols 60 rows 20; \"$MUSTER\" --db \"$DB\" tasks --limit 4" /dev/null | tr -d '\r')
	expect_eq "cut on a narrow terminal" 'ID  STATUS  DUE         OWNER   ROLE  PHASE  TITLE
 1  todo    2026-09-02  tester  ops   prep   中秋节海报设计…
 2  todo    2026-09-05  bob     mkt   prep   Édition "spéci…
 3  todo    2026-09-07  bob     mkt   prep   Print lantern …
 4  todo    2026-09-11          ops   live   Count visitors' "$tty"
	wide=$(script -qec "stty cols 200 rows 20; \"$MUSTER\" --db \"$DB\" tasks" /dev/null | tr -d '\r')
	expect_eq "wide terminal: no cut" "$(mu tasks)" "$wide"
	expect_match "pipe: whole titles" '中秋节海报设计与印刷安排确认$' "$(COLUMNS=20 mu tasks)"
else
	echo "skipping terminal width checks: no script(1)"
fi
finish
