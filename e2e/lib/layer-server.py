#!/usr/bin/env python3
"""The e2e harness's HTTP server for downloaded-root boots (scenario variable HTTP_ROOT).

    layer-server.py --root DIR --port-file FILE [--log FILE]

Serves DIR (GET and HEAD, with Content-Length) on 127.0.0.1 at a free port, which it writes to
FILE once it listens. The guest reaches it only through QEMU's guestfwd (tcp-relay.py); it is
never bound to another address. Each request is logged, one line, to --log.
"""
import argparse
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    log_file = None

    def log_message(self, fmt, *args):
        if self.log_file:
            with open(self.log_file, "a") as f:
                f.write("%s\n" % (fmt % args))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    a = p.parse_args()
    Handler.log_file = a.log
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=a.root))
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.replace(tmp, a.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
