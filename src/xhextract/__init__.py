"""xhextract: figures and named entities, with exact values and offsets, from Chinese text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import LABELS, Mention

if TYPE_CHECKING:
    import pandas as pd

    from .core import extract

try:
    __version__ = version("xhextract")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"


def __getattr__(name: str) -> Any:
    # extract() loads jieba and the gazetteers (about 2 s): imported on first use, so that the
    # command line starts at once for --help, eval, import and export
    if name == "extract":
        from .core import extract

        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(use_model: bool = True) -> Any:
    """The shared spaCy pipeline (see `xhextract.pipeline.load`); spaCy is imported on first use."""
    from .pipeline import load as _load

    return _load(use_model)


def facts(
    text: str, doc_date: date | str | None = None, use_model: bool = True, doc: str = ""
) -> pd.DataFrame:
    """The figures of `text` as a table, one row each: value, unit, measure, indicator, subject,
    period... (the rows of facts.csv; columns `xhextract.facts_table.FACT_COLUMNS`).

    `doc_date` (a date or "YYYY-MM-DD") resolves 今年, 1月17日 and the like. pandas is
    imported here, on first use, so that `import xhextract` stays light.
    """
    from .core import extract
    from .facts_table import fact_rows, facts_frame

    if isinstance(doc_date, str):
        doc_date = date.fromisoformat(doc_date)
    mentions = extract(text, doc_date=doc_date, use_model=use_model)
    return facts_frame(fact_rows(doc, text, mentions))


def evaluate(
    gold_dir: Path | str,
    pred_records: Iterable[Mapping[str, Any]] | Path | str,
    docs_dir: Path | str | None = None,
    *,
    only: Iterable[str] | None = None,
    only_predicted: bool = False,
) -> dict[str, Any]:
    """Score records against the gold files of `gold_dir` (plain data, the shape of scores.json).

    `only` (document ids) or `only_predicted` score a subset. A thin forward to
    `xhextract.scoring.evaluate`, imported on first use so that `import xhextract` stays light.
    """
    from .scoring import evaluate as _evaluate

    return _evaluate(gold_dir, pred_records, docs_dir, only=only, only_predicted=only_predicted)


__all__ = ["LABELS", "Mention", "__version__", "evaluate", "extract", "facts", "load"]
