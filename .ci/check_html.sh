#!/usr/bin/env bash
# Opens a report.html in headless Chromium and fails on any console message or a chart missing from the
# rendered page. Usage: .ci/check_html.sh path/to/report.html EXPECTED_CHARTS
set -euo pipefail
page=$(realpath "$1")
expected=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "installing chromium from the Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi
log=$(mktemp)
dom=$(mktemp)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
  --virtual-time-budget=3000 --dump-dom "file://$page" >"$dom" 2>"$log" || true
if grep -q ":CONSOLE" "$log"; then
  echo "console messages while rendering $page:"
  grep ":CONSOLE" "$log"
  exit 1
fi
svgs=$(grep -o "<svg" "$dom" | wc -l)
tables=$(grep -o "<table" "$dom" | wc -l)
if [ "$svgs" -ne "$expected" ] || [ "$tables" -lt 1 ]; then
  echo "$page rendered with $svgs charts (expected $expected) and $tables tables"
  exit 1
fi
echo "$page: rendered in Chromium with $svgs charts and $tables tables, no console messages"
