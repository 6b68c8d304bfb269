#!/usr/bin/env bash
# The README's example report: a 2-4-1 XOR run recorded, then drawn into figures/report/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --static-swift-stdlib --product downhill
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/downhill"
run=$(mktemp -d)/xor
trap 'rm -rf "$(dirname "$run")"' EXIT
"$bin" train --problem xor --layers 2,4,1 --bias folded --alpha 1 --iterations 5000 --history-every 10 --history "$run"
"$bin" report "$run" --out figures/report
