#!/usr/bin/env python3
"""Builds, from a running newsgraph, the request lists that bench/scale.sh replays with wrk
(bench/scale_wrk.lua): one file per benchmarked query in OUT/, one path per line, shuffled.

The ids, words and values are read from the API, never guessed: SAMPLE articles are drawn at
random (seeded) and their entities, statements, sources, dates and words make the pools, so
an id is drawn about as often as it appears in the archive (popular entities are in many
sampled articles) and every value exists. The server caches rendered responses (1,024 slots
keyed by path and query, valid until the next write), so each list holds more distinct paths
than the cache holds (MIN_DISTINCT, default 6,000): when a pool has fewer distinct values,
the list crosses them with as few `limit` values around the default (20) as make up the count
(10..30 at most). The one query whose every parameter is fixed, GET
/v1/entities?kind=person&limit=50, is made distinct by a second, ignored `limit` (the first
occurrence of a parameter wins); the script checks that such a variant answers the same rows.

usage: bench/scale_paths.py PORT OUT_DIR [--sample 1500] [--seed 7] [--min-distinct 6000]
prints one line per list: name, distinct paths, pool size, what varies
"""
import argparse
import json
import os
import random
import re
import sys
import urllib.parse
import urllib.request

STOP = set("""that this with from have were been their they them there which would could should
about after before other into over than then when what where while will your said says also
more most some such only very just like even many much each both these those here being
does doing done because through during under between against again further once same
  nbsp""".split())
