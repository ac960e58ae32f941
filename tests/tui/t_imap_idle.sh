#!/bin/bash
# t_imap_idle.sh - an idle bote hears the server: mail appended, a flag set
# and a message expunged by a second IMAP session show within seconds; when
# Dovecot is killed the status line says offline and the list stays, it
# reconnects when Dovecot is back; q quits at once.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

cfg=$TEST_TMP/config
imap_config "$cfg" t
# new_mail_command records what IDLE's new mail told it.
hook=$TEST_TMP/hook.sh
printf '#!/bin/sh\necho "$BOTE_FOLDER $BOTE_NEW_COUNT" >>"%s/hook.out"\n' "$TEST_TMP" >"$hook"
chmod 755 "$hook"
{ printf '[general]\nnew_mail_command = %s\n' "$hook"; cat "$cfg"; } >"$cfg.new"
mv "$cfg.new" "$cfg"
chmod 600 "$cfg"
imapc create Live || bail_out "cannot create Live"
imapc append Live Alpha "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)' || bail_out "append failed"
imapc append Live Bravo "Tue, 03 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Live Charlie "Wed, 04 Nov 2026 10:00:00 +0100" '(\Seen)'

# row SUBJECT: the list line of the message with SUBJECT.
row() {
	tmux_capture | grep -F -- "$1" | head -1
}

# wait_row SUBJECT REGEX: until that row matches REGEX (10 s deadline).
wait_row() {
	local deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		row "$1" | grep -qE -- "$2" && return 0
		sleep 0.1
	done
	diag "row of $1: '$(row "$1")'"
	return 1
}

tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t -e 'change-folder Live'"
tmux_wait_for "Charlie" 20 || bail_out "bote did not open Live"

# 1: news from another session, each within a 5 s deadline.
t0=$(date +%s%N)
imapc append Live Delta "Thu, 05 Nov 2026 10:00:00 +0100"
tmux_wait_for "Delta" 5; ok $? "a message appended elsewhere appears in the open list"
for _ in $(seq 100); do [ -s "$TEST_TMP/hook.out" ] && break; sleep 0.1; done
is "$(cat "$TEST_TMP/hook.out" 2>/dev/null)" "Live 1" "new_mail_command hears of it: folder and count"
diag "new mail on screen $(( ($(date +%s%N) - t0) / 1000000 )) ms after the append began (information, not a test)"
imapc store Live Bravo +FLAGS '\Flagged'
wait_row Bravo '^.{0,12}!'; ok $? "a flag set elsewhere shows on the row"
imapc store Live Bravo -FLAGS '\Flagged'
wait_row Bravo '^[^!]*Bravo'; ok $? "and its removal too"
imapc expunge Live Charlie
tmux_wait_gone "Charlie" 5; ok $? "a message expunged elsewhere leaves the list"
tmux_capture | grep -qF Alpha; ok $? "the other rows stay"

# 2: the server dies: offline shown, the list stays usable, changes are
# queued and shown at once, and made on the server when it is back.
t0=$(date +%s%N)
dovecot_pause
tmux_wait_for "[offline]" 10; ok $? "killing Dovecot shows the account offline"
diag "offline shown $(( ($(date +%s%N) - t0) / 1000000 )) ms after the kill began (information)"
tmux_capture | grep -qF Delta && tmux_capture | grep -qF Alpha
ok $? "the open list stays readable offline"
tmux_send =
tmux_send F
wait_row Alpha '^.{0,12}!'; ok $? "offline: F flags Alpha on the screen"
tmux_send j
tmux_send s
tmux_wait_for "Move to folder:" || bail_out "no move prompt"
tmux_send_text Archive
tmux_send Enter
tmux_wait_gone Bravo 5; ok $? "offline: s moves Bravo out of the list"
dovecot_resume || bail_out "dovecot did not come back"
t0=$(date +%s%N)
tmux_wait_gone "[offline]" 30; ok $? "bote reconnects when Dovecot is back"
diag "back online $(( ($(date +%s%N) - t0) / 1000000 )) ms after Dovecot was ready (information)"
imapc_wait Live $'^Alpha\t.*Flagged'; ok $? "the queued flag is made on the server"
imapc_wait Archive '^Bravo'; ok $? "the queued move is made on the server"
imapc_wait Live '^Bravo' absent; ok $? "Bravo is gone from Live on the server"
wait_row Alpha '^.{0,12}!'; ok $? "Alpha is still shown flagged"
imapc append Live Echo "Fri, 06 Nov 2026 10:00:00 +0100"
tmux_wait_for "Echo" 10; ok $? "and hears news again after reconnecting (folder reselected)"

# 3: the queue outlives bote; a change whose message went meanwhile is reported.
dovecot_pause
tmux_wait_for "[offline]" 10 || bail_out "not offline"
tmux_send =
tmux_send j
tmux_send F
wait_row Delta '^.{0,12}!'; ok $? "offline: F flags Delta on the screen"
tmux_send q
is "$(tmux_wait_exit 10)" 0 "q quits cleanly while offline"
tmux_stop
dovecot_resume || bail_out "dovecot did not come back"
imapc expunge Live Delta
tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t -e 'change-folder Live'"
tmux_wait_for "Echo" 20 || bail_out "bote did not open Live again"
tmux_wait_for "Offline change not made: 1 message in Live is gone." 20
ok $? "the queued flag on a message expunged meanwhile is reported"

# 4: q while idling quits at once (the IDLE is ended, not waited for).
tmux_send q
is "$(tmux_wait_exit 10)" 0 "q quits cleanly while bote idles"
tmux_stop

# 5: started while the server is down: offline, then the folders once it is up.
dovecot_pause
tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t"
tmux_wait_for "[offline]" 20; ok $? "started with the server down: offline"
dovecot_resume || bail_out "dovecot did not come back"
tmux_wait_for "Archive" 30; ok $? "the folder list arrives once the server is up"
tmux_send q
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits"
tmux_stop

done_testing
