"""The real-world samples' expectation files (``NN-name.expected.json``), checked in-process.

An expected file is a partial posting document: only the keys it lists are checked. Keys starting
with ``_`` are checks of another kind (tests/fixtures/real-world/README.md explains each one):
``_one_of`` (any listed value is right), ``_absent_from`` (page chrome that must not appear in a
field), ``_posted_date``, ``_valid_through``, ``_soft`` (stretch goals, reported but not failed)
and ``_refusal_ok`` (refusing is acceptable when the message does not call the file an export).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MISSING = object()


def get(doc: dict[str, Any], path: str) -> Any:
    value: Any = doc
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


def same(expected: Any, actual: Any) -> bool:
    """Equal as JSON values, numbers compared as numbers (38 equals 38.0)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(float(expected) - float(actual)) < 1e-6
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            same(v, actual.get(k, MISSING)) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(expected) == len(actual)
            and all(same(e, a) for e, a in zip(expected, actual, strict=True))
        )
    return expected == actual


def checks(
    expected: dict[str, Any], doc: dict[str, Any] | None, refusal: str | None
) -> Iterator[tuple[str, bool, bool, Any]]:
    """(check name, passed, soft, what the reader gave) for every expectation of one sample."""
    soft_keys = set(expected.get("_soft", []))
    if doc is None:
        if "_refusal_ok" in expected:
            yield "refusal message", "Jobdeck export" not in (refusal or ""), False, refusal
            return
        for name, _ok, is_soft, _got in checks(expected, {}, None):
            yield name, False, is_soft, f"refused: {refusal}"
        return
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        if key == "qualifications" and isinstance(want, dict):
            items = [(f"{key}.{sub}", value) for sub, value in want.items()]
        else:
            items = [(key, want)]
        for path, value in items:
            got = get(doc, path)
            yield path, same(value, got), key in soft_keys, got
    for path, options in expected.get("_one_of", {}).items():
        if path == "salary.min/max":
            salary = doc.get("salary") or {}
            got = [salary.get("min"), salary.get("max")]
        else:
            got = get(doc, path)
        yield f"{path} (one of)", any(same(o, got) for o in options), path in soft_keys, got
    for path, needles in expected.get("_absent_from", {}).items():
        got = get(doc, path)
        texts = got if isinstance(got, list) else ([got] if isinstance(got, str) else [])
        found = [n for n in needles if any(n in t for t in texts)]
        yield f"{path} (free of chrome)", not found, path in soft_keys, found
    if "_posted_date" in expected:
        got = doc.get("posted_at")
        ok = isinstance(got, str) and got[:10] == expected["_posted_date"]
        yield "posted_at (date)", ok, False, got
    if "_valid_through" in expected:
        got = doc.get("valid_through", MISSING)
        yield "valid_through", same(expected["_valid_through"], got), False, got
