#!/usr/bin/env bash
# Debian packages the test suite needs: Qt's runtime libraries (offscreen and xcb) and fonts,
# plus Xvfb and xdotool for the end-to-end tests in a real X11 window.
set -euo pipefail
need=()
have_lib() { ldconfig -p | grep -q "$1"; }
have_lib libEGL.so.1 || need+=(libegl1)
have_lib libGL.so.1 || need+=(libgl1)
have_lib libxkbcommon.so.0 || need+=(libxkbcommon0)
have_lib libfontconfig.so.1 || need+=(libfontconfig1)
have_lib libdbus-1.so.3 || need+=(libdbus-1-3)
have_lib libglib-2.0.so.0 || need+=(libglib2.0-0)
have_lib libxcb-cursor.so.0 || need+=(libxcb-cursor0)
have_lib libxcb-icccm.so.4 || need+=(libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0 libxcb-shape0 libxcb-xkb1 libxcb-randr0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Jobdeck's tests need these Debian packages: ${need[*]} (run as root, or install them)" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
