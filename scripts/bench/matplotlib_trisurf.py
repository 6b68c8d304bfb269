"""The matplotlib side of issue 4's first benchmark: the tutorial's 500-point triangulated MSE
surface of the NOT gate to PNG, as a whole process (compare with
`downhill surface --cost mse --out OUT.png`).
Run: python3 scripts/bench/matplotlib_trisurf.py OUT.png
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import cm

X = np.array([[0, 1], [1, 1]])
y = np.array([[1], [0]])
np.random.seed(0)
t1 = np.random.permutation(np.linspace(-15, 15, 500))
t2 = np.random.permutation(np.linspace(-15, 15, 500))
cost = []
for a, b in zip(t1, t2):
    h = 1 / (1 + np.exp(-X.dot(np.array([[a], [b]]))))
    cost.append(np.sum((h - y) ** 2) / 2)
fig = plt.figure(figsize=(8, 6), dpi=100)
ax = fig.add_subplot(projection="3d")
ax.plot_trisurf(t1, t2, np.array(cost), cmap=cm.jet, linewidth=0.2)
ax.view_init(azim=160)
ax.set_xlabel("Theta1")
ax.set_ylabel("Theta2")
ax.set_zlabel("Cost")
fig.savefig(sys.argv[1])
