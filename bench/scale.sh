#!/usr/bin/env bash
# Scale benchmark (`make bench-scale`; not part of `make test` or `make bench`): how the read
# queries hold up as the archive grows from 1,000 articles to SCALE_N (100,000).
#
# 1. Builds the release binary (`make build`: build/newsgraph) and generates SCALE_N distinct
#    articles as NDJSON (bench/gen_articles.py; kept in build/scale/ and reused while the
#    generator is unchanged).
# 2. Starts `newsgraph serve` on a free loopback port over a fresh database in a temporary
#    directory and loads the first SCALE_SMALL (1,000) articles through
#    POST /v1/articles:batch (bench/scale_load.py: 1,000 lines a request, 2 connections).
# 3. Builds the request lists from the API (bench/scale_paths.py) and runs wrk on each query
#    (-t2 -c16, SCALE_DURATION 10s, keep-alive, --latency; bench/scale_wrk.lua walks the list,
#    so consecutive requests differ and the response cache does not answer them: the cache
#    hits of each run are read from /metrics and printed).
# 4. Loads the rest up to SCALE_N, but starts no new batch after SCALE_BUDGET seconds (1200):
#    N is then what was loaded, and the report says so. Measures again at N.
# 5. Prints p99, req/s and the N/1k ratio per query, the database size (db + wal) against the
#    text loaded, the server's peak RSS, and rewrites the "Scale" section of bench/README.md
#    (SCALE_README=0 leaves it alone).
#   SCALE_N (100000), SCALE_SMALL (1000), SCALE_BUDGET (1200), SCALE_DURATION (10s),
#   SCALE_CONNS (16), SCALE_WRK_THREADS (2), SCALE_KEEP=1 keeps the database directory
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
cd "$src"
n_big="${SCALE_N:-100000}"
n_small="${SCALE_SMALL:-1000}"
budget="${SCALE_BUDGET:-1200}"
duration="${SCALE_DURATION:-10s}"
conns="${SCALE_CONNS:-16}"
wthreads="${SCALE_WRK_THREADS:-2}"
readme="$src/bench/README.md"
work="$src/build/scale"

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "scale: $tool missing (scripts/deps.sh test)" >&2; exit 2; }
done
[ "$n_big" -gt "$n_small" ] || { echo "scale: SCALE_N must exceed SCALE_SMALL" >&2; exit 2; }

echo "== build (make build: build/newsgraph)"
make -s build >/dev/null
bin="$src/build/newsgraph"
mkdir -p "$work"

