#!/bin/bash
# Text hygiene (issue 11): C1 controls, the bidi embeddings, overrides and
# isolates and the line/paragraph separators are refused in every text
# field (CLI arguments, plans, forms through the model) with their code
# point and position; the bidi marks LRM/RLM/ALM are accepted.  What an old
# board already holds (planted here with SQL) is never printed raw: not in
# tables, confirmations, error messages or JSON, and not in any export
# (yaml escapes it, md/csv/ics drop it).  CSV text cells starting with = + -
# @ TAB or CR get a leading ', numbers we format do not.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
fixture

# every hostile character: code point, what the refusal calls it
HOSTILE="0080:control 0085:control 009B:control 009F:control
202A:bidi 202B:bidi 202C:bidi 202D:bidi 202E:bidi 2066:bidi 2067:bidi 2068:bidi 2069:bidi
2028:sep 2029:sep"
what() { case $1 in control) echo "a control character" ;; bidi) echo "a bidirectional control" ;; sep) echo "a line or paragraph separator" ;; esac; }
ywhat() { case $1 in control) echo "control character" ;; bidi) echo "bidirectional control" ;; sep) echo "line or paragraph separator" ;; esac; }
ch() { printf "\\u$1"; }
# raw: the bytes of any hostile character (or C0 but TAB, LF, CR) in stdin
RAW=$'\xc2[\x80-\x9f]\|\xe2\x80[\xa8-\xae]\|\xe2\x81[\xa6-\xa9]\|[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'
raw() { LC_ALL=C grep -c "$RAW"; }

