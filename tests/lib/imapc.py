#!/usr/bin/env python3
"""imapc.py - a second IMAP client for the tests (python3 imaplib over verified TLS).

usage: imapc.py create NAME             create a folder (NAME in UTF-8, sent as modified UTF-7)
       imapc.py append FOLDER SUBJECT DATE [FLAGS]
       imapc.py subjects FOLDER         one line per message: SUBJECT<TAB>FLAGS
       imapc.py store FOLDER SUBJECT +FLAGS|-FLAGS FLAG...
       imapc.py folders                 every folder (LIST), decoded, one per line
       imapc.py subscribed              the subscribed folders (LSUB), decoded
       imapc.py appendfile FOLDER FILE  append a message file as it is (LF made CRLF)
       imapc.py raw FOLDER SUBJECT      the message's bytes as the server has them
       imapc.py expunge FOLDER SUBJECT  mark it \Deleted and UID EXPUNGE it

Connects to 127.0.0.1:$DOVECOT_IMAPS_PORT as $DOVECOT_USER, trusting $DOVECOT_CA.
"""
import base64
import email.utils
import imaplib
import os
import re
import ssl
import sys


def mutf7(name):
    out, run = [], []

    def flush():
        if run:
            b = base64.b64encode("".join(run).encode("utf-16-be")).decode()
            out.append("&" + b.rstrip("=").replace("/", ",") + "-")
            run.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            run.append(ch)
    flush()
    return "".join(out)


def unmutf7(name):
    def run(m):
        if m.group(1) == "":
            return "&"
        b = m.group(1).replace(",", "/")
        return base64.b64decode(b + "=" * (-len(b) % 4)).decode("utf-16-be")
    return re.sub(r"&([^-]*)-", run, name)


def names(m, command):
    typ, data = m._simple_command(command, '""', '"*"')
    typ, data = m._untagged_response(typ, data, command)
    out = []
    for line in data or []:
        if line is None:
            continue
        name = line.decode().rsplit(" ", 1)[-1] if not line.endswith(b'"') else \
            re.search(r'"((?:[^"\\]|\\.)*)"$', line.decode()).group(1)
        out.append(unmutf7(name))
    return out


def quote(name):
    return '"' + mutf7(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


def connect():
    ctx = ssl.create_default_context(cafile=os.environ["DOVECOT_CA"])
    m = imaplib.IMAP4_SSL("127.0.0.1", int(os.environ["DOVECOT_IMAPS_PORT"]), ssl_context=ctx,
                          timeout=20)
    m.login(os.environ["DOVECOT_USER"], os.environ["DOVECOT_PASS"])
    return m


def messages(m, folder):
    typ, _ = m.select(quote(folder))
    if typ != "OK":
        sys.exit("cannot select " + folder)
    typ, data = m.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    rows = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, hdr = item
        uid = re.search(rb"UID (\d+)", meta).group(1).decode()
        flags = re.search(rb"FLAGS \(([^)]*)\)", meta).group(1).decode()
        subj = hdr.decode(errors="replace").split(":", 1)[-1].strip()
        rows.append((uid, subj, flags))
    return rows


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    m = connect()
    if cmd == "create":
        typ, _ = m.create(quote(args[0]))
        assert typ == "OK"
    elif cmd == "append":
        folder, subject, date = args[:3]
        flags = args[3] if len(args) > 3 else ""
        msg = ("From: Tester <tester@example.org>\r\nTo: bote <bote@example.org>\r\n"
               "Subject: %s\r\nDate: %s\r\nMessage-ID: <%s@imapc.test>\r\n\r\n"
               "Body of %s.\r\n" % (subject, date, re.sub(r"\W", "-", subject), subject))
        when = email.utils.parsedate_to_datetime(date)
        typ, _ = m.append(quote(folder), flags, imaplib.Time2Internaldate(when), msg.encode())
        assert typ == "OK"
    elif cmd == "subjects":
        for uid, subj, flags in messages(m, args[0]):
            print("%s\t%s" % (subj, flags))
    elif cmd in ("folders", "subscribed"):
        for name in sorted(names(m, "LIST" if cmd == "folders" else "LSUB")):
            print(name)
    elif cmd == "appendfile":
        data = open(args[1], "rb").read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        typ, _ = m.append(quote(args[0]), "(\\Seen)", None, data)
        assert typ == "OK"
    elif cmd == "raw":
        for uid, subj, flags in messages(m, args[0]):
            if subj == args[1]:
                typ, data = m.uid("FETCH", uid, "(BODY.PEEK[])")
                sys.stdout.buffer.write(data[0][1])
    elif cmd == "store":
        folder, subject, op = args[:3]
        for uid, subj, flags in messages(m, folder):
            if subj == subject:
                m.uid("STORE", uid, op, "(" + " ".join(args[3:]) + ")")
    elif cmd == "expunge":
        folder, subject = args[:2]
        for uid, subj, flags in messages(m, folder):
            if subj == subject:
                m.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
                typ, _ = m.uid("EXPUNGE", uid)
                assert typ == "OK"
    m.logout()


main()
