#!/usr/bin/env python3
"""Reference step sequences for Downhill's optimizers, written with numpy straight from each
optimizer's textbook / PyTorch formula (the same formulas the Swift doc comments state), and
scipy's L-BFGS on Rosenbrock as a behavioural reference.

Writes Tests/DownhillTests/Data/optimizer_steps.json. Run from the package root:
    python3 scripts/oracle/optimizers.py
"""
import json
import math

import numpy as np
import scipy
from scipy.optimize import minimize

M64 = (1 << 64) - 1


def rosenbrock(p):
    x, y = p
    value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    return value, np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def bowl(p):
    x, y = p
    return 1 * x * x + 10 * y * y, np.array([2 * 1 * x, 2 * 10 * y])


def beale(p):
    x, y = p
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y * y
    c = 2.625 - x + x * y * y * y
    dx = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1)
    dy = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y
    return a * a + b * b + c * c, np.array([dx, dy])


FUNCTIONS = {"rosenbrock": rosenbrock, "bowl": bowl, "beale": beale}


def sgd(lr):
    def step(x, g, f, state):
        return x - lr * g
    return step


def momentum(lr, mu, nesterov=False):
    def step(x, g, f, state):
        v = mu * state.get("v", np.zeros_like(x)) + g
        state["v"] = v
        return x - lr * (g + mu * v) if nesterov else x - lr * v
    return step


def adagrad(lr, eps):
    def step(x, g, f, state):
        s = state.get("s", np.zeros_like(x)) + g * g
        state["s"] = s
        return x - lr * g / (np.sqrt(s) + eps)
    return step


def rmsprop(lr, rho, eps):
    def step(x, g, f, state):
        s = rho * state.get("s", np.zeros_like(x)) + (1 - rho) * g * g
        state["s"] = s
        return x - lr * g / (np.sqrt(s) + eps)
    return step


def adadelta(lr, rho, eps):
    def step(x, g, f, state):
        s = rho * state.get("s", np.zeros_like(x)) + (1 - rho) * g * g
        u = state.get("u", np.zeros_like(x))
        delta = np.sqrt(u + eps) / np.sqrt(s + eps) * g
        state["s"], state["u"] = s, rho * u + (1 - rho) * delta * delta
        return x - lr * delta
    return step


def adam(lr, b1, b2, eps):
    def step(x, g, f, state):
        t = state.get("t", 0) + 1
        m = b1 * state.get("m", np.zeros_like(x)) + (1 - b1) * g
        v = b2 * state.get("v", np.zeros_like(x)) + (1 - b2) * g * g
        state.update(t=t, m=m, v=v)
        m_hat = m / (1 - b1 ** t)
        v_hat = v / (1 - b2 ** t)
        return x - lr * m_hat / (np.sqrt(v_hat) + eps)
    return step


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & M64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


def annealing(temperature, cooling, step_size, seed, function):
    rng = SplitMix64(seed)

    def step(x, g, f, state):
        t = state.get("T", temperature)
        candidate = x.copy()
        for i in range(len(x)):
            candidate[i] += step_size * (2 * rng.unit() - 1)
        fc = function(candidate)[0]
        accept = fc <= f
        if not accept and math.isfinite(fc) and t > 0:
            accept = rng.unit() < math.exp(-(fc - f) / t)
        state["T"] = t * cooling
        return candidate if accept else x
    return step


def dot(a, b):
    # Sequential sum, as the Swift code does (np.dot may use FMA or pairwise sums).
    total = 0.0
    for u, v in zip(a, b):
        total += u * v
    return total


