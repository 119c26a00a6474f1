#!/usr/bin/env python3
"""An existing database migrates to the current schema without losing or changing anything.

tests/fixtures/migrate/db-0004.db.gz was written by newsgraph at commit 549a409 (schema
0001-0004, 4 KiB pages): `newsgraph ingest` of tests/fixtures/kazakhstan-shoot-to-kill.txt,
the first five tests/fixtures/dev/*.txt and tests/fixtures/migrate/accents.txt (names with
accents, a character outside the BMP: code point, UTF-16 and byte offsets all differ), then
through its API entity 121 merged into 124 and article 6 deleted, then VACUUM. db-0004.answers.json holds the SHA-256 of the body
that binary answered for each path (a redirect followed), on that file.

The test starts the current server on a copy (which migrates it), then checks:
- every answer is byte for byte the one the old binary gave (the entity page put back in
  its old order first: see as_before);
- the storage is the new one (0006's mentions and 0010's lists of them on the
  article_entities rows, the unused indexes gone), every mention is there with every
  offset, and the file passes integrity_check;
- ingest, merge and delete still work on the migrated file, and every entity's mention
  count still equals its mentions;
- every entity key is still there, leading to the same entity, marked as its entity's name
  key or an alias key (0008), and new articles meet stored entities by a name only;
- every body is stored packed (0011) and unpacks to the text it had, byte for byte;
- the entities table is rebuilt without its UNIQUE (kind, key) (0012), every row and id kept,
  with foreign keys enforced again afterwards;
- every article has its counts stored (0013), equal to what its rows count, also after an
  ingest, a merge and deletes;
- the entity lists' sort indexes hold the kind (0014), after their sort keys;
- the trigram name index merges its segments four at a time (0015), and a q= of the
  entity list still finds what it found.
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import unittest
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from harness import SRC, Server, free_port  # noqa: E402

FIXTURE = os.path.join(SRC, "tests", "fixtures", "migrate")


def decode_spans(blob):
    """The mentions of article_entities.spans (store/spans.c): six zigzag LEB128 numbers
    each, deltas of start_b, c_lag and u_lag from the previous mention's and the end's from
    its start; as (start_b, end_b, start_c, end_c, start_u, end_u)."""
    nums, v, shift = [], 0, 0
    for byte in blob:
        v |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            nums.append((v >> 1) ^ -(v & 1))
            v, shift = 0, 0
    assert shift == 0 and len(nums) % 6 == 0
    out, sb, cl, ul = [], 0, 0, 0
    for i in range(0, len(nums), 6):
        sb, cl, ul = sb + nums[i], cl + nums[i + 2], ul + nums[i + 4]
        eb, cle, ule = sb + nums[i + 1], cl + nums[i + 3], ul + nums[i + 5]
        out.append((sb, eb, sb - cl, eb - cle, sb - ul, eb - ule))
    return out


def all_mentions(c):
    """Every mention of the file as (article, entity, start_b, end_b, start_c, ...)."""
    rows = c.execute("SELECT article_id, entity_id, mentions, spans FROM article_entities")
    out = []
    for a, e, n, spans in rows:
        spans = decode_spans(spans)
        assert len(spans) == n, (a, e, n, spans)
        out += [(a, e) + m for m in spans]
    return sorted(out)


def ng_body(v):
    """store/pack.c's ng_body in Python: a TEXT body as it is, a packed one (format byte 1,
    the text's length in four bytes little-endian, a raw deflate stream) inflated."""
    if not isinstance(v, bytes):
        return v
    assert v[0] == 1, v[:8]
    text = zlib.decompress(v[5:], -15)
    assert len(text) == int.from_bytes(v[1:5], "little")
    return text.decode()


