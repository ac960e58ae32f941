#!/bin/bash
# t_imap_basic.sh - the IMAP-live driver against a real Dovecot: folders with
# roles, counts and a non-ASCII name; list and show of 200 messages; TLS
# refusals (unknown CA, a certificate for another name) and pins; STARTTLS;
# a wrong password; flags and a move from the TUI, checked by a second
# client.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
# 127.0.0.2 as well: the same certificate under an address it does not name.
export DOVECOT_EXTRA_CONF='service imap-login {
  inet_listener imaps {
    address = 127.0.0.1, 127.0.0.2
  }
}'
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

mailgen "$DOVECOT_MAILDIR" 200 --seed 9 --prefix basic || bail_out "mailgen failed"
imapc create "Café/日本" || bail_out "cannot create the non-ASCII folder"
imapc append "Café/日本" "Grüße" "Mon, 02 Nov 2026 10:00:00 +0100" || bail_out "append failed"
cfg=$TEST_TMP/config
imap_config "$cfg" t

# 1: folders, roles, counts, the decoded name.
out=$("$BOTE" -F "$cfg" -a t folders 2>"$TEST_TMP/err")
is "$?" 0 "folders exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(echo "$out" | cut -f1 | tr '\n' ' ')" "INBOX Archive Café/日本 Drafts Junk Sent Trash " \
	"folders: INBOX first, the special folders and the decoded non-ASCII name"
is "$(echo "$out" | cut -f1,4 | grep -v '^Café' | tr '\t\n' ': ')" \
	"INBOX:inbox Archive:archive Drafts:drafts Junk:junk Sent:sent Trash:trash " \
	"folders: SPECIAL-USE roles"
is "$(echo "$out" | grep '^INBOX' | cut -f2,3 | tr '\t' ' ')" "200 200" "INBOX: 200 messages, 200 unread"
is "$(echo "$out" | grep '^Café' | cut -f2,3 | tr '\t' ' ')" "1 1" "the non-ASCII folder counts its message"

# 2: list: every subject and sender.
out=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$?" 0 "list exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(echo "$out" | wc -l)" 200 "list shows 200 messages"
want=$(seq 0 199 | sed 's/^/basic message /' | sort | md5sum)
is "$(echo "$out" | cut -f4 | sort | md5sum)" "$want" "list: every subject, decoded"
is "$(echo "$out" | grep -P '\tbasic message 40\t' | cut -f3)" "Sender 3" "list: the sender's name"
out=$("$BOTE" -F "$cfg" -a t list "Café/日本" 2>"$TEST_TMP/err")
is "$(echo "$out" | cut -f3,4 | tr '\t' ' ')" "Tester Grüße" "list opens the non-ASCII folder"

