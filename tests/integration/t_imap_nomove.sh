#!/bin/bash
# t_imap_nomove.sh - moving and expunging on servers without MOVE and
# without UIDPLUS (Dovecot with a reduced imap_capability): bote never
# removes a message another client only marked \Deleted.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"

DOVECOT_EXTRA_CONF=$(imap_caps_without MOVE)
export DOVECOT_EXTRA_CONF
pop3_begin
trap 'tmux_stop; pop3_end' EXIT
cfg=$TEST_TMP/config

seed_work() {
	imapc create Work || bail_out "cannot create Work"
	imapc append Work Alpha "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)'
	imapc append Work Bravo "Tue, 03 Nov 2026 10:00:00 +0100" '(\Seen)'
	imapc append Work Charlie "Wed, 04 Nov 2026 10:00:00 +0100" '(\Seen)'
	imapc append Work Other "Thu, 05 Nov 2026 10:00:00 +0100" '(\Seen \Deleted)'
}

open_work() {
	tmux_start 160 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a t -e 'change-folder Work'"
	tmux_wait_for "Charlie" 20 || bail_out "bote did not open Work"
	tmux_send =
}

move_first_to_archive() {
	tmux_send s
	tmux_wait_for "Move to folder:" || return 1
	tmux_send_text Archive
	tmux_send Enter
}

# 1: no MOVE, UIDPLUS: COPY, \Deleted, UID EXPUNGE of that one message.
imap_config "$cfg" t
seed_work
open_work
move_first_to_archive
imapc_wait Archive '^Alpha'; ok $? "without MOVE: Alpha is copied into Archive"
imapc_wait Work '^Alpha' absent; ok $? "and removed from Work (UID EXPUNGE)"
imapc subjects Work | grep -qE $'^Other\t.*Deleted'
ok $? "another client's \\Deleted message in Work survives the move"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

# 2: neither MOVE nor UIDPLUS: only a plain EXPUNGE exists, which would take Other too.
dovecot_stop
DOVECOT_EXTRA_CONF=$(imap_caps_without MOVE UIDPLUS)
dovecot_start >&2 || bail_out "the dovecot fixture did not restart"
imap_config "$cfg" t
seed_work
open_work
move_first_to_archive
tmux_wait_for "cannot finish the move to folder 'Archive'" 15
ok $? "without UIDPLUS: the move stops short, saying so"
tmux_capture | grep -q "original stays marked deleted"; ok $? "and that the original stays marked deleted"
imapc_wait Archive '^Alpha'; ok $? "the copy is in Archive"
imapc subjects Work | grep -qE $'^Alpha\t.*Deleted'; ok $? "the original is in Work, marked \\Deleted"
imapc subjects Work | grep -qE $'^Other\t.*Deleted'; ok $? "another client's \\Deleted message survives"

# An expunge while another client has marked mail bote does not know of is refused.
imapc store Work Charlie +FLAGS '\Deleted'
tmux_send '$'
tmux_wait_for "cannot expunge folder 'Work'" 15; ok $? "\$ is refused while unknown \\Deleted mail is there"
imapc subjects Work | grep -qE $'^Charlie\t.*Deleted'; ok $? "the other client's message is still there"
imapc subjects Work | grep -qE $'^Alpha\t'; ok $? "and so is Alpha"

# Once every \Deleted message is one bote shows as deleted, a plain EXPUNGE is safe.
imapc store Work Charlie -FLAGS '\Deleted'
tmux_send '$'
imapc_wait Work '^Alpha' absent; ok $? "\$ then expunges Alpha"
imapc_wait Work '^Other' absent; ok $? "and Other, which bote showed as deleted"
imapc subjects Work | grep -qE $'^Charlie\t'; ok $? "Charlie, no longer marked, stays"
imapc subjects Work | grep -qE $'^Bravo\t'; ok $? "and so does Bravo"

# APPEND without UIDPLUS (no APPENDUID) stores the message all the same.
printf 'From: a@example.org\nSubject: Appended plain\n\nbody\n' >"$TEST_TMP/plain.eml"
"$BOTE" -F "$cfg" -a t save Work "$TEST_TMP/plain.eml" 2>"$TEST_TMP/err"
is "$?" 0 "bote save without UIDPLUS exits 0" || diag "$(cat "$TEST_TMP/err")"
imapc subjects Work | grep -q '^Appended plain'; ok $? "the plain APPEND arrived"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

done_testing
