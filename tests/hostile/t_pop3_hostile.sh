#!/bin/bash
# t_pop3_hostile.sh - `bote fetch` against scripted hostile POP3 servers
# (tests/hostile/pop3_server.py, 127.0.0.1 only): each case must end with a
# clear one-line error or a notice, in bounded time, delivering and
# deleting nothing it should not, sending no password where it must not,
# and printing no control byte.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
hostile_begin

# run_case SCENARIO TLS KEEP [server args...]: start the server, fetch once.
# Sets rc, elapsed, err (stderr), out (stdout), log (commands the server got), spool.
n_case=0
run_case() {
	local scenario=$1 tls=$2 keep=$3 port start
	shift 3
	n_case=$((n_case + 1))
	hostile_server pop3_server.py "$scenario" "$@"
	spool=$TEST_TMP/spool-$n_case
	cfg=$TEST_TMP/config-$n_case
	{
		printf '[account "h%s"]\nprotocol = pop3\nhost = 127.0.0.1\nport = %s\n' "$n_case" "$port"
		printf 'tls = %s\nuser = hostile\npassword = secret-%s\n' "$tls" "$n_case"
		printf 'spool = %s\nkeep_on_server = %s\ntimeout = 2\n' "$spool" "$keep"
		[ -n "${CASE_CA:-}" ] && printf 'ca_file = %s\n' "$CASE_CA"
	} >"$cfg"
	chmod 600 "$cfg"
	start=$(date +%s)
	out=$(timeout 60 "$BOTE" -F "$cfg" fetch 2>"$TEST_TMP/err")
	rc=$?
	elapsed=$(($(date +%s) - start))
	err=$(cat "$TEST_TMP/err")
	stop_server
	log=$(cat "$TEST_TMP/log")
}

delivered() {
	find "$spool/new" "$spool/cur" -type f 2>/dev/null | wc -l
}

deles() {
	printf '%s\n' "$log" | grep '^DELE' | tr '\n' ' '
}

no_password() { # the case's password never reached the server
	case $log in *"secret-$n_case"*) return 1 ;; esac
	return 0
}

clean_err() {
	check_clean_output <"$TEST_TMP/err" >/dev/null
}

one_line() {
	[ "$(wc -l <"$TEST_TMP/err")" -le 1 ]
}

# Case 17: EOF in the middle of RETR (libetpan alone spins forever here).
run_case eof_mid_retr none never
is "$rc" 1 "EOF mid-RETR: fails"
ok $((elapsed > 10)) "EOF mid-RETR: in bounded time (${elapsed}s)"
case $err in *"connection closed"*) r=0 ;; *) r=1 ;; esac
ok $r "EOF mid-RETR: says the server closed the connection" || diag "$err"
is "$(delivered)" 1 "EOF mid-RETR: the complete message before it is kept"
is "$(deles)" "" "EOF mid-RETR: nothing deleted"

# Case 18: a LIST line numbered 0 (libetpan writes out of bounds) and an absurd number.
run_case list_zero none never
is "$rc" 0 "LIST entry 0: fetch succeeds for the good messages"
is "$(delivered)" 3 "LIST entry 0: the three real messages arrive"
is "$(deles)" "DELE 1 DELE 2 DELE 3 " "LIST entry 0: only real messages are deleted"
case $err in *"bad number"*) r=0 ;; *) r=1 ;; esac
ok $r "LIST entry 0: a notice says what was left alone" || diag "$err"
run_case list_huge_index none forever
is "$rc" 0 "LIST number 4000000000: refused line, fetch goes on"
is "$(delivered)" 3 "LIST number 4000000000: the three real messages arrive"

# Case 19: hostile UIDLs: traversal, control bytes, empty, too long, duplicated.
run_case hostile_uidls none never
is "$rc" 0 "hostile UIDLs: fetch succeeds for the good ones"
is "$(delivered)" 3 "hostile UIDLs: exactly the three valid, unique ones arrive"
is "$(deles)" "DELE 1 DELE 2 DELE 8 " "hostile UIDLs: only those are deleted; a duplicated UIDL never drives a DELE"
is "$(printf '%s\n' "$err" | grep -c 'left on the server')" 5 "hostile UIDLs: one notice per refused message"
clean_err
ok $? "hostile UIDLs: no control byte reaches the terminal"
is "$(find "$TEST_TMP" -path '*etc/passwd*' | wc -l)" 0 "hostile UIDLs: a UIDL never becomes a path"

