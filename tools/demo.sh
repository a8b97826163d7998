#!/bin/sh
# Builds the demo board (never the user's own), labelled "demo", with every
# plan in sample-data/ moved relative to today ($MUSTER_TODAY if set): the
# store opening in its opening week, the community campaign and the
# mid-autumn promotion in their warm-up, the brand festival in preparation.
# The mid-autumn promotion comes last, so the board opens on it; alice
# coordinates every event, so `make run` (--as alice) can tick at once.
set -e
umask 022 # a personal board: not group-writable (that would make it "shared")
db=${1:-build/demo.db}
muster=${MUSTER:-./muster}
today=${MUSTER_TODAY:-$(date +%Y-%m-%d)}
day() { date -d "$today $1 days" +%Y-%m-%d; }
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-wal" "$db-shm"
"$muster" --db "$db" init --label demo >/dev/null
# name, days from today to its start, its coordinator
while read -r plan offset coordinator; do
	"$muster" --db "$db" --json import "sample-data/$plan.yaml" --start "$(day "$offset")" >"$db.import"
	id=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$db.import")
	[ "$coordinator" = alice ] ||
		"$muster" --db "$db" --as "$coordinator" people add alice --name "Alice Chen" --access coordinator --event "$id" >/dev/null
	# what was due before today is done
	"$muster" --db "$db" tasks --event "$id" | awk -v t="$today" 'NR > 1 && $3 < t { print $1 }' | while read -r task; do
		"$muster" --db "$db" --as alice task done "$task" >/dev/null
	done
done <<PLANS
tianhe-store-opening -2 lucia
community-group-campaign +5 nina
platform-brand-festival +20 mei
mid-autumn-package-promo +12 alice
PLANS
rm -f "$db.import"

# Twelve days before its start the promotion's team is mid-way: what was
# due is done (but one quote is blocked), materials are coming in,
# pre-sign-ups count.
mu() { "$muster" --db "$db" --as alice "$@" >/dev/null; }
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