# 3: show N prints the right message, body included.
n=$("$BOTE" -F "$cfg" -a t list | grep -P '\tbasic message 77\t' | cut -f1)
file=$(grep -l '^Message-ID: <basic-77@bote.test>' "$DOVECOT_MAILDIR"/new/* "$DOVECOT_MAILDIR"/cur/* 2>/dev/null | head -1)
out=$("$BOTE" -F "$cfg" -a t show "$n" 2>"$TEST_TMP/err")
is "$?" 0 "show exits 0" || diag "$(cat "$TEST_TMP/err")"
echo "$out" | grep -q '^Subject: basic message 77$'; ok $? "show prints the subject of message 77"
last=$(grep -v '^$' "$file" | tail -1)
echo "$out" | grep -qF -- "$last"; ok $? "show prints the body of message 77"
"$BOTE" -F "$cfg" -a t list | grep -P '\tbasic message 77\t' | grep -q 'N---$'
ok $? "show peeks: message 77 is still unread"

# 4: TLS: the private CA is not trusted without ca_file; a pin is.
imap_config_bare "$cfg" t "port = $DOVECOT_IMAPS_PORT"
"$BOTE" -F "$cfg" -a t folders >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "an unknown CA is refused"
is "$(wc -l <"$TEST_TMP/err")" 1 "with one line"
grep -q 'sha256:' "$TEST_TMP/err"; ok $? "the error names the fingerprint" || diag "$(cat "$TEST_TMP/err")"
imap_config_bare "$cfg" t "port = $DOVECOT_IMAPS_PORT" "pin = $DOVECOT_CERT_SHA256"
out=$("$BOTE" -F "$cfg" -a t folders 2>"$TEST_TMP/err")
is "$(echo "$out" | head -1 | cut -f1)" "INBOX" "a pinned certificate is accepted" || diag "$(cat "$TEST_TMP/err")"

# 4b: a certificate from the trusted CA, but not for the address dialled.
imap_config "$cfg" t
sed -i 's/^host = 127.0.0.1$/host = 127.0.0.2/' "$cfg"
before=$(wc -l <"$DOVECOT_DIR/dovecot.log")
"$BOTE" -F "$cfg" -a t folders >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "a certificate for another host name is refused"
is "$(wc -l <"$TEST_TMP/err")" 1 "with one line"
grep -qi 'mismatch' "$TEST_TMP/err"; ok $? "saying the name does not match" || diag "$(cat "$TEST_TMP/err")"
# Dovecot logs the closed connection as it notices it.
seen=1
for _ in $(seq 100); do
	tail -n +"$((before + 1))" "$DOVECOT_DIR/dovecot.log" |
		grep -q 'bad certificate.*no auth attempts.*lip=127\.0\.0\.2' && { seen=0; break; }
	sleep 0.1
done
ok $seen "bote ended the handshake: Dovecot saw no login attempt" ||
	diag "$(tail -n +"$((before + 1))" "$DOVECOT_DIR/dovecot.log")"

# 5: STARTTLS on the plain port, verified.
imap_config_bare "$cfg" t "port = $DOVECOT_IMAP_PORT" "tls = starttls" "ca_file = $DOVECOT_CA"
out=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$(echo "$out" | wc -l)" 200 "STARTTLS: list shows 200 messages" || diag "$(cat "$TEST_TMP/err")"

# 6: a wrong password: one line, exit 1.
imap_config_bare "$cfg" t "port = $DOVECOT_IMAPS_PORT" "ca_file = $DOVECOT_CA"
sed -i "s/printf %s $DOVECOT_PASS/printf %s wrong-pw/" "$cfg"
"$BOTE" -F "$cfg" -a t folders >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "a wrong password fails"
is "$(wc -l <"$TEST_TMP/err")" 1 "with one line"
grep -q "login refused by '127.0.0.1'" "$TEST_TMP/err"; ok $? "saying the login was refused" ||
	diag "$(cat "$TEST_TMP/err")"
grep -q "wrong-pw" "$TEST_TMP/err"; is "$?" 1 "without quoting the password"

# 7: a URL without a terminal to ask for the password: one line.
"$BOTE" list -f "imap://bote@127.0.0.1:$DOVECOT_IMAP_PORT/INBOX" </dev/null >/dev/null 2>"$TEST_TMP/err"
rc=$?
[ "$rc" = 1 ] && [ "$(wc -l <"$TEST_TMP/err")" = 1 ]; ok $? "imap:// URL without a terminal: one-line error"

# 8: the TUI sets and clears a flag and moves a message; a second client sees it.
imap_config "$cfg" t
imapc create Work || bail_out "cannot create Work"
imapc append Work Alpha "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work Bravo "Tue, 03 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work Other "Thu, 05 Nov 2026 10:00:00 +0100" '(\Seen \Deleted)'

tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t -e 'change-folder Work'"
tmux_wait_for "Bravo" || bail_out "bote did not open Work"
tmux_send =
tmux_send F
imapc_wait Work $'^Alpha\t.*Flagged'; ok $? "F flags Alpha on the server"
tmux_send F
imapc_wait Work $'^Alpha\t.*Flagged' absent; ok $? "F again clears the flag"
tmux_send s
tmux_wait_for "Move to folder:"; ok $? "s asks for a folder"
tmux_send_text Archive
tmux_send Enter
imapc_wait Archive '^Alpha'; ok $? "s moves Alpha into Archive"
imapc_wait Work '^Alpha' absent; ok $? "Alpha is gone from Work"
imapc subjects Work | grep -qE $'^Other\t.*Deleted'
ok $? "another client's \\Deleted message in Work is not expunged by the move"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

done_testing
