"""Regenerate the golden files after a deliberate change in a reader's output:

    .venv/bin/python -m tests.importers.golden

Review the diff before committing: a golden file is the reviewed, expected reading of a sample.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.core.document import to_json
from desktop.importers import read_postings
from tests.importers.support import CAPTURED_AT, SAMPLES

SUFFIXES = (".txt", ".html")


def golden_path(sample: Path) -> Path:
    return sample.with_name(sample.name + ".golden.json")


def reading(sample: Path) -> list[dict[str, Any]]:
    """What the entry point makes of a sample, raw left out (it is the sample itself)."""
    out = []
    for result in read_postings(sample.read_bytes(), name=sample.name, captured_at=CAPTURED_AT):
        doc = to_json(result.document, with_store_fields=False)
        assert doc.pop("raw") == sample.read_bytes().decode("utf-8-sig")
        out.append({"document": doc, "warnings": list(result.warnings)})
    return out


def samples() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in SUFFIXES)


if __name__ == "__main__":
    for sample in samples():
        text = json.dumps(reading(sample), indent=2, ensure_ascii=False) + "\n"
        golden_path(sample).write_text(text, encoding="utf-8")
        print("wrote", golden_path(sample).name)
