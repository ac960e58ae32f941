#!/bin/sh
# t_corpus.sh - every message of the notmuch test corpus through `bote list` and `bote show`: exit 0, clean bytes.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/maildir.sh"
corpus=${BOTE_CORPUS:-$top_srcdir/../shared/corpora/notmuch}
[ -d "$corpus" ] || bail_out "corpus not found at $corpus (set BOTE_CORPUS)"
tap_tmpdir
trap tap_cleanup_tmp EXIT
M=$TEST_TMP/corpus
maildir_make "$M"
i=0
find "$corpus" -type f ! -name 'README*' | sort >"$TEST_TMP/files"
while IFS= read -r f; do
	i=$((i + 1))
	cp "$f" "$M/cur/$(printf '%05d' $i).corpus:2,S"
done <"$TEST_TMP/files"
total=$i
ok "$([ "$total" -gt 200 ]; echo $?)" "corpus copied: $total messages"

"$BOTE" list -f "$M" >"$TEST_TMP/list" 2>"$TEST_TMP/err"; ok $? "bote list exits 0"
is "$(wc -l <"$TEST_TMP/list")" "$total" "bote list prints one line per message"
check_clean_output <"$TEST_TMP/list"; ok $? "bote list output is clean"

bad_exit=0 bad_bytes=0 n=1
while [ $n -le "$total" ]; do
	if ! "$BOTE" show $n -f "$M" >"$TEST_TMP/show" 2>"$TEST_TMP/err"; then
		bad_exit=$((bad_exit + 1))
		diag "bote show $n failed: $(cat "$TEST_TMP/err")"
	elif ! check_clean_output <"$TEST_TMP/show" >"$TEST_TMP/why"; then
		bad_bytes=$((bad_bytes + 1))
		diag "bote show $n: $(cat "$TEST_TMP/why")"
	fi
	n=$((n + 1))
done
is $bad_exit 0 "bote show exits 0 for all $total messages"
is $bad_bytes 0 "bote show output is clean for all $total messages"
done_testing
