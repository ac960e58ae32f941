#!/bin/bash
# t_imap_hostile.sh - the IMAP driver against scripted hostile servers
# (tests/hostile/imap_server.py, 127.0.0.1 only): STARTTLS that is skipped,
# refused, missing or followed by injected data ends with a one-line error
# and no LOGIN on the wire; an endless literal and a dripping greeting are
# cut off in bounded time.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
hostile_begin

# run_case SCENARIO TLS: start the server, run `bote folders` once.
# Sets rc, elapsed, err (stderr) and log (lines the server got).
run_case() {
	local scenario=$1 tls=$2 port start cfg=$TEST_TMP/config
	hostile_server imap_server.py "$scenario"
	printf '[account "h"]\nprotocol = imap\nhost = 127.0.0.1\nport = %s\ntls = %s\n' \
		"$port" "$tls" >"$cfg"
	printf 'user = hostile\npassword = secret-pw\ntimeout = 2\n' >>"$cfg"
	chmod 600 "$cfg"
	start=$(date +%s)
	"$BOTE" -F "$cfg" -a h folders >/dev/null 2>"$TEST_TMP/err"
	rc=$?
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

done_testing
