#!/bin/sh
# t_pager.sh - the message view: paging, search, help, next/previous message, attachments, HTML, CJK.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin

# open_subject TEXT: jump to the list row whose subject contains TEXT and open it.
open_subject() {
	num=$(tmux_capture | grep -F -- "$1" | head -1 | awk '{print $1}')
	tmux_send_text "$num"
	tmux_send Enter Enter
}

tmux_start 100 30 "TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR $BOTE --demo"
tmux_wait_for "Willkommen bei bote" || bail_out "bote did not start"

open_subject "Notes: storage migration"
tmux_wait_for "Subject: Notes: storage migration retrospective"; ok $? "long message opens"
tmux_capture | grep -q "(end of notes)"; ok $(( ! $? )) "its end is not on the first screen"
tmux_capture | grep -q -- "-- more ("; ok $? "status bar says there is more"
tmux_send Space
tmux_wait_gone "Subject: Notes"; ok $? "Space pages down"
tmux_send End
tmux_wait_for "(end of notes)"; ok $? "End shows the last line"
tmux_wait_for "-- end (100%)"; ok $? "status bar says end"
tmux_send Home
tmux_wait_for "Subject: Notes"; ok $? "Home goes back to the top"
tmux_send /
tmux_wait_for "Search for:"; ok $? "/ prompts for a search"
tmux_send_text checksum
tmux_send Enter
tmux_wait_gone "Subject: Notes"; ok $? "search scrolls to the first match"
first=$(tmux_capture | sed -n 2p)
echo "$first" | grep -q checksum; ok $? "first match is on the top line"
tmux_send n
tmux_wait_gone "$first"; ok $? "n moves to the next match"
tmux_capture | sed -n 2p | grep -q checksum; ok $? "next match is on the top line"

tmux_send ?
tmux_wait_for "Keys in the message view"; ok $? "? shows the pager's keys"
tmux_capture | grep -q "search-next"; ok $? "help lists search-next"
tmux_send q
tmux_wait_gone "Keys in the message view"; ok $? "q leaves help"

tmux_send q
tmux_wait_for "bote: INBOX"; ok $? "back in the list"
open_subject "Zahlungserinnerung"
tmux_wait_for "Rechnung_März.pdf"; ok $? "attachment list shows the RFC 2231 file name"
tmux_capture | grep -q "krause-logo.png"; ok $? "attachment list shows the image"
tmux_send q

tmux_wait_for "bote: INBOX"
open_subject "Buchungsbest"
tmux_wait_for "Subject: Buchungsbestätigung"; ok $? "HTML-only message opens"
tmux_capture | grep -qi "<table\|<td\|</"; ok $(( ! $? )) "HTML tags are converted, not shown"
tmux_send q

tmux_wait_for "bote: INBOX"
open_subject "会議の議事録"
tmux_wait_for "Subject: 会議の議事録（11月5日）"; ok $? "CJK subject decoded in the pager"
tmux_capture | grep -q "田中 裕子"; ok $? "CJK sender decoded"
tmux_send j
tmux_wait_gone "会議の議事録（11月5日）"; ok $? "j shows the next message"
tmux_send k
tmux_wait_for "会議の議事録（11月5日）"; ok $? "k goes back to the previous message"
tmux_send q Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits"
done_testing
