"""The check shared by the facts case files (tests/cases/facts.yaml, facts_subject.yaml): each
expected figure is matched by its text, in order, and every field it lists must equal the
extractor's (period and subject by the text of the mention they point to, whose offsets must
hold)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xhextract.schema import Mention


def check_expected(text: str, figures: Sequence[Mention], expected: Sequence[dict[str, Any]]) -> None:
    """Assert that `figures` (the figure mentions of `text`, in order) give `expected`."""
    queue = list(figures)
    for want_figure in expected:
        while queue and queue[0].text != want_figure["text"]:
            queue.pop(0)
        assert queue, f"{want_figure['text']} not found among {[m.text for m in figures]}"
        m = queue.pop(0)
        for key, want in want_figure.items():
            if key == "text":
                continue
            got = getattr(m, key)
            if key in ("period", "subject") and got is not None:
                assert text[got.start : got.end] == got.text
                got = got.text
            assert got == want, f"{m.text} {key}: {got!r} != {want!r}"
