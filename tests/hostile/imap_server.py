#!/usr/bin/env python3
"""imap_server.py - a scripted, hostile IMAP server on 127.0.0.1 for one scenario.

usage: imap_server.py SCENARIO PORTFILE LOGFILE

Serves and logs as tests/hostile/scripted.py says, so a test can show that
no LOGIN was sent where it must not be.
Scenarios: preauth (PREAUTH greeting to a STARTTLS client),
starttls_refused, starttls_missing, starttls_injected (data queued after
the go-ahead), endless_literal (a LIST literal that never ends),
drip_greeting (one byte a second), silent_idle (a folder of one message,
then no answer after IDLE's "+", not even to DONE), silent_fetch (the
folder's index is never sent).

The scenarios in SESSION run a small, correct server with one mailbox,
INBOX, and the scenario's twist (see session()); tamper_before_tls needs
--cert PEM --key PEM for its STARTTLS.
"""
import os
import socket
import ssl
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted import listen_and_serve  # noqa: E402

CAPS = b"IMAP4rev1 LITERAL+ AUTH=PLAIN"


def caps_for(scenario):
    """The silent scenarios offer IDLE, so that bote goes idle on them."""
    return CAPS + (b" IDLE" if scenario.startswith("silent_") else b"")


def greet(c, scenario):
    if scenario == "preauth":
        c.send(b"* PREAUTH [CAPABILITY " + CAPS + b" STARTTLS] logged in already\r\n")
    elif scenario == "drip_greeting":
        for b in b"* OK [CAPABILITY " + CAPS + b"] slowly\r\n":
            c.send(bytes([b]))
            time.sleep(1)
    elif scenario == "starttls_missing":
        c.send(b"* OK [CAPABILITY " + CAPS + b"] no TLS here\r\n")
    else:
        c.send(b"* OK [CAPABILITY " + caps_for(scenario) + b" STARTTLS] ready\r\n")


def commands(c):
    """Each command the client sends as (tag, COMMAND, arguments); UID X is one command."""
    while True:
        line = c.line()
        if line is None:
            return
        parts = line.split(" ", 2)
        cmd = parts[1].upper() if len(parts) > 1 else ""
        args = parts[2] if len(parts) > 2 else ""
        if cmd == "UID":
            cmd, _, args = args.partition(" ")
            cmd = "UID " + cmd.upper()
        yield parts[0].encode(), cmd, args


HEADER = b"Subject: Quiet one\r\nFrom: Silent <s@example.org>\r\n\r\n"


def silent(c, tag, cmd, args, scenario):
    """The silent scenarios' folder; False when the server now stops answering."""
    if cmd in ("SELECT", "EXAMINE"):
        c.send(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" +
               tag + b" OK [READ-WRITE] selected\r\n")
    elif cmd.startswith("UID ") and "HEADER" in args.upper():
        c.send(b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT FROM)] {%d}\r\n" % len(HEADER) +
               HEADER + b")\r\n" + tag + b" OK done\r\n")
    elif cmd.startswith("UID ") and scenario == "silent_fetch":
        return False
    elif cmd.startswith("UID "):
        c.send(b'* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 100 '
               b'INTERNALDATE "02-Nov-2026 10:00:00 +0000")\r\n' + tag + b" OK done\r\n")
    elif cmd == "NOOP":
        c.send(tag + b" OK done\r\n")
    elif cmd == "IDLE":
        c.send(b"+ idling\r\n")
        return False
    else:
        c.send(tag + b" BAD unknown\r\n")
    return True


def serve(c, scenario):
    greet(c, scenario)
    quiet = False
    for tag, cmd, args in commands(c):
        if quiet:
            continue    # read and log, never answer
        if cmd == "CAPABILITY":
            c.send(b"* CAPABILITY " + caps_for(scenario) + b" STARTTLS\r\n" + tag + b" OK done\r\n")
        elif cmd == "STARTTLS":
            if scenario == "starttls_injected":
                c.send(tag + b" OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1] injected\r\n")
                time.sleep(2)
                return
            c.send(tag + b" NO not today\r\n")
        elif cmd == "LOGIN":
            c.send(tag + b" OK [CAPABILITY " + caps_for(scenario) + b"] logged in\r\n")
        elif cmd == "LIST" and scenario == "endless_literal":
            c.send(b"* LIST () \"/\" {100000000}\r\n")
            try:
                chunk = b"x" * 65536
                for _ in range(2000):
                    c.send(chunk)
            except OSError:
                return
        elif cmd == "LIST":
            c.send(b"* LIST () \"/\" INBOX\r\n" + tag + b" OK done\r\n")
        elif cmd == "LOGOUT":
            c.send(b"* BYE\r\n" + tag + b" OK bye\r\n")
            return
        elif scenario.startswith("silent_"):
            quiet = not silent(c, tag, cmd, args, scenario)
        else:
            c.send(tag + b" BAD unknown\r\n")


