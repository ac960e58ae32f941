#!/usr/bin/env python3
"""pop3_server.py - a scripted, hostile POP3 server on 127.0.0.1 for one scenario.

usage: pop3_server.py SCENARIO PORTFILE LOGFILE [--cert PEM --key PEM]

Listens on 127.0.0.1 (a free port, written to PORTFILE), serves
connections until it has been idle for 30 s or has served 5, and appends
every command it receives to LOGFILE (passwords included: tests check that
none arrives where it must not).  With --cert it speaks implicit TLS.
Scenarios are the cases of docs/SECURITY.md and security-reliability.md,
and for logging in (t_pop3_auth.sh; SASL responses are also logged decoded
as "SASL <mech> <repr>"): sasl_plain_only (no USER), user_and_plain,
xoauth2, oauthbearer,
oauthbearer_reject (the RFC 7628 error challenge, wants ^A back).
"""
import os
import ssl
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scripted import listen_and_serve, sasl_exchange  # noqa: E402

MSG = (b"From: a@example.org\r\nTo: b@example.org\r\nSubject: hostile %d\r\n"
       b"Message-ID: <hostile-%d@bote.test>\r\n\r\nbody of message %d\r\n")


def msg(i):
    return MSG % (i, i, i)


def multiline(c, lines):
    c.send(b"".join(l + b"\r\n" for l in lines) + b".\r\n")


def stuffed(data):
    out = []
    for l in data.split(b"\r\n")[:-1]:
        out.append(b"." + l if l.startswith(b".") else l)
    return out


SASL_CAPA = {
    "sasl_plain_only": [b"UIDL", b"SASL PLAIN"],
    "user_and_plain": [b"USER", b"UIDL", b"SASL PLAIN"],
    "oauthbearer": [b"UIDL", b"SASL OAUTHBEARER XOAUTH2"],
    "xoauth2": [b"USER", b"UIDL", b"SASL XOAUTH2"],
    "oauthbearer_reject": [b"UIDL", b"SASL OAUTHBEARER"],
}
REPLIES = {
    "ok": b"+OK logged in\r\n",
    "bad": b"-ERR bad\r\n",
    "refused": b"-ERR [AUTH] token refused\r\n",
    "unacknowledged": b"-ERR the error was not acknowledged with ^A\r\n",
}


def auth(c, arg, scenario):
    """AUTH with or without the initial response (RFC 5034); False on EOF."""
    r = sasl_exchange(c, arg.split(" "), scenario == "oauthbearer_reject")
    if r is None:
        return False
    c.send(REPLIES[r])
    return True


