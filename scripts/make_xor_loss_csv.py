"""Writes figures/data/xor-loss.csv: the tutorial's 3-layer XOR network (T4 in SEEDS.md,
hidden size 4, seed 1) trained for 60,000 iterations at several learning rates, mean |error|
recorded every 20th iteration. numpy is the reference implementation here; Downhill plots it.

Run: python3 scripts/make_xor_loss_csv.py
"""
import numpy as np

ALPHAS = [0.01, 0.1, 1, 10, 100]
ITERATIONS = 60000
EVERY = 20

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def run(alpha, hidden=4):
    np.random.seed(1)
    s0 = 2 * np.random.random((3, hidden)) - 1
    s1 = 2 * np.random.random((hidden, 1)) - 1
    errors = []
    for j in range(ITERATIONS):
        l1 = sigmoid(X.dot(s0))
        l2 = sigmoid(l1.dot(s1))
        e = l2 - y
        if j % EVERY == 0:
            errors.append(np.mean(np.abs(e)))
        d2 = e * l2 * (1 - l2)
        d1 = d2.dot(s1.T) * l1 * (1 - l1)
        s1 -= alpha * l1.T.dot(d2)
        s0 -= alpha * X.T.dot(d1)
    return errors


series = [run(a) for a in ALPHAS]
with open("figures/data/xor-loss.csv", "w") as f:
    f.write("iteration," + ",".join(f"α = {a:g}" for a in ALPHAS) + "\n")
    for i in range(len(series[0])):
        f.write(f"{i * EVERY}," + ",".join(f"{s[i]:.7g}" for s in series) + "\n")
