#!/bin/sh
# funnel: the backward decomposition of SPEC §1 (table and --json), bad
# input, and the check of an event's funnel with pace, spend and ROI.
. "$(dirname "$0")/../lib.sh"
. "$ROOT/tests/cli/lib-cli.inc"

expect_out "worked example" 'STAGE      TARGET  RATE
acquired    25000   15%
activated    3750   40%
retained     1500   70%
paying       1050
exposures  833333  at a click rate of 3%
ad budget   41667  at a CPM of 50 per 1000 exposures
GMV        157500  at a unit price of 150' mu funnel --goal 1050 --rates 0.15,0.40,0.70 --ctr 0.03 --cpm 50 --price 150
expect_out "percent rates and names" 'STAGE     TARGET  RATE
invited     2500   20%
members      500    4%
deposits      20
GMV        5980  at a unit price of 299' mu funnel --goal 20 --rates 20%,4% --price 299 --stages invited,members,deposits
j=$(mu funnel --goal 1050 --rates 0.15,0.40,0.70 --ctr 0.03 --cpm 50 --price 150 --json)
valid_json "funnel --json" "$j"
expect_eq "json first stage" 25000 "$(jq_ '.stages.[0].target' "$j")"
expect_eq "json exposures" 833333 "$(jq_ .exposures "$j")"
expect_eq "json budget" 41666.67 "$(jq_ .budget "$j")"
expect_eq "json gmv" 157500 "$(jq_ .gmv "$j")"
expect_eq "json last rate" null "$(jq_ '.stages.[3].rate' "$j")"
expect_out "goal 0" 'STAGE     TARGET  RATE
acquired       0   10%
paying         0' mu funnel --goal 0 --rates 0.1
expect_out "no rates: one stage" 'STAGE   TARGET  RATE
paying     500
exposures  25000  at a click rate of 2%' mu funnel --goal 500 --rates "" --ctr 2%
expect_out "rounds up to whole people" 'STAGE     TARGET  RATE
acquired     334   30%
paying       100' mu funnel --goal 100 --rates 0.3

expect_err "zero rate" 1 "muster: rate 2 is 0: nobody would reach the next stage; give a rate above 0" \
	mu funnel --goal 1050 --rates 0.15,0,0.70
expect_err "rate above 1" 1 "muster: rate 1 must be a share between 0 and 1 (0.15 or 15%)" mu funnel --goal 10 --rates 1.5
expect_err "rate not a number" 1 "muster: rate 2 must be a number: x" mu funnel --goal 10 --rates 0.1,x
expect_err "empty rate" 1 "muster: rate 2 must be a number: " mu funnel --goal 10 --rates 0.1,,0.2
expect_err "negative goal" 1 "muster: goal must be a number of 0 or more" mu funnel --goal -5 --rates 0.1
expect_err "ctr 0" 1 "muster: click rate must be a share above 0 and at most 1 (0.03 or 3%)" mu funnel --goal 10 --rates 0.1 --ctr 0
expect_err "goal without rates or board" 1 "muster: funnel --goal needs --rates R1,R2,... (or --event E to take them from a plan)" mu funnel --goal 10
expect_err "stage names count" 1 "muster: --stages names 2 stages but 2 rates make 3" mu funnel --goal 10 --rates 0.5,0.5 --stages a,b
expect_err "rates without goal" 1 "muster: --rates, --ctr, --cpm, --price and --stages go with --goal N" mu funnel --rates 0.1

# an event: the mid-autumn sample on day 5 of 11 with some actuals
mu import "$ROOT/sample-data/mid-autumn-package-promo.yaml" >/dev/null
for kv in acquisition=12000 activation=1900 retention=700 revenue=380 ads=20000 gifts=1500; do
	mu --as alice metric set "${kv%=*}" "${kv#*=}" >/dev/null
done
export MUSTER_TODAY=2026-09-14
expect_out "event funnel" 'STAGE        TARGET  RATE  FROM RATES  ACTUAL  DONE  PACE
acquisition   25000   15%               12000   48%  ahead 6 %
activation     3750   40%        3750    1900   51%  ahead 11 %
retention      1500   70%        1500     700   47%  ahead 3 %
revenue        1050              1050     380   36%  behind 20 %
time: 45% elapsed; revenue behind 20 % (behind)
spent: 21500 of 45000 (48%)
revenue: 57000 (380 x 150); ROI 1.65; input/output 1 : 2.65' mu funnel
j=$(mu funnel --json)
valid_json "event funnel --json" "$j"
expect_eq "json state" behind "$(jq_ .state "$j")"
expect_eq "json roi" 1.6511627906976745 "$(jq_ .roi "$j")"
expect_eq "json stage state" "on track" "$(jq_ '.stages.[0].state' "$j")"
expect_match "before the start" '^time: starts in 9 days$' "$(MUSTER_TODAY=2026-09-01 mu funnel)"
expect_match "after the end" '^time: 100% elapsed; revenue behind 64 % \(behind\)$' "$(MUSTER_TODAY=2026-10-01 mu funnel)"
expect_match "first day" '^time: 9% elapsed; revenue ahead 298 % \(on track\)$' "$(MUSTER_TODAY=2026-09-10 mu funnel)"
expect_out "goal with the event's rates" 'STAGE        TARGET  RATE
acquisition   47634   15%
activation     7145   40%
retention      2858   70%
revenue        2000
exposures  1587800  at a click rate of 3%
ad budget    79390  at a CPM of 50 per 1000 exposures
GMV         300000  at a unit price of 150' mu funnel --goal 2000 --event 1

# a target that does not follow from the rates is flagged
cat >"$TMP/off.yaml" <<'Y'
event: {name: Off funnel, start: 2026-09-10, end: 2026-09-19}
metrics:
  funnel:
    - {stage: visitors, target: 1000, rate: 0.1}
    - {stage: leads, target: 150, rate: 0.5}
    - {stage: buyers, target: 75}
Y
mu import "$TMP/off.yaml" >/dev/null
expect_out "flagged stage" 'STAGE     TARGET  RATE  FROM RATES  ACTUAL  DONE  PACE
visitors    1000   10%                   0    0%  behind 100 %
leads        150   50%       100 !       0    0%  behind 100 %
buyers        75                75       0    0%  behind 100 %
1 stage marked ! do not follow from the rates of the stage before
time: 50% elapsed; buyers behind 100 % (behind)
spent: 0' mu funnel --event "Off funnel"
finish
