#!/bin/sh
# t_no_freeze.sh - with every store operation hanging, the UI still answers keys at once and quits cleanly.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin

now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# BOTE_TEST_DELAY_MS makes the worker wait a minute before each request.
tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR BOTE_TEST_DELAY_MS=60000 $BOTE --demo"
tmux_wait_for "Opening INBOX..."; ok $? "the screen is up while the folder is still being opened"
tmux_capture | grep -q "Willkommen"; ok $(( ! $? )) "no message is listed yet (the store is hanging)"

t0=$(now_ms)
tmux_send ?
tmux_wait_for "Keys in the message list" 5; ok $? "? shows help while the store hangs"
t1=$(now_ms)
ok $(( t1 - t0 >= 500 )) "help appeared within half a second ($(( t1 - t0 )) ms)"
tmux_send q
tmux_wait_gone "Keys in the message list"; ok $? "q leaves help"
tmux_send c
tmux_wait_for "q:Back  Enter:Open"; ok $? "the folder view opens although the folder list is still pending"
tmux_send q
t0=$(now_ms)
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits cleanly while the operation is pending"
t1=$(now_ms)
ok $(( t1 - t0 >= 3000 )) "quitting did not wait for the store ($(( t1 - t0 )) ms)"
is "$(ls "$TEST_TMP/tmp" | grep -c '^bote-demo-')" 0 "demo directory removed"
done_testing
