#!/bin/sh
# t_folders.sh - create, rename and delete folders on the spool: by -e, by keys and ':', checked on disk.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/maildir.sh"
tui_begin
M=$TEST_TMP/Mail
maildir_make "$M"; maildir_make "$M/.Trash"; maildir_make "$M/.Archiv"
maildir_put "$M" cur "1000.M1P1.test:2,S" "Alpha"
maildir_put "$M" cur "1001.M1P1.test:2,S" "Bravo"
export HOME="$TEST_TMP" XDG_CACHE_HOME="$TEST_TMP/cache" XDG_CONFIG_HOME="$TEST_TMP/config"
RUN="HOME=$HOME XDG_CACHE_HOME=$XDG_CACHE_HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME BOTE_DATADIR=$BOTE_DATADIR $BOTE -f $M"

is_maildir() { [ -d "$1/cur" ] && [ -d "$1/new" ] && [ -d "$1/tmp" ]; }

# bote_e COMMANDS: start bote -e COMMANDS (then tmux_wait_exit gives its exit status).
bote_e() {
	tmux_start 100 20 "$RUN -e '$1'"
}

# --- -e: the command line drives the folder commands (ISSUE 7's acceptance test) ---
bote_e 'create-mailbox Projekte; quit'; is "$(tmux_wait_exit 20)" 0 "-e 'create-mailbox Projekte; quit' exits 0"
is_maildir "$M/.Projekte"; ok $? "create-mailbox made the Maildir++ folder .Projekte"
[ -f "$M/.Projekte/maildirfolder" ]; ok $? "with the maildirfolder marker"
bote_e 'rename-mailbox Projekte Archiv2026; quit'; is "$(tmux_wait_exit 20)" 0 "-e rename-mailbox exits 0"
[ ! -e "$M/.Projekte" ] && is_maildir "$M/.Archiv2026"; ok $? "rename-mailbox moved .Projekte to .Archiv2026"
bote_e 'create-mailbox Listen/bote; quit'; is "$(tmux_wait_exit 20)" 0 "-e create-mailbox of a subfolder"
is_maildir "$M/.Listen.bote"; ok $? "Listen/bote is .Listen.bote"
bote_e 'create-mailbox Entwürfe alt; quit'; is "$(tmux_wait_exit 20)" 0 "-e create-mailbox with a space and an umlaut"
is_maildir "$M/.Entw&APw-rfe alt"; ok $? "the name is stored in modified UTF-7"
bote_e 'rename-mailbox "Entwürfe alt" "Alte Entwürfe"; quit'; is "$(tmux_wait_exit 20)" 0 "-e rename-mailbox with quoted names"
is_maildir "$M/.Alte Entw&APw-rfe"; ok $? "renamed to 'Alte Entwürfe'"
tmux_start 100 20 "$RUN -e 'delete-mailbox Alte Entwürfe; quit'"
tmux_wait_for "Delete folder 'Alte Entwürfe'? (y/n)" 20; ok $? "delete-mailbox takes a name with a space whole"
tmux_send y
is "$(tmux_wait_exit 20)" 0 "and quits"
[ ! -e "$M/.Alte Entw&APw-rfe" ]; ok $? "that folder is gone"
bote_e 'create-mailbox "Entwürfe alt"; quit'; is "$(tmux_wait_exit 20)" 0 "-e create-mailbox with a quoted name"
is_maildir "$M/.Entw&APw-rfe alt"; ok $? "the quotes are not part of the name"

# An empty folder goes after one y.
tmux_start 100 20 "$RUN -e 'delete-mailbox Archiv2026; quit'"
tmux_wait_for "Delete folder 'Archiv2026'? (y/n)" 20; ok $? "delete-mailbox asks first"
tmux_send y
is "$(tmux_wait_exit 20)" 0 "then quits"
[ ! -e "$M/.Archiv2026" ]; ok $? "the empty folder is gone"
is "$(ls -a "$M" | grep -c bote-deleting)" 0 "nothing is left behind"

# --- keys in the folder list: C, R, D ---
maildir_put "$M/.Archiv" cur "2000.M1P1.test:2,S" "Old one"
maildir_put "$M/.Archiv" cur "2001.M1P1.test:2,S" "Old two"
tmux_start 100 20 "$RUN"
tmux_wait_for "Bravo" 20 || bail_out "bote did not start"
tmux_send c
tmux_wait_for "folders --"; ok $? "c shows the folder list"
tmux_send C
tmux_wait_for "Create folder:"; ok $? "C asks for a name"
tmux_send_text "Kunden"
tmux_send Enter
tmux_wait_for "Folder 'Kunden' created."; ok $? "C creates it"
is_maildir "$M/.Kunden"; ok $? "on disk as .Kunden"
tmux_wait_for "  Kunden"; ok $? "and the list shows it"

# Hostile names never reach the disk.
before=$(ls -a "$M" | sort)
for bad in "../evil" ".hidden" "a//b" "x/../../y" "v1.2"; do
	tmux_send :
	tmux_send_text "create-mailbox $bad"
	tmux_send Enter
	tmux_wait_for "invalid folder name"; ok $? "create-mailbox refuses '$bad'"
done
is "$(ls -a "$M" | sort)" "$before" "no directory appeared for a refused name"
[ ! -e "$TEST_TMP/evil" ] && [ ! -e "$TEST_TMP/y" ]; ok $? "nothing outside the spool"

