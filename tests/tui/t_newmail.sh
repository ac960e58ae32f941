#!/bin/bash
# t_newmail.sh - new mail from a POP3 fetch runs new_mail_command with what it
# needs in the environment (nothing from the mail on its command line) and
# rings the bell when bell_on_new_mail says so.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/pop3.sh" || bail_out "tests/lib/pop3.sh missing"
pop3_begin
mkdir "$TEST_TMP/tmp"
trap 'tmux_stop; pop3_end' EXIT
# A subject that would run a command if it ever reached a shell.
mailgen "$DOVECOT_MAILDIR" 3 --seed 7 --prefix '$(touch PWNED)' || bail_out "mailgen failed"

hook=$TEST_TMP/hook.sh
cat >"$hook" <<HOOK
#!/bin/sh
# Records what new_mail_command was given: arguments and bote's variables.
{
	echo "args=\$#"
	echo "account=\$BOTE_ACCOUNT"
	echo "folder=\$BOTE_FOLDER"
	echo "count=\$BOTE_NEW_COUNT"
} >"$TEST_TMP/hook.out.tmp"
mv "$TEST_TMP/hook.out.tmp" "$TEST_TMP/hook.out"
HOOK
chmod 755 "$hook"

cfg=$TEST_TMP/config
pop3_config "$cfg" home "keep_on_server = never"
sed -i "s|^spool = .*|spool = $TEST_TMP/Mail/home|" "$cfg"
{ printf '[general]\nnew_mail_command = %s\nbell_on_new_mail = yes\n' "$hook"; cat "$cfg"; } >"$cfg.new"
mv "$cfg.new" "$cfg"
chmod 600 "$cfg"
env="HOME=$TEST_TMP XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR"

# wait_file FILE: until it exists, at most 20 s.
wait_file() {
	deadline=$(( $(date +%s) + 20 ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		[ -s "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

tmux_start 110 24 "$env $BOTE -F $cfg"
tmux_wait_for "q:Quit" || bail_out "bote did not start on the POP3 account"
bell_before=$(tmux_ display -p -t t '#{window_bell_flag}')
tmux_send G
tmux_wait_for "3 new messages" 20
ok $? "G fetches the 3 messages"
wait_file "$TEST_TMP/hook.out"; ok $? "new_mail_command ran"
grep -qx "account=home" "$TEST_TMP/hook.out"; ok $? "BOTE_ACCOUNT names the account"
grep -qx "folder=INBOX" "$TEST_TMP/hook.out"; ok $? "BOTE_FOLDER is INBOX"
grep -qx "count=3" "$TEST_TMP/hook.out"; ok $? "BOTE_NEW_COUNT is 3"
grep -qx "args=0" "$TEST_TMP/hook.out"; ok $? "the command gets no arguments from the mail"
[ ! -e PWNED ] && [ ! -e "$TEST_TMP/PWNED" ] && [ ! -e "$TEST_TMP/tmp/PWNED" ]
ok $? "a subject with \$(...) runs nothing"
is "$bell_before" 0 "no bell before the fetch"
is "$(tmux_ display -p -t t '#{window_bell_flag}')" 1 "bell_on_new_mail rings the bell"

# A fetch that brings nothing runs nothing.
rm -f "$TEST_TMP/hook.out"
tmux_send G
tmux_wait_for "0 new messages" 20
ok $? "a second G finds nothing new"
tmux_send Q
status=$(tmux_wait_exit 10); is "$status" 0 "Q quits (a sanitizer build: nothing leaked)"
[ ! -e "$TEST_TMP/hook.out" ]; ok $? "no new mail, no new_mail_command"
done_testing
