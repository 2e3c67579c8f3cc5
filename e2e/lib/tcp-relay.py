#!/usr/bin/env python3
"""QEMU guestfwd's program (one per guest connection): relays standard input and output,
which QEMU connects to the guest's TCP connection, to HOST:PORT on the host.

    tcp-relay.py HOST PORT
"""
import os
import socket
import sys
import threading


def main():
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])))

    def guest_to_host():
        try:
            while True:
                b = os.read(0, 65536)
                if not b:
                    break
                s.sendall(b)
        except OSError:
            pass
        try:
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    threading.Thread(target=guest_to_host, daemon=True).start()
    try:
        while True:
            b = s.recv(65536)
            if not b:
                break
            while b:
                b = b[os.write(1, b):]
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
