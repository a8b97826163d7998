#!/bin/sh
# Prints a replay key script of N keys (default 2000) for MUSTER_REPLAY
# (src/tui/replay.c): moves, pages, first/last, role and checklist
# switches, pane focus, ticks (each ticked twice, so the board ends as it
# began) and searches (/ text Enter, then n n).  Deterministic.
n=${1:-2000}
awk -v n="$n" 'BEGIN {
	srand(42); k = 0; pane = 2
	# search words, one key (character) per field
	w[1] = "p o s t e r"; w[2] = "海 报"; w[3] = "v i t r i n e"; w[4] = "T i a n h e"; w[5] = "é"
	while (k < n) {
		r = rand()
		if (r < 0.42)      { print (rand() < 0.7 ? "j" : "k"); k++ }
		else if (r < 0.54) { print (rand() < 0.7 ? "PgDn" : "PgUp"); k++ }
		else if (r < 0.56) { print (rand() < 0.5 ? "G" : "g"); k++ }
		else if (r < 0.66) { print (rand() < 0.8 ? "r" : "R"); k++ }
		else if (r < 0.72) { pane = (pane == 2 ? 3 : 2); print pane; k++ }
		else if (r < 0.75) { print "Tab"; print pane; k += 2 }
		else if (r < 0.85) { print "Space"; print "Space"; k += 2 }
		else if (r < 0.90) { if (pane == 3) { print "+"; print "-"; k += 2 } else { print "j"; k++ } }
		else if (r < 0.905 && n - k > 12) {
			m = split(w[int(rand() * 5) + 1], c, " ")
			print "/"; for (i = 1; i <= m; i++) print c[i]
			print "Enter"; print "n"; print "n"; k += m + 4
		}
		else { print (rand() < 0.5 ? "Down" : "Up"); k++ }
	}
}'
