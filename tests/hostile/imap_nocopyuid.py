#!/usr/bin/env python3
"""imap_nocopyuid.py - a small IMAP server with MOVE but without UIDPLUS, so no COPYUID.

usage: imap_nocopyuid.py SCENARIO PORTFILE LOGFILE

Plaintext on 127.0.0.1 (the account says tls = none).  Folders INBOX and
Trash (\\Trash); INBOX holds two messages.  UID MOVE works and answers
without a COPYUID code, as servers without UIDPLUS do: bote cannot know
where the messages went, and undo must say so instead of guessing.
Scenario: nocopyuid (the only one).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted import listen_and_serve  # noqa: E402

CAPS = b"IMAP4rev1 MOVE SPECIAL-USE"


def message(n):
    return ("From: Tester <tester@example.org>\r\nTo: bote@example.org\r\n"
            "Subject: Message %d\r\nDate: Mon, 02 Nov 2026 10:0%d:00 +0100\r\n"
            "Message-ID: <m%d@example.org>\r\n\r\nBody %d.\r\n" % (n, n, n, n)).encode()


def uids(spec, have):
    out = []
    for part in spec.split(","):
        lo, _, hi = part.partition(":")
        lo = max(have) if lo == "*" and have else int(lo or 0)
        hi = lo if not hi else (max(have) if hi == "*" and have else int(hi))
        lo, hi = min(lo, hi), max(lo, hi)
        out += [u for u in have if lo <= u <= hi]
    return out


def serve(c, scenario):
    boxes = {"INBOX": [1, 2], "Trash": []}
    sel = None
    c.send(b"* OK [CAPABILITY " + CAPS + b"] ready\r\n")
    while True:
        line = c.line()
        if line is None:
            return
        parts = line.split(" ", 2)
        tag = parts[0].encode()
        cmd = parts[1].upper() if len(parts) > 1 else ""
        rest = parts[2] if len(parts) > 2 else ""
        if cmd == "UID":
            sub, _, rest = rest.partition(" ")
            cmd = "UID " + sub.upper()
        if cmd == "CAPABILITY":
            c.send(b"* CAPABILITY " + CAPS + b"\r\n" + tag + b" OK done\r\n")
        elif cmd == "LOGIN":
            c.send(tag + b" OK [CAPABILITY " + CAPS + b"] logged in\r\n")
        elif cmd == "LIST":
            c.send(b"* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                   b"* LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n" + tag + b" OK done\r\n")
        elif cmd in ("SELECT", "EXAMINE"):
            sel = rest.strip('"')
            box = boxes[sel]
            c.send(b"* %d EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 9] ok\r\n"
                   % len(box) + tag + b" OK [READ-WRITE] selected\r\n")
        elif cmd == "STATUS":
            name = rest.split(" ")[0].strip('"')
            c.send(b"* STATUS %s (MESSAGES %d UNSEEN 0)\r\n" % (name.encode(), len(boxes[name]))
                   + tag + b" OK done\r\n")
        elif cmd == "UID FETCH":
            spec, _, what = rest.partition(" ")
            box = boxes[sel]
            out = b""
            for u in uids(spec, box):
                seq = box.index(u) + 1
                m = re.search(r"BODY\.PEEK\[([^\]]*)\]", what)
                if m is None:
                    out += (b"* %d FETCH (UID %d FLAGS (\\Seen) RFC822.SIZE %d INTERNALDATE "
                            b"\"02-Nov-2026 10:00:00 +0100\")\r\n" % (seq, u, len(message(u))))
                    continue
                data = message(u)
                if m.group(1):
                    data = data.split(b"\r\n\r\n")[0] + b"\r\n\r\n"
                out += (b"* %d FETCH (UID %d BODY[%s] {%d}\r\n" % (seq, u, m.group(1).encode(),
                        len(data)) + data + b")\r\n")
            c.send(out + tag + b" OK done\r\n")
        elif cmd == "UID MOVE":
            spec, _, dst = rest.partition(" ")
            box = boxes[sel]
            out = b""
            for u in uids(spec, box):
                out += b"* %d EXPUNGE\r\n" % (box.index(u) + 1)
                box.remove(u)
                boxes[dst.strip('"')].append(u)
            c.send(out + tag + b" OK moved\r\n")
        elif cmd in ("NOOP", "UID STORE"):
            c.send(tag + b" OK done\r\n")
        elif cmd == "LOGOUT":
            c.send(b"* BYE\r\n" + tag + b" OK bye\r\n")
            return
        else:
            c.send(tag + b" BAD unknown\r\n")


def main():
    scenario, portfile, log = sys.argv[1:4]
    listen_and_serve(serve, scenario, portfile, log)


main()
