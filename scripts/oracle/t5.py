"""T5: a general dense network class, DNN([2, 3, 3, 2]), bias folded into the weights.

Usage: python3 t5.py [SEED] [UPDATES]. Maps [0.2, 0.3] towards [0.3, 0.67] with learning rate
0.01; weights uniform in [0, 1) in shape (next, current + 1), drawn layer by layer.
"""
import sys
import numpy as np

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
updates = int(sys.argv[2]) if len(sys.argv) > 2 else 1000


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class DNN:
    def __init__(self, layers, lr=0.01):
        self.layers = layers
        self.lr = lr
        self.weights = [np.random.random((layers[i + 1], layers[i] + 1))
                        for i in range(len(layers) - 1)]

    def forward(self, x):
        self.activations = [x]
        for W in self.weights:
            x = sigmoid(W.dot(np.append(x, 1.0)))
            self.activations.append(x)
        return x

    def backward(self, y):
        out = self.activations[-1]
        psi = -2 * (y - out) * out * (1 - out)
        for i in reversed(range(len(self.weights))):
            grad = np.outer(psi, np.append(self.activations[i], 1.0))
            if i > 0:
                prev = self.activations[i]
                psi = self.weights[i][:, :-1].T.dot(psi) * prev * (1 - prev)
            self.weights[i] -= self.lr * grad


np.random.seed(seed)
net = DNN([2, 3, 3, 2])
x = np.array([0.2, 0.3])
y = np.array([0.3, 0.67])
print("Output before training: " + str(net.forward(x).tolist()))
for i in range(updates):
    net.forward(x)
    net.backward(y)
print("Output after " + str(updates) + " updates: " + str(net.forward(x).tolist()))
for i, W in enumerate(net.weights):
    print("Weights " + str(i) + ": " + str(W.tolist()))
