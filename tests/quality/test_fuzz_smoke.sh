#!/usr/bin/env bash
# Fuzz smoke test (CTest quality.test_fuzz_smoke): the test build is gcc+ASan, which has no
# libFuzzer, so this builds extract_fuzz and server_fuzz with clang in a temporary build directory
# (-DNG_FUZZ=ON: ASan+UBSan+coverage), then runs fuzz/run.sh on it: the committed crash
# inputs in fuzz/crashes/ are replayed (each must now pass), the seed corpus
# (tests/fixtures) is replayed, and 20 s of fuzzing per target follow. Fails on any finding.
# About 1-2 minutes in all. FUZZ_SMOKE_SECONDS overrides the 20 s.
set -euo pipefail

src="${NEWSGRAPH_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}"
seconds="${FUZZ_SMOKE_SECONDS:-20}"

if ! command -v clang >/dev/null 2>&1; then
  # scripts/deps.sh (run by `make test`) installs clang; without it there is nothing to run.
  echo "SKIP: clang not found (scripts/deps.sh test installs clang and libclang-rt-14-dev)"
  exit 0
fi

tmp="$(mktemp -d /tmp/newsgraph-fuzz-smoke.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

echo "fuzz smoke: building extract_fuzz and server_fuzz with clang in $tmp"
cmake -S "$src" -B "$tmp/build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DNG_FUZZ=ON -DNG_TESTS=OFF >"$tmp/configure.log" 2>&1 ||
  { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/build" -j2 --target extract_fuzz server_fuzz >"$tmp/build.log" 2>&1 ||
  { tail -40 "$tmp/build.log"; exit 1; }

FUZZ_TARGETS="extract_fuzz server_fuzz" bash "$src/fuzz/run.sh" "$tmp/build" "$seconds"
