#!/usr/bin/env python3
"""An adversarial campaign against `downhill`, by family (issue 19): faults while a history is
saved (a full disk, signals, SIGKILL, concurrent writers), numeric overflow in options, deep
nesting, memory bombs, quadratic inputs, temporary leftovers, silent wrong results and badly
worded errors. Each attempt is OK or a defect; after every fault the old history's files are
compared by SHA-256. Prints one table; exits 1 if any attempt is a defect.

Usage: scripts/check/adversarial.py [--downhill PATH] [--seed N] [--verbose]
(default: .build/debug/downhill; `swift build` first). A full disk is a small tmpfs when this
runs as root and may mount one, else a file size limit (`ulimit -f`, SIGXFSZ ignored).
"""
import argparse, gzip, hashlib, json, os, random, resource, shutil, signal, struct, subprocess
import sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MEMORY_LIMIT = 2 << 30  # bytes of peak resident memory an attempt may take
TIME_LIMIT = 60  # seconds an attempt may take

parser = argparse.ArgumentParser()
parser.add_argument("--downhill", default=os.path.join(ROOT, ".build/debug/downhill"))
parser.add_argument("--seed", type=int, default=19)
parser.add_argument("--verbose", action="store_true", help="print every attempt, not only defects")
args = parser.parse_args()
DOWNHILL = os.path.abspath(args.downhill)
rng = random.Random(args.seed)
WORK = tempfile.mkdtemp(prefix="downhill-adversarial-")
ENV = dict(os.environ, SWIFT_BACKTRACE="enable=no")  # SIGQUIT ends the run (see SaveFaultTests)


class Run:
    def __init__(self, status, signal_number, out, err, seconds, memory):
        self.status, self.signal, self.out, self.err = status, signal_number, out, err
        self.seconds, self.memory = seconds, memory


def default_signals():
    for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGPIPE, signal.SIGTERM, signal.SIGXFSZ):
        signal.signal(s, signal.SIG_DFL)


def start(argv, shell="", stdout=subprocess.PIPE, stdin=subprocess.DEVNULL):
    command = ["/bin/sh", "-c", f'ulimit -c 0; {shell} exec "$0" "$@"', DOWNHILL] + argv
    return subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin,
                            env=ENV, cwd=WORK, preexec_fn=default_signals)


