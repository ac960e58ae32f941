#!/bin/bash
# t_imap_startup.sh - a restart of bote on an IMAP account shows the cached
# folder list at once and selects INBOX before it sends LIST (a LIST first
# makes Dovecot's SELECT of a big Maildir INBOX resync it), then asks the
# server for the folders once the index is open, so a folder created in
# between still shows.  Dovecot's rawlog is the witness.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
export DOVECOT_RAWLOG=1
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

cfg=$TEST_TMP/config
imap_config "$cfg" t
imapc append INBOX "Startup one" "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)' || bail_out "append failed"
imapc append INBOX "Startup two" "Tue, 03 Nov 2026 10:00:00 +0100"
rawlog=$DOVECOT_DIR/rawlog
# The folder listing (LIST "" "" only asks for the delimiter, which does no harm).
listall=' LIST "" "\*"'

nsessions() { ls "$rawlog"/*.in 2>/dev/null | wc -l; }
newest() { ls -t "$rawlog"/*.in 2>/dev/null | head -1; }
# line NUMBER of the first command in file $1 matching the regex $2, or nothing
first_line() { grep -n -i -E -- "$2" "$1" | head -1 | cut -d: -f1; }
# wait until the newest session has sent a command matching $1 (10 s)
wait_sent() {
	local deadline=$(( $(date +%s) + 10 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ -n "$(newest)" ] && grep -q -i -E -- "$1" "$(newest)" && return 0
		sleep 0.1
	done
	diag "the newest session sent: $(cat "$(newest)" 2>/dev/null | tr '\r\n' '  ')"
	return 1
}
start() {
	tmux_start 100 20 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t"
	tmux_wait_for "bote: INBOX [2 messages" 20
}
quit() {
	tmux_send q
	tmux_wait_exit 10 >/dev/null
}

# 1: the first start has no cached folder list: LIST, then SELECT, as ever.
start; ok $? "the first start opens INBOX"
wait_sent "$listall"; ok $? "the first start lists the folders"
first=$(newest)
quit
l=$(first_line "$first" "$listall")
s=$(first_line "$first" ' SELECT ')
[ -n "$l" ] && [ -n "$s" ] && [ "$l" -lt "$s" ]
ok $? "without a cached list, LIST comes before SELECT (line $l, $s)"

# 2: a folder created meanwhile; the restart selects first and lists after.
imapc create Later || bail_out "cannot create Later"
n=$(nsessions)
start; ok $? "the restart opens INBOX"
wait_sent "$listall"; ok $? "the restart asks the server for the folders after all"
second=$(newest)
is "$(nsessions)" $((n + 1)) "in one session"
l=$(first_line "$second" "$listall")
s=$(first_line "$second" ' SELECT ')
[ -n "$l" ] && [ -n "$s" ] && [ "$s" -lt "$l" ]
ok $? "INBOX is selected before the folders are listed (line $s, $l)" ||
	diag "$(tr '\r' ' ' <"$second")"
tmux_send c
tmux_wait_for "Later" 10; ok $? "the folder created in between is listed"
quit
done_testing
