#!/usr/bin/env python3
"""The newsgraph command line: every command's --help, extract, ingest (files, directories,
duplicates, failures), migrate, serve's flags and environment variables, and a one-line
reason with a non-zero exit on bad input (2 for usage, 1 for failures)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SEED, SRC, Server  # noqa: E402


def run(*args, stdin=None, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=120, env=e)


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="ng-cli-")
        self.db = os.path.join(self.tmp.name, "c.db")

    def tearDown(self):
        self.tmp.cleanup()

    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for cmd in ("serve", "extract", "ingest", "migrate", "version"):
            self.assertIn(f"newsgraph {cmd}", r.stdout.decode())
            h = run(cmd, "--help")
            self.assertEqual(h.returncode, 0, cmd)
            self.assertTrue(h.stdout.decode().startswith(f"usage: newsgraph {cmd}"), cmd)
        self.assertTrue(run("version").stdout.decode().startswith("newsgraph "))
        r = run("frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1)

    def test_extract(self):
        r = run("extract", SEED)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["offsets"], "codepoint")
        self.assertTrue(any(e["name"] == "Qasym-Zhomart Toqaev" for e in doc["entities"]))
        with open(SEED, "rb") as f:
            same = run("extract", "--compact", "-", stdin=f.read())
        self.assertEqual(json.loads(same.stdout), doc, "stdin gives the same result")
        j = run("extract", "--offsets", "utf16", "-", stdin=json.dumps(
            {"title": "T", "body": "Jane Doe visited Paris on January 7.",
             "published_at": "2022-01-08"}).encode())
        self.assertEqual(j.returncode, 0, j.stderr)
        jd = json.loads(j.stdout)
        self.assertEqual(jd["offsets"], "utf16")
        self.assertIn("2022-01-07", [e["value"] for e in jd["entities"]])
        for args, stdin, code in ((["extract", "-"], b"T\n\nbad \xff", 1),
                                  (["extract", "-"], b"", 1),
                                  (["extract", "/nonexistent/file"], None, 1),
                                  (["extract", "--offsets", "bytes", SEED], None, 2),
                                  (["extract", "--bogus", SEED], None, 2),
                                  (["extract"], None, 2),
                                  (["extract", "-"], b'{"body": 1}', 1)):
            r = run(*args, stdin=stdin)
            self.assertEqual(r.returncode, code, (args, r.stderr))
            self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1, (args, r.stderr))
            self.assertTrue(r.stderr.startswith(b"newsgraph extract: "), r.stderr)

    def test_migrate_and_ingest(self):
        r = run("migrate", "--db", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"schema version", r.stdout)
        dev = os.path.join(SRC, "tests", "fixtures", "dev")
        r = run("ingest", "--db", self.db, dev, SEED)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"ingested 13 file(s)", r.stdout)
        self.assertIn(b"13 created, 0 already stored, 0 failed", r.stdout)
        self.assertEqual(len(r.stdout.strip().splitlines()), 1, "off a terminal: one summary line")
        r = run("ingest", "--db", self.db, "-v", SEED)
        self.assertIn(b"already stored", r.stdout)
        bad = os.path.join(self.tmp.name, "bad.txt")
        with open(bad, "wb") as f:
            f.write(b"Title\n\nbad \xff")
        r = run("ingest", "--db", self.db, bad, "/nonexistent.txt", SEED)
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"2 failed", r.stdout)
        self.assertEqual(len(r.stderr.decode().strip().splitlines()), 2, r.stderr)
        self.assertEqual(run("ingest", "--db", self.db).returncode, 2)

    def test_serve_flags_and_environment(self):
        for args in (["--port", "70000"], ["--port", "x"], ["--threads", "0"],
                     ["--max-body", "1TiB"], ["--api-key", ""], ["--nope"],
                     ["--query-budget", "0"], ["--query-budget", "1s"]):
            r = run("serve", "--db", self.db, *args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertEqual(len(r.stderr.decode().strip().splitlines()), 1, (args, r.stderr))
        r = run("serve", "--db", "/nonexistent-dir/x.db", "--port", "0")
        self.assertEqual(r.returncode, 1)
        # NEWSGRAPH_API_KEY_FILE: the key comes from a file, as containers mount secrets
        keyfile = os.path.join(self.tmp.name, "key")
        with open(keyfile, "w") as f:
            f.write("from-a-file\n")
        s = Server(env={"NEWSGRAPH_API_KEY_FILE": keyfile, "NEWSGRAPH_MAX_BODY": "1KiB"})
        try:
            r = s.post_text("/v1/articles", "T\n\nBody.")
            self.assertEqual(r.status, 401)
            r = s.post_text("/v1/articles", "T\n\nBody.",
                            headers={"Authorization": "Bearer from-a-file"})
            self.assertEqual(r.status, 201)
            r = s.post_text("/v1/articles", "T\n\n" + "x" * 2000,
                            headers={"Authorization": "Bearer from-a-file"})
            self.assertEqual(r.status, 413, "NEWSGRAPH_MAX_BODY applies")
        finally:
            code, log = s.stop()
        self.assertEqual(code, 0)
        self.assertNotIn("from-a-file", log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
