#!/usr/bin/env python3
"""The e2e harness's HTTP server for downloaded-root boots (scenario variable HTTP_ROOT).

    layer-server.py --root DIR --port-file FILE [--log FILE] [--misbehave RULE]...
                    [--tls-cert PEM --tls-key PEM --tls-port-file FILE]

Serves DIR (GET and HEAD, with Content-Length) on 127.0.0.1 at a free port, which it writes to
FILE once it listens. The guest reaches it only through QEMU's guestfwd (tcp-relay.py); it is
never bound to another address. Each request is logged, one line, to --log.

With --tls-cert and --tls-key it also serves DIR over HTTPS (the certificate and key in PEM, made
by the harness with openssl at test time) on a second free port of 127.0.0.1, written to
--tls-port-file.

--misbehave PATH=HOW (scenario variable HTTP_MISBEHAVE) makes the answers for the URL path PATH
wrong on purpose; HOW is one of
    503-for=S   HTTP 503 to every GET and HEAD until S seconds after the first request for
                PATH, then the file (a server that recovers)
    truncate    the first half of the file, announced as a file of that length (a file cut on
                the server: the transfer itself is whole)
    cut         the file announced whole, the connection closed after half of it (a transfer
                cut short)
"""
import argparse
import functools
import http.server
import os
import ssl
import sys
import threading
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    log_file = None
    rules = {}          # path -> (how, argument)
    first_seen = {}     # path -> monotonic time of its first request
    lock = threading.Lock()

    def log_message(self, fmt, *args):
        if self.log_file:
            with open(self.log_file, "a") as f:
                f.write("%s %s\n" % (self.scheme(), fmt % args))

    def scheme(self):
        return "https" if isinstance(self.connection, ssl.SSLSocket) else "http"

    def misbehaving(self):
        """The rule for this request's path, or None; a 503 rule answers here and returns True."""
        path = self.path.split("?", 1)[0]
        rule = self.rules.get(path)
        if rule is None:
            return None
        how, arg = rule
        with self.lock:
            first = self.first_seen.setdefault(path, time.monotonic())
        if how == "503-for":
            if time.monotonic() - first < arg:
                self.send_error(503, "Service Unavailable (on purpose, for %g s)" % arg)
                return True
            return None
        return how

    def do_HEAD(self):
        how = self.misbehaving()
        if how is True:
            return
        if how == "truncate":
            self.send_part(head=True)
            return
        super().do_HEAD()

    def do_GET(self):
        how = self.misbehaving()
        if how is True:
            return
        if how in ("truncate", "cut"):
            self.send_part(head=False, announce_whole=(how == "cut"))
            return
        super().do_GET()

    def send_part(self, head, announce_whole=False):
        """Half of the file: announced as half (truncate) or as the whole (cut, then hang up)."""
        p = self.translate_path(self.path)
        try:
            with open(p, "rb") as f:
                data = f.read()
        except OSError:
            self.send_error(404)
            return
        half = data[: len(data) // 2]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data) if announce_whole else len(half)))
        self.end_headers()
        if not head:
            self.wfile.write(half)
            self.wfile.flush()
        if announce_whole:
            self.close_connection = True


def parse_rule(text):
    path, _, how = text.partition("=")
    if not path.startswith("/") or not how:
        raise argparse.ArgumentTypeError("expected PATH=HOW, got %r" % text)
    name, _, arg = how.partition("=")
    if name == "503-for":
        return path, (name, float(arg))
    if name in ("truncate", "cut") and not arg:
        return path, (name, None)
    raise argparse.ArgumentTypeError("unknown misbehaviour %r (503-for=S, truncate, cut)" % how)


def listen(handler, port_file, tls=None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(*tls)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(tmp, port_file)
    return server


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    p.add_argument("--misbehave", type=parse_rule, action="append", default=[])
    p.add_argument("--tls-cert")
    p.add_argument("--tls-key")
    p.add_argument("--tls-port-file")
    a = p.parse_args()
    Handler.log_file = a.log
    Handler.rules = dict(a.misbehave)
    handler = functools.partial(Handler, directory=a.root)
    servers = [listen(handler, a.port_file)]
    if a.tls_cert:
        servers.append(listen(handler, a.tls_port_file, (a.tls_cert, a.tls_key)))
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    try:
        servers[0].serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
