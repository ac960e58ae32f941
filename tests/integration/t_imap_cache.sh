#!/bin/bash
# t_imap_cache.sh - the IMAP header and body caches against a real Dovecot:
# an unchanged folder reopens without a per-message FETCH (Dovecot's rawlog),
# flag changes and expunges by a second client arrive by QRESYNC, a rebuilt
# folder (new UIDVALIDITY) drops the cache, the body cache keeps to
# body_cache_size (least recently read first out), and with Dovecot stopped
# the account opens offline from the cache.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
export DOVECOT_RAWLOG=1
pop3_begin

mailgen "$DOVECOT_MAILDIR" 60 --seed 4 --prefix cache || bail_out "mailgen failed"
cfg=$TEST_TMP/config
# The CA outlives the server, which the offline part stops.
cp "$DOVECOT_CA" "$TEST_TMP/ca.pem"
imap_config_bare "$cfg" t "port = $DOVECOT_IMAPS_PORT" "ca_file = $TEST_TMP/ca.pem"
rawlog=$DOVECOT_DIR/rawlog

nsessions() { ls "$rawlog"/*.in 2>/dev/null | wc -l; }
# What the client sent in the newest session (Dovecot writes *.in as it goes).
sent_last() {
	local f
	f=$(ls -t "$rawlog"/*.in 2>/dev/null | head -1)
	[ -n "$f" ] && cat "$f"
}
# Wait until there are at least $1 sessions and the newest has logged out.
wait_session() {
	local want=$1 i
	for i in $(seq 100); do
		if [ "$(nsessions)" -ge "$want" ] && sent_last | grep -qi 'LOGOUT'; then
			return 0
		fi
		sleep 0.1
	done
	diag "no complete rawlog for session $want"
	return 1
}
row() { echo "$1" | grep -P "\t$2\t"; }

# 1: the first open reads everything; the second sends no FETCH at all.
out1=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$?" 0 "first list exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(echo "$out1" | wc -l)" 60 "first list shows 60 messages"
wait_session 1
sent_last | grep -q 'HEADER.FIELDS'; ok $? "the first open fetched headers"
n=$(nsessions)
out2=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$out2" "$out1" "the reopen from the cache lists the same rows"
wait_session $((n + 1))
sent_last | grep -qi 'ENABLE QRESYNC'; ok $? "bote enables QRESYNC after login" || diag "$(sent_last)"
sent_last | grep -qi 'EXAMINE .*(CONDSTORE)'; ok $? "the reopen examines the folder with CONDSTORE"
sent_last | grep -qi 'FETCH'; is "$?" 1 "the unchanged reopen sends no FETCH at all" || diag "$(sent_last)"

# 2: a flag change and an expunge by a second client arrive by QRESYNC.
imapc store INBOX "cache message 7" +FLAGS '\Flagged' '\Seen' || bail_out "imapc store failed"
imapc expunge INBOX "cache message 9" || bail_out "imapc expunge failed"
n=$(nsessions)
out3=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$(echo "$out3" | wc -l)" 59 "the expunged message is gone after the reopen"
row "$out3" "cache message 9" >/dev/null; is "$?" 1 "message 9 is not listed"
is "$(row "$out1" "cache message 7" | cut -f5)" "N---" "message 7 was unread and unflagged"
is "$(row "$out3" "cache message 7" | cut -f5)" "-!--" "message 7 shows the flags set by the other client"
wait_session $((n + 1))
sent_last | grep -qi 'CHANGEDSINCE'; ok $? "the changes came by CHANGEDSINCE" || diag "$(sent_last)"
sent_last | grep -qi 'HEADER.FIELDS'; is "$?" 1 "no header was fetched again"
sent_last | grep -q ' FETCH 1:[0-9]'; is "$?" 1 "the expunge came as VANISHED, not from a fetch of every message's flags" ||
	diag "$(sent_last)"
cold=$(XDG_CACHE_HOME=$TEST_TMP/cold "$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$out3" "$cold" "the resynced list equals one read without a cache"

# 3: a folder deleted and created again (a new UIDVALIDITY) is read afresh.
imapc create Box || bail_out "imapc create failed"
for i in 1 2 3; do
	imapc append Box "old $i" "Mon, 02 Nov 2026 10:0$i:00 +0100" || bail_out "append failed"
done
out=$("$BOTE" -F "$cfg" -a t list Box 2>"$TEST_TMP/err")
is "$(echo "$out" | cut -f4 | tr '\n' ' ')" "old 1 old 2 old 3 " "Box lists its three messages"
"$BOTE" -F "$cfg" -a t show 1 Box >/dev/null 2>"$TEST_TMP/err" || diag "$(cat "$TEST_TMP/err")"
grep -rlq --include='[0-9]*' -e '^Subject: old 1' "$XDG_CACHE_HOME/bote"; ok $? "Box's 'old 1' is in the body cache"
imapc delete Box && imapc create Box || bail_out "cannot recreate Box"
for i in 1 2; do
	imapc append Box "new $i" "Mon, 02 Nov 2026 11:0$i:00 +0100" || bail_out "append failed"
done
n=$(nsessions)
out=$("$BOTE" -F "$cfg" -a t list Box 2>"$TEST_TMP/err")
is "$(echo "$out" | cut -f4 | tr '\n' ' ')" "new 1 new 2 " "the recreated Box shows only its new messages"
wait_session $((n + 1))
sent_last | grep -q 'HEADER.FIELDS'; ok $? "the recreated folder's headers were fetched again"
grep -rlq --include='[0-9]*' -e '^Subject: old 1' "$XDG_CACHE_HOME/bote"
is "$?" 1 "the bodies of the old UIDVALIDITY are gone from the cache"

# 4: the body cache keeps to body_cache_size, dropping the least recently read first.
imapc create Big || bail_out "imapc create Big failed"
big=$DOVECOT_MAILDIR/.Big/new
for i in 1 2 3 4 5; do
	{
		printf 'From: big@example.org\nSubject: big %s\nMessage-ID: <big-%s@t>\n' "$i" "$i"
		printf 'Date: Mon, 02 Nov 2026 1%s:00:00 +0100\n\n' "$i"
		head -c 450000 /dev/zero | tr '\0' 'x' | fold -w 76
	} >"$TEST_TMP/big$i"
	install -m 600 -o "$(stat -c %u "$DOVECOT_MAILDIR")" -g "$(stat -c %g "$DOVECOT_MAILDIR")" \
		"$TEST_TMP/big$i" "$big/100000000$i.M1P1.t:2," || bail_out "cannot place big$i"
done
cp "$cfg" "$TEST_TMP/config-small"
echo "body_cache_size = 2M" >>"$TEST_TMP/config-small"
for i in 1 2 3 4 5; do
	"$BOTE" -F "$TEST_TMP/config-small" -a t show "$i" Big >"$TEST_TMP/big-out$i" 2>"$TEST_TMP/err" ||
		diag "$(cat "$TEST_TMP/err")"
	sleep 1	# the files' times order the eviction
done
grep -q '^Subject: big 5$' "$TEST_TMP/big-out5"; ok $? "a big message is shown"
bdir=$(dirname "$(grep -rl --include='[0-9]*' -e '^Subject: big 5' "$XDG_CACHE_HOME/bote" | head -1)")
[ -n "$bdir" ] && [ -d "$bdir" ]; ok $? "it is in the body cache"
total=$(du -cb "$bdir"/* | tail -1 | cut -f1)
[ "$total" -le 2097152 ] && [ "$total" -gt 1000000 ]
ok $? "the bodies stay within 2M, some kept (${total} bytes)"
grep -rlq -e '^Subject: big 1$' "$bdir"; is "$?" 1 "the least recently read body was dropped"

# 5: bodies are kept: read once, then readable with the server gone.
n7=$(row "$out3" "cache message 7" | cut -f1)
n8=$(row "$out3" "cache message 8" | cut -f1)
body1=$("$BOTE" -F "$cfg" -a t show "$n7" 2>"$TEST_TMP/err")
echo "$body1" | grep -q '^Subject: cache message 7$'; ok $? "show reads message 7 online" ||
	diag "$(cat "$TEST_TMP/err")"
f=$(find "$XDG_CACHE_HOME/bote" -path '*/bodies/*' -type f | head -1)
[ -n "$f" ]; ok $? "the body is in the cache directory"
is "$(stat -c %a "$f")" 600 "the cached body is mode 0600"
is "$(stat -c %a "$(dirname "$f")")" 700 "its directory is mode 0700"
n=$(nsessions)
body2=$("$BOTE" -F "$cfg" -a t show "$n7" 2>"$TEST_TMP/err")
is "$body2" "$body1" "the second show prints the same message"
wait_session $((n + 1))
sent_last | grep -qi 'BODY.PEEK\[\]'; is "$?" 1 "the second show fetched no body" || diag "$(sent_last)"

"$BOTE" -F "$cfg" -a t folders >/dev/null 2>&1
dovecot_stop >/dev/null 2>&1
out=$("$BOTE" -F "$cfg" -a t folders 2>"$TEST_TMP/err")
is "$?" 0 "offline: folders exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(echo "$out" | cut -f1 | tr '\n' ' ')" "INBOX Archive Big Box Drafts Junk Sent Trash " \
	"offline: the cached folder list"
grep -q 'offline' "$TEST_TMP/err"; ok $? "offline: said on stderr" || diag "$(cat "$TEST_TMP/err")"
out=$("$BOTE" -F "$cfg" -a t list 2>"$TEST_TMP/err")
is "$out" "$out3" "offline: list shows the cached INBOX"
is "$(wc -l <"$TEST_TMP/err")" 1 "offline: one line on stderr"
body3=$("$BOTE" -F "$cfg" -a t show "$n7" 2>"$TEST_TMP/err")
is "$body3" "$body1" "offline: the cached body is shown"
"$BOTE" -F "$cfg" -a t show "$n8" >/dev/null 2>"$TEST_TMP/err"
is "$?" 1 "offline: an uncached body fails"
is "$(grep -vc 'is offline' "$TEST_TMP/err")" 1 "with a one-line error" || diag "$(cat "$TEST_TMP/err")"

done_testing
