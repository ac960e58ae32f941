"""scripted.py - what the scripted hostile servers share: a logging line reader and the accept loop.

Listens on 127.0.0.1 (a free port, written to PORTFILE), serves up to 5
connections until idle for 30 s, and appends every line a client sends to
LOGFILE (passwords included: tests check that none arrives where it must
not).  With an SSL context it speaks implicit TLS.
"""
import base64
import os
import socket
import ssl
import threading
import time


class Conn:
    def __init__(self, sock, log):
        self.s = sock
        self.log = log
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.s.recv(4096)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        with open(self.log, "ab") as f:
            f.write(line + b"\n")
        return line.decode("latin-1")


def log_sasl(c, mech, b64):
    """Log a SASL response decoded, as "SASL <mech> <repr>", and return it."""
    try:
        raw = base64.b64decode(b64, validate=True)
    except ValueError:
        raw = b"<not base64>"
    with open(c.log, "ab") as f:
        f.write(b"SASL " + mech.encode() + b" " + repr(raw).encode() + b"\n")
    return raw


ERROR_JSON = b'{"status":"invalid_token","scope":"mail","schemes":"Bearer"}'


def sasl_exchange(c, args, reject=False):
    """The client's side of one SASL exchange after AUTHENTICATE/AUTH.

    args: the mechanism and maybe the initial response; without one, an
    empty challenge asks for it.  With reject, the RFC 7628 error challenge
    follows.  Returns None on EOF, else "ok" (well-formed PLAIN or token),
    "bad", "refused" (the error acknowledged with ^A) or "unacknowledged".
    """
    mech = args[0].upper() if args else ""
    if len(args) > 1:
        b64 = args[1]
    else:
        c.send(b"+ \r\n")
        b64 = c.line()
        if b64 is None:
            return None
    raw = log_sasl(c, mech, b64)
    if reject:
        c.send(b"+ " + base64.b64encode(ERROR_JSON) + b"\r\n")
        return "refused" if c.line() == "AQ==" else "unacknowledged"
    good = (mech == "PLAIN" and raw.count(b"\0") == 2) or \
        (mech in ("XOAUTH2", "OAUTHBEARER") and raw.endswith(b"\x01\x01") and b"auth=Bearer " in raw)
    return "ok" if good else "bad"


def listen_and_serve(serve, scenario, portfile, log, ctx=None):
    """Run serve(Conn, scenario) on a thread per connection."""
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(5)
    ls.settimeout(30)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(ls.getsockname()[1]))
    os.rename(portfile + ".tmp", portfile)
    served = 0
    while served < 5:
        try:
            s, _ = ls.accept()
        except socket.timeout:
            break
        served += 1
        s.settimeout(90)

        def run(s=s):
            try:
                s2 = ctx.wrap_socket(s, server_side=True) if ctx is not None else s
                serve(Conn(s2, log), scenario)
            except (OSError, ssl.SSLError):
                pass
            finally:
                try:
                    s.close()
                except OSError:
                    pass
        threading.Thread(target=run, daemon=True).start()
    time.sleep(0.2)
