#!/bin/bash
# t_pop3_faults.sh - security plan cases 21 and 24: `bote fetch` into a spool whose
# disk fails (EIO from syncfs, fsync or the journal's fdatasync; a rename into
# new/ refused with EEXIST or EXDEV), injected with strace against a scripted
# POP3 server on 127.0.0.1.  Each fault ends the fetch with a one-line error
# and no DELE; a rerun without faults then delivers every message exactly
# once (what a failed fsync left in new/ is settled, not fetched again).
# Then the journal damaged (emptied, garbage, a symbolic link, another
# user's): the fetch refuses with no DELE and no second copy of anything.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/hostile.sh" || { echo "Bail out! tests/lib/hostile.sh missing"; exit 1; }
hostile_begin
command -v strace >/dev/null || bail_out "strace missing (sh tools/deps.sh test)"
strace -qq -f -o /dev/null -e trace=syncfs -e inject=syncfs:error=EIO sync -f "$TEST_TMP" 2>/dev/null &&
	bail_out "strace cannot inject faults here (ptrace not permitted?)"

cfg=$TEST_TMP/config
n=0

# fetch_with SYSCALL ERROR: one fetch with every SYSCALL failing with ERROR
# (no SYSCALL: no fault).  Sets rc, err, log.
fetch_with() {
	local port
	hostile_server pop3_server.py normal
	{
		printf '[account "f"]\nprotocol = pop3\nhost = 127.0.0.1\nport = %s\n' "$port"
		printf 'tls = none\nuser = faults\npassword = secret\n'
		printf 'spool = %s\nkeep_on_server = %s\ntimeout = 5\n' "$spool" "${KEEP:-never}"
	} >"$cfg"
	chmod 600 "$cfg"
	if [ -n "$1" ]; then
		# LeakSanitizer cannot run under ptrace: the sanitizer build checks leaks elsewhere.
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		XDG_STATE_HOME=$spool.state timeout 120 strace -qq -f -o /dev/null -e trace="$1" \
			-e inject="$1":error="$2" "$BOTE" -F "$cfg" fetch >/dev/null 2>"$TEST_TMP/err"
	else
		XDG_STATE_HOME=$spool.state timeout 120 "$BOTE" -F "$cfg" fetch >/dev/null 2>"$TEST_TMP/err"
	fi
	rc=$?
	err=$(cat "$TEST_TMP/err")
	stop_server
	log=$(cat "$TEST_TMP/log")
}

# Each fault on a spool and journal of its own, then the rerun on the same.
for fault in syncfs:EIO fsync:EIO fdatasync:EIO renameat2:EEXIST renameat2:EXDEV; do
	n=$((n + 1))
	spool=$TEST_TMP/spool-$n
	fetch_with "${fault%:*}" "${fault#*:}"
	is "$rc" 1 "$fault: the fetch fails"
	is "$(printf '%s\n' "$err" | wc -l)" 1 "$fault: one line" || diag "$err"
	case $log in *DELE*) ok 1 "$fault: no DELE" ;; *) ok 0 "$fault: no DELE" ;; esac
	fetch_with "" ""
	is "$rc" 0 "$fault: the rerun without faults succeeds" || diag "$err"
	is "$(find "$spool/new" "$spool/cur" -type f | wc -l)" 3 "$fault: every message in the spool once"
	is "$(printf '%s\n' "$log" | grep -c '^DELE')" 3 "$fault: only now deleted on the server"
	is "$(find "$spool/tmp" -type f | wc -l)" 0 "$fault: no half-written file left in tmp/"
done
# Case 24: a journal that cannot be trusted.  A first fetch keeps the mail on
# the server; each damage is then met with a refusal, no DELE, no re-fetch.
n=$((n + 1))
spool=$TEST_TMP/spool-$n
KEEP=forever fetch_with "" ""
is "$rc" 0 "a first fetch keeps three messages on the server" || diag "$err"
journal=$(dirname "$(find "$spool.state" -name data.mdb)")
cp -a "$journal" "$TEST_TMP/journal.good"
restore() { rm -rf "$journal" && cp -a "$TEST_TMP/journal.good" "$journal"; }
damaged() {
	is "$rc" 1 "$1: the fetch refuses"
	case $err in *"$2"*) ok 0 "$1: says '$2'" ;; *) ok 1 "$1: says '$2'"; diag "$err" ;; esac
	case $log in *DELE*|*RETR*) ok 1 "$1: no DELE, nothing fetched again"; diag "$log" ;;
	*) ok 0 "$1: no DELE, nothing fetched again" ;; esac
	is "$(find "$spool/new" "$spool/cur" -type f | wc -l)" 3 "$1: still one copy of each"
}
: >"$journal/data.mdb"
fetch_with "" ""
damaged "an emptied journal" "empty while the spool holds mail"
restore
head -c 65536 /dev/urandom >"$journal/data.mdb"
fetch_with "" ""
damaged "a journal of garbage" "not an LMDB file"
restore
mv "$journal/data.mdb" "$TEST_TMP/elsewhere.mdb"
ln -s "$TEST_TMP/elsewhere.mdb" "$journal/data.mdb"
fetch_with "" ""
damaged "a journal that is a symbolic link" "symbolic link"
restore
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown -R nobody "$journal"
	fetch_with "" ""
	damaged "a journal owned by another user" "owned by another user"
	restore
else
	for _ in 1 2 3 4; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP not root: cannot make a journal of another user"
	done
fi
fetch_with "" ""
is "$rc" 0 "the journal restored, the fetch works again" || diag "$err"
is "$(printf '%s\n' "$log" | grep -c '^DELE')" 3 "and deletes what it had delivered"
is "$(find "$spool/new" "$spool/cur" -type f | wc -l)" 3 "without fetching anything twice"
done_testing
