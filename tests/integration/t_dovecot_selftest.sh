#!/bin/bash
# t_dovecot_selftest.sh - check the Dovecot fixture (tests/lib/dovecot.sh)
# itself: TLS with the throw-away CA, special-use folders, seeding, IMAP and
# POP3 with implicit TLS and STARTTLS/STLS.  Emits TAP on stdout.
#
# Needs dovecot-imapd, dovecot-pop3d, python3 and openssl; never skips:
# without them it bails out (an error, not a pass).

here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"

if ! . "$top_srcdir/tests/lib/dovecot.sh"; then
	echo "Bail out! cannot source $top_srcdir/tests/lib/dovecot.sh"
	exit 1
fi

missing=$(dovecot_missing)
case " $missing " in
"  ") ;;
*" dovecot "* | *" dovecot-imapd "* | *" dovecot-pop3d "* | *" doveadm "*)
	echo "Bail out! dovecot not installed (apt-get install dovecot-imapd dovecot-pop3d)"
	exit 1
	;;
*)
	echo "Bail out! $missing not installed (apt-get install $missing)"
	exit 1
	;;
esac

trap dovecot_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

echo "1..19"
failed=0

if dovecot_start; then
	echo "ok 1 - dovecot fixture starts (imap $DOVECOT_IMAP_PORT, imaps $DOVECOT_IMAPS_PORT, pop3 $DOVECOT_POP3_PORT, pop3s $DOVECOT_POP3S_PORT)"
else
	echo "not ok 1 - dovecot fixture starts"
	echo "Bail out! the dovecot fixture did not start (see the diagnostics above)"
	exit 1
fi

# Three messages for INBOX, one for Sent.
msgs=$DOVECOT_DIR/selftest-msgs
mkdir -p "$msgs/Sent"
write_msg() { # FILE N SUBJECT
	cat >"$1" <<EOF
From: Alice Example <alice@example.org>
To: Bote Test <bote@example.org>
Subject: $3
Date: Mon, 1 Jan 2024 10:0$2:00 +0000
Message-ID: <selftest-$2@bote.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

This is self-test message $2.
EOF
}
write_msg "$msgs/01.eml" 1 "bote selftest inbox one"
write_msg "$msgs/02.eml" 2 "bote selftest inbox two"
write_msg "$msgs/03.eml" 3 "bote selftest inbox three"
write_msg "$msgs/Sent/01.eml" 4 "bote selftest sent one"
export SELFTEST_INBOX_SUBJECTS="bote selftest inbox one|bote selftest inbox two|bote selftest inbox three"
export SELFTEST_SENT_SUBJECTS="bote selftest sent one"

if dovecot_seed "$msgs"; then
	echo "ok 2 - seeded 3 messages into INBOX and 1 into Sent"
else
	echo "not ok 2 - seeded 3 messages into INBOX and 1 into Sent"
	failed=1
fi

# Tests 3..18.  Every socket has a timeout; only 127.0.0.1 is contacted.
python3 - 3 <<'PY' || failed=1
import hashlib, imaplib, os, poplib, re, socket, ssl, sys

TIMEOUT = 5
socket.setdefaulttimeout(TIMEOUT)
HOST = "127.0.0.1"
E = os.environ
USER, PASS, CA = E["DOVECOT_USER"], E["DOVECOT_PASS"], E["DOVECOT_CA"]
IMAP, IMAPS = int(E["DOVECOT_IMAP_PORT"]), int(E["DOVECOT_IMAPS_PORT"])
POP3, POP3S = int(E["DOVECOT_POP3_PORT"]), int(E["DOVECOT_POP3S_PORT"])
INBOX_SUBJECTS = sorted(E["SELFTEST_INBOX_SUBJECTS"].split("|"))
SENT_SUBJECTS = sorted(E["SELFTEST_SENT_SUBJECTS"].split("|"))

num = int(sys.argv[1])
failures = 0


def diag(msg):
    for line in str(msg).splitlines() or [""]:
        print("# " + line, file=sys.stderr)
    sys.stderr.flush()