# An escape-laden server text: OSC 52 (clipboard), OSC 8, CSI as C1 0x9B, BEL, a bidi
# override, then 10 KB of filler.
PAYLOAD = (b"\x1b]52;c;cHduZWQ=\x07 \x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\ \x9b31m"
           b" \xe2\x80\xae txet \x1b[2J" + b"A" * 10240)

HOSTILE_NAMES = [b"../../escaped", b"/etc", b"`touch pwned-backtick`", b"$(touch pwned-dollar)",
                 b"esc\x1b]0;title\x07name", b"semi;colon", b"/".join([b"a"] * 100000)]

SESSION = ("tamper_before_tls", "alert_escape", "bye_escape", "huge_literal", "endless_line",
           "eof_mid_literal", "hostile_names", "expunged_open", "wrong_uid_body",
           "uidvalidity_change", "capability_bare", "capability_empty", "capability_no_atoms",
           "dup_uid", "huge_exists", "slow_headers")

connections = 0
lock = threading.Lock()


def message(uid, subject):
    return (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: " + subject +
            b"\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <%d@bote.test>\r\n\r\n"
            b"body of message %d\r\n" % (uid, uid))


def literal(data):
    return b"{%d}\r\n" % len(data) + data


def uid_set(text, uids):
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition(":")
        lo = max(uids) if lo == "*" else int(lo)
        hi = lo if not hi else max(uids) if hi == "*" else int(hi)
        out += [u for u in uids if min(lo, hi) <= u <= max(lo, hi)]
    return out


