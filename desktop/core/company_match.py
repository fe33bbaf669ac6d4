"""When two company names mean one employer, and two job titles one role: pure rules.

People and boards write an employer many ways: "Amazon", "amazon.com", "Amazon.com, Inc.",
"AMAZON INC". ``match_key`` folds what never tells two employers apart (case, accents,
punctuation, spacing, a leading "The", legal forms such as Inc./GmbH/Ltd., a web domain's
ending, words such as "Group" or "Platforms" at the end); equal keys are one employer.

Where the rules end, a spelling slip is forgiven (``slip_of``): one letter wrong, missing,
added or two swapped in a longer name ("Acenture" for "Accenture"), measured with rapidfuzz's
optimal string alignment distance. A longer name that merely starts or ends with a shorter one
is another employer ("Meta" and "Metabase", "Stripe" and "Stripes"), and so are names that
differ in a number ("Studio 54", "Studio 55"). rapidfuzz is imported on the first fuzzy
comparison, never at start-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Legal forms, in the words a name is split into after punctuation is gone ("S.A." -> "s a"
# is joined back below). Only ever removed from the end of a name, never from its middle.
LEGAL_FORMS = frozenset(
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation",
        "co", "company", "plc", "gmbh", "mbh", "ag", "kg", "kgaa", "se", "sa", "sas", "sarl",
        "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps", "kk", "pty", "pte",
        "pvt", "sl", "sau", "ug", "ev", "doo", "sro", "zoo", "bhd", "sdn",
    }
)  # fmt: skip
# Words that name the kind of organisation rather than which one, at the end of a name:
# "Meta Platforms" is Meta, "Siemens Group" is Siemens.
GENERIC_TAILS = frozenset(
    {"group", "holding", "holdings", "platforms", "technologies", "international"}
)
# The endings of a web address used as a name: "Amazon.com", "Booking.com", "Monzo.co.uk".
DOMAIN_ENDINGS = re.compile(
    r"(?<=\w)\.(?:co\.uk|com\.au|com|net|org|io|ai|co|app|dev|tech|de|fr|nl|es|it|se|ch|at|eu|us)"
    r"(?![\w.])"
)
_NOT_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+")
_SPLIT_INITIALS = re.compile(r"\b(?:[a-z] ){1,3}[a-z]\b")  # "s a" from "S.A.", "a g" ...
MIN_SLIP_LENGTH = 6  # shorter names differ in one letter too often to be the same employer


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """The form two company names are compared on ("" for a name with no letters or digits).

    >>> match_key("Amazon.com, Inc.") == match_key("AMAZON") == "amazon"
    True
    """
    text = _folded(name)
    text = DOMAIN_ENDINGS.sub("", text.replace("www.", " "))
    text = text.replace("&", " and ")
    words = _NOT_WORD.sub(" ", text).replace("_", " ").split()
    words = " ".join(words)
    # "S.A." and "A.G." came apart into letters: join them back into one word.
    words = _SPLIT_INITIALS.sub(lambda m: m.group(0).replace(" ", ""), words).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or words[-1] in GENERIC_TAILS):
        words.pop()
    while len(words) > 1 and words[-1] == "and":  # "Johnson & Johnson" keeps its "and"
        words.pop()
    return "".join(words)


def _folded(text: str) -> str:
    """Case folded, accents dropped ("Nestlé" -> "nestle")."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def title_key(title: str) -> str:
    """A job title folded for comparison: case, accents and punctuation gone."""
    text = _folded(title)
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())


def slip_of(a: str, b: str) -> bool:
    """True when match keys ``a`` and ``b`` differ by a spelling slip only (see the module)."""
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < MIN_SLIP_LENGTH or len(longer) - len(shorter) > _allowed(longer):
        return False
    if longer.startswith(shorter) or longer.endswith(shorter):
        return False  # "metabase" is not a slip of "meta", nor "stripes" of "stripe"
    if _DIGITS.findall(a) != _DIGITS.findall(b) or a[0] != b[0]:
        return False
    from rapidfuzz.distance import OSA  # imported here: only when names differ

    return OSA.distance(a, b, score_cutoff=_allowed(longer)) <= _allowed(longer)


def _allowed(key: str) -> int:
    return 1 if len(key) < 12 else 2


TITLE_SIMILARITY = 90  # rapidfuzz token_sort_ratio, 0-100: word order and case do not count


def near_identical_titles(a: str, b: str) -> bool:
    """True for two titles of one role: equal once folded, or nearly so ("Software Engineer
    II" and "Software Engineer III"; not "Data Scientist" and "Data Engineer")."""
    key_a, key_b = title_key(a), title_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    from rapidfuzz import fuzz  # imported here: only when titles differ

    return fuzz.token_sort_ratio(key_a, key_b, score_cutoff=TITLE_SIMILARITY) > 0


class CompanyIndex:
    """The match keys of the companies a library knows, to find every spelling of one.

    Built from keys (``add``); ``spellings(key)`` is the key itself and every known key that
    is a spelling slip of it. Keys are kept by first letter and digits (a slip never changes
    either) and then by length, and rapidfuzz compares a key with the few of the same kind in C,
    so a lookup stays fast with tens of thousands of companies.
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._keys: set[str] = set()
        self._kinds: dict[tuple[str, str], dict[int, list[str]]] = {}
        self.add(keys)

    def __len__(self) -> int:
        return len(self._keys)

    @staticmethod
    def _kind(key: str) -> tuple[str, str]:
        return key[0], "".join(_DIGITS.findall(key)) if not key.isalpha() else ""

    def add(self, keys: Iterable[str]) -> None:
        for key in keys:
            if key and key not in self._keys:
                self._keys.add(key)
                by_length = self._kinds.setdefault(self._kind(key), {})
                by_length.setdefault(len(key), []).append(key)

    def spellings(self, key: str) -> set[str]:
        """``key`` and the known keys that are slips of it (``key`` itself always)."""
        found = {key} if key else set()
        if len(key) < MIN_SLIP_LENGTH:
            return found
        by_length = self._kinds.get(self._kind(key), {})
        reach = _allowed(key) + 1
        candidates = [
            other
            for length in range(len(key) - reach, len(key) + reach + 1)
            for other in by_length.get(length, ())
            if other != key
        ]
        if not candidates:
            return found
        from rapidfuzz import process  # imported here: only when there is a name to compare
        from rapidfuzz.distance import OSA

        for other, _distance, _index in process.extract(
            key, candidates, scorer=OSA.distance, score_cutoff=reach, limit=None
        ):
            if slip_of(key, other):
                found.add(other)
        return found
