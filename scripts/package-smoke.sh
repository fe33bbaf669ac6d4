#!/usr/bin/env bash
# Smoke-test what `make package` built (scripts/package.sh runs this at its end):
#  - the bundle: what is inside (version metadata, migrations, keyring backends, no unused Qt);
#  - the bundled executable, offscreen on temporary data folders: --version, --self-test on a new
#    library (runs the migrations), export, and, when this Jobdeck has an import command, the
#    shared sample imported, exported again and found, plus every importer fixture read by the
#    frozen app and by the same code unfrozen, with identical results, and a password kept in a
#    real system keyring (gnome-keyring) by the bundle and read back by the unfrozen app;
#  - the default data folder is the same for the frozen app and the unfrozen one;
#  - the tarball unpacked and run; the .deb unpacked with dpkg-deb -x and run from there, its files
#    in place, its desktop entry and metainfo valid.
# Any output on stderr other than known-harmless notes from Qt's offscreen platform fails the test.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
BUNDLE=$ROOT/dist/jobdeck
EXE=$BUNDLE/jobdeck
TARBALL=$ROOT/dist/jobdeck-$VERSION-linux-$(uname -m).tar.gz
DEB=$ROOT/dist/jobdeck_${VERSION}_$(dpkg --print-architecture).deb
VENV_PY=$ROOT/build/venv/bin/python # the same app, not frozen (scripts/package.sh made it)

