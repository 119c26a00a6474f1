#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build (make fuzz: cmake -DNG_FUZZ=ON with clang).
#   bash fuzz/run.sh BUILD_DIR SECONDS
# For each target: replays the committed crash inputs in fuzz/crashes/<target minus _fuzz>-*
# (a known crash that still reproduces is a finding), then fuzzes for SECONDS from a fresh copy of the seed corpus
# (tests/fixtures/*.txt, tests/fixtures/dev/*.txt, fuzz/corpus/, fuzz/seeds/<target>/) under
# BUILD_DIR/fuzz-run/<target>/, with -max_len=65536 -rss_limit_mb=2048. New crash inputs land
# in BUILD_DIR/fuzz-run/<target>/artifacts/. Prints executions and the exit status per target;
# exits non-zero on any finding. FUZZ_KEEP_GOING=1 fuzzes in libFuzzer's fork mode with
# -ignore_crashes=1, so one known finding does not end the run: every crash input is kept and
# counted (the exit status is then non-zero when any artifact was written).
set -uo pipefail

build="${1:?usage: fuzz/run.sh BUILD_DIR SECONDS}"
seconds="${2:?usage: fuzz/run.sh BUILD_DIR SECONDS}"
src="$(cd "$(dirname "$0")/.." && pwd)"
targets="${FUZZ_TARGETS:-extract_fuzz utf8_fuzz stages_fuzz server_fuzz}"
status=0
summary=()

# The test environment may set abort_on_error; libFuzzer wants to catch the report itself.
export ASAN_OPTIONS="${FUZZ_ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

for t in $targets; do
  bin="$build/fuzz/$t"
  if [ ! -x "$bin" ]; then
    echo "fuzz/run.sh: $bin not built (cmake -DNG_FUZZ=ON -DCMAKE_C_COMPILER=clang)" >&2
    exit 2
  fi
  work="$build/fuzz-run/$t"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp "$src"/tests/fixtures/*.txt "$src"/tests/fixtures/dev/*.txt "$work/corpus/" 2>/dev/null
  [ -d "$src/fuzz/corpus" ] && cp "$src"/fuzz/corpus/* "$work/corpus/" 2>/dev/null
  [ -d "$src/fuzz/seeds/${t%_fuzz}" ] && cp "$src/fuzz/seeds/${t%_fuzz}"/* "$work/corpus/"
  dict=()
  [ "$t" != utf8_fuzz ] && [ "$t" != server_fuzz ] && dict=(-dict="$src/fuzz/extract.dict")
  opts=(-max_len=65536 -rss_limit_mb=2048 -timeout=30 -print_final_stats=1
        -artifact_prefix="$work/artifacts/")

  # 1. Regression: every committed crash input must now pass.
  replay_rc=0
  for crash in "$src"/fuzz/crashes/*; do
    [ -f "$crash" ] || continue
    # Replay only inputs of this target (named <target minus _fuzz>-*).
    case "$(basename "$crash")" in "${t%_fuzz}"-*) ;; *) continue ;; esac
    if ! "$bin" "${opts[@]}" "$crash" >"$work/replay.log" 2>&1; then
      replay_rc=1
      status=1
      echo "== $t: committed crash input still fails: fuzz/crashes/$(basename "$crash")"
      grep -E "ERROR: [A-Z]|invariant|runtime error" "$work/replay.log" | head -3 | sed 's/^/   /'
    fi
  done

  # 2. Fuzz from the seed corpus for the time given.
  echo "== $t: fuzzing for ${seconds}s"
  keep=()
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1
                                           -ignore_ooms=1)
  "$bin" "${opts[@]}" "${dict[@]}" "${keep[@]}" -max_total_time="$seconds" "$work/corpus" \
    >"$work/fuzz.log" 2>&1
  rc=$?
  found=$(find "$work/artifacts" -type f | wc -l)
  [ "$rc" -eq 0 ] && [ "$found" -gt 0 ] && rc=1
  # Plain mode prints a final stat line; fork mode only its "#N: cov: ..." progress lines.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log" | tail -1)
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] || [ -z "$execs" ] &&
    execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$work/fuzz.log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$work/fuzz.log" | tail -1)
  corpus_n=$(find "$work/corpus" -type f | wc -l)
  if [ $rc -ne 0 ]; then
    status=1
    echo "== $t: FINDING (exit $rc); log: $work/fuzz.log"
    grep -E "ERROR: [A-Z]|invariant|SUMMARY|runtime error|Test unit written" "$work/fuzz.log" |
      sort | uniq -c | sort -rn | head -20
    echo "   $found crash input(s) in $work/artifacts"
    # Small inputs are shown in full, so a finding in a throw-away build dir is not lost.
    for a in $(find "$work/artifacts" -type f -size -257c | head -5); do
      echo "   $(basename "$a"): $(od -An -tx1 -v "$a" | tr -s ' \n' ' ')"
    done
  fi
  summary+=("$(printf '%-13s execs %-9s %-9s corpus %-5s replay-exit %s fuzz-exit %s findings %s' \
    "$t" "${execs:-?}" "${cov:-cov: ?}" "$corpus_n" "$replay_rc" "$rc" "$found")")
done

echo "== summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
