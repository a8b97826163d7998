#!/bin/bash
# Hostile data through the command line (issue 7): huge titles, control
# characters and escape sequences (refused, and never printed raw when they
# are in the file anyway), emoji and combining marks, a read-only board, a
# file that is not a board, a newer schema, a full disk.  Each case: one clear
# line on stderr, the exit status of SPEC §3, and the board unchanged (cksum).
# The locked board (exit 3) is tests/cli/concurrency.sh; the ESC/C1/invalid
# UTF-8 refusals and their display as '?' are tests/cli/unicode.sh.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
fixture

# sqlx DB SQL : run SQL on a file without muster (CI has no sqlite3 shell);
# rows print as a|b|c
cat >"$TMP/sqlx.c" <<'C'
#include <sqlite3.h>
#include <stdio.h>
static int row(void *u, int n, char **v, char **c)
{
	for (int i = 0; i < n; i++)
		printf("%s%s", i ? "|" : "", v[i] ? v[i] : "");
	printf("\n");
	return 0;
}
int main(int argc, char **argv)
{
	sqlite3 *db;
	char *err = NULL;
	if (argc != 3 || sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL))
		return 2;
	if (sqlite3_exec(db, argv[2], row, NULL, &err)) {
		fprintf(stderr, "sqlx: %s\n", err);
		return 1;
	}
	return sqlite3_close(db) != SQLITE_OK;
}
C
SQLX=$TMP/sqlx
${CC:-cc} -o "$SQLX" "$TMP/sqlx.c" -lsqlite3 || { echo "FAIL: build sqlx: cc -lsqlite3 failed"; exit 1; }

sum() { cksum <"$1"; }
# refused NAME CODE PATTERN CMD... : exit CODE, one stderr line matching
# PATTERN, no stdout, and $DB byte for byte the same afterwards
refused() {
	_n=$1 _code=$2 _pat=$3; shift 3
	_before=$(sum "$DB")
	_out=$("$@" 2>"$TMP/stderr"); _rc=$?
	_err=$(cat "$TMP/stderr")
	if [ "$_rc" != "$_code" ]; then fail "$_n" "exit $_rc, wanted $_code (stderr: $(printf %s "$_err" | head -c 300))"
	elif [ "$(printf '%s\n' "$_err" | wc -l)" -ne 1 ] || ! printf '%s' "$_err" | grep -Eq -- "$_pat"; then
		fail "$_n" "stderr <<$(printf %s "$_err" | head -c 300)>>, wanted one line like /$_pat/"
	elif [ -n "$_out" ]; then fail "$_n" "stdout not empty on error: <<$(printf %s "$_out" | head -c 200)>>"
	elif [ "$(sum "$DB")" != "$_before" ]; then fail "$_n" "the board changed"
	else pass "$_n"; fi
}
rep() { head -c "$2" /dev/zero | tr '\0' "$1"; }
ntasks() { mu tasks --json | "$JSONQ" '.[].id' | wc -l | tr -d ' '; }

# ---- huge titles -----------------------------------------------------------
n0=$(ntasks)
refused "10 KB title refused" 2 '^muster: task title is too long \(10240 bytes; at most 1024\)$' \
	mu task add "$(rep x 10240)"
refused "1025-byte title refused" 2 'too long \(1025 bytes' mu task add "$(rep y 1025)"
refused "10 KB title via edit refused" 2 'too long' mu task edit 1 --title "$(rep z 10240)"
refused "100 KB title refused" 2 'too long \(100000 bytes' mu task add "$(rep w 100000)"
expect_out "1024-byte title accepted" $((n0 + 1)) mu task add "$(rep y 1024)"
expect_eq "1024-byte title stored whole" 1024 "$(mu tasks --json | "$JSONQ" ".[$n0].title" | tr -d '\n' | wc -c | tr -d ' ')"
{ printf 'event: {name: Huge, start: 2026-10-01}\ntasks:\n  - title: '; rep t 10240; printf '\n'; } >"$TMP/huge.yaml"
refused "plan with a 10 KB title refused" 2 '^muster: .*too long' mu import "$TMP/huge.yaml"
expect_eq "rejected import added no event" 1 "$(mu events --json | "$JSONQ" '.[].id' | wc -l | tr -d ' ')"

