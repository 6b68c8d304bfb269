"""Oracle for TickLocator.linear: matplotlib's MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]),
ticks restricted to the view interval, labelled by ScalarFormatter. Prints Swift test rows."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator, ScalarFormatter

CASES = [(0, 1), (0, 10), (-1, 1), (0, 7), (0.3, 2.7), (-3.2, 17.9), (0, 100), (13, 1013),
         (0.001, 0.0042), (-250, -12), (0, 0.3), (1, 1.5), (2, 2.1), (0, 2.5), (-0.07, 0.05)]

fig, ax = plt.subplots()
for lo, hi in CASES:
    loc = MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10])
    ticks = [t for t in loc.tick_values(lo, hi) if lo - 1e-12 <= t <= hi + 1e-12]
    ax.set_xlim(lo, hi)
    fmt = ScalarFormatter()
    fmt.set_axis(ax.xaxis)
    labels = fmt.format_ticks(ticks)
    print(f"    ({lo}, {hi}, {[float(t) for t in ticks]}, {labels!r}),".replace("'", '"'))