class LBFGS:
    """L-BFGS with the strong-Wolfe line search of Nocedal & Wright (Alg. 3.5/3.6) and
    safeguarded cubic interpolation: a line-for-line mirror of Sources/Downhill/Optimizers/
    LBFGS.swift on Python floats, so that the two can be compared to the last bit."""

    def __init__(self, memory, function):
        self.memory, self.function = memory, function
        self.c1, self.c2, self.max_evals = 1e-4, 0.9, 25
        self.pairs, self.previous = [], None

    def __call__(self, x, g, f, state):
        x, g = [float(v) for v in x], [float(v) for v in g]
        if self.previous is not None:
            px, pg = self.previous
            s = [a - b for a, b in zip(x, px)]
            y = [a - b for a, b in zip(g, pg)]
            sy = dot(s, y)
            if sy > 1e-12 * math.sqrt(dot(y, y)) * math.sqrt(dot(s, s)) and math.isfinite(sy):
                self.pairs.append((s, y, 1 / sy))
                if len(self.pairs) > self.memory:
                    self.pairs.pop(0)
        else:
            self.pairs = []
        direction = [-v for v in self.two_loop(g)]
        slope = dot(direction, g)
        if not slope < 0:
            self.pairs = []
            direction = [-v for v in g]
            slope = -dot(g, g)
        if not slope < 0:
            return np.array(x)
        initial = min(1.0, 1 / math.sqrt(dot(direction, direction))) if not self.pairs else 1.0
        self.previous = (x, g)
        alpha = self.line_search(x, float(f), slope, direction, initial)
        if alpha is not None:
            x = [xi + alpha * di for xi, di in zip(x, direction)]
        else:
            self.pairs, self.previous = [], None
        return np.array(x)

    def two_loop(self, g):
        q = list(g)
        alphas = [0.0] * len(self.pairs)
        for k in reversed(range(len(self.pairs))):
            s, y, rho = self.pairs[k]
            alphas[k] = rho * dot(s, q)
            q = [qi - alphas[k] * yi for qi, yi in zip(q, y)]
        if self.pairs:
            s, y, rho = self.pairs[-1]
            gamma = 1 / (rho * dot(y, y))
            q = [qi * gamma for qi in q]
        for k in range(len(self.pairs)):
            s, y, rho = self.pairs[k]
            b = rho * dot(y, q)
            q = [qi + si * (alphas[k] - b) for qi, si in zip(q, s)]
        return q

    def line_search(self, x, f0, slope0, d, initial):
        budget = [self.max_evals]

        def phi(alpha):
            budget[0] -= 1
            value, gradient = self.function(np.array([xi + alpha * di for xi, di in zip(x, d)]))
            return float(value), dot([float(v) for v in gradient], d)

        def decreases(alpha, value):
            return math.isfinite(value) and value <= f0 + self.c1 * alpha * slope0

        def cubic(a, b):
            d1 = a[2] + b[2] - 3 * (a[1] - b[1]) / (a[0] - b[0])
            disc = d1 * d1 - a[2] * b[2]
            if not disc >= 0:
                return math.nan
            d2 = (1.0 if b[0] > a[0] else -1.0) * math.sqrt(disc)
            return b[0] - (b[0] - a[0]) * (b[2] + d2 - d1) / (b[2] - a[2] + 2 * d2)

        def zoom(low, high):
            while budget[0] > 0:
                width = high[0] - low[0]
                if abs(width) <= 1e-16 * max(1, abs(low[0])):
                    break
                trial = cubic(low, high)
                lo, hi = min(low[0], high[0]), max(low[0], high[0])
                margin = 0.1 * (hi - lo)
                if not (trial >= lo + margin and trial <= hi - margin):
                    trial = (low[0] + high[0]) / 2
                value, slope = phi(trial)
                point = (trial, value, slope)
                if not decreases(trial, value) or value >= low[1]:
                    high = point
                else:
                    if abs(slope) <= -self.c2 * slope0:
                        return trial
                    if slope * (high[0] - low[0]) >= 0:
                        high = low
                    low = point
            return low[0] if low[0] > 0 else None

        previous = (0.0, f0, slope0)
        alpha = initial
        first = True
        while budget[0] > 0:
            value, slope = phi(alpha)
            current = (alpha, value, slope)
            if not decreases(alpha, value) or (not first and value >= previous[1]):
                return zoom(previous, current)
            if abs(slope) <= -self.c2 * slope0:
                return alpha
            if slope >= 0:
                return zoom(current, previous)
            previous = current
            alpha *= 2
            first = False
        return previous[0] if previous[0] > 0 else None


