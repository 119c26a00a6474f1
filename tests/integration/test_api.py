#!/usr/bin/env python3
"""The HTTP API end to end: the real server over a real SQLite file.

Happy paths for every route with the seed article, the protocol details (keep-alive, HEAD,
OPTIONS, ETag/304, Link pagination, CORS, API key), and graceful shutdown.
"""
import http.client
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import Server, seed_text  # noqa: E402


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()
        cls.created = cls.s.post_text("/v1/articles", seed_text())

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, f"exit {code}\n{log[-2000:]}"

    def test_health(self):
        r = self.s.request("GET", "/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json(), {"status": "ok"})
        r = self.s.request("GET", "/readyz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["status"], "ready")
        self.assertGreaterEqual(r.json()["schema_version"], 1)

    def test_ingest_created_then_duplicate(self):
        r = self.created
        self.assertEqual(r.status, 201, r.body)
        art = r.json()["article"]
        self.assertTrue(r.json()["created"])
        self.assertEqual(r.header("Location"), f"/v1/articles/{art['id']}")
        self.assertTrue(art["title"].startswith("Kazakh President Gives Stark"))
        self.assertEqual(len(art["sha256"]), 64)
        self.assertEqual(art["body_chars"], len(art["body"]))
        again = self.s.post_text("/v1/articles", seed_text())
        self.assertEqual(again.status, 200)
        self.assertFalse(again.json()["created"])
        self.assertEqual(again.json()["article"]["id"], art["id"])

    def test_get_article_with_includes_in_every_unit(self):
        aid = self.created.json()["article"]["id"]
        for unit in ("codepoint", "utf16", "utf8"):
            r = self.s.request("GET", f"/v1/articles/{aid}?include=entities,statements&offsets={unit}")
            self.assertEqual(r.status, 200, r.body)
            doc = r.json()
            self.assertEqual(doc["offsets"], unit)
            body = doc["article"]["body"]
            enc = {"codepoint": None, "utf16": "utf-16-le", "utf8": "utf-8"}[unit]
            for e in doc["article"]["entities"]:
                for m in e["mentions"]:
                    if enc is None:
                        cut = body[m["start"]:m["end"]]
                    else:
                        w = 2 if unit == "utf16" else 1
                        cut = body.encode(enc)[m["start"] * w:m["end"] * w].decode(enc)
                    self.assertEqual(cut, m["text"], (unit, m))
            self.assertIn("statements", doc["article"])

    def test_article_sub_lists(self):
        aid = self.created.json()["article"]["id"]
        for sub in ("entities", "statements", "mentions"):
            r = self.s.request("GET", f"/v1/articles/{aid}/{sub}")
            self.assertEqual(r.status, 200, (sub, r.body))
            self.assertIsInstance(r.json()["data"], list)
            self.assertIsNone(r.json()["next"])

    def test_lists_and_pagination(self):
        for i in range(3):
            self.s.post_text("/v1/articles", f"Page test {i}\n\nA short body number {i} about Paris.")
        seen, path, pages = [], "/v1/articles?limit=2", 0
        while path:
            r = self.s.request("GET", path)
            self.assertEqual(r.status, 200, r.body)
            page = r.json()
            seen += [a["id"] for a in page["data"]]
            if page["next"]:
                self.assertIn('rel="next"', r.header("Link"))
            path = page["next"]
            pages += 1
        self.assertGreaterEqual(pages, 2)
        self.assertEqual(seen, sorted(seen, reverse=True), "newest first")
        self.assertEqual(len(seen), len(set(seen)), "no row twice")
        for path in ("/v1/entities", "/v1/statements", "/v1/entities?kind=person&limit=5",
                     "/v1/statements?q=kill", "/v1/statements?kind=direct"):
            r = self.s.request("GET", path)
            self.assertEqual(r.status, 200, (path, r.body))
            self.assertIn("data", r.json())

    def test_article_search_and_entity_filter(self):
        r = self.s.request("GET", "/v1/articles?q=Toqaev")
        self.assertEqual(r.status, 200, r.body)
        ids = [a["id"] for a in r.json()["data"]]
        self.assertIn(self.created.json()["article"]["id"], ids)
        r = self.s.request("GET", "/v1/articles?q=zzzznotthere")
        self.assertEqual(r.json()["data"], [])
        ents = self.s.request("GET", "/v1/entities?q=Toqaev&kind=person").json()["data"]
        self.assertTrue(ents)
        r = self.s.request("GET", f"/v1/articles?entity={ents[0]['id']}")
        self.assertEqual([a["id"] for a in r.json()["data"]], [self.created.json()["article"]["id"]])

    def test_dates_source_and_about_filters(self):
        r = self.s.post_json("/v1/articles", {"title": "Dated", "body": "Maria Lopez said in Lima that rain fell.",
                                              "published_at": "2019-05-04", "source": "Wire One"})
        self.assertEqual(r.status, 201, r.body)
        aid = r.json()["article"]["id"]
        got = lambda q: [a["id"] for a in self.s.request("GET", "/v1/articles?" + q).json()["data"]]
        self.assertEqual(got("since=2019-05-01&until=2019-06"), [aid])
        self.assertEqual(got("since=2019-05-05&until=2019-06"), [])
        self.assertEqual(got("source=Wire%20One"), [aid])
        self.assertEqual(self.s.request("GET", "/v1/articles?until=May").status, 400)
        lima = self.s.request("GET", "/v1/entities?q=Lima&kind=location").json()["data"][0]["id"]
        about = self.s.request("GET", f"/v1/statements?about={lima}").json()["data"]
        self.assertEqual([st["content"] for st in about], ["rain fell"],
                         "the one statement whose text names Lima")
        other = self.s.request("GET", "/v1/entities?q=Kazakhstan&kind=location").json()["data"][0]["id"]
        self.assertNotIn("rain fell", [st["content"] for st in self.s.request(
            "GET", f"/v1/statements?about={other}").json()["data"]])

    def test_entity_merge_and_redirect(self):
        self.s.post_text("/v1/articles", "M1\n\nPavel Ostrowski said “we are ready” in Gdansk.")
        self.s.post_text("/v1/articles", "M2\n\nPawel Ostrowski said “we are late” in Gdansk.")
        people = {e["name"]: e for e in self.s.request("GET", "/v1/entities?kind=person&limit=500").json()["data"]}
        keep, dup = people["Pavel Ostrowski"], people["Pawel Ostrowski"]
        said = lambda i: len(self.s.request("GET", f"/v1/entities/{i}/statements").json()["data"])
        before = said(keep["id"]) + said(dup["id"])
        r = self.s.post_json(f"/v1/entities/{keep['id']}/merge", {"from": dup["id"]})
        self.assertEqual(r.status, 200, r.body)
        merged = r.json()["entity"]
        self.assertIn("Pawel Ostrowski", merged["aliases"])
        self.assertEqual(merged["counts"]["articles"], keep["counts"]["articles"] + dup["counts"]["articles"])
        self.assertEqual(said(keep["id"]), before, "the duplicate's statements moved")
        r = self.s.request("GET", f"/v1/entities/{dup['id']}")
        self.assertEqual(r.status, 308)
        self.assertEqual(r.header("Location"), f"/v1/entities/{keep['id']}")
        self.assertEqual(self.s.request("GET", f"/v1/entities/{dup['id']}/statements").header("Location"),
                         f"/v1/entities/{keep['id']}/statements")
        # errors change nothing
        city = self.s.request("GET", "/v1/entities?q=Gdansk&kind=location").json()["data"][0]["id"]
        for body, status in (({"from": city}, 409), ({"from": keep["id"]}, 400), ({"from": 99999}, 404),
                             ({"from": 1, "x": 2}, 400)):
            r = self.s.post_json(f"/v1/entities/{keep['id']}/merge", body)
            self.assertEqual(r.status, status, (body, r.body))
        self.assertEqual(self.s.request("GET", f"/v1/entities/{keep['id']}").json()["entity"], merged)

    def test_extract_stores_nothing(self):
        before = self.s.count()
        r = self.s.post_text("/v1/extract?offsets=utf16", "Title\n\nJane Doe said “hello” in Paris.")
        self.assertEqual(r.status, 200, r.body)
        doc = r.json()
        self.assertEqual(doc["offsets"], "utf16")
        self.assertIn("entities", doc)
        self.assertEqual(self.s.count(), before)

    def test_json_input(self):
        r = self.s.post_json("/v1/articles", {"title": "JSON one", "body": "Body from JSON, in Berlin.",
                                              "url": "https://example.com/a", "published_at": "2022-01-08"})
        self.assertEqual(r.status, 201, r.body)
        a = r.json()["article"]
        self.assertEqual(a["url"], "https://example.com/a")
        self.assertEqual(a["published_at"], "2022-01-08")
        self.assertEqual(a["body"], "Body from JSON, in Berlin.")

    def test_delete(self):
        r = self.s.post_text("/v1/articles", "To delete\n\nThis one goes away.")
        aid = r.json()["article"]["id"]
        self.assertEqual(self.s.request("DELETE", f"/v1/articles/{aid}").status, 204)
        self.assertEqual(self.s.request("GET", f"/v1/articles/{aid}").status, 404)
        self.assertEqual(self.s.request("DELETE", f"/v1/articles/{aid}").status, 404)

    def test_keep_alive(self):
        c = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=30)
        try:
            r1 = self.s.request("GET", "/healthz", conn=c)
            sock = c.sock
            r2 = self.s.request("GET", "/v1/articles", conn=c)
            self.assertEqual((r1.status, r2.status), (200, 200))
            self.assertIs(c.sock, sock, "the second request reused the connection")
            self.assertNotEqual((r1.header("Connection") or "").lower(), "close")
        finally:
            c.close()

    def test_head_options_etag(self):
        aid = self.created.json()["article"]["id"]
        get = self.s.request("GET", f"/v1/articles/{aid}")
        head = self.s.request("HEAD", f"/v1/articles/{aid}")
        self.assertEqual(head.status, 200)
        self.assertEqual(head.body, b"")
        self.assertEqual(head.header("Content-Length"), str(len(get.body)))
        etag = get.header("ETag")
        self.assertTrue(etag)
        r = self.s.request("GET", f"/v1/articles/{aid}", headers={"If-None-Match": etag})
        self.assertEqual(r.status, 304)
        self.assertEqual(r.body, b"")
        r = self.s.request("OPTIONS", f"/v1/articles/{aid}")
        self.assertEqual(r.status, 204)
        self.assertEqual(set(r.header("Allow").split(", ")), {"GET", "HEAD", "DELETE", "OPTIONS"})

    def test_metrics_and_spec(self):
        r = self.s.request("GET", "/metrics")
        self.assertEqual(r.status, 200)
        self.assertTrue(r.header("Content-Type").startswith("text/plain"))
        self.assertIn(b"newsgraph_requests_total{", r.body)
        self.assertIn(b"newsgraph_articles ", r.body)
        r = self.s.request("GET", "/openapi.yaml")
        self.assertEqual(r.status, 200)
        self.assertIn("yaml", r.header("Content-Type"))

    def test_access_log_is_json_lines(self):
        self.s.request("GET", "/healthz")
        lines = [l for l in self.s.logtext().splitlines() if l.startswith("{")]
        reqs = [json.loads(l) for l in lines if '"event":"request"' in l]
        self.assertTrue(reqs)
        self.assertTrue({"method", "path", "status", "bytes", "duration_ms"} <= set(reqs[-1]))


class Auth(unittest.TestCase):
    def test_api_key_guards_writes_only(self):
        s = Server("--api-key", "s3cret-key", "--cors-origin", "https://app.example")
        try:
            before = s.count()
            r = s.post_text("/v1/articles", "T\n\nNo key given.")
            self.assertEqual(r.status, 401)
            self.assertIn("Bearer", r.header("WWW-Authenticate"))
            self.assertEqual(r.header("Content-Type"), "application/problem+json")
            r = s.post_text("/v1/articles", "T\n\nWrong key.", headers={"Authorization": "Bearer nope"})
            self.assertEqual(r.status, 401)
            self.assertEqual(s.count(), before, "nothing written without the key")
            r = s.post_text("/v1/articles", "T\n\nRight key.",
                            headers={"Authorization": "Bearer s3cret-key"})
            self.assertEqual(r.status, 201)
            self.assertEqual(s.request("GET", "/v1/articles").status, 200, "reads stay open")
            pre = s.request("OPTIONS", "/v1/articles", headers={"Origin": "https://app.example"})
            self.assertEqual(pre.header("Access-Control-Allow-Origin"), "https://app.example")
            self.assertIn("Authorization", pre.header("Access-Control-Allow-Headers"))
        finally:
            code, log = s.stop()
        self.assertEqual(code, 0)
        self.assertNotIn("s3cret-key", log, "the key never reaches the log")

    def test_read_key_guards_reads(self):
        s = Server("--api-key", "writer", "--read-key", "reader")
        try:
            self.assertEqual(s.request("GET", "/v1/articles").status, 401)
            self.assertEqual(s.request("GET", "/v1/articles",
                                       headers={"Authorization": "Bearer nope"}).status, 401)
            for key in ("reader", "writer"):
                self.assertEqual(s.request("GET", "/v1/articles",
                                           headers={"Authorization": f"Bearer {key}"}).status, 200)
            self.assertEqual(s.request("GET", "/healthz").status, 200, "health stays open")
            self.assertEqual(s.post_text("/v1/articles", "T\n\nBody.",
                                         headers={"Authorization": "Bearer reader"}).status, 401,
                             "the read key does not allow writes")
        finally:
            code, log = s.stop()
        self.assertEqual(code, 0)
        self.assertNotIn("reader", log.replace("read key", ""))

    def test_no_key_warns(self):
        s = Server()
        code, log = s.stop()
        self.assertEqual(code, 0)
        self.assertIn("writes (POST, DELETE) are open", log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
