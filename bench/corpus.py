#!/usr/bin/env python3
"""Builds the extraction benchmark corpus: N_MB (at least 10) of distinct, realistic news
articles, one file per article (OUT/000001.txt ...), in the raw text shape the extractor
reads (title line, blank line, dateline, paragraphs separated by blank lines, sometimes a
reprint footer).

The material is the project's real fixtures (tests/fixtures/*.txt and tests/fixtures/dev/*.txt,
about 50 KB of newswire). Each generated article recombines 5-14 paragraphs drawn across the
source articles, and varies them deterministically from a seeded PRNG so the corpus is not the
same few KB repeated (which would flatter any cache): capitalized name-like words are swapped
for names from a pool built from the fixtures' own proper nouns plus synthetic ones, and every
number is replaced by another of the same number of digits and the same separators. Same
seed, same corpus, byte for byte.

usage: bench/corpus.py N_MB OUT_DIR [--seed S]
"""
import argparse
import glob
import hashlib
import os
import random
import re
import sys

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOOTER_RE = re.compile(r"^(Copyright|Reprinted|©)")
DATE_RE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d+, \d{4}")
WORD_RE = re.compile(r"\b[A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?\b")
NUM_RE = re.compile(r"\d[\d,.]*\d|\d")
# Words that start sentences or name months/days: swapping them would make the text unreal.
KEEP = set("""The This That These Those There Their They Then When While After Before Since
Though Although However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April June July August September October November December Some Many
Most Other Others Also According With Without From Into Over Under About What Which Where
Because Despite During Image News Read More Comments President Minister Ministry Police
Government Council Committee Security National Interior State""".split())
SYLLABLES = """ka ra to mi sa no be li da vo ne ru zha ko tan bek ov ev in ar el os um
gor ves lan dre mar tis hol fen gar yus pa qa zo""".split()


def read_articles():
    files = sorted(glob.glob(os.path.join(SRC, "tests/fixtures/*.txt")) +
                   glob.glob(os.path.join(SRC, "tests/fixtures/dev/*.txt")))
    if not files:
        sys.exit("corpus.py: no fixtures under tests/fixtures")
    titles, paras, footers = [], [], []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            text = fh.read().replace("\r\n", "\n")
        lines = text.split("\n", 1)
        titles.append(lines[0].strip())
        body = lines[1] if len(lines) > 1 else ""
        for p in re.split(r"\n\s*\n", body):
            p = p.strip()
            if not p:
                continue
            if FOOTER_RE.match(p):
                footers.append(p)
            elif DATE_RE.match(p) and len(p) < 40:
                continue
            elif len(p) >= 60 and "Comments Off" not in p:  # not bylines or captions
                paras.append(p)
    return files, titles, paras, footers


def name_words(p):
    """(match, start) of the capitalized words of p that are not sentence-initial: only those
    are names (the others are "The", "Along", ... and are left alone)."""
    for m in WORD_RE.finditer(p):
        before = p[:m.start()].rstrip(" \"'\u201c\u2018(")
        if before and before[-1] not in ".!?:\u2014-" and m.group(0) not in KEEP:
            yield m


def synthetic_name(rng):
    n = rng.randint(2, 3)
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def vary_number(m, rng):
    s = m.group(0)
    if s.isdigit() and len(s) <= 2:  # days of the month, small counts: stay plausible
        return str(rng.randint(1, 28))
    out = []
    for i, ch in enumerate(s):
        if ch.isdigit():
            # Keep a leading non-zero digit so "3,811" stays a four-digit figure.
            out.append(str(rng.randint(1, 9) if i == 0 else rng.randint(0, 9)))
        else:
            out.append(ch)
    return "".join(out)


def make_article(rng, titles, paras, footers, names):
    k = rng.randint(5, 14)
    chosen = rng.sample(paras, k)
    text_words = {m.group(0) for p in chosen for m in name_words(p)}
    # Swap about half of the name-like words, consistently within the article (so "Toqaev"
    # stays one person in it), for names from the pool.
    mapping = {}
    for w in sorted(text_words):
        if rng.random() < 0.5:
            continue
        mapping[w] = rng.choice(names)

    def vary(p):
        out, last = [], 0
        for m in name_words(p):
            out += [p[last:m.start()], mapping.get(m.group(0), m.group(0))]
            last = m.end()
        p = "".join(out) + p[last:]
        return NUM_RE.sub(lambda m: vary_number(m, rng), p)

    title = vary(rng.choice(titles))
    year = rng.randint(2005, 2024)
    month = rng.choice("January February March April May June July August September "
                       "October November December".split())
    day = rng.choice("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
    parts = [title, "", f"{day}, {month} {rng.randint(1, 28)}, {year}", ""]
    for p in chosen:
        parts += [vary(p), ""]
    if footers and rng.random() < 0.3:
        parts += [rng.choice(footers), ""]
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n_mb", type=float)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20220107)
    a = ap.parse_args()
    if a.n_mb < 10:
        sys.exit("corpus.py: the benchmark corpus is at least 10 MB")
    files, titles, paras, footers = read_articles()
    rng = random.Random(a.seed)
    proper = sorted({m.group(0) for p in paras for m in name_words(p)})
    names = proper + [synthetic_name(rng) for _ in range(4 * len(proper))]

    os.makedirs(a.out, exist_ok=True)
    for old in glob.glob(os.path.join(a.out, "*.txt")):
        os.unlink(old)
    target = int(a.n_mb * 1024 * 1024)
    total, n, seen = 0, 0, set()
    while total < target:
        art = make_article(rng, titles, paras, footers, names)
        h = hashlib.sha256(art.encode()).digest()
        if h in seen:
            continue
        seen.add(h)
        n += 1
        data = art.encode("utf-8")
        with open(os.path.join(a.out, f"{n:06d}.txt"), "wb") as fh:
            fh.write(data)
        total += len(data)
    print(f"corpus: {n} distinct articles, {total} bytes ({total / 1048576:.1f} MiB) in {a.out} "
          f"from {len(files)} fixtures ({len(paras)} paragraphs), seed {a.seed}")


if __name__ == "__main__":
    main()
