#!/usr/bin/env bash
# Lints openapi.yaml with @redocly/cli (pinned in tests/contract/package.json; installed
# into tests/contract/node_modules from the npm registry on first run). Fails on any error
# of the recommended ruleset, tuned in redocly.yaml (each change says why).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${NEWSGRAPH_SRC:-$here/../..}"
if [ ! -x "$here/node_modules/.bin/redocly" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
cd "$here"
"$here/node_modules/.bin/redocly" lint --config "$here/redocly.yaml" --max-problems 50 \
  --format stylish "$src/openapi.yaml"
