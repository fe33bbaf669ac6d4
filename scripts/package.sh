#!/usr/bin/env bash
# `make package`: freeze Jobdeck with PyInstaller and build, under dist/,
#   jobdeck/                                 the one-folder bundle (run dist/jobdeck/jobdeck)
#   jobdeck-VERSION-linux-ARCH.tar.gz        that folder, for any Linux with glibc as new as ours
#   jobdeck_VERSION_DEBARCH.deb              the bundle in /opt/jobdeck, `jobdeck` on the PATH, the
#                                            desktop entry, the icons and the AppStream metainfo
# then smoke-test all three (scripts/package-smoke.sh). Sets up everything it needs itself: a build
# venv in build/venv (the app + pinned PyInstaller), and, as root, the Debian tools and Qt's
# runtime libraries. Set JOBDECK_SKIP_SMOKE=1 to build without the smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
umask 022
started=$SECONDS
say() { echo "package: $*"; }

VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
DEB_ARCH=$(dpkg --print-architecture)
VENV=build/venv
BUNDLE=dist/jobdeck
TARBALL=dist/jobdeck-$VERSION-linux-$ARCH.tar.gz
DEB=dist/jobdeck_${VERSION}_$DEB_ARCH.deb

# --- system tools: dpkg-deb comes with dpkg; the validators and Qt's libraries may not be here ---
need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v strip >/dev/null || need+=(binutils) # PyInstaller strips the Linux binaries
command -v appstreamcli >/dev/null || need+=(appstream)
# For the smoke test's keyring check: a real Secret Service (gnome-keyring, which brings a D-Bus
# session bus and dbus-run-session with it).
command -v gnome-keyring-daemon >/dev/null || need+=(gnome-keyring)
# Optional Wayland libraries: present, they make the .deb's Recommends complete.
ldconfig -p | grep -q libwayland-cursor.so.0 || need+=(libwayland-cursor0)
ldconfig -p | grep -q libwayland-egl.so.1 || need+=(libwayland-egl1)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "package: needs these Debian packages: ${need[*]} (run as root, or install them)" >&2
    exit 1
  fi
  say "installing Debian packages: ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash scripts/system-deps.sh # Qt's runtime libraries: PyInstaller bundles what it finds of them

# --- the build venv: the app as users get it (not editable) and the pinned PyInstaller ---
test -x "$VENV/bin/python" || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# A local directory is always rebuilt and reinstalled, so the venv never holds stale app code;
# setuptools builds in build/lib, where a module deleted from the tree would otherwise linger.
rm -rf build/lib build/bdist.*
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r packaging/requirements-build.txt "$ROOT"
say "build venv ready ($((SECONDS - started)) s)"

# --- the bundle ---
rm -rf "$BUNDLE"
# Run from build/ so the source tree's desktop/ is not importable: the spec reads the install.
(cd build && "$ROOT/$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/jobdeck.spec")
say "bundle built: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE ($((SECONDS - started)) s)"

# --- the tarball ---
tar -C dist --owner=0 --group=0 --numeric-owner -czf "$TARBALL" jobdeck
say "tarball: $TARBALL ($(du -h "$TARBALL" | cut -f1))"

# --- the .deb ---
STAGE=build/deb/jobdeck_${VERSION}_$DEB_ARCH
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
  "$STAGE/usr/share/metainfo" "$STAGE/usr/share/doc/jobdeck" \
  "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$STAGE/opt/jobdeck"
ln -s /opt/jobdeck/jobdeck "$STAGE/usr/bin/jobdeck"
install -m 644 resources/jobdeck.desktop "$STAGE/usr/share/applications/jobdeck.desktop"
install -m 644 resources/io.github.jobdeck.Jobdeck.metainfo.xml "$STAGE/usr/share/metainfo/"
for png in resources/icons/hicolor/*/apps/jobdeck.png; do
  size_dir=${png#resources/icons/hicolor/}
  install -D -m 644 "$png" "$STAGE/usr/share/icons/hicolor/$size_dir"
done
install -m 644 resources/icons/jobdeck.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/jobdeck.svg"
cat >"$STAGE/usr/share/doc/jobdeck/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Jobdeck

Files: *
Copyright: The Jobdeck developers
License: MIT
Comment: /opt/jobdeck bundles Python, Qt (LGPL-3.0, via PySide6) and the Python packages
 Jobdeck depends on, each under its own license; their license files are in /opt/jobdeck/_internal.
EOF
chmod -R u+rwX,go+rX,go-w "$STAGE"
deps=$("$VENV/bin/python" packaging/linux/deb_depends.py "$STAGE/opt/jobdeck")
depends=$(sed -n 1p <<<"$deps")
recommends=$(sed -n 2p <<<"$deps")
cat >"$STAGE/DEBIAN/control" <<EOF
Package: jobdeck
Version: $VERSION
Architecture: $DEB_ARCH
Maintainer: The Jobdeck developers <jobdeck@users.noreply.github.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $depends
${recommends:+Recommends: $recommends
}Section: misc
Priority: optional
Homepage: https://github.com/jobdeck/jobdeck
Description: local-first tracker for job postings and applications
 Jobdeck saves job postings from job boards and career sites, shows each one
 as a structured record (responsibilities, qualifications, benefits, company
 facts) and tracks every application through its stages. Everything stays in
 one SQLite file on your computer.
 .
 This package carries its own Python and Qt under /opt/jobdeck.
EOF
# The hicolor icon cache and the desktop database are refreshed by dpkg triggers of
# hicolor-icon-theme and desktop-file-utils: no maintainer scripts needed.
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "$DEB" >/dev/null
say "deb: $DEB ($(du -h "$DEB" | cut -f1)); Depends: $depends; Recommends: $recommends"
say "built in $((SECONDS - started)) s"

if [ "${JOBDECK_SKIP_SMOKE:-0}" != 1 ]; then
  bash scripts/package-smoke.sh
fi