corpus="$work/articles-$n_big.ndjson"
stamp="$work/articles-$n_big.stamp"
gen_sum=$(cat bench/gen_articles.py bench/corpus.py tests/fixtures/*.txt tests/fixtures/dev/*.txt |
  sha256sum | cut -c1-16)
if [ ! -s "$corpus" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$gen_sum" ]; then
  echo "== corpus: bench/gen_articles.py $n_big (about 1.5 s per 1,000)"
  python3 bench/gen_articles.py "$n_big" "$corpus" >"$work/corpus.txt"
  echo "$gen_sum" >"$stamp"
else
  echo "== corpus: $corpus (unchanged generator, reused)"
fi

tmp="$(mktemp -d /tmp/newsgraph-scale.XXXXXX)"
ng_pid=""
cleanup() {
  if [ -n "$ng_pid" ]; then kill "$ng_pid" 2>/dev/null && wait "$ng_pid" 2>/dev/null; fi
  if [ "${SCALE_KEEP:-0}" = 1 ]; then echo "scale: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cores=$(nproc)
db="$tmp/scale.db"
"$bin" serve --port "$port" --db "$db" --threads "$cores" --max-body 64MiB --quiet \
  >"$tmp/server.log" 2>&1 &
ng_pid=$!
for _ in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  kill -0 "$ng_pid" 2>/dev/null || { tail -20 "$tmp/server.log" >&2; exit 1; }
  sleep 0.1
done

val() { sed -n "s/^$1 //p" "$2" | tail -1; }
hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }
fsize() { stat -c %s "$1" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$ng_pid/stat"; } # the server's user + system time
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v k="$1" '$1 == k { print $2 }'; }
to_ms() { # wrk latency ("812.00us", "4.05ms", "1.02s") -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    printf "%.2f", (u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n) }'
}

# name|what the table calls it
queries=(
  "articles_q|GET /v1/articles?q=<word>"
  "articles_entity|GET /v1/articles?entity=<id>"
  "articles_source|GET /v1/articles?source=<source>"
  "articles_dates|GET /v1/articles?since=<t>&until=<t+1..7 d>"
  "entities_person|GET /v1/entities?kind=person&limit=50"
  "entities_q|GET /v1/entities?q=<4-letter prefix>"
  "entity_one|GET /v1/entities/<id>"
  "statements_q|GET /v1/statements?q=<word>"
  "statements_speaker|GET /v1/statements?speaker=<id>"
  "statements_about|GET /v1/statements?about=<id>"
  "articles_q_page2|GET /v1/articles?q=<word>&cursor=<page 2>"
)

measure() { # label: request lists, then wrk per query -> $tmp/results-label.tsv
  local label=$1 out="$tmp/results-$1.tsv"
  echo "== request lists at $label (bench/scale_paths.py)"
  python3 bench/scale_paths.py "$port" "$tmp/paths-$label" | tee "$tmp/paths-$label.txt"
  : >"$out"
  printf '%-24s %10s %9s %9s %9s %8s %9s\n' query "req/s" "p50 ms" "p99 ms" "hit %" non2xx "cpu ms/r"
  echo 5 >"/proc/$ng_pid/clear_refs" 2>/dev/null || true
  for q in "${queries[@]}"; do
    local name=${q%%|*} log="$tmp/wrk-$label-${q%%|*}.log"
    local h0 m0 h1 m1 c0 c1 cpu reqs
    h0=$(metric newsgraph_cache_hits_total)
    m0=$(metric newsgraph_cache_misses_total)
    c0=$(cpu_ticks)
    wrk -t"$wthreads" -c"$conns" -d"$duration" --timeout 30s --latency -s bench/scale_wrk.lua \
      "http://127.0.0.1:$port" -- "$tmp/paths-$label/$name.txt" "$wthreads" >"$log" 2>&1
    c1=$(cpu_ticks)
    h1=$(metric newsgraph_cache_hits_total)
    m1=$(metric newsgraph_cache_misses_total)
    local rps p50 p99 bad hit
    rps=$(sed -n 's/^Requests\/sec:[[:space:]]*//p' "$log")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$log")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$log")")
    bad=$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p' "$log")
    local sock
    sock=$(awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$log")
    bad=$((${bad:-0} + ${sock:-0}))
    reqs=$(awk '/requests in/ { print $1 }' "$log")
    local kb # mean response size (headers included), from wrk's "N requests in T, X read"
    kb=$(awk '/requests in/ { v = $(NF - 1); n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
      b = n * (u == "KB" ? 1024 : u == "MB" ? 1048576 : u == "GB" ? 1073741824 : 1);
      printf "%.1f", ($1 > 0 ? b / $1 / 1024 : 0) }' "$log")
    cpu=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v n="${reqs:-0}" 'BEGIN { printf "%.3f", (n > 0 ? 1000 * t / hz / n : 0) }')
    hit=$(awk -v h=$((h1 - h0)) -v m=$((m1 - m0)) 'BEGIN { printf "%.1f", (h + m > 0 ? 100 * h / (h + m) : 0) }')
    printf '%-24s %10s %9s %9s %9s %8s %9s\n' "$name" "${rps:-0}" "$p50" "$p99" "$hit" "$bad" "$cpu"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${rps:-0}" "$p50" "$p99" "$hit" "$bad" "$cpu" "$kb" >>"$out"
  done
  echo "read_rss_kb $(hwm_kb "$ng_pid")" >"$tmp/rss-read-$label"
}

sizes() { # label -> $tmp/size-label: files after a load, and the peak RSS of the load
  local d w s
  d=$(fsize "$db")
  w=$(fsize "$db-wal")
  s=$(fsize "$db-shm")
  printf 'db %s\nwal %s\nshm %s\nrss_kb %s\n' "$d" "$w" "$s" "$(hwm_kb "$ng_pid")" >"$tmp/size-$1"
  # the reads get a peak of their own: writing 5 to clear_refs resets VmHWM to the current RSS
  echo 5 >"/proc/$ng_pid/clear_refs" 2>/dev/null || true
}

echo "== load $n_small articles (POST /v1/articles:batch, 1,000 a request, 2 connections)"
python3 bench/scale_load.py "$port" "$corpus" 0 "$n_small" | tee "$tmp/load-small.txt"
sizes small
measure small

