"""T3: the NOT gate with two weights (input and bias), w drawn from N(0, 5).

Usage: python3 t3.py [SEED] [EPOCHS]. The tutorial did not seed; Downhill's port takes a seed.
Partial derivatives of C = sum((1/m)(h - y)^2), written out per weight.
"""
import sys
import numpy as np

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 12000


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


np.random.seed(seed)
X = np.array([[0, 1], [1, 1]])
y = np.array([[1], [0]])
m = 2
alpha = 0.05
w = np.random.normal(0, 5, (2, 1))
print("Initial weights: " + str(w.tolist()))
for epoch in range(epochs):
    h = sigmoid(X.dot(w))
    common = (2 / m) * (h - y) * h * (1 - h)
    d1 = np.sum(common * X[:, [0]])
    d2 = np.sum(common * X[:, [1]])
    w = w - alpha * np.array([[d1], [d2]])
h = sigmoid(X.dot(w))
print("Final weights: " + str(w.tolist()))
print("Output: " + str(h.tolist()))
print("MSE cost: " + str(float(np.sum((1 / m) * (h - y) ** 2))))
print("Cross-entropy cost: " + str(float(np.sum(-y * np.log(h) - (1 - y) * np.log(1 - h)))))