def finish(process, began, kill_after=TIME_LIMIT):
    """Waits for `process` (killed after `kill_after` s): a Run with its peak memory."""
    import threading
    chunks = {}
    def read(name, stream):
        chunks[name] = stream.read() if stream else b""
    readers = [threading.Thread(target=read, args=(n, s))
               for n, s in (("out", process.stdout), ("err", process.stderr))]
    for r in readers: r.start()
    timer = threading.Timer(kill_after, lambda: os.kill(process.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    for r in readers: r.join()
    process.returncode = status
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return Run(code, sig, chunks["out"].decode(errors="replace"),
               chunks["err"].decode(errors="replace"), time.time() - began,
               usage.ru_maxrss * 1024)


def run(argv, shell="", stdin_bytes=None, kill_after=TIME_LIMIT):
    began = time.time()
    process = start(argv, shell, stdin=subprocess.PIPE if stdin_bytes is not None else subprocess.DEVNULL)
    if stdin_bytes is not None:
        try:
            process.stdin.write(stdin_bytes)
            process.stdin.close()
        except BrokenPipeError:
            pass
    return finish(process, began, kill_after)


def digest(folder):
    """SHA-256 over every file of a folder (names and bytes), or None if there is none."""
    if not os.path.isdir(folder):
        return None
    h = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        h.update(name.encode())
        with open(os.path.join(folder, name), "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def whole_history(folder):
    """Whether `folder` is one complete history: every array has meta.json's record count."""
    try:
        import numpy as np
        meta = json.load(open(os.path.join(folder, "meta.json")))
        rows = sum(1 for _ in open(os.path.join(folder, "loss.csv"))) - 1
        steps = meta["recordedSteps"]
        expected = {f"layer{l}_{k}.npy" for l in meta["recordedLayers"]
                    for k in ("weights", "gradients", "flips")}
        for name in os.listdir(folder):
            if name.startswith("layer") and name not in expected:
                return False
        for name in expected:
            if np.load(os.path.join(folder, name)).shape[0] != steps:
                return False
        return rows == meta.get("loggedSteps", steps)
    except Exception:
        return False


def one_line_error(r, status=None):
    # ArgumentParser's parse errors add the option's help and the usage after the error line.
    lines = [l for l in r.err.splitlines()
             if not l.startswith(("Usage: ", "  See '", "Help:  ")) and l.strip()]
    ok_status = r.status in (1, 64) if status is None else r.status == status
    return ok_status and r.err.startswith("Error: ") and len(lines) == 1 and "\x1b" not in r.err


def bounded(r):
    return r.signal is None and r.seconds < TIME_LIMIT and r.memory < MEMORY_LIMIT


results = {}  # family -> list of (ok, note, old history checked)


def attempt(family, note, ok, checked=False):
    results.setdefault(family, []).append((bool(ok), note, checked))
    if not ok or args.verbose:
        print(f"{'OK' if ok else 'DEFECT'} [{family}] {note}", file=sys.stderr)


def leftovers(parent, keep=("run",)):
    return [n for n in os.listdir(parent) if n not in keep]


def fresh(name):
    folder = os.path.join(WORK, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def old_history(parent, iterations=20):
    history = os.path.join(parent, "run")
    r = run(["train", "--problem", "xor", "--iterations", str(iterations), "--history", history])
    assert r.status == 0, r.err
    return history, digest(history)


TRAIN = ["train", "--problem", "xor", "--layers", "2,8,1", "--bias", "folded"]

# --- History save faults -------------------------------------------------------------------
F = "history save faults"


def mount_tmpfs(folder, size):
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
                          capture_output=True).returncode == 0


full_disk_method = None
for stream in (False, True):
    for size in ("96k", "256k", "1m", "3m"):
        parent = fresh("disk")
        if mount_tmpfs(parent, size):
            full_disk_method = "tmpfs"
            shell = ""
        else:
            full_disk_method = "ulimit -f (SIGXFSZ ignored)"
            shell = f"ulimit -f {int(size[:-1]) * (2 if size.endswith('k') else 2048)}; trap '' XFSZ;"
        try:
            history, before = old_history(parent)
            r = run(TRAIN + ["--iterations", "40000", "--history", history] + (["--stream"] if stream else []), shell)
            ok = (one_line_error(r, 1) and digest(history) == before and leftovers(parent) == [])
            attempt(F, f"full disk {size} {'stream' if stream else 'memory'}: {r.err.strip()}", ok, True)
        finally:
            if full_disk_method == "tmpfs":
                subprocess.run(["umount", parent])

# Signals at random moments of a run and its save.
parent = fresh("timing")
history, _ = old_history(parent)
began = time.time()
r = run(TRAIN + ["--iterations", "30000", "--history", history])
full_run = time.time() - began
for sig, count in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGHUP, 3), (signal.SIGKILL, 10)):
    for _ in range(count):
        parent = fresh("signal")
        history, before = old_history(parent)
        stream = rng.random() < 0.5
        began = time.time()
        p = start(TRAIN + ["--iterations", "30000", "--history", history] + (["--stream"] if stream else []),
                  stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.05) * full_run)
        os.kill(p.pid, sig)
        r = finish(p, began)
        if r.status == 0:  # done before the signal: the new history, whole
            ok = whole_history(history) and leftovers(parent) == []
        elif sig == signal.SIGKILL:  # the old history; the next run deletes what is left
            same = digest(history) == before
            nxt = run(["train", "--problem", "xor", "--iterations", "5", "--history", history])
            ok = same and nxt.status == 0 and leftovers(parent) == [] and whole_history(history)
        else:  # the old history, or the new one whole if the swap was done when the signal came
            ok = (r.signal == sig and (digest(history) == before or whole_history(history))
                  and leftovers(parent) == [])
        attempt(F, f"{signal.Signals(sig).name} at {r.seconds:.2f}s ({'stream' if stream else 'memory'}), status {r.status} signal {r.signal}, old bytes same {digest(history) == before}, left {leftovers(parent)}", ok, True)

