"""T4 variant: count, for every weight, how often its update changed sign.

Usage: python3 t4_flips.py [HIDDEN] [ITERATIONS] [ALPHA ...] (defaults 4, 60000, all alphas).
"""
import sys
import numpy as np

hidden_size = int(sys.argv[1]) if len(sys.argv) > 1 else 4
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
alphas = [float(a) for a in sys.argv[3:]] or [0.001, 0.01, 0.1, 1, 10, 100, 1000]


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
    prev_synapse_0_weight_update = np.zeros_like(synapse_0)
    prev_synapse_1_weight_update = np.zeros_like(synapse_1)
    synapse_0_direction_count = np.zeros_like(synapse_0)
    synapse_1_direction_count = np.zeros_like(synapse_1)
    for j in range(iterations):
        layer_0 = X
        layer_1 = sigmoid(np.dot(layer_0, synapse_0))
        layer_2 = sigmoid(np.dot(layer_1, synapse_1))
        layer_2_error = y - layer_2
        if (j % 10000) == 0:
            print("Error:" + str(np.mean(np.abs(layer_2_error))))
        layer_2_delta = layer_2_error * sigmoid_output_to_derivative(layer_2)
        layer_1_error = layer_2_delta.dot(synapse_1.T)
        layer_1_delta = layer_1_error * sigmoid_output_to_derivative(layer_1)
        synapse_1_weight_update = layer_1.T.dot(layer_2_delta)
        synapse_0_weight_update = layer_0.T.dot(layer_1_delta)
        if j > 0:
            synapse_0_direction_count += np.abs(
                ((synapse_0_weight_update > 0) + 0) - ((prev_synapse_0_weight_update > 0) + 0))
            synapse_1_direction_count += np.abs(
                ((synapse_1_weight_update > 0) + 0) - ((prev_synapse_1_weight_update > 0) + 0))
        synapse_1 += alpha * synapse_1_weight_update
        synapse_0 += alpha * synapse_0_weight_update
        prev_synapse_0_weight_update = synapse_0_weight_update
        prev_synapse_1_weight_update = synapse_1_weight_update
    print("Synapse 0:" + str(synapse_0.tolist()))
    print("Synapse 0 Update Direction Changes:" + str(synapse_0_direction_count.astype(int).tolist()))
    print("Synapse 1:" + str(synapse_1.tolist()))
    print("Synapse 1 Update Direction Changes:" + str(synapse_1_direction_count.astype(int).tolist()))
