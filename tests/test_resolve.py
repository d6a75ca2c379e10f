"""The overlap policy: longest wins, then label priority, then the earlier span."""

from __future__ import annotations

import random

from xhextract.resolve import longest_wins
from xhextract.schema import Mention


def _m(start: int, end: int, label: str = "CARDINAL") -> Mention:
    return Mention(start, end, "x" * (end - start), label)


def test_longest_mention_wins_over_nested_and_crossing() -> None:
    kept = longest_wins([_m(0, 2), _m(0, 5, "DATE"), _m(4, 8), _m(8, 9)])
    assert [(m.start, m.end) for m in kept] == [(0, 5), (8, 9)]


def test_adjacent_spans_both_survive() -> None:
    kept = longest_wins([_m(0, 3), _m(3, 6, "MONEY")])
    assert [(m.start, m.end, m.label) for m in kept] == [(0, 3, "CARDINAL"), (3, 6, "MONEY")]


def test_equal_length_uses_label_priority() -> None:
    kept = longest_wins([_m(0, 5, "CARDINAL"), _m(0, 5, "DATE")])
    assert [m.label for m in kept] == ["DATE"]


def test_matches_a_quadratic_reference_on_random_spans() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 25)):
            s = rng.randint(0, 60)
            spans.append(_m(s, s + rng.randint(1, 8), rng.choice(["DATE", "ORG", "CARDINAL"])))
        kept = longest_wins(spans)
        # reference: greedy over the same ranking with a linear overlap scan
        ranked = sorted(spans, key=lambda m: (-(m.end - m.start),
                                              {"DATE": 0, "CARDINAL": 6, "ORG": 8}[m.label], m.start))
        ref: list[Mention] = []
        for m in ranked:
            if not any(m.start < r.end and r.start < m.end for r in ref):
                ref.append(m)
        assert [(m.start, m.end, m.label) for m in kept] == sorted(
            (m.start, m.end, m.label) for m in ref
        )
