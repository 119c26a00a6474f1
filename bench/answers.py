#!/usr/bin/env python3
"""Records what a running newsgraph answers to a fixed set of GETs, so that two builds can be
compared byte for byte (a read-path change must not change an answer): one line per response,
"path<TAB>status<TAB>ETag<TAB>Link<TAB>sha256 of the body", in request order.

The paths: the first PER_LIST lines of each request list of bench/scale_paths.py in LISTS_DIR
(made once, against either server: they only name ids, words and values that exist), each list
response's `next` pages followed up to FOLLOW pages, then, for every article id up to
ARTICLES (sampled evenly), the article with its entities and statements in each offsets unit,
its entities, mentions and statements, and the entity lists in every sort with kind, article
and one- and two-character q filters, statements by kind and by speaker name, and the export.

usage: bench/answers.py PORT LISTS_DIR OUT [--per-list 400] [--follow 3] [--articles 200]
then: cmp OUT_OLD OUT_NEW (or diff, to see which paths differ)
"""
import argparse
import hashlib
import http.client
import json
import os
import sys
import urllib.parse


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("port", type=int)
    ap.add_argument("lists")
    ap.add_argument("out")
    ap.add_argument("--per-list", type=int, default=400)
    ap.add_argument("--follow", type=int, default=3)
    ap.add_argument("--articles", type=int, default=200)
    a = ap.parse_args()
    conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=120)
    out = open(a.out, "w")
    n = 0

    def get(path, follow=0):
        nonlocal n
        for _ in range(follow + 1):
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            n += 1
            out.write("\t".join([path, str(r.status), r.getheader("ETag") or "",
                                 r.getheader("Link") or "",
                                 hashlib.sha256(body).hexdigest()]) + "\n")
            if r.status != 200 or not follow:
                return body
            nxt = json.loads(body).get("next")
            if not nxt:
                return body
            path = nxt
        return body

    for name in sorted(os.listdir(a.lists)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(a.lists, name)) as fh:
            paths = [p.strip() for p in fh if p.strip()][: a.per_list]
        for p in paths:
            get(p, a.follow)

    newest = json.loads(get("/v1/articles?limit=1"))["data"]
    top = newest[0]["id"] if newest else 0
    step = max(1, top // max(1, a.articles))
    q = urllib.parse.quote
    for aid in range(1, top + 1, step):
        for unit in ("", "&offsets=utf16", "&offsets=utf8"):
            get(f"/v1/articles/{aid}?include=entities,statements{unit}")
        get(f"/v1/articles/{aid}")
        for sub in ("entities", "mentions", "statements"):
            get(f"/v1/articles/{aid}/{sub}")
        get(f"/v1/entities?article={aid}", a.follow)
        get(f"/v1/entities?article={aid}&sort=name&limit=7", a.follow)
        get(f"/v1/statements?article={aid}&limit=3", a.follow)
    for sort in ("mentions", "articles", "name"):
        for kind in ("", "&kind=person", "&kind=organization", "&kind=location", "&kind=date"):
            get(f"/v1/entities?sort={sort}{kind}&limit=37", a.follow)
        for pre in ("a", "Ka", "zz", "Jo", "é"):
            get(f"/v1/entities?sort={sort}&q={q(pre)}&limit=25", a.follow)
    for kind in ("direct", "indirect", "mixed"):
        get(f"/v1/statements?kind={kind}&limit=41", a.follow)
    for who in ("Smith", "President", "spokes"):
        get(f"/v1/statements?speaker={q(who)}", a.follow)
    get("/v1/articles", a.follow)
    get("/v1/articles?limit=500", a.follow)
    get("/v1/statements", a.follow)
    get("/v1/export")
    out.close()
    print(f"{n} responses in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
