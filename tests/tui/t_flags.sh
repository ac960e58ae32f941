#!/bin/sh
# t_flags.sh - flag, read/unread, move, delete to Trash and expunge from the TUI, checked on disk.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/maildir.sh"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap 'tmux_stop; tap_cleanup_tmp' EXIT
M=$TEST_TMP/Mail
maildir_make "$M"; maildir_make "$M/.Trash"; maildir_make "$M/.Archiv"
maildir_put "$M" cur "1000.M1P1.test:2,S" "Alpha" "" "Mon, 02 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "1001.M1P1.test:2,S" "Bravo" "" "Tue, 03 Nov 2026 10:00:00 +0100"
maildir_put "$M" new "1002.M1P1.test" "Charlie" "" "Wed, 04 Nov 2026 10:00:00 +0100"

# wait_file PATH: until PATH exists (bote renames on a key press).
wait_file() {
	deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	diag "missing: $1"; ls -R "$M" | sed 's/^/#   /'
	return 1
}

tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR $BOTE -f $M"
tmux_wait_for "Charlie" || bail_out "bote did not start"
wait_file "$M/cur/1002.M1P1.test:2,"; ok $? "new/ message moved to cur/ on first sight"
tmux_send =
tmux_send F
wait_file "$M/cur/1000.M1P1.test:2,FS"; ok $? "F renames Alpha to :2,FS"
tmux_send F
wait_file "$M/cur/1000.M1P1.test:2,S"; ok $? "F again clears the flag"
tmux_send N
wait_file "$M/cur/1000.M1P1.test:2,"; ok $? "N marks Alpha unread"
tmux_send Enter
wait_file "$M/cur/1000.M1P1.test:2,S"; ok $? "opening Alpha marks it read"
tmux_send q

tmux_send d
wait_file "$M/.Trash/cur/1000.M1P1.test:2,S"; ok $? "d moves Alpha to Trash"
[ ! -e "$M/cur/1000.M1P1.test:2,S" ]; ok $? "Alpha left the INBOX"
tmux_wait_gone "Alpha"; ok $? "Alpha left the list"

tmux_send s
tmux_wait_for "Move to folder:"; ok $? "s asks for a folder"
tmux_send_text Archiv
tmux_send Enter
wait_file "$M/.Archiv/cur/1001.M1P1.test:2,S"; ok $? "s moves Bravo to Archiv"

tmux_send :
tmux_send_text "change-folder Trash"
tmux_send Enter
tmux_wait_for "bote: Trash [1 message,"; ok $? ":change-folder Trash opens Trash"
tmux_send d
wait_file "$M/.Trash/cur/1000.M1P1.test:2,ST"; ok $? "d inside Trash marks for deletion (T)"
tmux_send u
wait_file "$M/.Trash/cur/1000.M1P1.test:2,S"; ok $? "u removes the mark"
tmux_send d '$'
deadline=$(( $(date +%s) + 10 ))
while [ -e "$M/.Trash/cur/1000.M1P1.test:2,ST" ] && [ "$(date +%s)" -le "$deadline" ]; do sleep 0.1; done
[ ! -e "$M/.Trash/cur/1000.M1P1.test:2,ST" ]; ok $? "\$ removes the marked message for good"
tmux_wait_for "1 message removed"; ok $? "status line reports the removal"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"
is "$(ls "$M/cur")" "1002.M1P1.test:2," "INBOX holds only Charlie now"

# After $ the cursor stays on the message it was on, not on its row number.
tmux_stop
N=$TEST_TMP/Mail2
maildir_make "$N"; maildir_make "$N/.Trash"
for x in 1:Whiskey 2:Xray 3:Yankee 4:Zulu; do
	maildir_put "$N/.Trash" cur "200${x%%:*}.M1P1.test:2,S" "${x#*:}" "" "Mon, 0${x%%:*} Nov 2026 10:00:00 +0100"
done
tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR $BOTE -f $N -e 'change-folder Trash'"
tmux_wait_for "bote: Trash [4 messages" || bail_out "bote did not open Trash"
tmux_send = d d
wait_file "$N/.Trash/cur/2002.M1P1.test:2,ST"; ok $? "two messages marked deleted"
tmux_wait_for "-- 3/4 --"; ok $? "cursor moved on to Yankee"
tmux_send '$'
tmux_wait_for "bote: Trash [2 messages"; ok $? "\$ removed two"
tmux_wait_for "-- 1/2 --"; ok $? "cursor still on Yankee, now row 1"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"
done_testing