TMP=$(mktemp -d -t jobdeck-smoke-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
# Nothing here may touch the real user's files: a home of its own, and Qt's runtime folder.
export HOME=$TMP/home XDG_RUNTIME_DIR=$TMP/runtime QT_QPA_PLATFORM=offscreen
unset XDG_DATA_HOME XDG_CONFIG_HOME JOBDECK_DATA_DIR
mkdir -p "$HOME" && mkdir -m 700 "$XDG_RUNTIME_DIR"

checks=0
ok() {
  checks=$((checks + 1))
  echo "  ok  $*"
}
fail() {
  echo "  FAIL $*" >&2
  exit 1
}

# Notes Qt prints on its offscreen platform, which say nothing about the app.
HARMLESS='^(This plugin does not support propagateSizeHints\(\)|QStandardPaths: .*|qt\.qpa\.(fonts|offscreen).*)$'

# run NAME CMD...: run, require exit 0 and a clean stderr; stdout is left in $TMP/NAME.out,
# stderr in $TMP/NAME.err. With REPORTS_ON_STDERR=1 the command may write its report to stderr.
run() {
  local name=$1
  shift
  if ! "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; then
    cat "$TMP/$name.out" "$TMP/$name.err" >&2
    fail "$name: '$*' exited non-zero"
  fi
  if [ "${REPORTS_ON_STDERR:-0}" != 1 ] && grep -Ev "$HARMLESS" "$TMP/$name.err" | grep -q .; then
    grep -Ev "$HARMLESS" "$TMP/$name.err" >&2
    fail "$name: unexpected output on stderr"
  fi
}

echo "smoke: bundle contents ($BUNDLE)"
test -x "$EXE" || fail "no executable at $EXE: run make package"
INTERNAL=$BUNDLE/_internal
test -f "$INTERNAL/jobdeck-$VERSION.dist-info/METADATA" || fail "jobdeck $VERSION metadata missing"
ok "jobdeck-$VERSION.dist-info"
grep -q '^\[keyring.backends\]' "$INTERNAL"/keyring-*.dist-info/entry_points.txt ||
  fail "keyring's entry points missing: keyring would find no backend"
ok "keyring's entry points"
"$VENV_PY" -m PyInstaller.utils.cliutils.archive_viewer -l -r -b "$EXE" >"$TMP/archive.txt" 2>/dev/null
for module in keyring.backends.SecretService keyring.backends.libsecret keyring.backends.kwallet \
  keyring.backends.chainer secretstorage jeepney.io.blocking alembic.op alembic.context \
  sqlalchemy.dialects.sqlite desktop.storage.models; do
  grep -qx " $module" "$TMP/archive.txt" || fail "module $module not in the bundle"
done
ok "keyring backends, secretstorage, alembic and the models are in the bundle"
src_versions=$(find "$ROOT/desktop/storage/migrations/versions" -name '*.py' | wc -l)
bundled_versions=$(find "$INTERNAL/desktop/storage/migrations/versions" -name '*.py' | wc -l)
test -f "$INTERNAL/desktop/storage/migrations/env.py" || fail "migrations/env.py missing"
test -f "$INTERNAL/desktop/storage/migrations/script.py.mako" || fail "migrations/script.py.mako missing"
[ "$src_versions" -eq "$bundled_versions" ] ||
  fail "$bundled_versions migrations bundled, the source has $src_versions"
ok "migrations: env.py, script.py.mako and $bundled_versions versions"
for size in 16 24 32 48 64 128 256 512; do
  test -f "$INTERNAL/resources/icons/hicolor/${size}x$size/apps/jobdeck.png" || fail "icon $size px missing"
done
ok "resources: icons at 16-512 px"
unused=$(find "$BUNDLE" \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' \
  -o -name 'libQt6Pdf*' -o -name 'libQt6WebEngine*' -o -name 'libQt6Multimedia*' -o -name '*.qm' \
  -o -name 'libstdc++*' \) -print)
[ -z "$unused" ] || fail "unwanted files in the bundle: $unused"
ok "no QtQml, QtQuick, QtPdf, Qt translations or libstdc++"
broken=$(find "$BUNDLE" -xtype l -print)
[ -z "$broken" ] || fail "broken symlinks: $broken"
ok "no broken symlinks"
"$VENV_PY" "$ROOT/packaging/linux/deb_depends.py" "$BUNDLE" >/dev/null 2>"$TMP/ldd.err" ||
  { cat "$TMP/ldd.err" >&2; fail "a library the bundle needs is missing on this system"; }
ok "every library the bundle needs resolves (Wayland's are optional)"

echo "smoke: the bundled executable"
run version "$EXE" --version
grep -qx "Jobdeck $VERSION" "$TMP/version.out" || fail "--version said: $(cat "$TMP/version.out")"
ok "--version: $(cat "$TMP/version.out")"
DATA=$TMP/data
run selftest-new "$EXE" --data-dir "$DATA" --self-test
ok "--self-test on a new library (migrations ran): $(tail -n 1 "$TMP/selftest-new.out")"
run export-empty "$EXE" --data-dir "$DATA" export --format json
"$VENV_PY" -c 'import json, sys; assert json.load(open(sys.argv[1])) == []' "$TMP/export-empty.out" ||
  fail "export of an empty library is not []"
ok "export --format json on an empty library: []"
run export-csv "$EXE" --data-dir "$DATA" export --format csv -o "$TMP/all.csv"
test -s "$TMP/all.csv" || fail "export --format csv -o wrote nothing"
ok "export --format csv -o FILE"

SAMPLE=$ROOT/../shared/corpus/jobright-amazon-rl-intern.txt
[ -f "$SAMPLE" ] || SAMPLE=$ROOT/tests/fixtures/jobright-amazon-rl-intern.txt
if "$EXE" import --help >/dev/null 2>&1; then
  run import "$EXE" --data-dir "$DATA" import "$SAMPLE"
  ok "import $(basename "$SAMPLE"): $(cut -c1-60 "$TMP/import.out" | head -1)..."
  run export "$EXE" --data-dir "$DATA" export --format json
  grep -q '"Amazon"' "$TMP/export.out" || fail "the export does not contain \"Amazon\""
  ok "export after import contains \"Amazon\""
  run selftest-one "$EXE" --data-dir "$DATA" --self-test
  ok "--self-test with the posting: $(tail -n 1 "$TMP/selftest-one.out")"


  # Every importer (board text, career-site text, JSON-LD, microdata, RDFa) frozen and not.
  mapfile -t fixtures < <(find "$ROOT/tests/fixtures/importers" -type f ! -name '*.json' | sort)
  if [ ${#fixtures[@]} -gt 0 ]; then
    # --json prints the documents on stdout and its per-file report on stderr: compare both.
    REPORTS_ON_STDERR=1 run parity-frozen "$EXE" --data-dir "$TMP/parity" import --dry-run --json "${fixtures[@]}"
    REPORTS_ON_STDERR=1 run parity-venv "$VENV_PY" -m desktop --data-dir "$TMP/parity" import --dry-run --json "${fixtures[@]}"
    diff "$TMP/parity-frozen.err" "$TMP/parity-venv.err" >&2 || fail "the frozen import reports differently"
    "$VENV_PY" - "$TMP/parity-frozen.out" "$TMP/parity-venv.out" <<'PY' || fail "the frozen importers read the fixtures differently"
import json
import sys


def stable(docs):
    # captured_at is "now"; a relative "posted 9 hours ago" moves with it.
    for doc in docs:
        doc.pop("captured_at", None)
        if doc.get("posted_text"):
            doc.pop("posted_at", None)
    return docs


frozen, venv = (stable(json.load(open(path))) for path in sys.argv[1:])
assert frozen == venv, "frozen and unfrozen imports differ"
PY
    ok "${#fixtures[@]} importer fixtures: the frozen app reads them as the unfrozen one does"
  fi

  # The system keyring through the frozen app: a real Secret Service (gnome-keyring on a private
  # D-Bus session) keeps a password the bundle stores, and the unfrozen app reads it back.
  if "$EXE" login --help >/dev/null 2>&1; then
    if command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null; then
      cat >"$TMP/keyring.sh" <<SCRIPT
set -e
echo -n smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null
echo -n s3cret-smoke | "$EXE" --data-dir "$DATA" login set 1 --url https://example.com --username me
"$VENV_PY" -m desktop --data-dir "$DATA" login get 1 --password
"$EXE" --data-dir "$DATA" login delete 1
SCRIPT
      # dbus-daemon and gnome-keyring talk on stderr in a container; the answers are on stdout.
      REPORTS_ON_STDERR=1 run keyring timeout 60 dbus-run-session -- bash "$TMP/keyring.sh"
      grep -qx 'password: s3cret-smoke' "$TMP/keyring.out" ||
        { cat "$TMP/keyring.out" "$TMP/keyring.err" >&2; fail "the password did not round-trip"; }
      ok "keyring: the bundle kept a password in a real Secret Service, the unfrozen app read it"
    else
      echo "  note: no gnome-keyring-daemon or dbus-run-session here: keyring round trip skipped"
    fi
  fi

  # The default data folder (no --data-dir): written frozen, read by the unfrozen app.
  run import-default "$EXE" import "$SAMPLE"
  run export-default "$VENV_PY" -m desktop export --format json
  grep -q '"Amazon"' "$TMP/export-default.out" ||
    fail "the unfrozen app does not see what the frozen one saved in the default data folder"
  ok "same default data folder frozen and unfrozen ($(find "$HOME" -name jobdeck.db | sed "s|$HOME|~|"))"
else
  echo "  note: this Jobdeck has no import command (jobdeck import --help failed): import step skipped"
fi

echo "smoke: the tarball ($(basename "$TARBALL"))"
mkdir "$TMP/tar"
tar -C "$TMP/tar" -xzf "$TARBALL"
run selftest-tar "$TMP/tar/jobdeck/jobdeck" --data-dir "$TMP/data-tar" --self-test
ok "unpacked, --self-test: $(tail -n 1 "$TMP/selftest-tar.out")"

echo "smoke: the .deb ($(basename "$DEB"))"
run deb-info dpkg-deb --field "$DEB" Package Version Architecture Depends
grep -qx "Version: $VERSION" "$TMP/deb-info.out" || fail "the .deb's version is not $VERSION"
ok "control: $(tr '\n' ' ' <"$TMP/deb-info.out")"
ROOTFS=$TMP/deb
dpkg-deb -x "$DEB" "$ROOTFS"
[ "$(readlink "$ROOTFS/usr/bin/jobdeck")" = /opt/jobdeck/jobdeck ] || fail "/usr/bin/jobdeck is not a link to /opt/jobdeck/jobdeck"
for file in opt/jobdeck/jobdeck usr/share/applications/jobdeck.desktop \
  usr/share/metainfo/io.github.jobdeck.Jobdeck.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/jobdeck.svg usr/share/doc/jobdeck/copyright; do
  test -e "$ROOTFS/$file" || fail "/$file missing from the .deb"
done
for size in 16 24 32 48 64 128 256 512; do
  test -f "$ROOTFS/usr/share/icons/hicolor/${size}x$size/apps/jobdeck.png" || fail "/usr/share/icons: $size px missing"
done
ok "files: /opt/jobdeck, /usr/bin/jobdeck -> /opt/jobdeck/jobdeck, desktop entry, metainfo, 9 icons"
run selftest-deb "$ROOTFS/opt/jobdeck/jobdeck" --data-dir "$TMP/data-deb" --self-test
ok "unpacked, /opt/jobdeck/jobdeck --self-test: $(tail -n 1 "$TMP/selftest-deb.out")"
run desktop-file desktop-file-validate "$ROOTFS/usr/share/applications/jobdeck.desktop"
ok "desktop-file-validate"
run metainfo appstreamcli validate --no-net "$ROOTFS/usr/share/metainfo/io.github.jobdeck.Jobdeck.metainfo.xml"
ok "appstreamcli validate --no-net"
run tree appstreamcli validate-tree --no-net "$ROOTFS"
ok "appstreamcli validate-tree --no-net (metainfo, desktop entry and icon agree)"

echo "smoke: $checks checks passed"
