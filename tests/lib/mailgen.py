#!/usr/bin/env python3
"""mailgen.py - deterministic test messages written straight into a Maildir's new/.

usage: mailgen.py DIR N [--seed S] [--old K --old-days D] [--prefix P] [--owner UID:GID]

Writes N messages (LF line ends, each ending in a newline) as DIR/new/NAME,
the way Dovecot's own delivery names them.  The first K messages get
Received:/Date: D days in the past, the rest the current time.  Bodies mix
lines starting with '.', long lines, 8-bit text and blank lines, so a
fetcher that forgets dot-stuffing or line ends gets caught.
Prints nothing; exit 0.
"""
import argparse
import email.utils
import os
import random
import time


def message(rng, i, prefix, when):
    date = email.utils.formatdate(when, localtime=False)
    lines = [
        "Received: from mx.example.org by pop.example.org; " + date,
        "From: Sender %d <sender%d@example.org>" % (i % 37, i % 37),
        "To: bote <bote@example.org>",
        "Subject: %s message %d" % (prefix, i),
        "Date: " + date,
        "Message-ID: <%s-%d@bote.test>" % (prefix, i),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
    ]
    for _ in range(rng.randint(1, 60)):
        kind = rng.random()
        if kind < 0.1:
            lines.append("." + "x" * rng.randint(0, 20))
        elif kind < 0.15:
            lines.append(".")
        elif kind < 0.2:
            lines.append("")
        elif kind < 0.25:
            lines.append("Grüße aus Köln, ça va? 日本語 " * rng.randint(1, 4))
        elif kind < 0.3:
            lines.append("y" * rng.randint(900, 3000))
        else:
            lines.append(" ".join("word%d" % rng.randint(0, 999)
                                  for _ in range(rng.randint(1, 14))))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--old", type=int, default=0)
    ap.add_argument("--old-days", type=int, default=30)
    ap.add_argument("--prefix", default="m")
    ap.add_argument("--owner", default="")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    new = os.path.join(a.dir, "new")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(a.dir, sub), exist_ok=True)
    now = int(time.time())
    for i in range(a.n):
        when = now - a.old_days * 86400 if i < a.old else now - 60
        data = message(rng, i, a.prefix, when)
        name = "%d.M%dP%d.bote-test,S=%d" % (when, i, os.getpid(), len(data))
        path = os.path.join(new, name)
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, (when, when))
    if a.owner:
        uid, gid = (int(x) for x in a.owner.split(":"))
        for root, dirs, files in os.walk(a.dir):
            os.chown(root, uid, gid)
            for f in files:
                os.chown(os.path.join(root, f), uid, gid)


if __name__ == "__main__":
    main()
