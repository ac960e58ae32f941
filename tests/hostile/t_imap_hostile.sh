#!/bin/bash
# t_imap_hostile.sh - the IMAP driver against scripted hostile servers
# (tests/hostile/imap_server.py, 127.0.0.1 only): STARTTLS that is skipped,
# refused, missing or followed by injected data ends with a one-line error
# and no LOGIN on the wire; an endless literal and a dripping greeting are
# cut off in bounded time.  Then a small correct server with one twist per
# case (security plan cases 3, 7, 9, 10, 13, 14 and what the fuzzer found):
# forged data before STARTTLS, escapes in ALERT and BYE, a 4 GB literal and
# an endless line under a memory limit, EOF mid-literal, hostile folder
# names, the open message expunged or answered by another, UIDVALIDITY
# changed behind a reconnect.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
hostile_begin
mkdir -p "$TEST_TMP/cwd"

# run_case SCENARIO TLS: start the server, run `bote folders` once.
# Sets rc, elapsed, err (stderr) and log (lines the server got).
run_case() {
	run_bote "$1" "$2" folders
}

# run_bote SCENARIO TLS COMMAND...: as run_case, with any bote command (under a
# 1 GiB address-space limit outside the sanitizer build, and a 60 s guard); its
# stdout goes to out.  SERVER_ARGS and EXTRA_CONF add to the server and config.
run_bote() {
	local scenario=$1 tls=$2 port start cfg=$TEST_TMP/config
	shift 2
	# shellcheck disable=SC2086
	hostile_server imap_server.py "$scenario" ${SERVER_ARGS:-}
	printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\ntls = %s\n' \
		"$port" "$tls" >"$cfg"
	printf 'user = hostile\npassword = secret-pw\ntimeout = 2\n%s\n' "${EXTRA_CONF:-}" >>"$cfg"
	chmod 600 "$cfg"
	start=$(date +%s)
	(
		# Under the sanitizers address space is reserved up front.
		[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 1048576
		cd "$TEST_TMP/cwd" && exec timeout 60 "$BOTE" -F "$cfg" -a h "$@"
	) >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	elapsed=$(( $(date +%s) - start ))
	err=$(cat "$TEST_TMP/err")
	log=$(cat "$TEST_TMP/log")
	stop_server
}

# check NAME PATTERN: exit 1, one line matching PATTERN, no LOGIN or password sent.
check() {
	is "$rc" 1 "$1: exit 1"
	is "$(printf '%s\n' "$err" | wc -l)" 1 "$1: one line"
	case $err in *$2*) ok 0 "$1: says '$2'" ;; *) ok 1 "$1: says '$2'"; diag "$err" ;; esac
	case $log in *LOGIN*|*AUTHENTICATE*|*secret-pw*) ok 1 "$1: no credential sent"; diag "$log" ;;
	*) ok 0 "$1: no credential sent" ;; esac
}

run_case preauth starttls
check "PREAUTH on a STARTTLS account" "PREAUTH"
case $log in *STARTTLS*) ok 1 "PREAUTH: not even STARTTLS is sent" ;; *) ok 0 "PREAUTH: not even STARTTLS is sent" ;; esac

run_case starttls_refused starttls
check "STARTTLS refused" "refused STARTTLS"

run_case starttls_missing starttls
check "STARTTLS not offered" "does not offer STARTTLS"

run_case starttls_injected starttls
check "data injected after the STARTTLS go-ahead" "sent data after agreeing to STARTTLS"

run_case drip_greeting none
check "a greeting dripping one byte a second" "greeting"
[ "$elapsed" -le 10 ]; ok $? "the dripping greeting is cut off in bounded time ($elapsed s)"

run_case endless_literal none
is "$rc" 1 "an endless LIST literal: exit 1"
is "$(printf '%s\n' "$err" | wc -l)" 1 "an endless LIST literal: one line"
[ "$elapsed" -le 20 ]; ok $? "the endless literal is cut off in bounded time ($elapsed s)"
diag "$err"

# clean: neither stdout nor stderr carries a control byte, C1 or invalid UTF-8.
clean() {
	check_clean_output <"$TEST_TMP/out" >/dev/null && check_clean_output <"$TEST_TMP/err" >/dev/null
}
lines() { printf '%s\n' "$1" | wc -l; }

# Case 3: capabilities, a LIST, EXISTS and STATUS forged before STARTTLS.  The
# forged LOGINDISABLED (without AUTH=PLAIN) would stop a client that kept them.
ssl=$TEST_TMP/ssl
mkdir -p "$ssl"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
	-subj /CN=127.0.0.1 -keyout "$ssl/key.pem" -out "$ssl/cert.pem" >/dev/null 2>&1 ||
	bail_out "openssl could not make the test certificate"
fp=$(openssl x509 -noout -fingerprint -sha256 -in "$ssl/cert.pem") || bail_out "no fingerprint"
SERVER_ARGS="--cert $ssl/cert.pem --key $ssl/key.pem" EXTRA_CONF="pin = sha256:${fp#*=}" \
	run_bote tamper_before_tls starttls folders
