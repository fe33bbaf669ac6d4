"""Spare the window's start-up PySide6's reading of every module's source.

Once PySide6 is imported, every module imported after it (Jobdeck's, the standard library's,
SQLAlchemy's...) has its whole source file read (``inspect.getsource``), to learn whether it
mentions "PySide6" and so may use PySide's opt-in ``from __feature__ import snake_case``
(PYSIDE-2029; napari#8584 traced the same cost). Jobdeck uses no ``__feature__``, and a module
that does still gets its feature from that import statement itself, so the answer is always
"no" here: callgrind counts 66 M instructions (4 % of the whole run) between process start and
the list painted at 100,000 postings, and more as the ORM and the readers load after it.
"""

from __future__ import annotations

import sys
from types import ModuleType


def skip_feature_scan() -> bool:
    """Answer PySide's "does this module use PySide6?" without reading the module; False when
    this PySide6 asks it differently (then it goes on reading, as before)."""
    import PySide6.QtCore  # noqa: F401  (loads shiboken's feature support, which asks)

    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_no_feature  # type: ignore[attr-defined]
    return True


def _uses_no_feature(_module: ModuleType) -> bool:
    return False
