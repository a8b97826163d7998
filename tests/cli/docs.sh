# The docs stay true: the man page lists every command of `muster --help`
# and its key list is what the board's action table says (make doc).
. "$(dirname "$0")/../lib.sh"
MAN=$ROOT/doc/muster.1
for cmd in $("$MUSTER" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
	if grep -q "^\.B[I]* \"*muster $cmd" "$MAN"; then pass "man page has muster $cmd"; else
		fail "man page has muster $cmd" "no .B muster $cmd entry in doc/muster.1"
	fi
done
keys=$ROOT/${BUILD:-build}/mankeys
if [ -x "$keys" ]; then
	"$keys" >"$TMP/keys.roff"
	sed -n '/KEYS BEGIN/,/KEYS END/p' "$MAN" | sed '1d;$d' >"$TMP/man.roff"
	if cmp -s "$TMP/keys.roff" "$TMP/man.roff"; then pass "man page keys = action table"; else
		fail "man page keys = action table" "run make doc: $(diff "$TMP/man.roff" "$TMP/keys.roff" | head -n 4)"
	fi
else
	fail "man page keys = action table" "$keys not built"
fi
for section in "BOARD KEYS" "EXIT STATUS" "ENVIRONMENT" "FILES"; do
	grep -q "^\.SH $section" "$MAN" && pass "man page section $section" || fail "man page section $section" missing
done
finish
