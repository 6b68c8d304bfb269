#!/usr/bin/env bash
# Builds the DocC documentation of the four libraries (swift-docc-plugin) into
# .build/plugins/Swift-DocC/outputs/<Module>.doccarchive, failing on any warning.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift package --disable-sandbox generate-documentation --warnings-as-errors \
  --target Downhill --target DownhillPlot --target DownhillFigures --target DownhillTesting "$@"
