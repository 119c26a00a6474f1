#!/usr/bin/env python3
"""Contract test: the live server against openapi.yaml.

Starts the real server, ingests the seed article, then calls every documented operation and
every error response the spec declares that a request can provoke, and validates status,
content type and body against the spec's schemas (JSON Schema 2020-12, $refs resolved in
the spec). It also checks that the spec and the server agree on the routes: every route in
server/routes.c is documented, every documented path answers OPTIONS with exactly the
documented methods, and every documented (path, method, status) was exercised here.
"""
import json
import os
import re
import sqlite3
import sys
import threading
import time
import unittest

import warnings

import jsonschema
import yaml

SRC = os.environ.get("NEWSGRAPH_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tests", "integration"))
from harness import Server, seed_text  # noqa: E402

with open(os.path.join(SRC, "openapi.yaml"), encoding="utf-8") as f:
    SPEC = yaml.safe_load(f)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # newer jsonschema; Debian has 4.10
    RESOLVER = jsonschema.RefResolver.from_schema(SPEC)
EXERCISED = set()


def deref(obj):
    while isinstance(obj, dict) and "$ref" in obj:
        obj = RESOLVER.resolve(obj["$ref"])[1]
    return obj


def spec_pattern(path):
    return "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(path).replace(r"\{", "{").replace(r"\}", "}")) + "$"


def find_operation(method, path):
    bare = path.split("?")[0]
    best = None
    for p, item in SPEC["paths"].items():
        if re.match(spec_pattern(p), bare) and method.lower() in item:
            if best is None or "{" not in p:
                best = p
    return best


