"""Fingerprints fold text as the pattern [^0-9a-z] after case folding would: the stored ones
stay valid whichever way the folding is done."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.fingerprint import _folded, raw_fingerprint

NOT_WORD = re.compile(r"[^0-9a-z]+")


@given(st.text())
def test_folding_keeps_what_the_pattern_keeps(text: str) -> None:
    assert _folded(text).decode("ascii") == NOT_WORD.sub("", text.casefold())


def test_the_same_text_differently_spaced_and_cased_has_one_fingerprint() -> None:
    text = "Design ranking models. " * 10
    assert raw_fingerprint(text) == raw_fingerprint(text.upper().replace(" ", "\n  "))
    assert raw_fingerprint("too short") is None
