#!/usr/bin/env python3
"""Generates N distinct, realistic news articles as NDJSON for POST /v1/articles:batch, one
JSON object per line with the batch route's fields: title, body, url, source, author,
published_at (the line format of tests/integration/test_batch.py).

The material is the project's fixtures (tests/fixtures/*.txt and tests/fixtures/dev/*.txt,
read through bench/corpus.py): each article recombines 5-14 of their ~150 paragraphs (a
sentence dropped now and then), and varies them the way bench/corpus.py does: name-like words
are swapped, consistently within an article, and every number changes. What makes the result
look like an archive rather than noise is how the replacements are drawn:

- a run of two or three capitalized words (a person's name, "Toqaev" or "John Key") is
  swapped as a whole for a full name, and a later lone surname follows its full name; a lone
  capitalized word (a place, an organization, a surname) for a one-word name; runs holding an
  institution's word ("Foundation", "Council", "University") stay as written, so the
  extractor sees organizations it knows rather than new names glued to old heads. Replacements
  come from pools (30,000 full names, 20,000 single names, fixtures' own included) by a
  Zipf-like law, so a few names recur in thousands of articles and most in a handful, as
  people and places do in a real archive;
- sources (about 400 outlets) and authors (about N/20) are Zipf-distributed too;
- publication dates advance with the line number (about 60 articles a day from 2016-01-04,
  with a day or two of jitter), so ingest order follows publication order as in a live feed,
  and the first 1,000 lines are a coherent small archive of their own;
- every body is distinct (checked by hash; the dateline is the article's own date).

Same N and seed, same file byte for byte; the first K lines of a run for N are the same as
the K lines of a run for K (so 1k and 100k corpora share their start).

usage: bench/gen_articles.py N OUT.ndjson [--seed S]
prints: "articles N", "bytes B" (UTF-8 bytes of titles and bodies), "file_bytes F"
"""
import argparse
import bisect
import datetime
import hashlib
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (the fixtures reader and the number/name variation)

SENT_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d'])) (?=[A-Z\"\u201c])")
GIVEN = """Anna Maria Elena Sofia Laura Nadia Irina Amira Leila Sara Hana Mei Ana Olga Rosa
Claire Julia Fatima Zainab Priya David Michael John Ahmed Omar Ivan Sergei Pavel Luis Carlos
Jorge Peter Thomas Daniel Samuel Kenji Hiroshi Rahul Arjun Tariq Yusuf Nikolai Marco Paolo
Stefan Lars Erik Jonas Mateo Diego Grace Helen Ruth Alice Emma Noor Aisha Chen Wei Jin Min
Kwame Kofi Amara Chidi Tomas Pedro Rafael Andrei Dmitri Viktor Hamid Reza Ali Hassan""".split()
# Words of institutions, titles and common nouns that start capitalized inside a sentence: a
# run of capitalized words holding one is an organization or an office, and stays as written.
INSTITUTION = set("""Foundation Museum University College Institute Institution Association Party
Collections Collection Center Centre Hospital Court Church Festival Award Awards Airport
Street Avenue Square Hall Park Bank Company Corporation Corp Inc Group Army Navy Force Forces
Agency Department Office Service Services Union League Club Team Society Commission Assembly
Parliament Congress Senate Republic Kingdom Province District Region County City Island
Islands River Lake Mountain Mountains Coast Times Post News Journal Review Press Treaty
Organization Organisation Council Committee Ministry Minister President Prime Secretary
General Governor Mayor Chairman Chief Director Spokesperson Spokesman Leader Democratic
Republican Liberal Conservative Labour Federal Supreme High National International Global
United States Nations European Olympics Olympic Games Challenge Expo Fan Hotel Memorial Base
School Academy Library Gallery Theatre Theater Studio Studios Records Photographic Art Arts
Science Sciences Technology Security Police Guard Guards Revolution Constitution Day Week
Year New North South East West Northern Southern Eastern Western Central Internet Explorer
Windows Microsoft Google Apple Facebook Twitter Web World Cup Prize Project Program Programme
Fund Trust Council Legislative Functional Constituency Camp Bureau Embassy Consulate Station
Channel Network Radio Television Free Liberty Europe America American Asia Africa""".split())
TOKEN = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
RUN_RE = re.compile(rf"\b{TOKEN}(?: {TOKEN})*\b")
OUTLET_HEAD = """Daily Evening Morning Weekly National Central Northern Southern Eastern Western
Metro City County Coastal Valley Capital Harbor Mountain River Union""".split()
OUTLET_TAIL = """Times Herald Post Gazette Tribune Observer Courier Chronicle Express Journal
Record Sentinel Ledger Monitor Dispatch Register Star Press News Review""".split()
WIRES = ["RFE/RL", "Wikinews", "Global Voices", "Associated Wire", "Reuters Wire", "Agence Wire"]


def zipf_sampler(n, s, offset):
    """A draw of an index in [0, n) with weight 1 / (i + offset)^s."""
    cum, total = [], 0.0
    for i in range(n):
        total += 1.0 / (i + offset) ** s
        cum.append(total)
    return lambda rng: min(bisect.bisect_left(cum, rng.random() * total), n - 1)


def vary_number(m, rng):
    """corpus.vary_number, except that a year stays a plausible year (within a decade) and an
    ordinal (2nd) stays as written."""
    s = m.group(0)
    if m.string[m.end():m.end() + 2] in ("st", "nd", "rd", "th"):
        return s  # an ordinal keeps its suffix right as written
    if len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2030:
        return str(min(2030, int(s) + rng.randint(-10, 10)))
    return corpus.vary_number(m, rng)


