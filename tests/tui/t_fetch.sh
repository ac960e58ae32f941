#!/bin/bash
# t_fetch.sh - POP3 in the terminal UI: G fetches from a real Dovecot on the
# worker with a progress line, the spool's inbox shows what arrived, and
# fetch_interval brings in mail delivered while bote runs.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/pop3.sh" || bail_out "tests/lib/pop3.sh missing"
pop3_begin
mkdir "$TEST_TMP/tmp"
trap 'tmux_stop; pop3_end' EXIT
mailgen "$DOVECOT_MAILDIR" 30 --seed 3 --prefix tui ||
	bail_out "mailgen failed"

cfg=$TEST_TMP/config
pop3_config "$cfg" home "keep_on_server = never"
sed -i "s|^spool = .*|spool = $TEST_TMP/Mail/home|" "$cfg"
env="HOME=$TEST_TMP XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR"

tmux_start 110 24 "$env $BOTE -F $cfg"
tmux_wait_for "q:Quit" || bail_out "bote did not start on the POP3 account"
ok 0 "bote opens the configured POP3 account's spool before any fetch"
tmux_send G
tmux_wait_for "30 new messages" 20
ok $? "G fetches the 30 messages on the worker and says so"
tmux_wait_for "INBOX [30 messages"
ok $? "the spool's inbox shows the fetched mail"
is "$(find "$TEST_TMP/Mail/home/new" "$TEST_TMP/Mail/home/cur" -type f | wc -l)" 30 "30 files in the spool"
is "$(find "$DOVECOT_MAILDIR/new" "$DOVECOT_MAILDIR/cur" -type f | wc -l)" 0 "deleted on the server after the fetch"
tmux_send G
tmux_wait_for "0 new messages" 20
ok $? "a second G finds nothing new"
mailgen "$DOVECOT_MAILDIR" 2 --seed 5 --prefix prompt
tmux_send ':'
tmux_send_text 'fetch-mail'
tmux_send Enter
tmux_wait_for "2 new messages" 20
ok $? "fetch-mail from the : prompt fetches the 2 new messages"
tmux_wait_for "INBOX [32 messages" 20
ok $? "and the list shows them"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"

# fetch_interval: mail delivered while bote runs shows up by itself.
printf 'fetch_interval = 2\n' >>"$cfg"
tmux_start 110 24 "$env $BOTE -F $cfg"
tmux_wait_for "INBOX [32 messages" || bail_out "bote did not start again"
mailgen "$DOVECOT_MAILDIR" 3 --seed 4 --prefix later
tmux_wait_for "INBOX [35 messages" 20
ok $? "with fetch_interval new mail appears without a key"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits while fetches come and go"
# ^G cancels a fetch stuck on a server that drips a message byte by byte,
# at once, and the UI answers keys meanwhile.
python3 "$top_srcdir/tests/hostile/pop3_server.py" slow_drip "$TEST_TMP/port" "$TEST_TMP/log" &
server=$!
for _ in $(seq 100); do [ -s "$TEST_TMP/port" ] && break; sleep 0.05; done
slow=$TEST_TMP/slow.conf
printf '[account "slow"]\nprotocol = pop3\nhost = 127.0.0.1\nport = %s\ntls = none\n' \
	"$(cat "$TEST_TMP/port")" >"$slow"
printf 'user = u\npassword = p\nspool = %s/Mail/slow\ntimeout = 60\n' "$TEST_TMP" >>"$slow"
chmod 600 "$slow"
tmux_start 110 24 "$env $BOTE -F $slow"
tmux_wait_for "q:Quit" || bail_out "bote did not start on the slow account"
tmux_send G
tmux_wait_for "Fetching [" 10
ok $? "the fetch shows a progress bar"
tmux_send '?'
tmux_wait_for "Keys in the message list" 2
ok $? "help opens while the fetch waits for the server"
tmux_send q
# Cancel only once message 1 is in: bote asks for message 2 (no pipelining
# here) only after it has read and written message 1.  Under load the
# keys above can come faster than the server's first reply.
for _ in $(seq 200); do grep -q '^RETR 2' "$TEST_TMP/log" 2>/dev/null && break; sleep 0.05; done
tmux_send C-g
tmux_wait_for "Fetch cancelled" 3
ok $? "^G cancels the stuck fetch within seconds"
is "$(find "$TEST_TMP/Mail/slow/new" "$TEST_TMP/Mail/slow/cur" -type f | wc -l)" 1 "the message that arrived before is kept"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits after the cancel"
kill "$server" 2>/dev/null
done_testing
