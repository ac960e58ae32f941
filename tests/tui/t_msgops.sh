#!/bin/sh
# t_msgops.sh - tagged moves and undo, delete (trash and mark), archive, read/flag and save-to-file on the spool.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/maildir.sh"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap 'tmux_stop; tap_cleanup_tmp' EXIT
M=$TEST_TMP/Mail
maildir_make "$M"; maildir_make "$M/.Trash"; maildir_make "$M/.Archive"; maildir_make "$M/.Projekte"
maildir_put "$M" cur "1000.M1P1.test:2,S" "Alpha" "Carol <carol@example.org>" "Mon, 02 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "1001.M1P1.test:2,S" "Bravo" "Carol <carol@example.org>" "Tue, 03 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "1002.M1P1.test:2,S" "Charlie" "Carol <carol@example.org>" "Wed, 04 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "1003.M1P1.test:2,S" "Delta" "" "Thu, 05 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "1004.M1P1.test:2,S" "Echo" "" "Fri, 06 Nov 2026 10:00:00 +0100"
# A body with lines an mbox reader would take for separators.
cat >"$M/cur/1005.M1P1.test:2,S" <<'MSG'
From: Dora <dora@example.org>
To: bob@example.org
Subject: Foxtrot
Date: Sat, 07 Nov 2026 10:00:00 +0100
Message-ID: <1005@example.org>

From the start.
>From quoted once.
 From indented stays.
MSG
mkdir -p "$TEST_TMP/home" "$TEST_TMP/out"
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config" XDG_CACHE_HOME="$TEST_TMP/home/.cache"

# count DIR: messages in DIR/cur.
count() {
	ls "$1/cur" | wc -l | tr -d ' '
}

