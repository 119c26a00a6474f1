#!/usr/bin/env python3
"""Loads lines [FROM, TO) of an NDJSON file (bench/gen_articles.py) into a running newsgraph
through POST /v1/articles:batch, CHUNK lines per request over CONNS keep-alive connections
(one thread each, chunks taken in order). Every article must come back 201 (the corpus is
distinct): anything else stops the load with an error. With --deadline S no chunk is started
after S seconds, so the load ends early, on a chunk boundary, with a contiguous prefix stored.

usage: bench/scale_load.py PORT FILE FROM TO [--chunk 1000] [--conns 2] [--deadline S]
prints: loaded N, seconds S, articles_per_s R, text_bytes B (UTF-8 bytes of the titles and
bodies stored), ndjson_bytes F, stopped_early 0|1
"""
import argparse
import http.client
import itertools
import json
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("port", type=int)
    ap.add_argument("file")
    ap.add_argument("start", type=int)
    ap.add_argument("end", type=int)
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--conns", type=int, default=2)
    ap.add_argument("--deadline", type=float, default=0)
    a = ap.parse_args()

    fh = open(a.file, "rb")
    lines = itertools.islice(fh, a.start, a.end)
    lock = threading.Lock()
    t0 = time.monotonic()
    state = {"loaded": 0, "text": 0, "nd": 0, "err": None, "early": False, "taken": 0,
             "next_report": 10000}

    def take():
        with lock:
            if state["err"]:
                return None
            if a.deadline and time.monotonic() - t0 > a.deadline:
                if state["taken"] < a.end - a.start:
                    state["early"] = True
                return None
            chunk = list(itertools.islice(lines, a.chunk))
            state["taken"] += len(chunk)
            return chunk or None

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", a.port, timeout=600)
        while True:
            chunk = take()
            if not chunk:
                break
            body = b"".join(chunk)
            try:
                conn.request("POST", "/v1/articles:batch", body,
                             {"Content-Type": "application/x-ndjson"})
                r = conn.getresponse()
                data = r.read()
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    state["err"] = f"POST /v1/articles:batch: {e!r}"
                break
            res = [json.loads(x) for x in data.splitlines() if x.strip()] if r.status == 200 else []
            bad = [x for x in res if x.get("status") != 201]
            if r.status != 200 or len(res) != len(chunk) or bad:
                with lock:
                    state["err"] = (f"POST /v1/articles:batch: HTTP {r.status}, {len(res)} results "
                                    f"for {len(chunk)} lines, first bad: "
                                    f"{(bad[:1] or [data[:300]])[0]}")
                break
            text = 0
            for raw in chunk:
                o = json.loads(raw)
                text += len(o.get("title", "").encode()) + len(o["body"].encode())
            with lock:
                state["loaded"] += len(chunk)
                state["text"] += text
                state["nd"] += len(body)
                if state["loaded"] >= state["next_report"]:
                    state["next_report"] += 10000
                    el = time.monotonic() - t0
                    print(f"  loaded {state['loaded']} in {el:.0f} s "
                          f"({state['loaded'] / el:.0f} articles/s)", file=sys.stderr, flush=True)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(a.conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    el = time.monotonic() - t0
    if state["err"]:
        sys.exit("scale_load: " + state["err"])
    print(f"loaded {state['loaded']}")
    print(f"seconds {el:.1f}")
    print(f"articles_per_s {state['loaded'] / el if el > 0 else 0:.1f}")
    print(f"text_bytes {state['text']}")
    print(f"ndjson_bytes {state['nd']}")
    print(f"stopped_early {int(state['early'])}")


if __name__ == "__main__":
    main()
