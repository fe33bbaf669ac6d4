"""desktop.resources_path finds the icons from a source tree and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import resources_path

ROOT = Path(__file__).resolve().parents[2]


def test_source_tree_resources_are_found() -> None:
    assert resources_path.resources_dir() == ROOT / "resources"


def test_icon_files_are_every_size_smallest_first() -> None:
    files = resources_path.icon_files()
    assert [int(path.parent.parent.name.split("x")[0]) for path in files] == list(
        resources_path.ICON_SIZES
    )
    assert all(path.name == "jobdeck.png" for path in files)


def test_a_bundle_uses_its_own_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    icon = tmp_path / "resources" / "icons" / "hicolor" / "48x48" / "apps" / "jobdeck.png"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_path.resources_dir() == tmp_path / "resources"
    assert resources_path.icon_files() == [icon]


def test_a_bundle_without_resources_falls_back_to_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_path.resources_dir() == ROOT / "resources"


def test_no_resources_anywhere_means_no_icons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources_path, "__file__", str(tmp_path / "desktop" / "x.py"))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources_path.resources_dir() is None
    assert resources_path.icon_files() == []
