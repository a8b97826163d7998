#!/bin/bash
# The command-line side of issue 10 in a checkout: templates from
# sample-data/ and ~/.config/muster/templates (template list, import
# --template, a broken template left out with a warning, none at all),
# the board label (init --label), every exit status in --help, and the
# "not a terminal" line that says ssh -t in an ssh session without one.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"

# templates of the checkout: sample-data/, by file name
names=$(cd "$ROOT/sample-data" && ls *.yaml | sed 's/\.yaml$//')
tl=$(mu template list --json)
valid_json "template list --json" "$tl"
expect_eq "checkout: the sample plans are the templates" "$(printf '%s\n' "$names" | paste -sd' ' -)" \
	"$(printf '%s' "$tl" | "$JSONQ" '.[].name' | paste -sd' ' -)"
expect_match "checkout: from sample-data/" "\"path\":\"$ROOT/sample-data/community-group-campaign.yaml\"" "$tl"
expect_match "table header" '^NAME +EVENT +KIND +DAYS +TASKS +ITEMS +FILE$' "$(mu template list | head -n 1)"
expect_match "CJK event name in the table" '^tianhe-store-opening +天河旗舰店开业 · Tianhe Flagship Opening +promotion +7 +15 +10 ' \
	"$(mu template list)"
expect_out "import --template --start" "imported event 1: Autumn Skincare Community Pre-sale (14 tasks, 8 items)" \
	mu import --template community-group-campaign --start 2027-03-01
expect_eq "moved to the start" "2027-03-01" "$(mu events --json | "$JSONQ" '.[0].start')"
expect_eq "its tasks moved with it (T-18 → 2027-02-11)" 2027-02-11 "$(mu tasks --json | "$JSONQ" '.[0].due')"
out=$(mu --json import --template community-group-campaign --start 2027-04-01)
valid_json "import --template --json" "$out"
expect_eq "import --json: the new id" 2 "$(jq_ .id "$out")"
expect_err "unknown template: exit 2, lists the ones there are" 2 \
	"muster: no template nope; available: $(printf '%s\n' "$names" | paste -sd, - | sed 's/,/, /g')" \
	mu import --template nope --start 2027-03-01
expect_err "a bad --start" 1 "muster: start date must look like 2026-09-01: tomorrow" \
	mu import --template community-group-campaign --start tomorrow
expect_exit "restricted: no import --template" 5 mu --restricted import --template community-group-campaign --start 2027-03-01
expect_eq "rejected: nothing imported" 2 "$(mu events --json | "$JSONQ" 'length')"

# the user's own templates come first; a broken one is left out, said once
mkdir -p "$XDG_CONFIG_HOME/muster/templates"
mu template save 1 -o "$XDG_CONFIG_HOME/muster/templates/my-presale.yaml"
printf 'event:\n  name: [broken\n' >"$XDG_CONFIG_HOME/muster/templates/broken.yaml"
tl=$(mu template list --json 2>"$TMP/warn")
expect_match "a saved template is listed" '"name":"my-presale","event":"Autumn Skincare Community Pre-sale"' "$tl"
expect_match "a broken one: a warning naming it" "^muster: warning: template broken left out: .*broken\.yaml:" "$(cat "$TMP/warn")"
expect_eq "a broken one: left out" "" "$(printf '%s' "$tl" | grep '"name":"broken"')"
expect_out "import the saved one" "imported event 3: Autumn Skincare Community Pre-sale (14 tasks, 8 items)" \
	mu import --template my-presale --start 2027-05-01
# no templates anywhere: an empty list, and where it looked
mkdir -p "$TMP/bare"
cp "$MUSTER" "$TMP/bare/muster"
expect_eq "no templates: --json is []" "[]" "$(env XDG_CONFIG_HOME="$TMP/none" "$TMP/bare/muster" template list --json 2>/dev/null)"
expect_match "no templates: says where it looked" "^muster: no templates \(looked in $TMP/none/muster/templates, " \
	"$(env XDG_CONFIG_HOME="$TMP/none" "$TMP/bare/muster" template list 2>&1 >/dev/null)"
expect_err "no templates: import says so" 2 \
	"muster: no template x: none installed (looked in $TMP/none/muster/templates, $(env XDG_CONFIG_HOME="$TMP/none" "$TMP/bare/muster" template list 2>&1 | sed 's/.*looked in [^,]*, //; s/)$//'))" \
	env XDG_CONFIG_HOME="$TMP/none" "$TMP/bare/muster" --db "$DB" import --template x --start 2027-03-01

# the board's label
expect_out "init --label" "existing board $DB" mu init --label "演示 demo"
build_sqlq
expect_eq "label stored" "演示 demo" "$(sqlq "$DB" "SELECT value FROM setting WHERE key = 'label'")"
expect_err "label: one line" 1 "muster: a board label is one line of text" mu init --label "$(printf 'a\nb')"
expect_err "label: short" 1 "muster: a board label is at most 24 columns of UTF-8 text: 一二三四五六七八九十一二三" \
	mu init --label 一二三四五六七八九十一二三
expect_eq "label: logged as a board setting" setting "$(mu log --limit 1 --json | "$JSONQ" '.[0].action')"

# every exit status in --help
h=$("$MUSTER" --help)
for s in "0 ok" "1 usage" "2 data" "3 busy" "4 database unusable" "5 denied" "6 conflict" "70 internal error" "128\\+N when ended by signal N"; do
	expect_match "--help lists exit status $s" "$s" "$(printf '%s\n' "$h" | tr -s ' \n' ' ')"
done

# not a terminal: over ssh without one, say -t
expect_err "not a terminal" 1 "muster: not a terminal; use a command (see muster --help)" mu </dev/null
expect_err "ssh without a terminal: use ssh -t" 1 \
	"muster: not a terminal: this ssh session has none; connect with ssh -t (ssh -t user@host) to open the board, or give a command (see muster --help)" \
	env SSH_CONNECTION="192.0.2.1 50000 192.0.2.2 22" "$MUSTER" --db "$DB" </dev/null
expect_err "ssh with a terminal but stdin redirected: the usual line" 1 \
	"muster: not a terminal; use a command (see muster --help)" \
	env SSH_CONNECTION="192.0.2.1 50000 192.0.2.2 22" SSH_TTY=/dev/pts/3 "$MUSTER" --db "$DB" </dev/null
expect_err "restricted (kiosk) over ssh: says -t too" 1 \
	"muster: not a terminal: this ssh session has none; connect with ssh -t (ssh -t user@host) to open the board, or give a command (see muster --help)" \
	env SSH_CONNECTION="192.0.2.1 50000 192.0.2.2 22" "$MUSTER" --db "$DB" --as bob --restricted </dev/null
finish
