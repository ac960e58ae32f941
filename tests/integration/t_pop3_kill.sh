#!/bin/bash
# t_pop3_kill.sh - the no-loss, no-duplicate promise under SIGKILL: in each
# keep_on_server mode, `bote fetch` of 1,000 messages is killed at 50+
# random moments, then run to completion; the spool must then hold every
# message exactly once and the server exactly what the mode keeps.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }
KILLS=${BOTE_KILLS:-50}
pop3_begin

write_config() { # FILE NAME KEEP
	pop3_config "$1" "$2" "keep_on_server = $3"
}

# Message-IDs in the given Maildirs, one per line, sorted (duplicates kept).
message_ids() {
	local d
	for d in "$@"; do
		find "$d/cur" "$d/new" -type f -exec grep -h -m1 '^Message-ID:' {} + 2>/dev/null
	done | sort
}

seed_server() {
	rm -rf "$DOVECOT_MAILDIR"/cur/* "$DOVECOT_MAILDIR"/new/*
	mailgen "$DOVECOT_MAILDIR" 1000 --seed 9 --prefix kill \
		--old 500 --old-days 2 || bail_out "mailgen failed"
}

# How long an uninterrupted fetch takes sets the window the kills fall in.
seed_server
message_ids "$DOVECOT_MAILDIR" >"$TEST_TMP/all.ids"
is "$(uniq "$TEST_TMP/all.ids" | wc -l)" 1000 "the server starts with 1000 distinct messages"
write_config "$TEST_TMP/probe" probe forever
start=$(date +%s.%N)
"$BOTE" -F "$TEST_TMP/probe" fetch >/dev/null 2>&1 || bail_out "the timing fetch failed"
window=$(python3 -c "import sys; print('%.3f' % max(0.3, 1.2 * (float(sys.argv[2]) - float(sys.argv[1]))))" \
	"$start" "$(date +%s.%N)")
diag "an uninterrupted fetch takes about $window s with margin; the kills fall inside that window"

# A delay in seconds, uniform in [0, $1), from the generator state in $RNG_FILE.
next_delay() {
	python3 -c "
import random, sys
path, hi = sys.argv[1], float(sys.argv[2])
r = random.Random()
try:
    r.setstate(eval(open(path).read()))
except OSError:
    r.seed(1)
print('%.3f' % r.uniform(0, hi))
open(path, 'w').write(repr(r.getstate()))" "$RNG_FILE" "$1"
}

# Messages in a spool so far.
spooled() {
	find "$1/cur" "$1/new" -type f 2>/dev/null | wc -l
}

# finish_round CONFIG SPOOL MODE NAME: run to completion, then check the
# promise: every message once in the spool, the server holding what the
# mode keeps, tmp/ clean, and a rerun fetching nothing.  1 on a breach.
finish_round() {
	local cfg=$1 spool=$2 mode=$3 acct=$4 want bad=0
	"$BOTE" -F "$cfg" fetch >"$TEST_TMP/final.out" 2>&1 ||
		{ bad=1; diag "$acct: final run: $(cat "$TEST_TMP/final.out")"; }
	message_ids "$spool" >"$TEST_TMP/spool.ids"
	if ! cmp -s "$TEST_TMP/all.ids" "$TEST_TMP/spool.ids"; then
		bad=1
		diag "$acct: spool has $(wc -l <"$TEST_TMP/spool.ids") messages, $(uniq "$TEST_TMP/spool.ids" | wc -l) distinct"
	fi
	message_ids "$DOVECOT_MAILDIR" >"$TEST_TMP/server.ids"
	case $mode in
	forever) want=1000 ;;
	never) want=0 ;;
	1d) want=500 ;;
	esac
	if [ "$(wc -l <"$TEST_TMP/server.ids")" != "$want" ]; then
		bad=1
		diag "$acct: the server has $(wc -l <"$TEST_TMP/server.ids") messages, want $want"
	fi
	# mailgen numbers the old half 0..499: in 1d mode none of them may stay.
	if [ "$mode" = 1d ] && grep -qE '<kill-([0-9]|[0-9][0-9]|[0-4][0-9][0-9])@' "$TEST_TMP/server.ids"; then
		bad=1
		diag "$acct: an old message stayed on the server"
	fi
	if [ "$(find "$spool/tmp" -type f | wc -l)" != 0 ]; then
		bad=1
		diag "$acct: files left in tmp/"
	fi
	"$BOTE" -F "$cfg" fetch >"$TEST_TMP/again.out" 2>&1
	grep -q ': 0 new messages' "$TEST_TMP/again.out" ||
		{ bad=1; diag "$acct: again: $(cat "$TEST_TMP/again.out")"; }
	return "$bad"
}

# Each step of the protocol, deterministically: bote kills itself there
# (BOTE_TEST_CRASH_AT) in the first batch, then a normal run must finish.
for point in intents written synced publishing published done deleted; do
	for mode in never 1d; do
		seed_server
		acct=crash-$point-$mode
		write_config "$TEST_TMP/$acct" "$acct" "$mode"
		BOTE_TEST_CRASH_AT=$point "$BOTE" -F "$TEST_TMP/$acct" fetch >/dev/null 2>&1
		rc=$?
		r=0
		[ "$rc" = 137 ] || { r=1; diag "$acct: exit status $rc, not killed"; }
		finish_round "$TEST_TMP/$acct" "$TEST_TMP/spool-$acct" "$mode" "$acct" || r=1
		ok $r "killed after '$point' ($mode): the next run completes the promise"
	done
done

RNG_FILE=$TEST_TMP/rng
for mode in forever never 1d; do
	# Rounds of: fresh server and spool, killed fetches until one finishes.
	# The kill window shrinks with the work left, so the kills fall all
	# along the fetch, from the greeting to the last batch's commit.
	# scale adapts the window to this machine's speed right now: it shrinks
	# when a run finished before its kill and grows back when kills land.
	killed=0 round=0 bad=0 rounds_ok=0 scale=1
	while [ "$killed" -lt "$KILLS" ] && [ "$round" -lt 40 ]; do
		round=$((round + 1))
		seed_server
		acct=$mode-$round
		cfg=$TEST_TMP/config-$acct
		write_config "$cfg" "$acct" "$mode"
		spool=$TEST_TMP/spool-$acct
		for try in $(seq 1 40); do
			left=$((1000 - $(spooled "$spool")))
			d=$(next_delay "$(python3 -c "import sys; print((0.05 + float(sys.argv[1]) * int(sys.argv[2]) / 1000) * float(sys.argv[3]))" "$window" "$left" "$scale")")
			"$BOTE" -F "$cfg" fetch >/dev/null 2>>"$TEST_TMP/kill-$mode.err" &
			pid=$!
			sleep "$d"
			if kill -KILL "$pid" 2>/dev/null; then
				killed=$((killed + 1))
				wait "$pid" 2>/dev/null
				# Every other time a reader sees the new mail before the
				# next run (new/NAME -> cur/NAME:2,S), as bote's UI would.
				if [ $((killed % 2)) = 0 ]; then
					for m in "$spool"/new/*; do
						[ -f "$m" ] && mv "$m" "$spool/cur/${m##*/}:2,S"
					done
				fi
				scale=$(python3 -c "import sys; print(min(1.5, float(sys.argv[1]) * 1.1))" "$scale")
			else
				wait "$pid" 2>/dev/null
				scale=$(python3 -c "import sys; print(max(0.05, float(sys.argv[1]) * 0.6))" "$scale")
				break
			fi
		done
		finish_round "$cfg" "$spool" "$mode" "$acct" || bad=1
		[ "$bad" = 0 ] && rounds_ok=$((rounds_ok + 1))
	done
	diag "$mode: $killed kills in $round rounds"
	ok $((killed < KILLS)) "$mode: bote fetch was killed at $KILLS or more moments"
	ok "$bad" "$mode: after every round the spool holds each message once, the server what the mode keeps, tmp/ is clean, and a rerun fetches nothing"
done
done_testing
