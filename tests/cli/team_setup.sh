#!/bin/bash
# The README's "A board for a team", word for word: the ```sh blocks after
# each "<!-- team-setup: WHO -->" run in order, as root or as that user
# (created by the README's own commands), from their home directories,
# with muster installed by `make install PREFIX=` into a temporary
# directory (not the checkout's binary) and /srv/muster moved there too.  Then: two Unix users of one group both write the
# shared board and its files keep their group and mode; the kiosk line's
# forced command acts as bob whatever the environment says.  Needs root
# (as CI runs); prints one SKIP line otherwise, or when the accounts exist.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
build_sqlq
# The board is shared: root (who runs these checks) acts as root, not as
# $MUSTER_USER, which a shared board refuses (root is no kiosk account).
unset MUSTER_USER
if [ "$(id -u)" != 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
	echo "SKIP: team setup needs root with useradd and runuser"; finish
fi
for u in alice bob kiosk; do
	if id "$u" >/dev/null 2>&1; then echo "SKIP: user $u exists already; not touching it"; finish; fi
done
if getent group team >/dev/null; then echo "SKIP: group team exists already"; finish; fi
BASE=$(mktemp -d /tmp/muster-team.XXXXXX)
[ -n "${MUSTER_TMP_LIST:-}" ] && echo "$BASE" >>"$MUSTER_TMP_LIST" # tests/run.sh checks it is gone
chmod 755 "$BASE"
# make from inside make test: not the outer make's jobserver or level
if env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$ROOT" -j2 install PREFIX="$BASE/p" \
	BUILD="$BASE/build" BIN="$BASE/build/muster" >"$TMP/install.log" 2>&1; then pass "make install PREFIX=\$BASE/p"; else
	fail "make install PREFIX=\$BASE/p" "$(tail -n 5 "$TMP/install.log")"; rm -rf "$BASE"; finish; fi
chmod -R go+rX "$BASE/p"
cleanup() {
	for u in alice bob kiosk; do userdel -r "$u" >/dev/null 2>&1; done
	groupdel team >/dev/null 2>&1; groupdel kiosk >/dev/null 2>&1
	rm -rf "$BASE" "$TMP"
}
trap cleanup EXIT
SRV=$BASE/srv/muster

# the blocks: "WHO<TAB>line" for each line of each marked block
awk '/^## A board for a team/ { on = 1; next } on && /^## / { on = 0 }
	on && /^<!-- team-setup: [a-z]+ -->$/ { who = $3; next }
	on && who != "" && /^```sh$/ { inblock = 1; next }
	on && inblock && /^```$/ { inblock = 0; who = ""; print "--end--"; next }
	on && inblock { print who "\t" $0 }' "$ROOT/README.md" | sed "s#/srv/muster#$SRV#g" >"$TMP/steps"
expect_eq "README steps: root, alice, bob, root (kiosk)" "root alice bob root" "$(grep -v '^--end--$' "$TMP/steps" | cut -f1 | uniq | paste -sd' ' -)"
expect_eq "README steps: no sudo (a fresh Debian 12 has none; root runs them)" "" "$(grep -E '(^|[^a-z])sudo ' "$TMP/steps")"
step=0
run_block() { # WHO FILE
	if [ "$1" = root ]; then
		(cd / && env -i PATH="$BASE/p/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME=/root LC_ALL=C.UTF-8 \
			sh -ec '. "$1"' sh "$2")
	else
		chmod 644 "$2"
		(cd "/home/$1" && runuser -u "$1" -- env -i PATH="$BASE/p/bin:/usr/bin:/bin" HOME="/home/$1" LC_ALL=C.UTF-8 \
			sh -ec '. "$1"' sh "$2")
	fi
}
BLOCK=$BASE/block.sh # readable by the users, unlike $TMP
who= : >"$BLOCK"
while IFS= read -r line; do
	if [ "$line" = --end-- ]; then
		step=$((step + 1))
		out=$(run_block "$who" "$BLOCK" 2>&1); rc=$?
		if [ $rc = 0 ]; then pass "README step $step as $who"; else fail "README step $step as $who" "exit $rc: $out"; fi
		: >"$BLOCK"
		continue
	fi
	who=${line%%	*}
	printf '%s\n' "${line#*	}" >>"$BLOCK"
done <"$TMP/steps"

DB=$SRV/board.db
mode() { stat -c '%a %G' "$1"; }
expect_eq "directory: setgid, group team" "2770 team" "$(mode "$SRV")"
expect_eq "board: group read/write" "660 team" "$(mode "$DB")"
expect_eq "alice's import is there" 1 "$(mu events --json | "$JSONQ" 'length')"
expect_eq "the plan starts in ten days (not in the past)" "$(date -d '+10 days' +%F)" "$(mu events --json | "$JSONQ" '.[0].start')"
expect_eq "imported from the installed template" "Mid-Autumn Whitening Package Promo" "$(mu events --json | "$JSONQ" '.[0].name')"
expect_eq "bob's tick is there" 40 "$(mu items --json | "$JSONQ" '.[] | select(.title == "Gift bags") | .qty_ready' 2>/dev/null || mu items --json | grep -o '"title":"Gift bags"[^}]*' | sed 's/.*"qty_ready":\([0-9]*\).*/\1/')"

# two users of the group, turn about, with the board open by the other
as() { local u=$1; shift; (cd "/home/$u" && runuser -u "$u" -- env -i PATH="$BASE/p/bin:/usr/bin:/bin" HOME="/home/$u" \
	MUSTER_DB="$DB" LC_ALL=C.UTF-8 muster "$@"); }
for i in 1 2 3; do
	as alice metric add acquisition 10 >/dev/null 2>"$TMP/a.err" || fail "alice writes ($i)" "$(cat "$TMP/a.err")"
	as bob tick "Gift bags" --qty 1 >/dev/null 2>"$TMP/b.err" || fail "bob writes ($i)" "$(cat "$TMP/b.err")"
done
as alice task start 1 >/dev/null 2>&1 & as bob tick "Sheet masks (bait product)" --qty 2 >/dev/null 2>&1 & wait
expect_eq "both wrote" "30 43" "$(sqlq "$DB" "SELECT CAST(actual AS INTEGER) FROM metric WHERE name = 'acquisition'") $(sqlq "$DB" "SELECT qty_ready FROM item WHERE title = 'Gift bags'")"
expect_eq "no warnings for alice" "" "$(cat "$TMP/a.err")"
for f in "$DB" "$DB-wal" "$DB-shm"; do
	[ -e "$f" ] && expect_eq "$(basename "$f") keeps group and mode" "660 team" "$(mode "$f")"
done
expect_eq "integrity" ok "$(sqlq "$DB" "PRAGMA integrity_check")"

# a -shm bob cannot write is reported with the command that fixes it
if [ -e "$DB-shm" ]; then
	chmod 640 "$DB-shm"
	expect_match "unwritable -shm: warning with the fix" "^muster: warning: cannot write .*-shm .*fix: sudo chgrp team .* && sudo chmod g\+rw " "$(as bob tasks 2>&1 >/dev/null)"
	chmod 660 "$DB-shm"
fi
chmod o+w "$DB"
expect_match "world-writable: warning with the fix" "^muster: warning: $DB is writable by everyone; fix: sudo chmod o-w $DB$" "$(as bob tasks 2>&1 >/dev/null)"
chmod o-w "$DB"

# the kiosk: the forced command from the authorized_keys line, run as the
# kiosk account with an environment that tries to be someone else
cmd=$(sed -n 's/^command="\([^"]*\)",restrict,pty ssh-ed25519 .*/\1/p' /home/kiosk/.ssh/authorized_keys)
expect_eq "authorized_keys line in place" "muster --as bob --restricted" "$cmd"
kiosk() { (cd /home/kiosk && runuser -u kiosk -- env -i PATH="$BASE/p/bin:/usr/bin:/bin" HOME=/home/kiosk \
	MUSTER_USER=alice MUSTER_DB=/tmp/elsewhere.db LC_ALL=C.UTF-8 $cmd "$@"); }
expect_out "kiosk: bob ticks on the shared board" "item 6 (Gift bags): 44/400 pcs" kiosk tick "Gift bags" --qty 1
expect_eq "kiosk: logged as bob" bob "$(mu log --limit 1 --json | "$JSONQ" '.[0].actor')"
expect_eq "kiosk: via the kiosk account" kiosk "$(mu log --limit 1 --json | "$JSONQ" '.[0].account')"
expect_exit "bob may not act as alice on the shared board" 5 as bob --as alice task edit 1 --title "as alice?"
_err=$(cd "$ROOT" && runuser -u bob -- env -i PATH="$BASE/p/bin:/usr/bin:/bin" HOME=/home/bob MUSTER_DB="$DB" \
	MUSTER_USER=alice LC_ALL=C.UTF-8 muster tasks 2>&1 >/dev/null); _rc=$?
expect_eq "nor through \$MUSTER_USER" "5 muster: $DB is a shared board: you act as your Unix account (bob), not as alice; only kiosk accounts may act for others (see muster kiosk list) (the login came from \$MUSTER_USER: unset it)" "$_rc $_err"
expect_exit "kiosk: not alice's rights" 5 kiosk task edit 1 --title "kiosk was here"
expect_out "kiosk: export into export_dir" "" kiosk export -o plan.yaml
expect_eq "kiosk: the export" yes "$([ -s /home/kiosk/exports/plan.yaml ] && echo yes)"
expect_exit "kiosk: nowhere else" 5 kiosk export -o /tmp/kiosk-plan.yaml
expect_exit "kiosk: no import" 5 kiosk import "$ROOT/sample-data/mid-autumn-package-promo.yaml"
finish
