"""numpy side of `downhill-bench landscape`: the plain per-point loss-landscape evaluation.

For each point, loss(c + a*d1 + b*d2) from scratch on the 10,000 MNIST test images, network
[784, 128, 10], ReLU then softmax, categorical cross-entropy, bias folded (a ones column): what
loss-landscape's code does per point. The centre, directions and axes come from the npz that
downhill-bench wrote (so this also checks that np.load reads it); a few points are timed and the
time extrapolated to the whole grid, and their values compared with the grid's.

Usage: python3 scripts/bench/landscape_numpy.py MNIST_DIR GRID.npz [POINTS]
"""
import gzip
import os
import sys
import time

import numpy as np


def load_test(directory):
    def read(name):
        path = os.path.join(directory, name)
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            return f.read()
    images = np.frombuffer(read("t10k-images.idx3-ubyte.gz"), np.uint8, offset=16)
    labels = np.frombuffer(read("t10k-labels.idx1-ubyte.gz"), np.uint8, offset=8)
    return images.reshape(-1, 784).astype(np.float64) / 255, np.eye(10)[labels]


directory, path = sys.argv[1], sys.argv[2]
points = int(sys.argv[3]) if len(sys.argv) > 3 else 5
grid = np.load(path)
alphas, betas, loss = grid["alphas"], grid["betas"], grid["loss"]
center, d1, d2 = grid["center"], grid["direction1"], grid["direction2"]
assert loss.shape == (len(betas), len(alphas)), loss.shape
x, y = load_test(directory)
a0 = np.hstack([x, np.ones((len(x), 1))])


def evaluate(p):
    w0 = p[:785 * 128].reshape(785, 128)
    w1 = p[785 * 128:].reshape(129, 10)
    h = np.maximum(a0.dot(w0), 0)
    z = np.hstack([h, np.ones((len(x), 1))]).dot(w1)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    o = e / e.sum(axis=1, keepdims=True)
    return -np.sum(y * np.log(o)) / len(x)


rng = np.random.default_rng(0)
picks = [(0, 0), (len(betas) - 1, len(alphas) - 1), (len(betas) // 2, len(alphas) // 2)]
while len(picks) < points:
    picks.append((int(rng.integers(len(betas))), int(rng.integers(len(alphas)))))
worst = 0.0
start = time.perf_counter()
for j, i in picks:
    value = evaluate(center + alphas[i] * d1 + betas[j] * d2)
    worst = max(worst, abs(value - loss[j, i]) / abs(value))
per_point = (time.perf_counter() - start) / len(picks)
print(f"numpy per point: {per_point * 1e3:.1f} ms over {len(picks)} points; "
      f"{len(alphas)}x{len(betas)} grid extrapolated: {per_point * loss.size:.1f} s; "
      f"largest relative difference from the Swift grid: {worst:.2e}")
