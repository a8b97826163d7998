# Which board a command uses: --db, else $MUSTER_DB, else the config's
# database, else $XDG_DATA_HOME/muster/board.db.  A broken config is one
# clear error, before anything is opened.
. "$(dirname "$0")/../lib.sh"
mkdir -p "$XDG_CONFIG_HOME/muster"
init_at() { "$MUSTER" "$@" init 2>&1; }

expect_eq "no config: the XDG default" "created board $XDG_DATA_HOME/muster/board.db" "$(init_at)"
printf 'database: %s/from-config.db\n' "$TMP" >"$XDG_CONFIG_HOME/muster/config.yaml"
expect_eq "config database" "created board $TMP/from-config.db" "$(init_at)"
expect_eq "\$MUSTER_DB beats the config" "created board $TMP/from-env.db" "$(MUSTER_DB=$TMP/from-env.db init_at)"
expect_eq "--db beats both" "created board $TMP/from-flag.db" "$(MUSTER_DB=$TMP/from-env.db init_at --db "$TMP/from-flag.db")"
"$MUSTER" import "$ROOT/sample-data/platform-brand-festival.yaml" >/dev/null
expect_match "commands read the config's board" "Double 12 Brand Festival" "$("$MUSTER" events)"

printf 'database: %s/x.db\nrefresh: fast\n' "$TMP" >"$XDG_CONFIG_HOME/muster/config.yaml"
expect_exit "broken config exits 2" 2 "$MUSTER" events
expect_match "broken config names FILE:LINE:COL" "^muster: $XDG_CONFIG_HOME/muster/config.yaml:2:10: " \
	"$("$MUSTER" events 2>&1)"
[ ! -e "$TMP/x.db" ] && pass "broken config opens nothing" || fail "broken config opens nothing" "x.db created"
finish
