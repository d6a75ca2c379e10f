"""The entity word lists, read from data/lexicon/*.tsv: suffixes and heads, titles, word lists.

One file per kind, one entry a line, so that adding an organisation suffix or a stop word is
one line in one file (tests/test_lexicon.py validates them). Read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

SUFFIX_LABELS = frozenset({"ORG", "FAC", "LOC", "GPE"})
SUFFIX_RULES = frozenset({"anchored", "strong", "-"})
SUFFIX_HEADS = frozenset({"name", "word", "never", "tail", "-"})
TITLE_POSITIONS = frozenset({"both", "after"})
WORD_LISTS = frozenset({
    "not_entity", "not_name", "in_name_stop", "generic_head", "centre_concept",
    "government_concept", "model_not_name", "model_not_org", "model_not_place", "not_demonym", "team", "currency", "verb_in_name",
    "level_organ",
})


@dataclass(frozen=True)
class Suffix:
    """One row of suffixes.tsv (see its header for the columns)."""

    suffix: str
    label: str
    rule: str
    head: str


def _rows(name: str) -> list[list[str]]:
    """Rows of a lexicon TSV without comment lines and the header."""
    text = (files("xhextract") / "data" / "lexicon" / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def suffixes() -> tuple[Suffix, ...]:
    """Every suffix row; ValueError on a malformed row."""
    out = []
    for row in _rows("suffixes.tsv"):
        if len(row) != 4 or row[1] not in SUFFIX_LABELS or row[2] not in SUFFIX_RULES \
                or row[3] not in SUFFIX_HEADS or not row[0]:
            raise ValueError(f"lexicon/suffixes.tsv: bad row {row}")
        out.append(Suffix(*row))
    return tuple(out)


def suffix_set(*, label: str | None = None, rule: str | None = None,
               head: str | None = None) -> frozenset[str]:
    """Suffixes with the given label / rule / head (None: any)."""
    return frozenset(
        s.suffix for s in suffixes()
        if (label is None or s.label == label) and (rule is None or s.rule == rule)
        and (head is None or s.head == head)
    )


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Title -> position (both: a name may stand before or after it; after: only before it)."""
    out = {}
    for row in _rows("titles.tsv"):
        if len(row) != 2 or row[1] not in TITLE_POSITIONS:
            raise ValueError(f"lexicon/titles.tsv: bad row {row}")
        out[row[0]] = row[1]
    return out


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {name: [] for name in WORD_LISTS}
    for row in _rows("words.tsv"):
        if len(row) != 2 or row[1] not in WORD_LISTS or not row[0]:
            raise ValueError(f"lexicon/words.tsv: bad row {row}")
        lists[row[1]].append(row[0])
    return {k: tuple(v) for k, v in lists.items()}


def words(name: str) -> tuple[str, ...]:
    """The words of one list of words.tsv, in file order."""
    return _word_lists()[name]
