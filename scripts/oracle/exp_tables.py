"""Prints the 2^(j/N) tables of Sources/CNumpyMath/numpy_exp.c (N = 16 and 64).

Each entry is a pair (hi, lo): hi = 2^(j/N) rounded to a double, lo = (2^(j/N) - hi) / hi rounded
to a double, computed with 60-digit decimals. These are the tables the SVML exp inside numpy's
AVX-512 build uses (checked bit for bit against the numpy 2.4 wheel on the development machine).
"""
from decimal import Decimal, getcontext
import struct

getcontext().prec = 60


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def table(n):
    for j in range(n):
        exact = Decimal(2) ** (Decimal(j) / n)
        hi = float(exact)
        yield hi, float((exact - Decimal(hi)) / Decimal(hi))


pairs = list(table(16))
print("exp_hi16:", ", ".join(hi.hex() for hi, _ in pairs))
print("exp_lo16:", ", ".join(lo.hex() for _, lo in pairs))
print("// 2^(j/64): {hi, (2^(j/64) - hi) / hi}")
for hi, lo in table(64):
    print(f"  {{0x{bits(hi):016x}ULL, 0x{bits(lo):016x}ULL}},")
