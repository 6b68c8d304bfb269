#!/usr/bin/env bash
# The small-network fast path (Sources/CNumpyMath/small_network.c) against the generic pass, bit
# for bit: builds scripts/check/small_network_compare.c twice from the same sources, with the fast
# path and without it (DOWNHILL_NO_SMALL_NETWORK), runs both over about 56,600 configurations
# (activations x costs x shapes x rows 1/3/4/8 x rates, folded bias, records, rare exp lanes,
# NaN) and compares every loss, parameter and buffer they leave. About a minute on 2 cores.
# Usage: scripts/check/small-network.sh [STEPS]   (STEPS per grid configuration, default 3000)
#        scripts/check/small-network.sh time      (ns a step for a few shapes, both builds)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources="scripts/check/small_network_compare.c Sources/CNumpyMath/dense_network.c
  Sources/CNumpyMath/small_network.c Sources/CNumpyMath/numpy_math.c Sources/CBLASLoader/blas_loader.c"
flags="-O2 -ISources/CNumpyMath/include -ISources/CBLASLoader/include -ldl -lm"
# shellcheck disable=SC2086
clang $flags $sources -o "$work/fast"
# shellcheck disable=SC2086
clang $flags -DDOWNHILL_NO_SMALL_NETWORK $sources -o "$work/generic"
if [ "${1:-}" = time ]; then
  echo "fast path:"; "$work/fast" time
  echo "generic pass:"; "$work/generic" time
  exit 0
fi
"$work/generic" "${1:-3000}" > "$work/generic.txt" &
"$work/fast" "${1:-3000}" > "$work/fast.txt"
wait
if cmp -s "$work/generic.txt" "$work/fast.txt"; then
  echo "small-network: $(wc -l < "$work/fast.txt") configurations identical"
else
  echo "small-network: the fast path differs from the generic pass:" >&2
  diff "$work/generic.txt" "$work/fast.txt" | head -20 >&2
  exit 1
fi
