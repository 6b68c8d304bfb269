#!/usr/bin/env bash
# Regenerates figures/ (the main job): system packages, a release build, `downhill figures`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
# The Swift runtime linked in: loading its shared libraries was a fifth of a short command.
swift build -c release --static-swift-stdlib --product downhill
"$(swift build -c release --static-swift-stdlib --show-bin-path)/downhill" figures "$@"
