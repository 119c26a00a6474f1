#!/usr/bin/env bash
# Ingest benchmark (bench/run.sh calls it; runs alone too). Builds `newsgraph` and the load
# generator bench/ingest_client.c (Release, build-bench), generates INGEST_MB MB of distinct
# articles with bench/corpus.py (default 10: about 3,200 articles), then runs four phases,
# each against its own `newsgraph serve` (default --threads: one per core) on a free loopback
# port over a fresh database in a temporary directory (so each phase's peak RSS, VmHWM, is
# its own):
#   baseline  POST /v1/extract, one article per request, INGEST_CONNS (8) keep-alive
#             connections: the same requests, extraction and HTTP only, nothing stored;
#   single    POST /v1/articles, the same requests: extraction, storage and a durable commit
#             (the server's default, WAL with synchronous=FULL) per article;
#   grouped   the same with --threads INGEST_GROUP_THREADS (8): more requests in flight than
#             cores, so concurrent ingests share commits (the store's group commit);
#   batch     POST /v1/articles:batch, INGEST_BATCH_LINES (1000) articles per NDJSON request
#             over INGEST_BATCH_CONNS (2) connections.
# Every article must come back 201 (the corpus is distinct, so dedup never short-circuits).
# Prints articles/s, the ratios to the baseline, peak RSS and the CPU time of the store's
# writer thread per article, and rewrites the "Ingest" section of bench/README.md.
#   INGEST_MB (10), INGEST_CONNS (8), INGEST_BATCH_LINES (1000), INGEST_BATCH_CONNS (2),
#   INGEST_GROUP_THREADS (8),
#   BENCH_BUILD (build-bench), INGEST_README=0 to leave bench/README.md alone
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
cd "$src"
build="${BENCH_BUILD:-build-bench}"
mb="${INGEST_MB:-10}"
conns="${INGEST_CONNS:-8}"
lines="${INGEST_BATCH_LINES:-1000}"
bconns="${INGEST_BATCH_CONNS:-2}"
gthreads="${INGEST_GROUP_THREADS:-8}"
readme="$src/bench/README.md"

for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "ingest_bench: $tool missing" >&2; exit 2; }
done

echo "== build newsgraph and ingest_client ($build, Release)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNG_BENCH=ON -DNG_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target newsgraph ingest_client >/dev/null
bin="$build/newsgraph"
client="$build/bench/ingest_client"

