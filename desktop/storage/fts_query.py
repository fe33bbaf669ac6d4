"""What the user types in the search box, as an FTS5 query over the postings index.

A word is found where the user sees it: in the posting's text (title, company, location, body,
notes), or in the name of its stage or of its work model, which the list and the board show
beside it: "remote" finds the postings whose work model is Remote as well as those saying
"remote"; "applied" those in the stage Applied. Every word must be found, each as the start of
a word ("reinf" finds "reinforcement"), so "remote python" is the Remote postings about Python.

The index's ``facts`` column holds a posting's stage and work model as tokens
(``FACTS_OF_POSTING``; kept in step by ``search_index`` and a trigger on postings, migration 0020):
the stage by its id, so renaming a stage rewrites no index row. A word naming stages or work
models (compared here, as the index compares: case and accents dropped) asks for their tokens
too, in the same FTS5 query: one walk of the index, as fast as a search of the text alone.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from desktop.core.filter_terms import words_only
from desktop.core.work_models import WORK_MODELS

_WORD = re.compile(r"\w+", re.UNICODE)
# Every facts token starts with this: no typed word that does not start with it can match one,
# so only those (rare: "z", "zurich") need to be kept out of the facts column.
FACTS_PREFIX = "zz"
# A posting's facts tokens from its row (``p``: the postings table), as SQL: "zzstage3
# zzworkremote". Written into the index by search_index and by migration 0020's trigger.
FACTS_OF_POSTING = (
    f"('{FACTS_PREFIX}stage' || p.stage_id || "
    f"coalesce(' {FACTS_PREFIX}work' || lower(p.work_model), ''))"
)


def stage_token(stage_id: int) -> str:
    return f"{FACTS_PREFIX}stage{int(stage_id)}"


def work_token(work_model: str) -> str:
    return f"{FACTS_PREFIX}work{work_model.lower()}"


def _plain(text: str) -> str:
    """Folded as the index folds (unicode61, remove_diacritics 2): case and accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _starts_a_word(word: str, name: str) -> bool:
    return any(part.startswith(word) for part in _WORD.findall(_plain(name)))


def _in_text(word: str, *, whole: bool = False) -> str:
    """The word as the start of a word of the posting's text (never of its facts tokens); with
    ``whole``, as a whole word (what the start of a word also finds, and more cheaply)."""
    phrase = f'"{word}"' if whole else f'"{word}"*'
    return f"- {{facts}} : {phrase}" if _plain(word).startswith(FACTS_PREFIX[0]) else phrase


def _facts_tokens(word: str, stages: list[tuple[int, str]]) -> list[str]:
    """The facts tokens of the stages (id, name) and work models ``word`` starts a word of."""
    plain = _plain(word)
    tokens = [stage_token(i) for i, name in stages if _starts_a_word(plain, name)]
    return tokens + [work_token(m) for m in WORK_MODELS if _starts_a_word(plain, m)]


def _words(search: str) -> list[str]:
    # Lowered, not case-folded: FTS5 folds the query's words as it folded the text, and
    # casefold() would make "straße" "strasse", a word the index never holds.
    return list(dict.fromkeys(_WORD.findall(words_only(search).lower())))


# How many of the newest postings a word is first looked for in (``whole_words``).
SAMPLE = 200


@dataclass(frozen=True)
class WholeWords:
    """How the postings' text holds the words of a search as whole words (``whole_words``).

    ``everywhere``: the words in every posting. ``shares``: {word: the share of the postings
    holding it, 0 to 1: of the newest ``SAMPLE``, or of all when none or all of those hold
    it}, a guess at the share of all of them it finds; not given for a word naming a stage
    or work model (which finds the postings there too).
    """

    everywhere: frozenset[str]
    shares: dict[str, float]


def whole_words(conn: sqlite3.Connection, search: str) -> WholeWords:
    """How the postings hold each word of ``search`` as a whole word of their text (folded as
    ``match_query`` folds).

    A word found whole in every posting narrows nothing (as the start of a word it is in
    every posting too), so ``match_query`` can leave it out: "data" in all 100,000 postings
    made the index merge 100,000 postings' doclists to keep all of them. Each word is looked
    for in the newest ``SAMPLE`` postings first (a seek in its doclist: 0.05 ms); only one
    found in all of them is counted in all postings (its own doclist read once, about half of
    what the search's prefix query merges), and one found in none (a rare word's doclist is
    short). Exact: once a posting without the word is saved, the count is one short and the
    word is asked for again.
    """
    words = _words(search)
    if not words:
        return WholeWords(frozenset(), {})
    stages = conn.execute("SELECT id, name FROM stages").fetchall()  # a handful
    newest = "SELECT count(*), min(id) FROM (SELECT id FROM postings ORDER BY id DESC LIMIT ?)"
    sampled, lowest = conn.execute(newest, (SAMPLE,)).fetchone()
    postings: int | None = None  # counted when a word needs it (0.6 ms at 100,000 postings)
    counted = "SELECT count(*) FROM postings_fts WHERE postings_fts MATCH ?"
    everywhere: set[str] = set()
    shares: dict[str, float] = {}
    for word in words:
        whole = _in_text(word, whole=True)
        (held,) = conn.execute(f"{counted} AND rowid >= ?", (whole, lowest)).fetchone()
        share = held / sampled if sampled else 0.0
        if held in (0, sampled):  # in none or all of them: counted in all (a rare word's
            (held,) = conn.execute(counted, (whole,)).fetchone()  # doclist is short)
            if postings is None:
                (postings,) = conn.execute("SELECT count(*) FROM postings").fetchone()
            share = held / postings if postings else 0.0
            if held == postings:
                everywhere.add(word)
        if not _facts_tokens(word, stages):
            shares[word] = share
    return WholeWords(frozenset(everywhere), shares)


def match_query(
    conn: sqlite3.Connection, search: str, *, leave_out: frozenset[str] = frozenset()
) -> str | None:
    """An FTS5 query over ``postings_fts`` for every word of ``search`` (filter terms left
    out: ``filter_sql``), each in the text or naming the posting's stage or work model; None
    when the search has no words. The words in ``leave_out`` (in every posting:
    ``whole_words``, they narrow nothing) are not asked for.

    Each word is quoted, so FTS5 syntax typed by the user (AND, NEAR, *, quotes) is plain text.
    """
    words = [word for word in _words(search) if word not in leave_out]
    if not words:
        return None
    stages = conn.execute("SELECT id, name FROM stages").fetchall()  # a handful
    parts: list[str] = []
    for word in words:
        tokens = _facts_tokens(word, stages)
        either = [_in_text(word), *(f'facts : "{token}"' for token in tokens)]
        parts.append(either[0] if len(either) == 1 else "(" + " OR ".join(either) + ")")
    return " AND ".join(parts)
