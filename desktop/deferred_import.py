"""Modules imported on first use, so the window can paint before the heavy ones are loaded.

SQLAlchemy's ORM, the keyring and the readers take about 0.3 s to import: longer than it takes
to show the window with the list. The services name those modules with ``deferred(...)`` and the
window loads them all (``load_deferred``) just after its first paint.

Why not ``importlib.util.LazyLoader``: on Python 3.11 it is not thread-safe (a second thread can
see the module half-executed), and a worker thread may be the first to use a module. Here the
first use goes through ``importlib.import_module``, whose per-module locks make it safe.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

_REGISTERED: list[str] = []


class DeferredModule:
    """Stands in for a module and imports it when one of its names is first used."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<deferred module {self._name!r}, {state}>"


def deferred(name: str) -> Any:
    """A stand-in for module ``name`` (typed ``Any``: import it under TYPE_CHECKING for types)."""
    if name not in _REGISTERED:
        _REGISTERED.append(name)
    return DeferredModule(name)


def load_deferred() -> None:
    """Import every module named with ``deferred`` so far (the window calls it once painted)."""
    for name in list(_REGISTERED):
        importlib.import_module(name)