COUNTED = ("SELECT a.id, (SELECT count(*) FROM article_entities WHERE article_id = a.id),"
           " (SELECT coalesce(sum(mentions), 0) FROM article_entities WHERE article_id = a.id),"
           " (SELECT count(*) FROM statements WHERE article_id = a.id)"
           " FROM article_rows AS a ORDER BY a.id")
STORED = ("SELECT article_id, n_entities, n_mentions, n_statements FROM article_counts"
          " ORDER BY article_id")


def connect(path):
    """A connection that can read the view articles (and statements_text) as newsgraph's do."""
    c = sqlite3.connect(path)
    c.create_function("ng_body", 1, ng_body, deterministic=True)
    return c


class OldDatabase(Server):
    """A Server over a copy of the fixture database instead of a new one."""

    def __init__(self):
        self.dir = tempfile.TemporaryDirectory(prefix="ng-it-")
        self.db = os.path.join(self.dir.name, "t.db")
        with gzip.open(os.path.join(FIXTURE, "db-0004.db.gz")) as src, open(self.db, "wb") as dst:
            shutil.copyfileobj(src, dst)
        with sqlite3.connect(self.db) as c:
            self.mentions_before = c.execute(
                "SELECT article_id, entity_id, start_b, end_b, start_c, end_c, start_u, end_u"
                " FROM mentions ORDER BY 1, 2, 3").fetchall()
            self.keys_before = c.execute(
                "SELECT kind, key, entity_id FROM entity_keys ORDER BY 1, 2").fetchall()
            self.bodies_before = c.execute("SELECT id, body FROM articles ORDER BY id").fetchall()
            self.entities_before = c.execute("SELECT * FROM entities ORDER BY id").fetchall()
        self.port = free_port()
        self.log = open(os.path.join(self.dir.name, "server.log"), "w+b")
        self.args = ()
        self.env = dict(os.environ)
        self._spawn()


