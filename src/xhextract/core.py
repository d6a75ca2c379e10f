"""The character-level extractor: every recognizer over plain text, no spaCy Doc needed.

`extract()` lives here, apart from the spaCy pipeline (`pipeline.py`), so that callers and
batch workers that only want mentions never import spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from .components.entities import find_entities
from .components.facts import add_facts
from .components.quantities import find_quantities
from .resolve import longest_wins
from .schema import Mention

# Long texts are processed in pieces cut after a sentence end or newline, so memory stays bounded.
CHUNK_CHARS = 50_000
_BOUNDARY = re.compile(r"[。！？\n]")  # sentence ends: the facts stage reads whole sentences


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, cut after a clause end where one is near."""
    start, n = 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            window = text[start + size // 2 : end]
            cut = None
            for match in _BOUNDARY.finditer(window):
                cut = match.end()
            if cut is not None:
                end = start + size // 2 + cut
        yield start, text[start:end]
        start = end


def find_mentions(
    text: str, *, doc_date: date | None = None, use_model: bool = True,
    words: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Run every recognizer on one piece of text and apply the overlap policy.

    The recognizers work on characters, so this needs no Doc; the spaCy components call the
    same functions, which keeps `extract()` and `nlp(text)._.mentions` identical.
    """
    found = find_quantities(text)
    found.extend(find_entities(text, words, doc_date=doc_date, use_model=use_model))
    return add_facts(text, longest_wins(found))


def extract(text: str, *, doc_date: date | None = None, use_model: bool = True) -> list[Mention]:
    """All mentions of `text`, sorted by offset; each `text` equals `text[start:end]`.

    Works on characters without building a spaCy Doc (jieba segmentation would cost as much
    again as everything else); use `load()` for Docs. Long texts go in sentence-cut chunks.
    """
    mentions: list[Mention] = []
    for offset, piece in chunks(text):
        found = find_mentions(piece, doc_date=doc_date, use_model=use_model)
        mentions.extend(m.shifted(offset) if offset else m for m in found)
    return mentions
