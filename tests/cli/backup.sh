#!/bin/sh
# muster backup FILE (issue 12): under 4 writers, the copy passes
# integrity_check and holds every change acknowledged before it began, and
# no writer fails meanwhile; FILE is replaced whole (a symlink there is
# replaced, its target untouched), no temporary file is left, refusals
# (the board itself, a directory, no such directory, a restricted session
# outside its export directory) change nothing; the README's restore
# steps bring the copy back.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
export MUSTER_USER=alice # a coordinator of the generated board
mu gen --tasks 3000 --items 300 --samples 20 --seed 7 >/dev/null || { echo "FAIL: gen"; exit 1; }
BK=$TMP/bk
mkdir -p "$BK"

# ---- four writers --------------------------------------------------------------
# Each adds tasks (and ticks) in a loop and records what was acknowledged
# (exit 0) in its own file; failures go to another.
writer() {
	i=0
	while [ ! -e "$TMP/stop" ]; do
		i=$((i + 1))
		if "$MUSTER" --db "$DB" task add "w$1-$i" >/dev/null 2>>"$TMP/fail.$1"; then
			echo "w$1-$i" >>"$TMP/ack.$1"
		else
			echo "w$1-$i failed" >>"$TMP/fail.$1"
		fi
		"$MUSTER" --db "$DB" tick 1 --qty 1 >/dev/null 2>>"$TMP/fail.$1" || echo "tick failed" >>"$TMP/fail.$1"
	done
}
for k in 1 2 3 4; do : >"$TMP/ack.$k"; : >"$TMP/fail.$k"; writer $k & done
acked() { cat "$TMP"/ack.* | wc -l | tr -d ' '; }
i=0; while [ "$(acked)" -lt 20 ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
cat "$TMP"/ack.* | sort >"$TMP/before"       # acknowledged before the backup began
out=$(mu backup "$BK/board.db" 2>&1); rc=$?
sleep 0.5                                      # the writers go on after it
touch "$TMP/stop"; wait
expect_eq "backup under 4 writers: exit 0" "0" "$rc"
expect_match "it says where" "^backed up $DB to $BK/board.db \\([0-9]+ bytes\\)$" "$out"
expect_eq "no writer failed meanwhile" "" "$(cat "$TMP"/fail.* | head -n 3)"
expect_eq "the copy passes integrity_check" "ok" "$(sqlq "$BK/board.db" "PRAGMA integrity_check")"
sqlq "$BK/board.db" "SELECT title FROM task WHERE title LIKE 'w_-%'" | sort >"$TMP/copied"
missing=$(comm -23 "$TMP/before" "$TMP/copied" | wc -l | tr -d ' ')
expect_eq "every change acknowledged before it began is in it ($(wc -l <"$TMP/before" | tr -d ' ') tasks)" 0 "$missing"
live=$(sqlq "$DB" "SELECT count(*) FROM task WHERE title LIKE 'w_-%'")
copy=$(wc -l <"$TMP/copied" | tr -d ' ')
if [ "$live" -gt "$copy" ]; then pass "writers kept writing while and after it copied ($copy in the copy, $live now)"; else
	fail "writers kept writing" "$copy in the copy, $live now"; fi
expect_eq "a whole board: 3000 tasks and the writers' ones" "$((3000 + copy))" "$(sqlq "$BK/board.db" "SELECT count(*) FROM task")"
expect_eq "nothing else left in the directory" "board.db" "$(ls -A "$BK")"

# ---- the copy replaces FILE whole; a symlink there is replaced ------------------
printf 'old copy\n' >"$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$BK/link.db"
expect_match "over a symlink" "^backed up " "$(mu backup "$BK/link.db")"
expect_eq "the link is now the copy" "ok" "$(sqlq "$BK/link.db" "PRAGMA integrity_check")"
[ -L "$BK/link.db" ] && fail "symlink replaced" "still a link" || pass "symlink replaced"
expect_eq "its target untouched" "old copy" "$(cat "$TMP/elsewhere")"
n=$(sqlq "$DB" "SELECT count(*) FROM task")
mu task add "after the first backup" >/dev/null
mu backup "$BK/board.db" >/dev/null
expect_eq "a second backup replaces the first" "$((n + 1))" "$(sqlq "$BK/board.db" "SELECT count(*) FROM task")"
umask 022
mu backup "$BK/mode.db" >/dev/null
expect_eq "mode from the umask (not mkstemp's 600)" "644" "$(stat -c %a "$BK/mode.db")"
expect_eq "still nothing else left" "board.db link.db mode.db" "$(ls -A "$BK" | sort | paste -sd' ' -)"

# ---- refusals change nothing ----------------------------------------------------
before=$(ls -A "$BK" | paste -sd' ' -)
expect_err "the board itself" 1 "muster: $DB is the board itself (or one of its files); back it up to another file" mu backup "$DB"
expect_err "its -wal" 1 "muster: $DB-wal is the board itself (or one of its files); back it up to another file" mu backup "$DB-wal"
expect_err "a directory" 1 "muster: $BK is a directory; give the backup a file name" mu backup "$BK"
expect_err "no such directory" 2 "muster: cannot write $TMP/none/b.db: No such file or directory" mu backup "$TMP/none/b.db"
expect_err "no file name" 1 "muster: missing argument (usage: muster backup FILE)" mu backup
mkdir -p "$TMP/exports" "$XDG_CONFIG_HOME/muster"
printf 'restricted: true\nexport_dir: %s\n' "$TMP/exports" >"$XDG_CONFIG_HOME/muster/config.yaml"
# a restricted session writes only into the export_dir of the account's own
# config (tests/cli/restricted.sh, as real users); this XDG config can only
# restrict, never name a directory: no file at all
expect_err "restricted by the XDG config: no file written" 5 "muster: a restricted session may not write files" mu backup kiosk.db
rm -f "$XDG_CONFIG_HOME/muster/config.yaml"
expect_eq "refusals left the directory as it was" "$before" "$(ls -A "$BK" | paste -sd' ' -)"
expect_match "backup --help" "^usage: muster backup FILE" "$(mu backup --help)"

# ---- restore, as the README says -------------------------------------------------
mu backup "$BK/restore.db" >/dev/null
want=$(mu tasks --json --limit 5)
mu task add "made after the backup" >/dev/null
expect_eq "nobody else on the board" "" "$(mu who)"
mu backup "$BK/before-restore.db" >/dev/null
cp "$BK/restore.db" "$DB.new" && rm -f "$DB-wal" "$DB-shm" && mv "$DB.new" "$DB"
expect_eq "restored: integrity ok" "ok" "$(sqlq "$DB" "PRAGMA integrity_check")"
expect_eq "restored: the board as it was at the backup" "$want" "$(mu tasks --json --limit 5)"
expect_eq "restored: the later task is gone (it is in before-restore.db)" "0 1" \
	"$(sqlq "$DB" "SELECT count(*) FROM task WHERE title = 'made after the backup'") $(sqlq "$BK/before-restore.db" "SELECT count(*) FROM task WHERE title = 'made after the backup'")"
expect_match "and it takes changes again" "^[0-9]+$" "$(mu task add "after the restore")"
finish
