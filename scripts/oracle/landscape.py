"""numpy oracle for the loss landscape (Sources/Downhill/Surfaces/LossLandscape.swift).

A [4, 5, 3] network, bias folded (a ones column), ReLU then softmax, categorical
cross-entropy, on 9 examples; weights, data and directions from closed formulas so the Swift
test builds the same ones without a random generator. Evaluates every point from scratch, the
plain way: loss(c + a*d1 + b*d2), and loss((1 - t)*theta0 + t*theta1) for the interpolation.

Usage: python3 scripts/oracle/landscape.py OUT_DIR
Writes OUT_DIR/landscape.json (the numbers, repr precision) and OUT_DIR/landscape_oracle.npz (the
grid in the landscape npz layout, written by np.savez, so the Swift reader is checked on a file
numpy wrote).
"""
import json
import os
import sys

import numpy as np

sizes = [4, 5, 3]
m = 9
x = np.array([[np.cos(1.3 * i + 0.4 * j) for j in range(4)] for i in range(m)])
t = np.eye(3)[[i % 3 for i in range(m)]]
shapes = [(5, 5), (6, 3)]
count = sum(r * c for r, c in shapes)
k = np.arange(count, dtype=np.float64)
center = 0.5 * np.sin(0.7 * k + 0.3)
d1 = np.cos(1.1 * k)
d2 = np.sin(0.37 * k + 1.0)


def unflatten(p):
    w0 = p[:25].reshape(5, 5)
    w1 = p[25:].reshape(6, 3)
    return w0, w1


def loss(p):
    w0, w1 = unflatten(p)
    a0 = np.hstack([x, np.ones((m, 1))])
    h = np.maximum(a0.dot(w0), 0)
    z = np.hstack([h, np.ones((m, 1))]).dot(w1)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    o = e / e.sum(axis=1, keepdims=True)
    return float(-np.sum(t * np.log(o)) / m)


alphas = np.linspace(-1, 1, 5)
betas = np.linspace(-0.5, 0.5, 3)
grid = np.array([[loss(center + a * d1 + b * d2) for a in alphas] for b in betas])
theta1 = center + 0.8 * d1 - 0.3 * d2
steps = np.linspace(-0.5, 1.5, 9)
line = [loss((1 - s) * center + s * theta1) for s in steps]

out = sys.argv[1]
with open(os.path.join(out, "landscape.json"), "w") as f:
    json.dump({"alphas": alphas.tolist(), "betas": betas.tolist(), "loss": grid.tolist(),
               "steps": steps.tolist(), "interpolation": line}, f, indent=1)
    f.write("\n")
np.savez(os.path.join(out, "landscape_oracle.npz"), alphas=alphas, betas=betas, loss=grid,
         direction1=d1, direction2=d2, center=center)
