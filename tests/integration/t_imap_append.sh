#!/bin/bash
# t_imap_append.sh - the append driver op: `bote save` into a folder of the
# real Dovecot (from a file and from a pipe) and of a Maildir, byte for
# byte; copy-message and save-message to ACCOUNT:FOLDER of another account
# in the TUI, both ways between IMAP and a Maildir, the source kept until
# the copy is confirmed.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/maildir.sh"
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

imapc create Work || bail_out "cannot create Work"
imapc append Work Alpha "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work Bravo "Tue, 03 Nov 2026 10:00:00 +0100" '(\Seen)'
spool=$TEST_TMP/spool
maildir_make "$spool"
maildir_make "$spool/.Archive"
maildir_put "$spool/.Archive" cur "local-1:2,S" "Local one"
cfg=$TEST_TMP/config
imap_config "$cfg" t
printf '[account "local"]\nprotocol = maildir\nspool = %s\n' "$spool" >>"$cfg"
msg=$TEST_TMP/msg.eml
printf 'From: Saver <saver@example.org>\nTo: bote@example.org\nSubject: Saved one\nDate: Wed, 04 Nov 2026 10:00:00 +0100\nMessage-ID: <saved-1@example.org>\n\nKept line one.\nKept line two: gr\303\274n.\n' >"$msg"

# 1: bote save into IMAP, from a file and from a pipe.
"$BOTE" -F "$cfg" -a t save Work "$msg" 2>"$TEST_TMP/err"
is "$?" 0 "bote save FOLDER FILE into IMAP exits 0" || diag "$(cat "$TEST_TMP/err")"
imapc subjects Work | grep -q '^Saved one'; ok $? "the message is in Work on the server"
sed 's/Saved one/Piped two/' "$msg" | "$BOTE" -F "$cfg" -a t save Work 2>"$TEST_TMP/err"
is "$?" 0 "bote save FOLDER from a pipe exits 0" || diag "$(cat "$TEST_TMP/err")"
imapc subjects Work | grep -q '^Piped two'; ok $? "the piped message is in Work"
n=$("$BOTE" -F "$cfg" -a t list Work | grep -P '\tSaved one\t' | cut -f1)
"$BOTE" -F "$cfg" -a t show "$n" Work | grep -q "Kept line two: grün."; ok $? "its body arrived intact"
"$BOTE" -F "$cfg" -a t save Nowhere "$msg" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "saving into a folder the server does not have fails"
is "$(wc -l <"$TEST_TMP/err")" 1 "with one line"

# 2: bote save into a Maildir folder: new/, byte for byte, nothing left in tmp/.
"$BOTE" save -f "$spool" Archive "$msg" 2>"$TEST_TMP/err"
is "$?" 0 "bote save -f MAILDIR FOLDER exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(ls "$spool/.Archive/new" | wc -l)" 1 "one new file in .Archive/new"
cmp -s "$msg" "$spool/.Archive/new/"* ; ok $? "identical to the input"
is "$(ls "$spool/.Archive/tmp" | wc -l)" 0 "tmp/ is empty again"
rm -f "$spool/.Archive/new/"*

# 3: the TUI copies and moves from IMAP to the Maildir account.
tmux_start 120 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a t -e 'change-folder Work'"
tmux_wait_for "Bravo" 20 || bail_out "bote did not open Work"
tmux_send =
tmux_send C
tmux_wait_for "Copy to folder:" || bail_out "no copy prompt"
tmux_send_text "local:Archive"
tmux_send Enter
tmux_wait_for "Copied to local:Archive." 20; ok $? "C local:Archive copies to the other account"
grep -l '^Subject: Alpha' "$spool/.Archive/cur/"* >/dev/null 2>&1; ok $? "Alpha is in the Maildir's Archive"
ls "$spool/.Archive/cur/" | grep -v '^local-1' | grep -q ':2,S$'; ok $? "with its \\Seen flag (cur/, :2,S)"
imapc subjects Work | grep -qE $'^Alpha\t'; ok $? "and still in Work"
tmux_send j
tmux_send s
tmux_wait_for "Move to folder:" || bail_out "no move prompt"
tmux_send_text "local:Archive"
tmux_send Enter
tmux_wait_for "Moved to local:Archive; the originals are marked deleted." 20
ok $? "s local:Archive moves to the other account"
grep -l '^Subject: Bravo' "$spool/.Archive/cur/"* >/dev/null 2>&1; ok $? "Bravo is in the Maildir's Archive"
imapc subjects Work | grep -qE $'^Bravo\t.*Deleted'; ok $? "and marked \\Deleted in Work, not yet removed"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

# 4: and from the Maildir account into IMAP.
tmux_start 120 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a local -e 'change-folder Archive'"
tmux_wait_for "Local one" 20 || bail_out "bote did not open the local Archive"
tmux_send =
tmux_send C
tmux_wait_for "Copy to folder:" || bail_out "no copy prompt"
tmux_send_text "t:Sent"
tmux_send Enter
tmux_wait_for "Copied to t:Sent." 20; ok $? "C t:Sent copies from the Maildir to IMAP"
imapc subjects Sent | grep -qE $'^(Local one|Alpha|Bravo)\t.*Seen'; ok $? "the message is in Sent, \\Seen" ||
	diag "$(imapc subjects Sent)"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

done_testing