def check(desc, fn):
    """Run fn(); it returns True/False or (bool, diagnostic)."""
    global num, failures
    why = None
    try:
        r = fn()
        ok, why = r if isinstance(r, tuple) else (r, None)
    except Exception as e:  # any exception is a failure of this check
        ok, why = False, "%s: %s" % (type(e).__name__, e)
    print("%s %d - %s" % ("ok" if ok else "not ok", num, desc))
    sys.stdout.flush()
    if not ok:
        failures += 1
        if why:
            diag(why)
    num += 1
    return ok


def test_ctx():
    # Trusts only the test CA; verifies chain and host name.
    ctx = ssl.create_default_context(cafile=CA)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    return ctx


def subjects(m, mailbox):
    typ, data = m.select(mailbox, readonly=True)
    if typ != "OK":
        raise RuntimeError("SELECT %s: %r" % (mailbox, data))
    count = int(data[0])
    found = []
    if count:
        typ, data = m.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        for item in data:
            if isinstance(item, tuple):
                hdr = item[1].decode("ascii", "replace")
                mo = re.search(r"^Subject: *(.*?)\r?$", hdr, re.M | re.I)
                found.append(mo.group(1) if mo else "")
    return count, sorted(found)


def raw_imaps_login(server_hostname):
    """IMAPS login by hand, so the TLS name can differ from the address."""
    sock = socket.create_connection((HOST, IMAPS), timeout=TIMEOUT)
    with test_ctx().wrap_socket(sock, server_hostname=server_hostname) as s:
        f = s.makefile("rb")
        greeting = f.readline()
        if not greeting.startswith(b"* OK"):
            return False, "greeting %r" % greeting
        s.sendall(b'a1 LOGIN "%s" "%s"\r\n' % (USER.encode(), PASS.encode()))
        while True:
            line = f.readline()
            if not line:
                return False, "EOF after LOGIN"
            if line.startswith(b"a1 "):
                break
        s.sendall(b"a2 LOGOUT\r\n")
        return line.startswith(b"a1 OK"), "LOGIN: %r" % line


state = {}


def imaps_login():
    m = imaplib.IMAP4_SSL(HOST, IMAPS, ssl_context=test_ctx(), timeout=TIMEOUT)
    state["imap"] = m
    typ, data = m.login(USER, PASS)
    return typ == "OK", "LOGIN: %s %r" % (typ, data)


def fingerprint():
    der = state["imap"].sock.getpeercert(binary_form=True)
    hexd = hashlib.sha256(der).hexdigest().upper()
    fp = "sha256:" + ":".join(hexd[i:i + 2] for i in range(0, len(hexd), 2))
    return fp == E["DOVECOT_CERT_SHA256"], "server %s, env %s" % (fp, E["DOVECOT_CERT_SHA256"])


def wrong_hostname():
    try:
        raw_imaps_login("bote-wrong-name.invalid")
    except ssl.SSLCertVerificationError as e:
        return True, str(e)
    return False, "TLS with the wrong host name was accepted"


def capability_idle():
    typ, data = state["imap"].capability()
    caps = data[0].upper().split()
    return b"IDLE" in caps, "CAPABILITY: %r" % data


def list_special_use():
    typ, data = state["imap"].list()
    flags = {}
    for line in data:
        mo = re.match(rb'\(([^)]*)\) (?:"[^"]*"|NIL) "?([^"]*)"?$', line)
        if mo:
            flags[mo.group(2).decode()] = mo.group(1).decode().split()
    want = {"Sent": "\\Sent", "Drafts": "\\Drafts", "Trash": "\\Trash",
            "Junk": "\\Junk", "Archive": "\\Archive"}
    ok = all(v in flags.get(k, []) for k, v in want.items())
    return ok, "LIST: %r" % data


def inbox_count():
    count, found = subjects(state["imap"], "INBOX")
    state["inbox"] = found
    return count == 3, "INBOX has %d messages" % count


def inbox_subjects():
    return state["inbox"] == INBOX_SUBJECTS, "found %r, want %r" % (state["inbox"], INBOX_SUBJECTS)


