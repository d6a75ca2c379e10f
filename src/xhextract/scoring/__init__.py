"""Scoring against gold files: SemEval-2013 schemes (match), metrics, reports.

Public entry points: `evaluate(gold_dir, pred_records, docs_dir=None) -> dict` (plain data) and
`write_reports(result, out_dir)` (scores.json, report.md, report.html).
"""

from __future__ import annotations

from .evaluation import PredictionError, evaluate, load_predictions
from .match import SCHEMES, Span, make_schemes
from .metrics import Counts, Scorer
from .report import write_reports

__all__ = [
    "SCHEMES",
    "Counts",
    "PredictionError",
    "Scorer",
    "Span",
    "evaluate",
    "load_predictions",
    "make_schemes",
    "write_reports",
]
