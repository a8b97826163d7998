#!/bin/bash
# Screen regressions of issue 12: a target of 1e300 stays inside the
# metrics pane (compact "1e300", columns clamped to the pane).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"

rm -f "$DB" "$DB-wal" "$DB-shm"
cat >"$TMP/huge.yaml" <<'YAML'
event: {name: Huge, start: 2026-09-10, end: 2026-09-20, budget: 1e300}
metrics:
  funnel:
    - {stage: acquisition, target: 1e300, rate: 0.5}
    - {stage: activation, target: 123456789012345678}
  budget:
    - {line: ads, planned: 1e300}
YAML
mu import "$TMP/huge.yaml" >/dev/null || fail "import huge" "import failed"
mu metric set activation 450000000000000 >/dev/null
for size in "80 24" "100 30" "60 20"; do
	set -- $size
	tui_start "$1" "$2" MUSTER_TODAY=2026-09-12
	expect_screen "1e300 at $1x$2: compact" "Acquisition 0/1e300"
	expect_fits "1e300 at $1x$2: nothing past the border" "$1"
done
keys 4 z
expect_screen "zoomed: 4.5e14 and 1.2e17 compact" "450T/1.2e17"
expect_fits "zoomed: nothing past the border" 60
finish
