#!/bin/bash
# The metrics pane (issue 4): every stage of every sample plan at 80x24
# without overflow, compact numbers (9.1k/25k), pace colour roles with
# monochrome fill characters (█ on track, ▓ at risk, ▒ behind), spend, ROI,
# input/output ratio; a `metric add` from another process moves the bar
# within 1 s; zoomed, each stage shows its pace and sparkline.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

# Each sample plan alone on a board, opened at 80x24 before its start.
sample() {
	rm -f "$DB" "$DB-wal" "$DB-shm"
	mu import "$ROOT/sample-data/$1.yaml" >/dev/null || fail "import $1" "import failed"
	# the CLI acts as the plan's (first) coordinator
	MUSTER_USER=$(sed -n 's/.*login: *\([a-z]*\).*access: *coordinator.*/\1/p' \
		"$ROOT/sample-data/$1.yaml" | head -n 1)
	export MUSTER_USER
}

sample community-group-campaign
mu metric set "invitations sent" 1234 >/dev/null
mu metric set "red packets" 1499.5 >/dev/null
tui_start 80 24 MUSTER_TODAY=2026-09-15
expect_block "community plan: every stage and line" <<'EOF2'
┐┌Metrics · live────────────────────┐
││Invitations… 1.23k/2.5k ██▌░░  49%│
││Group membe… 0/500      ░░░░░   0%│
││Deposits     0/20       ░░░░░   0%│
││Red packets  1.5k/1.5k  █████ 100%│
││Samples      0/1.2k     ░░░░░   0%│
││Expert fee   0/3k       ░░░░░   0%│
││Posters      0/300      ░░░░░   0%│
││Starts in 51d · Spent 1.5k/6k 25% │
││ROI -1.0 · I/O 1:0.0              │
EOF2
expect_fits "community plan fits 80x24" 80

sample platform-brand-festival
tui_start 80 24 MUSTER_TODAY=2026-09-15
expect_block "brand festival: stages, lines, no unit price" <<'EOF2'
││Exposure   0/800k ░░░░░░░░░░░   0%│
││Page views 0/30k  ░░░░░░░░░░░   0%│
││Followers  0/5k   ░░░░░░░░░░░   0%│
││Media      0/50k  ░░░░░░░░░░░   0%│
││Production 0/10k  ░░░░░░░░░░░   0%│
││Starts in 84d · Spent 0/60k 0%    │
││ROI needs a unit price            │
EOF2
expect_fits "brand festival fits 80x24" 80

sample tianhe-store-opening
tui_start 80 24 MUSTER_TODAY=2026-09-15
expect_block "store opening: every stage and line" <<'EOF2'
││Walk-ins     0/6k   ░░░░░░░░░   0%│
││Members      0/1.2k ░░░░░░░░░   0%│
││Buyers       0/360  ░░░░░░░░░   0%│
││Fit-out ext… 0/12k  ░░░░░░░░░   0%│
││Local ads    0/15k  ░░░░░░░░░   0%│
││Print        0/3k   ░░░░░░░░░   0%│
││Opening day  0/8k   ░░░░░░░░░   0%│
││Starts in 32d · Spent 0/38k 0%    │
││ROI – · I/O –                     │
EOF2
expect_fits "store opening fits 80x24" 80

# Mid-Autumn on its 6th day of 11 (54.5 % of the time gone): acquisition
# ahead (█), activation 12 % behind = at risk (▓), retention behind (▒).
# Monochrome (NO_COLOR): the states still differ by fill character.
sample mid-autumn-package-promo
for kv in acquisition:14000 activation:1800 retention:300 ads:20000 print:1000; do
	mu metric set "${kv%%:*}" "${kv##*:}" >/dev/null
done
mu metric add acquisition 500 >/dev/null
tui_start 80 24 MUSTER_TODAY=2026-09-15 NO_COLOR=1
expect_block "mid-autumn mid-event: pace fills, spend, ROI" <<'EOF2'
││Acquisition 14.5k/25k  ███▌░░  58%│
││Activation  1.8k/3.75k ▓▓▓░░░  48%│
││Retention   300/1.5k   ▒░░░░░  20%│
││Revenue     0/1.05k    ░░░░░░   0%│
││Ads         20k/41.7k  ██▉░░░  48%│
││Gifts       0/2.3k     ░░░░░░   0%│
││Print       1k/1k      ██████ 100%│
││Behind 100 % · Spent 21k/45k 47%  │
││ROI -1.0 · I/O 1:0.0              │
EOF2
expect_fits "mid-autumn fits 80x24" 80

# Another process adds 525 buyers: the bar (now at risk, ▓), the pace and
# ROI move within 1 s.
mu metric add revenue 525 >/dev/null
expect_block "metric add shows within 1 s" <<'EOF2'
││Revenue     525/1.05k  ▓▓▓░░░  50%│
EOF2
wait_for "ROI 2.8 · I/O 1:3.8" 1 && pass "ROI follows within 1 s" || fail "ROI follows within 1 s" "$(screen)"
expect_screen "goal pace follows" "Behind 8 % · Spent 21k/45k 47%" 1

# 4 z: zoomed, each stage shows its pace in words and its sparkline.
keys 4 z
expect_block "zoomed metrics: pace words and sparkline" <<'EOF2'
│Acquisition 14.5k/25k  █████████████▉░░░░░░░░░░  58%    ahead 6 % ▁█          │
│Activation  1.8k/3.75k ▓▓▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░░░  48%  behind 12 %             │
│Retention   300/1.5k   ▒▒▒▒▒░░░░░░░░░░░░░░░░░░░  20%  behind 63 %             │
EOF2
expect_fits "zoomed metrics fit" 80

# e on a stage sets the actual from the screen (compact input: 9.1k).
keys e
expect_screen "set actual form" "Set actual · acquisition"
keys C-u; type_text 9.1k; keys Enter
expect_screen "set actual shows 9.1k/25k" "│Acquisition 9.1k/25k"
expect_match "set actual in the db" '"name":"acquisition".*"actual":9100' "$(mu metrics --json)"
finish
