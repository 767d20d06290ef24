#!/usr/bin/env bash
# Regenerates the chart gallery in docs/gallery/ from the bundled sample data (the README shows it):
#   scripts/gallery.sh
# The team of 14 in the light theme, one person (Alex Morgan), and three charts in the dark theme, all at
# 1200x675 PNG to keep the repository small.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
run() { cargo run --quiet -- report --quiet --formats png --size 1200x675 "$@"; }
run --out "$out/team"
run --out "$out/person" "sample_data/Alex Morgan.xlsx"
run --out "$out/dark" --theme dark
rm -rf docs/gallery && mkdir -p docs/gallery
for f in "$out"/team/*/charts/*.png; do cp "$f" "docs/gallery/team_$(basename "$f")"; done
for name in ssi_trend components ranks activity drivers; do
  cp "$out"/person/*/charts/$name.png "docs/gallery/person_$name.png"
done
for name in ssi_trend linkage_heatmap leaderboard; do
  cp "$out"/dark/*/charts/$name.png "docs/gallery/dark_$name.png"
done
rm -rf "$out"
ls docs/gallery
