"""Checks loss-landscape npz files (LandscapeGrid.write) with numpy's own reader.

Usage: python3 scripts/oracle/check_landscape_npz.py FILE.npz [FILE.npz ...]
Each file must load with np.load and hold alphas, betas, loss, direction1, direction2, center
(float64), plus int rows and shard [K, N] for a partial grid. When partial files of one split are
given, they are merged here and must fill the grid exactly once.
"""
import sys

import numpy as np

partials = []
for path in sys.argv[1:]:
    f = np.load(path)
    names = sorted(f.files)
    a, b, loss = f["alphas"], f["betas"], f["loss"]
    c, d1, d2 = f["center"], f["direction1"], f["direction2"]
    assert all(x.dtype == np.float64 for x in (a, b, loss, c, d1, d2)), path
    assert d1.shape == d2.shape == c.shape and c.ndim == 1, path
    if "rows" in f.files:
        rows, (k, n) = f["rows"], f["shard"]
        assert list(rows) == list(range(k, len(b), n)), (path, rows, k, n)
        assert loss.shape == (len(rows), len(a)), path
        partials.append((rows, loss, a, b))
        kind = f"shard {k}/{n}, rows {list(rows)}"
    else:
        assert loss.shape == (len(b), len(a)), path
        kind = "whole grid"
    print(f"{path}: {kind}, arrays {names}, loss {loss.shape}, "
          f"{len(c)} parameters, loss range {np.nanmin(loss):.6g}..{np.nanmax(loss):.6g}")
if partials:
    a, b = partials[0][2], partials[0][3]
    grid = np.full((len(b), len(a)), np.nan)
    seen = np.zeros(len(b), int)
    for rows, loss, _, _ in partials:
        grid[rows] = loss
        seen[rows] += 1
    print(f"partials merged in numpy: every row exactly once: {bool((seen == 1).all())}")
