#!/usr/bin/env python3
"""Writes a tiny MNIST-style fixture (4 images of 28x28, 4 labels) in the dotted, gzipped naming
used by /work/shared/data/mnist, plus the expected pixel sums, for Tests/DownhillTests/Data/mnist.

Pixel (k, r, c) = (k*31 + r*7 + c*3) % 256; labels = [7, 2, 1, 0]. Run from the package root."""
import gzip, os, struct
import numpy as np

out = "Tests/DownhillTests/Data/mnist"
os.makedirs(out, exist_ok=True)
k, r, c = np.meshgrid(np.arange(4), np.arange(28), np.arange(28), indexing="ij")
images = ((k * 31 + r * 7 + c * 3) % 256).astype(np.uint8)
labels = np.array([7, 2, 1, 0], dtype=np.uint8)
# mtime=0 keeps the files byte-identical across runs.
with gzip.GzipFile(os.path.join(out, "t10k-images.idx3-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">IIII", 0x803, 4, 28, 28) + images.tobytes())
with gzip.GzipFile(os.path.join(out, "t10k-labels.idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(struct.pack(">II", 0x801, 4) + labels.tobytes())
scaled = images.reshape(4, 784) / 255.0
with open(os.path.join(out, "expected.csv"), "w") as f:
    f.write("image,label,pixel_sum,pixel_100\n")
    for i in range(4):
        f.write(f"{i},{labels[i]},{float(scaled[i].sum())!r},{float(scaled[i, 100])!r}\n")
