#!/usr/bin/env python3
"""The query features of the read API over a small corpus whose entities are known.

Three short articles share people and places, so the expected answers can be written down:
entity list orders (mentions, articles, name) with keyset paging under each, cursors that
belong to one order only, q (a substring from three characters, the start of the name below)
with every filter and order, the entity detail's articles and co-occurring entities, and
articles that name several entities at once.
"""
import base64
import json
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server  # noqa: E402

ARTICLES = [
    {"title": "Trade talks", "published_at": "2024-03-01",
     "body": "Maria Lopez met Omar Haddad in Lima on Monday. Maria Lopez said the talks went "
             "well, and Lopez thanked Haddad."},
    {"title": "Second round", "published_at": "2024-03-05",
     "body": "Maria Lopez and Omar Haddad flew to Quito. Haddad said the second round would be "
             "harder."},
    {"title": "Third stop", "published_at": "2024-02-20",
     "body": "Omar Haddad arrived in Lima again. Beatriz Chen welcomed him."},
]


def ascii_lower(s):
    """SQLite's NOCASE: only ASCII letters fold."""
    return "".join(c.lower() if c < "\x80" else c for c in s)


class Query(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()
        cls.aids = []
        for a in ARTICLES:
            r = cls.s.post_json("/v1/articles", a)
            assert r.status == 201, r.body
            cls.aids.append(r.json()["article"]["id"])
        ents = cls.s.request("GET", "/v1/entities?limit=500").json()["data"]
        cls.ents = {e["name"]: e for e in ents}
        cls.id = {name: e["id"] for name, e in cls.ents.items()}

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, f"exit {code}\n{log[-2000:]}"

    def get(self, path, status=200):
        r = self.s.request("GET", path)
        self.assertEqual(r.status, status, (path, r.body[:300]))
        if status >= 400:
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
            self.assertEqual(r.json()["status"], status)
        return r.json()

    def pages(self, path):
        """Every row of a list, following `next`; also the number of pages."""
        rows, n = [], 0
        while path:
            page = self.get(path)
            rows += page["data"]
            path = page["next"]
            n += 1
        return rows, n

    # ------------------------------------------------------------------ sort

    def test_corpus_is_as_expected(self):
        for name in ("Maria Lopez", "Omar Haddad", "Lima", "Quito", "Beatriz Chen"):
            self.assertIn(name, self.ents)
        self.assertEqual(self.ents["Omar Haddad"]["counts"]["articles"], 3)
        self.assertEqual(self.ents["Maria Lopez"]["counts"]["articles"], 2)
        self.assertEqual(self.ents["Lima"]["counts"]["articles"], 2)

    def expected(self, sort):
        es = list(self.ents.values())
        if sort == "mentions":
            return [e["id"] for e in sorted(es, key=lambda e: (-e["counts"]["mentions"], -e["id"]))]
        if sort == "articles":
            return [e["id"] for e in sorted(es, key=lambda e: (-e["counts"]["articles"], -e["id"]))]
        return [e["id"] for e in sorted(es, key=lambda e: (ascii_lower(e["name"]), e["id"]))]

    def test_default_sort_is_mentions(self):
        self.assertEqual([e["id"] for e in self.get("/v1/entities?limit=500")["data"]],
                         self.expected("mentions"))

    def test_each_sort_orders_and_pages(self):
        for sort in ("mentions", "articles", "name"):
            whole = [e["id"] for e in self.get(f"/v1/entities?sort={sort}&limit=500")["data"]]
            self.assertEqual(whole, self.expected(sort), sort)
            for limit in (1, 2, 4):
                rows, n = self.pages(f"/v1/entities?sort={sort}&limit={limit}")
                self.assertEqual([e["id"] for e in rows], whole, (sort, limit))
                self.assertEqual(n, -(-len(whole) // limit), (sort, limit))

    def test_sort_articles_first_rows(self):
        top = self.get("/v1/entities?sort=articles&limit=3")["data"]
        self.assertEqual(top[0]["name"], "Omar Haddad")
        self.assertEqual({e["name"] for e in top[1:]}, {"Maria Lopez", "Lima"})

    def test_sort_name_with_filters(self):
        people = self.get("/v1/entities?sort=name&kind=person")["data"]
        self.assertEqual([e["name"] for e in people], ["Beatriz Chen", "Maria Lopez", "Omar Haddad"])
        rows, n = self.pages("/v1/entities?sort=name&kind=person&limit=1")
        self.assertEqual([e["name"] for e in rows], ["Beatriz Chen", "Maria Lopez", "Omar Haddad"])
        self.assertEqual(n, 3)
        in_third = self.get(f"/v1/entities?sort=name&article={self.aids[2]}")["data"]
        self.assertEqual([e["name"] for e in in_third], ["Beatriz Chen", "Lima", "Omar Haddad"])

    def test_next_keeps_the_sort_and_link(self):
        r = self.s.request("GET", "/v1/entities?sort=name&limit=1")
        nxt = r.json()["next"]
        self.assertIn("sort=name", nxt)
        self.assertEqual(r.header("Link"), f'<{nxt}>; rel="next"')

    def test_cursor_of_another_sort_is_400(self):
        cursors = {}
        for sort in ("mentions", "articles", "name"):
            nxt = self.get(f"/v1/entities?sort={sort}&limit=1")["next"]
            cursors[sort] = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)["cursor"][0]
        for issued, cur in cursors.items():
            for sort in ("mentions", "articles", "name"):
                path = f"/v1/entities?sort={sort}&limit=1&cursor={cur}"
                if sort == issued:
                    self.get(path)
                else:
                    p = self.get(path, 400)
                    self.assertIn("sort", p["detail"])
        # the default order is mentions: its cursors page it without saying so
        self.get(f"/v1/entities?limit=1&cursor={cursors['mentions']}")
        self.get(f"/v1/entities?limit=1&cursor={cursors['name']}", 400)
        # entity cursors are not article cursors either
        self.get(f"/v1/articles?cursor={cursors['name']}", 400)

    def test_untagged_cursor_still_pages_mentions(self):
        # cursors issued before sort existed ("key.id") keep meaning the mentions order
        first = self.get("/v1/entities?limit=1")["data"][0]
        raw = f"{first['counts']['mentions']}.{first['id']}".encode()
        cur = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        rest = [e["id"] for e in self.get(f"/v1/entities?limit=500&cursor={cur}")["data"]]
        self.assertEqual(rest, self.expected("mentions")[1:])

    def test_bad_sort_is_400(self):
        for bad in ("salience", "", "Name", "name,articles"):
            p = self.get("/v1/entities?sort=" + urllib.parse.quote(bad), 400)
            self.assertIn("sort", p["detail"])

    def test_forged_name_cursor_is_400(self):
        for raw in (b"n:0:Lima", b"n:x:Lima", b"n:3", b"n:-3:Lima", b"n:03:Lima", b"q.1.2",
                    b"n.3.5"):
            cur = base64.urlsafe_b64encode(raw).decode().rstrip("=")
            self.get(f"/v1/entities?sort=name&cursor={cur}", 400)
        for sort, raw in (("mentions", b"m:5:Lima"), ("articles", b"a:5:Lima")):
            cur = base64.urlsafe_b64encode(raw).decode().rstrip("=")
            self.get(f"/v1/entities?sort={sort}&cursor={cur}", 400)
        # a well-formed name cursor pages from that name, even one no entity has
        cur = base64.urlsafe_b64encode(b"n:1:M").decode().rstrip("=")
        rest = [e["name"] for e in self.get(f"/v1/entities?sort=name&cursor={cur}")["data"]]
        self.assertEqual(rest, [e for e in sorted(self.ents, key=ascii_lower) if ascii_lower(e) > "m"])

    # ------------------------------------------------------------------ q

    def matching(self, q, sort="mentions", kind=None):
        """The expected answer of q: a substring of the name or an alias from three
        characters (ASCII case-insensitive), the start of the name below three."""
        def hit(e):
            if len(q) < 3:
                return ascii_lower(e["name"]).startswith(ascii_lower(q))
            return any(ascii_lower(q) in ascii_lower(n) for n in [e["name"]] + e["aliases"])
        return [i for i in self.expected(sort)
                if hit(self.by_id(i)) and (kind is None or self.by_id(i)["kind"] == kind)]

    def by_id(self, i):
        return next(e for e in self.ents.values() if e["id"] == i)

    def test_q_substring_of_name_or_alias(self):
        for q in ("Had", "haddad", "OMAR HAD", "ope", "Lopez", "ima", "uito", "zzz"):
            got = [e["id"] for e in self.get(f"/v1/entities?q={urllib.parse.quote(q)}")["data"]]
            self.assertEqual(got, self.matching(q), q)
        ids = [e["id"] for e in self.get("/v1/entities?q=ope")["data"]]
        self.assertEqual(ids, [self.id["Maria Lopez"]], "her alias Lopez holds 'ope'")

    def test_q_under_three_characters_is_a_name_prefix(self):
        for q in ("L", "l", "Om", "om", "ez", "Qu", "B", "x"):
            got = [e["id"] for e in self.get(f"/v1/entities?q={urllib.parse.quote(q)}")["data"]]
            self.assertEqual(got, self.matching(q), q)
        names = [e["name"] for e in self.get("/v1/entities?q=L&sort=name")["data"]]
        self.assertIn("Lima", names)
        self.assertNotIn("Maria Lopez", names, "an alias starting with L is not the name")
        self.assertEqual(self.get("/v1/entities?q=ez")["data"], [], "no name starts with ez")

    def test_q_with_every_filter_order_and_page(self):
        a1 = self.aids[0]
        for q in ("a", "Ma", "ar", "Lim", "har", "Omar Haddad"):
            for sort in ("mentions", "articles", "name"):
                whole = self.matching(q, sort)
                rows, n = self.pages(f"/v1/entities?q={urllib.parse.quote(q)}&sort={sort}&limit=1")
                self.assertEqual([e["id"] for e in rows], whole, (q, sort))
                self.assertEqual(n, max(1, len(whole)), (q, sort))
                people = self.get(f"/v1/entities?q={urllib.parse.quote(q)}&sort={sort}&kind=person")
                self.assertEqual([e["id"] for e in people["data"]],
                                 self.matching(q, sort, "person"), (q, sort))
                in_a1 = {e["id"] for e in
                         self.get(f"/v1/articles/{a1}/entities")["data"]}
                got = self.get(f"/v1/entities?q={urllib.parse.quote(q)}&sort={sort}&article={a1}")
                self.assertEqual([e["id"] for e in got["data"]],
                                 [i for i in whole if i in in_a1], (q, sort))

    def test_q_follows_merge_and_delete(self):
        s = Server()
        try:
            ids = []
            for body in ("Ingrid Solberg spoke in Bergen. Solberg left.",
                         "Ingrid Sollberg arrived in Tromso.",
                         "Nadia Quell visited Stavanger."):
                r = s.post_json("/v1/articles", {"title": "T", "body": body})
                self.assertEqual(r.status, 201, r.body)
                ids.append(r.json()["article"]["id"])

            def names(q):
                r = s.request("GET", f"/v1/entities?q={urllib.parse.quote(q)}&limit=500")
                self.assertEqual(r.status, 200, r.body)
                return sorted(e["name"] for e in r.json()["data"])
            self.assertEqual(names("Sollb"), ["Ingrid Sollberg"])
            self.assertEqual(names("olberg"), ["Ingrid Solberg"])
            keep = s.request("GET", "/v1/entities?q=Ingrid%20Solberg").json()["data"][0]
            dup = s.request("GET", "/v1/entities?q=Ingrid%20Sollberg").json()["data"][0]
            r = s.request("POST", f"/v1/entities/{keep['id']}/merge",
                          json.dumps({"from": dup["id"]}).encode(),
                          {"Content-Type": "application/json"})
            self.assertEqual(r.status, 200, r.body)
            # the duplicate's name is now an alias of the entity it was merged into
            self.assertEqual(names("Sollb"), ["Ingrid Solberg"])
            self.assertEqual(names("Quell"), ["Nadia Quell"])
            self.assertEqual(s.request("DELETE", f"/v1/articles/{ids[2]}").status, 204)
            self.assertEqual(names("Quell"), [], "an entity deleted with its article")
            self.assertEqual(names("Stav"), [])
            r = s.post_json("/v1/articles", {"title": "T", "body": "Nadia Quell returned."})
            self.assertEqual(r.status, 201, r.body)
            self.assertEqual(names("Quell"), ["Nadia Quell"], "and found again once stored again")
        finally:
            s.stop()

    # ------------------------------------------------------------------ entity detail

    def test_entity_articles_newest_first(self):
        d = self.get(f"/v1/entities/{self.id['Maria Lopez']}")
        self.assertEqual(d["entity"]["name"], "Maria Lopez")
        a1, a2, a3 = self.aids
        self.assertEqual(d["articles"], [
            {"id": a2, "title": "Second round", "published_at": "2024-03-05", "mentions": 1},
            {"id": a1, "title": "Trade talks", "published_at": "2024-03-01", "mentions": 3},
        ])
        self.assertEqual(sum(a["mentions"] for a in d["articles"]),
                         d["entity"]["counts"]["mentions"])
        haddad = self.get(f"/v1/entities/{self.id['Omar Haddad']}")["articles"]
        self.assertEqual([a["id"] for a in haddad], [a3, a2, a1], "by id, not by date")
        listed = self.get(f"/v1/articles?entity={self.id['Omar Haddad']}")["data"]
        self.assertEqual([a["id"] for a in haddad], [a["id"] for a in listed],
                         "the order of /v1/articles?entity=")

    def test_entity_cooccurring(self):
        d = self.get(f"/v1/entities/{self.id['Maria Lopez']}")
        co = d["cooccurring"]
        self.assertEqual(co[0], {"id": self.id["Omar Haddad"], "kind": "person",
                                 "name": "Omar Haddad", "shared_articles": 2})
        self.assertNotIn(self.id["Maria Lopez"], [c["id"] for c in co], "not itself")
        self.assertNotIn(self.id["Beatriz Chen"], [c["id"] for c in co], "never beside her")
        shared = {c["name"]: c["shared_articles"] for c in co}
        self.assertEqual(shared["Lima"], 1)
        self.assertEqual(shared["Quito"], 1)
        self.assertEqual([c["shared_articles"] for c in co],
                         sorted((c["shared_articles"] for c in co), reverse=True))
        ones = [c["id"] for c in co if c["shared_articles"] == 1]
        self.assertEqual(ones, sorted(ones), "ties by id")
        haddad = {c["name"]: c["shared_articles"]
                  for c in self.get(f"/v1/entities/{self.id['Omar Haddad']}")["cooccurring"]}
        self.assertEqual(haddad["Maria Lopez"], 2)
        self.assertEqual(haddad["Lima"], 2)
        self.assertEqual(haddad["Beatriz Chen"], 1)

    def test_entity_detail_limits(self):
        s = Server()
        try:
            # 12 articles name Helen Park; article k also names the first 12 - k companions,
            # so companion j shares 12 - j articles with her
            companions = ["James Reed", "Laura Stone", "Peter Hall", "Sofia Grant",
                          "Daniel Moore", "Rachel Price", "Thomas Wood", "Emma Clark",
                          "David Young", "Julia Scott", "Michael Green", "Sarah Hill"]
            for k in range(12):
                body = " ".join(f"Helen Park met {c}." for c in companions[:12 - k])
                r = s.post_json("/v1/articles", {"title": f"Day {k}", "body": body,
                                                 "published_at": f"2023-01-{k + 1:02d}"})
                self.assertEqual(r.status, 201, r.body)
            found = s.request("GET", "/v1/entities?q=Helen%20Park&limit=500").json()["data"]
            helen = [e for e in found if e["name"] == "Helen Park"][0]
            d = s.request("GET", f"/v1/entities/{helen['id']}").json()
            self.assertEqual(len(d["articles"]), 12)
            self.assertEqual(d["articles"][0]["published_at"], "2023-01-12")
            self.assertEqual([c["name"] for c in d["cooccurring"]], companions[:10], "at most 10")
            self.assertEqual([c["shared_articles"] for c in d["cooccurring"]], list(range(12, 2, -1)))
            self.assertEqual(d["cooccurrence_articles"], 12, "all of them counted")
            # 98 more articles (one request), each naming Ivan Petrov beside her: 110 in all
            lines = [json.dumps({"title": f"More {i}",
                                 "body": "Helen Park met Ivan Petrov about the notes"
                                         f" {chr(97 + i // 26)}{chr(97 + i % 26)}."})
                     for i in range(110 - 12)]
            r = s.request("POST", "/v1/articles:batch", "\n".join(lines).encode(),
                          {"Content-Type": "application/x-ndjson"})
            self.assertEqual(r.status, 200, r.body)
            d = s.request("GET", f"/v1/entities/{helen['id']}").json()
            self.assertEqual(d["entity"]["counts"]["articles"], 110)
            self.assertEqual(len(d["articles"]), 50, "at most 50")
            listed = s.request("GET", f"/v1/articles?entity={helen['id']}&limit=50").json()["data"]
            self.assertEqual([a["id"] for a in d["articles"]], [a["id"] for a in listed],
                             "the first page of /v1/articles?entity=")
            self.assertEqual(d["articles"][0]["title"], "More 97", "the newest first")
            # counted over her newest 100 articles: the oldest ten (days 0-9) are left out,
            # so of the companions only day 10's two and day 11's one remain
            self.assertEqual(d["cooccurrence_articles"], 100)
            self.assertEqual([(c["name"], c["shared_articles"]) for c in d["cooccurring"]],
                             [("Ivan Petrov", 98), ("James Reed", 2), ("Laura Stone", 1)])
        finally:
            s.stop()

    def test_entity_detail_errors(self):
        self.get("/v1/entities/999999", 404)
        self.get("/v1/entities/0", 400)
        self.get(f"/v1/entities/{self.id['Lima']}?with=articles", 400)

    # ------------------------------------------------------------------ articles naming several

    def articles(self, *names, extra=""):
        qs = "&".join(f"entity={self.id[n]}" for n in names)
        return [a["id"] for a in self.get(f"/v1/articles?{qs}{extra}")["data"]]

    def test_articles_naming_all_entities(self):
        a1, a2, a3 = self.aids
        self.assertEqual(self.articles("Omar Haddad"), [a3, a2, a1])
        self.assertEqual(self.articles("Omar Haddad", "Maria Lopez"), [a2, a1])
        self.assertEqual(self.articles("Omar Haddad", "Lima"), [a3, a1])
        self.assertEqual(self.articles("Maria Lopez", "Lima", "Omar Haddad"), [a1])
        self.assertEqual(self.articles("Maria Lopez", "Beatriz Chen"), [])
        self.assertEqual(self.articles("Maria Lopez", "Maria Lopez"), [a2, a1], "a repeat is one")
        self.assertEqual(self.articles("Omar Haddad", "Lima", extra="&since=2024-03"), [a1])
        self.assertEqual(self.articles("Omar Haddad", "Maria Lopez", extra="&q=Quito"), [a2])
        self.assertEqual(self.get(f"/v1/articles?entity={self.id['Lima']}&entity=999999")["data"], [])

    def test_articles_naming_all_entities_page(self):
        a1, a2, a3 = self.aids
        path = f"/v1/articles?entity={self.id['Omar Haddad']}&entity={self.id['Lima']}&limit=1"
        first = self.get(path)
        self.assertEqual([a["id"] for a in first["data"]], [a3])
        self.assertEqual(first["next"].count("entity="), 2, "next keeps every entity")
        rows, n = self.pages(path)
        self.assertEqual([a["id"] for a in rows], [a3, a1])
        self.assertEqual(n, 2)

    def test_articles_entity_limits(self):
        h = self.id["Omar Haddad"]
        eight = "&".join([f"entity={h}"] * 8)
        self.assertEqual(len(self.get(f"/v1/articles?{eight}")["data"]), 3, "8 is allowed")
        p = self.get(f"/v1/articles?{eight}&entity={h}", 400)
        self.assertIn("at most 8", p["detail"])
        for bad in ("x", "0", "-1", ""):
            self.get(f"/v1/articles?entity={h}&entity={bad}", 400)


if __name__ == "__main__":
    unittest.main(verbosity=2)
