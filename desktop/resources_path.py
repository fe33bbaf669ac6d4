"""Where the app's resources folder (icons, desktop entry, metainfo) is, from any kind of install.

A source tree or an editable install has it beside the ``desktop`` package; a PyInstaller bundle
carries it in the bundle's own folder (``sys._MEIPASS``). A plain ``pip install`` has none: callers
then fall back to the icon theme. No Qt here, so the command line can use it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resources_dir() -> Path | None:
    """The resources folder, or None when this copy of the app has none."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    return next((path for path in candidates if path.is_dir()), None)


def icon_files() -> list[Path]:
    """The app icon's PNGs that exist, smallest first (empty when there are none)."""
    root = resources_dir()
    if root is None:
        return []
    files = (root / "icons" / "hicolor" / f"{n}x{n}" / "apps" / "jobdeck.png" for n in ICON_SIZES)
    return [path for path in files if path.is_file()]
