#!/usr/bin/env bash
# Debian packages Jobdeck needs from the system: Qt's runtime libraries (offscreen and xcb) and
# fonts. With --tests (make test), also Xvfb and xdotool for the end-to-end tests in a real X11
# window, and the validators of the desktop entry and AppStream metadata. As root (CI, a
# container) it installs what is missing; otherwise it prints the one apt-get line to run and
# stops. On systems without apt-get it checks nothing: the app itself
# names a missing library in one sentence when it cannot open its window.
set -euo pipefail
tests=false
[ "${1:-}" = "--tests" ] && tests=true
command -v apt-get >/dev/null && command -v ldconfig >/dev/null || exit 0
need=()
libs=$(ldconfig -p)
have_lib() { grep -q "$1" <<<"$libs"; }
have_lib libEGL.so.1 || need+=(libegl1)
have_lib libGL.so.1 || need+=(libgl1)
have_lib libxkbcommon.so.0 || need+=(libxkbcommon0)
have_lib libfontconfig.so.1 || need+=(libfontconfig1)
have_lib libdbus-1.so.3 || need+=(libdbus-1-3)
have_lib libglib-2.0.so.0 || need+=(libglib2.0-0)
# The X11 (xcb) platform plugin: since Qt 6.5 it will not load without libxcb-cursor0.
have_lib libxcb-cursor.so.0 || need+=(libxcb-cursor0)
have_lib libxcb-icccm.so.4 || need+=(libxcb-icccm4)
have_lib libxcb-keysyms.so.1 || need+=(libxcb-keysyms1)
have_lib libxcb-image.so.0 || need+=(libxcb-image0)
have_lib libxcb-render-util.so.0 || need+=(libxcb-render-util0)
have_lib libxkbcommon-x11.so.0 || need+=(libxkbcommon-x11-0)
have_lib libxcb-shape.so.0 || need+=(libxcb-shape0)
have_lib libxcb-xkb.so.1 || need+=(libxcb-xkb1)
have_lib libxcb-randr.so.0 || need+=(libxcb-randr0)
# Read fc-list's whole output first: with pipefail, `fc-list | grep -q` fails when grep stops at
# its first match while fc-list still writes (SIGPIPE), and the fonts were then "missing".
fonts=$(fc-list 2>/dev/null || true)
grep -qi . <<<"$fonts" || need+=(fonts-dejavu-core)
if $tests; then
  grep -qi dejavu <<<"$fonts" || need+=(fonts-dejavu-core)
  command -v Xvfb >/dev/null || need+=(xvfb)
  command -v xdotool >/dev/null || need+=(xdotool)
  # The checks of the desktop entry and the AppStream metadata that the packages ship.
  command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
  command -v appstreamcli >/dev/null || need+=(appstream)
fi
# fonts-dejavu-core may be listed twice; apt-get takes it once, but say it once too.
mapfile -t need < <(printf '%s\n' "${need[@]}" | awk 'NF && !seen[$0]++')
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Jobdeck needs these system packages first. Install them, then run make again:" >&2
  echo "  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages Qt needs (about a minute): ${need[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "System packages installed."
