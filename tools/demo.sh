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
echo "demo board: $db"