CASES = [
    # (optimizer, hyper-parameters, function, start, steps)
    ("sgd", {"learningRate": 0.001}, "rosenbrock", [-1.2, 1.0], 8),
    ("sgd", {"learningRate": 0.05}, "bowl", [1.5, -1.0], 8),
    ("momentum", {"learningRate": 0.001, "momentum": 0.9}, "rosenbrock", [-1.2, 1.0], 8),
    ("momentum", {"learningRate": 0.02, "momentum": 0.8}, "bowl", [1.5, -1.0], 8),
    ("nesterov", {"learningRate": 0.001, "momentum": 0.9}, "rosenbrock", [-1.2, 1.0], 8),
    ("nesterov", {"learningRate": 0.02, "momentum": 0.8}, "bowl", [1.5, -1.0], 8),
    ("adagrad", {"learningRate": 0.1, "epsilon": 1e-10}, "rosenbrock", [-1.2, 1.0], 8),
    ("adagrad", {"learningRate": 0.5, "epsilon": 1e-10}, "bowl", [1.5, -1.0], 8),
    ("rmsprop", {"learningRate": 0.01, "rho": 0.9, "epsilon": 1e-8}, "rosenbrock", [-1.2, 1.0], 8),
    ("rmsprop", {"learningRate": 0.1, "rho": 0.99, "epsilon": 1e-8}, "bowl", [1.5, -1.0], 8),
    ("adadelta", {"learningRate": 1.0, "rho": 0.9, "epsilon": 1e-6}, "rosenbrock", [-1.2, 1.0], 8),
    ("adadelta", {"learningRate": 1.0, "rho": 0.95, "epsilon": 1e-3}, "bowl", [1.5, -1.0], 8),
    ("adam", {"learningRate": 0.05, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}, "rosenbrock", [-1.2, 1.0], 8),
    ("adam", {"learningRate": 0.1, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-8}, "bowl", [1.5, -1.0], 8),
    ("lbfgs", {"memory": 10}, "rosenbrock", [-1.2, 1.0], 36),
    ("lbfgs", {"memory": 3}, "beale", [1.0, 1.0], 15),
    ("lbfgs", {"memory": 5}, "bowl", [1.5, -1.0], 6),
    ("annealing", {"temperature": 1.0, "cooling": 0.95, "stepSize": 0.5, "seed": 42}, "rosenbrock", [-1.2, 1.0], 30),
    ("annealing", {"temperature": 0.5, "cooling": 0.9, "stepSize": 0.3, "seed": 7}, "bowl", [1.5, -1.0], 30),
]


def make(name, h, function):
    if name == "sgd":
        return sgd(h["learningRate"])
    if name in ("momentum", "nesterov"):
        return momentum(h["learningRate"], h["momentum"], nesterov=name == "nesterov")
    if name == "adagrad":
        return adagrad(h["learningRate"], h["epsilon"])
    if name == "rmsprop":
        return rmsprop(h["learningRate"], h["rho"], h["epsilon"])
    if name == "adadelta":
        return adadelta(h["learningRate"], h["rho"], h["epsilon"])
    if name == "adam":
        return adam(h["learningRate"], h["beta1"], h["beta2"], h["epsilon"])
    if name == "lbfgs":
        return LBFGS(int(h["memory"]), function)
    if name == "annealing":
        return annealing(h["temperature"], h["cooling"], h["stepSize"], h["seed"], function)
    raise ValueError(name)


def run(name, h, fname, start, steps):
    function = FUNCTIONS[fname]
    step = make(name, h, function)
    x = np.array(start, dtype=np.float64)
    state = {}
    points, values = [x.tolist()], []
    for _ in range(steps):
        f, g = function(x)
        values.append(float(f))
        x = step(x, g, f, state)
        points.append([float(v) for v in x])
    values.append(float(function(x)[0]))
    return {"optimizer": name, "hyper": h, "function": fname, "start": start,
            "points": points, "values": values}


def sgd_steps_to(tolerance, lr, limit):
    x = np.array([-1.2, 1.0])
    for k in range(1, limit + 1):
        x = x - lr * rosenbrock(x)[1]
        if np.max(np.abs(x - 1)) <= tolerance:
            return k
    return None


def main():
    cases = [run(*case) for case in CASES]
    result = minimize(lambda p: rosenbrock(p)[0], np.array([-1.2, 1.0]),
                      jac=lambda p: rosenbrock(p)[1], method="L-BFGS-B",
                      options={"gtol": 1e-10, "ftol": 0, "maxcor": 10})
    reference = {
        "numpy": np.__version__, "scipy": scipy.__version__,
        "cases": cases,
        "lbfgs_rosenbrock": {
            "start": [-1.2, 1.0], "x": result.x.tolist(), "nit": int(result.nit),
            "nfev": int(result.nfev), "message": str(result.message),
        },
        "sgd_rosenbrock_steps_to_1e-6": {"learningRate": 0.001,
                                         "steps": sgd_steps_to(1e-6, 0.001, 200000)},
    }
    with open("Tests/DownhillTests/Data/optimizer_steps.json", "w") as f:
        json.dump(reference, f, indent=1)
    print("lbfgs:", reference["lbfgs_rosenbrock"])
    print("sgd:", reference["sgd_rosenbrock_steps_to_1e-6"])


if __name__ == "__main__":
    main()
