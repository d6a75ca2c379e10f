"""Find every occurrence of many names in a text at once (Aho-Corasick via pyahocorasick).

pyahocorasick scans a node's edges linearly, and a gazetteer of Chinese names gives the root
about a thousand edges, so a plain automaton costs ~200 ns per character of text, as much as
all other rules together. Here every character that occurs in some name is spelt as two
symbols from an alphabet of `_BASE` private-use characters, so no node has more than
`_BASE` edges; characters in no name are left as they are (they match nothing). The scan is
then about three times faster, with exactly the same matches (tests/test_matcher.py). The
coded text of a long text is built with numpy from a table of the Basic Multilingual Plane (3x
faster than `str.translate` with a dict); a short one, or one with characters beyond the BMP,
takes `str.translate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

_BASE = 48  # symbols per digit: the largest edge list any node can have
_HIGH = 0xE000  # first digit symbols (Unicode private use area) ...
_LOW = _HIGH + _BASE  # ... and second digit symbols
_MASK = "\x00"  # what a private-use character of the text itself becomes (matches nothing)
_NUMPY_MIN = 512  # characters from which the numpy coding beats str.translate (~60 us fixed)


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
        # BMP code point -> 1 + its index in the alphabet (0: not in any name)
        self._rank = np.zeros(0x10000, dtype=np.int32)
        for i, c in enumerate(alphabet):
            if ord(c) < 0x10000:
                self._rank[ord(c)] = i + 1
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
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if len(text) >= _NUMPY_MIN and int(points.max()) < 0x10000:
            coded, ends = self._encode(points)
        else:  # a short text, or characters beyond the BMP (rare): the dict translation
            coded = text.translate(self._code)
            ends = np.cumsum(np.where(self._coded[points], 2, 1)) - 1
        hits = list(self._automaton.iter(coded))
        if not hits:
            return
        where = np.searchsorted(ends, [end for end, _ in hits]).tolist()
        for pos, (_, value) in zip(where, hits, strict=True):
            yield pos, value

    def _encode(self, points: np.ndarray) -> tuple[str, np.ndarray]:
        """The coded text of BMP code points (what `str.translate(self._code)` gives), and the
        coded offset of the last symbol of each original character."""
        rank = self._rank[points]
        two = rank > 0
        ends = np.cumsum(two + 1) - 1
        out = np.empty(int(ends[-1]) + 1, dtype=np.uint32)
        # characters in no name stay, except the text's own digit-symbol look-alikes
        out[ends - two] = np.where((points >= _HIGH) & (points < _LOW + _BASE), ord(_MASK), points)
        index = rank[two] - 1
        out[ends[two] - 1] = _HIGH + index // _BASE
        out[ends[two]] = _LOW + index % _BASE
        return out.tobytes().decode("utf-32-le", "surrogatepass"), ends
