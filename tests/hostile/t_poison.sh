#!/bin/bash
# t_poison.sh - poisoned mail (security plan cases 25-29): escape sequences
# raw and encoded, bidi and zero-width tricks, a 1 MB header, invalid UTF-8,
# MIME nested 10,000 deep, 100,000 parts, broken encodings, hostile
# attachment names, a 4 MB line - listed, shown and paged with bounded time
# and memory, and nothing that reaches the terminal may control it.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
tui_begin
M=$TEST_TMP/poison
python3 "$top_srcdir/tests/hostile/poison_gen.py" "$M" || bail_out "poison_gen.py failed"
n=$(find "$M/cur" -type f | wc -l)

# Under the sanitizers address space is reserved up front; elsewhere
# bote must live within 1 GiB of it.
limit=
[ -n "${ASAN_OPTIONS:-}" ] || limit="ulimit -v 1048576;"

start=$(date +%s)
out=$(sh -c "$limit \"\$0\" list -f \"\$1\"" "$BOTE" "$M" 2>"$TEST_TMP/err")
is "$?" 0 "bote list reads all $n poisoned messages"
is "$(printf '%s\n' "$out" | wc -l)" "$n" "one line each"
printf '%s' "$out" | check_clean_output >/dev/null
ok $? "the list carries no control byte, C1 or invalid UTF-8"
case $out in *$'\u202e'* | *$'\u200b'* | *$'\u2066'*) r=1 ;; *) r=0 ;; esac
ok $r "no bidi override or zero-width character survives"

for i in $(seq 1 "$n"); do
	name=$(printf '%s\n' "$out" | sed -n "${i}p" | cut -f4 | cut -c1-30)
	s=$(date +%s)
	sh -c "$limit timeout 60 \"\$0\" show $i -f \"\$1\"" "$BOTE" "$M" >"$TEST_TMP/show" 2>"$TEST_TMP/err"
	rc=$?
	e=$(( $(date +%s) - s ))
	ok $(( rc != 0 || e > 30 )) "show $i ($name): exit 0 in bounded time (${e}s)"
	check_clean_output <"$TEST_TMP/show" >/dev/null && check_clean_output <"$TEST_TMP/err" >/dev/null
	ok $? "show $i: nothing on the terminal that controls it"
	ok $(( $(wc -c <"$TEST_TMP/show") > 8 * 1048576 )) "show $i: bounded output ($(wc -c <"$TEST_TMP/show") bytes)"
	case $(cat "$TEST_TMP/show") in *$'\u202e'* | *$'\u200b'* | *$'\ufeff'*) r=1 ;; *) r=0 ;; esac
	ok $r "show $i: no bidi override or zero-width character"
done
deep=$(printf '%s\n' "$out" | grep -n 'nested 10000 deep' | cut -d: -f1)
case $("$BOTE" show "$deep" -f "$M" 2>&1) in *"nested too deeply"*) r=0 ;; *) r=1 ;; esac
ok $r "10,000 levels of MIME are cut off with a note"

# The pager: every message opened, scrolled to its end, and closed.
tmux_start 100 24 "TMPDIR=$TEST_TMP/tmp XDG_CACHE_HOME=$TEST_TMP/cache BOTE_DATADIR=$BOTE_DATADIR $BOTE -f $M"
tmux_wait_for "$n messages" 20 || bail_out "bote did not open the poisoned folder"
alive=0
for i in $(seq 1 "$n"); do
	tmux_send Enter
	tmux_wait_for "q:Back" 20 || alive=1
	tmux_send End
	tmux_send q
	tmux_wait_for "q:Quit" 20 || alive=1
	tmux_send j
done
ok $alive "every poisoned message opens in the pager and closes again"
case $(tmux_capture) in *$'\u202e'*) r=1 ;; *) r=0 ;; esac
ok $r "the screen shows no bidi override"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "bote quits normally afterwards"
done_testing
