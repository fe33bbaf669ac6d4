"""When Qt cannot open a window, say why in one plain sentence instead of Qt's own advice.

Without a display, or without a system library Qt's X11 plugin needs (``libxcb-cursor0`` on a
stock Ubuntu or Debian desktop), Qt prints several lines ending in "Reinstalling the application
may fix this problem" and aborts with a core dump. Reinstalling does not fix it. Before the
QApplication is made, ``display_problem`` looks for the known causes (a dlopen each: well under a
millisecond); ``plain_words_if_qt_fails`` catches any other reason Qt gives up starting.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

# What Qt's xcb platform plugin loads beyond what every desktop has, and the Debian package
# that holds each (the same list scripts/system-deps.sh installs).
XCB_LIBRARIES = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
)
EXIT_NO_DISPLAY = 1


def _loadable(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def display_problem(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    loadable: Callable[[str], bool] = _loadable,
) -> str | None:
    """One sentence naming why Qt will not be able to open a window here, or None."""
    if platform != "linux":
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen and chosen != "xcb":
        return None  # offscreen, wayland, vnc ...: Qt's own plugins without X11 libraries
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None  # a Wayland session: Qt may use its Wayland plugin
    if not environ.get("DISPLAY"):
        return (
            "Jobdeck cannot open its window because no display was found "
            "(DISPLAY is not set): start it from a desktop session."
        )
    missing = [package for library, package in XCB_LIBRARIES if not loadable(library)]
    if missing:
        what = "library" if len(missing) == 1 else "libraries"
        return (
            f"Jobdeck cannot open its window because the system {what} {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing "
            f"(install with: sudo apt-get install {' '.join(missing)})."
        )
    return None


@contextmanager
def plain_words_if_qt_fails() -> Iterator[None]:
    """While the QApplication is made: if Qt gives up (a fatal message about its platform
    plugin), print one sentence with Qt's reason and exit, instead of Qt's lines and abort."""
    reasons: list[str] = []

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        category = getattr(context, "category", "") or ""
        if kind == QtMsgType.QtFatalMsg:
            reason = next((r for r in reasons if "could not connect" in r), None)
            reason = reason or (reasons[-1] if reasons else message.splitlines()[0])
            print(
                f"Jobdeck cannot open its window because Qt could not start its display "
                f"plugin ({reason.strip().rstrip('.')}).",
                file=sys.stderr,
                flush=True,
            )
            os._exit(EXIT_NO_DISPLAY)  # Qt would abort() next; nothing of ours is open yet
        if category.startswith("qt.qpa"):
            reasons.append(message)
            return
        print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