WORD_RE = re.compile(r"[A-Za-z]{4,}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("port", type=int)
    ap.add_argument("out")
    ap.add_argument("--sample", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-distinct", type=int, default=6000)
    a = ap.parse_args()
    base = f"http://127.0.0.1:{a.port}"
    rng = random.Random(a.seed)

    def get(path):
        with urllib.request.urlopen(base + path, timeout=120) as r:
            return json.load(r)

    newest = get("/v1/articles?limit=1")["data"]
    if not newest:
        sys.exit("scale_paths: the database holds no article")
    max_id = newest[0]["id"]
    ids = rng.sample(range(1, max_id + 1), min(a.sample, max_id))

    entities, speakers, about, sources, dates = [], [], [], [], []
    words, st_words, prefixes = set(), set(), set()
    for aid in ids:
        try:
            art = get(f"/v1/articles/{aid}")["article"]
        except urllib.error.HTTPError:
            continue  # deleted ids: none in a fresh load, but harmless
        if art.get("source"):
            sources.append(art["source"])
        if art.get("published_at"):
            dates.append(art["published_at"])
        words.update(w.lower() for w in WORD_RE.findall(art.get("body") or ""))
        ents = get(f"/v1/articles/{aid}/entities")["data"]
        named = [e for e in ents if e["kind"] in ("person", "organization", "location")]
        entities += [e["id"] for e in named]
        for e in named:
            for part in e["name"].split():
                if len(part) >= 4 and part[0].isalpha():
                    prefixes.add(part[:4])
        sts = get(f"/v1/articles/{aid}/statements")["data"]
        for s in sts:
            st_words.update(w.lower() for w in WORD_RE.findall(s["content"]))
            sp = (s.get("speaker") or {}).get("entity_id")
            if sp:
                speakers.append(sp)
            # an entity named inside the statement's span: statements?about= finds it
            for e in ents:
                if any(m["start"] >= s["start"] and m["end"] <= s["end"] for m in e["mentions"]):
                    about.append(e["id"])
    words -= STOP
    st_words -= STOP

    def uniq(xs):
        seen, out = set(), []
        for x in xs:
            if x not in seen:
                seen.add(x)
                out.append(x)
        return out

    # Date windows of 1 to 7 days, starting on an hour inside the archive's span.
    dates.sort()
    lo, hi = dates[0][:13], dates[-1][:13]
    import datetime
    t0 = datetime.datetime.strptime(lo, "%Y-%m-%dT%H")
    t1 = datetime.datetime.strptime(hi, "%Y-%m-%dT%H")
    hours = max(1, int((t1 - t0).total_seconds() // 3600))
    windows = set()
    while len(windows) < a.min_distinct:
        s = t0 + datetime.timedelta(hours=rng.randrange(hours))
        e = s + datetime.timedelta(hours=rng.randint(24, 7 * 24))
        windows.add((s.strftime("%Y-%m-%dT%H:00:00Z"), e.strftime("%Y-%m-%dT%H:00:00Z")))

    q = urllib.parse.quote
    lists = {
        "articles_q": ([f"/v1/articles?q={q(w)}" for w in sorted(words)], len(words), "word"),
        "articles_entity": ([f"/v1/articles?entity={i}" for i in uniq(entities)],
                            len(uniq(entities)), "entity id"),
        "articles_source": ([f"/v1/articles?source={q(s)}" for s in uniq(sources)],
                            len(uniq(sources)), "source"),
        "articles_dates": ([f"/v1/articles?since={s}&until={e}" for s, e in sorted(windows)],
                           len(windows), "window of 1-7 days"),
        "entities_person": (None, 1, "second, ignored limit"),
        "entities_q": ([f"/v1/entities?q={q(p)}" for p in sorted(prefixes)], len(prefixes),
                       "4-letter prefix of a name"),
        "entity_one": ([f"/v1/entities/{i}" for i in uniq(entities)], len(uniq(entities)),
                       "entity id"),
        "statements_q": ([f"/v1/statements?q={q(w)}" for w in sorted(st_words)], len(st_words),
                         "word of a statement"),
        "statements_speaker": ([f"/v1/statements?speaker={i}" for i in uniq(speakers)],
                               len(uniq(speakers)), "speaker id"),
        "statements_about": ([f"/v1/statements?about={i}" for i in uniq(about)], len(uniq(about)),
                             "entity id named in a statement"),
    }

    # GET /v1/entities?kind=person&limit=50: check that a repeated limit is ignored.
    canon = get("/v1/entities?kind=person&limit=50")["data"]
    variant = get("/v1/entities?kind=person&limit=50&limit=7")["data"]
    if variant != canon:
        sys.exit("scale_paths: a repeated limit changes the entity list; cannot vary the key")
    lists["entities_person"] = ([f"/v1/entities?kind=person&limit=50&limit={k}"
                                 for k in range(1, a.min_distinct + 1)], 1,
                                "second, ignored limit")

    # Page 2 of the word searches: the next links of page 1 (words with more than a page).
    page2 = []
    for path in lists["articles_q"][0]:
        nxt = get(path)["next"]
        if nxt:
            page2.append(nxt)
        if len(page2) >= a.min_distinct or len(page2) >= 600:
            break
    lists["articles_q_page2"] = (page2, len(page2), "cursor of a word search's page 1")

    os.makedirs(a.out, exist_ok=True)
    for name, (paths, pool, what) in lists.items():
        if not paths:
            sys.exit(f"scale_paths: no values for {name}")
        out = list(paths)
        # /v1/entities/{id} takes no parameter: its list is what the pool gives (at 1,000
        # articles, every entity the sample names; the hit ratio scale.sh prints tells)
        if len(out) < a.min_distinct and name not in ("entities_person", "entity_one"):
            k = min(21, -(-a.min_distinct // len(out)))  # as few limits as reach the count
            lim = range(20 - k // 2, 20 - k // 2 + k)
            sep = lambda p: "&" if "?" in p else "?"  # noqa: E731
            crossed = [f"{p}{sep(p)}limit={n}" for p in out for n in lim]
            out = crossed
            what += f" x limit {lim.start}..{lim.stop - 1}"
        rng.shuffle(out)
        with open(os.path.join(a.out, name + ".txt"), "w") as fh:
            fh.write("\n".join(out) + "\n")
        print(f"{name} {len(out)} {pool} {what}")


if __name__ == "__main__":
    main()