# Concurrent writers, started a random few milliseconds apart.
for _ in range(10):
    parent = fresh("concurrent")
    history, before = old_history(parent)
    began = time.time()
    a = start(TRAIN + ["--iterations", "3000", "--history", history], stdout=subprocess.DEVNULL)
    time.sleep(rng.uniform(0, 0.05))
    b = start(TRAIN + ["--iterations", "2000", "--history", history], stdout=subprocess.DEVNULL)
    ra, rb = finish(a, began), finish(b, began)
    refused = [x for x in (ra, rb) if x.status != 0]
    ok = (whole_history(history) and leftovers(parent) == [] and len(refused) <= 1
          and all(one_line_error(x, 1) and "is writing it" in x.err for x in refused))
    attempt(F, f"two writers: statuses {ra.status}, {rb.status}", ok, True)

# --- Numeric overflow in options -----------------------------------------------------------
F = "numeric overflow"
BIG = "9223372036854775807"
for argv in [
    ["train", "--problem", "xor", "--iterations", BIG],
    ["train", "--problem", "xor", "--history-every", BIG, "--history", "h"],
    ["train", "--problem", "xor", "--report-every", BIG],
    ["train", "--problem", "xor", "--epochs", str(2**62), "--batch-size", "1"],
    ["train", "--problem", "xor", "--history-budget", "10000000000000"],
    ["train", "--problem", "xor", "--layers", "4294967296,4294967296,1"],
    ["train", "--problem", "xor", "--seed", "99999999999"],
    ["train", "--problem", "xor", "--alpha", "1e309"],
    ["train", "--problem", "xor", "--blas-threads", BIG],
    ["surface", "--starts", "3", "--alpha", "1e13", "--out", "s.png"],
    ["surface", "--range=-9e307:9e307", "--out", "s.png"],
    ["contour", "--alpha", "1e20", "--out", "c.png"],
    ["plot", "-", "--width", "32767", "--height", "32767", "--out", "p.png"],
    ["plot", "-", "--width", BIG, "--out", "p.png"],
    ["plot", "-", "--scale", "1e300", "--out", "p.png"],
    ["descend", "--function", "x^2", "--start", "1e308", "--step", "1e308"],
    ["descend", "--function", "x^2", "--start", "1", "--max-steps", BIG],
    ["figures", "--frames", BIG, "--only", "descent.gif"],
    ["tutorial", "t4", "--iterations", BIG],
    ["tutorial", "t4", "--hidden", "100000000"],
]:
    r = run(argv, stdin_bytes=b"step,loss\n0,1\n1,0.5\n", kill_after=TIME_LIMIT)
    ok = bounded(r) and (one_line_error(r) or (r.status == 0 and "nan" not in r.out.lower()))
    attempt(F, " ".join(argv)[:80] + f" -> {r.status}", ok)

# --- Deep nesting --------------------------------------------------------------------------
F = "deep nesting"
# (An argument holds at most 128 KiB on Linux.)
for function in ["(" * 50000 + "x" + ")" * 50000, "-" * 100000 + "x", "sin(" * 12000 + "x" + ")" * 12000,
                 "+".join(["x"] * 60000), "x" + "^x" * 40000, "(" * 199 + "x" + ")" * 199]:
    r = run(["descend", "--function", function, "--start", "1"])
    attempt(F, f"descend {function[:12]}… ({len(function)} chars) -> {r.status}",
            bounded(r) and (one_line_error(r) or r.status == 0))
parent = fresh("nested")
history, _ = old_history(parent)
meta_path = os.path.join(history, "meta.json")
meta = json.load(open(meta_path))
meta["layerShapes"] = "NESTED"
for depth in (1000, 100000):
    open(meta_path, "w").write(json.dumps(meta).replace('"NESTED"', "[" * depth + "]" * depth))
    r = run(["report", history, "--out", os.path.join(parent, "rep")])
    attempt(F, f"meta.json nested {depth} deep -> {r.status}", bounded(r) and one_line_error(r))

# --- Memory bombs --------------------------------------------------------------------------
F = "memory bombs"
mnist = fresh("mnist")
with gzip.open(os.path.join(mnist, "train-images-idx3-ubyte.gz"), "wb") as f:
    f.write(struct.pack(">IIII", 0x803, 10, 28, 28))
    block = bytes(1 << 20)
    for _ in range(1000):  # 1 GB of zeros behind a header that promises 7,840 bytes
        f.write(block)
