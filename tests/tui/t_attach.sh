#!/bin/sh
# t_attach.sh - attachment view, saving (hostile names, overwrite, symlinks), mailcap viewers, URL picker.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/maildir.sh"
tui_begin
D=$top_srcdir/tests/data/attach
M=$TEST_TMP/Mail
S="$TEST_TMP/save dir"
W=$TEST_TMP/work		# bote's working directory: PWNED files would land here
H=$TEST_TMP/home
mkdir -p "$S" "$W" "$H/.config/bote"
maildir_make "$M"
cp "$D/attachments.eml" "$M/cur/1000.M1P1.test:2,S"
cp "$D/links.eml" "$M/cur/1001.M1P1.test:2,S"
cp "$D/terminal.eml" "$M/cur/1002.M1P1.test:2,S"
cp "$D/html.eml" "$M/cur/1003.M1P1.test:2,S"

# The viewer records its arguments and its input, one per line.
cat >"$TEST_TMP/viewer.sh" <<'SH'
#!/bin/sh
out=$VIEWER_LOG.$$
for a in "$@"; do printf '[%s]\n' "$a"; done >"$out.tmp"
if [ -f "$1" ]; then cat "$1" >>"$out.tmp"; else cat >>"$out.tmp"; fi
mv "$out.tmp" "$out"
echo "VIEWER SAW $(basename "$1")"
SH
cat >"$TEST_TMP/opener.sh" <<'SH'
#!/bin/sh
for a in "$@"; do printf '[%s]\n' "$a"; done >"$OPENER_LOG.tmp"
mv "$OPENER_LOG.tmp" "$OPENER_LOG"
SH
# A viewer on the terminal: shows its file, waits for Enter.
cat >"$TEST_TMP/termview.sh" <<'SH'
#!/bin/sh
echo "$1" >"$VIEWER_LOG.term"
echo "TERMINAL VIEWER: $(cat "$1")"
read line
SH
cat >"$TEST_TMP/htmlfilter.sh" <<'SH'
#!/bin/sh
echo "FILTERED BY TEST"
cat
SH
chmod +x "$TEST_TMP/viewer.sh" "$TEST_TMP/opener.sh" "$TEST_TMP/termview.sh" \
	"$TEST_TMP/htmlfilter.sh"
cat >"$TEST_TMP/mailcap" <<EOF2
# bote test mailcap
application/x-bote-test; $TEST_TMP/viewer.sh %s %{name} %{charset} %t
application/x-bote-shell; $TEST_TMP/viewer.sh '%s' "%{charset}" %{name} | cat >/dev/null; \\
	true
text/x-bote-copious; $TEST_TMP/viewer.sh %s; copiousoutput
application/x-bote-term; $TEST_TMP/termview.sh %s; needsterminal
EOF2
cat >"$H/.config/bote/config" <<EOF2
[general]
url_opener = $TEST_TMP/opener.sh --new-window
html_filter = $TEST_TMP/htmlfilter.sh
[bind attach]
W = save-all-attachments $S
EOF2
chmod 600 "$H/.config/bote/config"