class Migrate(unittest.TestCase):
    def setUp(self):
        self.s = OldDatabase()

    def tearDown(self):
        code, _ = self.s.stop()
        self.assertEqual(code, 0)

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.s.port}{path}") as r:
                return r.read()
        except urllib.error.HTTPError as err:
            return f"HTTP {err.code}".encode()

    def as_before(self, path, body):
        """An answer in the form 549a409 gave it. The entity page changed on purpose since
        (0f20e30): its articles come newest stored first (as /v1/articles?entity= lists
        them) instead of by published_at, and cooccurrence_articles says over how many
        articles the co-occurrences were counted (all of them here: none is named in more
        than 100). Put back in the old order, without the new field, it must be the old
        body byte for byte."""
        if not re.fullmatch(r"/v1/entities/[0-9]+", path) or not body.startswith(b"{"):
            return body
        page = json.loads(body)
        self.assertEqual(page.pop("cooccurrence_articles"), min(100, len(page["articles"])))
        arts = page["articles"]  # published_at descending, undated last, then id descending
        arts.sort(key=lambda a: a["id"], reverse=True)
        arts.sort(key=lambda a: a["published_at"] or "", reverse=True)
        arts.sort(key=lambda a: a["published_at"] is None)
        return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()

    def test_answers_are_unchanged(self):
        with open(os.path.join(FIXTURE, "db-0004.answers.json")) as f:
            want = json.load(f)
        changed = [p for p, h in sorted(want.items())
                   if hashlib.sha256(self.as_before(p, self.get(p))).hexdigest() != h]
        self.assertEqual(changed, [], "answers that changed with the migration")
        self.assertGreater(len(want), 100)

    def test_storage_is_migrated_without_loss(self):
        with sqlite3.connect(self.s.db) as c:
            names = {r[0] for r in c.execute("SELECT name FROM schema_migrations")}
            self.assertIn("0006_compact_storage.sql", names)
            self.assertIn("0009_statement_spans.sql", names)
            # 0009: no statement text stored twice; the spans give it back (the answers
            # test above compares every statement's content and quote with the old binary's)
            self.assertEqual(c.execute("SELECT count(*) FROM statements WHERE content IS NOT NULL"
                                       " OR quote IS NOT NULL").fetchone()[0], 0)
            self.assertGreater(c.execute("SELECT count(*) FROM statements").fetchone()[0], 40)
            self.assertIn("0010_mention_lists.sql", names)
            self.assertIsNone(c.execute("SELECT sql FROM sqlite_schema WHERE name = 'mentions'")
                              .fetchone(), "mentions are lists on article_entities (0010)")
            indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_schema WHERE type='index'")}
            for gone in ("mentions_article", "mentions_entity", "statements_kind",
                         "entities_kind_mentions"):
                self.assertNotIn(gone, indexes)
            after = all_mentions(c)
            self.assertEqual(c.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        self.assertEqual(after, self.s.mentions_before, "every mention, every offset")
        self.assertGreater(len(after), 300)

    def test_bodies_are_packed_without_loss(self):
        """0011_packed_bodies.sql: the table is article_rows, every body a packed BLOB that
        unpacks to the old text, and the view articles gives that text back."""
        with connect(self.s.db) as c:
            names = {r[0] for r in c.execute("SELECT name FROM schema_migrations")}
            self.assertIn("0011_packed_bodies.sql", names)
            kinds = c.execute("SELECT typeof(body), count(*) FROM article_rows"
                              " GROUP BY 1").fetchall()
            self.assertEqual(kinds, [("blob", len(self.s.bodies_before))])
            raw = c.execute("SELECT id, body FROM article_rows ORDER BY id").fetchall()
            self.assertEqual([(i, ng_body(b)) for i, b in raw], self.s.bodies_before)
            self.assertLess(sum(len(b) for _, b in raw),
                            0.7 * sum(len(t.encode()) for _, t in self.s.bodies_before))
            view = c.execute("SELECT id, body FROM articles ORDER BY id").fetchall()
            self.assertEqual(view, self.s.bodies_before)
            self.assertEqual(c.execute("SELECT type FROM sqlite_schema WHERE name = 'articles'")
                             .fetchone(), ("view",))
            c.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        self.assertGreater(len(self.s.bodies_before), 5)

    def test_entities_lose_only_their_key_index(self):
        """0012_entities_one_key_index.sql: every entity row as it was, the (kind, key) index
        gone, the read indexes there, and the foreign keys that point at entities intact and
        enforced (a deleted article still takes its rows along: test_writes_after_...)."""
        with connect(self.s.db) as c:
            names = {r[0] for r in c.execute("SELECT name FROM schema_migrations")}
            self.assertIn("0012_entities_one_key_index.sql", names)
            self.assertEqual(c.execute("SELECT * FROM entities ORDER BY id").fetchall(),
                             self.s.entities_before)
            indexes = {r[0] for r in c.execute("SELECT name FROM sqlite_schema"
                                               " WHERE tbl_name = 'entities' AND type = 'index'")}
            self.assertEqual(indexes, {"entities_by_mentions", "entities_by_articles",
                                       "entities_by_name"})
            self.assertEqual(c.execute("PRAGMA foreign_key_check").fetchall(), [])
            for child in ("entity_keys", "entity_aliases", "entity_titles", "article_entities",
                          "statements", "statement_entities"):
                parents = {r[2] for r in c.execute(f"PRAGMA foreign_key_list({child})")}
                self.assertTrue(parents & {"entities"}, (child, parents))
        self.assertGreater(len(self.s.entities_before), 100)

    def test_article_counts_are_stored(self):
        """0013_article_counts.sql: a row per article with the counts its rows give, which
        the API serves (the answers test above compares them with the old binary's)."""
        with sqlite3.connect(self.s.db) as c:
            names = {r[0] for r in c.execute("SELECT name FROM schema_migrations")}
            self.assertIn("0013_article_counts.sql", names)
            stored = c.execute(STORED).fetchall()
            self.assertEqual(stored, c.execute(COUNTED).fetchall())
        self.assertGreater(len(stored), 5)
        self.assertGreater(sum(r[3] for r in stored), 40)

    def test_sort_indexes_hold_the_kind(self):
        """0014_entity_sort_kinds.sql: a list of one kind tests it on the index entry."""
        with sqlite3.connect(self.s.db) as c:
            for name, keys in (("entities_by_mentions", ["mention_count", "id"]),
                               ("entities_by_articles", ["article_count", "id"]),
                               ("entities_by_name", ["name", "id"])):
                cols = [r[2] for r in c.execute(f"PRAGMA index_info({name})")]
                self.assertEqual(cols, keys + ["kind"], name)
            # the store's form of the filter (store/internal.h, ST__ENT_FILTERS)
            plan = " ".join(r[3] for r in c.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM entities WHERE (?1 IS NULL OR kind = ?1)"
                " ORDER BY mention_count DESC, id DESC LIMIT 5", ("person",)))
            self.assertIn("COVERING INDEX entities_by_mentions", plan)

    def test_name_index_merges_early(self):
        """0015_names_merge_early.sql: entity_names_fts holds at most three segments a level
        (crisismerge 4) once the store has written to it; its rows are unchanged."""
        with sqlite3.connect(self.s.db) as c:
            conf = dict(c.execute("SELECT k, v FROM entity_names_fts_config").fetchall())
            self.assertEqual(conf.get("crisismerge"), 4)
            rows = c.execute("SELECT count(*) FROM entity_names_fts").fetchone()[0]
            self.assertEqual(rows, c.execute("SELECT count(*) FROM entities").fetchone()[0])
        ents = self.s.request("GET", "/v1/entities?q=Toqa&limit=50").json()["data"]
        self.assertIn("Qasym-Zhomart Toqaev", [e["name"] for e in ents])

    def test_keys_are_marked_name_or_alias(self):
        """0008_name_keys.sql: every key is still there, leading to the same entity, and each
        entity has one name key: the key of its name (here each entity's creation key)."""
        with sqlite3.connect(self.s.db) as c:
            names = {r[0] for r in c.execute("SELECT name FROM schema_migrations")}
            self.assertIn("0008_name_keys.sql", names)
            after = c.execute(
                "SELECT kind, key, entity_id FROM entity_keys ORDER BY 1, 2").fetchall()
            self.assertEqual(after, self.s.keys_before, "every key, to the same entity")
            self.assertGreater(len(after), 250)
            wrong = c.execute(
                "SELECT e.id, e.name FROM entities AS e WHERE (SELECT count(*)"
                " FROM entity_keys AS k WHERE k.entity_id = e.id AND k.is_name = 1) <> 1"
                " OR NOT EXISTS (SELECT 1 FROM entity_keys AS k WHERE k.entity_id = e.id"
                " AND k.is_name = 1 AND k.key = e.key)").fetchall()
            self.assertEqual(wrong, [], "one name key per entity, its name's")
            toqaev = dict(c.execute(
                "SELECT k.key, k.is_name FROM entity_keys AS k JOIN entities AS e"
                " ON e.id = k.entity_id WHERE e.name = 'Qasym-Zhomart Toqaev'").fetchall())
            self.assertEqual(toqaev, {"qasym-zhomart toqaev": 1, "toqaev": 0})

    def test_migrated_keys_resolve_by_name_only(self):
        """On the migrated file the surname alone meets the stored full name, and another
        person of that surname (its alias "Toqaev" equal to a stored alias key) stays apart."""
        ents = self.s.request("GET", "/v1/entities?kind=person&q=Toqaev&limit=50").json()["data"]
        qzt = [e["id"] for e in ents if e["name"] == "Qasym-Zhomart Toqaev"]
        self.assertEqual(len(qzt), 1)

        def person_of(text):
            r = self.s.post_text("/v1/articles", text)
            self.assertEqual(r.status, 201, r.body)
            aid = r.json()["article"]["id"]
            listed = self.s.request("GET", f"/v1/articles/{aid}/entities").json()["data"]
            people = [e for e in listed if e["kind"] == "person"]
            self.assertEqual(len(people), 1, people)
            return people[0]

        alone = person_of("Toqaev speaks\n\nPresident Toqaev spoke on Monday in Astana. "
                          "Toqaev said the army would stay.\n")
        self.assertEqual(alone["id"], qzt[0], "the surname alone meets the full name")
        other = person_of("Nurlan\n\nNurlan Toqaev, a farmer in Almaty, spoke on Monday. "
                          "Toqaev said the harvest was poor.\n")
        self.assertNotEqual(other["id"], qzt[0], "a shared alias does not join")
        self.assertEqual(other["name"], "Nurlan Toqaev")
        page = self.s.request("GET", f"/v1/entities/{qzt[0]}").json()
        self.assertNotIn("Nurlan Toqaev", page.get("aliases", []))

    def test_writes_after_the_migration(self):
        text = ("Port strike\n\nMohamed El-Hassan Mohamed met Qasym-Zhomart Toqaev in Almaty on "
                "Monday. \u201cThe port will reopen,\u201d Toqaev said.")
        r = self.s.post_text("/v1/articles", text)
        self.assertEqual(r.status, 201, r.body)
        new_id = r.json()["article"]["id"]
        found = self.s.request("GET", "/v1/statements?q=%22port%20will%20reopen%22").json()
        self.assertEqual([s["content"] for s in found["data"]], ["The port will reopen"])
        r = self.s.request("GET", f"/v1/articles/{new_id}?include=entities,statements")
        self.assertEqual(r.status, 200)
        names = {e["name"] for e in r.json()["article"]["entities"]}
        self.assertIn("Qasym-Zhomart Toqaev", names)
        ents = self.s.request("GET", "/v1/entities?kind=person&limit=500").json()["data"]
        by_name = {e["name"]: e["id"] for e in ents}
        into, frm = by_name["Qasym-Zhomart Toqaev"], by_name["Nursultan Nazarbaev"]
        r = self.s.post_json(f"/v1/entities/{into}/merge", {"from": frm})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(self.s.request("DELETE", "/v1/articles/2").status, 204)
        self.assertEqual(self.s.request("DELETE", f"/v1/articles/{new_id}").status, 204)
        with connect(self.s.db) as c:
            per_entity = {}
            for m in all_mentions(c):
                per_entity[m[1]] = per_entity.get(m[1], 0) + 1
            wrong = [(i, n) for i, n in c.execute("SELECT id, mention_count FROM entities")
                     if per_entity.get(i, 0) != n]
            self.assertEqual(wrong, [], "mention counts equal the mentions")
            # the stored article counts follow the ingest (a new row), the merge (two
            # entities of one article became one) and the deletes (rows gone)
            self.assertEqual(c.execute(STORED).fetchall(), c.execute(COUNTED).fetchall())
            dangling = c.execute("SELECT count(*) FROM article_entities WHERE entity_id NOT IN"
                                 " (SELECT id FROM entities)").fetchone()[0]
            self.assertEqual(dangling, 0)
            self.assertEqual(c.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            # the statements' full-text index matches their text as the body gives it,
            # after an ingest and the deletion of two articles (0009: no delete trigger)
            c.execute("INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')")
            c.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        r = self.s.request("GET", "/v1/statements?q=%22port%20will%20reopen%22")
        self.assertEqual(r.json()["data"], [], "a deleted article's statements are not found")
        r = self.s.request("GET", "/v1/articles?q=%22port%20will%20reopen%22")
        self.assertEqual(r.json()["data"], [], "nor the article (its packed body left the index)")


if __name__ == "__main__":
    unittest.main()
