"""The whole-process matplotlib equivalent of `downhill plot FILE --out OUT --logy`.
Run: python3 scripts/bench/matplotlib_loss_process.py FILE OUT
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

data = np.genfromtxt(sys.argv[1], delimiter=",", names=True)
names = data.dtype.names
fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
for n in names[1:]:
    ax.plot(data[names[0]], data[n], label=n)
ax.set_yscale("log")
ax.legend()
fig.savefig(sys.argv[2])