echo "== load up to $n_big articles (no new batch after ${budget}s)"
python3 bench/scale_load.py "$port" "$corpus" "$n_small" "$n_big" --deadline "$budget" |
  tee "$tmp/load-big.txt"
n_loaded=$((n_small + $(val loaded "$tmp/load-big.txt")))
early=$(val stopped_early "$tmp/load-big.txt")
sizes big
measure big

# ------------------------------------------------------------------ report
text_small=$(val text_bytes "$tmp/load-small.txt")
text_big=$((text_small + $(val text_bytes "$tmp/load-big.txt")))
load_s=$(val seconds "$tmp/load-big.txt")
load_rate=$(val articles_per_s "$tmp/load-big.txt")
small_rate=$(val articles_per_s "$tmp/load-small.txt")
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
kfmt() { awk -v n="$1" 'BEGIN { if (n % 1000 == 0) printf "%dk", n / 1000; else printf "%d", n }'; }
s_lbl=$(kfmt "$n_small")
b_lbl=$(kfmt "$n_loaded")

rows=""
printf '\n%-48s %9s %9s %7s %8s %8s %7s %s\n' query "p99 $s_lbl" "p99 $b_lbl" ratio "cpu $s_lbl" "cpu $b_lbl" ratio bar
for q in "${queries[@]}"; do
  name=${q%%|*}
  what=${q#*|}
  IFS=$'\t' read -r _ s_rps s_p50 s_p99 s_hit s_bad s_cpu s_kb < <(grep "^$name	" "$tmp/results-small.tsv")
  IFS=$'\t' read -r _ b_rps b_p50 b_p99 b_hit b_bad b_cpu b_kb < <(grep "^$name	" "$tmp/results-big.tsv")
  r=$(ratio "$b_p99" "$s_p99")
  rc=$(ratio "$b_cpu" "$s_cpu")
  miss=""
  awk -v x="$s_p99" 'BEGIN { exit !(x >= 10) }' && miss+="p99 ≥ 10 ms at $s_lbl; "
  awk -v x="$b_p99" 'BEGIN { exit !(x >= 10) }' && miss+="p99 ≥ 10 ms at $b_lbl; "
  awk -v x="$r" 'BEGIN { exit !(x > 3) }' && miss+="ratio > 3×; "
  [ "$s_bad$b_bad" != 00 ] && miss+="errors: $s_bad at $s_lbl, $b_bad at $b_lbl; "
  verdict=${miss:+NOT met (${miss%; })}
  verdict=${verdict:-met}
  awk -v x="$rc" 'BEGIN { exit !(x > 3) }' && verdict+="; CPU per request ${rc}×"
  printf '%-48s %9s %9s %6sx %8s %8s %6sx %s\n' "$what" "$s_p99" "$b_p99" "$r" "$s_cpu" "$b_cpu" "$rc" "$verdict"
  rows+="| \`$what\` | $s_p99 | $b_p99 | ${r}× | $s_cpu | $b_cpu | ${rc}× | $s_rps | $b_rps | $s_p50 / $b_p50 | $s_kb / $b_kb | $s_hit / $b_hit | $verdict |"$'\n'
done

db_small=$(($(val db "$tmp/size-small") + $(val wal "$tmp/size-small")))
db_big=$(($(val db "$tmp/size-big") + $(val wal "$tmp/size-big")))
x_small=$(ratio "$db_small" "$text_small")
x_big=$(ratio "$db_big" "$text_big")
size_ok() { awk -v x="$1" 'BEGIN { exit !(x <= 3) }' && echo met || echo "NOT met"; }
rss_ls=$(val rss_kb "$tmp/size-small")
rss_lb=$(val rss_kb "$tmp/size-big")
rss_rs=$(val read_rss_kb "$tmp/rss-read-small")
rss_rb=$(val read_rss_kb "$tmp/rss-read-big")
rss_kb=$(printf '%s\n' "$rss_ls" "$rss_lb" "$rss_rs" "$rss_rb" | sort -n | tail -1)
rss_ok() { awk -v k="$1" 'BEGIN { exit !(k * 1024 < 200e6) }' && echo met || echo "NOT met"; }
echo
echo "database (db + wal): $s_lbl $(mib "$db_small") for $(mib "$text_small") of text (${x_small}x);" \
  "$b_lbl $(mib "$db_big") for $(mib "$text_big") (${x_big}x)"
echo "peak server RSS (VmHWM): loading $(mib $((rss_ls * 1024))) / $(mib $((rss_lb * 1024))), reads" \
  "$(mib $((rss_rs * 1024))) / $(mib $((rss_rb * 1024))) ($s_lbl / $b_lbl)"
echo "load to $n_loaded: ${load_s} s, $load_rate articles/s (first $n_small: $small_rate/s)"

short=""
if [ "$early" = 1 ] || [ "$n_loaded" -lt "$n_big" ]; then
  short="**Loading stopped at the ${budget} s budget: N is $n_loaded, not $n_big.** At the
measured rate the full load would take about $(awk -v n="$n_big" -v r="$load_rate" 'BEGIN { printf "%.0f", (r > 0 ? n / r / 60 : 0) }') minutes; re-run once batch ingest is faster."
fi

[ "${SCALE_README:-1}" = 0 ] && exit 0
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- extract server store schema cli CMakeLists.txt 2>/dev/null |
  awk '{ print $2 }' | paste -sd, - | sed 's/,/, /g')
