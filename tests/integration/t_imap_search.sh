#!/bin/bash
# t_imap_search.sh - body and header patterns on IMAP are decided by the
# server (UID SEARCH), not by downloading messages: a TUI limit with ~b
# finds the one message whose body has the word, and Dovecot's rawlog shows
# the SEARCH and no body FETCH.  Non-ASCII text goes as a UTF-8 literal; a
# regex, or non-ASCII text for a server without LITERAL+, falls back to
# reading the messages.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
DOVECOT_EXTRA_CONF='protocol imap {
  rawlog_dir = @DOVECOT_DIR@/rawlog
}'
export DOVECOT_EXTRA_CONF
pop3_begin
trap 'tmux_stop; pop3_end' EXIT
mkdir -p "$DOVECOT_DIR/rawlog" && chmod 1777 "$DOVECOT_DIR/rawlog"

mailgen "$DOVECOT_MAILDIR" 60 --seed 4 --prefix plain || bail_out "mailgen failed"
msg() {	# msg SUBJECT BODY COLOUR: one message into INBOX
	printf 'From: Finder <finder@example.org>\nTo: bote <bote@example.org>\nSubject: %s\nDate: Mon, 02 Nov 2026 10:00:00 +0100\nMessage-ID: <%s@search.test>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\nX-Colour: %s\n\n%s\n' \
		"$1" "$1" "$3" "$2" >"$TEST_TMP/m.eml"
	dovecot_seed_file INBOX "$TEST_TMP/m.eml" || bail_out "seeding $1 failed"
}
msg "needle one" "The word aardvarkish is only in this body." blue
msg "needle two" "Grüße aus der Straßenbahn, sagt der Text." green
msg "needle three" "Nothing special here." red
cfg=$TEST_TMP/config
imap_config "$cfg" t

# rawlog_in: everything bote sent to Dovecot so far (the *.in files).
rawlog_in() {
	cat "$DOVECOT_DIR"/rawlog/*.in 2>/dev/null
}

prompt_cmd() {
	tmux_send "$1"
	tmux_send_text "$2"
	tmux_send Enter
}

tmux_start 120 30 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a t"
tmux_wait_for "63 messages" 20 || bail_out "bote did not open INBOX"
ls "$DOVECOT_DIR"/rawlog/*.in >/dev/null 2>&1 || bail_out "Dovecot wrote no rawlog"

# 1: a body word.
prompt_cmd l "~b aardvarkish"
tmux_wait_for "/1 -- limit" 20; ok $? "l ~b aardvarkish leaves one message"
tmux_capture | grep -q "needle one"; ok $? "the one whose body has the word"
rawlog_in | grep -qiE 'UID SEARCH .*BODY "?aardvarkish'; ok $? "bote asked the server (UID SEARCH ... BODY)" ||
	diag "$(rawlog_in | grep -i search)"
rawlog_in | grep -qiE 'BODY(\.PEEK)?\[(TEXT)?\]|RFC822([^.]|$)|RFC822\.TEXT'
ok $(( ! $? )) "and fetched no message body" || diag "$(rawlog_in | grep -iE 'BODY(\.PEEK)?\[(TEXT)?\]|RFC822')"

# 2: non-ASCII text goes as a UTF-8 literal.
prompt_cmd l "~b Straßenbahn"
tmux_wait_for "needle two" 20; ok $? "l ~b Straßenbahn finds the German body"
tmux_capture | grep -q "/1 -- limit"; ok $? "and only it"
rawlog_in | grep -qiE 'UID SEARCH CHARSET UTF-8 .*BODY \{[0-9]+\+\}'; ok $? "as CHARSET UTF-8 with a LITERAL+ literal" ||
	diag "$(rawlog_in | grep -ai search)"

# 3: ~h Field: value is a HEADER search; ORed with a local summary test.
prompt_cmd l "~h 'X-Colour: green' | ~s 'needle three'"
tmux_wait_for "/2 -- limit" 20; ok $? "~h X-Colour: green | ~s ... leaves two messages"
rawlog_in | grep -qiE 'UID SEARCH .*HEADER "?X-Colour"? "?green'; ok $? "the header test went to the server as HEADER" ||
	diag "$(rawlog_in | grep -ai search)"
rawlog_in | grep -qiE 'BODY(\.PEEK)?\[(TEXT)?\]'
ok $(( ! $? )) "still no message body fetched"

# 4: a regex cannot go to the server: bote reads the messages and still finds it.
prompt_cmd l "~b 'aardvark(ish|ous)'"
tmux_wait_for "/1 -- limit" 30; ok $? "a regex body pattern is decided by reading the messages"
tmux_capture | grep -q "needle one"; ok $? "with the same answer"
rawlog_in | grep -qiE 'BODY(\.PEEK)?\[\]'; ok $? "(which needs the bodies, as the rawlog shows)"

tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

# 5: without LITERAL+ non-ASCII text cannot go as a literal: bote reads the messages.
dovecot_stop
DOVECOT_EXTRA_CONF="$(imap_caps_without LITERAL+)
$DOVECOT_EXTRA_CONF"
dovecot_start >&2 || bail_out "the dovecot fixture did not restart"
mkdir -p "$DOVECOT_DIR/rawlog" && chmod 1777 "$DOVECOT_DIR/rawlog"
imap_config "$cfg" t
msg "needle one" "The word aardvarkish is only in this body." blue
msg "needle two" "Grüße aus der Straßenbahn, sagt der Text." green
tmux_start 120 30 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a t"
tmux_wait_for "2 messages" 20 || bail_out "bote did not open INBOX again"
prompt_cmd l "~b aardvarkish"
tmux_wait_for "/1 -- limit" 20; ok $? "without LITERAL+: an ASCII body word is still found"
rawlog_in | grep -qiE 'BODY(\.PEEK)?\[\]'; ok $(( ! $? )) "by the server, no body fetched"
prompt_cmd l "~b Straßenbahn"
tmux_wait_for "needle two" 20; ok $? "the German body word is found too"
rawlog_in | grep -qi 'CHARSET'; ok $(( ! $? )) "without sending a UTF-8 search" || diag "$(rawlog_in | grep -ai search)"
rawlog_in | grep -qiE 'BODY(\.PEEK)?\[\]'; ok $? "by reading the messages"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

done_testing
