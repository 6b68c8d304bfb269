#!/usr/bin/env python3
"""Expected data for Tests/DownhillPlotTests/DelaunayTests.swift, from scipy.spatial.Delaunay (qhull).

Prints Swift string literals to paste into the test:
  - `lattice*`: the tutorial's lattice-like input (x and y independent permutations of
    numpy.linspace(-15, 15, 500), seed 0) as the two permutations, plus qhull's triangle count and
    sorted hull vertices. Cocircular points make that triangulation non-unique, so the test
    compares only those.
  - `uniform*`: 200 points from a SplitMix64 stream (reproduced bit-for-bit in Swift, so the
    points themselves need not be pasted) and qhull's triangles, canonicalised (each triangle's
    indices sorted, then the list sorted). Generic points have a unique Delaunay triangulation.

Usage: python3 scripts/oracle/delaunay.py
"""
import numpy as np
from scipy.spatial import Delaunay

MASK = (1 << 64) - 1


def splitmix64(state):
    """Yields doubles in [0, 1): the top 53 bits of each SplitMix64 output times 2^-53."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        yield (z >> 11) * 2.0**-53


def canonical(simplices):
    return sorted(tuple(sorted(int(i) for i in t)) for t in simplices)


def swift_string(name, numbers, per_line=24):
    numbers = [str(n) for n in numbers]
    lines = [" ".join(numbers[i : i + per_line]) for i in range(0, len(numbers), per_line)]
    body = "\n".join("  " + line for line in lines)
    return f'private let {name} = """\n{body}\n  """\n'


def main():
    # The tutorial's input: np.random.permutation draws from the legacy global MT19937 state.
    np.random.seed(0)
    base = np.linspace(-15, 15, 500)
    px = np.random.permutation(500)
    py = np.random.permutation(500)
    # permutation(array) == array[permutation(len)] for the same state.
    np.random.seed(0)
    assert np.array_equal(np.random.permutation(base), base[px])
    assert np.array_equal(np.random.permutation(base), base[py])
    points = np.column_stack([base[px], base[py]])
    tri = Delaunay(points)
    assert len(tri.coplanar) == 0, "qhull left points out"
    hull = sorted(set(int(i) for edge in tri.convex_hull for i in edge))
    print(swift_string("latticeXPermutation", px))
    print(swift_string("latticeYPermutation", py))
    print(f"private let latticeTriangleCount = {len(tri.simplices)}")
    print(swift_string("latticeHull", hull))
    # Spot values to check Swift's linspace reproduces numpy's bit for bit.
    print(f"// base[1] = {float(base[1])!r}, base[250] = {float(base[250])!r}, base[498] = {float(base[498])!r}")

    gen = splitmix64(2024)
    uniform = np.array([[next(gen), next(gen)] for _ in range(200)])
    tri = Delaunay(uniform)
    assert len(tri.coplanar) == 0
    flat = [i for t in canonical(tri.simplices) for i in t]
    print(f"// uniform[0] = {float(uniform[0, 0])!r}, {float(uniform[0, 1])!r}")
    print(swift_string("uniformTriangles", flat))


if __name__ == "__main__":
    main()
