#!/bin/bash
# The terminal: resize at any time (120x40 → 60x15 → 39x9 → back), the
# "too small" message, themes (mono, NO_COLOR, --no-color, a broken theme is
# reported before curses starts), key overrides from config.yaml, and the
# terminal restored on q and on SIGTERM.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/lib.sh"
board

tui_start 120 40
expect_screen "120x40 board" "┌Timeline · week"
expect_fits "120x40 fits" 120
resize 60 15
expect_block "60x15: one column" <<'EOF2'
┌Timeline · week──
EOF2
expect_screen "60x15 tasks pane" "├Tasks · Project controller 0/5"
expect_screen "60x15 materials pane" "├Materials · Print & promo 0/4"
expect_fits "60x15 fits" 60
resize 39 9
expect_screen "39x9: too small" "terminal too small (39x9), need 40x10"
resize 120 40
expect_screen "back to 120x40" "┌Timeline · week"
expect_no_screen "no leftover message" "too small"
expect_fits "120x40 again fits" 120
# Tab focuses panes in turn; the hint line follows the focus.
keys Tab
expect_screen "Tab: materials hint" "r list · space tick"
keys BTab
expect_screen "S-Tab: back to tasks" "r role · space done"
keys q
expect_screen "q quits with status 0" "[exited 0]"

# Colour: the default theme uses 256 colours; mono, NO_COLOR and
# --no-color use none (attributes only).
tui_start 80 24
if screen_esc | grep -q '38;5;'; then pass "default theme has colour"; else fail "default theme has colour" "no 256-colour escapes"; fi
tui_start 80 24 -- --theme mono
expect_screen "mono theme board" "┌Timeline"
if screen_esc | grep -qE '3[0-9];5;|4[0-9];5;'; then fail "mono theme: no colour" "$(screen_esc | head -n 3 | cat -v)"; else pass "mono theme: no colour"; fi
tui_start 80 24 NO_COLOR=1
expect_screen "NO_COLOR board" "┌Timeline"
if screen_esc | grep -qE '\[3[0-7]m|;5;'; then fail "NO_COLOR: no colour" "$(screen_esc | head -n 3 | cat -v)"; else pass "NO_COLOR: no colour"; fi
if screen_esc | grep -qE $'\e\\[([0-9]+;)*7m'; then pass "NO_COLOR: cursor still visible (reverse)"; else
	fail "NO_COLOR: cursor still visible (reverse)" "$(screen_esc | cat -v | head -n 14)"; fi
tui_start 80 24 -- --no-color
if screen_esc | grep -qE ';5;'; then fail "--no-color: no colour" "colour escapes"; else pass "--no-color: no colour"; fi

# A broken theme: FILE:LINE:COL on stderr, exit 2, the terminal untouched.
mkdir -p "$XDG_CONFIG_HOME/muster/themes"
printf 'name: broken\nnormal: {fg: nocolour}\n' >"$XDG_CONFIG_HOME/muster/themes/broken.yaml"
tui_start 80 24 -- --theme broken
expect_screen "broken theme exits 2" "[exited 2]"
expect_match "broken theme: FILE:LINE:COL" 'broken\.yaml:2:[0-9]+: ' "$(cat "$TMP/tui.err")"

# config.yaml: x bound to quit; an unknown action is reported in the status line.
printf 'keys:\n  x: quit\n  w: no-such-action\n' >"$XDG_CONFIG_HOME/muster/config.yaml"
tui_start 80 24
expect_screen "unknown action reported" "unknown action 'no-such-action'"
keys '?'
expect_screen "help shows the override" "q x"
keys Escape
wait_gone "Help · muster keys" 2
keys x
expect_screen "x quits (override)" "[exited 0]"
rm -f "$XDG_CONFIG_HOME/muster/config.yaml"

# SIGTERM: the board exits cleanly and leaves the terminal usable.
tui_start 80 24
_pane=$(tmux -L "$SOCK" list-panes -F '#{pane_pid}')
kill -TERM "$(pgrep -P "$_pane" -x muster)"
expect_screen "SIGTERM exits" "[exited 143]"
expect_no_screen "screen restored after SIGTERM" "┌Timeline"
finish
