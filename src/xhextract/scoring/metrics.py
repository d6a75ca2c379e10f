"""Counts to precision/recall/F1, normalisation accuracy and the error list (pure, no I/O).

Definitions follow nervaluate (``entities.py``, ``evaluator.py``):

- possible = correct + incorrect + partial + missed (the gold spans),
  actual   = correct + incorrect + partial + spurious (the predicted spans);
- precision = correct / actual, recall = correct / possible, and in the schemes with partial
  credit (partial, type) correct + 0.5 * partial in both numerators;
- F1 = 2PR / (P + R); any 0/0 is 0.
- Micro counts come from matching all labels of a document together; the counts of a label
  come from matching only that label's gold and predicted spans (so a label's counts do not
  sum to the micro counts when labels are confused). Only labels that occur are reported.

Normalisation accuracy is the share of strict matches of a numeric label whose ``value``,
``value_max`` (1e-9 relative), ``unit`` and ``qualifier`` all agree. A gold mention without
any of these fields (spans as an annotation tool exports them) has nothing to check: its match
counts as ``unchecked``, never as a wrong value. The facts fields of the strictly matched
figures are scored by ``facts.FactsTally`` (ANNOTATION.md v2 section 5).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from ..schema import LABELS, NUMERIC_LABELS
from .facts import FactsTally, annotates_facts
from .match import (
    CORRECT,
    INCORRECT,
    MISSED,
    SCHEMES,
    SPURIOUS,
    Pair,
    Scheme,
    Span,
    make_schemes,
)

NORM_FIELDS: tuple[str, ...] = ("value", "value_max", "unit", "qualifier")
REL_TOLERANCE = 1e-9
CONTEXT_CHARS = 20
ERROR_KINDS: tuple[str, ...] = ("missed", "spurious", "wrong_label", "wrong_span", "wrong_value")


@dataclass
class Counts:
    """Outcome counts of one scheme over some set of documents and labels."""

    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    @property
    def possible(self) -> int:
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        return self.correct + self.incorrect + self.partial + self.spurious

    def add(self, other: Counts) -> None:
        """Add another set of counts to this one (summing over documents)."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def scores(self, partial_credit: bool = False) -> dict[str, float]:
        """Precision, recall and F1 by nervaluate's formulas."""
        hits = self.correct + (0.5 * self.partial if partial_credit else 0)
        precision = hits / self.actual if self.actual > 0 else 0.0
        recall = hits / self.possible if self.possible > 0 else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
        return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}

    def to_dict(self, partial_credit: bool = False) -> dict[str, Any]:
        """Scores, then the counts, as plain data."""
        return {
            **self.scores(partial_credit),
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "possible": self.possible,
            "actual": self.actual,
        }


def count_pairs(pairs: Iterable[Pair]) -> Counts:
    """Tally match outcomes by category."""
    counts = Counts()
    for pair in pairs:
        setattr(counts, pair.category, getattr(counts, pair.category) + 1)
    return counts