is "$rc" 0 "forged before STARTTLS: capabilities asked again over TLS, login works" || diag "$err"
case $log in *"LOGIN hostile"*) ok 0 "forged before STARTTLS: LOGIN only after TLS" ;;
*) ok 1 "forged before STARTTLS: LOGIN only after TLS"; diag "$log" ;; esac
case $out in *Injected*) ok 1 "the LIST forged before TLS is not shown" ;;
*) ok 0 "the LIST forged before TLS is not shown" ;; esac
is "$(printf '%s\n' "$out" | cut -f1,2)" "INBOX	2" "only INBOX, counted over TLS (not the forged 99)"

# Case 7: escapes, OSC 52/8, C1 CSI, bidi and 10 KB in an ALERT and a BYE greeting.
for scenario in alert_escape bye_escape; do
	run_bote "$scenario" none folders
	is "$rc" 1 "$scenario: exit 1"
	is "$(lines "$err")" 1 "$scenario: one line"
	clean; ok $? "$scenario: no control byte, C1 or invalid UTF-8 on the terminal"
	case $err in *$'\u202e'*) ok 1 "$scenario: no bidi override" ;; *) ok 0 "$scenario: no bidi override" ;; esac
	[ "${#err}" -le 400 ]; ok $? "$scenario: the server's text is cut short (${#err} chars)"
done

# Case 9: a 4 GB literal and an endless line, under a 1 GiB address-space limit.
for scenario in huge_literal endless_line; do
	run_bote "$scenario" none folders
	is "$rc" 1 "$scenario: exit 1, no crash"
	is "$(lines "$err")" 1 "$scenario: one line"
	case $err in *"more data than bote accepts"*|*"longer than announced"*) ok 0 "$scenario: says it is too large" ;;
	*) ok 1 "$scenario: says it is too large"; diag "$err" ;; esac
	[ "$elapsed" -le 30 ]; ok $? "$scenario: cut off in bounded time ($elapsed s)"
done

# Case 10: the server closes in the middle of the message's literal.
run_bote eof_mid_literal none show 1
is "$rc" 1 "EOF mid-literal: exit 1"
[ "$elapsed" -le 20 ]; ok $? "EOF mid-literal: no spin, ends in $elapsed s"
case $err in *closed*|*lost*) ok 0 "EOF mid-literal: says the connection ended" ;;
*) ok 1 "EOF mid-literal: says the connection ended"; diag "$err" ;; esac
is "$out" "" "EOF mid-literal: nothing of the cut-off message is shown"

# Case 13: traversal, shell syntax, escapes and a 100,000-level name in LIST.
run_bote hostile_names none folders
is "$rc" 0 "hostile folder names: listed" || diag "$err"
clean; ok $? "hostile folder names: shown cleaned"
case $out in *"a/a/a/a"*) ok 0 "the 100,000-level name does not overflow the stack" ;;
*) ok 1 "the 100,000-level name does not overflow the stack" ;; esac
run_bote hostile_names none list ../../escaped
run_bote hostile_names none list "\$(touch pwned-dollar)"
run_bote hostile_names none list "\`touch pwned-backtick\`"
stray=$(cd "$TEST_TMP" && find . .. -maxdepth 3 \( -name 'pwned*' -o -name escaped \) 2>/dev/null)
is "$stray" "" "hostile folder names: nothing runs, no path outside the cache"

# Case 14: the open message expunged; another message sent for it; UIDVALIDITY
# changed behind a broken connection (`show` does not reconnect; the terminal
# UI does, and t_imap_rebuilt.sh checks it finds the folder rebuilt).
run_bote expunged_open none show 1
is "$rc" 1 "open message expunged: exit 1"
case $err in *"no longer"*) ok 0 "open message expunged: says so" ;;
*) ok 1 "open message expunged: says so"; diag "$err" ;; esac
run_bote wrong_uid_body none show 1
is "$rc" 1 "another message's body for the open one: refused"
case $out in *WRONG*) ok 1 "another message's body is not shown" ;; *) ok 0 "another message's body is not shown" ;; esac
run_bote uidvalidity_change none show 1
is "$rc" 1 "UIDVALIDITY changed behind a reconnect: exit 1"
case $out in *WRONG*) ok 1 "UIDVALIDITY changed: no message of the rebuilt folder shown" ;;
*) ok 0 "UIDVALIDITY changed: no message of the rebuilt folder shown" ;; esac

# Found by fuzz_imap: no capability list at all, an empty one, or a CAPABILITY
# reply without atoms crashed libetpan; a UID reported twice made two rows.
for scenario in capability_bare capability_empty capability_no_atoms; do
	run_bote "$scenario" none folders
	is "$rc" 0 "$scenario: no crash, listed" || diag "$err"
	is "$(printf '%s\n' "$out" | cut -f1)" "INBOX" "$scenario: INBOX"
done
run_bote dup_uid none list
is "$rc" 0 "a UID reported twice: listed" || diag "$err"
is "$(lines "$out")" 2 "a UID reported twice: one row per message"

# Found by fuzz_imap: a SELECT claiming 2^32-1 messages made the index reserve
# a row for each (512 GB) before the FETCH said there were two.  Under the
# address-space limit (or ASan's allocator) that was an abort.
run_bote huge_exists none list
is "$rc" 0 "EXISTS 4294967295: listed, memory bounded" || diag "$err"
is "$(lines "$out")" 2 "EXISTS 4294967295: the two messages the server has"
run_bote huge_exists none folders
is "$rc" 0 "STATUS MESSAGES 4294967295: folders listed" || diag "$err"

done_testing
