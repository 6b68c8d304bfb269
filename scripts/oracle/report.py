#!/usr/bin/env python3
"""numpy's numbers for the report figures of the committed history
Tests/DownhillFiguresTests/Data/xor-run (2-3-1, tanh then sigmoid, binary cross-entropy, folded
bias, 60 steps): gradient and weight norms, update ratios, TensorBoard's percentiles, final flip
counts, and the loss along the line from the initial to the final weights. Run once; the output,
report-oracle.json beside the history, is committed."""
import json, os, sys
import numpy as np

here = os.path.join(os.path.dirname(__file__), "../../Tests/DownhillFiguresTests/Data")
run = os.path.join(here, "xor-run")
meta = json.load(open(os.path.join(run, "meta.json")))
layers = meta["recordedLayers"]
W = {l: np.load(f"{run}/layer{l}_weights.npy") for l in layers}
G = {l: np.load(f"{run}/layer{l}_gradients.npy") for l in layers}
F = {l: np.load(f"{run}/layer{l}_flips.npy") for l in layers}
final = np.load(f"{run}/final_parameters.npy")
out = {}
out["gradient_norms"] = {str(l): [float(np.linalg.norm(g)) for g in G[l]] for l in layers}
out["weight_norms"] = {str(l): [float(np.linalg.norm(w)) for w in W[l]] for l in layers}
out["update_ratios"] = {
    str(l): [float(np.linalg.norm(W[l][r] - W[l][r - 1]) / np.linalg.norm(W[l][r - 1]))
             for r in range(1, len(W[l]))] for l in layers}
q = [0, 7, 16, 31, 50, 69, 84, 93, 100]
out["weight_percentiles"] = {str(l): [np.percentile(w.ravel(), q).tolist() for w in W[l]] for l in layers}
out["final_flips"] = {str(l): F[l][-1].ravel().astype(int).tolist() for l in layers}

# The network's loss on XOR: inputs with a ones column per layer (folded bias), tanh, sigmoid, BCE.
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
Y = np.array([[0], [1], [1], [0]], float)
shapes = [tuple(s) for s in meta["layerShapes"]]
def unflatten(p):
    ws, o = [], 0
    for r, c in shapes:
        ws.append(p[o:o + r * c].reshape(r, c)); o += r * c
    return ws
def loss(p):
    w0, w1 = unflatten(p)
    a = np.tanh(np.hstack([X, np.ones((4, 1))]) @ w0)
    o = 1 / (1 + np.exp(-(np.hstack([a, np.ones((4, 1))]) @ w1)))
    return float(np.mean(-np.sum(Y * np.log(o) + (1 - Y) * np.log(1 - o), axis=1)))
initial = np.concatenate([W[l][0].ravel() for l in layers])
ts = [-0.5 + 2 * k / 80 for k in range(81)]
out["interpolation"] = [loss((1 - t) * initial + t * final) for t in ts]
json.dump(out, open(os.path.join(here, "report-oracle.json"), "w"), indent=1)
print("wrote", os.path.join(here, "report-oracle.json"))
