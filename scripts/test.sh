#!/usr/bin/env bash
# Runs the tests: system packages, then `downhill figures --check` (every committed figure must
# say what the code draws), then the documentation build (no warnings), then the test suite,
# whose summary closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build
"$(swift build --show-bin-path)/downhill" figures --check
scripts/docs.sh
swift test "$@"
