# The shape of the code (issue 13), each check naming what offends: no file
# in src/ over 450 lines; no function over 80 lines (from the line of its
# name to its closing brace at column 0); every header in include/ and
# src/ compiles on its own; the libraries stay in their layers -- sqlite3.h
# reaches only src/db*.c, src/schema.c and src/model/, yaml.h only
# src/yaml/, curses only src/tui/ (what each source includes, directly or
# through a header, as the compiler's -MM lists it).
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 1
MAX_LINES=450 MAX_FUNC=80
CC=${CC:-cc}
PKG_CFLAGS="$(pkg-config --cflags ncursesw sqlite3 yaml-0.1 2>/dev/null | sed 's/-D_XOPEN_SOURCE=[0-9]*//g') -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED"
CFLAGS_ALL="-std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Wall -Wextra -Wpedantic -Werror -Wshadow -Wno-unused-parameter $PKG_CFLAGS"
SOURCES=$(find src -name '*.c' | sort)
HEADERS=$(find include src -name '*.h' | sort)

# --- file sizes ---
big=$(for f in $SOURCES $(find src -name '*.h'); do
	n=$(wc -l <"$f"); [ "$n" -gt "$MAX_LINES" ] && echo "$f: $n lines"
done)
expect_eq "no file in src/ over $MAX_LINES lines" "" "$big"

# --- function lengths: a definition starts at column 0 with a name and "("
# (not a prototype, a declaration or an initialiser) and is followed by a
# "{" alone at column 0; it ends at the next "}" at column 0 ---
long=$(awk -v max="$MAX_FUNC" '
	FNR == 1 { start = 0; body = 0 }
	!body && /^[A-Za-z_]/ && /\(/ && !/^(typedef|extern|#)/ && !/=/ && !/;[ \t]*$/ {
		start = FNR; line = $0
		sub(/\(.*/, "", line); n = split(line, w, /[ \t*]+/); name = w[n]
		next
	}
	!body && start && /;[ \t]*$/ { start = 0 }
	!body && start && /^\{/ { body = 1; next }
	body && /^\}/ {
		len = FNR - start + 1
		if (len > max) printf "%s:%d: %s: %d lines\n", FILENAME, start, name, len
		body = 0; start = 0
	}' $SOURCES)
expect_eq "no function over $MAX_FUNC lines" "" "$long"

# --- every header alone: its #include and one declaration (so that a header
# of macros only is not an empty file) compile ---
alone=
for h in $HEADERS; do
	case $h in
	include/*) inc=${h#include/} dir=include ;;
	*) inc=${h##*/} dir=${h%/*} ;;
	esac
	# shellcheck disable=SC2086
	if ! out=$(printf '#include "%s"\nint header_alone;\n' "$inc" | $CC $CFLAGS_ALL -I"$dir" -fsyntax-only -xc - 2>&1); then
		alone="$alone$h: $(printf '%s\n' "$out" | grep -m 1 -E 'error' | sed 's/^<stdin>:[0-9:]* //')
"
	fi
done
expect_eq "every header compiles on its own" "" "$alone"

# --- layers: which sources reach each library's header ---
# deps SRC : the headers SRC includes, directly or not, one a line
deps() {
	# shellcheck disable=SC2086
	$CC $CFLAGS_ALL -I"$(dirname "$1")" -I"$ROOT/${BUILD:-build}/gen" -M "$1" 2>/dev/null |
		sed 's/\\$//' | tr ' ' '\n' | grep '\.h$'
}
: >"$TMP/deps"
for s in $SOURCES; do
	deps "$s" | sed "s|^|$s |" >>"$TMP/deps"
done
# layer NAME HEADER-REGEX ALLOWED-REGEX : sources outside ALLOWED reaching
# HEADER, each with the first header of ours on the way (or "directly")
layer() {
	bad=$(awk -v hdr="$2" -v ok="$3" '$2 ~ hdr && $1 !~ ok { print $1 }' "$TMP/deps" | sort -u)
	out=
	for s in $bad; do
		via=$(grep "^$s " "$TMP/deps" | cut -d' ' -f2 | grep -E '^(include|src)/' |
			while read -r h; do grep -qE "#include *<($4)" "$h" && echo "$h"; done | head -n 3 | tr '\n' ' ' | sed 's/ $//')
		out="$out$s (via ${via:-its own #include})
"
	done
	expect_eq "$1" "" "$out"
}
layer "sqlite3.h only in src/db*.c, src/schema.c, src/model/" '/sqlite3\.h$' '^src/(db[^/]*\.c|schema\.c|model/)' 'sqlite3\.h>'
layer "yaml.h only in src/yaml/" '/yaml\.h$' '^src/yaml/' 'yaml\.h>'
layer "curses only in src/tui/" '/(n?curses[w]?|ncursesw/curses|term)\.h$' '^src/tui/' '(ncursesw/)?n?curses\.h>|term\.h>'
finish
