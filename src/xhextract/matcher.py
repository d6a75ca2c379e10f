"""Find every occurrence of many names in a text at once (Aho-Corasick via pyahocorasick).

pyahocorasick scans a node's edges linearly, and a gazetteer of Chinese names gives the root
about a thousand edges, so a plain automaton costs ~200 ns per character of text, as much as
all other rules together. Here every character that occurs in some name is spelt as two
symbols from an alphabet of `_BASE` private-use characters, so no node has more than
`_BASE` edges; characters in no name are left as they are (they match nothing). The scan is
then about three times faster, with exactly the same matches (tests/test_matcher.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

_BASE = 48  # symbols per digit: the largest edge list any node can have
_HIGH = 0xE000  # first digit symbols (Unicode private use area) ...
_LOW = _HIGH + _BASE  # ... and second digit symbols
_MASK = "\x00"  # what a private-use character of the text itself becomes (matches nothing)


class NameMatcher:
    """All (end, value) matches of a fixed set of names, like `Automaton.iter`.

    `end` is the offset of the last character of the match in the original text.
    """

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        import ahocorasick

        items = list(items)
        alphabet = sorted({c for name, _ in items for c in name})
        if len(alphabet) > _BASE * _BASE:
            raise ValueError(f"NameMatcher: {len(alphabet)} distinct characters, at most {_BASE ** 2}")
        self._code = {
            ord(c): chr(_HIGH + i // _BASE) + chr(_LOW + i % _BASE) for i, c in enumerate(alphabet)
        }
        # the text's own characters that look like digit symbols must not match anything
        for cp in range(_HIGH, _LOW + _BASE):
            self._code.setdefault(cp, _MASK)
        self._coded = np.zeros(0x110000, dtype=bool)
        self._coded[[ord(c) for c in alphabet]] = True
        self._automaton = ahocorasick.Automaton()
        for name, value in items:
            self._automaton.add_word(name.translate(self._code), value)
        self._empty = not items
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        """(end index in `text`, value) of every occurrence, ordered by end."""
        if self._empty or not text:
            return
        # (str.translate with a dict measured faster here than building the coded text in numpy)
        coded = text.translate(self._code)
        hits = list(self._automaton.iter(coded))
        if not hits:
            return
        # coded offset of the end of each original character: 2 per coded character, else 1
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ends = np.cumsum(np.where(self._coded[points], 2, 1)) - 1
        where = np.searchsorted(ends, [end for end, _ in hits]).tolist()
        for pos, (_, value) in zip(where, hits, strict=True):
            yield pos, value