def name_runs(p):
    """(start, end, words) of the runs of capitalized words in p, the sentence-initial word of
    a run left out (it is "The", "Yesterday", ... or would need knowledge to tell)."""
    for m in RUN_RE.finditer(p):
        words = m.group(0).split(" ")
        start = m.start()
        before = p[:start].rstrip(" \"'\u201c\u2018(")
        if not before or before[-1] in ".!?:\u2014-\n":
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            yield start, m.end(), words


def syllable_name(rng, lo=2, hi=3):
    return "".join(rng.choice(corpus.SYLLABLES) for _ in range(rng.randint(lo, hi))).capitalize()


def unique(gen, n):
    out, seen = [], set()
    while len(out) < n:
        x = gen()
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--per-day", type=float, default=60.0)
    a = ap.parse_args()
    if a.n < 1:
        sys.exit("gen_articles.py: N must be at least 1")

    _files, titles, paras, footers = corpus.read_articles()
    para_sents = [SENT_RE.split(p) for p in paras]
    # The pools come from their own generator, seeded apart from the articles', and their
    # sizes do not depend on N, so the first K articles are the same for every N >= K.
    prng = random.Random(a.seed ^ 0x5EED)
    singles, fulls, givens = set(), set(), set(GIVEN)
    for p in paras:
        for _s, _e, words in name_runs(p):
            if any(w in INSTITUTION or w in corpus.KEEP for w in words):
                continue
            if len(words) == 1:
                singles.add(words[0])
            elif len(words) <= 3:
                fulls.add(" ".join(words))
                givens.add(words[0])
    givens = sorted(givens)
    surnames = unique(lambda: syllable_name(prng), 12000)
    names = sorted(singles) + unique(lambda: syllable_name(prng), 20000)
    prng.shuffle(names)  # the fixtures' own names are not all the most frequent
    pick_name = zipf_sampler(len(names), 1.05, 8)
    people = sorted(fulls) + unique(lambda: f"{prng.choice(givens)} {prng.choice(surnames)}",
                                    30000)
    prng.shuffle(people)
    pick_person = zipf_sampler(len(people), 1.05, 8)
    outlets = unique(lambda: f"{prng.choice(['The ', ''])}{syllable_name(prng, 2, 2)} "
                             f"{prng.choice(OUTLET_HEAD)} {prng.choice(OUTLET_TAIL)}", 400)
    sources = WIRES + outlets
    pick_source = zipf_sampler(len(sources), 1.1, 2)
    authors = unique(lambda: f"{prng.choice(GIVEN)} {syllable_name(prng)}", 6000)
    pick_author = zipf_sampler(len(authors), 0.9, 5)

    rng = random.Random(a.seed)
    start = datetime.datetime(2016, 1, 4, 6, 0, 0)
    seen = set()
    n_bytes = 0
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        i = 0
        while i < a.n:
            k = rng.randint(5, 14)
            chosen = rng.sample(range(len(paras)), k)
            texts = []
            for j in chosen:
                sents = para_sents[j]
                if len(sents) > 2 and rng.random() < 0.3:
                    drop = rng.randrange(len(sents))
                    sents = sents[:drop] + sents[drop + 1:]
                texts.append(" ".join(sents))
            # One mapping per article, so a name stays one entity within it: full names
            # first (their surnames then follow them), then lone words.
            runs = sorted({" ".join(w) for p in texts for _s, _e, w in name_runs(p)})
            mapping = {}
            for r in runs:
                words = r.split(" ")
                if len(words) in (2, 3) and not any(w in INSTITUTION or w in corpus.KEEP
                                                    for w in words):
                    if rng.random() < 0.5:
                        continue
                    new = people[pick_person(rng)]
                    mapping[r] = new
                    mapping.setdefault(words[-1], new.split(" ")[-1])
            for r in runs:
                if " " not in r and r not in mapping and r not in INSTITUTION and \
                        r not in corpus.KEEP and len(r) >= 4 and rng.random() >= 0.5:
                    mapping[r] = names[pick_name(rng)]

            def vary(p):
                res, last = [], 0
                for st, en, words in name_runs(p):
                    r = " ".join(words)
                    if r in mapping:
                        new = mapping[r]
                    elif len(words) > 1 and not any(w in INSTITUTION for w in words):
                        new = " ".join(mapping.get(w, w) for w in words)
                    else:
                        new = r
                    res += [p[last:st], new]
                    last = en
                p = "".join(res) + p[last:]
                return corpus.NUM_RE.sub(lambda m: vary_number(m, rng), p)

            when = start + datetime.timedelta(days=i / a.per_day + rng.uniform(-1.5, 1.5))
            dateline = f"{when:%A}, {when:%B} {when.day}, {when.year}"
            parts = [dateline, ""] + [x for p in texts for x in (vary(p), "")]
            if footers and rng.random() < 0.1:
                parts += [rng.choice(footers), ""]
            body = "\n".join(parts).rstrip("\n") + "\n"
            title = vary(rng.choice(titles))
            h = hashlib.sha256(body.encode("utf-8")).digest()
            if h in seen:  # never seen in practice; keeps every line a new article
                continue
            seen.add(h)
            source = sources[pick_source(rng)]
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
            host = re.sub(r"[^a-z0-9]+", "", source.lower()) + ".example"
            rec = {
                "title": title,
                "body": body,
                "url": f"https://{host}/{when:%Y/%m/%d}/{slug}-{i + 1}",
                "source": source,
                "author": authors[pick_author(rng)],
                "published_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            n_bytes += len(title.encode("utf-8")) + len(body.encode("utf-8"))
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            i += 1
    os.replace(tmp, a.out)
    print(f"articles {a.n}")
    print(f"bytes {n_bytes}")
    print(f"file_bytes {os.path.getsize(a.out)}")


if __name__ == "__main__":
    main()
