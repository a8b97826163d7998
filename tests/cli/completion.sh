#!/bin/bash
# Bash completion (tools/completion.bash) driven the way bash drives it,
# through COMP_WORDS/COMP_CWORD: commands, subcommands, options (and every
# option it offers is one the command accepts; every option the code
# accepts is offered), values from the board through --json (event names
# with spaces and CJK, unquoted and quoted, checklists, roles, logins,
# task and item ids with their titles, metrics, templates), the --db given
# earlier on the line; then once in a real interactive bash in tmux.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture
mu import "$ROOT/sample-data/tianhe-store-opening.yaml" --start 2026-10-17 >/dev/null # event 2
DB2=$TMP/other.db
"$MUSTER" --db "$DB2" import "$ROOT/sample-data/community-group-campaign.yaml" >/dev/null
. "$ROOT/tools/completion.bash"
compopt() { :; } # only inside a completion bash itself runs

# comp WORD... : the completions for the last word, one a line
comp() {
	COMP_WORDS=("$MUSTER" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}" COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_muster
	printf '%s\n' "${COMPREPLY[@]}"
}
# on the fixture board (as --db) or as given
cdb() { comp --db "$DB" "$@"; }
lines() { paste -sd' ' -; }

expect_eq "complete is set for muster" "complete -F _muster muster" "$(complete -p muster)"
expect_eq "commands: every command of muster --help" \
	"$("$MUSTER" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' | lines)" "$(comp "" | lines)"
expect_eq "a command by prefix" "tick" "$(comp ti | lines)"
expect_eq "commands starting with t" "tasks task tick template trash" "$(comp t | lines)"
expect_eq "after global options" "tasks task tick template trash" "$(comp --db "$DB" --json t | lines)"
expect_eq "global options" "--db --as --json --event --theme --no-color --restricted --help --version" "$(comp -- | lines)"
expect_eq "tasks options" "--event --role --status --mine --search --limit --db --as --json --theme --no-color --restricted --help --version" \
	"$(cdb tasks -- | lines)"
expect_eq "task subcommands" "add done start block reopen assign edit rm" "$(cdb task "" | lines)"
expect_eq "task edit options" "--title --theme" "$(cdb task edit 1 --t | lines)"
expect_eq "task add options" "--role --phase --owner --due --notes" "$(cdb task add X --role ops --  | grep -vxE -- '--(db|as|json|event|theme|no-color|restricted|help|version)' | lines)"
expect_eq "import: --template and --start" "--template" "$(cdb import --te | lines)"
expect_eq "template subcommands" "save list" "$(cdb template "" | lines)"
expect_eq "review subcommands (list optional)" "list add edit rm" "$(cdb review "" | lines)"
expect_eq "--status values from the help" "todo doing blocked done" "$(cdb tasks --status "" | lines)"
expect_eq "--access values from the help" "coordinator staff viewer" "$(cdb people add lin --access "" | lines)"
expect_eq "--factor values from the help" "controllable semi-controllable uncontrollable" "$(cdb review add visitors --factor "" | lines)"
expect_eq "--format alternatives" "yaml md csv ics" "$(cdb export --format "" | lines)"
expect_eq "--option=value (split at =)" "todo" "$(cdb tasks --status = t | lines)"

# values from the board: the most recent event is the tianhe opening (2)
expect_eq "event names (in muster events order), escaped for the shell" '天河旗舰店开业\ ·\ Tianhe\ Flagship\ Opening Night\ Market\ 夜市' "$(cdb tasks --event "" | lines)"
expect_eq "event name: spaces" 'Night\ Market\ 夜市' "$(cdb tasks --event Nig)"
expect_eq "event name: CJK first" '天河旗舰店开业\ ·\ Tianhe\ Flagship\ Opening' "$(cdb tasks --event 天河)"
expect_eq "event name: already escaped part" 'Night\ Market\ 夜市' "$(cdb tasks --event 'Night\ Ma')"
expect_eq "event name: in double quotes (bash closes them)" 'Night Market 夜市' "$(cdb tasks --event '"Night M')"
expect_eq "event name: in single quotes" 'Night Market 夜市' "$(cdb tasks --event "'Nig")"
expect_eq "event name: export's EVENT argument" 'Night\ Market\ 夜市' "$(cdb export Ni)"
expect_eq "logins (task assign ID LOGIN)" "tester bob" "$(cdb --event 1 task assign 1 "" | lines)"
expect_eq "owners" "bob" "$(cdb --event 1 task edit 1 --owner b | lines)"
expect_eq "role keys" "mkt ops" "$(cdb --event 1 tasks --role "" | lines)"
expect_eq "role keys after a comma" "ops,mkt" "$(cdb --event 1 people set bob --roles ops,m | lines)"
expect_eq "checklists" "Print Kits" "$(cdb --event 1 items --list "" | lines)"
expect_eq "task ids with their titles" "1  Book the stalls|2  He said \"go\"; run -- now 中秋节 crème brûlée|3  Print lantern posters|4  Count visitors" \
	"$(cdb --event 1 task done "" | paste -sd'|' -)"
