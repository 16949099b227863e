#!/usr/bin/env bash
# Regenerates the sample pictures of DescentPlot and renders them to PNG.
#
#   scripts/render_plots.sh [OUTDIR]      (default: .build/plot-samples)
#
# The SVGs come from the "Sample gallery" test (Tests/DescentPlotTests/SampleGallery.swift),
# which also checks that each is well-formed XML. PNGs are rendered with rsvg-convert
# (Debian: apt-get install -y librsvg2-bin) at 1.5x, on white.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/plot-samples}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
rm -f "$out"/*.svg "$out"/*.png
DESCENT_PLOT_SAMPLES="$out" swift test --filter "SampleGallery" >/dev/null
if ! command -v rsvg-convert >/dev/null; then
  echo "rsvg-convert not found: apt-get install -y librsvg2-bin" >&2
  exit 1
fi
for svg in "$out"/*.svg; do
  rsvg-convert --zoom 1.5 --background-color white "$svg" -o "${svg%.svg}.png"
done
printf '%-28s %9s %s\n' file svg-bytes png
for svg in "$out"/*.svg; do
  printf '%-28s %9d %s\n' "$(basename "$svg")" "$(wc -c <"$svg")" "$(basename "${svg%.svg}.png")"
done
