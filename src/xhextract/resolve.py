"""Overlap policy: nested and overlapping mentions are not annotated, the longest wins."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from .schema import Mention

# On equal length, the more specific reading wins (a DATE over a CARDINAL on 2020年 etc.).
LABEL_PRIORITY: dict[str, int] = {
    "DATE": 0, "TIME": 1, "MONEY": 2, "PERCENT": 3, "QUANTITY": 4, "ORDINAL": 5,
    "CARDINAL": 6, "FAC": 7, "ORG": 8, "GPE": 9, "LOC": 10, "PERSON": 11,
}


def longest_wins(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep a non-overlapping subset, preferring longer spans, then label priority, then earlier."""
    ranked = sorted(
        mentions,
        key=lambda m: (-(m.end - m.start), LABEL_PRIORITY.get(m.label, 99), m.start),
    )
    starts: list[int] = []  # kept spans never overlap, so sorted starts give sorted ends too
    ends: list[int] = []
    kept: list[Mention] = []
    for m in ranked:
        if m.end <= m.start:
            continue
        i = bisect.bisect_left(starts, m.end)  # kept spans starting before m ends
        if i and ends[i - 1] > m.start:
            continue  # the nearest such span reaches into m
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept
