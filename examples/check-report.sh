#!/usr/bin/env bash
# Renders the demo's HTML report in headless Chromium and fails if a script failed or a chart was drawn without data.
# Saves a screenshot beside the report (or where the second argument says).
#
#   examples/check-report.sh [target/demo/report.html] [target/demo/report.png]
#
# Needs Chromium (Debian: apt-get install -y chromium). Not part of `./mvnw verify`.
set -euo pipefail

report="${1:-target/demo/report.html}"
shot="${2:-${report%.html}.png}"
width="${CHECK_REPORT_WIDTH:-1280}"
height="${CHECK_REPORT_HEIGHT:-1500}"

if [[ ! -f "$report" ]]; then
  echo "no report at $report: run the demo first (./mvnw -q test-compile exec:java)" >&2
  exit 1
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "Chromium not found: apt-get install -y chromium" >&2
  exit 1
fi
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile"
       --no-first-run --disable-extensions --virtual-time-budget=5000)

dom="$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)"
body="$(grep -o '<body[^>]*>' <<<"$dom" | head -n 1)"
if grep -q 'data-error=' <<<"$body"; then
  echo "FAIL: a script failed in the report: $body" >&2
  exit 1
fi
if ! grep -q 'data-charts="ok"' <<<"$body"; then
  echo "FAIL: not every chart was drawn with data: $body" >&2
  exit 1
fi
title="$(grep -o '<title>[^<]*</title>' <<<"$dom" | head -n 1)"

"$browser" "${flags[@]}" --window-size="$width,$height" --screenshot="$shot" "$url" >/dev/null 2>&1
if [[ ! -s "$shot" ]]; then
  echo "FAIL: no screenshot written to $shot" >&2
  exit 1
fi
echo "OK: $title, every chart drawn with data; screenshot $shot"
