#!/usr/bin/env bash
# Valgrind memcheck over a plain (non-sanitizer) build: valgrind sees what ASan does not
# (reads of uninitialised memory) and checks the optimised code the release ships.
#   * integration tests against a server started under valgrind (full leak check);
#   * with --units DIR, Criterion unit-test binaries from that build directory, each test's
#     worker traced (Criterion 2.4 re-executes the binary per test, so --trace-children).
# Fails when any process reports an error or a definitely/indirectly lost block, ends without
# valgrind's summary (killed before the leak check ran), or when a test fails.
#   bash scripts/valgrind_check.sh [--bin NEWSGRAPH] [--units DIR] [TESTS...]
#     --bin     server binary (default $NEWSGRAPH_VALGRIND_BIN, else build/newsgraph)
#     --units   directory of plain-build Criterion binaries (build-valgrind/tests)
#     TESTS     integration tests (default: test_api test_bad_input test_batch test_query)
#   NEWSGRAPH_VALGRIND_UNITS  unit binaries to run (default below; "all" for every one)
# make test runs it after ctest (make valgrind alone).
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
bin="${NEWSGRAPH_VALGRIND_BIN:-$src/build/newsgraph}"
units=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --units) units="$2"; shift 2 ;;
    -*) echo "usage: $0 [--bin NEWSGRAPH] [--units DIR] [TESTS...]" >&2; exit 2 ;;
    *) break ;;
  esac
done
tests=("$@")
[ ${#tests[@]} -eq 0 ] && tests=(test_api test_bad_input test_batch test_query)
# Every unit binary under valgrind takes about 4.5 minutes here (1.5 s of valgrind start-up
# per test, over 100 tests); these four take about 100 s of CPU and cover the store, the
# cursor codec and the whole extraction pipeline. The quote and statement suites exercise the
# same code with other texts (ASan and the fuzzers cover them).
read -r -a unit_tests <<<"${NEWSGRAPH_VALGRIND_UNITS:-test_store test_extract_pipeline test_server_cursor test_extract_offsets}"
command -v valgrind >/dev/null || { echo "valgrind_check: valgrind is not installed" >&2; exit 2; }
[ -x "$bin" ] || { echo "valgrind_check: build $bin first (make build)" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
if [ -n "$units" ]; then
  units="$(cd "$units" && pwd)"
  if [ "${unit_tests[0]:-}" = all ]; then
    unit_tests=()
    for f in "$units"/test_*; do [ -x "$f" ] && unit_tests+=("$(basename "$f")"); done
  fi
  for u in "${unit_tests[@]}"; do
    [ -x "$units/$u" ] || { echo "valgrind_check: no unit binary $units/$u" >&2; exit 2; }
  done
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/ng-valgrind.XXXXXX")
# Not --quiet: every process that exits writes "ERROR SUMMARY: N errors", and definite and
# indirect leaks count as errors, so that one line says whether the process is clean and its
# absence says the leak check never ran.
vg=(valgrind --leak-check=full --show-leak-kinds="definite,indirect"
  --errors-for-leak-kinds="definite,indirect" --error-exitcode=99 --num-callers=30)
wrapper="$logs/newsgraph"
{
  echo '#!/bin/sh'
  printf 'exec'
  printf ' %q' "${vg[@]}" "--log-file=$logs/server.%p.log" "$bin"
  echo ' "$@"'
} >"$wrapper"
chmod +x "$wrapper"
start=$(date +%s)

# The unit binaries run in the background, as many at a time as there are CPUs, while the
# integration tests (mostly one valgrind'd server) run in the foreground.
unit_pid=""
if [ -n "$units" ] && [ ${#unit_tests[@]} -gt 0 ]; then
  run_unit() {
    local u="$1" rc=0
    # System tools the tests run (system("rm -rf ...")) are not ours: not traced, and the
    # forked child that execs them stays silent (its log would end without a summary). A
    # Criterion worker is a fresh exec of the test binary and gets its own log.
    NEWSGRAPH_SRC="$src" "${vg[@]}" --trace-children=yes --child-silent-after-fork=yes \
      --trace-children-skip='/bin/*,/usr/bin/*,/usr/local/bin/*' \
      --log-file="$logs/unit.$u.%p.log" "$units/$u" -j1 --ascii >"$logs/$u.out" 2>&1 || rc=$?
    echo "$rc" >"$logs/$u.rc"
  }
  run_units() {
    local u running=0 jobs
    jobs=$(nproc)
    for u in "${unit_tests[@]}"; do
      run_unit "$u" &
      running=$((running + 1))
      if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
      fi
    done
    wait
  }
  run_units &
  unit_pid=$!
fi

failed=()
for t in "${tests[@]}"; do
  rc=0
  # memcheck runs a query 20-50 times slower: the servers get a 60 s read budget, not 2 s
  NEWSGRAPH_BIN="$wrapper" NEWSGRAPH_SRC="$src" NEWSGRAPH_QUERY_BUDGET=60000 \
    python3 "$src/tests/integration/$t.py" >"$logs/$t.out" 2>&1 || rc=$?
  echo "integration $t: $(grep -E '^(Ran|OK|FAILED)' "$logs/$t.out" | tr '\n' ' ')"
  [ "$rc" -eq 0 ] || failed+=("$t (exit $rc, see $logs/$t.out)")
done
if [ -n "$unit_pid" ]; then
  wait "$unit_pid" || true
  for u in "${unit_tests[@]}"; do
    rc=$(cat "$logs/$u.rc" 2>/dev/null || echo missing)
    echo "unit $u: $(grep -E 'Synthesis' "$logs/$u.out" | sed 's/.*Synthesis: //')"
    [ "$rc" = 0 ] || failed+=("$u (exit $rc, see $logs/$u.out)")
  done
fi

shopt -s nullglob
all=("$logs"/*.log)
bad=()
unfinished=()
for f in "${all[@]}"; do
  if ! grep -q "ERROR SUMMARY:" "$f"; then
    unfinished+=("$f")
  elif grep -qE "ERROR SUMMARY: [1-9]" "$f"; then
    bad+=("$f")
  fi
done
servers=("$logs"/server.*.log)
echo "valgrind: ${#all[@]} processes checked (${#servers[@]} server, $((${#all[@]} - ${#servers[@]})) unit-test)," \
  "${#bad[@]} with errors or leaks, ${#unfinished[@]} without a summary, $(($(date +%s) - start)) s"
if [ ${#all[@]} -eq 0 ]; then
  echo "valgrind_check: no process ran under valgrind" >&2
  exit 1
fi
for f in "${bad[@]}" "${unfinished[@]}"; do
  echo "---- $f"
  grep -vE "^==[0-9]+== (Memcheck|Copyright|Using Valgrind|Parent PID|$)" "$f" | head -60
done
for f in "${failed[@]}"; do echo "FAILED: $f"; done
if [ ${#bad[@]} -gt 0 ] || [ ${#unfinished[@]} -gt 0 ] || [ ${#failed[@]} -gt 0 ]; then
  echo "valgrind_check: logs kept in $logs" >&2
  exit 1
fi
rm -rf "$logs"
