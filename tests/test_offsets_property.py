"""Property test: on any slice of the real corpus, extract() keeps the offset contract."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xhextract
from xhextract.schema import LABELS, NUMERIC_LABELS, QUALIFIERS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _read(path: Path) -> str:
    """A corpus document as ANNOTATION.md section 1 reads it: BOM removed, newlines untouched."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return fh.read()


DOCS = {p.name: _read(p) for p in sorted(CORPUS.glob("*.txt"))}


@st.composite
def corpus_slices(draw: st.DrawFn) -> str:
    """A random slice (1 to 400 characters) of a random corpus document."""
    name = draw(st.sampled_from(sorted(DOCS)))
    text = DOCS[name]
    start = draw(st.integers(0, max(0, len(text) - 1)))
    length = draw(st.integers(1, 400))
    return text[start : start + length]


def test_corpus_is_there() -> None:
    """The property below runs on real text, not on an empty list."""
    assert len(DOCS) >= 5
    assert all(len(t) > 500 for t in DOCS.values())  # the held-out excerpts are 580-900 chars


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus_slices())
def test_extract_offsets_on_corpus_slices(piece: str) -> None:
    """Every mention slices back to its text, lies in bounds, overlaps none, has a known label."""
    mentions = xhextract.extract(piece)
    previous_end = 0
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        assert 0 <= m.start < m.end <= len(piece), m
        assert m.text == piece[m.start : m.end], m
        assert m.to_dict()["text"] == piece[m.start : m.end]
        assert m.label in LABELS, m
        assert m.start >= previous_end, f"overlap at {m}"
        previous_end = m.end
        if m.label in NUMERIC_LABELS:
            assert m.to_dict()["qualifier"] in QUALIFIERS, m