with gzip.open(os.path.join(mnist, "train-labels-idx1-ubyte.gz"), "wb") as f:
    f.write(struct.pack(">II", 0x801, 10) + bytes(10))
for n in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
    shutil.copy(os.path.join(mnist, n.replace("t10k", "train")), os.path.join(mnist, n))
for argv in [
    ["surface", "--starts", "50", "--steps", "1000000", "--out", "s.png"],
    ["train", "--problem", "xor", "--layers", "100000,100000,1"],
    ["train", "--problem", "xor", "--layers", "20000,20000,1"],
    ["train", "--problem", "mnist", "--mnist", mnist, "--layers", "784,10", "--iterations", "1"],
    ["plot", "-", "--width", "32767", "--height", "32767", "--out", "big.png"],
    ["train", "--problem", "xor", "--iterations", "10000000000", "--history", "bomb"],
]:
    r = run(argv, stdin_bytes=b"step,loss\n0,1\n1,0.5\n")
    attempt(F, " ".join(argv)[:80] + f" -> {r.status}, {r.memory >> 20} MB, {r.seconds:.1f}s",
            bounded(r) and (one_line_error(r) or r.status == 0))
parent = fresh("npybomb")
history, _ = old_history(parent)
weights = os.path.join(history, "layer0_weights.npy")
head = "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 3, 2), }"
head += " " * (118 - len(head)) + "\n"
open(weights, "wb").write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(head)) + head.encode())
r = run(["report", history, "--out", os.path.join(parent, "rep")])
attempt(F, f"NPY header claiming 2^62 rows -> {r.status}", bounded(r) and one_line_error(r))

# --- Quadratic inputs ----------------------------------------------------------------------
F = "quadratic inputs"
# Each input at two sizes, n and 4n: linear time takes about 4 times as long, quadratic 16.
def rows(n): return ("step,loss\n" + "".join(f"{i},{1 / (i + 1)}\n" for i in range(n))).encode()
def columns(n): return (",".join(f"c{i}" for i in range(n)) + "\n" + ",".join("1" for _ in range(n)) + "\n").encode()
SMALL = b"step,loss\n0,1\n1,0.5\n"
for note, make in [
    ("title characters", lambda n: (["plot", "-", "--title", "T" * n, "--out", "t.png"], SMALL, 7500)),
    ("CSV columns", lambda n: (["plot", "-", "--out", "w.png"], columns(n), 25000)),
    ("CSV rows", lambda n: (["plot", "-", "--out", "r.png"], rows(n), 100000)),
    ("label characters", lambda n: (["plot", "-", "--xlabel", "é" * n, "--out", "l.png"], SMALL, 15000)),
    ("function terms", lambda n: (["descend", "--function", "+".join(["x*x"] * n), "--start", "1", "--step", "1e-7"], None, 7500)),
]:
    n = make(0)[2]
    times = []
    for size in (n, 4 * n):
        argv, data, _ = make(size)
        r = run(argv, stdin_bytes=data)
        times.append(r.seconds)
        fine = bounded(r) and (r.status == 0 or one_line_error(r))
    ratio = times[1] / max(times[0], 1e-3)
    attempt(F, f"{note} {n} -> {4 * n}: {times[0]:.1f}s -> {times[1]:.1f}s (x{ratio:.1f})", fine and ratio < 8)

# --- Temporary leftovers -------------------------------------------------------------------
F = "temporary leftovers"
for note, sig, extra in [("SIGPIPE (| head -2)", signal.SIGPIPE, ["--layers", "2,4,1"]),
                         ("SIGQUIT", signal.SIGQUIT, ["--layers", "2,4,1"]),
                         ("SIGINT, 26 layers", signal.SIGINT, ["--layers", ",".join(["2"] + ["3"] * 25 + ["1"])])]:
    parent = fresh("leftover")
    history, before = old_history(parent)
    began = time.time()
    p = start(["train", "--problem", "xor", "--bias", "folded", "--iterations", "2000000", "--report-every", "1",
               "--history", history, "--stream"] + extra)
    for _ in range(600):
        if any(n.endswith(".partial") for n in os.listdir(parent)):
            break
        time.sleep(0.05)
    if sig == signal.SIGPIPE:
        p.stdout.read(100)
        p.stdout.close()
        p.stdout = None
    else:
        os.kill(p.pid, sig)
    r = finish(p, began)
    attempt(F, f"{note}: status {r.status}, signal {r.signal}", r.signal == sig and digest(history) == before and leftovers(parent) == [], True)
