#!/bin/sh
# Builds the demo board (never the user's own): every plan in sample-data/,
# the mid-autumn promotion last and moved to start in 12 days, so that the
# board opens on a live event in its warm-up phase.
set -e
db=${1:-build/demo.db}
muster=${MUSTER:-./muster}
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
"$muster" --db "$db" init >/dev/null
for f in sample-data/*.yaml; do
	case $f in *mid-autumn*) continue ;; esac
	"$muster" --db "$db" import "$f" >/dev/null
done
start=$(date -d "+12 days" +%Y-%m-%d 2>/dev/null || date +%Y-%m-%d)
"$muster" --db "$db" import sample-data/mid-autumn-package-promo.yaml --start "$start" >/dev/null

# Twelve days before the start the team is mid-way: what was due is done
# (but one quote is blocked), materials are coming in, pre-sign-ups count.
mu() { "$muster" --db "$db" --as alice "$@" >/dev/null; }
today=$(date +%Y-%m-%d)
"$muster" --db "$db" tasks | awk -v t="$today" 'NR > 1 && $3 < t { print $1 }' | while read -r id; do
	mu task done "$id"
done
id_of() { "$muster" --db "$db" tasks --search "$1" | awk 'NR == 2 { print $1 }'; }
mu task block "$(id_of "Gift supplier quote")"
mu task start "$(id_of "Teaser posts and topic")"
mu task start "$(id_of "Test group-buy page")"
mu tick "Staff QR posters" --qty 12
mu tick "A2 posters"
mu tick "Sheet masks (bait product)" --qty 150
mu tick "Pre-announcement copy" --qty 2
mu metric set acquisition 9100
mu metric set activation 620
mu metric set ads 12400
mu metric set print 1000
echo "demo board: $db"
