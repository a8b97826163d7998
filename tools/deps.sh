#!/bin/sh
# Installs missing build dependencies: with apt-get when run as root,
# otherwise prints the exact command to run and stops (exit 1).
PKGS="build-essential pkg-config libncurses-dev libsqlite3-dev libyaml-dev libcmocka-dev tmux"
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
