"""T1: one-weight sigmoid "network" trained by vanilla gradient descent.

Usage: python3 t1.py [tutorial|correct]. "tutorial" uses the tutorial's gradient, which
leaves out the factor x; "correct" uses dC/dw = sum((2/m)(h - y) h (1 - h) x).
"""
import sys
import numpy as np

variant = sys.argv[1] if len(sys.argv) > 1 else "tutorial"


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


x = np.array([[0.1], [0.25], [0.5], [0.75], [1.0]])
y = np.zeros((5, 1))
m = 5
w = 5.0


def cost(w):
    h = sigmoid(x * w)
    return np.sum((1 / m) * (h - y) ** 2)


print("Cost before training: " + str(float(cost(w))))
for epoch in range(2000):
    h = sigmoid(x * w)
    if variant == "tutorial":
        dC = np.sum((h - y) * h * (1 - h))
    else:
        dC = np.sum((2 / m) * (h - y) * h * (1 - h) * x)
    w = w - 0.5 * dC
print("Final weight: " + str(float(w)))
print("Final cost: " + str(float(cost(w))))
print("Rounded: w = " + str(round(float(w), 4)) + ", cost = " + str(round(float(cost(w)), 4)))
