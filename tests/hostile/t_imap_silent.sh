#!/bin/bash
# t_imap_silent.sh - a server that stops answering cannot hold bote: q
# quits at once while an IDLE goes unanswered (not even DONE), and ^G
# cancels a folder load whose FETCH never comes back, so the next request
# runs.  The account's timeout is 60 s: only the cancel makes it quick.
# A server slow with headers: a tag and a flag set on a row still loading
# stay when its headers arrive.
# Scripted server tests/hostile/imap_server.py on 127.0.0.1.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
hostile_begin
trap 'tmux_stop; stop_server; tap_cleanup_tmp' EXIT

# start SCENARIO: the server and bote on it, INBOX opening.
start() {
	local cfg=$TEST_TMP/config
	hostile_server imap_server.py "$1"
	printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\ntls = none\n' \
		"$port" >"$cfg"
	printf 'user = quiet\npassword = secret-pw\ntimeout = 60\n' >>"$cfg"
	chmod 600 "$cfg"
	tmux_start 100 20 "XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a h"
}

# 1: the server goes silent after IDLE's go-ahead; q must not wait for DONE's reply.
start silent_idle
tmux_wait_for "Quiet one" 20; ok $? "the folder of the silent server opens"
deadline=$(( $(date +%s) + 20 ))
until grep -q '^[^ ]* IDLE' "$TEST_TMP/log" || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.1
done
grep -q '^[^ ]* IDLE' "$TEST_TMP/log"; ok $? "bote idles on the open folder"
tmux_send q
is "$(tmux_wait_exit 10)" 0 "q quits within seconds while the server is silent"
tmux_stop
stop_server

# 2: the index FETCH never comes back; ^G stops it and the folder list still works.
start silent_fetch
deadline=$(( $(date +%s) + 20 ))
until grep -q '^[^ ]* UID FETCH' "$TEST_TMP/log" || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.1
done
grep -q '^[^ ]* UID FETCH' "$TEST_TMP/log"; ok $? "bote waits for the index that never comes"
tmux_send C-g
tmux_wait_for "Loading cancelled" 10; ok $? "^G cancels the load"
tmux_send c
# The folder view asks for counts: a new connection, only possible once the FETCH was given up.
deadline=$(( $(date +%s) + 15 ))
until [ "$(grep -c '^[^ ]* LOGIN' "$TEST_TMP/log")" -ge 2 ] || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.1
done
[ "$(grep -c '^[^ ]* LOGIN' "$TEST_TMP/log")" -ge 2 ]
ok $? "the next request runs at once on a new connection: the FETCH was abandoned"
tmux_send q
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits"
tmux_stop
stop_server

# 3: headers come slowly: rows around the cursor first, the rest 5 s later.  A tag
# and a flag set on a row still loading must survive its headers' arrival.
start slow_headers
tmux_wait_for "slow 600" 30; ok $? "the rows around the cursor come first"
tmux_send =
tmux_send t	# tags the first row and moves on, as in mutt
tmux_send =
tmux_send F
deadline=$(( $(date +%s) + 30 ))
until tmux_capture | grep -qE ' slow 1 *$' || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.2
done
tmux_capture | grep -qE ' slow 1 *$'; ok $? "the first row's headers arrive later"
row=$(tmux_capture | grep -E ' slow 1 *$')
# The row's lead: number, tag, new/deleted, flag, replied.
case $row in *'1* !'*) ok 0 "the tag and the flag set while it loaded are still shown" ;;
*) ok 1 "the tag and the flag set while it loaded are still shown"; diag "$row" ;; esac
grep -q 'UID STORE 1 +FLAGS.*Flagged' "$TEST_TMP/log"; ok $? "and the flag went to the server" ||
	diag "$(grep STORE "$TEST_TMP/log")"
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits"
tmux_stop

done_testing
