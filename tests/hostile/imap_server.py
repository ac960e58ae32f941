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
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted import listen_and_serve  # noqa: E402

CAPS = b"IMAP4rev1 LITERAL+ AUTH=PLAIN IDLE"


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
        c.send(b"* OK [CAPABILITY " + CAPS + b" STARTTLS] ready\r\n")


HEADER = b"Subject: Quiet one\r\nFrom: Silent <s@example.org>\r\n\r\n"


def silent(c, tag, cmd, line, scenario):
    """The silent scenarios' folder; False when the server now stops answering."""
    if cmd in ("SELECT", "EXAMINE"):
        c.send(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 2] n\r\n" +
               tag + b" OK [READ-WRITE] selected\r\n")
    elif cmd == "UID" and "HEADER" in line.upper():
        c.send(b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT FROM)] {%d}\r\n" % len(HEADER) +
               HEADER + b")\r\n" + tag + b" OK done\r\n")
    elif cmd == "UID" and scenario == "silent_fetch":
        return False
    elif cmd == "UID":
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
    while True:
        line = c.line()
        if line is None:
            return
        parts = line.split(" ", 2)
        tag = parts[0].encode()
        cmd = parts[1].upper() if len(parts) > 1 else ""
        if quiet:
            continue    # read and log, never answer
        if cmd == "CAPABILITY":
            c.send(b"* CAPABILITY " + CAPS + b" STARTTLS\r\n" + tag + b" OK done\r\n")
        elif cmd == "STARTTLS":
            if scenario == "starttls_injected":
                c.send(tag + b" OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1] injected\r\n")
                time.sleep(2)
                return
            c.send(tag + b" NO not today\r\n")
        elif cmd == "LOGIN":
            c.send(tag + b" OK [CAPABILITY " + CAPS + b"] logged in\r\n")
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
            quiet = not silent(c, tag, cmd, line, scenario)
        else:
            c.send(tag + b" BAD unknown\r\n")


def main():
    scenario, portfile, log = sys.argv[1:4]
    listen_and_serve(serve, scenario, portfile, log)


main()
