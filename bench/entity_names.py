#!/usr/bin/env python3
"""How many names the stored entities carry (issue 5: entities chained through shared aliases
until one organization had 1,683), read from a newsgraph database, and with --port how large
the answers of GET /v1/entities?q= are on a server over it.

usage: bench/entity_names.py DB [--port PORT] [--prefixes N] [--seed 7]

Prints the entity count by kind, and the names per entity (its rows of entity_aliases: the
name and every alias) as max, p99, p99.9 and mean over all entities and over the kinds keyed
by their aliases (person, organization, location, nationality), with the five entities that
carry the most. With --port: GET /v1/entities?q=P (default limit) for N 4-letter prefixes of
the words of person, organization and location names (drawn with the seed from the database,
as bench/scale_paths.py draws its list from the API), and the bytes of the answers and the
names per listed entity. Run it on two databases loaded from the same corpus
(bench/scale_load.py), with a prefix list of the one database (--prefixes-out / --prefixes-in)
to compare the same requests.
"""
import argparse
import json
import random
import sqlite3
import urllib.parse
import urllib.request

NAMED = ("person", "organization", "location", "nationality")


def quantile(sorted_values, q):
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def names_summary(label, counts):
    s = sorted(counts)
    if not s:
        return f"{label}: none"
    return (f"{label}: names per entity max {s[-1]} p99 {quantile(s, .99)} p99.9 "
            f"{quantile(s, .999)} mean {sum(s) / len(s):.3f} over {len(s)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("--port", type=int)
    ap.add_argument("--prefixes", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--prefixes-out", help="write the prefix list drawn here to this file")
    ap.add_argument("--prefixes-in", help="read the prefix list from this file instead")
    a = ap.parse_args()

    c = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    kinds = c.execute("SELECT kind, count(*) FROM entities GROUP BY kind ORDER BY kind").fetchall()
    print("entities", sum(n for _, n in kinds), " ".join(f"{k} {n}" for k, n in kinds))
    rows = c.execute("SELECT e.kind, count(a.alias) FROM entities AS e LEFT JOIN entity_aliases"
                     " AS a ON a.entity_id = e.id GROUP BY e.id").fetchall()
    print(names_summary("all", [n for _, n in rows]))
    print(names_summary("person/organization/location/nationality",
                        [n for k, n in rows if k in NAMED]))
    for kind, name, n in c.execute(
            "SELECT e.kind, e.name, count(*) FROM entity_aliases AS a JOIN entities AS e"
            " ON e.id = a.entity_id GROUP BY a.entity_id ORDER BY count(*) DESC, e.id LIMIT 5"):
        print(f"  {n} names: {kind} {name}")
    if not a.port:
        return

    if a.prefixes_in:
        prefixes = open(a.prefixes_in).read().split()
    else:
        pool = set()
        for (name,) in c.execute("SELECT name FROM entities WHERE kind IN"
                                 " ('person', 'organization', 'location')"):
            pool.update(w[:4] for w in name.split() if len(w) >= 4 and w[0].isalpha())
        pool = sorted(pool)
        random.Random(a.seed).shuffle(pool)
        prefixes = sorted(pool[:a.prefixes])
    if a.prefixes_out:
        with open(a.prefixes_out, "w") as f:
            f.write("\n".join(prefixes) + "\n")
    sizes, listed = [], []
    for p in prefixes:
        url = f"http://127.0.0.1:{a.port}/v1/entities?q={urllib.parse.quote(p)}"
        with urllib.request.urlopen(url, timeout=60) as r:
            body = r.read()
        sizes.append(len(body))
        listed += [len(e["aliases"]) + 1 for e in json.loads(body)["data"]]
    s = sorted(sizes)
    print(f"entities?q=: {len(s)} requests, bytes total {sum(s)} mean {sum(s) / len(s):.0f} "
          f"p50 {quantile(s, .5)} p99 {quantile(s, .99)} max {s[-1]}; names per listed entity "
          f"max {max(listed, default=0)} mean {sum(listed) / max(1, len(listed)):.2f}")


if __name__ == "__main__":
    main()
