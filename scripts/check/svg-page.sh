#!/usr/bin/env bash
# Inlines every committed figure's SVG into one HTML page, renders it in headless Chromium
# (Debian's `chromium`) and compares each figure's pixels with its own PNG: SVGs inlined together
# share one id namespace, so a figure that borrows another's glyphs or clips shows up here.
# Each figure is also compared with the same SVG drawn alone (an <img>, its own document) at the
# same place: that difference is what the page itself does to a figure, which must be nothing,
# while the one against the PNG also holds Chromium's and Cairo's different antialiasing.
# Fails when a figure's RMS difference (0–255) from its PNG exceeds 10, from itself alone 1, or
# sizes differ.
# Usage: scripts/check/svg-page.sh [SCREENSHOT.png] [FOLDER...]   (default: figures figures/report)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v chromium >/dev/null || { echo "svg-page: needs chromium (apt-get install chromium)" >&2; exit 1; }
python3 -c 'import numpy, PIL' 2>/dev/null || { echo "svg-page: needs python3 with numpy and PIL (apt-get install python3-numpy python3-pil)" >&2; exit 1; }
shot=$(realpath -m "${1:-$(mktemp --suffix=.png)}")
shift || true
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(figures figures/report)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The page: two columns of figures at known places, each SVG inlined as written.
python3 - "$work" "${folders[@]}" <<'PY'
import glob, json, os, re, sys
work, folders = sys.argv[1], sys.argv[2:]
svgs = sorted(f for d in folders for f in glob.glob(os.path.join(d, "*.svg")))
if not svgs: sys.exit("svg-page: no SVGs in " + " ".join(folders))
gap, columns, tops, places, parts, images = 20, 2, [0, 0], [], [], []
column_width = 0
sizes = []
for f in svgs:
    text = open(f, encoding="utf-8").read()
    w, h = (float(v) for v in re.search(r'<svg[^>]* width="([\d.]+)px" height="([\d.]+)px"', text).groups())
    sizes.append((f, text, w, h))
    column_width = max(column_width, w)
for f, text, w, h in sizes:
    c = min(range(columns), key=lambda k: tops[k])
    x, y = c * (column_width + gap), tops[c]
    tops[c] += h + gap
    places.append({"svg": f, "png": f[:-4] + ".png", "x": x, "y": y, "width": w, "height": h})
    body = re.sub(r'^<\?xml[^>]*\?>\s*', '', text)
    box = f'position:absolute;left:{x}px;top:{y}px;width:{w}px;height:{h}px'
    parts.append(f'<div style="{box}">{body}</div>')
    images.append(f'<img style="{box}" src="file://{os.path.abspath(f)}">')
width, height = int(columns * column_width + gap), int(max(tops))
for name, content in [("page.html", parts), ("alone.html", images)]:
    open(os.path.join(work, name), "w", encoding="utf-8").write(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Every figure</title>'
        '<style>html,body{margin:0;padding:0;background:#fff}svg,img{display:block}</style>'
        '</head><body>' + "".join(content) + "</body></html>\n")
json.dump({"width": width, "height": height, "figures": places}, open(os.path.join(work, "places.json"), "w"))
PY
size=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print("%d,%d" % (p["width"], p["height"]))' "$work/places.json")
for page in page alone; do
  out=$([ $page = page ] && echo "$shot" || echo "$work/alone.png")
  timeout 300 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --allow-file-access-from-files --window-size="$size" --screenshot="$out" "file://$work/$page.html" \
    >/dev/null 2>"$work/log" || true
  [ -s "$out" ] || { cat "$work/log" >&2; echo "svg-page: Chromium wrote no screenshot of $page.html" >&2; exit 1; }
done
python3 - "$work/places.json" "$shot" "$work/alone.png" <<'PY'
import json, sys
import numpy as np
from PIL import Image
tolerance, alone_tolerance = 10.0, 1.0
places = json.load(open(sys.argv[1]))
page = np.asarray(Image.open(sys.argv[2]).convert("RGB"), dtype=np.float64)
alone = np.asarray(Image.open(sys.argv[3]).convert("RGB"), dtype=np.float64)
print("  RMS vs PNG  vs alone  figure")
failed = 0
for p in places["figures"]:
    png = np.asarray(Image.open(p["png"]).convert("RGB"), dtype=np.float64)
    x, y, w, h = int(p["x"]), int(p["y"]), int(round(p["width"])), int(round(p["height"]))
    if png.shape[:2] != (h, w):
        print(f"FAIL {p['svg']}: SVG is {w}×{h}, its PNG {png.shape[1]}×{png.shape[0]}")
        failed += 1
        continue
    crop = page[y:y + h, x:x + w]
    if crop.shape != png.shape:
        print(f"FAIL {p['svg']}: the screenshot does not hold it ({crop.shape[1]}×{crop.shape[0]})")
        failed += 1
        continue
    rms = float(np.sqrt(np.mean((crop - png) ** 2)))
    rms_alone = float(np.sqrt(np.mean((crop - alone[y:y + h, x:x + w]) ** 2)))
    ok = rms <= tolerance and rms_alone <= alone_tolerance
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {rms:6.2f}    {rms_alone:6.3f}  {p['svg']}")
print(f"svg-page: {len(places['figures']) - failed} of {len(places['figures'])} figures within RMS {tolerance:g} of their PNGs and {alone_tolerance:g} of themselves alone; screenshot {sys.argv[2]}")
sys.exit(1 if failed else 0)
PY
