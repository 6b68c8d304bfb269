"""The 13-line XOR network (alpha 0.5, hidden 4), given a seed: python3 t4_13line.py [SEED]."""
import sys
import numpy as np

np.random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T
alpha, hidden_dim = (0.5, 4)
synapse_0 = 2 * np.random.random((3, hidden_dim)) - 1
synapse_1 = 2 * np.random.random((hidden_dim, 1)) - 1
for j in range(60000):
    layer_1 = 1 / (1 + np.exp(-(np.dot(X, synapse_0))))
    layer_2 = 1 / (1 + np.exp(-(np.dot(layer_1, synapse_1))))
    layer_2_delta = (layer_2 - y) * (layer_2 * (1 - layer_2))
    layer_1_delta = layer_2_delta.dot(synapse_1.T) * (layer_1 * (1 - layer_1))
    synapse_1 -= alpha * layer_1.T.dot(layer_2_delta)
    synapse_0 -= alpha * X.T.dot(layer_1_delta)
print("Output:" + str(layer_2.tolist()))
