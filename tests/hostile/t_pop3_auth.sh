#!/bin/bash
# t_pop3_auth.sh - how `bote fetch` logs in to POP3: USER/PASS, SASL PLAIN,
# LOGIN, SCRAM-SHA-1 and SCRAM-SHA-256 against the real Dovecot (its
# auth_verbose log names the mechanism), a refused SASL login, a mechanism
# the server does not offer; auto on a server without USER (AUTH PLAIN),
# and XOAUTH2 and OAUTHBEARER with their exact strings, against scripted
# servers (tests/hostile/pop3_server.py) speaking TLS with the fixture's
# certificate.  127.0.0.1 only.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }
hostile_begin
[ -z "$(dovecot_missing)" ] || bail_out "missing: $(dovecot_missing)"
dovecot_start >&2 || bail_out "the dovecot fixture did not start"
trap 'stop_server; dovecot_stop; tap_cleanup_tmp' EXIT
cfg=$TEST_TMP/config

# fetch NAME: `bote fetch` once; sets rc, out, err.
fetch() {
	out=$("$BOTE" -F "$cfg" -a "$1" fetch 2>"$TEST_TMP/err")
	rc=$?
	err=$(cat "$TEST_TMP/err")
}

# log_since N: Dovecot's log after its first N lines.
log_since() {
	tail -n +"$(($1 + 1))" "$DOVECOT_DIR/dovecot.log"
}

one_line() {
	is "$(wc -l <"$TEST_TMP/err")" 1 "$1: one line of error" || diag "$err"
}

# 1-6: auto and every mechanism Dovecot offers, in a real fetch; the log names it.
n=0
for mech in auto login plain sasl-login scram-sha-1 scram-sha-256; do
	n=$((n + 1))
	mailgen "$DOVECOT_MAILDIR" 1 --seed "$n" --prefix "m$n" >/dev/null || bail_out "mailgen failed"
	pop3_config "$cfg" "$mech" "auth = $mech" "keep_on_server = never"
	before=$(wc -l <"$DOVECOT_DIR/dovecot.log")
	fetch "$mech"
	is "$rc" 0 "auth = $mech: the fetch succeeds" || diag "$err"
	case $out in "$mech: 1 new message"*) ok 0 "auth = $mech: one message fetched" ;;
	*) ok 1 "auth = $mech: one message fetched"; diag "$out" ;; esac
	want=$(echo "$mech" | tr a-z A-Z | sed 's/^SASL-//')
	case $mech in auto|login) want=PLAIN ;; esac	# Dovecot logs USER/PASS as PLAIN
	log_since "$before" | grep -q "pop3-login: Info: Login: user=<$DOVECOT_USER>, method=$want, .*, TLS,"
	ok $? "auth = $mech: Dovecot saw method $want" || diag "$(log_since "$before" | grep Login)"
done

# 7: a wrong password with a SASL mechanism: the auth error, exit status 1.
pop3_config "$cfg" w "auth = scram-sha-256"
sed -i "s/printf %s $DOVECOT_PASS/printf %s wrong-pw/" "$cfg"
fetch w
is "$rc" 1 "SCRAM-SHA-256 with a wrong password fails with exit status 1"
case $err in "bote: pop3 '127.0.0.1': login refused: "*) ok 0 "as a refused login" ;;
*) ok 1 "as a refused login"; diag "$err" ;; esac
one_line "wrong password"
is "$(find "$TEST_TMP/spool-w" -type f 2>/dev/null | wc -l)" 0 "wrong password: nothing fetched"

# 8: a mechanism Dovecot does not offer: refused before any AUTH.
pop3_config "$cfg" o "auth = oauthbearer" "oauth_token_command = echo tok-1"
before=$(wc -l <"$DOVECOT_DIR/dovecot.log")
fetch o
is "$rc" 1 "auth = oauthbearer against Dovecot fails"
case $err in *"pop3 '127.0.0.1': cannot log in: the server does not offer AUTH OAUTHBEARER") ok 0 "saying the server does not offer it" ;;
*) ok 1 "saying the server does not offer it"; diag "$err" ;; esac
one_line "mechanism not offered"
log_since "$before" | grep -q "auth.*OAUTHBEARER\|Aborted login (auth failed"
ok $(( ! $? )) "no authentication attempt reached Dovecot" || diag "$(log_since "$before")"

# Scripted servers with the fixture's certificate (implicit TLS).
# run_case SCENARIO [CONFIG LINE...]: start it, fetch once; also sets log.
run_case() {
	local scenario=$1 line
	shift
	hostile_server pop3_server.py "$scenario" --cert "$DOVECOT_DIR/ssl/server.pem" \
		--key "$DOVECOT_DIR/ssl/server.key"
	{
		printf '[account "h"]\nprotocol = pop3\nhost = 127.0.0.1\nport = %s\n' "$port"
		printf 'user = joe,x=y\nca_file = %s\nspool = %s/spool-h\n' "$DOVECOT_CA" "$TEST_TMP"
		printf 'keep_on_server = forever\ntimeout = 5\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$cfg"
	chmod 600 "$cfg"
	fetch h
	stop_server
	log=$(cat "$TEST_TMP/log")
}

# 9: auto on a server with SASL PLAIN but no USER: AUTH PLAIN, over TLS.
run_case sasl_plain_only "password = pw-1"
is "$rc" 0 "no USER: the fetch succeeds with auth = auto" || diag "$err"
printf '%s\n' "$log" | grep -qxF "SASL PLAIN b'joe,x=y\\x00joe,x=y\\x00pw-1'"
ok $? "no USER: AUTH PLAIN with authzid, user and password" || diag "$log"
printf '%s\n' "$log" | grep -q '^USER\|^PASS'
ok $(( ! $? )) "no USER: neither USER nor PASS sent"
case $out in "h: 3 new messages"*) ok 0 "no USER: the three messages fetched" ;;
*) ok 1 "no USER: the three messages fetched"; diag "$out" ;; esac

