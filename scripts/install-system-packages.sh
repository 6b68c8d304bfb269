#!/usr/bin/env bash
# Installs the Debian packages Downhill builds against, when any is missing.
set -euo pipefail
# librsvg2-bin gives rsvg-convert, an independent SVG renderer the plot tests check SVG output with.
packages=(pkg-config libcairo2-dev libpng-dev fonts-dejavu-core libopenblas-dev zlib1g-dev libgif-dev libssl-dev librsvg2-bin)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
