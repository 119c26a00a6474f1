#!/usr/bin/env python3
"""Quality gate for statement extraction ("who said what").

Runs `$NEWSGRAPH_BIN extract` on the seed article and scores the result with tests/score.py:
fails when the seed's statement F1 drops below 0.90 or any statement goes to the wrong
speaker. The dev articles with gold statements (afghan, ie9) are scored and printed for the
record, not gated: they measure generalization and are not tuned against.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SRC = os.environ.get("NEWSGRAPH_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("NEWSGRAPH_BIN", os.path.join(SRC, "build", "newsgraph"))
SCORE = os.path.join(SRC, "tests", "score.py")
SEED = os.path.join(SRC, "tests", "fixtures", "kazakhstan-shoot-to-kill")
DEV = [os.path.join(SRC, "tests", "fixtures", "dev", n) for n in ("afghan", "ie9")]

F1_BAR = 0.90


def score(base):
    """Extracts base.txt and scores it against base.gold.json; returns the statement scores."""
    out = subprocess.run([BIN, "extract", base + ".txt"], capture_output=True, timeout=120)
    if out.returncode != 0:
        raise AssertionError(f"extract {base}.txt failed ({out.returncode}): "
                             f"{out.stderr.decode(errors='replace')[:500]}")
    json.loads(out.stdout)  # must be JSON
    with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
        f.write(out.stdout)
        pred = f.name
    try:
        r = subprocess.run([sys.executable, SCORE, base + ".gold.json", pred, "--json"],
                           capture_output=True, text=True, timeout=120, check=True)
        verbose = subprocess.run([sys.executable, SCORE, base + ".gold.json", pred, "--verbose"],
                                 capture_output=True, text=True, timeout=120).stdout
    finally:
        os.unlink(pred)
    st = json.loads(r.stdout)["statements"]
    st["details"] = "\n".join(l for l in verbose.splitlines() if "statement" in l.lower())
    return st


class StatementQuality(unittest.TestCase):
    def test_seed_statements(self):
        st = score(SEED)
        print(f"\nseed: P={st['precision']:.3f} R={st['recall']:.3f} F1={st['f1']:.3f} "
              f"wrong speaker={st['wrong_speaker']}", file=sys.stderr)
        self.assertGreaterEqual(st["f1"], F1_BAR, st["details"])
        self.assertEqual(st["wrong_speaker"], 0, st["details"])

    def test_dev_statements_reported(self):
        for base in DEV:
            st = score(base)
            print(f"\n{os.path.basename(base)}: P={st['precision']:.3f} R={st['recall']:.3f} "
                  f"F1={st['f1']:.3f} wrong speaker={st['wrong_speaker']}", file=sys.stderr)
            self.assertIn("f1", st)


if __name__ == "__main__":
    unittest.main(verbosity=2)
