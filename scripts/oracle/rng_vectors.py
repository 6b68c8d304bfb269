"""Reference draws from numpy's legacy RandomState, for SeededGeneratorTests.

Writes Tests/DownhillTests/Data/rng_vectors.json. Floats go through json (repr), so every
double is exact.
"""
import json
import os
import numpy as np

out = {"numpy": np.__version__, "seeds": []}
for seed in [0, 1, 42, 2**32 - 1]:
    rs = np.random.RandomState(seed)
    case = {"seed": seed}
    case["raw"] = [int(v) for v in np.random.RandomState(seed)._bit_generator.random_raw(5)]
    case["random_sample"] = rs.random_sample(10).tolist()
    rs.random_sample(700)  # crosses a state regeneration
    case["after_700"] = rs.random_sample(3).tolist()
    rs = np.random.RandomState(seed)
    case["random_3x4"] = rs.random((3, 4)).tolist()
    rs = np.random.RandomState(seed)
    case["standard_normal"] = rs.standard_normal(7).tolist()
    case["normal_0_5_2x1"] = rs.normal(0, 5, (2, 1)).tolist()
    rs = np.random.RandomState(seed)
    case["permutation_10"] = rs.permutation(10).tolist()
    values = list(range(100, 120))
    arr = np.array(values)
    rs.shuffle(arr)
    case["shuffle_100_120"] = arr.tolist()
    case["randint_0_10"] = [int(rs.randint(0, 10)) for _ in range(10)]
    case["randint_m5_1000000"] = [int(rs.randint(-5, 1000000)) for _ in range(5)]
    case["uniform_m2_3"] = [float(rs.uniform(-2, 3)) for _ in range(5)]
    case["permutation_linspace"] = np.random.RandomState(seed).permutation(
        np.linspace(-15, 15, 7)).tolist()
    out["seeds"].append(case)

rs = np.random.RandomState(np.array([1, 2, 3], dtype=np.uint32))
out["by_array_1_2_3"] = rs.random_sample(5).tolist()

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "..", "..", "Tests", "DownhillTests", "Data", "rng_vectors.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
