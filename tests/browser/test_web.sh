#!/usr/bin/env bash
# Browser test of the web front end: starts the real server on a free loopback port over a
# temporary database, installs the pinned playwright-core on first run (npm ci), and drives
# Debian's chromium through web_check.mjs. The screenshot goes to the build folder (the
# working directory CTest gives), and to docs/screenshot.png with UPDATE_SCREENSHOT=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${NEWSGRAPH_SRC:-$here/../..}"
bin="${NEWSGRAPH_BIN:-$src/build/newsgraph}"
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$tmp/web.db" --port "$port" --threads 2 >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 200); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
shot="$PWD/web-screenshot.png"
node "$here/web_check.mjs" "http://127.0.0.1:$port" "$src/tests/fixtures/kazakhstan-shoot-to-kill.txt" "$shot"
if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then
  mkdir -p "$src/docs" && cp "$shot" "$src/docs/screenshot.png"
fi
if grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$tmp/server.log"; then
  cat "$tmp/server.log" >&2
  exit 1
fi
