"""Word segmentation in one place: jieba's algorithm and dictionary, run by jieba-rs.

Every stage reads words from here: the entity rules, the CRF features, the indicator/object
heuristics and the spaCy tokenizer (`xhextract.tokenizer`). The cutting is done by `rjieba`
(the Python binding of jieba-rs, a Rust port of jieba's algorithm with jieba's own default
dictionary built in), about 20x faster than jieba's pure-Python `jieba.cut` and giving the
same words; parts of speech and frequencies are read from jieba's dictionary file, so jieba's
Python segmenter (its prefix dictionary and HMM tables) is never loaded. The project loads no
user dictionary: both read the same default dictionary.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import overload

import numpy as np
import rjieba

from . import cache
from .prefilter import compile_prefiltered

# jieba-rs's HMM cut of a run of letters, digits and + # & . _ % - differs from jieba's in one
# way: it keeps runs such as 2021-2023, 2-3 or f-22 whole where jieba (finalseg) splits them
# at every character outside [a-zA-Z0-9] (2021 / - / 2023). These are jieba's own patterns
# (jieba.finalseg: re_han, re_skip), used to cut such a word again as jieba does.
_HAN = re.compile("([\u4e00-\u9fd5]+)")
_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# A run of those characters with one of + # & . _ % - in it, where the two may differ.
_RUN = compile_prefiltered(r"[a-zA-Z0-9+#&._%\-]*[+#&._%\-][a-zA-Z0-9+#&._%\-]*")


def _as_jieba(word: str) -> list[str]:
    """`word` (one HMM word from jieba-rs) cut as jieba's finalseg would cut it."""
    if _SKIP.fullmatch(word) or rjieba.has_word(word):
        return [word]
    pieces: list[str] = []
    for block in _HAN.split(word):
        if not block:
            continue
        if _HAN.fullmatch(block):
            pieces.append(block)
        else:
            pieces.extend(x for x in _SKIP.split(block) if x)
    return pieces


def words(text: str, hmm: bool = True) -> list[str]:
    """jieba's words of `text`, identical to `jieba.lcut(text, HMM=hmm)`; they join to `text`."""
    cut = rjieba.cut(text, hmm)
    if not hmm:
        return cut
    runs = [m.span() for m in _RUN.finditer(text) if not _SKIP.fullmatch(m.group())]
    if runs:  # rare (2021-2023): re-cut only the words over such a run, last first
        ends = list(accumulate(map(len, cut)))
        for start, end in reversed(runs):
            first, last = bisect_right(ends, start), bisect_left(ends, end)
            for i in range(last, first - 1, -1):
                if len(cut[i]) > 1:
                    cut[i : i + 1] = _as_jieba(cut[i])
    return cut


class WordSpans(Sequence[tuple[int, int]]):
    """The (start, end) pairs of the words of a text, kept as two int64 arrays of starts and
    ends: the entity rules and the model's features read those, so no stage takes pairs apart
    again (and no pairs are built unless someone iterates)."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: np.ndarray, ends: np.ndarray) -> None:
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return list(zip(self.starts[i].tolist(), self.ends[i].tolist(), strict=True))
        return int(self.starts[i]), int(self.ends[i])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts.tolist(), self.ends.tolist(), strict=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  (equal to lists, which are unhashable)

    def __repr__(self) -> str:
        return f"WordSpans({list(self)!r})"


def word_spans(text: str) -> WordSpans:
    """(start, end) of each jieba word of `text` (HMM on, as the spaCy tokenizer cuts it)."""
    cut = words(text)
    lengths = np.fromiter(map(len, cut), dtype=np.int64, count=len(cut))
    ends = np.cumsum(lengths)
    return WordSpans(ends - lengths, ends)


def dictionary_file() -> Path:
    """jieba's default dictionary (word, frequency, tag per line), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed: its dictionary file is needed")
    return Path(spec.origin).with_name("dict.txt")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's dictionary as word -> frequency and word -> tag (kept in the disk cache: read
    back in half the time of parsing the file)."""
    path = dictionary_file()
    key = cache.fingerprint("jieba-dictionary", cache.file_stamp(path), cache.file_digest(Path(__file__)))
    freq, tags = cache.plain("jieba-dictionary", key, lambda: _read_dictionary(path))
    return freq, tags


def _read_dictionary(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """jieba's dictionary file as word -> frequency and word -> tag, read in one pass."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            word = parts[0]
            freq[word] = int(parts[1])
            if len(parts) > 2:
                tags[word] = sys.intern(parts[2])
    return freq, tags


def word_tags() -> dict[str, str]:
    """jieba's dictionary: word -> part-of-speech tag (nr, ns, nt, v ...), without HMM tagging."""
    return _dictionary()[1]


def word_freq() -> dict[str, int]:
    """jieba's dictionary frequencies (to tell a common word such as 部署 from a name)."""
    return _dictionary()[0]


@lru_cache(maxsize=16384)
def dict_words(phrase: str) -> tuple[str, ...]:
    """jieba's dictionary words of a short phrase, HMM off (cached: reports repeat phrases)."""
    return tuple(words(phrase, hmm=False))