# Rename by ':' with both names.
tmux_send :
tmux_send_text "rename-mailbox Kunden Partner"
tmux_send Enter
tmux_wait_for "Folder 'Kunden' renamed to 'Partner'."; ok $? ":rename-mailbox OLD NEW"
[ ! -e "$M/.Kunden" ] && is_maildir "$M/.Partner"; ok $? "on disk"

# R renames the folder under the cursor, which went to the renamed one.
tmux_wait_for "  Partner"
tmux_send R
tmux_wait_for "Rename 'Partner' to: Partner"; ok $? "R asks for the new name, starting from the old"
tmux_send BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tmux_send_text "Lieferanten"
tmux_send Enter
tmux_wait_for "renamed to 'Lieferanten'"; ok $? "renamed after editing"
is_maildir "$M/.Lieferanten"; ok $? "on disk as .Lieferanten"

# A folder with messages: y, then an explicit 'yes' that names the count.
tmux_send :
tmux_send_text "delete-mailbox Archiv"
tmux_send Enter
tmux_wait_for "Delete folder 'Archiv'? (y/n)"; ok $? "delete asks"
tmux_send y
tmux_wait_for "Folder 'Archiv' holds 2 messages: they will be lost."; ok $? "a second question names the 2 messages"
tmux_wait_for "Type yes to delete:"; ok $? "and wants yes typed out"
tmux_send_text "y"
tmux_send Enter
tmux_wait_for "Folder 'Archiv' kept."; ok $? "anything but yes keeps it"
[ -e "$M/.Archiv/cur/2000.M1P1.test:2,S" ]; ok $? "with its messages"
tmux_send :
tmux_send_text "delete-mailbox Archiv"
tmux_send Enter
tmux_wait_for "Delete folder 'Archiv'? (y/n)"
tmux_send n
tmux_wait_for "Folder 'Archiv' kept."; ok $? "n at the first question keeps it"
tmux_send :
tmux_send_text "delete-mailbox Archiv"
tmux_send Enter
tmux_wait_for "Delete folder 'Archiv'? (y/n)"
tmux_send y
tmux_wait_for "Type yes"
tmux_send_text "yes"
tmux_send Enter
tmux_wait_for "Folder 'Archiv' deleted."; ok $? "yes deletes it"
[ ! -e "$M/.Archiv" ]; ok $? "gone from disk"

# D on the selected folder; INBOX is refused.
tmux_send =
tmux_send D
tmux_wait_for "INBOX cannot be deleted."; ok $? "D on INBOX: never deleted"

# Subscriptions are IMAP's.
tmux_send :
tmux_send_text "subscribe Lieferanten"
tmux_send Enter
tmux_wait_for "Subscriptions are an IMAP feature"; ok $? "subscribe on a Maildir: one clear line"

# Tab completes folder names (move prompt) and commands with their folder at ':'.
tmux_send :
tmux_send_text "delete-mailbox Lief"
tmux_send Tab
tmux_wait_for ":delete-mailbox Lieferanten"; ok $? "Tab completes a folder at ':'"
tmux_send Escape
tmux_send :
tmux_send_text "rename-m"
tmux_send Tab
tmux_send_text "X"
tmux_wait_for ":rename-mailbox X"; ok $? "Tab completes a command name and adds the space"
tmux_send Escape
tmux_send q
tmux_wait_for "Bravo"
tmux_send s
tmux_wait_for "Move to folder:"
tmux_send_text "L"
tmux_send Tab
tmux_wait_for "Move to folder: Li" ; ok $? "Tab with several matches extends to the common part"
tmux_wait_for "Lieferanten"; ok $? "and lists the matches"
tmux_wait_for "Listen/bote"; ok $? "all of them"
tmux_send_text "e"
tmux_send Tab
tmux_wait_for "Move to folder: Lieferanten"; ok $? "one match is taken whole"
tmux_send Enter
tmux_wait_for "Moved to Lieferanten."; ok $? "the completed name is used"

# The sidebar with counts (Trash got an unread message behind bote's back).
maildir_put "$M/.Trash" new "3000.M1P1.test" "Fresh"
tmux_send B
tmux_wait_for "Lieferanten"; ok $? "B shows the sidebar"
deadline=$(( $(date +%s) + 10 ))
until tmux_capture | grep -qE '^ Trash +1 \|' || [ "$(date +%s)" -gt "$deadline" ]; do sleep 0.1; done
tmux_capture | grep -qE '^ Trash +1 \|'; ok $? "with the unread count of Trash"
tmux_capture | grep -qE '\| +[0-9]+[ *].*Bravo|\| +[0-9]+[ *].*Alpha'; ok $? "beside the message list"
# ^N/^P move the sidebar's cursor (INBOX, Entwürfe alt, Lieferanten, ...), ^O opens.
tmux_send C-n C-n C-n C-p
tmux_send C-o
tmux_wait_for "1 message in Lieferanten." 20; ok $? "^N ^N ^N ^P ^O opens the third folder, Lieferanten"
tmux_wait_for "Bravo"; ok $? "with the message moved there"
tmux_send B
tmux_wait_gone "Entwürfe"; ok $? "B again hides the sidebar"
tmux_send q
is "$(tmux_wait_exit 20)" 0 "bote quits cleanly"
done_testing