[ -n "$dirty" ] && commit="$commit (built with uncommitted changes to $dirty)"
cat >"$tmp/section.md" <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`make bench-scale\` (\`bash bench/scale.sh\`) at
commit $commit on $cores cores,
${cpu_model:-unknown CPU}, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg) at the
end. \`build/newsgraph serve --threads $cores\` (\`make build\`, RelWithDebInfo) over a fresh
database; corpus \`bench/gen_articles.py $n_big\` (fixture paragraphs recombined, names,
sources and authors Zipf-distributed, dates in ingest order). Loaded through
\`POST /v1/articles:batch\` (1,000 lines a request, 2 connections): the first $n_small at
$small_rate articles/s, then $((n_loaded - n_small)) more in ${load_s} s ($load_rate articles/s).${short:+
$short}

Each query: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') \`-t$wthreads -c$conns -d$duration
--latency\`, keep-alive, with \`bench/scale_wrk.lua\` walking a list of 6,000 or more distinct
paths built from the API by \`bench/scale_paths.py\` (ids, words, sources and dates of 1,500
random articles; where a pool is smaller, crossed with \`limit\` values around the default 20),
so a request seldom finds its answer in the response cache ("hits" below, from /metrics): the
figures are the database's. \`kind=person&limit=50\` has a single URL; its list adds a second,
ignored \`limit\` (the first occurrence wins, checked to answer the same rows) to defeat the cache.
wrk shares the cores with the server, and so does whatever else runs on the machine: the
server's CPU time per request (from /proc, over the wrk run) is steadier than the latencies.

| query | p99 ms at $s_lbl | p99 ms at $b_lbl | p99 ratio | server CPU ms/request at $s_lbl | at $b_lbl | CPU ratio | req/s at $s_lbl | req/s at $b_lbl | p50 ms $s_lbl / $b_lbl | KiB per response $s_lbl / $b_lbl | cache hits % $s_lbl / $b_lbl | bar: p99 < 10 ms, p99 ratio ≤ 3× |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows}
| | at $s_lbl | at $b_lbl | bar |
|---|---|---|---|
| text loaded (titles + bodies, UTF-8) | $(mib "$text_small") | $(mib "$text_big") | |
| database: db + wal | $(mib "$db_small") ($(mib "$(val db "$tmp/size-small")") + $(mib "$(val wal "$tmp/size-small")")) | $(mib "$db_big") ($(mib "$(val db "$tmp/size-big")") + $(mib "$(val wal "$tmp/size-big")")) | |
| database / text | ${x_small}× | ${x_big}× | ≤ 3×: $s_lbl $(size_ok "$x_small"), $b_lbl $(size_ok "$x_big") |
| peak server RSS (VmHWM) while loading | $(mib $((rss_ls * 1024))) | $(mib $((rss_lb * 1024))) | < 200 MB: $(rss_ok "$(printf '%s\n' "$rss_ls" "$rss_lb" | sort -n | tail -1)") |
| peak server RSS (VmHWM) during the reads (reset to the RSS loading left) | $(mib $((rss_rs * 1024))) | $(mib $((rss_rb * 1024))) | < 200 MB: $(rss_ok "$(printf '%s\n' "$rss_rs" "$rss_rb" | sort -n | tail -1)") |
EOF
cp "$tmp/section.md" "$work/last-section.md"
python3 bench/readme_section.py "$readme" Scale <"$tmp/section.md"
echo "bench/README.md: Scale section rewritten (also in $work/last-section.md)"