corpus="$build/ingest-corpus"
echo "== corpus ($mb MB)"
python3 bench/corpus.py "$mb" "$corpus" | tee "$build/ingest-corpus.txt"
n_articles=$(find "$corpus" -name '*.txt' | wc -l)
corpus_bytes=$(cat "$corpus"/*.txt | wc -c)

tmp="$(mktemp -d /tmp/newsgraph-ingest-bench.XXXXXX)"
ng_pid=""
cleanup() {
  if [ -n "$ng_pid" ]; then kill "$ng_pid" 2>/dev/null && wait "$ng_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }
cores=$(nproc)

start_server() { # name [threads]: a fresh database, a free port; sets port and ng_pid
  mkdir -p "$tmp/$1"
  port=$(free_port)
  "$bin" serve --port "$port" --db "$tmp/$1/bench.db" ${2:+--threads "$2"} --max-body 64MiB \
    >"$tmp/$1/server.log" 2>&1 &
  ng_pid=$!
  for _ in $(seq 1 200); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$ng_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "ingest_bench: \`newsgraph serve\` did not answer on /healthz; its output:" >&2
  tail -20 "$tmp/$1/server.log" >&2
  exit 1
}
# CPU seconds (user + system) the store's writer thread (named ng-writer) has used: the one
# thread every stored article passes through, so its CPU per article says what the store
# costs with less of the noise a shared machine puts into the rates.
writer_cpu_s() {
  local t
  for t in /proc/"$1"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = ng-writer ]; then
      awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "$t/stat"
      return
    fi
  done
  echo 0
}
stop_server() { # -> rss_kb and writer_s of the phase
  rss_kb=$(hwm_kb "$ng_pid")
  writer_s=$(writer_cpu_s "$ng_pid")
  kill "$ng_pid" && wait "$ng_pid" 2>/dev/null || true
  ng_pid=""
}
val() { sed -n "s/^$1 //p" "$2" | tail -1; }

phase() { # name threads ("" = default) mode path conns [lines]
  local name=$1
  start_server "$name" "$2"
  shift 2
  echo "== $name: $client $1 PORT ${*:2}"
  "$client" "$1" "$port" "$2" "$3" "$corpus" ${4:+"$4"} >"$tmp/$name.txt" ||
    { cat "$tmp/$name.txt" >&2; echo "ingest_bench: $name: HTTP errors" >&2; exit 1; }
  stop_server
  echo "peak_rss_kb $rss_kb" >>"$tmp/$name.txt"
  echo "writer_cpu_s $writer_s" >>"$tmp/$name.txt"
  cat "$tmp/$name.txt"
  local bad
  if [ "$name" = baseline ]; then
    bad=$(($(val s200 "$tmp/$name.txt") != n_articles))
  else
    bad=$(($(val s201 "$tmp/$name.txt") != n_articles))
  fi
  if [ "$bad" = 1 ]; then
    echo "ingest_bench: $name: not every article was answered as expected (201 stored, 200" \
      "extracted); server log:" >&2
    tail -5 "$tmp/$name/server.log" >&2
    exit 1
  fi
}

# The disk is shared too: a durable commit waits for fdatasync, so its latency here, now,
# is part of the figures (median of 20 fdatasync calls after a 4 KiB write).
fsync_ms=$(python3 - "$tmp" <<'PY'
import os, statistics, sys, time
fd = os.open(os.path.join(sys.argv[1], "probe"), os.O_WRONLY | os.O_CREAT)
t = []
for _ in range(20):
    os.write(fd, b"x" * 4096)
    t0 = time.perf_counter()
    os.fdatasync(fd)
    t.append((time.perf_counter() - t0) * 1e3)
print(f"{statistics.median(t):.2f}")
PY
)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== fdatasync of 4 KiB: $fsync_ms ms (median); load average $load_start"

phase baseline "" single /v1/extract "$conns"
phase single "" single /v1/articles "$conns"
phase grouped "$gthreads" single /v1/articles "$conns"
phase batch "" batch /v1/articles:batch "$bconns" "$lines"
# the database the batch phase left, for the record
db_mb=$(du -sm "$tmp/batch" | cut -f1)

b_rate=$(val articles_per_s "$tmp/baseline.txt")
s_rate=$(val articles_per_s "$tmp/single.txt")
g_rate=$(val articles_per_s "$tmp/grouped.txt")
x_rate=$(val articles_per_s "$tmp/batch.txt")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { if awk -v x="$1" -v t="$2" 'BEGIN { exit !(x >= t) }'; then echo met; else echo "NOT met"; fi; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
per_article() { # writer ms per article of a phase
  awk -v s="$(val writer_cpu_s "$tmp/$1.txt")" -v n="$n_articles" 'BEGIN { printf "%.2f", s * 1000 / n }'
}

table=$(cat <<EOF
| phase | articles/s | ratio to baseline | requests | p50 ms | p99 ms | peak server RSS | writer CPU ms/article | target |
|---|---|---|---|---|---|---|---|---|
| baseline: \`POST /v1/extract\`, 1 article/request, $conns connections (nothing stored) | $b_rate | 1.00× | $(val requests "$tmp/baseline.txt") | $(val p50_ms "$tmp/baseline.txt") | $(val p99_ms "$tmp/baseline.txt") | $(mib "$(val peak_rss_kb "$tmp/baseline.txt")") | | |
| \`POST /v1/articles\`, 1 article/request, $conns connections | $s_rate | $(ratio "$s_rate" "$b_rate")× | $(val requests "$tmp/single.txt") | $(val p50_ms "$tmp/single.txt") | $(val p99_ms "$tmp/single.txt") | $(mib "$(val peak_rss_kb "$tmp/single.txt")") | $(per_article single) | ≥ 1,000/s: $(verdict "$s_rate" 1000) |
| \`POST /v1/articles\`, the same, \`--threads $gthreads\` (group commit) | $g_rate | $(ratio "$g_rate" "$b_rate")× | $(val requests "$tmp/grouped.txt") | $(val p50_ms "$tmp/grouped.txt") | $(val p99_ms "$tmp/grouped.txt") | $(mib "$(val peak_rss_kb "$tmp/grouped.txt")") | $(per_article grouped) | ≥ 1,000/s: $(verdict "$g_rate" 1000) |
| \`POST /v1/articles:batch\`, $lines articles/request, $bconns connections | $x_rate | $(ratio "$x_rate" "$b_rate")× | $(val requests "$tmp/batch.txt") | $(val p50_ms "$tmp/batch.txt") | $(val p99_ms "$tmp/batch.txt") | $(mib "$(val peak_rss_kb "$tmp/batch.txt")") | $(per_article batch) | ≥ 5,000/s: $(verdict "$x_rate" 5000) |
EOF
)
echo
echo "$table"
echo

[ "${INGEST_README:-1}" = 0 ] && exit 0
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
python3 bench/readme_section.py "$readme" Ingest <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash bench/ingest_bench.sh\` (also run by
\`make bench\`) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown) on $cores
cores, ${cpu_model:-unknown CPU}; load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at
the end; fdatasync of 4 KiB on the database's file system $fsync_ms ms (median of 20) at the start.
Corpus: \`bench/corpus.py $mb\`, $n_articles distinct articles, $corpus_bytes bytes (every one
answered 201 in every ingest phase: no duplicate short-circuits). Each phase runs against its
own \`newsgraph serve --max-body 64MiB\` (Release, build-bench; the default \`--threads\`, one
per core, except in the group-commit row) over a fresh database, with the default
durability: WAL, \`synchronous=FULL\`, so an article is fsync'd when its 201 is sent.
Load: \`build-bench/bench/ingest_client\` (bench/ingest_client.c), the whole
corpus in memory first, one blocking thread per keep-alive connection, on the same
machine (it shares the cores with the server). The baseline posts the same bodies to
\`POST /v1/extract\` (extraction and HTTP, nothing stored), so a ratio says what storing
costs; the machine is shared and noisy, the ratios are steadier than the rates. Peak RSS is
the server's VmHWM at the end of its phase; writer CPU is the user and system time of the
store's writer thread (\`ng-writer\`, /proc) over the phase, per article stored. The batch
phase leaves a $db_mb MB database.

$table
EOF
echo "bench/README.md: Ingest section rewritten"
