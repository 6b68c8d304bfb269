#!/usr/bin/env bash
# Opens a report's index.html in headless Chromium (Debian's `chromium`) from a file:// URL and
# fails on a console error or a resource that does not load (a missing image).
# Usage: scripts/check/report-page.sh REPORT_FOLDER [SCREENSHOT.png]
set -euo pipefail
folder=$(cd "$1" && pwd)
command -v chromium >/dev/null || { echo "report-page: needs chromium (apt-get install chromium)" >&2; exit 1; }
[ -f "$folder/index.html" ] || { echo "report-page: no index.html in $folder" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
shot=${2:-$(mktemp --suffix=.png)}
timeout 120 chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
  --window-size=1280,4000 --screenshot="$shot" "file://$folder/index.html" 2>"$log" >/dev/null || true
if grep -E "CONSOLE|ERR_FILE_NOT_FOUND|Failed to load resource|Uncaught" "$log"; then
  echo "report-page: $folder/index.html has errors (above)" >&2
  exit 1
fi
# Every <img> must name a file that is there.
missing=0
for src in $(grep -o '<img src="[^"]*"' "$folder/index.html" | sed 's/<img src="//; s/"$//'); do
  [ -s "$folder/$src" ] || { echo "report-page: missing image $src" >&2; missing=1; }
done
[ $missing -eq 0 ] || exit 1
echo "report-page: $folder/index.html loads with no errors; screenshot $shot"
