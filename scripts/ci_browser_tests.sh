#!/usr/bin/env bash
# Browser tests of the navigator (`descent serve`) in a real headless Chromium.
#
# Installs what it needs (Debian's chromium and chromium-driver, Selenium from PyPI; skipped
# when already present), builds `descent`, starts `descent serve` on a free loopback port,
# runs scripts/browser_tests.py against it, stops the server, and exits non-zero if a check
# fails. Screenshots go to $NAVIGATOR_SCREENSHOTS (default: a new temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "== installing chromium and chromium-driver"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
  echo "== installing selenium"
  python3 -m pip install -q selenium
fi

echo "== building descent"
swift build --product descent
BIN="$(swift build --show-bin-path)/descent"

OUT="${NAVIGATOR_SCREENSHOTS:-$(mktemp -d -t navigator-screenshots.XXXXXX)}"
mkdir -p "$OUT"
LOG="$(mktemp -t descent-serve.XXXXXX)"

echo "== starting descent serve on a free loopback port"
"$BIN" serve --host 127.0.0.1 --port 0 >"$LOG" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 150); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$LOG" | head -n 1 || true)"
  [ -n "$URL" ] && break
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "descent serve exited:"; cat "$LOG"; exit 1
  fi
  sleep 0.2
done
if [ -z "$URL" ]; then
  echo "descent serve did not report its address:"; cat "$LOG"; exit 1
fi
echo "== server at $URL (screenshots in $OUT)"

python3 scripts/browser_tests.py --url "$URL" --cli "$BIN" --out "$OUT"
