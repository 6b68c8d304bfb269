#!/bin/sh
# Regenerates the numpy outputs the Swift tests compare against (Tests/DownhillTests/Data).
# Run from anywhere: sh scripts/oracle/generate.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../Tests/DownhillTests/Data"
cd "$here"
python3 rng_vectors.py
python3 exp_vectors.py > "$out/np_exp.txt"
python3 t1.py tutorial > "$out/t1_tutorial.txt"
python3 t1.py correct > "$out/t1_correct.txt"
python3 t2.py > "$out/t2.txt"
python3 t3.py 1 12000 > "$out/t3_seed1.txt"
# The full sweeps; the tests compare them as text (every run, the chaotic ones included).
python3 t4.py 4 60000 10000 > "$out/t4_h4.txt"
python3 t4.py 32 60000 10000 > "$out/t4_h32.txt"
python3 t4_flips.py 4 60000 > "$out/t4_flips_h4.txt"
python3 t4_2layer.py > "$out/t4_2layer.txt"
python3 t4_13line.py 1 > "$out/t4_13line_seed1.txt"
python3 t5.py 1 1000 > "$out/t5.txt"
python3 surfaces.py > "$out/surfaces.json"
python3 landscape.py "$out"
echo "numpy $(python3 -c 'import numpy; print(numpy.__version__)')" > "$out/ORACLE_VERSION.txt"