# What SIGKILL leaves (a temporary named for a process that is gone) is deleted by the next
# writer of the same file or folder; a live writer's (its lock held) is not.
gone = subprocess.Popen(["true"]); gone.wait()
out = fresh("stale")
stale_file = os.path.join(out, f".descent.gif.{gone.pid}-abc.tmp")
live_file = os.path.join(out, f".descent.gif.{gone.pid}-def.tmp")
stale_folder = os.path.join(out, f".run.{gone.pid}-ghi.partial")
for path in (stale_file, live_file):
    open(path, "w").write("x")
os.makedirs(stale_folder)
open(os.path.join(stale_folder, "loss.csv"), "w").write("x")
holder = subprocess.Popen(["flock", "--no-fork", live_file, "sleep", "60"], preexec_fn=default_signals)
time.sleep(0.5)
r = run(["figures", "--only", "descent.gif", "--frames", "1", "--out", out])
attempt(F, f"stale figure temporary deleted, a locked one kept -> {r.status}",
        r.status == 0 and not os.path.exists(stale_file) and os.path.exists(live_file))
r = run(["train", "--problem", "xor", "--iterations", "5", "--history", os.path.join(out, "run")])
attempt(F, f"stale history folder deleted -> {r.status}", r.status == 0 and not os.path.exists(stale_folder))
os.kill(holder.pid, signal.SIGKILL); holder.wait()

# --- Silent wrong results ------------------------------------------------------------------
F = "silent wrong results"
def csv(name, text):
    path = os.path.join(WORK, name)
    open(path, "wb").write(text.encode() if isinstance(text, str) else text)
    return path
for note, argv in [
    ("empty target cell", ["train", "--data", csv("e.csv", "a,b,t\n0,0,\n0,1,1\n"), "--layers", "2,2,1"]),
    ("nan target", ["train", "--data", csv("n.csv", "a,b,t\n0,0,nan\n0,1,1\n"), "--layers", "2,2,1"]),
    ("inf input", ["train", "--data", csv("i.csv", "a,b,t\ninf,0,0\n0,1,1\n"), "--layers", "2,2,1"]),
    ("NUL in a cell", ["train", "--data", csv("z.csv", b"a,b,t\n2\x00abc,0,0\n0,1,1\n"), "--layers", "2,2,1"]),
    ("leaky-relu:nan", ["train", "--problem", "xor", "--activation", "leaky-relu:nan"]),
    ("sigmoid:inf", ["train", "--problem", "xor", "--activation", "sigmoid:inf"]),
    ("--layers 3,,1", ["train", "--problem", "xor", "--layers", "3,,1"]),
    ("--iterations 0", ["train", "--problem", "xor", "--iterations", "0"]),
    ("figures --format ''", ["figures", "--format", "", "--only", "descent.gif"]),
    ("MNIST with 0 test images", ["train", "--problem", "mnist", "--mnist", fresh("mnist0"), "--layers", "784,10"]),
]:
    if note.startswith("MNIST"):
        folder = argv[4]
        for n, magic, dims in (("train-images-idx3-ubyte", 0x803, (2, 28, 28)), ("train-labels-idx1-ubyte", 0x801, (2,)),
                               ("t10k-images-idx3-ubyte", 0x803, (0, 28, 28)), ("t10k-labels-idx1-ubyte", 0x801, (0,))):
            size = 1
            for d in dims: size *= d
            open(os.path.join(folder, n), "wb").write(struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + bytes(size))
    r = run(argv)
    attempt(F, f"{note} -> {r.status}: {r.err.strip()[:70]}", bounded(r) and one_line_error(r))

