#!/usr/bin/env bash
# T4 against numpy, whole process against whole process, in rounds: each round times the numpy
# program (3 runs), then `downhill tutorial t4 --hidden 4 --alpha 1` 20 times each with its full
# history saved into a new folder, saved over an existing one, and without a history, and prints
# the medians and the ratios. Only ratios within a round compare: this machine's speed drifts.
# Usage: scripts/bench/t4-ratio.sh [ROUNDS]   (needs hyperfine; builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "t4-ratio: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
swift build -c release --static-swift-stdlib --product downhill >/dev/null
bin=.build/release/downhill
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run="$bin tutorial t4 --hidden 4 --alpha 1"
for round in $(seq "${1:-3}"); do
  hyperfine -N -w 1 -r 3 --export-json "$work/numpy.json" \
    "python3 scripts/oracle/t4.py 4 60000 10000 1" >/dev/null 2>&1
  hyperfine -N -w 3 -r 20 --export-json "$work/new.json" --prepare "rm -rf $work/new" \
    "$run --history $work/new" >/dev/null 2>&1
  hyperfine -N -w 3 -r 20 --export-json "$work/other.json" \
    "$run --history $work/existing" "$run" >/dev/null 2>&1
  python3 - "$work" "$round" <<'P'
import json, sys
work, r = sys.argv[1], sys.argv[2]
median = lambda name, i=0: json.load(open(f"{work}/{name}.json"))["results"][i]["median"]
numpy = median("numpy")
cells = [("history, new folder", median("new")), ("history, existing folder", median("other")),
         ("no history", median("other", 1))]
print(f"round {r}: numpy {numpy * 1e3:.0f} ms | " + " | ".join(
    f"{name} {t * 1e3:.2f} ms ({numpy / t:.1f}x)" for name, t in cells))
P
done
