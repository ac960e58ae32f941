#!/bin/bash
# t_pop3_fetch.sh - `bote fetch` against a real Dovecot: 1,000 messages
# byte for byte, nothing twice, delete and keep-days modes, STLS, pins,
# refused certificates and passwords, the per-account lock.  TAP on stdout.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }
pop3_begin

# write_config FILE NAME LINE...: one POP3 account over POP3S with the test CA.
write_config() {
	pop3_config "$@"
}

# Count of messages the server still has (python3 poplib, verified TLS).
server_count() {
	python3 - <<'PY'
import os, poplib, ssl
ctx = ssl.create_default_context(cafile=os.environ["DOVECOT_CA"])
p = poplib.POP3_SSL("127.0.0.1", int(os.environ["DOVECOT_POP3S_PORT"]), context=ctx, timeout=10)
p.user(os.environ["DOVECOT_USER"]); p.pass_(os.environ["DOVECOT_PASS"])
print(p.stat()[0]); p.quit()
PY
}

# Sorted sha256 of every file in the given directories' cur/ and new/.
digests() {
	local d
	for d in "$@"; do
		find "$d/cur" "$d/new" -type f -exec sha256sum {} + 2>/dev/null
	done | awk '{print $1}' | sort
}

# 1: a thousand messages, byte for byte.
mailgen "$DOVECOT_MAILDIR" 1000 --seed 5 --prefix big ||
	bail_out "mailgen failed"
digests "$DOVECOT_MAILDIR" >"$TEST_TMP/server.sha"
cfg=$TEST_TMP/config
write_config "$cfg" big "keep_on_server = forever"
out=$("$BOTE" -F "$cfg" fetch 2>"$TEST_TMP/err")
is "$?" 0 "first fetch succeeds"
is "$out" "big: 1000 new messages (${out#*(}" "first fetch reports 1000 new messages"
diag "$out"
digests "$TEST_TMP/spool-big" >"$TEST_TMP/spool.sha"
cmp -s "$TEST_TMP/server.sha" "$TEST_TMP/spool.sha"
ok $? "the spool holds exactly the server's 1000 messages, byte for byte"
is "$(find "$TEST_TMP/spool-big/tmp" -type f | wc -l)" 0 "nothing left in tmp/"
is "$(stat -c %a "$(find "$TEST_TMP/spool-big/new" -type f | head -1)")" 600 "delivered files are 0600"

# 2: a second fetch downloads nothing.
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
is "$?" 0 "second fetch succeeds"
case $out in "big: 0 new messages"*) r=0 ;; *) r=1 ;; esac
ok $r "second fetch downloads nothing"
is "$(find "$TEST_TMP/spool-big/new" -type f | wc -l)" 1000 "still 1000 messages in the spool"
is "$(server_count)" 1000 "keep_on_server = forever leaves the server alone"

# 3: delete mode empties the server, fetching nothing twice.
write_config "$cfg" big "keep_on_server = never"
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
is "$?" 0 "fetch in delete mode succeeds"
case $out in "big: 0 new messages"*"1000 deleted"*) r=0 ;; *) r=1 ;; esac
ok $r "delete mode deletes the 1000 already fetched messages" || diag "$out"
is "$(server_count)" 0 "the server is empty after QUIT"
is "$(find "$TEST_TMP/spool-big/new" -type f | wc -l)" 1000 "the spool still has all 1000"

# 4: keep-days: 5 messages 30 days old go, 5 fresh ones stay.
mailgen "$DOVECOT_MAILDIR" 10 --seed 6 --prefix days \
	--old 5 --old-days 30 || bail_out "mailgen failed"
