"""The files that make Jobdeck an installed desktop app: icons, desktop entry, AppStream metainfo.

Run with the suite; the two external validators run too when they are installed (make package
installs them), and are skipped otherwise.
"""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP_FILE = RESOURCES / "jobdeck.desktop"
METAINFO = RESOURCES / "io.github.jobdeck.Jobdeck.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


@pytest.mark.parametrize("size", SIZES)
def test_every_icon_size_is_a_png_of_that_size(size: int) -> None:
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "jobdeck.png"
    assert png_size(path) == (size, size)


@pytest.mark.parametrize("name", ["jobdeck.svg", "jobdeck-small.svg", "jobdeck-24.svg"])
def test_icon_sources_are_square_svgs(name: str) -> None:
    root = ET.parse(RESOURCES / "icons" / name).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = root.get("viewBox", "").split()
    assert width == height


def test_windows_and_macos_icons_are_there() -> None:
    assert (RESOURCES / "icons" / "jobdeck.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (RESOURCES / "icons" / "jobdeck.icns").read_bytes()[:4] == b"icns"


def test_desktop_entry_launches_the_jobdeck_command_with_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Jobdeck"
    assert entry["Exec"].split()[0] == "jobdeck"
    assert entry["Icon"] == "jobdeck"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"


def test_desktop_entry_matches_the_apps_windows() -> None:
    # desktop/ui/app.py: setDesktopFileName("jobdeck") is how Wayland ties windows to the entry;
    # on X11 it is WM_CLASS, which Qt sets to ("jobdeck", "Jobdeck"): the class is the app name.
    assert DESKTOP_FILE.name == "jobdeck.desktop"
    assert desktop_entry()["StartupWMClass"] == "Jobdeck"


def test_metainfo_names_the_desktop_entry_and_the_command() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == METAINFO.name.removesuffix(".metainfo.xml")
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert root.findtext("provides/binary") == "jobdeck"
    assert root.findtext("project_license") == "MIT"


def test_metainfo_release_is_the_project_version() -> None:
    # Bump <releases> together with pyproject.toml: software centres show the newest release.
    root = ET.parse(METAINFO).getroot()
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == project_version()


def test_the_app_reports_the_project_version() -> None:
    # desktop.__version__ is written out (not read from metadata) to start faster: keep in step.
    import desktop

    assert desktop.__version__ == project_version()


def test_metainfo_screenshot_is_the_readme_screenshot() -> None:
    root = ET.parse(METAINFO).getroot()
    image = root.find("screenshots/screenshot[@type='default']/image")
    assert image is not None and image.text is not None
    assert image.text.endswith("/resources/screenshots/main-window.png")
    local = RESOURCES / "screenshots" / "main-window.png"
    assert png_size(local) == (int(image.get("width", 0)), int(image.get("height", 0)))


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validate_passes() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_appstreamcli_validate_passes() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
