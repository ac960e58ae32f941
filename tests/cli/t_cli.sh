#!/bin/sh
# t_cli.sh - bote's command line: version, help, folders, list, show, and one-line errors with exit codes.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/maildir.sh"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap tap_cleanup_tmp EXIT
M=$TEST_TMP/Mail

out=$("$BOTE" --version); ok $? "--version exits 0"
case $out in "bote "[0-9]*) ok 0 "--version prints 'bote VERSION'";; *) ok 1 "--version output: $out";; esac
"$BOTE" --help | grep -q "bote list" ; ok $? "--help lists the list command"
"$BOTE" frobnicate >/dev/null 2>"$TEST_TMP/err"; is $? 2 "unknown command exits 2"
grep -q "unknown command 'frobnicate'" "$TEST_TMP/err"; ok $? "unknown command named in the error"
"$BOTE" --bogus >/dev/null 2>"$TEST_TMP/err"; is $? 2 "unknown option exits 2"
is "$(cat "$TEST_TMP/err")" "bote: bad option '--bogus' (try bote --help)" "unknown option: one line naming it"

# Missing folder, not a Maildir, unreadable message: exit 1, one line on stderr.
"$BOTE" list -f "$TEST_TMP/nope" >/dev/null 2>"$TEST_TMP/err"; is $? 1 "missing folder exits 1"
is "$(wc -l <"$TEST_TMP/err")" 1 "missing folder: one line of error"
grep -q "cannot open folder '$TEST_TMP/nope': No such file or directory" "$TEST_TMP/err"
ok $? "missing folder: says what and why"
mkdir -p "$TEST_TMP/plain"
"$BOTE" list -f "$TEST_TMP/plain" >/dev/null 2>"$TEST_TMP/err"; is $? 1 "plain directory exits 1"
grep -q "not a Maildir" "$TEST_TMP/err"; ok $? "plain directory: 'not a Maildir'"
"$BOTE" list -f "imap://x@127.0.0.1/INBOX" >/dev/null 2>"$TEST_TMP/err"; is $? 1 "imap URL not yet supported exits 1"

# A small Maildir++ tree.
maildir_make "$M"
maildir_make "$M/.Sent"
maildir_make "$M/.Archiv.2025"
maildir_put "$M" cur "1000.M1P1.test:2,S" "Erste Nachricht" "Anna <anna@example.org>" "Mon, 02 Nov 2026 10:00:00 +0100"
maildir_put "$M" new "1001.M1P1.test" "Zweite Nachricht" "=?UTF-8?Q?J=C3=BCrgen?= <j@example.org>" "Tue, 03 Nov 2026 10:00:00 +0100"
maildir_put "$M" cur "0999.M1P1.test:2,FS" "Nullte Nachricht" "Carla <c@example.org>" "Sun, 01 Nov 2026 10:00:00 +0100"
maildir_put "$M/.Sent" cur "2000.M1P1.test:2,S" "Gesendet eins"

out=$("$BOTE" folders -f "$M"); ok $? "folders exits 0"
is "$(echo "$out" | cut -f1 | tr '\n' ' ')" "INBOX Archiv/2025 Sent " "folders: INBOX first, Maildir++ names"
is "$(echo "$out" | grep '^INBOX' | cut -f2,3 | tr '\t' ' ')" "3 1" "folders: INBOX total and unread"

out=$(TZ=Europe/Berlin "$BOTE" list -f "$M"); ok $? "list exits 0"
is "$(echo "$out" | wc -l)" 3 "list: one line per message"
is "$(echo "$out" | sed -n 1p)" "1	2026-11-01 10:00	Carla	Nullte Nachricht	-!--" "list: oldest first, fields and flags"
is "$(echo "$out" | sed -n 3p)" "3	2026-11-03 10:00	Jürgen	Zweite Nachricht	N---" "list: decoded sender, unread flag"
ok "$([ -f "$M/new/1001.M1P1.test" ]; echo $?)" "list does not move new/ to cur/ (read-only)"
out=$("$BOTE" list -f "$M" Sent); ok $? "list FOLDER"
echo "$out" | grep -q "Gesendet eins"; ok $? "list Sent shows its message"
out=$("$BOTE" list Sent -f "$M"); ok $? "list FOLDER -f PATH (options after the folder)"
echo "$out" | grep -q "Gesendet eins"; ok $? "options after positionals are understood"
out=$("$BOTE" show 1 "-f$M" Sent); ok $? "show ID -fPATH FOLDER"
echo "$out" | grep -q "^Subject: Gesendet eins$"; ok $? "attached -fPATH works"
"$BOTE" list -f "$M" a b >/dev/null 2>"$TEST_TMP/err"; is $? 2 "too many arguments exit 2"
is "$(wc -l <"$TEST_TMP/err")" 1 "usage error is one line"
"$BOTE" list -f "$M" Nope >/dev/null 2>"$TEST_TMP/err"; is $? 1 "list of a missing folder exits 1"
grep -q "no such folder 'Nope'" "$TEST_TMP/err"; ok $? "missing folder named"

out=$("$BOTE" show 2 -f "$M"); ok $? "show 2 exits 0"
echo "$out" | grep -q "^Subject: Erste Nachricht$"; ok $? "show: Subject header line"
echo "$out" | grep -q "^Hello from Erste Nachricht.$"; ok $? "show: body"
out=$("$BOTE" show 1001.M1P1.test -f "$M"); ok $? "show by Maildir unique name"
echo "$out" | grep -q "^From: Jürgen <j@example.org>$"; ok $? "show: decoded From"
"$BOTE" show 9 -f "$M" >/dev/null 2>"$TEST_TMP/err"; is $? 1 "show of a missing message exits 1"
grep -q "no message '9'" "$TEST_TMP/err"; ok $? "missing message named"

# An unreadable message file: an error for that message, not a crash.
chmod 000 "$M/cur/1000.M1P1.test:2,S"
if [ "$(id -u)" = 0 ]; then
	# root reads anything: run bote as nobody on a copy it may enter
	chmod -R a+rX "$TEST_TMP"; chmod 000 "$M/cur/1000.M1P1.test:2,S"
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
else
	as_user=""
fi
$as_user "$BOTE" show 1000.M1P1.test -f "$M" >/dev/null 2>"$TEST_TMP/err"; is $? 1 "unreadable message exits 1"
grep -q "cannot open message '1000.M1P1.test': Permission denied" "$TEST_TMP/err"; ok $? "unreadable message: says why"
is "$(wc -l <"$TEST_TMP/err")" 1 "unreadable message: one line"
chmod 600 "$M/cur/1000.M1P1.test:2,S"

# Hostile header bytes never reach stdout raw.
printf 'From: \033]0;pwned\007Evil <e@example.org>\nSubject: =?UTF-8?Q?=1B[31mred=1B[0m?= \302\233x\nDate: Mon, 02 Nov 2026 12:00:00 +0100\n\nbody \033[2J cleared \302\235\n' >"$M/cur/3000.M1P1.test:2,S"
"$BOTE" list -f "$M" | check_clean_output; ok $? "list output has no control bytes from hostile headers"
"$BOTE" show 3000.M1P1.test -f "$M" | check_clean_output; ok $? "show output has no control bytes from a hostile message"

done_testing
