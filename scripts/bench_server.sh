#!/usr/bin/env bash
# The navigator API under load: `descent bench server` (in-process server time of one race
# start: 4 optimizers × 1,000 steps + a 200×200 landscape), then wrk against the trajectory
# endpoint of a release `descent serve` on loopback for DURATION seconds (default 10),
# sampling the server's resident memory every second. Needs wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10}"
SCRATCH="${SCRATCH:-.build}"
swift build -c release --scratch-path "$SCRATCH" --product descent
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/descent"

echo "== descent bench server"
"$BIN" bench server

LOG="$(mktemp)"
"$BIN" serve --port 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 100); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$LOG" | head -n 1 || true)"
  [ -n "$URL" ] && break
  sleep 0.1
done
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
echo "== wrk: ${DURATION} s against ${URL}api/trajectories (RSS before: $(rss) kB)"
( for _ in $(seq 1 "$DURATION"); do sleep 1; echo "rss_kb $(rss)"; done ) > "$LOG.rss" &
SAMPLER=$!
wrk -t2 -c8 -d"${DURATION}s" --latency -s scripts/wrk_trajectories.lua "${URL}api/trajectories"
wait "$SAMPLER" || true
echo "RSS samples (kB): $(awk '{print $2}' "$LOG.rss" | tr '\n' ' ')"
echo "RSS after: $(rss) kB"
