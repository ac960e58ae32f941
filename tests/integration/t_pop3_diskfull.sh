#!/bin/bash
# t_pop3_diskfull.sh - a spool that runs out of space: `bote fetch` stops
# with a clear error, deletes nothing on the server, and a rerun once there
# is room again delivers every message exactly once.  The spool is a small
# tmpfs when this runs as root, else a file-size limit stands in.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }
pop3_begin
mnt=$TEST_TMP/small
mkdir -p "$mnt"
mounted=
trap '[ -n "$mounted" ] && umount "$mnt" 2>/dev/null; pop3_end' EXIT

mailgen "$DOVECOT_MAILDIR" 300 --seed 11 --prefix full ||
	bail_out "mailgen failed"
find "$DOVECOT_MAILDIR/new" -type f -exec grep -h -m1 '^Message-ID:' {} + | sort >"$TEST_TMP/all.ids"
cfg=$TEST_TMP/config
pop3_config "$cfg" full "keep_on_server = never"
sed -i "s|^spool = .*|spool = $mnt/spool|" "$cfg"

if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k bote-test "$mnt" 2>/dev/null; then
	mounted=1
	diag "spool on a 256 KiB tmpfs"
	err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
	rc=$?
else
	diag "not root or no tmpfs: a 64 KiB file-size limit stands in for the full disk"
	err=$( (ulimit -f 64 && "$BOTE" -F "$cfg" fetch) 2>&1 >/dev/null)
	rc=$?
fi
is "$rc" 1 "a full spool makes the fetch fail"
case $err in *"No space left"* | *"too large"* | *"Input/output error"*) r=0 ;; *) r=1 ;; esac
ok $r "the error says why" || diag "$err"
is "$(printf '%s\n' "$err" | wc -l)" 1 "in one line"
left=$(find "$DOVECOT_MAILDIR/cur" "$DOVECOT_MAILDIR/new" -type f | wc -l)
is "$left" 300 "nothing was deleted on the server"
n=$(find "$mnt/spool/new" -type f 2>/dev/null | wc -l)
ok $((n == 0 || n >= 300)) "some messages arrived before the disk filled ($n)"

# Room again: the rerun delivers the rest, each message once, then deletes.
if [ -n "$mounted" ]; then
	mount -o remount,size=64m "$mnt" || bail_out "cannot grow the tmpfs"
fi
out=$("$BOTE" -F "$cfg" fetch 2>&1)
is "$?" 0 "the rerun with room succeeds"
diag "$out"
find "$mnt/spool/cur" "$mnt/spool/new" -type f -exec grep -h -m1 '^Message-ID:' {} + | sort >"$TEST_TMP/spool.ids"
cmp -s "$TEST_TMP/all.ids" "$TEST_TMP/spool.ids"
ok $? "every message is in the spool exactly once"
is "$(find "$mnt/spool/tmp" -type f | wc -l)" 0 "no half-written file left in tmp/"
is "$(find "$DOVECOT_MAILDIR/cur" "$DOVECOT_MAILDIR/new" -type f | wc -l)" 0 "and only now the server is emptied"
done_testing
