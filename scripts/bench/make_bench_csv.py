"""Writes the two 60,000-point CSVs the plotting benchmark draws (into the folder given):
- xor-60k.csv: the tutorial's XOR network (T4, hidden 4, seed 1), mean |error| at every one of
  60,000 iterations for alpha = 1 and alpha = 10 — smooth full-batch curves;
- noisy-60k.csv: two mini-batch-like loss curves (exponential decay with 10 % multiplicative
  noise, seeded), the hard case for path simplification.
Run: python3 scripts/bench/make_bench_csv.py /tmp/downhill-bench
"""
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/downhill-bench"
os.makedirs(out, exist_ok=True)
N = 60000

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def xor_errors(alpha, hidden=4):
    np.random.seed(1)
    s0 = 2 * np.random.random((3, hidden)) - 1
    s1 = 2 * np.random.random((hidden, 1)) - 1
    errors = np.empty(N)
    for j in range(N):
        l1 = 1 / (1 + np.exp(-X.dot(s0)))
        l2 = 1 / (1 + np.exp(-l1.dot(s1)))
        e = l2 - y
        errors[j] = np.mean(np.abs(e))
        d2 = e * l2 * (1 - l2)
        d1 = d2.dot(s1.T) * l1 * (1 - l1)
        s1 -= alpha * l1.T.dot(d2)
        s0 -= alpha * X.T.dot(d1)
    return errors


def write(name, header, columns):
    with open(os.path.join(out, name), "w") as f:
        f.write(",".join(header) + "\n")
        for row in zip(*columns):
            f.write(",".join(f"{v:.9g}" for v in row) + "\n")


it = np.arange(N, dtype=float)
write("xor-60k.csv", ["iteration", "alpha=1", "alpha=10"], [it, xor_errors(1), xor_errors(10)])
rng = np.random.RandomState(7)
t = it / (N - 1)
a = np.exp(-4 * t) * (1 + 0.1 * (rng.random_sample(N) - 0.5)) + 0.002
b = np.exp(-7 * t) * (1 + 0.1 * (rng.random_sample(N) - 0.5)) + 0.001
write("noisy-60k.csv", ["iteration", "adam", "sgd"], [it, a, b])
