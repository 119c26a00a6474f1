#!/usr/bin/env python3
"""Quality gate for entity extraction.

Runs `$NEWSGRAPH_BIN extract` over the seed article and the 12 dev articles through
scripts/score_all.py and fails when the seed drops below the bars of the entity issue:
F1 >= 0.95 over person/organization/location together and >= 0.90 for each kind. The dev
set's micro-averaged F1 is gated at DEV_FLOOR, the level reached when this gate was last
raised, so generalization cannot silently regress; the dev figures are printed either way.
"""
import json
import os
import subprocess
import sys
import unittest

SRC = os.environ.get("NEWSGRAPH_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("NEWSGRAPH_BIN", os.path.join(SRC, "build", "newsgraph"))

SEED_F1 = 0.95
KIND_F1 = 0.90
DEV_FLOOR = 0.79


class EntityQuality(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        out = subprocess.run([sys.executable, os.path.join(SRC, "scripts", "score_all.py"),
                              "--bin", BIN, "--json"], capture_output=True, text=True,
                             timeout=600)
        if out.returncode != 0:
            raise AssertionError(f"score_all failed: {out.stderr[-2000:]}")
        cls.r = json.loads(out.stdout)

    def test_seed(self):
        e = self.r["seed"]["entities"]
        print(f"\nseed entities: P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
        self.assertGreaterEqual(e["f1"], SEED_F1)
        for kind, k in self.r["seed"]["kinds"].items():
            print(f"  {kind}: F1={k['f1']:.3f}")
            self.assertGreaterEqual(k["f1"], KIND_F1, kind)

    def test_dev_does_not_regress(self):
        e = self.r["dev"]["entities"]
        print(f"\ndev entities (micro): P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
        self.assertGreaterEqual(e["f1"], DEV_FLOOR)


if __name__ == "__main__":
    unittest.main(verbosity=2)
