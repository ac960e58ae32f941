#!/bin/sh
# t_keys.sh - keys and looks from the config: a user binding works and shows in help, a bad line is reported with its number, the vi preset, themes (256 colours, #rrggbb), and the mouse.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin

env="HOME=$TEST_TMP XDG_CONFIG_HOME=$TEST_TMP/config XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR"
cfg=$TEST_TMP/bote.conf

# status_has TEXT: the status bar (second-last row) shows TEXT.
status_has() {
	deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		tmux_capture | tail -2 | head -1 | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	diag "status bar: $(tmux_capture | tail -2 | head -1)"
	return 1
}

# --- A user binding, a bad line, and help generated from the live keymap.
cat >"$cfg" <<'CONF'
[general]
theme = 256

[bind index]
x = limit ~F
C-ü = quit
"w" = nosuch-command
q = unbind
Z = quit
CONF
chmod 600 "$cfg"
tmux_start 110 40 "$env $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open"
tmux_wait_for "line 6: unknown key 'C-ü' (and 1 more problem, see ?)"
ok $? "a bad key name is reported with its line, and bote runs on"
tmux_capture | tail -1 | grep -qF "config '$cfg'"; ok $? "the message names the config file"
tmux_send x
tmux_wait_for "limit: ~F"; ok $? "x runs the bound command line 'limit ~F'"
tmux_capture | grep -qF -- "/3 -- limit"; ok $? "the limit shows the three flagged messages"
tmux_send q
tmux_wait_for "Key 'q' is not bound"; ok $? "q = unbind leaves q without a command"
tmux_send '?'
tmux_wait_for "Keys in the message list"; ok $? "? shows the keys of the message list"
tmux_capture | grep -q "^  x  *limit ~F  *show only messages matching"
ok $? "help lists the user's binding with its command line and what it does"
tmux_capture | grep -A1 "^ *$" | grep -m1 "^  [^ ]" | grep -q "^  x  "
ok $? "the config's own bindings come first"
tmux_capture | grep -q "^  q  "; ok $(( ! $? )) "help leaves out the unbound q"
tmux_capture | grep -q "^  Z  *quit"; ok $? "help lists Z = quit"
tmux_capture | grep -qF "line 7: unknown command 'nosuch-command' in [bind index]"
ok $? "help lists every skipped config line, also the second"
tmux_send q
tmux_wait_gone "Keys in the message list"
# Colours of the 256-colour theme: the title bar is color235 on color110.
tmux_ capture-pane -t t -p -e | head -1 | grep -q '38;5;235.*48;5;110\|48;5;110.*38;5;235'
ok $? "theme = 256 draws the title bar in palette colours 235 on 110"
tmux_send Z
status=$(tmux_wait_exit 10); is "$status" 0 "Z quits"

# --- The vi preset: j/k, G, g g; in the pager j scrolls and J goes to the next message.
cat >"$cfg" <<'CONF'
[general]
keys = vi
CONF
tmux_start 110 30 "$env $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open with keys = vi"
tmux_send G
status_has "-- 18/18 --"; ok $? "vi: G goes to the last message"
tmux_send k
status_has "-- 17/18 --"; ok $? "vi: k goes up"
tmux_send g
tmux_wait_for "g-"; ok $? "vi: g waits for the rest of the sequence and says so"
tmux_send g
status_has "-- 1/18 --"; ok $? "vi: g g goes to the first message"
tmux_send j
status_has "-- 2/18 --"; ok $? "vi: j goes down"
tmux_send g x
tmux_wait_for "Key 'g x' is not bound"; ok $? "an unbound sequence is named whole"
tmux_send '?'
tmux_wait_for "Keys in the message list"
tmux_send G
tmux_wait_for "g g        first-entry"; ok $? "help shows the sequence g g (G: its end)"
tmux_send q
tmux_send Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits under vi keys"

# --- #rrggbb: exact on a direct-colour terminal, the nearest palette colour elsewhere.
cat >"$TEST_TMP/rgb.theme" <<'CONF'
# a one-line theme: the rest stays built in
color title #123456 #fedcba
CONF
printf '[general]\ntheme = %s\n' "$TEST_TMP/rgb.theme" >"$cfg"
infocmp xterm-direct >/dev/null 2>&1 ||
	bail_out "xterm-direct terminfo missing: sh tools/deps.sh test (ncurses-term)"
