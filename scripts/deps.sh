#!/usr/bin/env bash
# The one list of Debian packages newsgraph needs. Used by the Makefile (make run / make test),
# CI and docker/Dockerfile. Usage: scripts/deps.sh [build|runtime|test|all] [--print]
#   build   : what compiling the server needs
#   runtime : the shared libraries the server binary loads (for the slim container stage)
#   test    : build + everything the test suite, fuzzing and benchmarks use (default: all)
# As root it installs what is missing; otherwise it prints the exact apt-get line and exits 1.
set -euo pipefail

BUILD="build-essential cmake pkg-config git ca-certificates
  libmicrohttpd-dev libjansson-dev libsqlite3-dev libutf8proc-dev zlib1g-dev"
RUNTIME="libmicrohttpd12 libjansson4 libsqlite3-0 libutf8proc2 zlib1g ca-certificates curl"
TEST="libcriterion-dev clang clang-format cppcheck libclang-rt-14-dev
  python3 python3-jsonschema python3-yaml curl sqlite3 iso-codes
  nodejs npm wrk nginx-light podman debootstrap valgrind procps
  chromium fonts-dejavu-core wamerican wordnet-base"

set_="${1:-all}"
case "$set_" in
  build) want="$BUILD" ;;
  runtime) want="$RUNTIME" ;;
  test|all) want="$BUILD $TEST" ;;
  *) echo "usage: $0 [build|runtime|test|all] [--print]" >&2; exit 2 ;;
esac

missing=()
for p in $want; do
  # A Node.js from elsewhere (nodesource) bundles npm and conflicts with Debian's npm.
  case "$p" in nodejs|npm) command -v npm >/dev/null 2>&1 && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ "${2:-}" = "--print" ] && { echo "$want" | tr -s ' \n' ' '; echo; exit 0; }
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "newsgraph: missing Debian packages; run as root:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
