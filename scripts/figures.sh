#!/usr/bin/env bash
# Regenerates figures/ (the main job): system packages, a release build, `downhill figures`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release
"$(swift build -c release --show-bin-path)/downhill" figures "$@"
