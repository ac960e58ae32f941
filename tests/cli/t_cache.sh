#!/bin/sh
# t_cache.sh - the header cache: same list cold and warm, changes picked up, kill -9 and garbage survived.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/maildir.sh"
corpus=${BOTE_CORPUS:-$top_srcdir/../shared/corpora/notmuch}
[ -d "$corpus" ] || bail_out "corpus not found at $corpus (set BOTE_CORPUS)"
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
tap_tmpdir
trap tap_cleanup_tmp EXIT
M=$TEST_TMP/Mail
maildir_make "$M"
find "$corpus" -type f ! -name 'README*' | sort >"$TEST_TMP/files"
i=0
for round in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	while IFS= read -r f; do
		i=$((i + 1))
		cp "$f" "$M/cur/$i.cache:2,S"
	done <"$TEST_TMP/files"
done
diag "$i messages"

export XDG_CACHE_HOME="$TEST_TMP/cache"
"$BOTE" list -f "$M" >"$TEST_TMP/cold" 2>"$TEST_TMP/err"; ok $? "cold list exits 0"
is "$(wc -l <"$TEST_TMP/cold")" "$i" "cold list has every message"
mdb=$(find "$XDG_CACHE_HOME/bote" -name data.mdb | head -1)
ok "$([ -s "$mdb" ]; echo $?)" "the cache was written ($mdb)"
"$BOTE" list -f "$M" >"$TEST_TMP/warm"; ok $? "warm list exits 0"
cmp -s "$TEST_TMP/cold" "$TEST_TMP/warm"; ok $? "warm list equals cold list"

# Changed, added and removed files are picked up.
printf 'From: Neu <neu@example.org>\nSubject: Frisch geschrieben\nDate: Mon, 02 Nov 2026 10:00:00 +0100\n\nneu\n' >"$M/cur/5.cache:2,S"
rm "$M/cur/7.cache:2,S"
printf 'From: Dazu <dazu@example.org>\nSubject: Hinzugekommen\nDate: Mon, 02 Nov 2026 11:00:00 +0100\n\nx\n' >"$M/cur/999999.cache:2,S"
XDG_CACHE_HOME="$TEST_TMP/fresh" "$BOTE" list -f "$M" >"$TEST_TMP/truth"
"$BOTE" list -f "$M" >"$TEST_TMP/after"; ok $? "list after changes exits 0"
cmp -s "$TEST_TMP/truth" "$TEST_TMP/after"; ok $? "cached list equals an uncached one after changes"
grep -q "Frisch geschrieben" "$TEST_TMP/after"; ok $? "a rewritten message shows its new subject"
grep -q "Hinzugekommen" "$TEST_TMP/after"; ok $? "an added message appears"
is "$(wc -l <"$TEST_TMP/after")" "$i" "one removed, one added: same count"

# kill -9 while the cache fills, then open again: no error, same list.
rm -rf "$XDG_CACHE_HOME"
"$BOTE" list -f "$M" >/dev/null 2>&1 &
pid=$!
deadline=$(( $(date +%s) + 20 ))
until [ -n "$(find "$XDG_CACHE_HOME" -name data.mdb -size +8k 2>/dev/null)" ] || [ "$(date +%s)" -gt "$deadline" ]; do
	sleep 0.01
done
kill -9 $pid 2>/dev/null; killed=$?
wait $pid 2>/dev/null
ok $killed "bote killed with SIGKILL while filling the cache"
"$BOTE" list -f "$M" >"$TEST_TMP/reopen" 2>"$TEST_TMP/err"; ok $? "reopen after the kill exits 0"
is "$(cat "$TEST_TMP/err")" "" "and says nothing on stderr"
cmp -s "$TEST_TMP/truth" "$TEST_TMP/reopen"; ok $? "same list as without a cache"

# A cache file full of garbage is replaced, not trusted.
mdb=$(find "$XDG_CACHE_HOME/bote" -name data.mdb | head -1)
head -c 100000 /dev/urandom >"$mdb"
"$BOTE" list -f "$M" >"$TEST_TMP/garbage" 2>"$TEST_TMP/err"; ok $? "garbage cache: list exits 0"
cmp -s "$TEST_TMP/truth" "$TEST_TMP/garbage"; ok $? "garbage cache: same list"
"$BOTE" show 5.cache -f "$M" | grep -q "^Subject: Frisch geschrieben"; ok $? "show still reads the message itself"
done_testing