def session(c, scenario, cert):
    """A small IMAP server: LOGIN, CAPABILITY, LIST, STATUS, SELECT, UID FETCH, LOGOUT."""
    global connections
    with lock:
        connections += 1
        nth = connections
    caps = b"IMAP4rev1 LITERAL+ UIDPLUS"
    validity = 1
    msgs = {5: message(5, b"first message"), 6: message(6, b"second message")}
    flags = {5: b"\\Seen", 6: b""}
    if scenario == "uidvalidity_change" and nth > 1:
        # The folder was rebuilt: same UIDs, other messages.
        validity = 2
        msgs = {5: message(5, b"WRONG message after rebuild"), 6: message(6, b"WRONG too")}
    if scenario == "dup_uid":
        flags[6] = b"$l\xe1bel \\Flagged"
    if scenario == "slow_headers":
        # More rows than bote reads first around the cursor; headers come slowly.
        msgs = {u: message(u, b"slow %d" % u) for u in range(1, 601)}
        flags = {u: b"\\Seen" for u in msgs}
    header_fetches = 0
    if scenario == "bye_escape":
        c.send(b"* BYE " + PAYLOAD + b"\r\n")
        return
    if scenario == "capability_bare":
        c.send(b"* OK ready\r\n")
    elif scenario == "capability_empty":
        c.send(b"* OK [CAPABILITY ] ready\r\n")
    elif scenario == "tamper_before_tls":
        # Capabilities and data forged before TLS: LOGINDISABLED without AUTH=PLAIN would
        # stop a client that kept them; the LIST and EXISTS must not survive either.
        c.send(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n"
               b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n"
               b"* LIST () \"/\" Injected\r\n* 99 EXISTS\r\n* STATUS INBOX (MESSAGES 99)\r\n")
    else:
        c.send(b"* OK [CAPABILITY " + caps + b"] ready\r\n")
    for tag, cmd, args in commands(c):
        ok = tag + b" OK done\r\n"
        if cmd == "CAPABILITY":
            if scenario in ("capability_bare", "capability_empty"):
                c.send(ok)
            elif scenario == "capability_no_atoms":
                c.send(b"* CAPABILITY\r\n" + ok)
            elif scenario == "tamper_before_tls" and not c.tls:
                c.send(b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + ok)
            else:
                c.send(b"* CAPABILITY " + caps + b"\r\n" + ok)
        elif cmd == "STARTTLS" and scenario == "tamper_before_tls":
            c.send(tag + b" OK begin TLS\r\n")
            c.starttls(cert)
        elif cmd == "LOGIN":
            if scenario == "alert_escape":
                c.send(tag + b" NO [ALERT] " + PAYLOAD + b"\r\n")
            else:
                c.send(ok)
        elif cmd == "LIST" and scenario == "huge_literal":
            c.send(b"* LIST () \"/\" {4000000000}\r\n")
            c.flood(b"x" * 65536)
            return
        elif cmd == "LIST" and scenario == "endless_line":
            c.send(b"* LIST () \"/\" x")
            c.flood(b"x" * 65536)
            return
        elif cmd == "LIST":
            if args.endswith('""'):
                c.send(b"* LIST (\\Noselect) \"/\" \"\"\r\n" + ok)
                continue
            out = b"* LIST () \"/\" INBOX\r\n"
            if scenario == "hostile_names":
                out += b"".join(b"* LIST () \"/\" " + literal(n) + b"\r\n" for n in HOSTILE_NAMES)
            c.send(out + ok)
        elif cmd == "STATUS":
            # huge_exists claims the most messages a 32-bit count can hold.
            count = 4294967295 if scenario == "huge_exists" else len(msgs)
            c.send(b"* STATUS " + args.split(" (")[0].encode("latin-1") +
                   b" (MESSAGES %d UNSEEN %d)\r\n" % (count, count) + ok)
        elif cmd in ("SELECT", "EXAMINE"):
            count = 4294967295 if scenario == "huge_exists" else len(msgs)
            c.send(b"* %d EXISTS\r\n* %d RECENT\r\n* OK [UIDVALIDITY %d] v\r\n"
                   b"* OK [UIDNEXT %d] n\r\n* FLAGS (\\Seen \\Flagged \\Deleted)\r\n"
                   % (count, 0 if count == len(msgs) else count, validity, max(msgs) + 1) +
                   tag + b" OK [READ-WRITE] selected\r\n")
        elif cmd == "UID FETCH":
            setspec, _, items = args.partition(" ")
            uids = sorted(msgs)
            want = uid_set(setspec, uids)
            out = b""
            if "HEADER.FIELDS" in items:
                header_fetches += 1
                if scenario == "slow_headers":
                    time.sleep(2 if header_fetches == 1 else 5)
                for u in want:
                    hdr = msgs[u].split(b"\r\n\r\n")[0] + b"\r\n\r\n"
                    out += (b"* %d FETCH (UID %d BODY[HEADER.FIELDS (From To Subject Date)] "
                            % (uids.index(u) + 1, u) + literal(hdr) + b")\r\n")
            elif "BODY.PEEK[]" in items:
                u = want[0]
                if scenario == "expunged_open":
                    c.send(b"* %d EXPUNGE\r\n" % (uids.index(u) + 1) + ok)
                    continue
                if scenario == "eof_mid_literal":
                    c.send(b"* 1 FETCH (UID %d BODY[] {5000}\r\n" % u + msgs[u][:40])
                    c.close_write()
                    return
                if scenario == "wrong_uid_body":
                    other = [x for x in uids if x != u][0]
                    out = (b"* %d FETCH (UID %d BODY[] " % (uids.index(other) + 1, other) +
                           literal(message(other, b"WRONG message for this row")) + b")\r\n")
                else:
                    out = b"* %d FETCH (UID %d BODY[] " % (uids.index(u) + 1, u) + literal(msgs[u]) + b")\r\n"
            else:
                for u in want:
                    out += (b"* %d FETCH (UID %d FLAGS (%s) RFC822.SIZE %d)\r\n"
                            % (uids.index(u) + 1, u, flags[u], len(msgs[u])))
                    if scenario == "dup_uid":
                        out += b"* %d FETCH (UID %d FLAGS () RFC822.SIZE 1)\r\n" % (uids.index(u) + 1, u)
            c.send(out + ok)
            if scenario == "uidvalidity_change" and nth == 1 and "HEADER.FIELDS" in items:
                c.close_write()	# the connection breaks; the client reconnects
                return
        elif cmd == "LOGOUT":
            c.send(b"* BYE\r\n" + ok)
            return
        elif cmd == "NOOP" or cmd == "UID STORE" or cmd == "UID EXPUNGE":
            c.send(ok)
        else:
            c.send(tag + b" BAD unknown\r\n")


class TlsConn:
    """A scripted.Conn that can STARTTLS, stop writing, or flood until the client gives up."""

    def __init__(self, conn):
        self.c = conn
        self.tls = False

    def send(self, data):
        self.c.send(data)

    def line(self):
        return self.c.line()

    def starttls(self, cert):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert[0], cert[1])
        self.c.s = ctx.wrap_socket(self.c.s, server_side=True)
        self.tls = True

    def close_write(self):
        try:
            self.c.s.shutdown(socket.SHUT_WR)
            time.sleep(1)
        except OSError:
            pass

    def flood(self, chunk):
        try:
            for _ in range(100000):
                self.c.send(chunk)
        except OSError:
            pass


def main():
    scenario, portfile, log = sys.argv[1:4]
    cert = None
    if "--cert" in sys.argv:
        cert = (sys.argv[sys.argv.index("--cert") + 1], sys.argv[sys.argv.index("--key") + 1])
    if scenario in SESSION:
        listen_and_serve(lambda c, sc: session(TlsConn(c), sc, cert), scenario, portfile, log)
    else:
        listen_and_serve(serve, scenario, portfile, log)


main()