# Cases 1-3: STLS refused, missing, or answered with injected data.
for s in stls_refused stls_missing stls_injected; do
	run_case "$s" starttls forever
	is "$rc" 1 "$s: fails"
	no_password
	ok $? "$s: no password sent"
	case $log in *USER*) r=1 ;; *) r=0 ;; esac
	ok $r "$s: not even the user name sent"
	one_line
	ok $? "$s: one line of error: $err"
done

# Case 5: a greeting that is not POP3.
run_case garbage_greeting none forever
is "$rc" 1 "garbage greeting: fails"
case $err in *"did not greet"*) r=0 ;; *) r=1 ;; esac
ok $r "garbage greeting: says so" || diag "$err"

# Case 12: a server that never says a word.
run_case silent none forever
is "$rc" 1 "silent server: fails"
ok $((elapsed > 8)) "silent server: gives up in bounded time (${elapsed}s, timeout 2)"
case $err in *"timed out"* | *"too slow"*) r=0 ;; *) r=1 ;; esac
ok $r "silent server: says it timed out" || diag "$err"

# Case 13: a server that drips a message one byte every half second.
run_case slow_drip none never
is "$rc" 1 "slow drip: fails"
ok $((elapsed > 15)) "slow drip: cut off in bounded time (${elapsed}s)"
is "$(deles)" "" "slow drip: nothing deleted"

# Case 11: a reply far longer than announced.
run_case huge_retr none never
is "$rc" 1 "endless RETR: fails"
case $err in *"longer than announced"*) r=0 ;; *) r=1 ;; esac
ok $r "endless RETR: says the reply is longer than announced" || diag "$err"
is "$(deles)" "" "endless RETR: nothing deleted"
is "$(delivered)" 1 "endless RETR: only the message before it is kept"

# A message shorter than announced is left on the server.
run_case short_message none never
is "$rc" 0 "short message: the others are fetched"
is "$(delivered)" 2 "short message: it is not delivered"
is "$(deles)" "DELE 1 DELE 3 " "short message: it is not deleted"

# No UIDL: keep-on-server mode is refused, delete mode works.
run_case no_uidl none forever
is "$rc" 1 "no UIDL, keep mode: refused"
case $err in *"no UIDL"*) r=0 ;; *) r=1 ;; esac
ok $r "no UIDL, keep mode: explains why" || diag "$err"
is "$(delivered)" 0 "no UIDL, keep mode: nothing fetched"
run_case no_uidl none never
is "$rc" 0 "no UIDL, delete mode: works"
is "$(delivered)" 3 "no UIDL, delete mode: three messages"
is "$(deles)" "DELE 1 DELE 2 DELE 3 " "no UIDL, delete mode: deleted after delivery"

# Case 8: escape sequences in server text.
run_case bad_password none forever
is "$rc" 1 "refused login: fails"
clean_err
ok $? "refused login: the server's escape sequences do not reach the terminal"
case $err in *"login refused"*) r=0 ;; *) r=1 ;; esac
ok $r "refused login: says so" || diag "$err"
run_case alert_escape none forever
is "$rc" 0 "escape sequences in the greeting: harmless"
clean_err
ok $? "escape sequences in the greeting: nothing on the terminal"

# Case 6: a certificate for another host, from a CA bote trusts.
ssl=$TEST_TMP/ssl
mkdir -p "$ssl"
(
	cd "$ssl" &&
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
		-subj "/CN=hostile test CA" -keyout ca.key -out ca.pem &&
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-subj "/CN=wrong.example" -keyout srv.key -out srv.csr &&
	printf 'subjectAltName = DNS:wrong.example\n' >ext &&
	openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 \
		-extfile ext -out srv.pem
) >/dev/null 2>&1 || bail_out "openssl could not make the test certificates"
CASE_CA=$ssl/ca.pem run_case list_zero implicit forever --cert "$ssl/srv.pem" --key "$ssl/srv.key"
is "$rc" 1 "certificate for another host: refused"
case $err in *"not trusted"*"mismatch"*) r=0 ;; *) r=1 ;; esac
ok $r "certificate for another host: the error says why" || diag "$err"
is "$log" "" "certificate for another host: not one command sent"
CASE_CA= run_case list_zero implicit forever --cert "$ssl/srv.pem" --key "$ssl/srv.key"
is "$rc" 1 "certificate from an unknown CA: refused"
is "$log" "" "certificate from an unknown CA: not one command sent"
done_testing
