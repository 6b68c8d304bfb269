#!/usr/bin/env python3
"""Colour-blind separation and contrast of the catalogue's series palettes.

For every figure whose series are told apart by colour, prints the smallest CIEDE2000 difference
between any two of its colours for normal vision and simulated deuteranopia, protanopia and
tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, applied in linear sRGB), and each
colour's WCAG contrast ratio against the background it is drawn on.

A check for people choosing colours, not part of the build: needs `pip install colour-science`.
    scripts/check/palette-cvd.py            # the palettes as the catalogue draws them now
    scripts/check/palette-cvd.py --json F   # palettes from F: {"figure": {"colors": [...], ...}}

Rules of thumb: ΔE2000 ≥ 10 reads as clearly different side by side for thin lines; ≥ 3:1
contrast against the background is WCAG's minimum for graphical objects (1.4.11).
"""

import argparse
import itertools
import json
import sys

import numpy as np

try:
    import colour
except ImportError:
    sys.exit("palette-cvd.py needs colour-science: pip install colour-science")

# Series colours (lines, markers) each figure asks the reader to tell apart, with the background
# they are drawn on. Keep in step with Sources/DownhillFigures.
ALPHA_PALETTE = {  # LearningRateSweep.alphaColors: α = 0.001 … 1000
    "0.001": "#693c69", "0.01": "#590fff", "0.1": "#3c96ff", "1": "#007859", "10": "#96962c",
    "100": "#d27896", "1000": "#a51e00",
}
# viridis at 0, 0.1, …, 1: the bands filled contours put under a path.
VIRIDIS = ["#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884",
           "#44bf70", "#7ad151", "#bddf26", "#fde725"]
CATALOGUE = {
    "learning-rate-sweep": {"colors": list(ALPHA_PALETTE.values())},
    "xor-learning-rates": {
        "colors": [ALPHA_PALETTE[a] for a in ["0.01", "0.1", "1", "10", "100"]]},
    "vanishing-gradients": {"colors": ["#1f77b4", "#d95f02", "#4b4b4b"]},
    "mnist-training": {"colors": ["#1f77b4", "#ff7f0e"]},
    "sigmoid-stretched": {"colors": ["#d62728", "#1f77b4"]},
    "sgd-local-min": {"colors": ["#c26a00", "#007859", "#1f77b4"]},  # with the curve's blue
    "sgd-randomness-ensemble": {"colors": ["#7b2d8e", "#007859", "#c26a00", "#1f77b4"]},
    # One optimizer per panel: its path against the filled contours' darkest and lightest band.
    "cost-contours-optimizers (each panel's path)": {
        "colors": ["#ffffff"], "backgrounds": VIRIDIS, "halo": "#1a1a1a"},
    "cost-contours-optimizers (convergence panel)": {
        "colors": list(ALPHA_PALETTE.values())},
    "loss-landscape-xor (PCA panel path)": {
        "colors": ["#ffb000"], "backgrounds": VIRIDIS, "halo": "#1a1a1a"},
    "cost-surface-comparison (paths)": {
        "colors": ["#ffffff", "#111111", "#ff33cc", "#8c2d04", "#7a7aff"]},
}

DEFICIENCIES = {"deuteranopia": "Deuteranomaly", "protanopia": "Protanomaly",
                "tritanopia": "Tritanomaly"}


def srgb(hex_colour):
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def simulate(rgb, deficiency):
    """sRGB (0…1) as seen with the deficiency, through Machado 2009's matrix in linear RGB."""
    if deficiency is None:
        return rgb
    m = colour.matrix_cvd_Machado2009(DEFICIENCIES[deficiency], 1.0)
    linear = colour.models.eotf_sRGB(rgb)
    return colour.models.eotf_inverse_sRGB(np.clip(m @ linear, 0, 1))


def lab(rgb):
    return colour.XYZ_to_Lab(colour.sRGB_to_XYZ(rgb))


def delta_e(a, b):
    return float(colour.delta_E(lab(a), lab(b), method="CIE 2000"))


def luminance(rgb):
    linear = colour.models.eotf_sRGB(rgb)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a, b):
    la, lb = sorted([luminance(a), luminance(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


def report(name, spec):
    colours = [srgb(c) for c in spec["colors"]]
    backgrounds = [srgb(c) for c in spec.get("backgrounds", ["#ffffff"])]
    parts = []
    if len(colours) > 1:
        for deficiency in [None, *DEFICIENCIES]:
            seen = [simulate(c, deficiency) for c in colours]
            worst, (i, j) = min(
                (delta_e(seen[i], seen[j]), (i, j))
                for i, j in itertools.combinations(range(len(seen)), 2))
            parts.append(
                f"{deficiency or 'normal'} {worst:5.1f} ({spec['colors'][i]}/{spec['colors'][j]})")
    ratios = [contrast(c, bg) for c in colours for bg in backgrounds]
    line = f"{name}: min ΔE2000 " + "; ".join(parts) if parts else f"{name}:"
    if "halo" in spec:
        # A line on a halo reads where either edge contrasts: the better of the two counts.
        halo = srgb(spec["halo"])
        edge = min(max(contrast(c, bg), contrast(halo, bg)) for c in colours for bg in backgrounds)
        line += f" line or its {spec['halo']} halo vs background min {edge:.2f}:1" \
                f" (line alone {min(ratios):.2f}:1)"
    else:
        line += f"; contrast vs background min {min(ratios):.2f}:1"
    print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="palettes to check instead of the catalogue's")
    args = parser.parse_args()
    palettes = CATALOGUE
    if args.json:
        with open(args.json) as f:
            palettes = json.load(f)
    for name, spec in palettes.items():
        report(name, spec)


if __name__ == "__main__":
    main()
