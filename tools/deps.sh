#!/bin/sh
# Installs missing build dependencies: nothing to do when pkg-config finds
# the libraries (ncursesw, sqlite3, yaml-0.1, cmocka) and tmux and a C
# compiler are on PATH (any system, with or without dpkg); else with
# apt-get when run as root, otherwise prints the exact command to run and
# stops (exit 1).
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists ncursesw sqlite3 yaml-0.1 cmocka 2>/dev/null &&
	command -v tmux >/dev/null 2>&1 && command -v "${CC:-cc}" >/dev/null 2>&1 && command -v make >/dev/null 2>&1; then
	exit 0
fi
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libyaml-dev libcmocka-dev tmux"
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	echo "muster: missing build dependencies: pkg-config must find ncursesw, sqlite3, yaml-0.1 and cmocka," >&2
	echo "  and tmux and a C compiler must be on PATH (on Debian: apt-get install $PKGS)" >&2
	exit 1
fi
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $st in *"ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "muster: installing build dependencies:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "muster: apt-get install failed for:$missing" >&2; exit 1; }
else
	echo "muster: missing build dependencies. Install them with:" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