def sort_records(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Records in (start, end, label) order: matching is greedy, so the order is fixed here."""
    return sorted(records, key=lambda r: (int(r["start"]), int(r["end"]), str(r["label"])))


def spans_of(records: Sequence[Mapping[str, Any]]) -> list[Span]:
    """The Span of every record, in the given order."""
    return [Span(int(r["start"]), int(r["end"]), str(r["label"])) for r in records]


def _as_number(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int | float):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return None
    try:  # Decimal and friends
        return float(x)
    except (TypeError, ValueError):
        return None


def values_equal(a: Any, b: Any, rel: float = REL_TOLERANCE) -> bool:
    """Two normalised values agree: both absent, numbers within `rel` relative, or equal."""
    if a is None or b is None:
        return a is None and b is None
    x, y = _as_number(a), _as_number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=rel, abs_tol=0.0)
    return a == b


def normalisation_mismatches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> list[str]:
    """The normalised fields on which a predicted numeric mention disagrees with its gold."""
    wrong: list[str] = []
    for name in ("value", "value_max"):
        if not values_equal(gold.get(name), pred.get(name)):
            wrong.append(name)
    if (gold.get("unit") or None) != (pred.get("unit") or None):
        wrong.append("unit")
    # schema.Mention.to_dict writes "exact" when no qualifier was found
    if (gold.get("qualifier") or "exact") != (pred.get("qualifier") or "exact"):
        wrong.append("qualifier")
    return wrong


def checks_date_value(gold: Mapping[str, Any], date_values: bool) -> bool:
    """Whether a matched gold DATE's TIMEX value is checked: always in gold that annotates
    values for every date (v2: a DATE without `value` has none to resolve), else only where
    the gold mention carries one."""
    return date_values or "value" in gold


def has_values(gold: Mapping[str, Any]) -> bool:
    """Whether a gold mention carries normalised fields to check (spans from a tool do not)."""
    return any(k in gold for k in NORM_FIELDS)


def normal_form(record: Mapping[str, Any] | None) -> str:
    """A short text of a mention's normalised fields, for reports: '520000000 CNY nearly'."""
    if record is not None and record.get("label") == "DATE":
        return str(record.get("value") or "")
    if record is None or record.get("label") not in NUMERIC_LABELS:
        return ""
    value = record.get("value")
    parts = ["?" if value is None else _plain_number(value)]
    if record.get("value_max") is not None:
        parts[0] += f"..{_plain_number(record['value_max'])}"
    if record.get("unit"):
        parts.append(str(record["unit"]))
    parts.append(str(record.get("qualifier") or "exact"))
    return " ".join(parts)


def _plain_number(x: Any) -> str:
    """A number as written in a table: integral floats without '.0' or exponent."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    return str(x)


def context(text: str | None, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """About `width` characters either side of text[start:end] (empty without a text)."""
    if text is None:
        return "", ""
    return text[max(0, start - width) : start], text[end : end + width]


def _error(
    kind: str,
    doc: str,
    text: str | None,
    gold: Mapping[str, Any] | None,
    pred: Mapping[str, Any] | None,
    detail: str = "",
) -> dict[str, Any]:
    spans = [r for r in (gold, pred) if r is not None]
    start = min(int(r["start"]) for r in spans)
    end = max(int(r["end"]) for r in spans)
    left, right = context(text, start, end)
    out: dict[str, Any] = {"doc": doc, "kind": kind, "start": start, "end": end}
    for side, rec in (("gold", gold), ("pred", pred)):
        out[f"{side}_start"] = None if rec is None else int(rec["start"])
        out[f"{side}_end"] = None if rec is None else int(rec["end"])
        out[f"{side}_text"] = None if rec is None else rec.get("text")
        out[f"{side}_label"] = None if rec is None else rec.get("label")
        out[f"{side}_norm"] = normal_form(rec)
    span_text = "" if text is None else text[start:end]
    out.update({"detail": detail, "left": left, "span_text": span_text, "right": right})
    return out


def classify_errors(
    doc: str,
    text: str | None,
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    strict_pairs: Iterable[Pair],
    date_values: bool = False,
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Errors of one document from its strict pairing, with the strict status of every mention.

    Returns (errors, gold_status, pred_status). A strict `incorrect` pair is a wrong label
    when the spans are equal and a wrong span otherwise; a strict match of a numeric label
    whose normalised fields disagree is a wrong value, and so is a strict DATE match whose
    TIMEX value differs (see `checks_date_value`).
    """
    errors: list[dict[str, Any]] = []
    gold_status = [MISSED] * len(gold)
    pred_status = [SPURIOUS] * len(pred)
    for pair in strict_pairs:
        g = gold[pair.gold] if pair.gold is not None else None
        p = pred[pair.pred] if pair.pred is not None else None
        if pair.category == MISSED:
            errors.append(_error("missed", doc, text, g, None))
        elif pair.category == SPURIOUS:
            errors.append(_error("spurious", doc, text, None, p))
        elif pair.category == INCORRECT:
            assert g is not None and p is not None and pair.gold is not None and pair.pred is not None
            same_span = (g["start"], g["end"]) == (p["start"], p["end"])
            if same_span:
                errors.append(_error("wrong_label", doc, text, g, p, f"{g['label']} -> {p['label']}"))
            else:
                detail = "" if g["label"] == p["label"] else f"{g['label']} -> {p['label']}"
                errors.append(_error("wrong_span", doc, text, g, p, detail))
            gold_status[pair.gold] = pred_status[pair.pred] = "wrong_label" if same_span else "wrong_span"
        elif pair.category == CORRECT:
            assert g is not None and p is not None and pair.gold is not None and pair.pred is not None
            status = CORRECT
            if g["label"] in NUMERIC_LABELS and has_values(g):
                wrong = normalisation_mismatches(g, p)
                if wrong:
                    status = "wrong_value"
                    errors.append(_error("wrong_value", doc, text, g, p, ", ".join(wrong)))
            elif g["label"] == "DATE" and checks_date_value(g, date_values):
                if (g.get("value") or None) != (p.get("value") or None):
                    status = "wrong_value"
                    detail = f"value {g.get('value')} -> {p.get('value')}"
                    errors.append(_error("wrong_value", doc, text, g, p, detail))
            gold_status[pair.gold] = pred_status[pair.pred] = status
    errors.sort(key=lambda e: (e["start"], e["end"], ERROR_KINDS.index(e["kind"])))
    return errors, gold_status, pred_status


def _mention_view(record: Mapping[str, Any], status: str) -> dict[str, Any]:
    view = {k: record.get(k) for k in ("start", "end", "text", "label")}
    for k in NORM_FIELDS:
        if k in record:
            view[k] = record[k]
    view["status"] = status
    return view


class Scorer:
    """Accumulates documents; `result()` gives micro, per-label, normalisation, facts and errors."""

    def __init__(self, min_overlap: float = 1.0) -> None:
        self.schemes: dict[str, Scheme] = make_schemes(min_overlap)
        self.micro = {name: Counts() for name in SCHEMES}
        self.labels: dict[str, dict[str, Counts]] = {}
        self.norm_total: dict[str, int] = {}
        self.norm_agree: dict[str, int] = {}
        self.norm_unchecked = 0  # strict numeric matches whose gold has no values to check
        self.date_total = 0  # strict DATE matches whose TIMEX value is checked
        self.date_agree = 0
        self.documents: list[dict[str, Any]] = []
        self.errors: list[dict[str, Any]] = []
        self.facts = FactsTally()

    def add_document(
        self,
        doc: str,
        gold_records: Iterable[Mapping[str, Any]],
        pred_records: Iterable[Mapping[str, Any]],
        text: str | None = None,
        labels: Sequence[str] | None = None,
        facts: bool | None = None,
    ) -> dict[str, Any]:
        """Score one document; only `labels` (default: all) are scored, other mentions ignored.

        `facts` says whether the gold annotates the facts fields (None: it does when a figure
        carries measure, period or subject); only then are they scored for this document.
        """
        scored = set(labels if labels is not None else LABELS)
        gold_all = list(gold_records)
        pred_all = list(pred_records)
        gold = sort_records(r for r in gold_all if r["label"] in scored)
        pred = sort_records(r for r in pred_all if r["label"] in scored)
        gold_spans, pred_spans = spans_of(gold), spans_of(pred)

        doc_counts: dict[str, dict[str, Any]] = {}
        strict_pairs: list[Pair] = []
        for name, scheme in self.schemes.items():
            pairs = scheme.match(gold_spans, pred_spans)
            if name == "strict":
                strict_pairs = pairs
            counts = count_pairs(pairs)
            self.micro[name].add(counts)
            doc_counts[name] = counts.to_dict(scheme.partial_credit)

        used = sorted({s.label for s in gold_spans} | {s.label for s in pred_spans})
        for label in used:
            g_label = [s for s in gold_spans if s.label == label]
            p_label = [s for s in pred_spans if s.label == label]
            per_scheme = self.labels.setdefault(label, {n: Counts() for n in SCHEMES})
            for name, scheme in self.schemes.items():
                per_scheme[name].add(count_pairs(scheme.match(g_label, p_label)))

        if facts is None:
            facts = annotates_facts(None, gold_all)
        errors, gold_status, pred_status = classify_errors(
            doc, text, gold, pred, strict_pairs, date_values=facts
        )
        for pair in strict_pairs:
            if pair.category == CORRECT and pair.gold is not None:
                label = gold[pair.gold]["label"]
                if label == "DATE" and checks_date_value(gold[pair.gold], facts):
                    self.date_total += 1
                    self.date_agree += gold_status[pair.gold] == CORRECT
                if label in NUMERIC_LABELS and not has_values(gold[pair.gold]):
                    self.norm_unchecked += 1
                elif label in NUMERIC_LABELS:
                    self.norm_total[label] = self.norm_total.get(label, 0) + 1
                    if gold_status[pair.gold] == CORRECT:
                        self.norm_agree[label] = self.norm_agree.get(label, 0) + 1
        self.errors.extend(errors)
        matched = [(gold[p.gold], pred[p.pred]) for p in strict_pairs
                   if p.category == CORRECT and p.gold is not None and p.pred is not None]
        self.facts.add_document(doc, matched, facts, text)
        summary = {
            "doc": doc,
            "labels": None if labels is None else list(labels),
            "n_gold": len(gold),
            "n_pred": len(pred),
            "ignored_pred": len(pred_all) - len(pred),
            "ignored_gold": len(gold_all) - len(gold),
            "n_errors": len(errors),
            "scores": doc_counts,
            "gold": [_mention_view(r, s) for r, s in zip(gold, gold_status, strict=True)],
            "pred": [_mention_view(r, s) for r, s in zip(pred, pred_status, strict=True)],
            "text": text,
        }
        self.documents.append(summary)
        return summary

    def normalisation(self) -> dict[str, Any]:
        """Normalisation accuracy over strict numeric matches, overall and by label.

        Matches whose gold mention has no normalised fields are counted as `unchecked`, not
        as disagreements; with nothing to check the accuracy is None (not 0).
        """
        n = sum(self.norm_total.values())
        agree = sum(self.norm_agree.values())
        by_label = {
            label: {
                "accuracy": self.norm_agree.get(label, 0) / total if total else 0.0,
                "n": total,
                "agree": self.norm_agree.get(label, 0),
            }
            for label, total in sorted(self.norm_total.items(), key=lambda kv: _label_order(kv[0]))
        }
        dates = {
            "accuracy": self.date_agree / self.date_total if self.date_total else None,
            "n": self.date_total, "agree": self.date_agree,
        }
        return {"accuracy": agree / n if n else None, "n": n, "agree": agree,
                "unchecked": self.norm_unchecked, "labels": by_label, "dates": dates}

    def result(self) -> dict[str, Any]:
        """Everything as plain data (JSON-ready)."""
        partial_credit = {name: s.partial_credit for name, s in self.schemes.items()}
        return {
            "schemes": list(SCHEMES),
            "micro": {n: c.to_dict(partial_credit[n]) for n, c in self.micro.items()},
            "labels": {
                label: {n: c.to_dict(partial_credit[n]) for n, c in per.items()}
                for label, per in sorted(self.labels.items(), key=lambda kv: _label_order(kv[0]))
            },
            "normalisation": self.normalisation(),
            "facts": self.facts.result(),
            "facts_errors": list(self.facts.mismatches),
            "documents": list(self.documents),
            "errors": list(self.errors),
        }


def _label_order(label: str) -> tuple[int, str]:
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)
