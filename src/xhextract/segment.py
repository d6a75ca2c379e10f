"""jieba in one place: its set-up, word spans and dictionary tags, shared by every stage.

spaCy's Chinese tokenizer, the entity rules, the CRF features and the indicator/object
heuristics all read the same process-global jieba; this module is the one that touches it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from itertools import accumulate

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)  # its dictionary-building chatter is no news to users


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each jieba word of `text` (HMM on, as spaCy's segmenter cuts it)."""
    ends = list(accumulate(map(len, jieba.cut(text))))
    return list(zip([0, *ends[:-1]], ends, strict=True))


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's dictionary: word -> part-of-speech tag (nr, ns, nt, v ...), without HMM tagging."""
    dt = jieba.posseg.dt
    if not dt.word_tag_tab:
        dt.load_word_tag(dt.tokenizer.get_dict_file())
    return dt.word_tag_tab


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """jieba's dictionary frequencies (to tell a common word such as 部署 from a name)."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ


@lru_cache(maxsize=16384)
def dict_words(phrase: str) -> tuple[str, ...]:
    """jieba's dictionary words of a short phrase, HMM off (cached: reports repeat phrases)."""
    return tuple(jieba.cut(phrase, HMM=False))