write_config "$cfg" days "keep_on_server = 7d"
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
is "$?" 0 "fetch with keep_on_server = 7d succeeds"
case $out in "days: 10 new messages"*"5 deleted"*) r=0 ;; *) r=1 ;; esac
ok $r "the 5 messages older than 7 days are deleted after download" || diag "$out"
is "$(server_count)" 5 "the 5 recent messages stay on the server"
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
case $out in "days: 0 new messages"*"0 deleted"*) r=0 ;; *) r=1 ;; esac
ok $r "a second run keeps the recent ones and fetches nothing" || diag "$out"
rm -f "$DOVECOT_MAILDIR"/cur/* "$DOVECOT_MAILDIR"/new/*

# 5: STLS on the plain port, mandatory.
mailgen "$DOVECOT_MAILDIR" 3 --seed 7 --prefix stls
write_config "$cfg" stls "keep_on_server = forever" "tls = starttls"
sed -i "s/^port = .*/port = $DOVECOT_POP3_PORT/" "$cfg"
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
is "$?" 0 "STLS on the plain port works"
case $out in "stls: 3 new messages"*) r=0 ;; *) r=1 ;; esac
ok $r "STLS fetch delivers the 3 messages" || diag "$out"

# 6: an untrusted certificate is refused with its fingerprint; a pin accepts exactly it.
write_config "$cfg" pin "keep_on_server = forever"
sed -i '/^ca_file/d' "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a certificate from an unknown CA is refused"
case $err in *"not trusted"*"$DOVECOT_CERT_SHA256"*) r=0 ;; *) r=1 ;; esac
ok $r "the error names the certificate's fingerprint" || diag "$err"
is "$(find "$TEST_TMP/spool-pin/new" -type f 2>/dev/null | wc -l)" 0 "nothing fetched without trust"
printf 'pin = %s\n' "$DOVECOT_CERT_SHA256" >>"$cfg"
out=$("$BOTE" -F "$cfg" fetch 2>>"$TEST_TMP/err")
is "$?" 0 "the pinned certificate is accepted"
# Another fingerprint for sure: the certificate is made afresh for every run.
case $DOVECOT_CERT_SHA256 in sha256:00*) other=ff ;; *) other=00 ;; esac
sed -i "s/^pin = sha256:../pin = sha256:$other/" "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a different pin is refused"
case $err in *"not the pinned one"*) r=0 ;; *) r=1 ;; esac
ok $r "the error says the certificate is not the pinned one" || diag "$err"

# 7: a wrong password.
write_config "$cfg" badpw "keep_on_server = forever"
sed -i 's/^password_command = .*/password_command = printf %s wrong-password/' "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a wrong password fails"
case $err in *"login refused"*) r=0 ;; *) r=1 ;; esac
ok $r "the error says the login was refused" || diag "$err"
case $err in *wrong-password*) r=1 ;; *) r=0 ;; esac
ok $r "the password is not in the error"

# 8: one fetcher per account.
write_config "$cfg" lock "keep_on_server = forever"
mkdir -p "$XDG_STATE_HOME/bote/pop3/lock"
exec 9>"$XDG_STATE_HOME/bote/pop3/lock/lock"
flock -n 9 || bail_out "cannot take the test lock"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a second fetcher on the same account stops"
case $err in *"another fetch"*) r=0 ;; *) r=1 ;; esac
ok $r "it says another fetch is running" || diag "$err"
exec 9>&-

# 9: plaintext to a non-loopback host is refused by the config itself.
write_config "$cfg" plain "keep_on_server = forever" "tls = none"
sed -i 's/^host = .*/host = mail.example.org/' "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "tls = none for a remote host is refused"
diag "$err"

# 10: a server that is gone, and a spool that cannot be created.
write_config "$cfg" gone "keep_on_server = forever"
sed -i "s/^port = .*/port = $(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')/" "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a server that is not there: fails"
case $err in *"Connection refused"*) r=0 ;; *) r=1 ;; esac
ok $r "and says the connection was refused" || diag "$err"
write_config "$cfg" nospool "keep_on_server = never"
: >"$TEST_TMP/not-a-dir"
sed -i "s|^spool = .*|spool = $TEST_TMP/not-a-dir/spool|" "$cfg"
err=$("$BOTE" -F "$cfg" fetch 2>&1 >/dev/null)
is "$?" 1 "a spool that cannot be created: fails"
case $err in *"cannot create"*"Not a directory"*) r=0 ;; *) r=1 ;; esac
ok $r "and says why" || diag "$err"
is "$(server_count)" 3 "nothing deleted on the server"

check_clean_output <"$TEST_TMP/err"
ok $? "bote's messages carry no control bytes"
done_testing
