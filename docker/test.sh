#!/usr/bin/env bash
# Builds the container image with podman (no Docker engine here) and checks it works:
#  1. the base image debian:bookworm-slim, when not in local storage, is made from
#     debootstrap --variant=minbase and `podman import` (no registry is reachable);
#  2. podman build --isolation=chroot of docker/Dockerfile;
#  3. the image is mounted and its newsgraph run with chroot against loopback: /healthz
#     must answer 200 and an ingest of examples/*.txt 201.
# Run by `make test-docker` (as root). Prints timings and the image size.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
cache="$root/build-docker"
mkdir -p "$cache"
base=localhost/debian:bookworm-slim
t0=$(date +%s)

if ! podman image exists "$base"; then
  if [ ! -f "$cache/bookworm-minbase.tar" ]; then
    echo "== debootstrap bookworm (minbase) into $cache/rootfs"
    rm -rf "$cache/rootfs"
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    debootstrap --variant=minbase bookworm "$cache/rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
    tar -C "$cache/rootfs" -cf "$cache/bookworm-minbase.tar" .
    rm -rf "$cache/rootfs"
  fi
  echo "== podman import -> $base"
  podman import "$cache/bookworm-minbase.tar" "$base" >/dev/null
fi
t1=$(date +%s)

echo "== podman build --isolation=chroot"
podman build --isolation=chroot --build-arg BASE="$base" -t localhost/newsgraph:test \
  -f docker/Dockerfile . >"$cache/build.log" 2>&1 || { tail -40 "$cache/build.log"; exit 1; }
t2=$(date +%s)
size=$(podman image inspect localhost/newsgraph:test --format '{{.Size}}')

echo "== run the image's server with chroot on loopback"
ctr=$(podman create localhost/newsgraph:test)
mnt=$(podman mount "$ctr")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
mkdir -p "$mnt/data-test"
mount --bind "$data" "$mnt/data-test"
cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  umount "$mnt/data-test" 2>/dev/null || true
  podman umount "$ctr" >/dev/null 2>&1 || true
  podman rm "$ctr" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT
chroot "$mnt" /usr/local/bin/newsgraph serve --db /data-test/newsgraph.db --host 127.0.0.1 \
  --port "$port" --quiet &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
health=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")
ingest=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' \
  --data-binary @examples/kazakhstan-shoot-to-kill.txt "http://127.0.0.1:$port/v1/articles")
ldd_missing=$(chroot "$mnt" sh -c 'ldd /usr/local/bin/newsgraph | grep -c "not found"' || true)
echo "healthz: $health, ingest: $ingest, missing libraries: $ldd_missing"
echo "base image: $((t1 - t0)) s, build: $((t2 - t1)) s, image size: $((size / 1000000)) MB"
[ "$health" = 200 ] && [ "$ingest" = 201 ] && [ "$ldd_missing" = 0 ]
