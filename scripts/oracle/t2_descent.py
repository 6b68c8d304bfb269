#!/usr/bin/env python3
"""T2 from /work/shared/SEEDS.md: one-dimensional gradient descent on f(x) = x^4 - 3x^3 + 2,
exactly as the tutorial writes it (x_old = 0, x_new = 4, gamma = 0.01, precision = 0.00001),
with a step counter added; plus a two-dimensional variant that stops when the step's Euclidean
norm is <= precision. Writes Tests/DownhillTests/Data/descent.json. Run from the package root."""
import json
import math

# --- T2 as written ---------------------------------------------------------------------------
x_old = 0
x_new = 4  # The algorithm starts at x=4
gamma = 0.01  # step size
precision = 0.00001


def df(x):
    y = 4 * x**3 - 9 * x**2
    return y


steps = 0
path = [x_new]
while abs(x_new - x_old) > precision:
    x_old = x_new
    x_new += -gamma * df(x_old)
    steps += 1
    path.append(x_new)

print("Local minimum occurs at", x_new)
print("Number of steps:", steps)
t2 = {"function": "x^4 - 3*x^3 + 2", "start": [4.0], "step": gamma, "precision": precision,
      "minimum": [x_new], "steps": steps, "path_head": [[p] for p in path[:6]]}

# --- 2-D: f(x, y) = (x - 1)^2 + 3*(y + 0.5)^2 + x*y ------------------------------------------
def grad2(x, y):
    return 2 * (x - 1) + y, 6 * (y + 0.5) + x


x, y = 0.0, 0.0
gamma2, precision2 = 0.05, 1e-8
steps2 = 0
path2 = [[x, y]]
while True:
    gx, gy = grad2(x, y)
    nx, ny = x - gamma2 * gx, y - gamma2 * gy
    steps2 += 1
    norm = math.hypot(nx - x, ny - y)
    x, y = nx, ny
    path2.append([x, y])
    if norm <= precision2:
        break
print("2-D minimum", x, y, "after", steps2, "steps")
two = {"function": "(x - 1)^2 + 3*(y + 0.5)^2 + x*y", "start": [0.0, 0.0], "step": gamma2,
       "precision": precision2, "minimum": [x, y], "steps": steps2, "path_head": path2[:6]}

with open("Tests/DownhillTests/Data/descent.json", "w") as f:
    json.dump({"t2": t2, "two_dimensional": two}, f, indent=1)
