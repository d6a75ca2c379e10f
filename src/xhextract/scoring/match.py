"""Span matching by the SemEval-2013 schemes, as small strategy classes (pure, no I/O).

The four schemes and their greedy pairing follow nervaluate's ``strategies.py`` exactly, with
one change of convention: offsets here are half-open (``end`` is one past the last character),
nervaluate's are inclusive. Predictions are taken in list order; each one is paired with at
most one gold span, and a gold span once paired is not available to later predictions.

- strict:  correct = same span and label; else incorrect if it overlaps a free gold span.
- exact:   correct = same span (any label); else incorrect if it overlaps.
- partial: correct = same span (any label); else partial if it overlaps (half credit).
- type:    correct = overlap and same label (the closest boundaries win); else incorrect if
           it overlaps a gold span of another label.

Anything else is spurious (a prediction) or missed (a gold span). "Overlap" means the shared
characters are at least ``min_overlap`` percent of the gold span (nervaluate's default: 1%).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

CORRECT = "correct"
INCORRECT = "incorrect"
PARTIAL = "partial"
MISSED = "missed"
SPURIOUS = "spurious"


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled half-open character span: text[start:end]."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Pair:
    """One outcome of matching: indices into the gold and predicted lists (None when absent)."""

    category: str
    gold: int | None
    pred: int | None


def overlap_percentage(pred: Span, gold: Span) -> float:
    """Shared characters as a percentage of the gold span (0 when they do not touch)."""
    shared = min(pred.end, gold.end) - max(pred.start, gold.start)
    if shared <= 0 or gold.end <= gold.start:
        return 0.0
    return shared / (gold.end - gold.start) * 100.0


def boundary_distance(pred: Span, gold: Span) -> int:
    """How far apart the boundaries are: |start difference| + |end difference|."""
    return abs(pred.start - gold.start) + abs(pred.end - gold.end)


class Scheme:
    """A matching strategy: pairs predictions with gold spans, in prediction order."""

    name: ClassVar[str] = ""
    #: whether a PARTIAL outcome earns half credit in precision and recall
    partial_credit: ClassVar[bool] = False

    def __init__(self, min_overlap: float = 1.0) -> None:
        if not 1.0 <= min_overlap <= 100.0:
            raise ValueError("min_overlap must be between 1 and 100 (percent of the gold span)")
        self.min_overlap = min_overlap

    def overlaps(self, pred: Span, gold: Span) -> bool:
        """Whether the overlap is enough to count as a (partial or incorrect) match."""
        return overlap_percentage(pred, gold) >= self.min_overlap

    def pair_one(self, pred: Span, gold: Sequence[Span], free: list[bool]) -> tuple[str, int | None]:
        """The category of one prediction and the gold index it consumes (None if spurious)."""
        raise NotImplementedError

    def match(self, gold: Sequence[Span], pred: Sequence[Span]) -> list[Pair]:
        """All outcomes: one a prediction (in order), then one a gold span left missed."""
        free = [True] * len(gold)
        pairs: list[Pair] = []
        for p_idx, p in enumerate(pred):
            category, g_idx = self.pair_one(p, gold, free)
            if g_idx is not None:
                free[g_idx] = False
            pairs.append(Pair(category, g_idx, p_idx))
        pairs.extend(Pair(MISSED, g_idx, None) for g_idx, is_free in enumerate(free) if is_free)
        return pairs


class _SameSpanScheme(Scheme):
    """strict and exact: a perfect match is correct, else the first overlapping span is incorrect."""

    fallback: ClassVar[str] = INCORRECT

    def is_perfect(self, pred: Span, gold: Span) -> bool:
        return pred.start == gold.start and pred.end == gold.end

    def pair_one(self, pred: Span, gold: Sequence[Span], free: list[bool]) -> tuple[str, int | None]:
        candidate: int | None = None
        for g_idx, g in enumerate(gold):
            if not free[g_idx]:
                continue
            if self.is_perfect(pred, g):
                return CORRECT, g_idx
            if candidate is None and self.overlaps(pred, g):
                candidate = g_idx
        if candidate is not None:
            return self.fallback, candidate
        return SPURIOUS, None


class Strict(_SameSpanScheme):
    """Same span and same label."""

    name = "strict"

    def is_perfect(self, pred: Span, gold: Span) -> bool:
        return pred.label == gold.label and pred.start == gold.start and pred.end == gold.end


class Exact(_SameSpanScheme):
    """Same span, label ignored."""

    name = "exact"


class Partial(_SameSpanScheme):
    """Same span is correct, an overlap is partial (half credit), label ignored."""

    name = "partial"
    partial_credit = True
    fallback = PARTIAL


class Type(Scheme):
    """Overlap and same label; among several candidates the closest boundaries win."""

    name = "type"
    partial_credit = True  # nervaluate computes ent_type with the partial formula (no partials)

    def pair_one(self, pred: Span, gold: Sequence[Span], free: list[bool]) -> tuple[str, int | None]:
        best: int | None = None
        best_distance = 0
        other: int | None = None
        for g_idx, g in enumerate(gold):
            if not free[g_idx] or not self.overlaps(pred, g):
                continue
            if pred.label == g.label:
                distance = boundary_distance(pred, g)
                if best is None or distance < best_distance:
                    best, best_distance = g_idx, distance
            elif other is None:
                other = g_idx
        if best is not None:
            return CORRECT, best
        if other is not None:
            return INCORRECT, other
        return SPURIOUS, None


SCHEMES: tuple[str, ...] = ("strict", "exact", "partial", "type")


def make_schemes(min_overlap: float = 1.0) -> dict[str, Scheme]:
    """The four schemes by name, in report order."""
    classes: tuple[type[Scheme], ...] = (Strict, Exact, Partial, Type)
    return {cls.name: cls(min_overlap) for cls in classes}
