"""numpy equivalent of the Swift MNIST benchmark: [784, 128, 10], ReLU + softmax/cross-entropy,
bias folded (a ones column), He initialisation, Adam (lr 0.001), mini-batch 64.

Usage: python3 mnist_numpy.py MNIST_DIR [EPOCHS]. Prints seconds and test accuracy per epoch.
"""
import gzip
import os
import sys
import time
import numpy as np


def load(directory, prefix):
    def read(name):
        path = os.path.join(directory, name)
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            return f.read()
    images = np.frombuffer(read(prefix + "-images.idx3-ubyte.gz"), np.uint8, offset=16)
    labels = np.frombuffer(read(prefix + "-labels.idx1-ubyte.gz"), np.uint8, offset=8)
    x = images.reshape(-1, 784).astype(np.float64) / 255
    y = np.eye(10)[labels]
    return x, y


directory = sys.argv[1]
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
x_train, y_train = load(directory, "train")
x_test, y_test = load(directory, "t10k")
np.random.seed(1)
w0 = np.random.normal(0, np.sqrt(2 / 785), (785, 128))
w1 = np.random.normal(0, np.sqrt(2 / 129), (129, 10))
params = [w0, w1]
m = [np.zeros_like(p) for p in params]
v = [np.zeros_like(p) for p in params]
t = 0


def forward(x):
    a0 = np.hstack([x, np.ones((len(x), 1))])
    z1 = a0.dot(w0)
    h = np.maximum(z1, 0)
    a1 = np.hstack([h, np.ones((len(x), 1))])
    z2 = a1.dot(w1)
    e = np.exp(z2 - z2.max(axis=1, keepdims=True))
    return a0, z1, a1, e / e.sum(axis=1, keepdims=True)


for epoch in range(epochs):
    start = time.perf_counter()
    order = np.random.permutation(len(x_train))
    for b in range(0, len(order), 64):
        idx = order[b:b + 64]
        x, y = x_train[idx], y_train[idx]
        a0, z1, a1, out = forward(x)
        dz2 = (out - y) / len(x)
        g1 = a1.T.dot(dz2)
        dz1 = dz2.dot(w1[:-1].T) * (z1 > 0)
        g0 = a0.T.dot(dz1)
        t += 1
        for p, g, mi, vi in zip(params, [g0, g1], m, v):
            mi *= 0.9
            mi += 0.1 * g
            vi *= 0.999
            vi += 0.001 * g * g
            p -= 0.001 * (mi / (1 - 0.9**t)) / (np.sqrt(vi / (1 - 0.999**t)) + 1e-8)
    seconds = time.perf_counter() - start
    accuracy = np.mean(forward(x_test)[3].argmax(1) == y_test.argmax(1))
    print(f"epoch {epoch + 1}: {seconds:.3f} s, test accuracy {accuracy:.4f}")
