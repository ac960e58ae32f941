#!/bin/sh
# t_maildir_watch.sh - what another program does to the open Maildir folder
# shows while bote waits: a delivery (tmp/ then new/, as an MDA does), a
# flag set by renaming the file (mutt on the same spool), a file removed.
# new_mail_command hears of the delivery, once; bote's own flag change is
# no news.  Once with inotify, once with the fallback that looks at the
# directories' mtimes every 5 s.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/maildir.sh"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap 'tmux_stop; tap_cleanup_tmp' EXIT

hook=$TEST_TMP/hook.sh
cat >"$hook" <<HOOK
#!/bin/sh
# One line per run: the folder and the count bote gave.
echo "\$BOTE_FOLDER \$BOTE_NEW_COUNT" >>"$TEST_TMP/hook.log"
HOOK
chmod 755 "$hook"
cfg=$TEST_TMP/config
printf '[general]\nnew_mail_command = %s\n' "$hook" >"$cfg"
chmod 600 "$cfg"

# row_has TEXT: the screen has a row with TEXT, within 15 s (the fallback looks every 5 s).
row_has() {
	tmux_wait_for "$1" 15
}

round() {
	mode=$1 extra=$2
	M=$TEST_TMP/$mode
	maildir_make "$M"
	maildir_put "$M" cur "1000.M1P1.test:2,S" "Alpha" "" "Mon, 02 Nov 2026 10:00:00 +0100"
	maildir_put "$M" cur "1001.M1P1.test:2,S" "Bravo" "" "Tue, 03 Nov 2026 10:00:00 +0100"
	rm -f "$TEST_TMP/hook.log"
	tmux_start 100 20 "$extra HOME=$TEST_TMP BOTE_DATADIR=$BOTE_DATADIR $BOTE -F $cfg -f $M"
	tmux_wait_for "Bravo" || bail_out "$mode: bote did not open the Maildir"

	# bote's own change renames a file in cur/: seen by the watch, but no news.
	tmux_send =
	tmux_send F
	tmux_wait_for "!" 10
	ok $? "$mode: F flags Alpha"
	[ -e "$M/cur/1000.M1P1.test:2,FS" ]; ok $? "$mode: by renaming its file"

	# Another program delivers, the Maildir way: write into tmp/, rename into new/.
	maildir_put "$M" tmp "2000.M2P2.other" "Charlie delivered" "" "Wed, 04 Nov 2026 10:00:00 +0100"
	mv "$M/tmp/2000.M2P2.other" "$M/new/2000.M2P2.other"
	row_has "Charlie delivered"; ok $? "$mode: a message delivered by another program appears"
	tmux_wait_for "3 messages" 10; ok $? "$mode: the status line counts it"
	deadline=$(( $(date +%s) + 10 ))
	while [ ! -s "$TEST_TMP/hook.log" ] && [ "$(date +%s)" -le "$deadline" ]; do
		sleep 0.1
	done
	is "$(cat "$TEST_TMP/hook.log" 2>/dev/null)" "INBOX 1" "$mode: new_mail_command ran for one new message"

	# mutt on the same spool marks Bravo flagged: a rename in cur/.
	mv "$M/cur/1001.M1P1.test:2,S" "$M/cur/1001.M1P1.test:2,FS"
	deadline=$(( $(date +%s) + 15 ))
	while ! tmux_capture | grep -q '!.*Bravo' && [ "$(date +%s)" -le "$deadline" ]; do
		sleep 0.2
	done
	tmux_capture | grep -q '!.*Bravo'; ok $? "$mode: a flag set by another program shows"

	# ... and removes Alpha.
	rm "$M/cur/1000.M1P1.test:2,FS"
	tmux_wait_gone "Alpha" 15; ok $? "$mode: a message removed by another program goes"
	tmux_wait_gone "3 messages" 10; ok $? "$mode: the status line no longer counts three"

	is "$(wc -l <"$TEST_TMP/hook.log")" 1 "$mode: one new-mail run in all: the flag and the removal are no new mail"
	tmux_send q
	is "$(tmux_wait_exit)" 0 "$mode: bote quits cleanly"
	tmux_stop
}

round inotify ""
round poll "BOTE_TEST_NO_INOTIFY=1"
done_testing
