"""Writes figures/data/mnist-small/: the first 2,000 training and 500 test images of MNIST as
gzipped IDX files, so the catalogue's MNIST figure needs nothing outside the repository.
Run: python3 scripts/make_mnist_subset.py /path/to/mnist   (e.g. ../shared/data/mnist)
"""
import gzip
import os
import struct
import sys

src = sys.argv[1]
out = "figures/data/mnist-small"
os.makedirs(out, exist_ok=True)


def subset(name, count):
    with gzip.open(os.path.join(src, name), "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        body = data[16 : 16 + count * rows * cols]
        header = struct.pack(">IIII", magic, count, rows, cols)
    else:
        body = data[8 : 8 + count]
        header = struct.pack(">II", magic, count)
    # mtime=0 keeps the gzip bytes the same on every run.
    with gzip.GzipFile(os.path.join(out, name), "wb", mtime=0) as f:
        f.write(header + body)


subset("train-images.idx3-ubyte.gz", 2000)
subset("train-labels.idx1-ubyte.gz", 2000)
subset("t10k-images.idx3-ubyte.gz", 500)
subset("t10k-labels.idx1-ubyte.gz", 500)
