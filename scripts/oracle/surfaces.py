"""Reference data for Downhill's cost surfaces (Tests/DownhillTests/Data/surfaces.json).

- t3: the NOT-gate cost surface of SEEDS.md T3 at the tutorial's 500 random (theta1, theta2)
  pairs (two permutations of linspace(-15, 15, 500) after np.random.seed(s)), both costs, and
  gradient-descent paths on both costs written as the tutorial writes its updates.
- pca: the top two principal components (numpy SVD of the centred theta_t - theta_final, as
  scikit-learn's PCA in Li et al.'s code), explained variance ratios and projections of random
  trajectories, one with fewer steps than parameters and one with more.
- filter: a filter-normalised random direction (Li et al. 2018) for T4's XOR network 3-4-1
  (seed 1), direction drawn with np.random.seed(7); standard_normal.

Run: python3 scripts/oracle/surfaces.py > Tests/DownhillTests/Data/surfaces.json
"""
import json
import numpy as np

X = np.array([[0, 1], [1, 1]])
y = np.array([[1], [0]])
m = 2


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def mse(w):
    h = sigmoid(X.dot(w))
    return float(np.sum((1 / m) * (h - y) ** 2))


def cross_entropy(w):
    h = sigmoid(X.dot(w))
    return float(np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)))


def gradient(w, cost):
    h = sigmoid(X.dot(w))
    if cost == "mse":
        common = (2 / m) * (h - y) * h * (1 - h)
    else:
        common = h - y
    d1 = np.sum(common * X[:, [0]])
    d2 = np.sum(common * X[:, [1]])
    return np.array([[d1], [d2]])


def pairs(seed):
    np.random.seed(seed)
    a = np.random.permutation(np.linspace(-15, 15, 500))
    b = np.random.permutation(np.linspace(-15, 15, 500))
    ws = [np.array([[p], [q]]) for p, q in zip(a, b)]
    return {
        "seed": seed,
        "theta1": a.tolist(),
        "theta2": b.tolist(),
        "mse": [mse(w) for w in ws],
        "cross_entropy": [cross_entropy(w) for w in ws],
    }


def descent(cost, start, alpha, steps):
    f = mse if cost == "mse" else cross_entropy
    w = np.array([[start[0]], [start[1]]], dtype=float)
    path = [[float(w[0, 0]), float(w[1, 0]), f(w)]]
    for _ in range(steps):
        w = w - alpha * gradient(w, cost)
        path.append([float(w[0, 0]), float(w[1, 0]), f(w)])
    return {"cost": cost, "start": start, "alpha": alpha, "steps": steps, "path": path}


def pca(seed, steps, parameters):
    rng = np.random.RandomState(seed)
    # A drifting random walk, like a descent trajectory: a trend plus noise.
    drift = rng.standard_normal(parameters)
    walk = np.cumsum(drift + 2.0 * rng.standard_normal((steps, parameters)), axis=0)
    final = walk[-1]
    d = walk - final
    centred = d - d.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    ratio = (s ** 2) / np.sum(s ** 2)
    return {
        "points": walk.tolist(),
        "components": vt[:2].tolist(),
        "explained_variance_ratio": ratio[:2].tolist(),
        "projections": (d.dot(vt[:2].T)).tolist(),
    }


def filter_direction():
    np.random.seed(1)
    s0 = 2 * np.random.random((3, 4)) - 1
    s1 = 2 * np.random.random((4, 1)) - 1
    np.random.seed(7)
    d = np.random.standard_normal(16)
    d0 = d[:12].reshape(3, 4).copy()
    d1 = d[12:].reshape(4, 1).copy()
    # Filters are columns (one per output neuron); row 2 of s0 is the bias input's weights,
    # zeroed in the direction (the paper's ignore='biasbn').
    for j in range(4):
        d0[:2, j] *= np.linalg.norm(s0[:2, j]) / np.linalg.norm(d0[:2, j])
    d0[2, :] = 0
    d1[:, 0] *= np.linalg.norm(s1[:, 0]) / np.linalg.norm(d1[:, 0])
    # Layer normalisation of the same draw, bias row zeroed too.
    l0 = d[:12].reshape(3, 4).copy()
    l0[2, :] = 0
    l0 *= np.linalg.norm(s0[:2, :]) / np.linalg.norm(l0)
    l1 = d[12:].reshape(4, 1).copy()
    l1 *= np.linalg.norm(s1) / np.linalg.norm(l1)
    return {
        "raw": d.tolist(),
        "filter": d0.ravel().tolist() + d1.ravel().tolist(),
        "layer": l0.ravel().tolist() + l1.ravel().tolist(),
    }


print(json.dumps({
    "numpy": np.__version__,
    "t3": [pairs(1), pairs(42)],
    "descent": [
        descent("mse", [-10.0, 12.0], 0.5, 300),
        descent("cross_entropy", [-10.0, 12.0], 0.5, 300),
        descent("mse", [7.0, -3.0], 2.0, 300),
    ],
    "pca": [pca(3, 30, 12), pca(4, 40, 5)],
    "filter": filter_direction(),
}))
