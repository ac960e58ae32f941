# tmux.sh - drive the real bote binary in a private tmux server for TUI tests.
#
# Each test gets its own server socket (-L), no user config (-f /dev/null),
# a fixed terminal size and TERM, and a pane that stays after bote exits.
# The command runs under a small shell that writes its exit status to a
# file: tmux's own #{pane_dead_status} stays empty for ASan builds.  Waiting
# is polling with a deadline, never a bare sleep.

TMUX_CMD="${TMUX_BIN:-tmux}"
tmux_starts=0
TMUX_SOCKET="bote-test-$$-0"	# never the default socket, even before a start

tmux_() {
	"$TMUX_CMD" -L "$TMUX_SOCKET" -f /dev/null "$@"
}

# tmux_start COLS ROWS COMMAND...: start COMMAND in a detached session.
tmux_start() {
	cols=$1 rows=$2
	shift 2
	command -v "$TMUX_CMD" >/dev/null 2>&1 || bail_out "tmux not installed (apt-get install tmux)"
	# A fresh server per start: a killed one may still be closing its socket.
	tmux_starts=$((tmux_starts + 1))
	TMUX_SOCKET="bote-test-$$-$tmux_starts"
	# A server left by an earlier script whose PID was the same: not ours to keep.
	tmux_ kill-server >/dev/null 2>&1
	TMUX_STATUS=${TEST_TMP:-${TMPDIR:-/tmp}}/tmux-exit.$$
	rm -f "$TMUX_STATUS"
	tmux_ new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=screen-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*; echo \$? >$TMUX_STATUS" ||
		bail_out "cannot start tmux"
	tmux_ set-option -g remain-on-exit on >/dev/null
	tmux_ set-window-option -g window-size manual >/dev/null 2>&1
}

tmux_send() {
	tmux_ send-keys -t t "$@"
}

# tmux_send_text TEXT: type literally (no key-name lookup).
tmux_send_text() {
	tmux_ send-keys -t t -l "$1"
}

tmux_capture() {
	tmux_ capture-pane -t t -p
}

# tmux_wait_for TEXT [SECONDS]: until TEXT (fixed string) is on screen.
tmux_wait_for() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		if tmux_capture | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	diag "timed out waiting for '$1'; the screen was:"
	tmux_capture | sed 's/^/#   | /'
	return 1
}

# tmux_wait_gone TEXT [SECONDS]: until TEXT is no longer on screen.
tmux_wait_gone() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		if ! tmux_capture | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
	done
	diag "timed out waiting for '$1' to go away"
	return 1
}

# tmux_wait_exit [SECONDS]: until the program ended; prints its exit status.
tmux_wait_exit() {
	deadline=$(( $(date +%s) + ${1:-10} ))
	while [ "$(date +%s)" -le "$deadline" ]; do
		if [ -s "$TMUX_STATUS" ]; then
			cat "$TMUX_STATUS"
			return 0
		fi
		sleep 0.1
	done
	echo timeout
	return 1
}

tmux_resize() {
	tmux_ resize-window -t t -x "$1" -y "$2"
}

# tmux_stop: end every server this script started, not only the last one.
tmux_stop() {
	local i=0
	while [ "$i" -le "$tmux_starts" ]; do
		"$TMUX_CMD" -L "bote-test-$$-$i" -f /dev/null kill-server >/dev/null 2>&1
		i=$((i + 1))
	done
	return 0
}

# tui_begin: the usual start of a TUI test: bote built, a private temporary
# directory with tmp/ for the TMPDIR bote gets, tmux and the directory gone at exit.
tui_begin() {
	[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
	tap_tmpdir
	trap 'tmux_stop; tap_cleanup_tmp' EXIT
	mkdir "$TEST_TMP/tmp"
}
