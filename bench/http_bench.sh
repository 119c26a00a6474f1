#!/usr/bin/env bash
# HTTP read benchmark (bench/run.sh calls it; runs alone too): newsgraph against nginx in the
# same run. Builds `newsgraph` (Release, build-bench), starts `newsgraph serve` on a free
# loopback port over a temporary database, ingests the seed article, and saves each benchmarked
# response body. nginx (Debian nginx-light) is then started as a non-daemon child with a
# temporary config on another free loopback port, serving those byte-identical JSON bodies as
# static files. For each endpoint, wrk (-t2 -c64 -d10s, keep-alive, --latency) runs against
# newsgraph, then against nginx; the script prints req/s, p99 and the ratios, the peak RSS of
# both servers, and rewrites the "HTTP" section of bench/README.md.
#   HTTP_DURATION (10s), HTTP_CONNECTIONS (64), HTTP_THREADS (2), HTTP_SEED (seed article)
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)"
cd "$src"
build="${BENCH_BUILD:-build-bench}"
duration="${HTTP_DURATION:-10s}"
conns="${HTTP_CONNECTIONS:-64}"
wthreads="${HTTP_THREADS:-2}"
seed="${HTTP_SEED:-$src/tests/fixtures/kazakhstan-shoot-to-kill.txt}"
[ -f "$seed" ] || seed="$src/tests/fixtures/kazakhstan-shoot-to-kill.txt"
readme="$src/bench/README.md"

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "http_bench: $tool missing (scripts/deps.sh test)" >&2; exit 2; }
done

echo "== build newsgraph ($build, Release)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNG_BENCH=ON -DNG_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target newsgraph >/dev/null
bin="$build/newsgraph"

tmp="$(mktemp -d /tmp/newsgraph-http-bench.XXXXXX)"
chmod 755 "$tmp" # nginx workers may run as another user
ng_pid=""
nginx_pid=""
cleanup() {
  [ -n "$ng_pid" ] && kill "$ng_pid" 2>/dev/null && wait "$ng_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() { # url seconds pid: fails early when the server process has exited
  for _ in $(seq 1 $(($2 * 10))); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
hwm_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }

# 1. newsgraph, a temporary database, the seed ingested.
ng_port=$(free_port)
cores=$(nproc)
"$bin" serve --port "$ng_port" --db "$tmp/bench.db" --threads "$cores" >"$tmp/newsgraph.log" 2>&1 &
ng_pid=$!
if ! wait_http "http://127.0.0.1:$ng_port/healthz" 20 "$ng_pid"; then
  echo "http_bench: \`newsgraph serve\` did not answer on /healthz; its output:" >&2
  tail -20 "$tmp/newsgraph.log" >&2
  exit 1
fi
curl -s -o "$tmp/post.json" -w '%{http_code}' -H 'Content-Type: text/plain' \
  --data-binary @"$seed" "http://127.0.0.1:$ng_port/v1/articles" >"$tmp/post.code"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["article"]["id"])' \
  "$tmp/post.json" 2>/dev/null) || {
  echo "http_bench: ingesting the seed failed (HTTP $(cat "$tmp/post.code")):" >&2
  head -c 600 "$tmp/post.json" >&2
  exit 1
}

paths=("/v1/articles/$id?include=entities,statements" "/v1/entities?kind=person&limit=50"
       "/v1/statements?q=kill")
mkdir -p "$tmp/www"
for i in "${!paths[@]}"; do
  code=$(curl -s -o "$tmp/www/r$i.json" -w '%{http_code}' "http://127.0.0.1:$ng_port${paths[$i]}")
  if [ "$code" != 200 ]; then
    echo "http_bench: GET ${paths[$i]} gave HTTP $code, not 200:" >&2
    head -c 400 "$tmp/www/r$i.json" >&2
    exit 1
  fi
done

# 2. nginx serving the same bytes as static files.
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
$user_line
worker_processes $cores;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log $tmp/nginx/access.log;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  default_type application/json;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
  }
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx/stderr.log" &
nginx_pid=$!
if ! wait_http "http://127.0.0.1:$nginx_port/r0.json" 10 "$nginx_pid"; then
  echo "http_bench: nginx did not start:" >&2
  cat "$tmp/nginx/stderr.log" "$tmp/nginx/error.log" >&2 2>/dev/null
  exit 1