def serve(c, scenario):
    """A small, correct POP3 server with the scenario's twist."""
    msgs = {1: msg(1), 2: msg(2), 3: msg(3)}
    uidls = {1: b"uid-one", 2: b"uid-two", 3: b"uid-three"}
    sizes = {i: len(m) for i, m in msgs.items()}
    capa = [b"USER", b"UIDL", b"TOP"]
    greeting = b"+OK hostile test server ready\r\n"

    if scenario == "silent":
        time.sleep(60)
        return
    if scenario == "garbage_greeting":
        c.send(b"HTTP/1.1 400 Bad Request\r\n\r\n")
        c.line()
        return
    if scenario.startswith("stls_"):
        capa.append(b"STLS")
    if scenario == "stls_missing":
        capa.remove(b"STLS")
    if scenario == "no_uidl":
        capa.remove(b"UIDL")
    if scenario == "hostile_uidls":
        msgs = {i: msg(i) for i in range(1, 9)}
        sizes = {i: len(m) for i, m in msgs.items()}
        uidls = {1: b"good-1", 2: b"../../etc/passwd", 3: b"esc\x1b[2Jape",
                 4: b"", 5: b"x" * 71, 6: b"twin", 7: b"twin", 8: b"good-8"}
    if scenario == "short_message":
        sizes[2] = 5000
    if scenario == "huge_retr":
        sizes[2] = 100
    if scenario in SASL_CAPA:
        capa = SASL_CAPA[scenario]
    if scenario == "alert_escape":
        greeting = b"+OK \x1b]0;pwned\x07\x1b[2J hello\r\n"
    c.send(greeting)
    while True:
        line = c.line()
        if line is None:
            return
        cmd = line.split(" ")[0].upper()
        arg = line[len(cmd) + 1:]
        if cmd == "CAPA":
            c.send(b"+OK\r\n")
            multiline(c, capa)
        elif cmd == "STLS":
            if scenario == "stls_refused":
                c.send(b"-ERR not today\r\n")
            elif scenario == "stls_injected":
                c.send(b"+OK begin TLS\r\n+OK injected\r\n")
                time.sleep(2)
                return
            else:
                c.send(b"-ERR no\r\n")
        elif cmd == "AUTH":
            if not auth(c, arg, scenario):
                return
        elif cmd == "USER" and b"USER" not in capa:
            c.send(b"-ERR USER is not offered here\r\n")
        elif cmd == "USER":
            c.send(b"+OK\r\n")
        elif cmd == "PASS":
            if scenario == "bad_password":
                c.send(b"-ERR [AUTH] \x1b[31mwrong\x1b[0m password\r\n")
            else:
                c.send(b"+OK logged in\r\n")
        elif cmd == "STAT":
            c.send(b"+OK %d %d\r\n" % (len(msgs), sum(sizes.values())))
        elif cmd == "LIST":
            c.send(b"+OK\r\n")
            lines = [b"%d %d" % (i, sizes[i]) for i in sorted(msgs)]
            if scenario == "list_zero":
                lines.insert(0, b"0 120")
            if scenario == "list_huge_index":
                lines.append(b"4000000000 10")
            multiline(c, lines)
        elif cmd == "UIDL":
            if scenario == "no_uidl":
                c.send(b"-ERR no UIDL here\r\n")
                continue
            c.send(b"+OK\r\n")
            lines = [b"%d %s" % (i, uidls[i]) for i in sorted(msgs)]
            if scenario == "list_zero":
                lines.insert(0, b"0 zero-uidl")
            multiline(c, lines)
        elif cmd == "RETR":
            i = int(arg) if arg.isdigit() else 0
            if i not in msgs:
                c.send(b"-ERR no such message\r\n")
                continue
            if scenario == "eof_mid_retr" and i == 2:
                c.send(b"+OK\r\n" + msgs[i][:30])
                return
            if scenario == "slow_drip" and i == 2:
                c.send(b"+OK\r\n")
                for b in msgs[i]:
                    c.send(bytes([b]))
                    time.sleep(0.5)
                multiline(c, [])
                continue
            if scenario == "huge_retr" and i == 2:
                c.send(b"+OK\r\n")
                chunk = (b"y" * 1000 + b"\r\n") * 1000
                try:
                    for _ in range(20):
                        c.send(chunk)
                    multiline(c, [])
                except OSError:
                    return
                continue
            c.send(b"+OK %d octets\r\n" % sizes[i])
            multiline(c, stuffed(msgs[i]))
        elif cmd == "DELE":
            c.send(b"+OK deleted\r\n")
        elif cmd == "NOOP":
            c.send(b"+OK\r\n")
        elif cmd == "RSET":
            c.send(b"+OK\r\n")
        elif cmd == "QUIT":
            c.send(b"+OK bye\r\n")
            return
        else:
            c.send(b"-ERR unknown\r\n")


def main():
    scenario, portfile, log = sys.argv[1:4]
    ctx = None
    if "--cert" in sys.argv:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[sys.argv.index("--cert") + 1],
                            sys.argv[sys.argv.index("--key") + 1])
    listen_and_serve(serve, scenario, portfile, log, ctx)


if __name__ == "__main__":
    main()
