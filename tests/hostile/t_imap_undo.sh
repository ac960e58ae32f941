#!/bin/bash
# t_imap_undo.sh - undo after a move on a server without UIDPLUS: it sends no
# COPYUID, so bote does not know the new UIDs and says undo is not possible
# (tests/hostile/imap_nocopyuid.py, 127.0.0.1 only).  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
hostile_begin
trap 'tmux_stop; stop_server; tap_cleanup_tmp' EXIT

hostile_server imap_nocopyuid.py nocopyuid
cfg=$TEST_TMP/config
printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\ntls = none\n' "$port" >"$cfg"
printf 'user = tester\npassword = pw\ntimeout = 10\n' >>"$cfg"
chmod 600 "$cfg"

tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR HOME=$HOME XDG_CACHE_HOME=$XDG_CACHE_HOME XDG_STATE_HOME=$XDG_STATE_HOME $BOTE -F $cfg -a h"
tmux_wait_for "bote: INBOX [2 messages" 20 || bail_out "bote did not open the INBOX"
tmux_send =
tmux_send d
tmux_wait_for "Moved to Trash."; ok $? "d moves to the \\Trash folder"
tmux_wait_for "bote: INBOX [1 message"; ok $? "the list lost it"
deadline=$(( $(date +%s) + 10 ))
until grep -q 'UID MOVE 1 Trash' "$TEST_TMP/log" || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.1
done
grep -q 'UID MOVE 1 Trash' "$TEST_TMP/log"; ok $? "by UID MOVE"
tmux_send Escape u
tmux_wait_for "Cannot undo the move to Trash: the server did not say where"
ok $? "undo says it is not possible without COPYUID"
is "$(grep -c 'UID MOVE' "$TEST_TMP/log")" 1 "and moves nothing"
tmux_send Escape u
tmux_wait_for "Nothing to undo."; ok $? "the move is forgotten"
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits cleanly"
done_testing
