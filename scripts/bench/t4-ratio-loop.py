#!/usr/bin/env python3
"""T4 against numpy in rounds, like t4-ratio.sh, but timed by a plain subprocess loop instead of
hyperfine: on this 2-vCPU machine hyperfine measured the two-thread history run 2-2.5 ms slower
than this loop or an alternating C runner did (and numpy ~5% slower), for reasons not found.
Each round: numpy 3 runs, then `downhill tutorial t4 --hidden 4 --alpha 1` with its full
history saved into a new folder 33 times (3 warm-up); medians per round.
Usage: scripts/bench/t4-ratio-loop.py [ROUNDS]   (after swift build -c release --product downhill)
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.join(root, ".build", "release", "downhill")
if not os.access(binary, os.X_OK):
    sys.exit("t4-ratio-loop: build first: swift build -c release --product downhill")


def run(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, cwd=root, check=True)
    return time.perf_counter() - start


work = tempfile.mkdtemp()
folder = os.path.join(work, "history")
ratios = []
try:
    for r in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
        numpy = statistics.median(
            run(["python3", "scripts/oracle/t4.py", "4", "60000", "10000", "1"]) for _ in range(3))
        times = []
        for _ in range(33):
            shutil.rmtree(folder, ignore_errors=True)
            times.append(run([binary, "tutorial", "t4", "--hidden", "4", "--alpha", "1",
                              "--history", folder]))
        saved = statistics.median(times[3:])
        ratios.append(numpy / saved)
        print(f"round {r + 1}: numpy {numpy * 1e3:.0f} ms | history, new folder "
              f"{saved * 1e3:.2f} ms ({numpy / saved:.1f}x)", flush=True)
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"median {statistics.median(ratios):.1f}x, lowest {min(ratios):.1f}x, "
      f"rounds at 50x or more: {sum(x >= 50 for x in ratios)} of {len(ratios)}")