expect_eq "task id: one match is the id alone" "3" "$(cdb --event 1 task done 3)"
expect_eq "item ids with their titles" "1  A2 posters|2  Flyers|3  Lantern kits" "$(cdb --event 1 tick "" | paste -sd'|' -)"
expect_eq "item id: one match is the id alone" "2" "$(cdb --event 1 tick 2)"
expect_eq "item by title (tick takes titles)" 'Lantern\ kits' "$(cdb --event 1 untick La)"
expect_eq "--event after the command counts too" "2  Flyers" "$(cdb tick --event 1 "" | sed -n 2p)"
expect_eq "metric names" "visitors buyers" "$(cdb --event 1 metric set "" | head -n 2 | lines)"
expect_eq "review stages: metrics and -" "-" "$(cdb --event 1 review add "" | tail -n 1)"
expect_eq "templates" "mid-autumn-package-promo" "$(cdb import --template mid | lines)"
mu --as tester task rm 4 >/dev/null
expect_eq "trash ids (restore ID)" "1" "$(cdb restore "")"

# the board in use: --db earlier on the line, also as --db=PATH
expect_eq "--db earlier on the line" "Autumn\ Skincare\ Community\ Pre-sale" "$(comp --db "$DB2" tasks --event "" | lines)"
expect_eq "--db=PATH (split at =)" "Autumn\ Skincare\ Community\ Pre-sale" "$(comp --db = "$DB2" tasks --event "" | lines)"
expect_eq "\$MUSTER_DB" "Autumn\ Skincare\ Community\ Pre-sale" "$(MUSTER_DB=$DB2 comp tasks --event "" | lines)"
expect_eq "no board: nothing, and nothing created" "|no" "$(comp --db "$TMP/none.db" tasks --event "" | lines)|$([ -e "$TMP/none.db" ] && echo yes || echo no)"
expect_eq "files for import FILE.yaml" "$ROOT/sample-data/mid-autumn-package-promo.yaml" "$(cdb import "$ROOT/sample-data/mid")"

# Every option offered is accepted by its command (never "unknown option"),
# for every command and subcommand of the table.
subs_of() { _muster_prog=$MUSTER _muster_board=(); _muster_spec "$1" "" | sed -n 's/^S //p'; }
bad=
for cmd in $(comp ""); do
	subs=$(subs_of "$cmd")
	for sub in "" $subs; do
		for opt in $(cdb $cmd $sub -- ); do
			case $opt in --help | --version) continue ;; esac
			e=$(cd "$TMP" && "$MUSTER" --db "$TMP/opts.db" $cmd $sub $opt 1 </dev/null 2>&1 >/dev/null)
			case $e in *"unknown option"*) bad="$bad $cmd${sub:+ $sub} $opt" ;; esac
		done
	done
done
expect_eq "every option offered is accepted" "" "$bad"
# Every option in the code's option specs (cli_getopt) is offered somewhere.
offered=" $(for cmd in $(comp ""); do for sub in "" $(subs_of "$cmd"); do cdb $cmd $sub --; cdb $cmd $sub -; done; done | sort -u | lines) "
missing=
for o in $(grep -ho '"\([a-z][a-z-]*=\? *\)\+"' "$ROOT"/src/cli/*.c | grep -E '^"([a-z][a-z-]*=? ?)+"$' |
	grep -E '=' | tr -d '"' | tr ' ' '\n' | sed 's/=$//' | sort -u); do
	case ${#o} in 1) f=-$o ;; *) f=--$o ;; esac
	[[ $offered == *" $f "* ]] || missing="$missing $f"
done
expect_eq "every option the code takes is offered" "" "$missing"

# A real interactive bash: Tab completes an event name with spaces and CJK.
if command -v tmux >/dev/null; then
	SOCK=muster-comp-$$
	trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
	mkdir -p "$TMP/bin"
	ln -s "$MUSTER" "$TMP/bin/muster"
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 20 \
		"env -i HOME=$TMP TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 PATH=$TMP/bin:/usr/bin:/bin MUSTER_DB=$DB PS1='$ ' bash --norc --noprofile -i"
	tmux -L "$SOCK" send-keys ". $ROOT/tools/completion.bash" Enter
	tmux -L "$SOCK" send-keys 'muster tasks --event 天' Tab
	got=
	for _ in $(seq 60); do
		got=$(tmux -L "$SOCK" capture-pane -p | grep -F 'muster tasks --event' | tail -n 1)
		[[ $got == *Opening* ]] && break
		sleep 0.05
	done
	expect_eq "interactive: Tab completes the CJK name" '$ muster tasks --event 天河旗舰店开业\ ·\ Tianhe\ Flagship\ Opening' "${got% }"
	tmux -L "$SOCK" send-keys Enter
	for _ in $(seq 60); do tmux -L "$SOCK" capture-pane -p | grep -q 'Footfall' && break; sleep 0.05; done
	expect_match "interactive: and the command runs with it" 'Footfall study' "$(tmux -L "$SOCK" capture-pane -p)"
	tmux -L "$SOCK" kill-server
else
	fail "interactive completion" "tmux is not installed (make deps)"
fi
finish
