#!/usr/bin/env bash
# Render the app icon's PNGs (and the Windows .ico and macOS .icns) from the SVG sources in
# resources/icons/. The results are committed, so a build never needs this: run it after changing
# an SVG. Needs rsvg-convert (Debian's librsvg2-bin, installed here when missing and root) and
# Pillow (in a throw-away venv under build/) for the .ico and .icns.
set -euo pipefail
cd "$(dirname "$0")/.."
ICONS=resources/icons

if ! command -v rsvg-convert >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "package-icons: needs rsvg-convert (Debian package librsvg2-bin)" >&2
    exit 1
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends librsvg2-bin >/dev/null
fi

# Small sizes come from the pixel-snapped drawings, the rest from the full one.
source_for() {
  case "$1" in
    16 | 32) echo "$ICONS/jobdeck-small.svg" ;;
    24) echo "$ICONS/jobdeck-24.svg" ;;
    *) echo "$ICONS/jobdeck.svg" ;;
  esac
}
for size in 16 24 32 48 64 128 256 512; do
  out="$ICONS/hicolor/${size}x${size}/apps/jobdeck.png"
  mkdir -p "$(dirname "$out")"
  rsvg-convert --width "$size" --height "$size" "$(source_for "$size")" --output "$out"
done
mkdir -p build/icons
rsvg-convert --width 1024 --height 1024 "$ICONS/jobdeck.svg" --output build/icons/jobdeck-1024.png

VENV=build/icon-venv
test -x "$VENV/bin/python" || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pillow==13.0.0
"$VENV/bin/python" - "$ICONS" <<'PY'
import sys
from pathlib import Path

from PIL import Image

icons = Path(sys.argv[1])
png = {n: Image.open(icons / f"hicolor/{n}x{n}/apps/jobdeck.png") for n in (16, 24, 32, 48, 64, 128, 256, 512)}
png[1024] = Image.open("build/icons/jobdeck-1024.png")
ico = [png[n] for n in (16, 24, 32, 48, 64, 128, 256)]
ico[-1].save(icons / "jobdeck.ico", sizes=[im.size for im in ico], append_images=ico[:-1])
icns = [png[n] for n in (16, 32, 64, 128, 256, 512, 1024)]
icns[-1].save(icons / "jobdeck.icns", append_images=icns[:-1])
PY
echo "package-icons: rendered $(find "$ICONS/hicolor" -name '*.png' | wc -l) PNGs, jobdeck.ico, jobdeck.icns"
