#!/bin/bash
# t_imap_auth.sh - how bote logs in to IMAP: LOGINDISABLED honoured (no
# LOGIN on the wire), XOAUTH2 and OAUTHBEARER strings of the exact shape
# with the token from oauth_token_command, the RFC 7628 error dance; then
# SASL PLAIN, LOGIN, SCRAM-SHA-1 and SCRAM-SHA-256 against the real Dovecot.
# Scripted servers (tests/hostile/imap_auth_server.py) on 127.0.0.1 only.
# TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
hostile_begin

# run_case SCENARIO [CONFIG LINE...]: start the server, run `bote folders` once.
# Sets rc, err (stderr) and log (what the server got).
run_case() {
	local scenario=$1 line cfg=$TEST_TMP/config
	shift
	hostile_server imap_auth_server.py "$scenario"
	{
		printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\n' "$port"
		printf 'tls = none\nuser = joe,x=y\ntimeout = 5\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$cfg"
	chmod 600 "$cfg"
	"$BOTE" -F "$cfg" -a h folders >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	err=$(cat "$TEST_TMP/err")
	log=$(cat "$TEST_TMP/log")
	stop_server
}

no_login_command() {
	printf '%s\n' "$log" | grep -qE '^[^ ]+ LOGIN '
	ok $(( ! $? )) "$1: no LOGIN command sent" || diag "$log"
}

# 1: LOGINDISABLED: auto falls back to AUTHENTICATE PLAIN.
run_case logindisabled "password = pw-1"
is "$rc" 0 "LOGINDISABLED: folders works" || diag "$err"
printf '%s\n' "$log" | grep -qF "SASL PLAIN b'joe,x=y\\x00joe,x=y\\x00pw-1'"
ok $? "LOGINDISABLED: logged in with AUTHENTICATE PLAIN" || diag "$log"
no_login_command "LOGINDISABLED"

# 2: LOGINDISABLED with auth = login: refused before sending anything.
run_case logindisabled "password = pw-1" "auth = login"
is "$rc" 1 "auth = login on a LOGINDISABLED server fails"
is "$(printf '%s\n' "$err" | wc -l)" 1 "with one line"
case $err in *LOGINDISABLED*) ok 0 "naming LOGINDISABLED" ;; *) ok 1 "naming LOGINDISABLED"; diag "$err" ;; esac
no_login_command "auth = login"
case $log in *pw-1*) ok 1 "the password was not sent" ;; *) ok 0 "the password was not sent" ;; esac

# 3: XOAUTH2 with the token from oauth_token_command.
run_case xoauth2 "oauth_token_command = printf '%s\\n' tok-42.abc"
is "$rc" 0 "XOAUTH2: folders works" || diag "$err"
printf '%s\n' "$log" | grep -qF "SASL XOAUTH2 b'user=joe,x=y\\x01auth=Bearer tok-42.abc\\x01\\x01'"
ok $? "XOAUTH2: user=...^Aauth=Bearer TOKEN^A^A" || diag "$log"

# 4: OAUTHBEARER is preferred when offered; RFC 7628 GS2 header, escaped name.
run_case oauthbearer "oauth_token_command = printf '%s\\n' tok-42.abc"
is "$rc" 0 "OAUTHBEARER: folders works" || diag "$err"
printf '%s\n' "$log" | grep -qF "SASL OAUTHBEARER b'n,a=joe=2Cx=3Dy,\\x01host=127.0.0.1\\x01port=$port\\x01auth=Bearer tok-42.abc\\x01\\x01'"
ok $? "OAUTHBEARER: n,a=USER,^Ahost=...^Aport=...^Aauth=Bearer TOKEN^A^A" || diag "$log"

# 5: without SASL-IR the response follows the continuation.
run_case oauthbearer_nosaslir "auth = oauthbearer" "oauth_token_command = echo tok-7"
is "$rc" 0 "OAUTHBEARER without SASL-IR works" || diag "$err"
printf '%s\n' "$log" | grep -qE '^[^ ]+ AUTHENTICATE OAUTHBEARER$'; ok $? "the command carries no initial response"

# 6: a refused token: the error continuation is answered with ^A, then one line.
run_case oauthbearer_reject "oauth_token_command = echo tok-old"
is "$rc" 1 "a refused token fails"
is "$(printf '%s\n' "$err" | wc -l)" 1 "with one line"
case $err in *"login refused by '127.0.0.1'"*) ok 0 "saying the login was refused" ;;
*) ok 1 "saying the login was refused"; diag "$err" ;; esac
printf '%s\n' "$log" | grep -qx 'AQ=='; ok $? "the error continuation was answered with AQ== (^A)" || diag "$log"

# 7: a failing token command: nothing is sent.
run_case oauthbearer "oauth_token_command = exit 3"
is "$rc" 1 "a failing oauth_token_command fails"
case $err in *"oauth_token_command of account 'h' failed: exit status 3"*) ok 0 "naming the command" ;;
*) ok 1 "naming the command"; diag "$err" ;; esac
case $log in *AUTHENTICATE*) ok 1 "no AUTHENTICATE sent" ;; *) ok 0 "no AUTHENTICATE sent" ;; esac

# 8: auth = xoauth2 without a token command is a config error.
printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\ntls = none\nuser = u\nauth = xoauth2\n' >"$TEST_TMP/config"
"$BOTE" -F "$TEST_TMP/config" -a h folders >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "auth = xoauth2 without oauth_token_command is refused"
grep -q "set oauth_token_command" "$TEST_TMP/err"; ok $? "saying what to set" || diag "$(cat "$TEST_TMP/err")"

# 9: SASL mechanisms against the real Dovecot (auth_verbose logs the method).
dovecot_start >&2 || bail_out "the dovecot fixture did not start"
trap 'stop_server; dovecot_stop; tap_cleanup_tmp' EXIT
cfg=$TEST_TMP/config
for mech in plain sasl-login scram-sha-1 scram-sha-256 login; do
	imap_config "$cfg" t "auth = $mech"
	before=$(wc -l <"$DOVECOT_DIR/dovecot.log")
	out=$("$BOTE" -F "$cfg" -a t folders 2>"$TEST_TMP/err")
	is "$(echo "$out" | head -1 | cut -f1)" INBOX "auth = $mech: Dovecot lets bote in" || diag "$(cat "$TEST_TMP/err")"
	want=$(echo "$mech" | tr a-z A-Z | sed 's/^SASL-//')
	[ "$mech" = login ] && want=PLAIN	# Dovecot logs the LOGIN command as PLAIN
	tail -n +"$((before + 1))" "$DOVECOT_DIR/dovecot.log" | grep -q "Login: user=<$DOVECOT_USER>, method=$want,"
	ok $? "auth = $mech: Dovecot saw method $want" ||
		diag "$(tail -n +"$((before + 1))" "$DOVECOT_DIR/dovecot.log" | grep Login)"
done
imap_config "$cfg" t "auth = scram-sha-256"
sed -i "s/printf %s $DOVECOT_PASS/printf %s wrong-pw/" "$cfg"
"$BOTE" -F "$cfg" -a t folders >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "SCRAM with a wrong password fails"
grep -q "login refused by '127.0.0.1'" "$TEST_TMP/err"; ok $? "as a refused login" || diag "$(cat "$TEST_TMP/err")"

done_testing
