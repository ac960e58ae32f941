#!/bin/bash
# t_imap_folders.sh - folder management on a real Dovecot from the TUI: create, rename,
# delete (twice confirmed when not empty), subscribe and unsubscribe, hostile names,
# checked by a second IMAP client.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT
mkdir -p "$TEST_TMP/tmp"

imapc create "Alt" || bail_out "cannot create Alt"
imapc append "Alt" "Old one" "Mon, 02 Nov 2026 10:00:00 +0100" || bail_out "append failed"
imapc append "Alt" "Old two" "Mon, 02 Nov 2026 11:00:00 +0100" || bail_out "append failed"
imapc append INBOX "Hello" "Mon, 02 Nov 2026 12:00:00 +0100" || bail_out "append failed"
cfg=$TEST_TMP/config
imap_config "$cfg" t
RUN="TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME HOME=$HOME $BOTE -F $cfg -a t"

# has LIST|LSUB NAME: the second client sees NAME in the folder list or the subscriptions.
has() {
	imapc "$1" | grep -xF -- "$2" >/dev/null
}

# wait_has LIST|LSUB NAME [absent]: until the server shows it (or no longer does).
wait_has() {
	local deadline=$(( $(date +%s) + 15 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		if has "$1" "$2"; then [ -z "$3" ] && return 0; else [ -n "$3" ] && return 0; fi
		sleep 0.2
	done
	diag "server $1: $(imapc "$1" | tr '\n' ' ')"
	return 1
}

# A message of Alt read once: its body is cached (deleting Alt below takes it along).
"$BOTE" -F "$cfg" -a t show 1 Alt >/dev/null 2>"$TEST_TMP/err" || diag "$(cat "$TEST_TMP/err")"
grep -rlq --include='[0-9]*' -e '^Subject: Old one' "$XDG_CACHE_HOME/bote"
ok $? "Alt's first message is in the body cache"

# --- -e from the command line ---
tmux_start 100 20 "$RUN -e 'create-mailbox Projekte; quit'"
is "$(tmux_wait_exit 30)" 0 "-e 'create-mailbox Projekte; quit' exits 0"
has folders Projekte; ok $? "the server has Projekte"
has subscribed Projekte; ok $? "and it is subscribed"
tmux_start 100 20 "$RUN -e 'rename-mailbox Projekte Kunden; quit'"
is "$(tmux_wait_exit 30)" 0 "-e 'rename-mailbox Projekte Kunden; quit' exits 0"
has folders Kunden && ! has folders Projekte; ok $? "the server renamed it"
has subscribed Kunden && ! has subscribed Projekte; ok $? "the subscription moved along"

# --- in the TUI ---
tmux_start 100 20 "$RUN"
tmux_wait_for "Hello" 30 || bail_out "bote did not open the INBOX"
tmux_send c
tmux_wait_for "Kunden" 20; ok $? "the folder list shows Kunden"
tmux_send C
tmux_wait_for "Create folder:"; ok $? "C asks for a name"
tmux_send_text "Ärger/Neu"
tmux_send Enter
tmux_wait_for "Folder 'Ärger/Neu' created." 20; ok $? "C creates a nested non-ASCII folder"
has folders "Ärger/Neu"; ok $? "the server has it under its delimiter, decoded"

# Hostile names are refused before the server hears of them.
before=$(imapc folders)
for bad in "a*b" "x%y" "../up" ".dot" "a//b"; do
	tmux_send :
	tmux_send_text "create-mailbox $bad"
	tmux_send Enter
	tmux_wait_for "invalid folder name"; ok $? "create-mailbox refuses '$bad'"
done
is "$(imapc folders)" "$before" "the server's folders are unchanged"

# Subscriptions, shown in the list.
tmux_send :
tmux_send_text "unsubscribe Kunden"
tmux_send Enter
tmux_wait_for "Unsubscribed from 'Kunden'." 20; ok $? ":unsubscribe Kunden"
wait_has subscribed Kunden absent; ok $? "the server dropped the subscription"
tmux_wait_for "Kunden  (not subscribed)" 20; ok $? "the list marks Kunden as not subscribed"
tmux_send :
tmux_send_text "subscribe Kunden"
tmux_send Enter
tmux_wait_for "Subscribed to 'Kunden'." 20; ok $? ":subscribe Kunden"
wait_has subscribed Kunden; ok $? "the server has the subscription again"
tmux_wait_gone "Kunden  (not subscribed)" 20; ok $? "and the mark is gone"
tmux_wait_for "Alt  (not subscribed)"; ok $? "a folder another client made unsubscribed is marked"

# Rename by R on the selected folder: INBOX, Alt, Archive, Drafts, Junk, Kunden, ...
tmux_send =
tmux_send j j j j j
tmux_send R
tmux_wait_for "Rename 'Kunden' to: Kunden"; ok $? "R on Kunden asks for the new name"
tmux_send BSpace BSpace BSpace BSpace BSpace BSpace
tmux_send_text "Partner"
tmux_send Enter
tmux_wait_for "Folder 'Kunden' renamed to 'Partner'." 20; ok $? "R renames"
has folders Partner && ! has folders Kunden; ok $? "on the server"

# Delete: an empty folder after y; a full one only after typing yes.
tmux_send :
tmux_send_text "delete-mailbox Partner"
tmux_send Enter
tmux_wait_for "Delete folder 'Partner'? (y/n)"; ok $? "delete asks"
tmux_send y
tmux_wait_for "Folder 'Partner' deleted." 20; ok $? "an empty folder goes after y"
! has folders Partner; ok $? "gone from the server"
tmux_send :
tmux_send_text "delete-mailbox Alt"
tmux_send Enter
tmux_wait_for "Delete folder 'Alt'? (y/n)"
tmux_send y
tmux_wait_for "Folder 'Alt' holds 2 messages: they will be lost." 20; ok $? "a full folder: the second question names 2 messages"
tmux_send_text "no"
tmux_send Enter
tmux_wait_for "Folder 'Alt' kept."; ok $? "no keeps it"
is "$(imapc subjects Alt | cut -f1 | sort | tr '\n' ' ')" "Old one Old two " "with both messages"
tmux_send :
tmux_send_text "delete-mailbox Alt"
tmux_send Enter
tmux_wait_for "Delete folder 'Alt'? (y/n)"
tmux_send y
tmux_wait_for "Type yes to delete:" 20
tmux_send_text "yes"
tmux_send Enter
tmux_wait_for "Folder 'Alt' deleted." 20; ok $? "yes deletes it"
! has folders Alt; ok $? "gone from the server"
grep -rlq --include='[0-9]*' -e '^Subject: Old one' "$XDG_CACHE_HOME/bote"
is "$?" 1 "and from the body cache"

# INBOX stays; Tab completes the server's names.
tmux_send =
tmux_send D
tmux_wait_for "INBOX cannot be deleted."; ok $? "D on INBOX is refused"
tmux_send :
tmux_send_text "change-folder Ärg"
tmux_send Tab
tmux_wait_for ":change-folder Ärger/Neu"; ok $? "Tab completes a server folder"
tmux_send Enter
tmux_wait_for "0 messages in Ärger/Neu" 20; ok $? "and the completed name opens"
tmux_send q
is "$(tmux_wait_exit 20)" 0 "bote quits cleanly"
done_testing
