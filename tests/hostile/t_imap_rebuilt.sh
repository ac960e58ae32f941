#!/bin/bash
# t_imap_rebuilt.sh - security plan case 14 in the terminal UI: the IMAP
# connection breaks while a folder is open and the folder comes back
# rebuilt (another UIDVALIDITY, the same UIDs naming other messages).
# Opening a message then must say so, never show the rebuilt folder's
# message in place of the one listed.  Scripted server on 127.0.0.1.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
hostile_begin
trap 'tmux_stop; stop_server; tap_cleanup_tmp' EXIT
mkdir "$TEST_TMP/tmp"

hostile_server imap_server.py uidvalidity_change
cfg=$TEST_TMP/config
printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\ntls = none\n' "$port" >"$cfg"
printf 'user = hostile\npassword = secret-pw\ntimeout = 5\n' >>"$cfg"
chmod 600 "$cfg"
env="HOME=$TEST_TMP XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR"

tmux_start 110 24 "$env $BOTE -F $cfg"
tmux_wait_for "first message" 20
ok $? "the folder opens with the messages of the first session"
# The server has closed the first connection; each Enter opens the selected
# message, and the second (or first) finds the folder rebuilt on reconnecting.
for _ in 1 2 3; do
	tmux_send Enter
	tmux_wait_for "rebuilt" 10 >/dev/null 2>&1 && break
done
tmux_capture | grep -qF "rebuilt"
ok $? "opening a message after the reconnect says the folder was rebuilt" || tmux_capture | sed 's/^/# /'
tmux_capture | grep -qF "WRONG"
ok $(( $? == 0 )) "no message of the rebuilt folder is shown in place of the listed one"
done_testing