# 10: auto with USER and SASL PLAIN: USER/PASS; auth = plain: AUTH PLAIN.
run_case user_and_plain "password = pw-9"
is "$rc" 0 "USER and PLAIN: the fetch succeeds with auth = auto" || diag "$err"
is "$(printf '%s\n' "$log" | grep -E '^(USER|PASS|AUTH)' | tr '\n' ' ')" "USER joe,x=y PASS pw-9 " \
	"USER and PLAIN: auto logs in with USER and PASS"
run_case user_and_plain "password = pw-9" "auth = plain"
is "$rc" 0 "USER and PLAIN: the fetch succeeds with auth = plain" || diag "$err"
printf '%s\n' "$log" | grep -qxF "SASL PLAIN b'joe,x=y\\x00joe,x=y\\x00pw-9'"
ok $? "USER and PLAIN: auth = plain uses AUTH PLAIN" || diag "$log"
printf '%s\n' "$log" | grep -q '^USER\|^PASS'
ok $(( ! $? )) "USER and PLAIN: auth = plain sends no USER or PASS"

# 11: XOAUTH2 with the token from oauth_token_command.
run_case xoauth2 "oauth_token_command = printf '%s\\n' tok-42.abc"
is "$rc" 0 "XOAUTH2: the fetch succeeds" || diag "$err"
printf '%s\n' "$log" | grep -qxF "SASL XOAUTH2 b'user=joe,x=y\\x01auth=Bearer tok-42.abc\\x01\\x01'"
ok $? "XOAUTH2: user=...^Aauth=Bearer TOKEN^A^A" || diag "$log"
printf '%s\n' "$log" | grep -qE '^AUTH XOAUTH2 [A-Za-z0-9+/=]+$'
ok $? "XOAUTH2: the response on the AUTH line" || diag "$log"
printf '%s\n' "$log" | grep -q '^USER\|^PASS'
ok $(( ! $? )) "XOAUTH2: no USER or PASS although offered"

# 12: OAUTHBEARER is preferred when offered: RFC 7628 GS2 header, escaped name.
run_case oauthbearer "oauth_token_command = printf '%s\\n' tok-42.abc"
is "$rc" 0 "OAUTHBEARER: the fetch succeeds" || diag "$err"
printf '%s\n' "$log" | grep -qxF "SASL OAUTHBEARER b'n,a=joe=2Cx=3Dy,\\x01host=127.0.0.1\\x01port=$port\\x01auth=Bearer tok-42.abc\\x01\\x01'"
ok $? "OAUTHBEARER: n,a=USER,^Ahost=...^Aport=...^Aauth=Bearer TOKEN^A^A" || diag "$log"

# 13: a token too long for the 255-octet AUTH line goes after the "+".
long=$(printf 'x%.0s' $(seq 300))
run_case oauthbearer "auth = oauthbearer" "oauth_token_command = echo $long"
is "$rc" 0 "OAUTHBEARER with a long token: the fetch succeeds" || diag "$err"
printf '%s\n' "$log" | grep -qx 'AUTH OAUTHBEARER'
ok $? "long token: AUTH OAUTHBEARER without the response" || diag "$log"
printf '%s\n' "$log" | grep -qF "auth=Bearer $long\\x01\\x01'"
ok $? "long token: the response follows the challenge" || diag "$log"

# 14: a refused token: the error challenge is answered with ^A, then one line.
run_case oauthbearer_reject "oauth_token_command = echo tok-old"
is "$rc" 1 "a refused token fails"
one_line "refused token"
case $err in *"pop3 '127.0.0.1': login refused: [AUTH] token refused") ok 0 "saying the login was refused" ;;
*) ok 1 "saying the login was refused"; diag "$err" ;; esac
printf '%s\n' "$log" | grep -qx 'AQ=='; ok $? "the error challenge was answered with AQ== (^A)" || diag "$log"

# 15: auth = plain on a server that offers only OAuth: refused, no fallback.
run_case xoauth2 "auth = plain" "password = pw-14"
is "$rc" 1 "auth = plain without SASL PLAIN fails"
case $err in *"cannot log in: the server does not offer AUTH PLAIN") ok 0 "naming the mechanism" ;;
*) ok 1 "naming the mechanism"; diag "$err" ;; esac
case $log in *AUTH*|*USER*|*pw-14*) ok 1 "no fallback to another login"; diag "$log" ;;
*) ok 0 "no fallback to another login" ;; esac

# 16: auth = login on a server without USER: refused, no fallback to SASL.
run_case sasl_plain_only "auth = login" "password = pw-15"
is "$rc" 1 "auth = login without USER fails"
case $err in *"cannot log in: the server does not offer USER and PASS") ok 0 "saying USER is not offered" ;;
*) ok 1 "saying USER is not offered"; diag "$err" ;; esac
case $log in *AUTH*|*pw-15*) ok 1 "auth = login: no AUTH sent"; diag "$log" ;;
*) ok 0 "auth = login: no AUTH sent" ;; esac

# 17: a token with a line break never reaches the server.
run_case oauthbearer "auth = oauthbearer" "oauth_token_command = printf 'a\\rb\\n'"
is "$rc" 1 "a token with a line break fails"
case $err in *"user name or token has line breaks or is too long") ok 0 "saying why" ;;
*) ok 1 "saying why"; diag "$err" ;; esac
case $log in *AUTH*) ok 1 "no AUTH sent"; diag "$log" ;; *) ok 0 "no AUTH sent" ;; esac

done_testing
