#!/usr/bin/env python3
"""poison_gen.py - poisoned mail for the renderer and the sanitizer (plan cases 25-29).

usage: poison_gen.py MAILDIR

Writes one message per case into MAILDIR/cur (MAILDIR/{cur,new,tmp} are
created) and prints nothing.  Every message comes from code, so the repo
holds no 1 MB or 10,000-level files.
"""
import os
import sys

ESC = "\x1b"
CASES = {}


def case(name):
    def deco(fn):
        CASES[name] = fn
        return fn
    return deco


def headers(subject, extra="", ctype="text/plain; charset=utf-8"):
    return (("From: Mallory <mallory@example.org>\n"
             "To: victim@example.org\n"
             "Subject: %s\n"
             "Date: Mon, 16 Nov 2026 10:00:00 +0100\n"
             "Message-ID: <%s@poison.test>\n"
             "MIME-Version: 1.0\n"
             "Content-Type: %s\n%s\n") % (subject, abs(hash(subject)) % 10**9, ctype, extra))


@case("escapes-raw")
def escapes_raw():
    seqs = ESC + "]0;pwned" + "\x07" + ESC + "[2J" + ESC + "[31m" + "\udc9b" + "31m" + "\x07\x08\x7f"
    return (headers("esc " + seqs, "X-Evil: " + seqs + "\n") + "body " + seqs + "\n").encode(
        "utf-8", "surrogateescape")


@case("escapes-encoded")
def escapes_encoded():
    enc = "=?utf-8?q?=1B]0;pwned=07=1B[2J?="
    qp = "=1B[2J=1B]0;title=07 visible\n"
    return (headers(enc, "Content-Transfer-Encoding: quoted-printable\n").replace(
        "From: Mallory", "From: " + enc) + qp).encode()


@case("bidi-zero-width")
def bidi():
    trick = "invoice\u202egpj.exe \u200b\u200d\u2066hidden\u2069 \ufeffbom \u00ad"
    return (headers(trick) + trick + "\n").encode()


@case("huge-header")
def huge_header():
    return (headers("one megabyte of header", "X-Big: " + "A" * (1 << 20) + "\n") +
            "short body\n").encode()


@case("invalid-utf8")
def invalid_utf8():
    return (headers("bad XX bytes").encode().replace(b"XX", b"\xff\xfe") +
            b"body \xc3\x28 \xe2\x82 \xed\xa0\x80 \xf8\x88\x80\x80\x80 end\n")


@case("nested-10000")
def nested():
    depth = 10000
    out = [headers("nested 10000 deep", ctype='multipart/mixed; boundary="b0"')]
    for i in range(1, depth):
        out.append('--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i - 1, i))
    out.append("--b%d\nContent-Type: text/plain\n\ndeepest\n" % (depth - 1))
    for i in range(depth - 1, -1, -1):
        out.append("--b%d--\n" % i)
    return "".join(out).encode()


@case("parts-100000")
def many_parts():
    out = [headers("100000 parts", ctype='multipart/mixed; boundary="p"')]
    part = "--p\nContent-Type: text/plain\n\nx\n"
    out.append(part * 100000)
    out.append("--p--\n")
    return "".join(out).encode()


@case("broken-encodings")
def broken():
    return (headers("=?utf-8?b?!!!notbase64?= =?x-unknown?q?abc?= =?utf-8?q?=ZZ?=",
                    ctype='multipart/mixed; boundary="q"') +
            "--q\nContent-Type: text/plain; charset=x-nonexistent\n"
            "Content-Transfer-Encoding: base64\n\n@@@###not base64***\n"
            "--q\nContent-Type: application/octet-stream;\n"
            " name*0*=utf-8''%E2%80%AE; name*1*=%ZZ; name*2=\"x\"\n"
            "Content-Disposition: attachment; filename*=utf-8''%1B%5B2J.txt\n"
            "Content-Transfer-Encoding: x-uuencode\n\nbegin 644 evil\nM,\"!\"!\n`\nend\n"
            "--q\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n"
            "=\n=4\n=XX unfinished soft break =\n"
            "--q--\n").encode()


@case("hostile-names")
def names():
    out = [headers("attachment names", ctype='multipart/mixed; boundary="n"'), "--n\n"
           "Content-Type: text/plain\n\nsee attachments\n"]
    for fname in ["../../.bashrc", "/etc/passwd", "evil\nname.txt", ESC + "[2J.txt",
                  "con.txt\u202e", "." , "..", "a" * 5000]:
        out.append('--n\nContent-Type: application/octet-stream\n'
                   'Content-Disposition: attachment; filename="%s"\n'
                   'Content-Transfer-Encoding: base64\n\naGVsbG8=\n' % fname.replace("\n", "\\n"))
    out.append("--n--\n")
    return "".join(out).encode("utf-8", "surrogateescape")


@case("endless-line")
def endless_line():
    return (headers("one 4 MB line") + "z" * (4 << 20) + "\n").encode()


def main():
    md = sys.argv[1]
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(md, sub), exist_ok=True)
    for i, (name, fn) in enumerate(sorted(CASES.items())):
        with open(os.path.join(md, "cur", "%d.M%dP1.%s:2,S" % (1700000000 + i, i, name)),
                  "wb") as f:
            f.write(fn())


if __name__ == "__main__":
    main()