# ---- control characters and escape sequences --------------------------------
for c in 01 07 08 0d 0a 1b 7f; do
	printf -v t "a\\x${c}b"
	refused "title with control 0x$c refused" 2 "^muster: task title contains a control character U\\+00${c^^} \\(byte 1\\)\$" mu task add "$t"
done
refused "escape sequence via edit refused" 2 'control character' mu task edit 1 --title $'x\e]0;pwned\a'
refused "OSC in an owner refused" 2 'control character' mu task assign 1 $'bob\e[8m'
printf 'event: {name: Esc, start: 2026-10-01}\ntasks:\n  - title: "Evil\\e[2Jx"\n' >"$TMP/esc.yaml"
refused "plan with an escape in a title refused" 2 '^muster: .*esc\.yaml:3:' mu import "$TMP/esc.yaml"

# A board written by something else may hold them anyway: never print raw.
"$SQLX" "$DB" "UPDATE task SET title = 'Evil' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(13) || 'x' WHERE id = 1;
  UPDATE item SET title = 'It' || char(27) || '[31m' || char(155) WHERE id = 1;
  UPDATE event SET name = 'Ev' || char(27) || '[5m' WHERE id = 1;
  UPDATE task SET notes = 'n' || char(27) || 'c' WHERE id = 2" || fail "plant escapes" "sqlx failed"
for cmd in "tasks" "tasks --json" "items" "items --json" "events" "events --json" "log" "log --json" \
	"export 1" "export 1 --format md" "export 1 --format ics" "task done 1" "tick 1"; do
	out=$(mu $cmd 2>&1); rc=$?
	if [ $rc -ne 0 ]; then fail "planted ESC: $cmd" "exit $rc: $(printf %s "$out" | head -c 200)"
	# JSON too: C1 characters are escaped (\u009b) there
	elif pat=$'[\x01-\x08\x0b-\x0c\x0e-\x1f\x7f]\|\xc2[\x80-\x9f]'
		printf '%s' "$out" | sed $'s/\r$//' | LC_ALL=C grep -q "$pat"; then
		fail "planted ESC: $cmd" "raw control bytes: $(printf %s "$out" | sed $'s/\r$//' | LC_ALL=C grep "$pat" | cat -v | head -c 200)"
	else pass "planted ESC: $cmd prints no raw control"; fi
done
expect_match "planted ESC shown as ?" '  Evil\?\]0;pwned\?\?\[2J\?x$' "$(mu tasks)"
expect_eq "JSON keeps the planted bytes" $'Evil\e]0;pwned\a\e[2J\rx' "$(mu tasks --json | "$JSONQ" '.[0].title')"
mu export 1 -o "$TMP/esc-export.yaml" >/dev/null 2>&1
DB=$TMP/esc.db; mu init >/dev/null
refused "export of planted controls does not import silently" 2 'control character' mu import "$TMP/esc-export.yaml"
DB=$TMP/board.db

# ---- emoji and combining marks: accepted, byte for byte ----------------------
fixture
E1='👩‍👩‍👧‍👦 family, 🇹🇼 flag, ✋🏽 skin tone, 🏳️‍🌈 zwj'
E2=$'e\u0301 Z\u0324\u0354\u0367\u0311a\u0308\u0356 \u0915\u094d\u0937 \u1100\u1161\u11a8 ⚠️ ︎'
n0=$(ntasks)
expect_out "emoji title accepted" $((n0 + 1)) mu task add "$E1"
expect_out "combining marks accepted" $((n0 + 2)) mu task add "$E2" --notes "$E1"
j=$(mu tasks --json)
valid_json "JSON with emoji and combining marks" "$j"
expect_eq "emoji round-trip" "$E1" "$(jq_ ".[$n0].title" "$j")"
expect_eq "combining marks round-trip" "$E2" "$(jq_ ".[$((n0 + 1))].title" "$j")"
expect_eq "emoji notes round-trip" "$E1" "$(jq_ ".[$((n0 + 1))].notes" "$j")"
expect_match "table shows the emoji whole" "  $E1\$" "$(mu tasks)"
mu export 1 -o "$TMP/emoji.yaml" >/dev/null
DB=$TMP/emoji.db
check "emoji plan re-imports" mu import "$TMP/emoji.yaml"
j2=$(mu tasks --json)
expect_eq "emoji survive export/import" "$E1" "$(jq_ ".[$n0].title" "$j2")"
expect_eq "combining marks survive export/import" "$E2" "$(jq_ ".[$((n0 + 1))].title" "$j2")"
DB=$TMP/board.db

