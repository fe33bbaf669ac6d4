#!/usr/bin/env bash
# macOS: build Jobdeck.app (the BUNDLE in packaging/jobdeck.spec) and put it in a .dmg.
#
#   bash packaging/macos/build-dmg.sh
#
# Produces dist/Jobdeck.app and dist/Jobdeck-VERSION-macos-ARCH.dmg (ARCH is the machine's: arm64
# on Apple silicon, x86_64 on Intel; build on each for both). Needs Python 3.11+ and the Xcode
# command line tools (hdiutil, codesign and iconutil come with macOS). Runs on macOS only; CI
# runs it on a macOS runner (.github/workflows/package.yml).
#
# Signing: PyInstaller signs the app ad hoc, which runs on the machine that built it and, after
# "Open" in the Finder's context menu, elsewhere. For distribution set JOBDECK_CODESIGN_IDENTITY
# ("Developer ID Application: ...") to sign with hardened runtime, then notarize the .dmg:
#   xcrun notarytool submit dist/Jobdeck-*.dmg --keychain-profile NAME --wait
#   xcrun stapler staple dist/Jobdeck-*.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
[ "$(uname -s)" = Darwin ] || {
  echo "build-dmg: macOS only (on Linux: make package)" >&2
  exit 1
}
PYTHON=${PYTHON:-python3}
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
APP=dist/Jobdeck.app
DMG=dist/Jobdeck-$VERSION-macos-$ARCH.dmg
VENV=build/venv

test -x "$VENV/bin/python" || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -r packaging/requirements-build.txt "$ROOT"

rm -rf "$APP" dist/jobdeck
(cd build && "$ROOT/$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/jobdeck.spec")

if [ -n "${JOBDECK_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --sign "$JOBDECK_CODESIGN_IDENTITY" "$APP"
fi
codesign --verify --deep --strict "$APP"

# Smoke test: the app's own executable, offscreen, on a throw-away library; then the CLI.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/jobdeck" --data-dir "$tmp/data" --self-test
"$APP/Contents/MacOS/jobdeck" --version
"$APP/Contents/MacOS/jobdeck" --data-dir "$tmp/data" import tests/fixtures/jobright-amazon-rl-intern.txt
"$APP/Contents/MacOS/jobdeck" --data-dir "$tmp/data" export --format json | grep -q '"Amazon"'

# The disk image: the app and a link to /Applications to drag it onto.
mkdir "$tmp/dmg"
cp -R "$APP" "$tmp/dmg/"
ln -s /Applications "$tmp/dmg/Applications"
rm -f "$DMG"
hdiutil create -volname "Jobdeck $VERSION" -srcfolder "$tmp/dmg" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
if [ -n "${JOBDECK_CODESIGN_IDENTITY:-}" ]; then
  codesign --sign "$JOBDECK_CODESIGN_IDENTITY" --timestamp "$DMG"
fi
echo "build-dmg: $DMG ($(du -h "$DMG" | cut -f1)), app $(du -sh "$APP" | cut -f1)"
