# tests/lib/hostile.sh - the common start of the scripted-server suites (tests/hostile/).
#
# Source it from a bash test (top_srcdir set), then:
#   hostile_begin                       checks, TAP temporary dir, private HOME and XDG
#                                       dirs, the server stopped and all removed at exit
#   hostile_server SCRIPT SCENARIO [ARGS...]
#                                       start tests/hostile/SCRIPT for SCENARIO; sets port;
#                                       what clients sent goes to $TEST_TMP/log
#   stop_server                         stop it (safe twice)
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
: "${BOTE:=$top_srcdir/bote}"

server_pid=
stop_server() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	server_pid=
}

hostile_begin() {
	[ -x "$BOTE" ] || bail_out "no bote binary at $BOTE"
	command -v python3 >/dev/null || bail_out "python3 missing"
	command -v openssl >/dev/null || bail_out "openssl missing"
	tap_tmpdir
	trap 'stop_server; tap_cleanup_tmp' EXIT
	export XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache HOME=$TEST_TMP
	# Under the sanitizers: libetpan's own leaks (a BYE greeting) are not bote's.
	LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$top_srcdir/tests/lib/lsan.supp:print_suppressions=0
	export LSAN_OPTIONS
}

hostile_server() {
	local script=$1 scenario=$2
	shift 2
	rm -f "$TEST_TMP/port"
	: >"$TEST_TMP/log"
	python3 "$top_srcdir/tests/hostile/$script" "$scenario" "$TEST_TMP/port" \
		"$TEST_TMP/log" "$@" 2>>"$TEST_TMP/server.err" &
	server_pid=$!
	for _ in $(seq 100); do
		[ -s "$TEST_TMP/port" ] && break
		sleep 0.05
	done
	port=$(cat "$TEST_TMP/port" 2>/dev/null) || bail_out "the $scenario server did not start"
}
