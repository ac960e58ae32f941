#!/bin/bash
# t_imap_10k.sh - an INBOX of 10,000 messages on the real Dovecot: `bote list`
# shows every one of them as a second client sees them, `show` reads one, the
# unchanged reopen sends no FETCH, and the terminal UI opens the folder, finds
# a message by pattern, reads it and flags it on the server.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/imap.sh" || { echo "Bail out! tests/lib/imap.sh missing"; exit 1; }
. "$top_srcdir/tests/lib/tmux.sh"
export DOVECOT_RAWLOG=1
pop3_begin
trap 'tmux_stop; pop3_end' EXIT

N=10000
mailgen "$DOVECOT_MAILDIR" $N --seed 10 --prefix big || bail_out "mailgen failed"
cfg=$TEST_TMP/config
imap_config "$cfg" t
rawlog=$DOVECOT_DIR/rawlog
# What the client sent in its newest session, once that session has logged out.
last_session() {
	local f i
	for i in $(seq 100); do
		f=$(ls -t "$rawlog"/*.in 2>/dev/null | head -1)
		[ -n "$f" ] && grep -qi LOGOUT "$f" && { cat "$f"; return 0; }
		sleep 0.1
	done
	return 1
}

# 1: the folder list counts them all.
out=$("$BOTE" -F "$cfg" -a t folders 2>"$TEST_TMP/err")
is "$?" 0 "folders exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(echo "$out" | grep '^INBOX' | cut -f2,3 | tr '\t' ' ')" "$N $N" "INBOX: $N messages, $N unread"

# 2: the first open lists every message, the same ones a second client sees.
"$BOTE" -F "$cfg" -a t list >"$TEST_TMP/list1" 2>"$TEST_TMP/err"
is "$?" 0 "list exits 0" || diag "$(cat "$TEST_TMP/err")"
is "$(wc -l <"$TEST_TMP/list1")" $N "list shows $N messages"
imapc subjects INBOX | cut -f1 | sort >"$TEST_TMP/server"
is "$(wc -l <"$TEST_TMP/server")" $N "the second client sees $N messages"
cut -f4 "$TEST_TMP/list1" | sort | cmp -s - "$TEST_TMP/server"
ok $? "bote lists exactly the subjects the server has"
is "$(cut -f4 "$TEST_TMP/list1" | sort -u | wc -l)" $N "no message listed twice"
is "$(grep -cP '\tbig message [0-9]+\tN---$' "$TEST_TMP/list1")" $N "all of them unread"
last_session | grep -q 'HEADER.FIELDS'; ok $? "the first open fetched the header fields"

# 3: one message read whole, body included, and still unread (peek).
n=$(grep -P '\tbig message 9876\t' "$TEST_TMP/list1" | cut -f1)
file=$(grep -l '^Message-ID: <big-9876@bote.test>' "$DOVECOT_MAILDIR"/new/* "$DOVECOT_MAILDIR"/cur/* 2>/dev/null | head -1)
out=$("$BOTE" -F "$cfg" -a t show "$n" 2>"$TEST_TMP/err")
is "$?" 0 "show exits 0" || diag "$(cat "$TEST_TMP/err")"
echo "$out" | grep -q '^Subject: big message 9876$'; ok $? "show prints message 9876's subject"
# Lines of random words: the body's first (on the pager's first page) and last.
first=$(sed '1,/^$/d' "$file" | grep 'word[0-9]' | head -1 | cut -c1-40)
last=$(grep 'word[0-9]' "$file" | tail -1 | cut -c1-200)
echo "$out" | grep -qF -- "$last"; ok $? "show prints message 9876's body"

# 4: the unchanged reopen comes from the cache: the same rows, no FETCH at all.
"$BOTE" -F "$cfg" -a t list >"$TEST_TMP/list2" 2>"$TEST_TMP/err"
cmp -s "$TEST_TMP/list1" "$TEST_TMP/list2"; ok $? "the reopen lists the same $N rows"
sent=$(last_session)
echo "$sent" | grep -qi 'FETCH'; is "$?" 1 "the reopen of $N messages sends no FETCH" ||
	diag "$(echo "$sent" | head -20)"

# 5: the terminal UI: the whole index, a pattern, the pager, a flag on the server.
tmux_start 100 24 "BOTE_DATADIR=$BOTE_DATADIR XDG_CACHE_HOME=$XDG_CACHE_HOME $BOTE -F $cfg -a t"
tmux_wait_for "INBOX [$N messages" 30; ok $? "the index of $N messages opens"
tmux_wait_gone "loading" 30; ok $? "and finishes loading"
tmux_send l
tmux_send_text "~s 'big message 9876'"
tmux_send Enter
tmux_wait_for "/1 -- limit" 20; ok $? "a limit finds the one message among $N"
tmux_send Enter
tmux_wait_for "Subject: big message 9876" 20; ok $? "Enter opens it in the pager"
tmux_wait_for "$first" 10; ok $? "the pager shows its body"
tmux_send q
tmux_wait_gone "Subject: big message 9876" 10
tmux_send F
imapc_wait INBOX $'^big message 9876\t.*Flagged'; ok $? "F flags it on the server"
imapc subjects INBOX | grep -q $'^big message 9876\t.*Seen'; ok $? "reading it marked it seen on the server"
tmux_send q
is "$(tmux_wait_exit)" 0 "bote quits cleanly"
tmux_stop

done_testing
