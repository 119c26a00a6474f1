#!/usr/bin/env python3
"""Connection limits: a slowloris client is dropped after --timeout, and a connection beyond
--max-connections waits unserved (libmicrohttpd leaves it in the listen queue) while the ones
inside keep working, and is served as soon as room is made."""
import os
import socket
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402


class Limits(unittest.TestCase):
    def test_slowloris_is_dropped(self):
        s = Server("--timeout", "2")
        try:
            c = socket.create_connection(("127.0.0.1", s.port), timeout=15)
            c.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
            t0 = time.monotonic()
            data = c.recv(1024)  # the server closes: b"" (or a reset)
            waited = time.monotonic() - t0
            self.assertEqual(data, b"")
            self.assertLess(waited, 10, "dropped within a few seconds of the 2 s timeout")
            self.assertGreater(waited, 1.0, "not before the timeout")
            c.close()
            self.assertEqual(s.request("GET", "/healthz").status, 200, "others are still served")
        finally:
            code, _ = s.stop()
        self.assertEqual(code, 0)

    def test_connection_limit(self):
        s = Server("--max-connections", "4")
        try:
            held = [socket.create_connection(("127.0.0.1", s.port), timeout=5) for _ in range(4)]
            time.sleep(0.3)
            extra = socket.create_connection(("127.0.0.1", s.port), timeout=1)
            extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            with self.assertRaises(socket.timeout, msg="a fifth connection waits, unserved"):
                extra.recv(1024)
            held[0].sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", held[0].recv(1024).split(b"\r\n")[0] + b" ")
            for h in held:
                h.close()
            extra.settimeout(10)
            self.assertTrue(extra.recv(1024).startswith(b"HTTP/1.1 200"), "served once room is made")
            extra.close()
            time.sleep(0.3)
            self.assertEqual(s.request("GET", "/healthz").status, 200, "room again after closing")
        finally:
            code, _ = s.stop()
        self.assertEqual(code, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
