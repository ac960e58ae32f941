#!/usr/bin/env python3
"""imap_auth_server.py - a scripted IMAP server on 127.0.0.1 that checks how bote logs in.

usage: imap_auth_server.py SCENARIO PORTFILE LOGFILE

Every line the client sends goes to LOGFILE (tests/hostile/scripted.py); a
SASL initial response is also logged decoded, as "SASL <mech> <repr>", so a
test can compare its exact shape.  Scenarios:
  logindisabled      LOGINDISABLED with AUTH=PLAIN; PLAIN accepted
  xoauth2            AUTH=XOAUTH2 (SASL-IR); accepts any well-formed token
  oauthbearer        AUTH=OAUTHBEARER AUTH=XOAUTH2 (SASL-IR); accepts a well-formed one
  oauthbearer_nosaslir  the same without SASL-IR: the response after "+"
  oauthbearer_reject refuses with the RFC 7628 error continuation, wants ^A back
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted import listen_and_serve, sasl_exchange  # noqa: E402

CAPS = {
    "logindisabled": b"IMAP4rev1 SASL-IR LOGINDISABLED AUTH=PLAIN",
    "xoauth2": b"IMAP4rev1 SASL-IR AUTH=XOAUTH2",
    "oauthbearer": b"IMAP4rev1 SASL-IR AUTH=OAUTHBEARER AUTH=XOAUTH2",
    "oauthbearer_nosaslir": b"IMAP4rev1 AUTH=OAUTHBEARER",
    "oauthbearer_reject": b"IMAP4rev1 SASL-IR AUTH=OAUTHBEARER",
}
REPLIES = {
    "ok": b" OK [CAPABILITY IMAP4rev1] logged in\r\n",
    "bad": b" NO bad\r\n",
    "refused": b" NO [AUTHENTICATIONFAILED] token refused\r\n",
    "unacknowledged": b" BAD the error was not acknowledged with ^A\r\n",
}


def authenticate(c, tag, args, scenario):
    r = sasl_exchange(c, args, scenario == "oauthbearer_reject")
    if r is None:
        return False
    c.send(tag + REPLIES[r])
    return True


def serve(c, scenario):
    caps = CAPS[scenario]
    c.send(b"* OK [CAPABILITY " + caps + b"] ready\r\n")
    while True:
        line = c.line()
        if line is None:
            return
        parts = line.split(" ")
        tag = parts[0].encode()
        cmd = parts[1].upper() if len(parts) > 1 else ""
        if cmd == "CAPABILITY":
            c.send(b"* CAPABILITY " + caps + b"\r\n" + tag + b" OK done\r\n")
        elif cmd == "AUTHENTICATE":
            if not authenticate(c, tag, parts[2:], scenario):
                return
        elif cmd == "LOGIN":
            c.send(tag + b" NO LOGIN is disabled here\r\n")
        elif cmd == "LIST":
            c.send(b"* LIST () \"/\" INBOX\r\n" + tag + b" OK done\r\n")
        elif cmd == "STATUS":
            c.send(b"* STATUS INBOX (MESSAGES 0 UNSEEN 0)\r\n" + tag + b" OK done\r\n")
        elif cmd == "LOGOUT":
            c.send(b"* BYE\r\n" + tag + b" OK bye\r\n")
            return
        else:
            c.send(tag + b" OK fine\r\n")


def main():
    scenario, portfile, log = sys.argv[1:4]
    listen_and_serve(serve, scenario, portfile, log)


main()