def sent_subjects():
    count, found = subjects(state["imap"], "Sent")
    state["imap"].logout()
    return count == 1 and found == SENT_SUBJECTS, "Sent: %d %r" % (count, found)


def system_store_rejects():
    ctx = ssl.create_default_context()  # system CAs only, not the test CA
    try:
        m = imaplib.IMAP4_SSL(HOST, IMAPS, ssl_context=ctx, timeout=TIMEOUT)
    except ssl.SSLCertVerificationError as e:
        return True, str(e)
    m.logout()
    return False, "the system trust store accepted the test certificate"


def imap_starttls():
    m = imaplib.IMAP4(HOST, IMAP, timeout=TIMEOUT)
    if "STARTTLS" not in m.capabilities:
        return False, "no STARTTLS in %r" % (m.capabilities,)
    m.starttls(ssl_context=test_ctx())
    typ, data = m.login(USER, PASS)
    m.logout()
    return typ == "OK", "LOGIN: %s %r" % (typ, data)


def imap_plaintext():
    m = imaplib.IMAP4(HOST, IMAP, timeout=TIMEOUT)
    typ, data = m.login(USER, PASS)
    m.logout()
    return typ == "OK", "LOGIN: %s %r" % (typ, data)


def pop3s_login():
    p = poplib.POP3_SSL(HOST, POP3S, context=test_ctx(), timeout=TIMEOUT)
    state["pop"] = p
    p.user(USER)
    resp = p.pass_(PASS)
    return resp.startswith(b"+OK"), "PASS: %r" % resp


def pop3_stat():
    count, size = state["pop"].stat()
    return count == 3, "STAT: %d %d" % (count, size)


def pop3_uidl():
    resp, lines, _ = state["pop"].uidl()
    state["pop"].quit()
    uids = [l.split()[1] for l in lines]
    return len(uids) == 3 and len(set(uids)) == 3, "UIDL: %r" % lines


def pop3_stls():
    p = poplib.POP3(HOST, POP3, timeout=TIMEOUT)
    p.stls(context=test_ctx())
    p.user(USER)
    resp = p.pass_(PASS)
    count, _ = p.stat()
    p.quit()
    return resp.startswith(b"+OK") and count == 3, "PASS: %r, STAT %d" % (resp, count)


def needs(key, fn):
    def run():
        if key not in state:
            return False, "skipped: the login before failed"
        return fn()
    return run


check("IMAPS login, certificate verified against DOVECOT_CA as 127.0.0.1", imaps_login)
check("server certificate matches DOVECOT_CERT_SHA256", needs("imap", fingerprint))
check("IMAPS login, certificate verified against DOVECOT_CA as localhost",
      lambda: raw_imaps_login("localhost"))
check("IMAPS with a wrong host name fails verification", wrong_hostname)
check("CAPABILITY after login includes IDLE", needs("imap", capability_idle))
check("LIST shows Sent with \\Sent (and Drafts, Trash, Junk, Archive special-use)",
      needs("imap", list_special_use))
check("INBOX has 3 messages", needs("imap", inbox_count))
check("INBOX subjects match the seeded messages", needs("inbox", inbox_subjects))
check("Sent has the 1 seeded message", needs("imap", sent_subjects))
check("IMAPS verified against the system trust store fails with a certificate error",
      system_store_rejects)
check("plain IMAP + STARTTLS (verified) + LOGIN works", imap_starttls)
check("plain IMAP LOGIN without TLS works on loopback", imap_plaintext)
check("POP3S login, certificate verified against DOVECOT_CA", pop3s_login)
check("POP3 STAT reports 3 messages", needs("pop", pop3_stat))
check("POP3 UIDL returns 3 unique ids", needs("pop", pop3_uidl))
check("plain POP3 + STLS (verified) + USER/PASS works", pop3_stls)
sys.exit(1 if failures else 0)
PY

if dovecot_stop; then
	echo "ok 19 - dovecot stops cleanly, no Panic/Fatal in its log"
else
	echo "not ok 19 - dovecot stops cleanly, no Panic/Fatal in its log"
	failed=1
fi
exit "$failed"
