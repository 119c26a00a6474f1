#!/usr/bin/env python3
"""Replaces one "## NAME" section of bench/README.md with the text on stdin (the heading line
is kept; everything up to the next "## " heading is replaced). A missing section is appended,
a missing README created. Used by bench/run.sh (Extraction) and bench/http_bench.sh (HTTP).

usage: bench/readme_section.py README NAME < new-section-body
"""
import os
import re
import sys

path, name = sys.argv[1], sys.argv[2]
body = sys.stdin.read().strip("\n") + "\n"
text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
heading = re.compile(r"^## " + re.escape(name) + r"[ \t]*$", re.M)
m = heading.search(text)
if m:
    nxt = re.compile(r"^## ", re.M).search(text, m.end())
    end = nxt.start() if nxt else len(text)
    text = text[:m.end()] + "\n\n" + body + ("\n" if nxt else "") + text[end:]
else:
    text = text.rstrip("\n") + "\n\n## " + name + "\n\n" + body
with open(path, "w", encoding="utf-8") as fh:
    fh.write(text)
