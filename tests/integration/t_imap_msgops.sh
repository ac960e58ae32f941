#!/bin/bash
# t_imap_msgops.sh - message operations from the TUI on a real Dovecot: a tagged
# move and its undo (COPYUID), delete to Trash and undo, archive, read/unread,
# save-to-file (.eml as the server has it, mbox quoting) and delete = mark,
# each checked by a second client.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

imapc create Work || bail_out "cannot create Work"
imapc create Projekte || bail_out "cannot create Projekte"
imapc append Work "Carol 1" "Mon, 02 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work "Carol 2" "Tue, 03 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work "Carol 3" "Wed, 04 Nov 2026 10:00:00 +0100" '(\Seen)'
imapc append Work "Delta" "Thu, 05 Nov 2026 10:00:00 +0100" '(\Seen)'
cat >"$TEST_TMP/foxtrot" <<'MSG'
From: Dora <dora@example.org>
To: bob@example.org
Subject: Foxtrot
Date: Sat, 07 Nov 2026 10:00:00 +0100
Message-ID: <foxtrot@example.org>

From the start.
>From quoted once.
MSG
imapc appendfile Work "$TEST_TMP/foxtrot" || bail_out "append failed"
cfg=$TEST_TMP/config
imap_config "$cfg" t
mkdir -p "$TEST_TMP/out"

# imapc_wait FOLDER PATTERN [absent|COUNT]: until the second client's listing matches,
# no longer matches, or matches COUNT lines.
imapc_wait() {
	local deadline=$(( $(date +%s) + 15 )) got
	while [ "$(date +%s)" -le "$deadline" ]; do
		got=$(imapc subjects "$1")
		case ${3:-} in
		absent)	echo "$got" | grep -qE "$2" || return 0 ;;
		"")	echo "$got" | grep -qE "$2" && return 0 ;;
		*)	[ "$(echo "$got" | grep -cE "$2")" = "$3" ] && return 0 ;;
		esac
		sleep 0.2
	done
	diag "$1: $got"
	return 1
}

cmd() {
	tmux_send :
	tmux_send_text "$1"
	tmux_send Enter
}

start() {
	tmux_start 110 24 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t -e 'change-folder Work'"
	tmux_wait_for "bote: Work [$1 messages" 20 || bail_out "bote did not open Work"
}

start 5
tmux_send T
tmux_send_text "~s Carol"
tmux_send Enter
tmux_wait_for "3 messages tagged."; ok $? "T ~s Carol tags three messages"
tmux_send '\;' s
tmux_send_text Projekte
tmux_send Enter
imapc_wait Projekte '^Carol' 3; ok $? "; s moves the three into Projekte on the server"
imapc_wait Work '^Carol' absent; ok $? "and they left Work"
tmux_wait_for "bote: Work [2 messages"; ok $? "the list lost them"
tmux_send Escape u
imapc_wait Work '^Carol' 3; ok $? "Esc u moves them back by the UIDs COPYUID named"
imapc_wait Projekte '^Carol' absent; ok $? "Projekte is empty again"
tmux_wait_for "Undone: back in Work."; ok $? "undo says what it did"
tmux_wait_for "bote: Work [5 messages"; ok $? "the list shows them again"
grep -qE $'^Carol 1\t.*Seen' <<<"$(imapc subjects Work)"; ok $? "they kept their flags"

# Delete goes to the Trash role folder; undo; archive to the Archive role folder.
tmux_send =
tmux_send d
imapc_wait Trash '^Carol 1'; ok $? "d moves the message to Trash (SPECIAL-USE)"
tmux_wait_for "bote: Work [4 messages"
cmd undo
imapc_wait Work '^Carol 1'; ok $? "undo brings it back from Trash"
imapc_wait Trash '^Carol 1' absent; ok $? "and Trash no longer has it"
tmux_wait_for "bote: Work [5 messages"
tmux_send =
tmux_send A
imapc_wait Archive '^Carol 1'; ok $? "A archives the message (SPECIAL-USE Archive)"
tmux_wait_for "bote: Work [4 messages"; ok $? "it left the list"

# Read/unread, flag/unflag.
tmux_send =
cmd mark-unread
imapc_wait Work $'^Carol 2\t[^S]*$'; ok $? "mark-unread clears \\Seen"
cmd mark-flagged
imapc_wait Work $'^Carol 2\t.*Flagged'; ok $? "mark-flagged sets \\Flagged"
cmd mark-read
imapc_wait Work $'^Carol 2\t.*Seen'; ok $? "mark-read sets \\Seen"
cmd mark-unflagged
imapc_wait Work $'^Carol 2\t.*Flagged' absent; ok $? "mark-unflagged clears it"

# Save to file through fetch_message.
tmux_send '*'
cmd "save-to-file $TEST_TMP/out/foxtrot.eml"
tmux_wait_for "1 message saved to"; ok $? "save-to-file on IMAP"
imapc raw Work Foxtrot >"$TEST_TMP/server.eml"
[ -s "$TEST_TMP/server.eml" ] && cmp -s "$TEST_TMP/out/foxtrot.eml" "$TEST_TMP/server.eml"
ok $? ".eml is byte-identical to the server's message"
cmd "save-to-file $TEST_TMP/out/foxtrot.mbox"
tmux_wait_for "saved to $TEST_TMP/out/foxtrot.mbox"; ok $? "and as mbox"
mb=$TEST_TMP/out/foxtrot.mbox
head -1 "$mb" | grep -qE '^From dora@example\.org Sat Nov  7 09:00:00 2026$'; ok $? "mbox From_ line"
grep -qx '>From the start.' "$mb" && grep -qx '>>From quoted once.' "$mb"; ok $? "mboxrd quoting"
grep -q $'\r' "$mb"; ok $(( ! $? )) "CRLF from the server became LF"
cmd "save-to-file $TEST_TMP/out/foxtrot.eml"
tmux_wait_for "The file exists. Overwrite? (y/n)"; ok $? "an existing file is not overwritten without asking"
tmux_send Escape
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits cleanly"
tmux_stop

# delete = mark: \Deleted, undo clears it, sync expunges.
imap_config "$cfg" t
{ printf '[general]\ndelete = mark\n'; cat "$cfg"; } >"$cfg.new" && mv "$cfg.new" "$cfg"
chmod 600 "$cfg"
start 4
tmux_send =
tmux_send d
imapc_wait Work $'^Carol 2\t.*Deleted'; ok $? "delete = mark sets \\Deleted on the server"
imapc_wait Trash '^Carol 2' absent; ok $? "and moves nothing to Trash"
tmux_send Escape u
imapc_wait Work $'^Carol 2\t.*Deleted' absent; ok $? "undo clears \\Deleted"
tmux_send = d '$'
imapc_wait Work '^Carol 2' absent; ok $? "sync-mailbox expunges it"
is "$(imapc subjects Work | cut -f1 | sort | tr '\n' ' ')" "Carol 3 Delta Foxtrot " "and nothing else"
tmux_send q
is "$(tmux_wait_exit 10)" 0 "bote quits cleanly"
done_testing
