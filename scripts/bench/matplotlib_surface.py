"""The matplotlib side of issue 4's second benchmark: the same 200×200 grid surface
`downhill-bench plot` draws (its z values from /tmp/downhill-bench/surface-200-z.txt) with the
same descent path, to PNG and SVG; prints times and sizes.
Run: python3 scripts/bench/matplotlib_surface.py [/tmp/downhill-bench]
"""
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cm

folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/downhill-bench"
z = np.loadtxt(os.path.join(folder, "surface-200-z.txt")).reshape(200, 200)
g = np.linspace(-15, 15, 200)
X, Y = np.meshgrid(g, g)


def cost(a, b):
    h0 = 1 / (1 + np.exp(-b))
    h1 = 1 / (1 + np.exp(-(a + b)))
    return 0.5 * ((h0 - 1) ** 2 + h1**2)


p = np.array([12.0, -13.0])
path = []
for _ in range(300):
    path.append((p[0], p[1], cost(*p)))
    e = 1e-6
    gx = (cost(p[0] + e, p[1]) - cost(p[0] - e, p[1])) / (2 * e)
    gy = (cost(p[0], p[1] + e) - cost(p[0], p[1] - e)) / (2 * e)
    p = p - 40 * np.array([gx, gy])
path = np.array(path)


def figure():
    fig = plt.figure(figsize=(8, 6), dpi=100)
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, z, cmap=cm.jet, rstride=1, cstride=1, linewidth=0)
    ax.plot(path[:, 0], path[:, 1], path[:, 2], color="white")
    ax.view_init(azim=160)
    return fig


for fmt in ["png", "svg"]:
    times = []
    for _ in range(3):
        fig = figure()
        t0 = time.perf_counter()
        fig.savefig(os.path.join(folder, f"mpl-surface-200.{fmt}"))
        times.append(time.perf_counter() - t0)
        plt.close(fig)
    size = os.path.getsize(os.path.join(folder, f"mpl-surface-200.{fmt}"))
    print(f"matplotlib surface 200x200 {fmt}: {sorted(times)[1] * 1000:.0f} ms (savefig), {size} B")
