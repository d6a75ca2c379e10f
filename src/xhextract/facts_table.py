"""The facts table: one row per figure (MONEY, PERCENT, QUANTITY, CARDINAL) with its context.

`fact_rows` is the one pure row builder, used by `xhextract run` (facts.csv, facts.parquet)
and by `xhextract.facts()` (a pandas DataFrame), so both give the same rows. Columns and
types are fixed (FACT_COLUMNS): `start`/`end` int64, `value_float` float64 (for analysis:
sums, plots), every other column a nullable string; `value` and `value_max` are the exact
numbers as text ("520000000", "0.5"), which `Decimal(x)` reads back without rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import TableFiles, csv_text
from .schema import FACT_LABELS, Mention, json_number

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FACT_COLUMNS = [
    "doc", "sentence", "start", "end", "text", "label", "value", "value_float", "value_max",
    "unit", "qualifier", "measure", "indicator", "object", "subject", "subject_label", "period",
    "period_value",
]
INT_COLUMNS = frozenset({"start", "end"})
FLOAT_COLUMNS = frozenset({"value_float"})


def _number_text(value: Any) -> str | None:
    return None if value is None else str(json_number(value))


def fact_rows(doc: str, text: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    """One row per figure of `mentions` (from `text`), in offset order, columns FACT_COLUMNS."""
    rows = []
    for m in mentions:
        if m.label not in FACT_LABELS:
            continue
        s = m.sentence
        value = _number_text(m.value)
        rows.append({
            "doc": doc,
            "sentence": text[s.start : s.end] if s is not None else None,
            "start": m.start, "end": m.end, "text": m.text, "label": m.label,
            "value": value, "value_float": float(value) if value is not None else None,
            "value_max": _number_text(m.value_max), "unit": m.unit,
            "qualifier": m.qualifier or "exact", "measure": m.measure,
            "indicator": m.indicator, "object": m.object,
            "subject": m.subject.text if m.subject else None,
            "subject_label": m.subject.label if m.subject else None,
            "period": m.period.text if m.period else None,
            "period_value": m.period.value if m.period else None,
        })
    return rows


def fact_csv(rows: Iterable[dict[str, Any]]) -> str:
    """facts.csv lines of `rows` (`fact_rows`), no header."""
    return csv_text(rows, FACT_COLUMNS)


def csv_dtypes() -> dict[str, str]:
    """dtypes to read facts.csv back as facts.parquet reads: `pd.read_csv(path, dtype=csv_dtypes())`."""
    return {c: "int64" if c in INT_COLUMNS else "float64" if c in FLOAT_COLUMNS else "str"
            for c in FACT_COLUMNS}


def facts_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame, built through the Parquet schema: the same columns and dtypes as
    `pd.read_parquet("facts.parquet")` gives."""
    import pyarrow as pa

    return pa.Table.from_pylist(list(rows), schema=facts_schema()).to_pandas()


@lru_cache(maxsize=1)
def facts_schema() -> pa.Schema:
    """The Parquet schema of facts.parquet."""
    import pyarrow as pa

    def kind(c: str) -> pa.DataType:
        return pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in FACT_COLUMNS])


class FactsWriter(TableFiles):
    """facts.csv and facts.parquet: fact rows (`fact_csv`) appended as they come, in bounded memory."""

    def __init__(self, csv_path: Path, parquet_path: Path, batch_rows: int = 16384) -> None:
        super().__init__(csv_path, parquet_path, FACT_COLUMNS, facts_schema(), batch_rows)
