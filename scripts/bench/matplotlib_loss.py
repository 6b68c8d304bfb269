"""The matplotlib side of the plotting benchmark: the same CSV, the same figure (two series, log
y, 1280×800 px), timed in-process per format, plus SVG sizes with path simplification on and off.
Run: python3 scripts/bench/matplotlib_loss.py /tmp/downhill-bench/noisy-60k.csv [out-dir]
"""
import os
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

path = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/downhill-bench"
data = np.genfromtxt(path, delimiter=",", names=True)
names = data.dtype.names


def figure():
    fig, ax = plt.subplots(figsize=(12.8, 8), dpi=100)
    for n in names[1:]:
        ax.plot(data[names[0]], data[n], label=n)
    ax.set_yscale("log")
    ax.set_xlabel(names[0])
    ax.set_ylabel("loss")
    ax.legend()
    ax.grid(True)
    return fig


def timed(fmt, simplify=True, repeat=7):
    matplotlib.rcParams["path.simplify"] = simplify
    times = []
    target = os.path.join(out, f"mpl-{os.path.basename(path)[:-4]}{'' if simplify else '-nosimplify'}.{fmt}")
    for _ in range(repeat):
        fig = figure()
        t0 = time.perf_counter()
        fig.savefig(target, dpi=100)
        times.append(time.perf_counter() - t0)
        plt.close(fig)
    return statistics.median(times) * 1000, os.path.getsize(target)


png_ms, png_size = timed("png")
svg_ms, svg_size = timed("svg")
_, svg_nosimp = timed("svg", simplify=False, repeat=1)
print(f"matplotlib {matplotlib.__version__} {os.path.basename(path)}: PNG {png_ms:.1f} ms ({png_size} B), "
      f"SVG {svg_ms:.1f} ms ({svg_size} B simplified, {svg_nosimp} B unsimplified)")
