# Shared helpers for shell tests (sourced).  Each check prints one line,
# "PASS: name" or "FAIL: name: why"; tests/run.sh counts them.  A script ends
# with `finish`, which exits non-zero if anything failed.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
MUSTER=${MUSTER:-$ROOT/muster}
case $MUSTER in /*) ;; *) MUSTER=$ROOT/$MUSTER ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/muster-test.XXXXXX")
[ -n "${MUSTER_TMP_LIST:-}" ] && echo "$TMP" >>"$MUSTER_TMP_LIST" # tests/run.sh checks it is gone
DB=$TMP/board.db
export MUSTER_USER=tester MUSTER_TODAY=${MUSTER_TODAY:-2026-09-01} LC_ALL=C.UTF-8
unset MUSTER_DB NO_COLOR SSH_CONNECTION SSH_CLIENT SSH_TTY
export XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
_failed=0
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; _failed=$((_failed + 1)); }

# mu ARGS... : run muster on the test database
mu() { "$MUSTER" --db "$DB" "$@"; }

# check NAME CMD... : passes when CMD exits 0
check() {
	_n=$1; shift
	if _out=$("$@" 2>&1); then pass "$_n"; else fail "$_n" "exit $? from: $* :: $(printf %s "$_out" | head -c 400)"; fi
}

# expect_exit NAME CODE CMD... : passes when CMD exits with CODE
expect_exit() {
	_n=$1 _want=$2; shift 2
	_out=$("$@" 2>&1); _rc=$?
	if [ "$_rc" = "$_want" ]; then pass "$_n"; else fail "$_n" "exit $_rc, wanted $_want: $(printf %s "$_out" | head -c 400)"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1" "expected <<$2>> got <<$3>>"
	fi
}

# expect_match NAME PATTERN TEXT : grep -E pattern in text
expect_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then pass "$1"; else
		fail "$1" "no match for /$2/ in <<$(printf %s "$3" | head -c 600)>>"
	fi
}

finish() { [ "$_failed" -eq 0 ]; exit $?; }