fi
for i in "${!paths[@]}"; do
  curl -s "http://127.0.0.1:$nginx_port/r$i.json" | cmp -s - "$tmp/www/r$i.json" ||
    { echo "http_bench: nginx does not serve r$i.json byte-identically" >&2; exit 1; }
done

# 3. wrk: newsgraph then nginx, per endpoint.
to_ms() { # wrk latency ("812.00us", "4.05ms", "1.02s") -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    printf "%.2f", (u == "us" ? n / 1000 : u == "s" ? n * 1000 : u == "m" ? n * 60000 : n) }'
}
run_wrk() { # url log -> "req/s p99ms non2xx"
  wrk -t"$wthreads" -c"$conns" -d"$duration" --latency "$1" >"$2" 2>&1
  local rps p99 bad
  rps=$(sed -n 's/^Requests\/sec:[[:space:]]*//p' "$2")
  p99=$(awk '$1 == "99%" { print $2 }' "$2")
  bad=$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses:[[:space:]]*//p' "$2")
  echo "${rps:-0} $(to_ms "${p99:-0ms}") ${bad:-0}"
}

rows=""
printf '\n%-48s %12s %9s %12s %9s %8s %9s\n' endpoint "newsgraph/s" "p99 ms" "nginx/s" \
  "p99 ms" "ratio" "p99 ratio"
for i in "${!paths[@]}"; do
  read -r n_rps n_p99 n_bad <<<"$(run_wrk "http://127.0.0.1:$ng_port${paths[$i]}" "$tmp/wrk-ng-$i.log")"
  read -r x_rps x_p99 x_bad <<<"$(run_wrk "http://127.0.0.1:$nginx_port/r$i.json" "$tmp/wrk-nginx-$i.log")"
  ratio=$(awk -v a="$n_rps" -v b="$x_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  pratio=$(awk -v a="$n_p99" -v b="$x_p99" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  ok=$(awk -v r="$ratio" -v p="$pratio" 'BEGIN { print (r >= 1.0 && p <= 1.5) ? "met" : "NOT met" }')
  note=""
  [ "$n_bad" != 0 ] && note=" ($n_bad non-2xx from newsgraph)"
  [ "$x_bad" != 0 ] && note="$note ($x_bad non-2xx from nginx)"
  size=$(stat -c %s "$tmp/www/r$i.json")
  printf '%-48s %12s %9s %12s %9s %8s %9s%s\n' "${paths[$i]}" "$n_rps" "$n_p99" "$x_rps" \
    "$x_p99" "${ratio}x" "${pratio}x" "$note"
  rows+="| \`GET ${paths[$i]}\` ($size B) | $n_rps | $n_p99 | $x_rps | $x_p99 | ${ratio}× | ${pratio}× | $ok$note |"$'\n'
done
ng_rss=$(hwm_kb "$ng_pid")
nginx_rss=0
for p in $nginx_pid $(ps -o pid= --ppid "$nginx_pid"); do
  nginx_rss=$((nginx_rss + $(hwm_kb "$p")))
done
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo "peak RSS: newsgraph $(mib "$ng_rss"), nginx $(mib "$nginx_rss") (master + $cores workers)"

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
python3 bench/readme_section.py "$readme" HTTP <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bash bench/http_bench.sh\` (also run by
\`make bench\`) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown) on $cores
cores, ${cpu_model:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end.
\`newsgraph serve --threads $cores\` (Release, build-bench) over a fresh SQLite database holding
the seed article, against $(nginx -v 2>&1 | sed 's/^nginx version: //') ($cores workers,
access log on, keep-alive unlimited) serving each response body byte-identically as a static
file, both on loopback, same run. wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'): $wthreads
threads, $conns connections, $duration, keep-alive; wrk shares the machine's cores with the
server under test.

| endpoint | newsgraph req/s | p99 ms | nginx req/s | p99 ms | req/s ratio | p99 ratio | target (≥ 1.0×, p99 ≤ 1.5×) |
|---|---|---|---|---|---|---|---|
${rows}
Peak RSS over the run: newsgraph $(mib "$ng_rss"); nginx $(mib "$nginx_rss") (master and
$cores workers summed).
EOF
echo "bench/README.md: HTTP section rewritten"