# wait_count DIR N: until DIR/cur holds N files.
wait_count() {
	deadline=$(( $(date +%s) + 15 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ "$(count "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	diag "$1/cur holds $(count "$1"), not $2:"; ls "$1/cur" | sed 's/^/#   /'
	return 1
}

wait_file() {
	deadline=$(( $(date +%s) + 15 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	diag "missing: $1"
	return 1
}

cmd() {
	tmux_send :
	tmux_send_text "$1"
	tmux_send Enter
}

tmux_start 110 24 "BOTE_DATADIR=$BOTE_DATADIR HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -f $M"
tmux_wait_for "bote: INBOX [6 messages" 20 || bail_out "bote did not start"

# Tag three by pattern, move them, undo.
tmux_send T
tmux_send_text "~f carol"
tmux_send Enter
tmux_wait_for "3 messages tagged."; ok $? "T ~f carol tags three messages"
tmux_send '\;' s
tmux_send_text Projekte
tmux_send Enter
tmux_wait_for "3 messages moved to Projekte."; ok $? "; s moves the tagged messages"
wait_count "$M/.Projekte" 3; ok $? "Projekte holds the three on disk"
is "$(count "$M")" 3 "INBOX kept the other three"
tmux_wait_for "bote: INBOX [3 messages"; ok $? "the list lost them at once"
tmux_send Escape u
wait_count "$M" 6; ok $? "Esc u moves the files back into INBOX"
tmux_wait_for "Undone: back in INBOX."; ok $? "and says what it undid"
is "$(count "$M/.Projekte")" 0 "Projekte is empty again"
tmux_wait_for "bote: INBOX [6 messages"; ok $? "the list shows them again"
ls "$M/cur" | grep -q '^1000\.M1P1\.test:2,S$'; ok $? "the file kept its name and flags"
tmux_send Escape u
tmux_wait_for "Nothing to undo."; ok $? "only the last operation is undone"

# Delete to Trash by role, undo; archive.
tmux_send =
tmux_send d
wait_count "$M/.Trash" 1; ok $? "d moves the message to Trash"
tmux_wait_for "Moved to Trash."; ok $? "and says so"
cmd undo
wait_count "$M" 6; ok $? "undo brings it back from Trash"
tmux_wait_for "bote: INBOX [6 messages"; ok $? "the list shows it again"
tmux_send =
tmux_send A
wait_count "$M/.Archive" 1; ok $? "A archives the message"
ls "$M/.Archive/cur" | grep -q '^1000\.M1P1\.test:2,S$'; ok $? "Alpha is in Archive"
tmux_wait_for "bote: INBOX [5 messages"; ok $? "archived message left the list"

# A move the store refuses: the row leaves at once, comes back with the error.
mv "$M/.Archive/cur" "$M/.Archive/cur.away" && : >"$M/.Archive/cur"
tmux_send =
tmux_send A
tmux_wait_for "no such folder 'Archive'"; ok $? "a failed archive says why"
tmux_wait_for "bote: INBOX [5 messages"; ok $? "and the list shows the message again"
ls "$M/cur" | grep -q '^1001\.M1P1\.test:2,S$'; ok $? "the file stayed in INBOX"
cmd undo
tmux_wait_for "Nothing to undo."; ok $? "a failed move leaves nothing to undo"
rm "$M/.Archive/cur" && mv "$M/.Archive/cur.away" "$M/.Archive/cur"

# Explicit read/unread and flag/unflag (the Maildir name says it).
tmux_send =
cmd mark-unread
wait_file "$M/cur/1001.M1P1.test:2,"; ok $? "mark-unread clears S"
cmd mark-unread
cmd mark-flagged
wait_file "$M/cur/1001.M1P1.test:2,F"; ok $? "mark-unread again keeps it unread; mark-flagged sets F"
cmd mark-read
wait_file "$M/cur/1001.M1P1.test:2,FS"; ok $? "mark-read sets S"
cmd mark-unflagged
wait_file "$M/cur/1001.M1P1.test:2,S"; ok $? "mark-unflagged clears F"

# Save to file: one message byte-identical, several as mbox.
tmux_send '*'
cmd "save-to-file $TEST_TMP/out/one.eml"
tmux_wait_for "1 message saved to"; ok $? "save-to-file reports the saved message"
cmp -s "$TEST_TMP/out/one.eml" "$M/cur/1005.M1P1.test:2,S"; ok $? ".eml is byte-identical to the message file"
is "$(stat -c %a "$TEST_TMP/out/one.eml")" 600 "the file is mode 0600"
cmd "save-to-file ~/foxtrot.mbox"
tmux_wait_for "saved to $HOME/foxtrot.mbox"; ok $? "~/ is the home directory; .mbox makes an mbox"
mb=$HOME/foxtrot.mbox
head -1 "$mb" | grep -qE '^From dora@example\.org Sat Nov  7 09:00:00 2026$'; ok $? "mbox starts with a From_ line (sender, UTC date)"
grep -qx '>From the start.' "$mb"; ok $? "a From line in the body is quoted"
grep -qx '>>From quoted once.' "$mb"; ok $? ">From gets one more > (mboxrd)"
grep -qx ' From indented stays.' "$mb"; ok $? "an indented From stays"
is "$(tail -c 2 "$mb" | od -An -c | tr -d ' ')" '\n\n' "the entry ends with a blank line"
tmux_send T
tmux_send_text "~s Delta|~s Echo"
tmux_send Enter
tmux_wait_for "2 messages tagged."
tmux_send '\;'
cmd "save-to-file $TEST_TMP/out/two"
tmux_wait_for "2 messages saved to"; ok $? "; save-to-file saves every tagged message"
is "$(grep -c '^From ' "$TEST_TMP/out/two")" 2 "several messages make an mbox with two From_ lines"
grep -q '^Subject: Delta' "$TEST_TMP/out/two" && grep -q '^Subject: Echo' "$TEST_TMP/out/two"
ok $? "both messages are in it"

# Existing and hostile targets.
echo keep >"$TEST_TMP/out/exists.eml"
cmd "save-to-file $TEST_TMP/out/exists.eml"
tmux_wait_for "The file exists. Overwrite? (y/n)"; ok $? "an existing file asks before overwriting"
tmux_send_text n
tmux_send Enter
tmux_wait_for "Not saved."; ok $? "n keeps it"
is "$(cat "$TEST_TMP/out/exists.eml")" keep "the file is untouched"
cmd "save-to-file $TEST_TMP/out/exists.eml"
tmux_wait_for "Overwrite? (y/n)"
tmux_send_text y
tmux_send Enter
tmux_wait_for "1 message saved to"; ok $? "y overwrites"
cmp -s "$TEST_TMP/out/exists.eml" "$M/cur/1005.M1P1.test:2,S"; ok $? "with the message"
echo secret >"$TEST_TMP/victim"
ln -s "$TEST_TMP/victim" "$TEST_TMP/out/link.eml"
cmd "save-to-file $TEST_TMP/out/link.eml"
tmux_wait_for "it is a symbolic link"; ok $? "a symbolic link as target is refused"
is "$(cat "$TEST_TMP/victim")" secret "the link's target is untouched"
cmd "save-to-file $TEST_TMP/nodir/x.eml"
tmux_wait_for "cannot save to"; ok $? "a missing directory is a clear error"

# delete = mark: mark, undo, mark, sync.
tmux_send q
tmux_wait_exit 10 >/dev/null
mkdir -p "$XDG_CONFIG_HOME/bote"
cfg=$XDG_CONFIG_HOME/bote/config
printf '[general]\ndelete = mark\n\n[account "local"]\nprotocol = maildir\nspool = %s\n' "$M" >"$cfg"
chmod 600 "$cfg"
tmux_start 110 24 "BOTE_DATADIR=$BOTE_DATADIR HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg"
tmux_wait_for "bote: INBOX [5 messages" 20 || bail_out "bote did not start again"
tmux_send '*'
tmux_send d
wait_file "$M/cur/1005.M1P1.test:2,ST"; ok $? "delete = mark sets T instead of moving"
is "$(count "$M/.Trash")" 0 "nothing went to Trash"
tmux_send Escape u
wait_file "$M/cur/1005.M1P1.test:2,S"; ok $? "undo removes the mark"
tmux_send d '$'
wait_count "$M" 4; ok $? "sync-mailbox expunges the marked message"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"

# -e 'CMD; quit': quitting waits for what is on its way to the store (the
# worker waits 300 ms before each request, so without that the save and
# the move would still be queued, and cancelled, when quit arrives).
tmux_start 110 24 "BOTE_TEST_DELAY_MS=300 BOTE_DATADIR=$BOTE_DATADIR HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -f $M -e 'last-entry; save-to-file $TEST_TMP/out/e.eml; save-message Projekte; quit'"
status=$(tmux_wait_exit 20); is "$status" 0 "bote -e '...; quit' exits 0"
is "$(count "$M/.Projekte")" 1 "the move reached the disk before quitting"
cmp -s "$TEST_TMP/out/e.eml" "$M/.Projekte/cur/1004.M1P1.test:2,S"; ok $? "and so did the save (of Echo, the last one)"
done_testing