# ---- a file that is not a board -------------------------------------------
cp "$ROOT/tests/data/cli/small.yaml" "$TMP/plan-as-db"
DB=$TMP/plan-as-db
for cmd in tasks "tick Flyers" init; do
	refused "text file as board: $cmd" 4 "^muster: $DB: not a muster board" mu $cmd
done
expect_eq "no -wal/-shm beside a non-board" "" "$(ls "$DB"-* 2>/dev/null)"
head -c 4096 /dev/urandom >"$TMP/noise.db"; DB=$TMP/noise.db
refused "random bytes as board" 4 "^muster: $DB: not a muster board" mu tasks
: >"$TMP/zero.db"; DB=$TMP/zero.db
# An empty file is what sqlite3_open leaves: init may turn it into a board.
if mu tasks >/dev/null 2>"$TMP/stderr"; then fail "empty file as board" "exit 0"; else
	expect_match "empty file as board: one clear line" '^muster: .*(no board|not a muster board|not a board yet|no event)' "$(cat "$TMP/stderr")"; fi
# Another program's SQLite database must not be turned into a board.
DB=$TMP/other.db; rm -f "$DB"
"$SQLX" "$DB" "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('mine')"
refused "other program's SQLite file: tasks" 4 "^muster: $DB: not a muster board" mu tasks
refused "other program's SQLite file: import" 4 "^muster: $DB: not a muster board" mu import "$DATA/small.yaml"
expect_eq "other program's file keeps only its own table" "notes" "$("$SQLX" "$DB" "SELECT group_concat(name) FROM sqlite_schema")"

# ---- a newer schema --------------------------------------------------------
DB=$TMP/board.db; fixture
"$SQLX" "$DB" "PRAGMA user_version = 99" || fail "set user_version" "sqlx failed"
for cmd in tasks "tick Flyers" "task add x" init "import $DATA/small.yaml"; do
	refused "schema 99: $cmd" 4 "^muster: $DB: the board has schema version 99, newer than this muster knows \\([0-9]+\\); upgrade muster\$" mu $cmd
done
expect_eq "schema 99 left as it was" 99 "$("$SQLX" "$DB" "PRAGMA user_version")"

# ---- a read-only board -------------------------------------------------------
# chmod does not stop root: as root, run muster as nobody (setpriv/runuser).
DB=$TMP/ro/board.db; mkdir -p "$TMP/ro"; fixture
chmod 0444 "$DB"; chmod 0555 "$TMP/ro"; chmod 0755 "$TMP"
as_user=
if [ "$(id -u)" != 0 ]; then as_user="env"
elif command -v setpriv >/dev/null 2>&1; then as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
elif command -v runuser >/dev/null 2>&1; then as_user="runuser -u nobody --"
fi
if [ -z "$as_user" ]; then
	echo "SKIP: read-only board: running as root with neither setpriv nor runuser"
elif ! $as_user test -r "$MUSTER" -a -x "$MUSTER" 2>/dev/null; then
	echo "SKIP: read-only board: $MUSTER is not runnable as nobody"
