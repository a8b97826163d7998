#!/bin/bash
# Installed like a Unix tool (issue 10): `make install PREFIX=$T/p` (built
# in the test's own directory, the checkout's ./muster untouched), then
# from outside the checkout: --version, the man page with man -l, themes
# and templates found under the prefix compiled in (also when the binary is
# moved away from it), the user's themes first, a theme by name on the
# board (tmux), template list and import; make uninstall leaves no file;
# DESTDIR stages the same tree under $DESTDIR$PREFIX; GUARD_GROUP makes the
# binary setgid; tools/deps.sh without dpkg.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"
chmod 755 "$TMP"
P=$TMP/p
B=$TMP/build
# make from inside make test: not the outer make's jobserver or level
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$ROOT" BUILD="$B" BIN="$B/muster" -j2 "$@"; }
# the tree below a directory: "mode path" of every file, sorted
tree() { (cd "$1" && find . -type f -printf '%m %p\n' | sort); }
# jget KEY VALUE FIELD < JSON lines: FIELD (a string) of the object whose KEY is VALUE
jget() { grep -F "\"$1\":\"$2\"" | sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"; }

before=$(stat -c %Y "$ROOT/muster" 2>/dev/null)
if mk install PREFIX="$P" >"$TMP/install.log" 2>&1; then pass "make install PREFIX=\$T/p"; else
	fail "make install PREFIX=\$T/p" "$(tail -n 5 "$TMP/install.log")"; finish; fi
expect_eq "the checkout's ./muster untouched" "$before" "$(stat -c %Y "$ROOT/muster" 2>/dev/null)"
want="644 ./share/bash-completion/completions/muster
644 ./share/man/man1/muster.1
$(cd "$ROOT/sample-data" && for f in *.yaml; do echo "644 ./share/muster/templates/$f"; done)
$(cd "$ROOT/themes" && for f in *.yaml; do echo "644 ./share/muster/themes/$f"; done)
755 ./bin/muster"
expect_eq "installed tree" "$(printf '%s\n' "$want" | sort)" "$(tree "$P")"
expect_eq "completion file = tools/completion.bash" yes \
	"$(cmp -s "$ROOT/tools/completion.bash" "$P/share/bash-completion/completions/muster" && echo yes)"

# From outside the checkout, with a clean environment: nothing but the prefix.
H=$TMP/home
mkdir -p "$H"
out() { (cd / && env -i HOME="$H" PATH="$P/bin:/usr/bin:/bin" LC_ALL=C.UTF-8 MUSTER_TODAY=2026-09-01 TZ=UTC "$@"); }
expect_eq "--version" "$("$MUSTER" --version)" "$(out muster --version)"
expect_match "--version says muster" '^muster [0-9]+\.[0-9]+\.[0-9]+$' "$(out muster --version)"
if command -v man >/dev/null; then
	page=$(out env MANPAGER=cat MANWIDTH=80 man -l "$P/share/man/man1/muster.1" 2>&1)
	expect_match "man -l: the page renders" '^NAME' "$page"
	expect_match "man -l: the commands" 'muster template list' "$page"
	expect_match "man -l: exit status 6" '6 someone else changed' "$(printf '%s\n' "$page" | tr -s ' \n' ' ')"
else
	echo "SKIP: man -l: man is not installed (.ci/run installs man-db)"
fi
tl=$(out muster template list --json)
valid_json "template list --json (installed)" "$tl"
expect_eq "templates: the sample plans, by name" "$(cd "$ROOT/sample-data" && ls *.yaml | sed 's/\.yaml$//' | paste -sd' ' -)" \
	"$(printf '%s' "$tl" | "$JSONQ" '.[].name' | paste -sd' ' -)"
expect_eq "templates: from the prefix" "$P/share/muster/templates/tianhe-store-opening.yaml" \
	"$(printf '%s\n' "$tl" | jget name tianhe-store-opening path)"
expect_match "template list: a table" '^NAME +EVENT +KIND +DAYS +TASKS +ITEMS +FILE' "$(out muster template list)"
expect_match "template list: a row" '^mid-autumn-package-promo +Mid-Autumn Whitening Package Promo +promotion +11 +18 +10 ' \
	"$(out muster template list)"
expect_out "import --template" "imported event 1: 天河旗舰店开业 · Tianhe Flagship Opening (15 tasks, 10 items)" \
	out muster --db "$TMP/t.db" import --template tianhe-store-opening --start 2027-01-10
expect_eq "import --template: moved to --start" "2027-01-10 2027-01-16" \
	"$(out muster --db "$TMP/t.db" events --json | "$JSONQ" '.[0].start') $(out muster --db "$TMP/t.db" events --json | "$JSONQ" '.[0].end')"
expect_err "unknown template: exit 2, the ones there are" 2 \
	"muster: no template nosuch; available: $(cd "$ROOT/sample-data" && ls *.yaml | sed 's/\.yaml$//' | paste -sd, - | sed 's/,/, /g')" \
	out muster --db "$TMP/t.db" import --template nosuch --start 2027-01-10
expect_err "--template needs --start" 1 "muster: --template needs --start DATE, the new event's first day" \
	out muster --db "$TMP/t.db" import --template tianhe-store-opening
expect_err "a template is a name" 1 \
	"muster: a template is a name from muster template list, not a path: ../x (import FILE takes a path)" \
	out muster --db "$TMP/t.db" import --template ../x --start 2027-01-10
expect_err "FILE or --template, not both" 1 "muster: import takes FILE.yaml or --template NAME, not both" \
	out muster --db "$TMP/t.db" import x.yaml --template tianhe-store-opening --start 2027-01-10
expect_eq "rejected imports changed nothing" 1 "$(out muster --db "$TMP/t.db" events --json | "$JSONQ" 'length')"

# The user's own templates and themes come first.
mkdir -p "$H/.config/muster/templates" "$H/.config/muster/themes"
sed 's/^  name: .*/  name: My Opening/' "$ROOT/sample-data/tianhe-store-opening.yaml" >"$H/.config/muster/templates/tianhe-store-opening.yaml"
expect_eq "a user template of the same name wins" "My Opening" \
	"$(out muster template list --json | jget name tianhe-store-opening event)"
printf 'name: broken\nnormal: {fg: nocolour}\n' >"$H/.config/muster/themes/mono.yaml"

# The prefix is compiled in: a copy of the binary elsewhere still finds it.
mkdir -p "$TMP/elsewhere"
cp "$P/bin/muster" "$TMP/elsewhere/muster"
expect_eq "moved binary: templates from the compiled-in prefix" "$P/share/muster/templates/mid-autumn-package-promo.yaml" \
	"$(out "$TMP/elsewhere/muster" template list --json | jget name mid-autumn-package-promo path)"

# A theme by name on the board, in tmux: the user's broken mono first (its
# error names the user's file), then without it the installed mono (no
# colour at all) and light.
if command -v tmux >/dev/null; then
	SOCK=muster-install-$$ nrun=0
	trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
	board_run() { # THEME : the installed muster on the board in a fresh tmux
		tmux -L "$SOCK" kill-server 2>/dev/null # (a new server each time)
		nrun=$((nrun + 1)) SOCK=muster-install-$$-$nrun
		tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
			"cd / && env -i HOME=$H PATH=$P/bin:/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 MUSTER_TODAY=2027-01-05 \
			 muster --db $TMP/t.db --theme $1 2>$TMP/board.err; echo \"[exited \$?]\"; sleep 60"
	}
	wait_screen() { # REGEX
		for _ in $(seq 100); do tmux -L "$SOCK" capture-pane -p | grep -qE -- "$1" && return 0; sleep 0.05; done
		return 1
	}
	board_run mono
	wait_screen '\[exited' && pass "user theme first: broken mono refused" || fail "user theme first: broken mono refused" "$(tmux -L "$SOCK" capture-pane -p)"
	expect_match "user theme first: its file named" "$H/.config/muster/themes/mono.yaml:2:" "$(cat "$TMP/board.err")"
	rm "$H/.config/muster/themes/mono.yaml"
	board_run mono
	if wait_screen ' muster · 天河旗舰店开业'; then pass "installed theme mono: the board opens"; else
		fail "installed theme mono: the board opens" "$(tmux -L "$SOCK" capture-pane -p; cat "$TMP/board.err")"; fi
	if tmux -L "$SOCK" capture-pane -p -e | grep -qE '\[(3|4)8;5;'; then fail "installed mono: no colour" "colour escapes"; else
		pass "installed mono: no colour"; fi
	board_run light
	if wait_screen ' muster · 天河旗舰店开业'; then pass "installed theme light: the board opens"; else
		fail "installed theme light: the board opens" "$(tmux -L "$SOCK" capture-pane -p; cat "$TMP/board.err")"; fi
	if tmux -L "$SOCK" capture-pane -p -e | grep -qE '\[(3|4)8;5;'; then pass "installed light: colour"; else
		fail "installed light: colour" "no 256-colour escapes"; fi
	board_run nosuch
	wait_screen '\[exited 2\]' && pass "unknown theme: exit 2" || fail "unknown theme: exit 2" "$(tmux -L "$SOCK" capture-pane -p)"
	expect_match "unknown theme: looked under the prefix" "looked in .*$P/share/muster/themes" "$(cat "$TMP/board.err")"
	tmux -L "$SOCK" kill-server 2>/dev/null
else
	fail "theme on the board" "tmux is not installed (make deps)"
fi

# make uninstall: no file left of what install put there
if mk uninstall PREFIX="$P" >"$TMP/uninstall.log" 2>&1; then pass "make uninstall"; else
	fail "make uninstall" "$(tail -n 5 "$TMP/uninstall.log")"; fi
expect_eq "uninstall leaves no file" "" "$(find "$P" -type f)"
expect_eq "uninstall removes share/muster" no "$([ -e "$P/share/muster" ] && echo yes || echo no)"

# DESTDIR: the same tree under $DESTDIR$PREFIX, the binary built for PREFIX
# (changing PREFIX rebuilt it: the same build directory as above)
OPT=/opt/muster-test-$$
if mk install PREFIX="$OPT" DESTDIR="$TMP/stage" >"$TMP/stage.log" 2>&1; then pass "make install DESTDIR"; else
	fail "make install DESTDIR" "$(tail -n 5 "$TMP/stage.log")"; fi
expect_eq "DESTDIR: the same tree under \$DESTDIR\$PREFIX" "$(printf '%s\n' "$want" | sort)" "$(tree "$TMP/stage$OPT")"
expect_eq "DESTDIR: nothing outside it" "" "$(cd "$TMP/stage" && find . -type f | grep -v "^\.$OPT/")"
expect_eq "DESTDIR: nothing in the real PREFIX" no "$([ -e "$OPT" ] && echo yes || echo no)"
cp "$TMP/stage$OPT/bin/muster" "$TMP/elsewhere/muster"
rm -rf "$H/.config/muster/templates"
expect_match "DESTDIR: the binary looks in PREFIX, not DESTDIR" "looked in .*, $OPT/share/muster/templates" \
	"$(out "$TMP/elsewhere/muster" template list 2>&1 >/dev/null)"
expect_eq "DESTDIR: staged binary finds the staged data next to it" 4 \
	"$(out "$TMP/stage$OPT/bin/muster" template list --json | "$JSONQ" 'length')"
mk uninstall PREFIX="$OPT" DESTDIR="$TMP/stage" >/dev/null 2>&1
expect_eq "DESTDIR: uninstall leaves no file" "" "$(find "$TMP/stage" -type f)"

# GUARD_GROUP (the Makefile part of guarded boards): setgid to the group
if [ "$(id -u)" = 0 ]; then
	mk install PREFIX="$OPT" DESTDIR="$TMP/g" GUARD_GROUP=root >"$TMP/g.log" 2>&1
	expect_eq "GUARD_GROUP=root under DESTDIR: setgid root, 2755" "2755 root" "$(stat -c '%a %G' "$TMP/g$OPT/bin/muster")"
	if getent group team >/dev/null; then
		echo "SKIP: GUARD_GROUP creating a group: group team exists already; not touching it"
	elif command -v groupadd >/dev/null; then
		mk install PREFIX="$OPT" DESTDIR="$TMP/g2" GUARD_GROUP=team >"$TMP/g2.log" 2>&1
		expect_match "GUARD_GROUP under DESTDIR, no such group: a warning" "^muster: warning: no group team here: .*not setgid" "$(cat "$TMP/g2.log")"
		expect_eq "... no group made, no setgid" "755 no" "$(stat -c %a "$TMP/g2$OPT/bin/muster") $(getent group team >/dev/null && echo yes || echo no)"
		if mk install PREFIX="$TMP/gp" GUARD_GROUP=team >"$TMP/g3.log" 2>&1; then pass "GUARD_GROUP=team install"; else
			fail "GUARD_GROUP=team install" "$(tail -n 3 "$TMP/g3.log")"; fi
		gid=$(getent group team | cut -d: -f3)
		expect_eq "GUARD_GROUP: the group is made, a system group" yes "$([ -n "$gid" ] && [ "$gid" -lt 1000 ] && echo yes)"
		expect_eq "GUARD_GROUP: the binary setgid team, 2755" "2755 team" "$(stat -c '%a %G' "$TMP/gp/bin/muster" 2>/dev/null)"
		groupdel team 2>/dev/null
	fi
else
	echo "SKIP: GUARD_GROUP: needs root"
fi

# tools/deps.sh: nothing to do when pkg-config finds the libraries, even
# with no dpkg or apt-get at all; else it says what is missing
mkdir -p "$TMP/nodpkg"
for t in pkg-config tmux cc make sh cat env; do ln -sf "$(command -v "$t")" "$TMP/nodpkg/$t"; done
expect_out "deps.sh: libraries found, no dpkg: nothing to do" "" env PATH="$TMP/nodpkg" sh "$ROOT/tools/deps.sh"
expect_eq "deps.sh: no libraries, no dpkg: exit 1 naming them" "1 yes" \
	"$(env PATH="$TMP/nodpkg" PKG_CONFIG_LIBDIR=/nonexistent PKG_CONFIG_PATH= sh "$ROOT/tools/deps.sh" 2>"$TMP/deps.err"; echo "$? $(grep -q 'pkg-config must find ncursesw, sqlite3, yaml-0.1 and cmocka' "$TMP/deps.err" && echo yes)")"
finish
