#!/usr/bin/env bash
# A longer run of the parser fuzz tests (Tests/DownhillTests/ParserFuzzTests.swift): CSV,
# expression, IDX, NPY, meta.json and loss.csv each get ITERATIONS seeded mutations of committed
# inputs; any trap, hang (5 s per input), multi-line error or 1 GiB of memory fails the run.
# Usage: scripts/fuzz/parsers.sh [ITERATIONS [SEED]]   (the suite runs 300 with seed 19)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --build-tests
DOWNHILL_FUZZ_ITERATIONS="${1:-20000}" DOWNHILL_FUZZ_SEED="${2:-19}" \
  swift test --skip-build --filter ParserFuzzTests 2>&1 | grep -E "^fuzz |✘|Test run"
