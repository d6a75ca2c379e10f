"""Scoring of the facts fields of figures (ANNOTATION.md v2 sections 5 and 7; pure, no I/O).

Over the figures (MONEY, PERCENT, QUANTITY, CARDINAL) that are strict matches, each field is
compared on its own: `indicator` as exact text, `measure` exactly, `period` and `subject` by
the span they point at (start/end; text, label and TIMEX value are not compared). Each field
gets an accuracy over the figures where the gold has it and a precision over the figures where
the output has it, with their counts. A gold document that does not annotate facts (v1 gold)
is not scored for them, so it adds nothing instead of a misleading 0.0; a field with n = 0
has a null score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FACT_FIELDS: tuple[str, ...] = ("indicator", "measure", "period", "subject")
SPAN_FIELDS: frozenset[str] = frozenset({"period", "subject"})
FIGURE_LABELS: frozenset[str] = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
# figure fields whose presence in gold says the file annotates facts (v2: measure is on every figure)
_MARKERS: tuple[str, ...] = ("measure", "period", "subject")


def guideline_version(guideline: Any) -> int | None:
    """The major version of a gold file's `guideline` ("v2" -> 2), None when absent or unreadable."""
    if not isinstance(guideline, str):
        return None
    digits = guideline.strip().lower().removeprefix("v").split(".", 1)[0]
    return int(digits) if digits.isdigit() else None


def annotates_facts(guideline: Any, mentions: Iterable[Mapping[str, Any]]) -> bool:
    """Whether a gold document annotates the facts fields: guideline v2 or later, or a figure
    that carries one of measure / period / subject (facts-only fields)."""
    version = guideline_version(guideline)
    if version is not None and version >= 2:
        return True
    return any(
        m.get("label") in FIGURE_LABELS and any(m.get(k) is not None for k in _MARKERS)
        for m in mentions
    )


def fact_key(record: Mapping[str, Any] | None, name: str) -> Any:
    """The comparable value of one facts field of a record; None when the record lacks it.

    period / subject compare as (start, end); a value of the wrong shape is present but
    matches nothing, so an output that writes it loses precision instead of being ignored.
    """
    if record is None:
        return None
    value = record.get(name)
    if value is None or value == "":
        return None
    if name in SPAN_FIELDS:
        if isinstance(value, Mapping):
            start, end = value.get("start"), value.get("end")
            if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool):
                return (start, end)
        return ("malformed", repr(value))
    return value if isinstance(value, str) else ("malformed", repr(value))


def fact_text(record: Mapping[str, Any] | None, name: str) -> str:
    """A field as shown in reports: the indicator or measure, or 'text [start:end]' of a span."""
    key = fact_key(record, name)
    if key is None:
        return ""
    if name in SPAN_FIELDS and record is not None and isinstance(record.get(name), Mapping):
        ref = record[name]
        return f"{ref.get('text', '')} [{ref['start']}:{ref['end']}]"
    return key if isinstance(key, str) else str(record.get(name) if record is not None else "")


def compare_facts(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, tuple[bool, bool, bool]]:
    """For each facts field: (gold has it, output has it, they agree)."""
    out: dict[str, tuple[bool, bool, bool]] = {}
    for name in FACT_FIELDS:
        g, p = fact_key(gold, name), fact_key(pred, name)
        out[name] = (g is not None, p is not None, g is not None and g == p)
    return out


@dataclass
class FieldCounts:
    """Counts of one facts field: figures where gold / output has it, and where they agree."""

    n_gold: int = 0
    n_pred: int = 0
    correct: int = 0

    def add(self, gold_has: bool, pred_has: bool, agree: bool) -> None:
        """Count one strictly matched figure."""
        self.n_gold += gold_has
        self.n_pred += pred_has
        self.correct += agree

    def to_dict(self) -> dict[str, Any]:
        """Accuracy (over gold) and precision (over output), null when their n is 0."""
        return {
            "accuracy": self.correct / self.n_gold if self.n_gold else None,
            "precision": self.correct / self.n_pred if self.n_pred else None,
            "correct": self.correct,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
        }


@dataclass
class FactsTally:
    """Facts counts accumulated over documents, with the mismatches for the reports."""

    fields: dict[str, FieldCounts] = field(default_factory=lambda: {f: FieldCounts() for f in FACT_FIELDS})
    figures: int = 0
    documents: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    mismatches: list[dict[str, Any]] = field(default_factory=list)

    def add_document(
        self,
        doc: str,
        pairs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]],
        annotated: bool,
        text: str | None = None,
        width: int = 20,
    ) -> None:
        """Count the strictly matched (gold, output) mention pairs of one document.

        Only figure labels count; a document whose gold does not annotate facts is recorded
        as skipped and counts nothing.
        """
        if not annotated:
            self.skipped.append(doc)
            return
        self.documents.append(doc)
        for gold, pred in pairs:
            if gold.get("label") not in FIGURE_LABELS:
                continue
            self.figures += 1
            for name, (g, p, agree) in compare_facts(gold, pred).items():
                self.fields[name].add(g, p, agree)
                if (g or p) and not agree:
                    self.mismatches.append(_mismatch(doc, name, gold, pred, text, width))

    def result(self) -> dict[str, Any]:
        """Plain data: per-field scores and counts, the figures and documents scored."""
        return {
            "fields": {name: c.to_dict() for name, c in self.fields.items()},
            "figures": self.figures,
            "documents": len(self.documents),
            "skipped_documents": list(self.skipped),
            "n_mismatches": len(self.mismatches),
        }


def _mismatch(
    doc: str,
    name: str,
    gold: Mapping[str, Any],
    pred: Mapping[str, Any],
    text: str | None,
    width: int,
) -> dict[str, Any]:
    start, end = int(gold["start"]), int(gold["end"])
    left = right = ""
    if text is not None:
        left, right = text[max(0, start - width) : start], text[end : end + width]
    return {
        "doc": doc,
        "field": name,
        "start": start,
        "end": end,
        "text": gold.get("text"),
        "label": gold.get("label"),
        "gold": fact_text(gold, name),
        "pred": fact_text(pred, name),
        "left": left,
        "span_text": gold.get("text") or "",
        "right": right,
    }
