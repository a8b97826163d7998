#!/bin/sh
# export --format md|csv|ics of the mid-autumn sample with actuals, reviews
# and ticks entered through the CLI; the md report is compared with
# tests/data/report/mid-autumn.md (MUSTER_TODAY fixes every date).
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
export MUSTER_TODAY=2026-09-25
EXP=$ROOT/tests/data/report

mu import "$ROOT/sample-data/mid-autumn-package-promo.yaml" >/dev/null
export MUSTER_USER=alice # a coordinator of the sample event (access rules)
for kv in acquisition=21300 activation=3420 retention=1250 revenue=912 ads=43800 gifts=2100 print=950; do
	mu metric set "${kv%=*}" "${kv#*=}" >/dev/null
done
for t in 1 2 3 4 5 6 7 8 9 10 11 12 13 15; do mu task done $t >/dev/null; done
mu tick "A2 posters" >/dev/null
mu tick Flyers >/dev/null
mu tick "Staff QR posters" --qty 12 >/dev/null
mu review add revenue --cause "Payment page failed on Android for a day" --factor controllable \
	--lesson "Test the payment path on every device class before launch" >/dev/null
mu review add acquisition --cause "Typhoon | closed two stores" --factor uncontrollable >/dev/null
mu review add - --lesson "Plan B trigger at 30% of time *before* the climax" >/dev/null

mu export 1 --format md >"$TMP/report.md"
if diff -u "$EXP/mid-autumn.md" "$TMP/report.md" >"$TMP/diff"; then pass "md report matches expected"
else fail "md report matches expected" "$(head -c 1500 "$TMP/diff")"; fi
mu export 1 --format md -o "$TMP/r2.md"
check "md -o writes the same file" cmp "$TMP/report.md" "$TMP/r2.md"
expect_match "gantt block" '^```mermaid$' "$(cat "$TMP/report.md")"

# CSV: header, CRLF, neutralised formulas, quoting
mu task add '=HYPERLINK("http://evil","click"), now' --role ops >/dev/null
mu task add '@SUM(A1)' --role ops --notes '-2+3' >/dev/null
mu export 1 --format csv >"$TMP/out.csv"
expect_eq "csv header" "kind,id,title,role,phase,checklist,owner,status,due,qty,ready,unit,notes" \
	"$(head -n 1 "$TMP/out.csv" | tr -d '\r')"
expect_eq "csv rows end in CRLF" 0 "$(grep -vc $'\r$' "$TMP/out.csv")"
expect_eq "csv row count" 31 "$(wc -l <"$TMP/out.csv" | tr -d ' ')"
expect_match "csv formula quoted and neutralised" '^task,19,"'"'"'=HYPERLINK\(""http://evil"",""click""\), now",ops,' "$(cat "$TMP/out.csv")"
expect_match "csv @ and - neutralised" "^task,20,'@SUM\(A1\),ops,,,,todo,,,,,'-2\+3" "$(cat "$TMP/out.csv")"
expect_match "csv item row" '^item,2,Staff QR posters,marketing,,Print & promo,,open,2026-08-27,30,12,pcs,' "$(cat "$TMP/out.csv")"

# ICS: CRLF everywhere, lines ≤ 75 octets, balanced, fixed DTSTAMP
mu task add "$(printf 'Long title with 中秋节 and ; , \\ characters that will need folding in the calendar file %.0s' 1 2)" --due 2026-09-26 --role ops >/dev/null
mu export 1 --format ics >"$TMP/out.ics"
expect_eq "ics: every line ends in CRLF" 0 "$(grep -vc $'\r$' "$TMP/out.ics")"
expect_eq "ics: no line over 75 octets" 0 "$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n + 0 }' "$TMP/out.ics")"
expect_eq "ics: BEGIN/END balanced" "$(grep -c '^BEGIN:' "$TMP/out.ics")" "$(grep -c '^END:' "$TMP/out.ics")"
expect_eq "ics: events" 32 "$(grep -c '^BEGIN:VEVENT' "$TMP/out.ics")"
expect_eq "ics: DTSTAMP from MUSTER_TODAY" 32 "$(grep -c '^DTSTAMP:20260925T000000Z' "$TMP/out.ics")"
expect_eq "ics: UIDs unique" 32 "$(grep '^UID:' "$TMP/out.ics" | sort -u | wc -l | tr -d ' ')"
expect_match "ics: escaped and folded" '^SUMMARY:Due: Long title with 中秋节 and \\; \\, \\\\ characters' "$(cat "$TMP/out.ics")"
expect_eq "ics: stable across exports" "$(cat "$TMP/out.ics")" "$(mu export 1 --format ics)"
expect_eq "ics: SOURCE_DATE_EPOCH" 32 "$(SOURCE_DATE_EPOCH=0 mu export 1 --format ics | grep -c '^DTSTAMP:19700101T000000Z')"

expect_err "unknown format" 1 "muster: unknown format pdf (yaml, md, csv or ics)" mu export 1 --format pdf
expect_err "restricted may not write" 5 "muster: a restricted session may not write files" mu --restricted export 1 --format md -o "$TMP/x.md"
finish
