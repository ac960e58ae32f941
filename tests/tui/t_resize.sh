#!/bin/sh
# t_resize.sh - resizing the terminal keeps the layout: title on top, status bar above the last line, nothing wider than the screen.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin

# check_layout COLS ROWS WHAT: the screen has ROWS lines, none wider than
# COLS columns (wide characters count 2), the key hints on line 1 and the
# status bar on line ROWS-1.
layout_ok() {
	tmux_capture >"$TEST_TMP/screen"
	python3 - "$1" "$2" "$TEST_TMP/screen" "$3" <<'PY'
import sys, unicodedata
cols, rows, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = open(path, encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
errors = []
if len(lines) != rows:
    errors.append("%d lines, want %d" % (len(lines), rows))
for i, l in enumerate(lines):
    if width(l) > cols:
        errors.append("line %d is %d columns wide" % (i + 1, width(l)))
if not lines or not lines[0].startswith("q:"):
    errors.append("no key hints on line 1")
if len(lines) < 2 or not lines[-2].startswith("--"):
    errors.append("no status bar on line %d" % (rows - 1))
if errors and sys.argv[4] == "report":
    for e in errors:
        print("# " + e)
    for l in lines:
        print("#   | " + l)
sys.exit(1 if errors else 0)
PY
}

# Redrawing after a resize takes a moment: poll until the layout fits, with a deadline.
check_layout() {
	deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		if layout_ok "$1" "$2" quiet; then
			ok 0 "layout at ${1}x${2}: $3"
			return
		fi
		sleep 0.1
	done
	layout_ok "$1" "$2" report
	ok 1 "layout at ${1}x${2}: $3"
}

tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo"
tmux_wait_for "Willkommen bei bote" || bail_out "bote did not start"
check_layout 100 30 "message list"
# Select the Japanese message so it stays on screen when the terminal shrinks.
num=$(tmux_capture | grep "会議" | head -1 | awk '{print $1}')
tmux_send_text "$num"
tmux_send Enter
tmux_resize 60 15
check_layout 60 15 "message list after shrinking"
tmux_capture | grep -q "田中 裕子" ; ok $? "CJK sender still drawn in 60 columns"
tmux_resize 140 40
check_layout 140 40 "message list after growing"
tmux_send = Enter
tmux_wait_for "Subject:" ; ok $? "a message opens"
tmux_resize 50 12
check_layout 50 12 "pager after shrinking"
tmux_resize 30 6
check_layout 30 6 "pager at a tiny size"
tmux_resize 100 30
check_layout 100 30 "pager restored"
tmux_send q
tmux_wait_for "bote: INBOX"
# At the last row in a tiny terminal, then grown again: the list fills the screen.
tmux_send '*'
tmux_resize 40 5
check_layout 40 5 "message list at a tiny size"
tmux_resize 100 30
check_layout 100 30 "message list grown again"
tmux_capture | sed -n 2p | grep -q "^ *1 "; ok $? "after growing, the list starts at row 1 again"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "quits cleanly after resizing"
done_testing