# --- Badly worded errors -------------------------------------------------------------------
F = "badly worded errors"
occupied = csv("occupied", "x")
crlf = csv("crlf.csv", "step,loss\r\n0,1\r\n1,0.5\r\n")
esc = csv("esc.csv", "step,\x1b[31mred\x1b[0m\n1,2\n")
fifo = os.path.join(WORK, "fifo")
if not os.path.exists(fifo): os.mkfifo(fifo)
checks = [
    ("figures --out on a file", ["figures", "--out", occupied, "--only", "descent.gif", "--frames", "1"],
     lambda r: one_line_error(r, 1) and "is a file, not a folder" in r.err),
    ("descend where f is NaN", ["descend", "--function", "log(x)", "--start", "-1"],
     lambda r: one_line_error(r, 1) and "not a number" in r.err and "smaller --step" not in r.err),
    ("--only as --list prints it", ["figures", "--only", "descent.gif", "--frames", "1", "--out", os.path.join(WORK, "g")],
     lambda r: r.status == 0),
    ("CRLF loss.csv", ["plot", crlf, "--out", os.path.join(WORK, "crlf.png")], lambda r: r.status == 0),
    ("escape sequence in a column name", ["plot", esc, "--y", "nope", "--out", os.path.join(WORK, "e.png")],
     lambda r: one_line_error(r, 64) and "\\u{1B}" in r.err),
    ("--check --out NEWDIR", ["figures", "--check", "--only", "descent.gif", "--frames", "1", "--out", os.path.join(WORK, "newdir")],
     lambda r: r.status == 1 and not os.path.exists(os.path.join(WORK, "newdir"))),
    ("failed figures run", ["figures", "--only", "xor-learning-rates", "--data", fresh("nodata"), "--out", os.path.join(WORK, "made/deep")],
     lambda r: one_line_error(r, 1) and not os.path.exists(os.path.join(WORK, "made"))),
    ("history under a file, before training", ["train", "--problem", "xor", "--history", occupied + "/run"],
     lambda r: one_line_error(r, 1) and r.out == ""),
    ("--history ''", ["train", "--problem", "xor", "--history", ""], lambda r: one_line_error(r, 64)),
    ("unknown figure", ["figures", "--only", "nope"], lambda r: one_line_error(r, 64)),
]
for note, argv, check in checks:
    r = run(argv)
    attempt(F, f"{note} -> {r.status}: {r.err.strip()[:70]}", bounded(r) and check(r))
readonly = fresh("readonly")
if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", readonly]).returncode == 0:
    try:
        for note, argv in [
            ("figures --out on a read-only folder", ["figures", "--only", "descent.gif", "--frames", "1", "--out", readonly]),
            ("figures --out under a read-only folder", ["figures", "--only", "descent.gif", "--frames", "1", "--out", readonly + "/sub"]),
            ("train --history on a read-only folder", ["train", "--problem", "xor", "--history", readonly + "/run"]),
        ]:
            r = run(argv)
            attempt(F, f"{note} -> {r.status}: {r.err.strip()[:70]}",
                    one_line_error(r, 1) and "Read-only file system" in r.err and "Final loss" not in r.out)
    finally:
        subprocess.run(["umount", readonly])
writer = subprocess.Popen(["/bin/sh", "-c", f"printf 'step,loss\\n0,1\\n1,0.5\\n' > {fifo}"])
r = run(["plot", fifo, "--out", os.path.join(WORK, "fifo.png")])
writer.wait()
attempt(F, f"plot from a FIFO -> {r.status}", r.status == 0)

# --- The table -----------------------------------------------------------------------------
shutil.rmtree(WORK, ignore_errors=True)
print(f"downhill: {DOWNHILL}; full disk: {full_disk_method}; seed {args.seed}")
print(f"{'family':<24} {'attempts':>8} {'OK':>5} {'defects':>8} {'old history sha256 checked':>27}")
total = [0, 0, 0, 0]
for family, rows in results.items():
    n, ok, checked = len(rows), sum(r[0] for r in rows), sum(r[2] for r in rows)
    total = [total[0] + n, total[1] + ok, total[2] + n - ok, total[3] + checked]
    print(f"{family:<24} {n:>8} {ok:>5} {n - ok:>8} {checked:>27}")
print(f"{'total':<24} {total[0]:>8} {total[1]:>5} {total[2]:>8} {total[3]:>27}")
sys.exit(1 if total[2] else 0)
