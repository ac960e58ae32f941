#!/bin/sh
# t_demo_browse.sh - bote --demo in tmux: enter a subfolder, open a message, read it decoded, go back, quit.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap 'tmux_stop; tap_cleanup_tmp' EXIT
# A private TMPDIR shows whether the demo copy is removed at exit.
mkdir "$TEST_TMP/tmp"

tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo"
tmux_wait_for "Willkommen bei bote"; ok $? "demo opens on the INBOX list"
tmux_wait_for "bote: INBOX [18 messages"; ok $? "status line names INBOX with 18 messages"
is "$(ls "$TEST_TMP/tmp" | grep -c '^bote-demo-')" 1 "demo copied into a private directory"

# The folder list, then down to Listen/bote-dev (INBOX Archive Drafts Familie Listen Listen/bote-dev).
tmux_send c
tmux_wait_for "bote-dev"; ok $? "c shows the folder list with the nested folder"
tmux_capture | grep -q "^    bote-dev"; ok $? "nested folder is indented under its parent"
tmux_wait_for "7 new, 18 total"; ok $? "counts come when the list is shown (startup asks for names only)"
tmux_send j j j j j Enter
tmux_wait_for "bote: Listen/bote-dev [5 messages"; ok $? "Enter opens Listen/bote-dev"
tmux_wait_for "Release 0.1 geplant"; ok $? "its messages are listed with decoded subjects"

# Jump to the message by its number, then open it.
num=$(tmux_capture | grep "Release 0.1 geplant" | head -1 | awk '{print $1}')
case $num in [1-9]*) ok 0 "message number found: $num";; *) ok 1 "message number found: '$num'";; esac
tmux_send_text "$num"
tmux_send Enter
tmux_send Enter
tmux_wait_for "Die Testsuite läuft jetzt in CI."; ok $? "pager shows the decoded body text"
tmux_capture | grep -q "^Subject: Release 0.1 geplant"; ok $? "pager header block shows the decoded subject"
tmux_capture | grep -q "^From: "; ok $? "pager header block shows From"
tmux_capture | grep -q "^Date: "; ok $? "pager header block shows Date"

tmux_send q
tmux_wait_for "bote: Listen/bote-dev [5 messages"; ok $? "q returns to the message list"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits with exit status 0"
is "$(ls "$TEST_TMP/tmp" | grep -c '^bote-demo-')" 0 "demo directory removed at exit"

# -e runs commands after start-up; an unknown one is reported, not fatal.
tmux_stop
tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo -e 'change-folder Familie; frobnicate'"
tmux_wait_for "bote: Familie [3 messages"; ok $? "-e change-folder opens Familie"
tmux_wait_for "Unknown command 'frobnicate'."; ok $? "-e reports an unknown command on the status line"
tmux_send ?
tmux_wait_for "Keys in the message list"; ok $? "? in the list shows the list's keys"
tmux_capture | grep -q "delete-message"; ok $? "help names the commands"
tmux_send q c
tmux_wait_for "bote-dev"
tmux_send ?
tmux_wait_for "Keys in the folder list"; ok $? "? in the folder list shows its keys"
tmux_send q Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits from the folder list"

# Themes: a shipped one loads quietly, a missing one is reported, bote goes on.
tmux_stop
tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR BOTE_THEME=mono $BOTE --demo"
tmux_wait_for "Willkommen bei bote"
tmux_capture | tail -1 | grep -q "theme"; ok $(( ! $? )) "BOTE_THEME=mono loads without a complaint"
tmux_send q
tmux_wait_exit 10 >/dev/null
tmux_stop
tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR BOTE_THEME=nosuch $BOTE --demo"
tmux_wait_for "theme 'nosuch' not found, using built-in colours"; ok $? "a missing theme is reported on the status line"
tmux_wait_for "Willkommen bei bote"; ok $? "and bote works on"
tmux_send q
tmux_wait_exit 10 >/dev/null

# SIGTERM ends bote cleanly: terminal restored, demo copy removed.
tmux_stop
tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo"
tmux_wait_for "Willkommen bei bote"
pid=$(pgrep -P "$(tmux_ display-message -t t -p '#{pane_pid}')")
kill -TERM "$pid" 2>/dev/null; ok $? "SIGTERM sent to bote ($pid)"
status=$(tmux_wait_exit 10); is "$status" 0 "SIGTERM: exit status 0"
is "$(ls "$TEST_TMP/tmp" | grep -c '^bote-demo-')" 0 "SIGTERM: demo directory removed"
done_testing
