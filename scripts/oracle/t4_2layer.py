"""T4's 2-layer variant: one weight per input, 10,000 iterations, step size 1."""
import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_output_to_derivative(output):
    return output * (1 - output)


X = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
y = np.array([[0, 0, 1, 1]]).T
np.random.seed(1)
synapse_0 = 2 * np.random.random((2, 1)) - 1
for iter in range(10000):
    layer_0 = X
    layer_1 = sigmoid(np.dot(layer_0, synapse_0))
    layer_1_error = layer_1 - y
    layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
    synapse_0_derivative = np.dot(layer_0.T, layer_1_delta)
    synapse_0 -= synapse_0_derivative
print("Output After Training:" + str(layer_1.tolist()))
print("Synapse 0:" + str(synapse_0.tolist()))
