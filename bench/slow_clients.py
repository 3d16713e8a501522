#!/usr/bin/env python3
"""Keeps N slow clients connected to a server from other loopback addresses
(127.0.0.2 to 127.0.0.5, so that the per-address cap lets all of them in):
each sends half a request head, then one byte a second, and is reopened as
soon as the server drops it. For bench/server.sh: the server is measured
while they are there.
Usage: slow_clients.py PORT [N]"""
import socket
import sys
import time

port = int(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def connect(i):
    s = socket.socket()
    s.bind(("127.0.0.%d" % (2 + i % 4), 0))
    s.settimeout(1)
    try:
        s.connect(("127.0.0.1", port))
        s.send(b"GET /api/v1/advisories HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
    except OSError:
        s.close()
        return None
    return s


socks = [connect(i) for i in range(n)]
while True:
    for i, s in enumerate(socks):
        try:
            if s is None:
                raise OSError
            s.send(b"x")
        except OSError:
            if s is not None:
                s.close()
            socks[i] = connect(i)
    time.sleep(1)