# viewer_log: the log of the viewer run that finished last.
viewer_log() {
	ls -t "$TEST_TMP"/viewer.log.* 2>/dev/null | grep -v '\.tmp$' | head -1
}
wait_viewer() {
	deadline=$(( $(date +%s) + 15 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ -n "$(viewer_log)" ] && return 0
		sleep 0.1
	done
	diag "the viewer did not run"
	return 1
}
save_to() {
	tmux_wait_for "Save into directory:" || return 1
	tmux_send_text "$1"
	tmux_send Enter
}

touch "$TEST_TMP/marker"
# bote runs in its own working directory with HOME and XDG_* inside the test.
cat >"$TEST_TMP/run.sh" <<EOF2
#!/bin/sh
cd '$W' || exit 99
export HOME='$H' XDG_CONFIG_HOME='$H/.config' XDG_CACHE_HOME='$H/.cache'
export XDG_STATE_HOME='$H/.state' XDG_DATA_HOME='$H/.local' TMPDIR='$TEST_TMP/tmp'
export MAILCAPS='$TEST_TMP/mailcap' VIEWER_LOG='$TEST_TMP/viewer.log'
export OPENER_LOG='$TEST_TMP/opener.log' BOTE_DATADIR='$BOTE_DATADIR'
exec '$BOTE' -f '$M'
EOF2
tmux_start 120 30 "sh '$TEST_TMP/run.sh'"
tmux_wait_for "Attachments of every kind" || bail_out "bote did not start"

# The attachment view from the list: a tree of parts with type, size, name.
tmux_send =
tmux_send v
tmux_wait_for "report.bin"; ok $? "v in the list shows the attachment view"
tmux_capture | grep -q "\[application/octet-stream, [0-9]*B\]  report.bin"; ok $? "a part shows its type and size"
tmux_capture | grep -q "bashrc"; ok $? "the hostile name is listed"
tmux_capture | grep -q "evil.name.txt"; ok $? "a newline in a name is not drawn as one"
tmux_capture | grep -q "$(printf '\033')"; ok $(( ! $? )) "no escape byte reaches the screen"
tmux_send j
tmux_send s
save_to "$S"
tmux_wait_for "Saved '$S/report.bin'."; ok $? "save-attachment reports the file"
cmp -s "$S/report.bin" "$D/report.expected"; ok $? "the saved bytes are the decoded attachment"
mode=$(stat -c %a "$S/report.bin"); is "$mode" 600 "saved with mode 0600"

# An existing name asks first; no leaves the file alone.
printf 'keep me\n' >"$S/report.bin"
tmux_send s
save_to "$S"
tmux_wait_for "'report.bin' exists. Overwrite? (y/n)"; ok $? "an existing file asks before overwriting"
tmux_send_text n
tmux_send Enter
tmux_wait_for "Not saved."; ok $? "n keeps the existing file"
is "$(cat "$S/report.bin")" "keep me" "the existing file is unchanged"

# A symlink in its place is replaced, never followed.
rm "$S/report.bin"
printf 'outside\n' >"$TEST_TMP/outside"
ln -s "$TEST_TMP/outside" "$S/report.bin"
tmux_send s
save_to "$S"
tmux_wait_for "'report.bin' exists. Overwrite? (y/n)"; ok $? "a symlink counts as an existing name"
tmux_send_text y
tmux_send Enter
tmux_wait_for "Saved '$S/report.bin'."; ok $? "y overwrites"
is "$(cat "$TEST_TMP/outside")" "outside" "the symlink's target is untouched"
[ -f "$S/report.bin" ] && [ ! -L "$S/report.bin" ]; ok $? "the symlink was replaced by a file"
cmp -s "$S/report.bin" "$D/report.expected"; ok $? "with the attachment's bytes"

# Save all: hostile names land as safe names in the directory, nowhere else.
rm "$S/report.bin"
tmux_send W		# [bind attach] W = save-all-attachments DIR: no question
tap_wait_file "$S/attachment.pdf"; ok $? "an empty name becomes attachment.pdf"
tap_wait_file "$S/bashrc"; ok $? "../../.bashrc is saved as bashrc"
tap_wait_file "$S/evil name.txt"; ok $? "a newline in a name becomes a space"
tap_wait_file "$S/esc_[31mred.txt"; ok $? "an escape byte becomes '_'"
tap_wait_file "$S/a;touch PWNED8"; ok $? "shell syntax in a name is just a name"
[ ! -e "$TEST_TMP/.bashrc" ] && [ ! -e "$H/.bashrc" ] && [ ! -e "$TEST_TMP/save dir/../.bashrc" ]
ok $? "nothing was written above the directory"
outside=$(find "$TEST_TMP" -newer "$TEST_TMP/marker" -type f ! -path "$S/*" ! -path "$TEST_TMP/tmp/*" \
	! -path "$H/*" ! -name 'tmux-exit*' ! -name outside ! -name run.sh ! -name 'viewer.log*')
is "$outside" "" "no file appeared outside the chosen directory"
bad=$(ls -A "$S" | LC_ALL=C grep -n '[[:cntrl:]]\|^[.-]' || true)
is "$bad" "" "no saved name has a control byte or a leading dot or dash"

# mailcap: the viewer gets bote's temp file; mail data never reaches a shell.
tmux_send End
tmux_send k k
tmux_send Enter
wait_viewer; ok $? "the mailcap viewer runs (plain command)"
log=$(viewer_log)
sed -n 1p "$log" | grep -q "^\[$TEST_TMP/tmp/bote-.*/part-.*\.bin\]$"; ok $? "%s is a generated temp file name"
is "$(sed -n 2,4p "$log" | tr '\n' ' ')" "[] [utf-8] [application/x-bote-test] " \
	"a hostile parameter is dropped, a plain one and %t pass"
grep -q "^viewer input" "$log"; ok $? "the viewer read the part"
rm -f "$log"
tmux_send j
tmux_send Enter
wait_viewer; ok $? "the mailcap viewer runs (shell syntax: sh -c with \$1)"
log=$(viewer_log)
sed -n 1p "$log" | grep -q "^\[$TEST_TMP/tmp/bote-.*/part-.*\.bin\]$"; ok $? "the shell got the temp file as \$1"
is "$(sed -n 2,3p "$log" | tr '\n' ' ')" "[] [] " "hostile parameters are empty under the shell too"
grep -q "^shell viewer input" "$log"; ok $? "the shell viewer read the part"
sleep 0.5	# a stray command would have run by now: give it the chance to show
pwned=$(find "$TEST_TMP" "$W" -name 'PWNED*')
is "$pwned" "" "no \$(...), backtick or ; from the mail executed"

# copiousoutput: the viewer's output is shown in the pager.
tmux_send j
tmux_send Enter
tmux_wait_for "VIEWER SAW part-"; ok $? "copiousoutput is shown in the pager"
tmux_send q
tmux_wait_for "Attachments of every kind"; ok $? "q goes back to the list"

# The URL picker: links of the message, trimmed and without duplicates.
tmux_send j
tmux_send C-b
tmux_wait_for "https://example.org/docs/start.html"; ok $? "^B lists the links"
scr=$(tmux_capture)
echo "$scr" | grep -q "http://example.net/a_(b)$\|http://example.net/a_(b) *$"; ok $? "a balanced bracket stays"
echo "$scr" | grep -q "mailto:bob@example.org *$"; ok $? "trailing punctuation is trimmed"
echo "$scr" | grep -q "ftp://files.example.com/pub/x.tar.gz *$"; ok $? "ftp links are found"
is "$(echo "$scr" | grep -c 'start.html')" 1 "a repeated link is listed once"
echo "$scr" | grep -q "nope.example"; ok $(( ! $? )) "a scheme inside a word is no link"
is "$(echo "$scr" | grep -c '^ *[0-9]  ')" 4 "four links"
tmux_send j
tmux_send Enter
tap_wait_file "$TEST_TMP/opener.log"; ok $? "Enter runs the url_opener"
is "$(cat "$TEST_TMP/opener.log" | tr '\n' ' ')" "[--new-window] [http://example.net/a_(b)] " \
	"the opener gets its own words and the link as one argument"
tmux_send q
tmux_wait_for "Links to follow"; ok $? "q leaves the picker"

# needsterminal: the viewer gets the screen, bote comes back after it.
tmux_send j
tmux_send v
tmux_wait_for "term.dat"; ok $? "attachment view of the next message"
tmux_send j
tmux_send Enter
tmux_wait_for "TERMINAL VIEWER: terminal input"; ok $? "a needsterminal viewer has the terminal"
tmux_capture | grep -q "term.dat"; ok $(( ! $? )) "bote left the screen to it"
tmux_send Enter
tmux_wait_for "term.dat"; ok $? "bote's screen is back after the viewer"
tmux_wait_gone "TERMINAL VIEWER"; ok $? "nothing of the viewer is left on screen"
part=$(cat "$TEST_TMP/viewer.log.term")
[ -n "$part" ] && [ ! -e "$part" ]; ok $? "its temp file is removed after it ended"
tmux_send Enter
tmux_wait_for "TERMINAL VIEWER: terminal input"; ok $? "the viewer again"
tmux_send C-c
tmux_wait_for "was killed by signal 2"; ok $? "^C ends the viewer, not bote"
tmux_capture | grep -q "term.dat"; ok $? "bote is still there"
tmux_send q

# html_filter: HTML mail goes through the configured command.
tmux_send j
tmux_send Enter
tmux_wait_for "FILTERED BY TEST"; ok $? "an HTML message goes through html_filter"
tmux_send C-b
tmux_wait_for "https://html.example/page?a=1"; ok $? "the link list has the HTML link"
tmux_send q q
tmux_wait_for "HTML through the filter"
tmux_send Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits"
left=$(ls -A "$TEST_TMP/tmp")
is "$left" "" "the private temp directory is removed at exit"

# With -f a broken [general] is reported, and the folder still opens.
printf '[general]\nbogus = 1\n' >"$H/.config/bote/config"
tmux_start 120 30 "sh '$TEST_TMP/run.sh'"
tmux_wait_for "unknown key 'bogus' in [general]"; ok $? "a broken config is reported"
tmux_wait_for "Links to follow"; ok $? "the folder opens anyway"
tmux_send Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits"
done_testing