class Contract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server()
        r = cls.s.post_text("/v1/articles", seed_text())
        assert r.status == 201, r.body
        cls.aid = r.json()["article"]["id"]
        ents = cls.s.request("GET", f"/v1/articles/{cls.aid}/entities").json()["data"]
        cls.eid = ents[0]["id"] if ents else 1

    @classmethod
    def tearDownClass(cls):
        code, log = cls.s.stop()
        assert code == 0, log[-2000:]

    def check(self, method, path, status, body=None, headers=None, server=None):
        """Sends the request (to server, else the class's), asserts the status, validates the
        response against the spec."""
        r = (server or self.s).request(method, path, body, headers or {})
        self.assertEqual(r.status, status, (method, path, r.body[:300]))
        p = find_operation(method, path)
        self.assertIsNotNone(p, f"{method} {path} is not in the spec")
        op = SPEC["paths"][p][method.lower()]
        self.assertIn(str(status), op["responses"], f"{method} {p}: {status} not documented")
        EXERCISED.add((p, method.lower(), str(status)))
        resp = deref(op["responses"][str(status)])
        content = resp.get("content")
        if not content:
            self.assertEqual(r.body, b"", f"{method} {p} {status} documents no body")
            return r
        ctype = (r.header("Content-Type") or "").split(";")[0].strip()
        self.assertIn(ctype, content, f"{method} {p} {status}: content type {ctype}")
        schema = content[ctype].get("schema")
        if schema and ctype in ("application/json", "application/problem+json"):
            jsonschema.validate(r.json(), schema, cls=jsonschema.Draft202012Validator,
                                resolver=RESOLVER)
        for h in resp.get("headers", {}):
            if h in ("Location", "WWW-Authenticate", "Retry-After"):
                self.assertTrue(r.header(h), f"{method} {p} {status}: header {h} missing")
        return r

    def test_operations(self):
        a, e = self.aid, self.eid
        T = {"Content-Type": "text/plain"}
        J = {"Content-Type": "application/json"}
        self.check("GET", "/healthz", 200)
        self.check("GET", "/readyz", 200)
        self.check("GET", "/metrics", 200)
        self.check("GET", "/openapi.yaml", 200)
        r = self.s.request("GET", "/")
        self.check("GET", "/", r.status)
        self.check("POST", "/v1/extract?offsets=utf16", 200, seed_text(), T)
        self.check("POST", "/v1/extract", 400, b"{", J)
        self.check("POST", "/v1/extract", 413, b"x" * (2 << 20), T)
        self.check("POST", "/v1/extract", 415, b"x", {"Content-Type": "image/png"})
        self.check("POST", "/v1/extract", 422, b"", T)
        self.check("POST", "/v1/articles", 201, json.dumps({"title": "t", "body": "Contract body in Paris."}), J)
        self.check("POST", "/v1/articles", 200, seed_text(), T)
        self.check("POST", "/v1/articles", 400, b'{"body": 1}', J)
        self.check("POST", "/v1/articles", 413, b"x" * (2 << 20), T)
        self.check("POST", "/v1/articles", 415, b"x", {})
        self.check("POST", "/v1/articles", 422, b"T\n\n\xff", T)
        r = self.check("GET", "/v1/articles?limit=1", 200)
        self.check("GET", r.json()["next"], 200)
        self.check("GET", "/v1/articles", 304, headers={"If-None-Match": self.s.request("GET", "/v1/articles").header("ETag")})
        self.check("GET", "/v1/articles?limit=0", 400)
        self.check("GET", "/v1/articles?q=Toqaev&limit=5", 200)
        self.check("GET", f"/v1/articles?entity={e}", 200)
        self.check("GET", f"/v1/articles?entity={e}&entity={e}&limit=1", 200)
        self.check("GET", "/v1/articles?" + "&".join([f"entity={e}"] * 9), 400)
        self.check("GET", "/v1/articles?q=%22unclosed", 400)
        self.check("GET", "/v1/articles?since=2020&until=2030-01-01&source=RFE%2FRL", 200)
        self.check("GET", "/v1/articles?since=soon", 400)
        self.check("GET", f"/v1/statements?about={e}", 200)
        self.check("GET", "/v1/statements?about=x", 400)
        for unit in ("codepoint", "utf16", "utf8"):
            self.check("GET", f"/v1/articles/{a}?include=entities,statements&offsets={unit}", 200)
        self.check("GET", f"/v1/articles/{a}", 304, headers={"If-None-Match": self.s.request("GET", f"/v1/articles/{a}").header("ETag")})
        self.check("GET", "/v1/articles/x", 400)
        self.check("GET", "/v1/articles/999999", 404)
        for sub in ("entities", "mentions", "statements"):
            self.check("GET", f"/v1/articles/{a}/{sub}", 200)
            self.check("GET", f"/v1/articles/{a}/{sub}", 304, headers={"If-None-Match": self.s.request("GET", f"/v1/articles/{a}/{sub}").header("ETag")})
            self.check("GET", f"/v1/articles/{a}/{sub}?offsets=bytes", 400)
            self.check("GET", f"/v1/articles/999999/{sub}", 404)
        self.check("GET", "/v1/entities?kind=person&limit=5", 200)
        self.check("GET", "/v1/entities", 304, headers={"If-None-Match": self.s.request("GET", "/v1/entities").header("ETag")})
        self.check("GET", "/v1/entities?kind=animal", 400)
        for sort in ("mentions", "articles", "name"):
            r = self.check("GET", f"/v1/entities?sort={sort}&limit=2", 200)
            self.check("GET", r.json()["next"], 200)
        self.check("GET", "/v1/entities?sort=salience", 400)
        # q from three characters is a substring through the trigram index, shorter the
        # start of the name: both documented, both pages of the same shape
        for q in ("Toq", "oqae", "Qa", "q"):
            r = self.check("GET", f"/v1/entities?q={q}&limit=1", 200)
            self.assertTrue(r.json()["data"], q)
        r = self.check("GET", f"/v1/entities?q=qaev&kind=person&sort=name&article={a}", 200)
        self.assertEqual([x["name"] for x in r.json()["data"]], ["Qasym-Zhomart Toqaev"])
        by_name = self.s.request("GET", "/v1/entities?sort=name&limit=1").json()["next"]
        self.check("GET", by_name.replace("sort=name", "sort=articles"), 400)
        r = self.check("GET", f"/v1/entities/{e}", 200)
        self.assertEqual(r.json()["cooccurrence_articles"], 1, "the seed article alone")
        self.check("GET", f"/v1/entities/{e}", 304, headers={"If-None-Match": self.s.request("GET", f"/v1/entities/{e}").header("ETag")})
        self.check("GET", "/v1/entities/abc", 400)
        self.check("GET", "/v1/entities/999999", 404)
        self.check("GET", f"/v1/entities/{e}/statements", 200)
        self.check("GET", f"/v1/entities/{e}/statements", 304, headers={"If-None-Match": self.s.request("GET", f"/v1/entities/{e}/statements").header("ETag")})
        self.check("GET", f"/v1/entities/{e}/statements?limit=9999", 400)
        self.check("GET", "/v1/entities/999999/statements", 404)
        self.check("GET", "/v1/statements?q=kill&kind=direct", 200)
        self.check("GET", "/v1/statements", 304, headers={"If-None-Match": self.s.request("GET", "/v1/statements").header("ETag")})
        self.check("GET", "/v1/statements?q=%22open", 400)
        r = self.check("GET", "/v1/export?format=ndjson&offsets=utf16", 200)
        lines = r.body.decode().splitlines()
        self.assertTrue(lines)
        for line in lines:
            jsonschema.validate(json.loads(line), SPEC["components"]["schemas"]["ArticleFull"],
                                cls=jsonschema.Draft202012Validator, resolver=RESOLVER)
        self.check("GET", "/v1/export?format=xml", 400)
        N = {"Content-Type": "application/x-ndjson"}
        r = self.check("POST", "/v1/articles:batch", 200,
                       b'{"title": "B1", "body": "Batch one in Rome."}\n{"body": 5}\n', N)
        self.assertEqual([json.loads(l)["status"] for l in r.body.splitlines()], [201, 400])
        self.check("POST", "/v1/articles:batch?x=1", 400, b'{"body": "x"}\n', N)
        self.check("POST", "/v1/articles:batch", 413, b"x" * (2 << 20), N)
        self.check("POST", "/v1/articles:batch", 415, b'{"body": "x"}', J)
        self.check("POST", "/v1/articles:batch", 422, b"\n\n", N)
        # merge two people, then the old id redirects
        self.s.post_text("/v1/articles", "Merge one\n\nJane Roewell spoke in Oslo on Monday.")
        self.s.post_text("/v1/articles", "Merge two\n\nJane Rowell spoke in Bergen on Friday.")
        people = {x["name"]: x["id"] for x in self.s.request("GET", "/v1/entities?kind=person&limit=500").json()["data"]}
        a1, a2 = people["Jane Roewell"], people["Jane Rowell"]
        oslo = self.s.request("GET", "/v1/entities?q=Oslo&kind=location").json()["data"][0]["id"]
        self.check("POST", f"/v1/entities/{a1}/merge", 200, json.dumps({"from": a2}), J)
        self.check("GET", f"/v1/entities/{a2}", 308)
        self.check("GET", f"/v1/entities/{a2}/statements", 308)
        self.check("POST", f"/v1/entities/{a1}/merge", 400, b'{"from": "x"}', J)
        self.check("POST", f"/v1/entities/{a1}/merge", 404, b'{"from": 999999}', J)
        self.check("POST", f"/v1/entities/{a1}/merge", 409, json.dumps({"from": oslo}), J)
        self.check("POST", f"/v1/entities/{a1}/merge", 415, b'from=1', {"Content-Type": "text/plain"})
        d = self.s.post_text("/v1/articles", "Gone soon\n\nA body to delete.").json()["article"]["id"]
        self.check("DELETE", f"/v1/articles/{d}", 204)
        self.check("DELETE", f"/v1/articles/{d}", 404)
        self.check("DELETE", "/v1/articles/zero", 400)

    def test_zz_auth_responses(self):
        s = Server("--api-key", "k")
        try:
            for method, path in (("POST", "/v1/articles"), ("POST", "/v1/extract"),
                                 ("POST", "/v1/articles:batch"), ("POST", "/v1/entities/1/merge"),
                                 ("DELETE", "/v1/articles/1")):
                r = s.request(method, path, b"T\n\nBody.", {"Content-Type": "text/plain"})
                self.assertEqual(r.status, 401)
                p = find_operation(method, path)
                op = SPEC["paths"][p][method.lower()]
                self.assertIn("401", op["responses"])
                jsonschema.validate(r.json(), deref(op["responses"]["401"])["content"]["application/problem+json"]["schema"],
                                    cls=jsonschema.Draft202012Validator, resolver=RESOLVER)
                EXERCISED.add((p, method.lower(), "401"))
        finally:
            s.stop()
        # with a read key, every read of /v1/ without it is a documented 401
        s = Server("--api-key", "k", "--read-key", "r")
        try:
            for p, item in SPEC["paths"].items():
                if not p.startswith("/v1/") or "get" not in item:
                    continue
                r = s.request("GET", p.replace("{id}", "1"))
                self.assertEqual(r.status, 401, p)
                self.assertIn("401", item["get"]["responses"], f"GET {p}: 401 not documented")
                jsonschema.validate(r.json(), deref(item["get"]["responses"]["401"])["content"]["application/problem+json"]["schema"],
                                    cls=jsonschema.Draft202012Validator, resolver=RESOLVER)
                EXERCISED.add((p, "get", "401"))
        finally:
            s.stop()

    def test_zz_backlog_full(self):
        # a backlog of one article, held by a POST whose commit waits for a write lock taken
        # here: the next POST is the documented 503 with Retry-After
        s = Server("--ingest-backlog", "1")
        db = sqlite3.connect(s.db, timeout=10, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            held = threading.Thread(target=s.post_text,
                                    args=("/v1/articles", "Held\n\nA body in Paris."))
            held.start()
            deadline = time.time() + 10
            while "newsgraph_ingest_backlog 1\n" not in s.request("GET", "/metrics").body.decode():
                self.assertLess(time.time(), deadline)
                time.sleep(0.01)
            r = self.check("POST", "/v1/articles", 503, b"Refused\n\nA body in Rome.",
                           {"Content-Type": "text/plain"}, server=s)
            self.assertEqual(r.header("Retry-After"), "1")
            db.execute("ROLLBACK")
            held.join(30)
        finally:
            db.close()
            s.stop()

    def test_zzz_spec_and_server_agree(self):
        # every route of the server is documented
        with open(os.path.join(SRC, "server", "routes.c"), encoding="utf-8") as f:
            routes = re.findall(r'\{"(GET|POST|DELETE|PUT|PATCH)", "([^"]+)"', f.read())
        for method, pattern in routes:
            if pattern == "/{file}":
                continue  # the web front end's assets, documented by GET /
            self.assertIn(pattern, SPEC["paths"], f"route {pattern} is not documented")
            self.assertIn(method.lower(), SPEC["paths"][pattern], f"{method} {pattern} not documented")
        # every documented path allows exactly the documented methods
        for p, item in SPEC["paths"].items():
            probe = p.replace("{id}", "1")
            r = self.s.request("OPTIONS", probe)
            self.assertEqual(r.status, 204, p)
            allowed = {m.strip() for m in r.header("Allow").split(",")} - {"HEAD", "OPTIONS"}
            documented = {m.upper() for m in item if m in ("get", "post", "delete", "put", "patch")}
            self.assertEqual(allowed, documented, p)
        # every documented response was exercised (the web index may be absent: 200 or 404)
        missing = []
        for p, item in SPEC["paths"].items():
            for m, op in item.items():
                if m not in ("get", "post", "delete"):
                    continue
                for status in op["responses"]:
                    if (p, m, status) not in EXERCISED and not (p == "/" ):
                        if status == "503" and (p, m) != ("/v1/articles", "post"):
                            continue  # readiness failure needs a broken database
                        missing.append(f"{m.upper()} {p} {status}")
        self.assertEqual(missing, [], "documented but never exercised")


if __name__ == "__main__":
    unittest.main(verbosity=2)
