#!/usr/bin/env python3
"""Score `newsgraph extract` on the seed and the dev set in one go.

usage: scripts/score_all.py [--bin build/newsgraph] [--verbose] [--json]

Runs the extractor over tests/fixtures (seed) and tests/fixtures/dev, scores each file with
tests/score.py and prints per-article entity F1, the micro-averaged dev entity F1 and the
statement figures on the articles whose gold has statements. --json prints a machine-readable
summary (used by the quality gate tests).
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests"))
import score  # noqa: E402


def extract(binary, txt):
    out = subprocess.run([binary, "extract", txt], capture_output=True, timeout=60)
    if out.returncode != 0:
        raise SystemExit(f"{binary} extract {txt} failed: {out.stderr.decode(errors='replace')}")
    return json.loads(out.stdout)


def prf(tp, fp, fn):
    return score.prf(tp, fp, fn)


def main(argv):
    binary = os.environ.get("NEWSGRAPH_BIN", os.path.join(ROOT, "build", "newsgraph"))
    if "--bin" in argv:
        binary = argv[argv.index("--bin") + 1]
    verbose = "--verbose" in argv
    fx = os.path.join(ROOT, "tests", "fixtures")
    sets = [("seed", [os.path.join(fx, "kazakhstan-shoot-to-kill")])]
    dev = sorted(f[:-10] for f in os.listdir(os.path.join(fx, "dev")) if f.endswith(".gold.json"))
    sets.append(("dev", [os.path.join(fx, "dev", d) for d in dev]))
    summary = {}
    for name, bases in sets:
        E = [0, 0, 0]
        S = [0, 0, 0, 0]
        kinds = {}
        for base in bases:
            gold = json.load(open(base + ".gold.json", encoding="utf-8"))
            pred = extract(binary, base + ".txt")
            if verbose:
                print(f"== {os.path.basename(base)}")
            ents = score.score_entities(gold, pred, verbose)
            a = ents["all"]
            for i, k in enumerate(("tp", "fp", "fn")):
                E[i] += a[k]
            for kind in score.KINDS:
                kk = kinds.setdefault(kind, [0, 0, 0])
                for i, k in enumerate(("tp", "fp", "fn")):
                    kk[i] += ents[kind][k]
            line = f"{name:4s} {os.path.basename(base):28s} entities F1={a['f1']:.3f}"
            if gold.get("statements"):
                st = score.score_statements(gold, pred, verbose)
                for i, k in enumerate(("tp", "fp", "fn", "wrong_speaker")):
                    S[i] += st[k]
                line += f"  statements F1={st['f1']:.3f} wrong={st['wrong_speaker']}"
            if not "--json" in argv:
                print(line)
        summary[name] = {"entities": prf(*E),
                         "kinds": {k: prf(*v) for k, v in kinds.items()},
                         "statements": dict(prf(*S[:3]), wrong_speaker=S[3])}
    if "--json" in argv:
        print(json.dumps(summary))
        return 0
    for name, s in summary.items():
        e, st = s["entities"], s["statements"]
        kinds = " ".join(f"{k}={v['f1']:.3f}" for k, v in s["kinds"].items())
        print(f"{name}: entities P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f} ({kinds})")
        print(f"{name}: statements P={st['precision']:.3f} R={st['recall']:.3f} F1={st['f1']:.3f} "
              f"wrong speaker={st['wrong_speaker']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
