#!/usr/bin/env bash
# Runs the API integration tests against a server started under valgrind (memcheck, full
# leak check) and fails when valgrind reports an error or a definitely/indirectly lost
# block in any server process. Uses the plain build (make build), not the sanitizer build.
#   bash scripts/valgrind_check.sh [TESTS...]   (default: test_api test_bad_input test_batch)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
bin="${NEWSGRAPH_VALGRIND_BIN:-$src/build/newsgraph}"
[ -x "$bin" ] || { echo "valgrind_check: build $bin first (make build)" >&2; exit 2; }
logs=$(mktemp -d)
wrapper="$logs/newsgraph"
cat >"$wrapper" <<WRAP
#!/bin/sh
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \\
  --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \\
  --log-file="$logs/vg.%p.log" "$bin" "\$@"
WRAP
chmod +x "$wrapper"
tests=("$@")
[ ${#tests[@]} -eq 0 ] && tests=(test_api test_bad_input test_batch)
for t in "${tests[@]}"; do
  NEWSGRAPH_BIN="$wrapper" NEWSGRAPH_SRC="$src" python3 "$src/tests/integration/$t.py" 2>&1 |
    tail -3
done
procs=$(ls "$logs"/vg.*.log | wc -l)
bad=$(grep -lE "(definitely|indirectly) lost: [1-9]|ERROR SUMMARY: [1-9]|Invalid (read|write)|uninitialised" "$logs"/vg.*.log || true)
echo "valgrind: $procs server process(es) checked, $(echo -n "$bad" | grep -c . || true) with reports"
if [ -n "$bad" ]; then
  cat $bad | head -60
  exit 1
fi
rm -rf "$logs"
