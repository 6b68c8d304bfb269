"""T4: the 3-layer XOR network and the learning-rate sweep (iamtrask, part 2).

Usage: python3 t4.py [HIDDEN] [ITERATIONS] [REPORT_EVERY] [ALPHA ...]
Defaults: hidden 32, 60000 iterations, report every 10000, alphas 0.001 … 1000. Prints numbers at full
precision (repr of each float) so the Swift port can be checked to ≥ 10 digits.
"""
import sys
import numpy as np

hidden_size = int(sys.argv[1]) if len(sys.argv) > 1 else 32
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
report_every = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
alphas = [float(a) for a in sys.argv[4:]] or [0.001, 0.01, 0.1, 1, 10, 100, 1000]


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0], [1], [1], [0]])

for alpha in alphas:
    print("\nTraining With Alpha:" + str(alpha))
    np.random.seed(1)
    synapse_0 = 2 * np.random.random((3, hidden_size)) - 1
    synapse_1 = 2 * np.random.random((hidden_size, 1)) - 1
    for j in range(iterations):
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0, synapse_0))
        layer_2 = sigmoid(np.dot(layer_1, synapse_1))
        layer_2_error = layer_2 - y
        if (j % report_every) == 0:
            print("Error after " + str(j) + " iterations:" + str(np.mean(np.abs(layer_2_error))))
        layer_2_delta = layer_2_error * sigmoid_output_to_derivative(layer_2)
        layer_1_error = layer_2_delta.dot(synapse_1.T)
        layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
        synapse_1 -= alpha * (layer_1.T.dot(layer_2_delta))
        synapse_0 -= alpha * (layer_0.T.dot(layer_1_delta))
    print("Final error:" + str(np.mean(np.abs(layer_2_error))))
    print("Synapse 0:" + str(synapse_0.tolist()))
    print("Synapse 1:" + str(synapse_1.tolist()))
