#!/bin/bash
# t_imap_url.sh - `bote -f imaps://USER@HOST:PORT/FOLDER` opens the terminal
# UI on that IMAP folder: without a configuration it asks for the password
# on the terminal; with a configured account for the same server it uses
# that account's trust and password_command.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

imapc create Work || bail_out "cannot create Work"
imapc append Work Alpha "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work Bravo "Tue, 03 Nov 2026 10:00:00 +0100"
imapc append INBOX "Inbox only" "Wed, 04 Nov 2026 10:00:00 +0100"
url="imaps://$DOVECOT_USER@127.0.0.1:$DOVECOT_IMAPS_PORT/Work"

# 1: no configuration: the password is asked on the terminal (the CA via SSL_CERT_FILE).
tmux_start 100 20 "SSL_CERT_FILE=$DOVECOT_CA HOME=$HOME XDG_CONFIG_HOME=$TEST_TMP/none XDG_CACHE_HOME=$XDG_CACHE_HOME BOTE_DATADIR=$BOTE_DATADIR $BOTE -f $url"
tmux_wait_for "Password for $DOVECOT_USER@127.0.0.1:" 15; ok $? "bote -f imaps://... asks for the password"
tmux_send_text "$DOVECOT_PASS"
tmux_send Enter
tmux_wait_for "Bravo" 20; ok $? "and opens the URL's folder"
tmux_capture | grep -q "Alpha"; ok $? "with its messages"
tmux_capture | grep -q "Inbox only"; ok $(( ! $? )) "not INBOX"
tmux_capture | grep -qF -- "-- bote: Work ["; ok $? "the status line names Work"
tmux_capture | grep -qF "$DOVECOT_PASS"; ok $(( ! $? )) "the password is not on the screen"
tmux_send c
tmux_wait_for "Archive" 15; ok $? "the folder list is the server's"
tmux_send q
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

# 2: a configured account for the same server lends ca_file and password_command.
cfg=$TEST_TMP/config
imap_config "$cfg" t
tmux_start 100 20 "HOME=$HOME XDG_CACHE_HOME=$XDG_CACHE_HOME BOTE_DATADIR=$BOTE_DATADIR $BOTE -F $cfg -f ${url%/Work}"
tmux_wait_for "Inbox only" 20; ok $? "a URL without a folder opens INBOX, with the configured account's settings"
tmux_capture | grep -q "Password for"; ok $(( ! $? )) "without asking for a password"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

# 3: no terminal to ask on: one line, exit 1.
"$BOTE" -f "$url" </dev/null >/dev/null 2>"$TEST_TMP/err"
is "$?" 2 "without a terminal the UI refuses to start (exit 2)"
is "$(wc -l <"$TEST_TMP/err")" 1 "with one line"

done_testing
