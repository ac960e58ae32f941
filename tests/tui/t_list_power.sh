#!/bin/sh
# t_list_power.sh - threads, sorting, limit, tags and pattern search in the message list, on the demo.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin

# row N: the list row N (1-based) of the screen.
row() {
	tmux_capture | sed -n "$(( $1 + 1 ))p"
}

# row_has N TEXT: wait until list row N shows TEXT (the list redraws after a key).
row_has() {
	deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		row "$1" | grep -qF -- "$2" && return 0
		sleep 0.05
	done
	diag "row $1 is: $(row "$1")"
	return 1
}

# screen_re RE: wait until a line of the screen matches the regular expression RE.
screen_re() {
	deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		tmux_capture | grep -q -- "$1" && return 0
		sleep 0.05
	done
	diag "no line matches '$1'; the status line is: $(tmux_capture | grep -- '-- bote:')"
	return 1
}

# prompt_cmd KEY TEXT: a key that prompts, then the text and Enter.
prompt_cmd() {
	tmux_send "$1"
	tmux_send_text "$2"
	tmux_send Enter
}

tmux_start 110 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo"
tmux_wait_for "bote: INBOX [18 messages" || bail_out "demo did not open"

# Threads: the Grillfest thread drawn as a tree, then collapsed.
prompt_cmd o t
tmux_wait_for "-- threads --"; ok $? "o t sorts by thread"
tmux_capture | grep -q "├─>Re: Grillfest am Samstag"; ok $? "replies are drawn as a tree"
tmux_capture | grep -q "  └─>Re: Grillfest am Samstag"; ok $? "a reply to a reply is indented"
tmux_send =
tmux_send Escape v
tmux_wait_for "(+3) Grillfest am Samstag"; ok $? "Esc v collapses the thread, showing how many are hidden"
tmux_capture | grep -q "Re: Grillfest"; ok $(( ! $? )) "the replies are hidden"
tmux_send Escape v
tmux_wait_for "Re: Grillfest am Samstag"; ok $? "Esc v again expands it"
tmux_send Escape V
tmux_wait_for "(+2) Release checklist for Lumen 2.3"; ok $? "Esc V collapses every thread"
tmux_send Escape V

# Sorting.
prompt_cmd o s
tmux_wait_gone "-- threads --"
row_has 1 "Änderung unserer Öffnungszeiten"; ok $? "o s: subjects in order, Ä among the A's"
row_has 2 "Buchungsbestätigung"; ok $? "o s: then B"
row_has 3 "Grillfest am Samstag"; ok $? "o s: a thread's replies sort with their subject"
prompt_cmd O z
row_has 1 "Notes: storage migration"; ok $? "O z: the biggest message first"
prompt_cmd o f
row_has 1 "Blitzpaket"; ok $? "o f: senders in order, ignoring case"
row_has 2 " bote  "; ok $? "o f: lowercase 'bote' after 'Blitzpaket'"
prompt_cmd o d
row_has 1 "Grillfest am Samstag"; ok $? "o d: back to date order"

# Limit by a summary pattern, then by a body pattern (decided on the worker).
prompt_cmd l "~N"
tmux_wait_for "limit: ~N"; ok $? "l ~N limits the list"
tmux_capture | grep -q "/4 -- limit"; ok $? "to the four new messages (unread ones in cur/ are old, as in mutt)"
prompt_cmd l "~b Testsuite | ~b Grillkohle"
tmux_wait_for "limit: ~b Testsuite | ~b Grillkohle"; ok $? "a body pattern is accepted"
tmux_wait_for "match."; ok $? "the worker's verdict arrives"
prompt_cmd l all
tmux_wait_for "bote: INBOX [18 messages, 7 new, 3 flagged] -- 1/18 --" 5 ||
	tmux_wait_for "-- bote: INBOX [18 messages"
tmux_capture | grep -q "limit:"; ok $(( ! $? )) "l all removes the limit"

# The status line's counts follow flag changes (they are kept, not recounted per redraw).
tmux_send F
screen_re '\[18 messages, 7 new, [24] flagged\]'; ok $? "F changes the flagged count"
tmux_send F
tmux_wait_for "[18 messages, 7 new, 3 flagged]" 10; ok $? "F again restores it"
tmux_send N
screen_re '\[18 messages, [68] new, 3 flagged\]'; ok $? "N changes the new count"
tmux_send N
tmux_wait_for "[18 messages, 7 new, 3 flagged]" 10; ok $? "N again restores it"

# Pattern search moves the cursor.
prompt_cmd / "~s Notes"
tmux_wait_for "-- 16/18 --"; ok $? "/ ~s Notes jumps to the matching row"

# Tag by pattern, then act on all tagged with ';'.
prompt_cmd T "~f priya"
tmux_wait_for "3 messages tagged."; ok $? "T ~f priya tags three messages"
tmux_capture | grep -c '^ *[0-9]*\*' | grep -qx 3; ok $? "tagged rows show a *"
tmux_send '\;'
tmux_wait_for "Tag-"; ok $? "; waits for an action"
tmux_send F
tmux_wait_gone "Tag-"
tmux_capture | grep '^ *[0-9]*\*' | grep -c '!' | grep -qx 3; ok $? "; F flags all tagged messages"
tmux_send '\;' d
tmux_wait_for "3 messages moved to Trash."; ok $? "; d moves all tagged messages to Trash"
tmux_wait_for "bote: INBOX [15 messages"; ok $? "the list lost them"
demo=$(ls -d "$TEST_TMP"/tmp/bote-demo-*)
deadline=$(( $(date +%s) + 10 ))
while [ "$(ls "$demo/.Trash/cur" | wc -l)" -lt 5 ] && [ "$(date +%s)" -le "$deadline" ]; do
	sleep 0.05
done
is "$(ls "$demo/.Trash/cur" | wc -l)" 5 "Trash holds them on disk (2 + 3)"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"
done_testing