else
	ro() { $as_user "$MUSTER" --db "$DB" "$@"; }
	for cmd in "tick Flyers" "task add x" "task done 1" "metric set visitors 5" "import $DATA/small.yaml"; do
		refused "read-only board: $cmd" 4 "^muster: $DB: the board is read-only for you" ro $cmd
	done
	# Reading works: where the -shm of a WAL board cannot be made, muster
	# reads the file as immutable.
	out=$(ro tasks 2>"$TMP/stderr"); rc=$?
	expect_eq "read-only board: tasks exits 0" "0 " "$rc $(cat "$TMP/stderr")"
	expect_eq "read-only board: tasks lists" "$(mu tasks)" "$out"
	expect_eq "read-only board: items --json" "$(mu items --json)" "$(ro items --json 2>&1)"
	expect_eq "read-only board: nothing beside it" "" "$(ls "$DB"-* 2>/dev/null)"
fi
chmod 0755 "$TMP/ro"; chmod 0644 "$DB"; chmod 0700 "$TMP"

# ---- a full disk -------------------------------------------------------------
# Two cases: the board idle (its -wal and -shm must be created on the full
# disk) and the board held open by another reader (only the WAL must grow).
# Either way: exit 4 "disk full", nothing lost, integrity ok once there is
# room again, and writes work again.
MNT=$TMP/full
mkdir -p "$MNT"
fill() { dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null; dd if=/dev/zero of="$MNT/filler2" bs=1 2>/dev/null; }
full_disk() { # CASE
	before_tasks=$(mu tasks --json); before_items=$(mu items --json)
	fill
	for cmd in "task add x" "tick Flyers --qty 2" "task done 1" "metric set visitors 5"; do
		refused "full disk ($1): $cmd" 4 "^muster: $DB: disk full; nothing was changed\$" mu $cmd
	done
	refused "full disk ($1): 1000-byte title" 4 "disk full" mu task add "$(rep b 1000)"
	out=$(mu tasks --json 2>"$TMP/stderr"); rc=$?
	case $rc in
	0) expect_eq "full disk ($1): tasks still list, unchanged" "$before_tasks" "$out" ;;
	4) expect_match "full disk ($1): reading says disk full" "^muster: $DB: disk full" "$(cat "$TMP/stderr")" ;;
	*) fail "full disk ($1): tasks" "exit $rc: $(cat "$TMP/stderr")" ;;
	esac
	rm -f "$MNT/filler" "$MNT/filler2"
	expect_eq "full disk ($1): integrity once there is room" "ok" "$("$SQLX" "$DB" "PRAGMA integrity_check" 2>&1)"
	expect_eq "full disk ($1): tasks unchanged" "$before_tasks" "$(mu tasks --json 2>&1)"
	expect_eq "full disk ($1): items unchanged" "$before_items" "$(mu items --json 2>&1)"
	n=$(printf '%s' "$before_tasks" | "$JSONQ" '.[].id' | wc -l | tr -d ' ')
	expect_out "full disk ($1): writes work again" $((n + 1)) mu task add "after the disk was full"
}
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: full disk: needs root to mount a small tmpfs"
elif ! mount -t tmpfs -o size=1m muster-test "$MNT" 2>/dev/null; then
	echo "SKIP: full disk: mount -t tmpfs not permitted here"
else
	trap 'grep -qs " $MNT " /proc/mounts && umount -l "$MNT"; rm -rf "$TMP"' EXIT
	DB=$MNT/board.db; fixture
	full_disk idle
	# a reader holds the board open (its -wal and -shm exist)
	cat >"$TMP/holder.c" <<'C'
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	sqlite3 *db;
	if (sqlite3_open(argv[1], &db) || sqlite3_exec(db, "SELECT count(*) FROM task", 0, 0, 0))
		return 1;
	fclose(fopen(argv[2], "w"));
	while (access(argv[3], F_OK) != 0)
		usleep(10000);
	return sqlite3_close(db);
}
C
	${CC:-cc} -o "$TMP/holder" "$TMP/holder.c" -lsqlite3 || fail "build holder" "cc failed"
	rm -f "$TMP/held" "$TMP/release"
	"$TMP/holder" "$DB" "$TMP/held" "$TMP/release" &
	i=0; while [ ! -e "$TMP/held" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	full_disk "board open elsewhere"
	touch "$TMP/release"; wait
	umount "$MNT" || umount -l "$MNT"
fi
finish
