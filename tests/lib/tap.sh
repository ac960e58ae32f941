# tap.sh - TAP output for shell tests: ok/not ok lines, a plan at the end, bail out on setup failure.
# Source it; then call ok/is/diag and finish with done_testing.
tap_n=0
tap_failed=0

# ok STATUS DESCRIPTION: STATUS is a shell exit code (0 = pass).  Returns
# non-zero on failure, so that `ok ... || diag ...` explains a failure.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
		return 0
	fi
	echo "not ok $tap_n - $2"
	tap_failed=$((tap_failed + 1))
	return 1
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
		return 0
	fi
	ok 1 "$3"
	diag "got:  '$1'"
	diag "want: '$2'"
	return 1
}

diag() {
	printf '# %s\n' "$*"
}

bail_out() {
	echo "Bail out! $*"
	exit 1
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# The directory this suite may write to; removed at exit unless BOTE_KEEP_TMP is set.
tap_tmpdir() {
	TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bote-test.XXXXXX") || bail_out "mktemp failed"
	export TEST_TMP
	# Caches, state and config of every bote the test starts stay in its
	# directory, never in the real home; a test may still point them elsewhere.
	export XDG_CACHE_HOME="$TEST_TMP/.cache" XDG_STATE_HOME="$TEST_TMP/.local/state"
	export XDG_CONFIG_HOME="$TEST_TMP/.config"
}

# tap_wait_file PATH [SECONDS]: until PATH exists (written by a program in the background).
tap_wait_file() {
	_deadline=$(( $(date +%s) + ${2:-15} ))
	while [ "$(date +%s)" -le "$_deadline" ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	diag "missing: $1"
	return 1
}

tap_cleanup_tmp() {
	if [ -n "${TEST_TMP:-}" ] && [ -z "${BOTE_KEEP_TMP:-}" ]; then
		chmod -R u+rwX "$TEST_TMP" 2>/dev/null
		rm -rf "$TEST_TMP"
	fi
}

# Bytes a terminal must never receive from bote's output: C0 other than
# tab/newline, DEL, C1, and invalid UTF-8.  Prints the first offender.
check_clean_output() {
	python3 -c '
import sys
data = sys.stdin.buffer.read()
for i, b in enumerate(data):
    if (b < 0x20 and b not in (9, 10)) or b == 0x7f:
        print("control byte 0x%02x at offset %d" % (b, i)); sys.exit(1)
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("invalid UTF-8: %s" % e); sys.exit(1)
for i, ch in enumerate(text):
    if 0x80 <= ord(ch) <= 0x9f:
        print("C1 control U+%04X at char %d" % (ord(ch), i)); sys.exit(1)
'
}
