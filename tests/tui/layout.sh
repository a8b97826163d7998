#!/bin/bash
# The four panes at 80x24 and 160x48 (expected text blocks), zoom, the help
# overlay, and that nothing is drawn past the terminal or a pane border.
# Keys: none, then `z` (zoom the tasks), `z`, `?` (help), `q` (close help).
# Timeline marks on a phase bar shade the cell (▓) instead of covering it.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board

tui_start 80 24
# The whole 80x24 screen, as the SPEC §2 mock-up lays it out.
expect_block "80x24 screen" <<'EOF2'
 muster · Mid-Autumn Whitening Package Pr… · Warm-up · T-9d alice (coordinator)
┌Timeline · week───────────────────────────┐┌Metrics · live────────────────────┐
│                Aug 24    Sep 7     21    ││Acquisition 0/25k   ░░░░░░░░░   0%│
│Planning    ▓█        │                   ││Activation  0/3.75k ░░░░░░░░░   0%│
│Preparation   ██▓▓    │                   ││Retention   0/1.5k  ░░░░░░░░░   0%│
│Warm-up           ▓▓█▓██▓█ Test group-buy…││Revenue     0/1.05k ░░░░░░░░░   0%│
│Launch                │   █▓ Invitation c…││Ads         0/41.7k ░░░░░░░░░   0%│
│Climax                │     ████▓██▓      ││Gifts       0/2.3k  ░░░░░░░░░   0%│
│Wrap-up               │             █▓▓   ││Print       0/1k    ░░░░░░░░░   0%│
│Review                │                ██▓││Starts in 9d · Spent 0/45k 0%     │
│                      │                   ││ROI – · I/O –                     │
├Tasks · Project controller 0/5────────────┤├Materials · Print & promo 0/4─────┤
│[ ]  #2 List internal resour… alice Aug 10││[ ] A2 posters            0/50 pcs│
│[ ]  #4 Decompose GMV target… alice Aug 13││[ ] Staff QR posters      0/30 pcs│
│[ ]  #6 Write plan B for low… alice Aug 19││[ ] Flyers              0/2000 pcs│
│[ ]  #8 Staff incentive poli… alice Aug 25││[ ] Landing page copy      0/1    │
│[ ] #18 Four-step review and… alice Sep 28││                                  │
EOF2
expect_block "80x24 bottom" <<'EOF2'
└──────────────────────────────────────────┘└──────────────────────────────────┘
 Tab pane · r role · space done · s status · m mine · a add · ? help · q quit
EOF2
expect_fits "80x24 fits" 80

# z: the focused pane (tasks) takes the whole screen; z again: back.
keys z
expect_block "zoomed tasks" <<'EOF2'
┌Tasks · Project controller 0/5 [zoom]─────────────────────────────────────────┐
│[ ]  #2 List internal resources and gaps                          alice Aug 10│
EOF2
expect_no_screen "zoom hides the timeline" "Timeline"
keys z
expect_screen "unzoomed" "┌Timeline"

# ?: the help overlay lists every action with its keys, from the table.
keys '?'
expect_screen "help opens" "Help · muster keys"
expect_block "help rows" <<'EOF2'
  q                Quit
  ? F1             Show every key (this screen)
  Tab              Focus the next pane
EOF2
keys q
wait_gone "Help · muster keys" 2
expect_screen "help closes, board still there" "┌Timeline"
expect_no_screen "q closed help, did not quit" "[exited"

# Timeline: 1 focuses it; + zooms to days, - - to months, l scrolls later.
keys 1 +
expect_screen "timeline day zoom" "┌Timeline · day"
expect_block "day axis" <<'EOF2'
│              Sep 3 5  6  7  8  9  10 11
EOF2
keys - -
expect_screen "timeline month zoom" "┌Timeline · month"
expect_screen "month axis" "│                 Aug     Sep    Oct"
keys l l
expect_screen "l scrolls later" "│                  Oct     Nov     Dec"
keys t
expect_screen "t: back to today" "│              Aug     Sep    Oct     Nov"

# E: the event picker; k Enter opens the other event.
mu import "$ROOT/sample-data/platform-brand-festival.yaml" >/dev/null
keys E
expect_screen "event picker" "Double 12 Brand Festival"
keys k Enter
expect_screen "switched event" " muster · Double 12 Brand Festival"
keys E
wait_for "┌Events" 2
keys j Enter
expect_screen "switched back" " muster · Mid-Autumn Whitening"

tui_start 160 48 -- --event 1
expect_block "160x48 top" <<'EOF2'
 muster · Mid-Autumn Whitening Package Promo · Warm-up · T-9d
┌Timeline · week───────────────────────────────────────────────────────────────────────┐┌Metrics · live──────
│               Aug 3     17   24   31   Sep 7     21   28   Oct 5     19   26   Nov 2 ││Acquisition 0/25k   ░
│Planning         █▓▓▓█▓▓██▓        │                                                  ││Activation  0/3.75k ░
EOF2
expect_block "160x48 tasks and materials" <<'EOF2'
├Tasks · Project controller 0/5──────
│[ ]  #2 List internal resources and gaps                                  alice Aug 10││[ ] A2 posters                                         0/50 pcs Aug 31│
│[ ]  #4 Decompose GMV target into funnel targets                          alice Aug 13││[ ] Staff QR posters                                   0/30 pcs Aug 27│
EOF2
expect_screen "160x48 metrics summary" "│Starts in 9d · Spent 0/45k 0%"
expect_fits "160x48 fits" 160
finish
