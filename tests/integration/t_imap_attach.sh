#!/bin/bash
# t_imap_attach.sh - attachments and links on an IMAP account (real Dovecot): the body comes
# through the worker's fetch; saving checks bytes and hostile names, the link list its links.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

D=$top_srcdir/tests/data/attach
S="$TEST_TMP/saved here"
mkdir -p "$S" "$TEST_TMP/tmp"
dovecot_seed_file Files "$D/attachments.eml" || bail_out "cannot seed Files"
dovecot_seed_file Files "$D/links.eml" || bail_out "cannot seed Files"
cfg=$TEST_TMP/config
imap_config "$cfg" t
printf '[general]\nurl_opener = %s\n' "$TEST_TMP/opener.sh" >>"$cfg"
cat >"$TEST_TMP/opener.sh" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$OPENER_LOG.tmp" && mv "$OPENER_LOG.tmp" "$OPENER_LOG"
SH
chmod +x "$TEST_TMP/opener.sh"


tmux_start 120 30 "TMPDIR=$TEST_TMP/tmp MAILCAPS=/dev/null OPENER_LOG=$TEST_TMP/opener.log BOTE_DATADIR=$BOTE_DATADIR $BOTE -F $cfg -a t -e 'change-folder Files'"
tmux_wait_for "Links to follow" 20 || bail_out "bote did not open Files"
tmux_send =
tmux_send v
tmux_wait_for "report.bin" 20; ok $? "v shows the parts of an IMAP message"
tmux_send j
tmux_send s
tmux_wait_for "Save into directory:"; ok $? "s asks for a directory"
tmux_send_text "$S"
tmux_send Enter
tmux_wait_for "Saved '$S/report.bin'." 20; ok $? "the attachment is saved"
cmp -s "$S/report.bin" "$D/report.expected"; ok $? "its bytes are the decoded attachment"
tmux_send S
tmux_wait_for "Save into directory:"
tmux_send_text "$S"
tmux_send Enter
tap_wait_file "$S/bashrc"; ok $? "../../.bashrc lands as bashrc inside the directory"
tap_wait_file "$S/evil name.txt"; ok $? "a name with a newline lands as a safe name"
[ ! -e "$TEST_TMP/.bashrc" ] && [ ! -e "$S/../.bashrc" ]; ok $? "nothing above the directory"
tmux_wait_for "'report.bin' exists. Overwrite? (y/n)"; ok $? "the existing report.bin is not replaced silently"
tmux_send_text n
tmux_send Enter
tmux_send q
tmux_wait_for "Links to follow"
tmux_send j
tmux_send C-b
tmux_wait_for "ftp://files.example.com/pub/x.tar.gz" 20; ok $? "^B lists the links of an IMAP message"
tmux_send End
tmux_send Enter
tap_wait_file "$TEST_TMP/opener.log"; ok $? "Enter runs the opener"
is "$(cat "$TEST_TMP/opener.log")" "ftp://files.example.com/pub/x.tar.gz" "with the link as its argument"
tmux_send q Q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
done_testing