tmux_start 110 30 "$env TERM=xterm-direct $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open on xterm-direct"
tmux_ capture-pane -t t -p -e | head -1 | grep -q '38;2;18;52;86.*48;2;254;220;186\|48;2;254;220;186.*38;2;18;52;86'
ok $? "TERM=xterm-direct: #123456 on #fedcba drawn exactly"
tmux_send Q
tmux_wait_exit 10 >/dev/null
tmux_start 110 30 "$env TERM=xterm-256color COLORTERM=truecolor $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open with COLORTERM=truecolor"
tmux_ capture-pane -t t -p -e | head -1 | grep -q '38;2;18;52;86.*48;2;254;220;186\|48;2;254;220;186.*38;2;18;52;86'
ok $? "COLORTERM=truecolor with TERM=xterm-256color: drawn exactly through xterm-direct"
tmux_send Q
tmux_wait_exit 10 >/dev/null
tmux_start 110 30 "$env $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open with an RGB theme"
tmux_ capture-pane -t t -p -e | head -1 | grep -q '38;5;23[0-9]*.*48;5;\|48;5;.*38;5;23'
ok $? "256 colours: #123456 becomes the nearest palette colour (23)"
tmux_capture | tail -1 | grep -q theme; ok $(( ! $? )) "the one-line theme loads without a complaint"
tmux_send Q
tmux_wait_exit 10 >/dev/null

# --- A theme file with bad lines: each named with its line; bote runs.
printf 'color title red blue\ncolor titel red blue\ncolor quote pink default\n' >"$TEST_TMP/bad.theme"
printf '[general]\ntheme = %s\n' "$TEST_TMP/bad.theme" >"$cfg"
tmux_start 110 30 "$env $BOTE --demo -F $cfg"
tmux_wait_for "line 2: unknown element 'titel' (and 1 more problem, see ?)"
ok $? "a bad theme line is reported with its line number"
tmux_send Q
tmux_wait_exit 10 >/dev/null

# --- The mouse: a click selects a row, the wheel scrolls; off by default.
# ncurses on screen-256color reads X10 mouse reports: ESC [ M, then button,
# column and row, each plus 32 (rows and columns counted from 1).
mouse() {	# mouse BUTTON COLUMN ROW
	tmux_ send-keys -t t -H 1b 5b 4d "$(printf %x $((32 + $1)))" \
		"$(printf %x $((32 + $2)))" "$(printf %x $((32 + $3)))"
}
click() {	# click COLUMN ROW: press and release
	mouse 0 "$1" "$2"
	mouse 3 "$1" "$2"
}
printf '[general]\nmouse = yes\n' >"$cfg"
tmux_start 110 30 "$env $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open with the mouse on"
is "$(tmux_ display -p -t t '#{mouse_standard_flag}')" 1 "mouse = yes asks the terminal for mouse reports"
tmux_send Home
status_has "-- 1/18 --"
click 20 6
status_has "-- 5/18 --"; ok $? "a click on the fifth list row selects message 5"
mouse 65 20 10
status_has "-- 8/18 --"; ok $? "the wheel down moves three rows"
mouse 64 20 10
status_has "-- 5/18 --"; ok $? "the wheel up moves three rows back"
tmux_send c
tmux_wait_for "folders --" || bail_out "no folder list"
tmux_wait_for "total" || diag "no folder counts"
second=$(tmux_capture | sed -n 3p | sed 's/^ *//; s/  .*//')
click 10 3
# The indicator (black on white in the default theme) moves to the clicked row.
deadline=$(( $(date +%s) + 10 ))
until tmux_ capture-pane -t t -p -e | sed -n 3p | grep -q '47m' || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.05
done
tmux_send Enter
tmux_wait_for "bote: $second [" 10
ok $? "a click selects the second folder ($second), Enter opens it"
tmux_send Q
tmux_wait_exit 10 >/dev/null
# Off (the default): the terminal is not asked for mouse reports, so its
# own selection works.
: >"$cfg"
tmux_start 110 30 "$env $BOTE --demo -F $cfg"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open"
is "$(tmux_ display -p -t t '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" 000 \
	"without mouse = yes no mouse mode is on"
tmux_send Q
tmux_wait_exit 10 >/dev/null
done_testing
