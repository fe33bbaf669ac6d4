"""Where the library lives: --data-dir, then $JOBDECK_DATA_DIR, then the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "JOBDECK_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs  # only when no folder was named: commands given one start sooner

    return Path(platformdirs.user_data_dir("Jobdeck", appauthor=False))
