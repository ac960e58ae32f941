#!/usr/bin/env python3
"""discovery_servers.py - the network a provider lookup sees, on 127.0.0.1 only.

usage: discovery_servers.py ZONE.json CERT KEY LOGFILE

Runs inside the private network namespace of tests/lib/netns.sh:
- a DNS server on 127.0.0.1:53 (UDP) answering A, AAAA and SRV questions
  from ZONE's "A" and "SRV" tables; names listed in "silent" get no answer
  at all, every other name NXDOMAIN;
- an HTTPS server on 127.0.0.1:443 with CERT/KEY, serving ZONE's "https"
  table: "HOST PATH" -> body (PATH without the query string).
Every question and request is appended to LOGFILE.  Stops after 300 s.
"""
import json
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

zone = json.load(open(sys.argv[1]))
cert, key, logfile = sys.argv[2], sys.argv[3], sys.argv[4]
lock = threading.Lock()


def log(line):
    with lock, open(logfile, "a") as f:
        f.write(line + "\n")


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split(".") if name not in ("", ".") else []:
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def read_name(msg, off):
    labels = []
    while msg[off]:
        n = msg[off]
        labels.append(msg[off + 1:off + 1 + n].decode("latin-1"))
        off += 1 + n
    return ".".join(labels), off + 1


def answer(query):
    qid, _flags, qd = struct.unpack(">HHH", query[:6])
    name, off = read_name(query, 12)
    qtype, _qclass = struct.unpack(">HH", query[off:off + 4])
    question = query[12:off + 4]
    log("DNS %d %s" % (qtype, name))
    if name.lower() in zone.get("silent", []):
        return None
    records = []
    known = False
    lname = name.lower()
    if lname in zone.get("A", {}):
        known = True
        if qtype == 1:
            records.append((1, socket.inet_aton(zone["A"][lname])))
    if lname in zone.get("SRV", {}):
        known = True
        if qtype == 33:
            for prio, weight, port, target in zone["SRV"][lname]:
                records.append((33, struct.pack(">HHH", prio, weight, port) +
                                encode_name(target)))
    rcode = 0 if known else 3
    out = struct.pack(">HHHHHH", qid, 0x8180 | rcode, 1, len(records), 0, 0) + question
    for rtype, rdata in records:
        out += struct.pack(">HHHIH", 0xc00c, rtype, 1, 60, len(rdata)) + rdata
    return out


def dns_loop():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 53))
    while True:
        data, peer = s.recvfrom(4096)
        try:
            reply = answer(data)
        except (IndexError, struct.error, UnicodeDecodeError):
            continue
        if reply is not None:
            s.sendto(reply, peer)


class Files(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        path = self.path.split("?")[0]
        log("GET %s %s" % (host, self.path))
        body = zone.get("https", {}).get(host + " " + path)
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def https_loop():
    httpd = HTTPServer(("127.0.0.1", 443), Files)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    httpd.serve_forever()


for loop in (dns_loop, https_loop):
    threading.Thread(target=loop, daemon=True).start()
log("READY")
time.sleep(300)
