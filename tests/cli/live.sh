#!/bin/sh
# Live reads stay true (issue 12): a reader who may not write the board is
# never shown a stale copy.  Its -shm readable: every read sees the latest
# change while a writer keeps ticking.  Its -shm unreadable, or nobody has
# the board open and the reader may not create the -shm: one clear line
# with the fixing command, exit 4, nothing read.  Only a directory nobody
# may write (or a read-only medium) is read as an immutable file.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo "SKIP: live reads: needs root and setpriv to read as nobody"; finish
fi
as_nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups"
if ! $as_nobody test -x "$MUSTER" 2>/dev/null; then echo "SKIP: $MUSTER is not runnable as nobody"; finish; fi
chmod 755 "$TMP"
D=$TMP/srv; mkdir -p "$D"; chmod 755 "$D"
DB=$D/board.db
fixture
chmod 644 "$DB"
ro() { $as_nobody env XDG_CONFIG_HOME="$TMP/nobody" "$MUSTER" --db "$DB" "$@"; }
flyers() { "$JSONQ" '.[].qty_ready' | sed -n 2p; }

# nobody has it open; nobody may not create board.db-shm
expect_err "idle board, -shm cannot be made: refused with the fix" 4 \
	"muster: $DB: you may read it but not create $DB-shm in $D (owner root, group root, mode 755), so other people's changes would not show; nothing was read; fix: sudo muster init --shared root --db $DB (a group of the people who share it)" \
	ro items
expect_eq "nothing made beside it" "" "$(ls "$DB"-* 2>/dev/null)"

# a writer holds it open: -shm 644 (readable): reads follow every change
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
"$TMP/holder" "$DB" "$TMP/held" "$TMP/release" &
i=0; while [ ! -e "$TMP/held" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
chmod 644 "$DB-shm" "$DB-wal"
stale=0
for i in $(seq 1 20); do
	mu tick Flyers --qty 1 >/dev/null
	got=$(ro items --json 2>/dev/null | flyers)
	[ "$got" = "$i" ] || stale=$((stale + 1))
done
expect_eq "-shm readable: 20 reads after 20 ticks, each the truth" 0 "$stale"
expect_match "-shm not writable: one warning with the fix" "^muster: warning: cannot write $DB-shm .*fix: sudo chgrp root $DB-shm && sudo chmod g\\+rw $DB-shm\$" "$(ro items 2>&1 >/dev/null)"

# -shm unreadable while the board is open: refused, never an old copy
chmod 600 "$DB-shm"
mu tick Flyers --qty 1 >/dev/null
expect_err "-shm unreadable: refused with the fix" 4 \
	"muster: $DB: cannot read $DB-shm (owner root, group root, mode 600), so other people's changes would not show; nothing was read; fix: sudo chgrp root $DB-shm && sudo chmod g+rw $DB-shm" \
	ro items
expect_err "tasks refuses too" 4 \
	"muster: $DB: cannot read $DB-shm (owner root, group root, mode 600), so other people's changes would not show; nothing was read; fix: sudo chgrp root $DB-shm && sudo chmod g+rw $DB-shm" \
	ro --event 1 tasks
touch "$TMP/release"; wait

# a directory nobody may write: read as an immutable file, and right
chmod 555 "$D"
expect_eq "a closed directory: read as a file" 21 "$(ro items --json 2>/dev/null | flyers)"
chmod 755 "$D"

# a read-only medium (a tmpfs remounted read-only): read as a file
MNT=$TMP/ro
mkdir -p "$MNT"
if mount -t tmpfs -o size=4m muster-test "$MNT" 2>/dev/null; then
	trap 'grep -qs " $MNT " /proc/mounts && umount -l "$MNT"; rm -rf "$TMP"' EXIT
	cp "$DB" "$MNT/board.db"
	if mount -o remount,ro "$MNT" 2>/dev/null; then
		expect_eq "a read-only medium: read as a file" 21 \
			"$("$MUSTER" --db "$MNT/board.db" items --json 2>/dev/null | flyers)"
		expect_err "and writing says read-only" 4 "muster: $MNT/board.db: the board is read-only for you (attempt to write a readonly database)" \
			"$MUSTER" --db "$MNT/board.db" tick Flyers
	else
		echo "SKIP: read-only medium: remount,ro not permitted"
	fi
	umount "$MNT" || umount -l "$MNT"
else
	echo "SKIP: read-only medium: mount -t tmpfs not permitted here"
fi
finish
