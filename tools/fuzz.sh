#!/bin/sh
# tools/fuzz.sh - run each libFuzzer target for a while from its seed corpus; fails on the first crash.
set -eu
usage() {
	echo "usage: tools/fuzz.sh [-t seconds] [-s seeds-dir] [-w work-dir] target..." >&2
	exit 2
}
secs=60
seeds=$(cd "$(dirname "$0")/.." && pwd)/tests/fuzz/corpus
work=fuzz-work
while getopts t:s:w: o; do
	case $o in
	t) secs=$OPTARG ;;
	s) seeds=$OPTARG ;;
	w) work=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

status=0
for t in "$@"; do
	name=$(basename "$t")
	short=${name#fuzz_}
	# The grown corpus and any crash stay in the work dir; the seeds in the tree are never written.
	mkdir -p "$work/$short" "$work/crashes"
	log=$work/$short.log
	extra="" leaks=1
	# libetpan's parser leaks on its own error paths (and on a BYE greeting), which bote cannot
	# free; bote's own frees are checked by the IMAP tests under ASan instead.
	[ "$short" = imap ] && extra=-detect_leaks=0 leaks=0
	echo "=== $name: $secs s ==="
	if ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=$leaks "$t" -max_total_time="$secs" -max_len=4096 -timeout=20 -rss_limit_mb=2048 \
	    -print_final_stats=1 $extra -artifact_prefix="$work/crashes/$short-" \
	    "$work/$short" "$seeds/$short" >"$log" 2>&1; then
		grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
	else
		tail -40 "$log"
		echo "$name: crash, reproducer in $work/crashes/" >&2
		status=1
	fi
done
exit $status
