"""A posting's pay as the source states it (``salary`` in the posting-document contract).

Apart from ``desktop.core.posting`` (a dozen dataclasses) so that the list of postings, which
shows each one's salary, loads only this one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Salary:
    """Amounts in ``currency`` per ``period`` (a ``SALARY_PERIODS`` word); ``text`` is the
    source's own words ("$160K-$210K a year"), kept when it gives them."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None
    text: str | None = None