# ---- refused, with the code point and the byte (from 0) ----------------------
n0=$(mu tasks --json | "$JSONQ" length)
for h in $HOSTILE; do
	cp=${h%%:*} k=${h#*:} c=$(ch "${h%%:*}")
	expect_err "task title with U+$cp refused at its byte" 2 \
		"muster: task title contains $(what $k) U+$cp (byte 2)" mu task add "ab$c"
	expect_err "notes with U+$cp refused (newlines allowed there)" 2 \
		"muster: notes contains $(what $k) U+$cp (byte 8)" mu task edit 1 --notes $'line 1\nx'"$c"
done
c=$(ch 202E)
expect_err "owner with U+202E refused" 2 "muster: owner contains a bidirectional control U+202E (byte 1)" mu task assign 1 "b${c}ob"
expect_err "item via a name with U+2066: error shows ?" 2 'muster: no item "x?y" in this event' mu tick "x$(ch 2066)y"
expect_err "people name with U+009B refused" 2 "muster: name contains a control character U+009B (byte 1)" \
	mu people add zed --name "Z$(ch 009B)ed"
expect_err "review cause with U+2029 refused" 2 \
	"muster: cause contains a line or paragraph separator U+2029 (byte 1)" mu review add - --cause "a$(ch 2029)b"
expect_eq "nothing was added" "$n0" "$(mu tasks --json | "$JSONQ" length)"
# the marks are allowed (no embedding: they reorder nothing beyond their
# neighbours), stored byte for byte
marks="R$(ch 200F)L$(ch 200E)A$(ch 061C)"
expect_out "LRM, RLM, ALM accepted" $((n0 + 1)) mu task add "$marks"
expect_eq "marks stored as given" "$marks" "$(mu tasks --json | "$JSONQ" ".[$n0].title")"
mu task rm $((n0 + 1)) >/dev/null

# plans: the value's FILE:LINE:COL
printf 'event: {name: Plan, start: 2026-10-01}\ntasks:\n  - title: "Evil %s x"\n' "$(ch 009B)" >"$TMP/p.yaml"
expect_err "plan title with a raw U+009B refused at its character (by libyaml)" 2 \
	"muster: $TMP/p.yaml:3:18: control character 0x9B not allowed" mu import "$TMP/p.yaml"
for h in 009B:control 202E:bidi 2067:bidi 2028:sep; do
	cp=${h%%:*}
	printf 'event: {name: Plan, start: 2026-10-01}\ntasks:\n  - title: "Evil %s x"\n' "$(ch $cp)" >"$TMP/p.yaml"
	[ $cp = 009B ] || expect_err "plan title with U+$cp refused at its position" 2 \
		"muster: $TMP/p.yaml:3:12: $(ywhat ${h#*:}) U+$cp not allowed in title" mu import "$TMP/p.yaml"
	printf 'event: {name: Plan, start: 2026-10-01}\ntasks:\n  - title: ok\n    notes: "x\\u%s"\n' "$cp" >"$TMP/p.yaml"
	expect_err "plan notes with \\u$cp (an escape) refused" 2 \
		"muster: $TMP/p.yaml:4:12: $(ywhat ${h#*:}) U+$cp not allowed in notes" mu import "$TMP/p.yaml"
done
# CSV import: the stage name is quoted in the message, made safe
printf '2026-09-10T10:00,vis%sitors,5\n' "$(ch 202E)" >"$TMP/m.csv"
out=$(mu metric import "$TMP/m.csv" 2>&1); rc=$?
expect_eq "metric CSV with a bidi stage: exit 2" 2 "$rc"
expect_match "metric CSV: FILE:LINE and the stage with ?" "^muster: $TMP/m.csv:1: .*vis\?itors" "$out"
expect_eq "metric CSV: no raw bytes in the message" 0 "$(printf '%s\n' "$out" | raw)"

# ---- an old board holds them anyway ------------------------------------------
all=""
for h in $HOSTILE; do all="$all$(ch ${h%%:*})"; done
hx=$(printf %s "$all" | od -An -tx1 | tr -d ' \n')
sqlq "$DB" "UPDATE task SET title = 'T' || x'$hx' || 'x', notes = 'N' || x'$hx' || char(27) || '[2J', owner = 'o' || x'$hx'
	WHERE id = 1; UPDATE item SET title = 'I' || x'$hx', unit = 'u' || x'$hx' WHERE id = 1;
	UPDATE event SET name = 'E' || x'$hx', objective = 'O' || x'$hx' WHERE id = 1;
	UPDATE phase SET name = 'P' || x'$hx' WHERE id = 1; UPDATE role SET name = 'R' || x'$hx' WHERE id = 1;
	UPDATE person SET name = 'W' || x'$hx' WHERE login = 'bob';
	UPDATE metric SET name = 'M' || x'$hx' WHERE id = 1" || fail "plant" "sqlq failed"
expect_eq "planted" "T${all}x" "$(mu tasks --json | "$JSONQ" '.[0].title')"
mu review add - --cause "fine" >/dev/null
sqlq "$DB" "UPDATE review SET cause = 'C' || x'$hx' WHERE id = 1"
for cmd in "tasks" "tasks --json" "items" "items --json" "events" "events --json" "people" "people --json" \
	"metrics" "metrics --json" "review" "review --json" "log" "log --json" "funnel" "task start 1" "tick 1" \
	"untick 1" "export 1" "export 1 --format md" "export 1 --format csv" "export 1 --format ics" "template save 1"; do
	out=$(mu $cmd 2>&1); rc=$?
	if [ $rc -ne 0 ]; then fail "old board: $cmd" "exit $rc: $(printf %s "$out" | head -c 300)"
	else expect_eq "old board: $cmd prints no raw hostile character" 0 "$(printf '%s\n' "$out" | sed $'s/\r$//' | raw)"; fi
done
expect_match "table shows one ? per character" "  T\?{15}x$" "$(mu tasks --limit 1)"
expect_eq "confirmation shows ?" "task 1 (T???????????????x): done" "$(mu task done 1)"
expect_eq "JSON keeps the bytes (escaped)" "T${all}x" "$(mu tasks --json | "$JSONQ" '.[0].title')"
expect_match "JSON escapes them as \\u" '"title":"T\\u0080\\u0085\\u009b\\u009f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029x"' "$(mu tasks --json)"
for f in md csv ics; do
	mu export 1 --format $f -o "$TMP/x.$f"
	expect_eq "$f: no control character but the line ends" 0 \
		"$(LC_ALL=C tr -d '\r\n' <"$TMP/x.$f" | LC_ALL=C grep -c "$RAW"$'\|\t')"
done
expect_match "md: the characters dropped" '^# Review: E$' "$(head -n 1 "$TMP/x.md")"
expect_match "csv: dropped, ESC too" '^task,1,Tx,ops,prep,,o,done,2026-09-02,,,,N\[2J.$' "$(cat "$TMP/x.csv")"
expect_eq "ics: dropped" "SUMMARY:Due: Tx" "$(grep '^SUMMARY:Due: T' "$TMP/x.ics" | tr -d '\r')"
mu export 1 -o "$TMP/x.yaml"
expect_eq "yaml: no raw hostile character" 0 "$(raw <"$TMP/x.yaml")"
expect_match "yaml: escaped" 'title: "T\\x80\\x85\\x9B\\x9F\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029x"' "$(cat "$TMP/x.yaml")"
"$MUSTER" --db "$TMP/new.db" init >/dev/null
out=$("$MUSTER" --db "$TMP/new.db" import "$TMP/x.yaml" 2>&1)
expect_match "yaml: does not import silently (refused with its position)" "^muster: $TMP/x.yaml:[0-9]+:[0-9]+: control character U\+0080 not allowed in name$" "$out"

# ---- CSV formulas ------------------------------------------------------------
fixture
for t in '=1+2' '+49 30' '-5 posters' '@SUM(A1)' ' =cmd'; do mu task add "$t" >/dev/null; done
sqlq "$DB" "UPDATE task SET title = char(9) || '=1+2' WHERE id = 9; INSERT INTO task(event_id, title, position)
	VALUES (1, char(13) || '=2+3', 99)"
mu export 1 --format csv >"$TMP/f.csv"
expect_match "= gets a '" "^task,5,'=1\+2,," "$(cat "$TMP/f.csv")"
expect_match "+ gets a '" "^task,6,'\+49 30,," "$(cat "$TMP/f.csv")"
expect_match "- gets a '" "^task,7,'-5 posters,," "$(cat "$TMP/f.csv")"
expect_match "@ gets a '" "^task,8,'@SUM\(A1\),," "$(cat "$TMP/f.csv")"
expect_match "tab: a space, still a '" "^task,9,\"' =1\+2\",," "$(cat "$TMP/f.csv")"
expect_match "CR: dropped, still a '" "^task,10,'=2\+3,," "$(cat "$TMP/f.csv")"
expect_match "numbers we format: no '" "^item,1,A2 posters,mkt,,Print,,open,2026-09-07,50,0,pcs," "$(cat "$TMP/f.csv")"
finish
