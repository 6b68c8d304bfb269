"""np.exp bit patterns for the CNumpyMath test (Tests/DownhillTests/Data/np_exp.txt).

One line per input: the input's and np.exp's IEEE bits in hex. Inputs: 2,000 where numpy and
the C library's exp (Python's math.exp) disagree in the last bit, 1,000 from the scalar path
(|x| >= 707.7: large results, denormal results, overflow and underflow), and special values.
numpy must run its AVX-512 kernel (what the Swift port reproduces); the script refuses otherwise.
"""
import math
import struct
import sys

import numpy as np
from numpy.lib.introspect import opt_func_info

target = opt_func_info(func_name="^exp$", signature="float64")["exp"]["dd"]["current"]
if target not in ("X86_V4", "AVX512_SKX"):
    sys.exit(f"np.exp dispatches to {target} here, not the AVX-512 kernel; run on an AVX-512 CPU")


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


rng = np.random.default_rng(2026)
wide = rng.uniform(-40, 40, 200_000)
numpy_values = np.exp(wide)
differ = [x for x, y in zip(wide, numpy_values) if math.exp(x) != y][:2000]
rare = np.concatenate([rng.uniform(707.7, 709.78, 300), rng.uniform(-745.2, -707.7, 600),
                       rng.uniform(709.79, 800, 50), rng.uniform(-900, -745.2, 50)])
special = np.array([0.0, -0.0, 1e-300, -1e-300, 5e-324, 2.0**-54, -(2.0**-54), 1.0, -1.0,
                    707.7032713517042, -707.7032713517042, 709.782712893384, 709.7827128933841,
                    -708.3964185322641, -745.1332191019411, -745.1332191019412,
                    np.inf, -np.inf])
inputs = np.concatenate([np.array(differ), rare, special])
with np.errstate(over="ignore", under="ignore"):
    outputs = np.exp(inputs)
for x, y in zip(inputs, outputs):
    print(f"{bits(x):016x} {bits(y):016x}")
