"""Mentions to plain records (ANNOTATION.md section 6), tables, and streaming table writers.

Tables (CSV, Parquet) have one fixed column set, RECORD_COLUMNS, whatever the records hold.
`value` and `value_max` are strings there: the exact JSON text of the number ("520000000",
"0.5"), or the TIMEX3 string a DATE carries ("2021-12", "P3Y"). A float64 column could not
hold both, and would round large or decimal amounts; `float(x)` or `Decimal(x)` reads the
string back exactly. Absent fields are empty in CSV and null in Parquet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import Mention

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# pandas and pyarrow are imported where they are used: worker processes, which only turn
# mentions into records, do not carry them (about 100 MB each).

RECORD_COLUMNS = [
    "doc", "start", "end", "text", "label", "value", "value_max", "unit", "qualifier",
    "object", "indicator", "source",
]
_INT_COLUMNS = frozenset({"start", "end"})  # flat_record lists the columns in this order too



@lru_cache(maxsize=1)
def parquet_schema() -> pa.Schema:
    """The one Parquet schema: int64 offsets, every other column a nullable string."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(c, pa.int64() if c in _INT_COLUMNS else pa.string()) for c in RECORD_COLUMNS]
    )


def __getattr__(name: str) -> Any:
    if name == "PARQUET_SCHEMA":
        return parquet_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def to_records(doc: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    """One dict a mention, `doc` first, in offset order."""
    return [{"doc": doc, **m.to_dict()} for m in mentions]


def cell(value: Any) -> str | None:
    """A record field as a table cell: None stays None, numbers become their exact text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str) else str(value)


def flat_record(record: dict[str, Any]) -> dict[str, Any]:
    """A record restricted to RECORD_COLUMNS, in that order, with string cells (ints for offsets)."""
    get = record.get
    return {
        "doc": cell(record["doc"]), "start": int(record["start"]), "end": int(record["end"]),
        "text": cell(record["text"]), "label": cell(record["label"]),
        "value": cell(get("value")), "value_max": cell(get("value_max")), "unit": cell(get("unit")),
        "qualifier": cell(get("qualifier")), "object": cell(get("object")),
        "indicator": cell(get("indicator")), "source": cell(get("source")),
    }


def records_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Records as a table with a fixed column set (absent optional fields are empty)."""
    import pandas as pd

    rows = [flat_record(r) for r in records]
    frame = pd.DataFrame(rows, columns=RECORD_COLUMNS)
    for c in RECORD_COLUMNS:
        if c not in _INT_COLUMNS:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), "")
    return frame


class TableWriter:
    """Appends records to a CSV and a Parquet file as they come, in bounded memory.

    The CSV gets a row a record at once; Parquet gets a row group each `batch_rows` records
    (and one at `close`), all with PARQUET_SCHEMA, so an empty run still writes valid files.
    """

    def __init__(self, csv_path: Path, parquet_path: Path, batch_rows: int = 16384) -> None:
        import pyarrow.parquet as pq

        self._csv_fh = open(csv_path, "w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_fh, lineterminator="\n")
        self._csv.writerow(RECORD_COLUMNS)
        self._parquet = pq.ParquetWriter(parquet_path, parquet_schema())
        self._columns: list[list[Any]] = [[] for _ in RECORD_COLUMNS]
        self._rows = 0
        self._batch_rows = batch_rows

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        """Append records (CSV now, Parquet when a batch is full)."""
        columns = self._columns
        writerow = self._csv.writerow
        for record in records:
            row = list(flat_record(record).values())
            writerow(["" if v is None else v for v in row])
            for column, v in zip(columns, row, strict=True):
                column.append(v)
            self._rows += 1
        if self._rows >= self._batch_rows:
            self._flush_parquet()

    def _flush_parquet(self) -> None:
        if self._rows:
            import pyarrow as pa

            schema = parquet_schema()
            arrays = [pa.array(c, type=f.type) for c, f in zip(self._columns, schema, strict=True)]
            self._parquet.write_table(pa.Table.from_arrays(arrays, schema=schema))
            self._columns = [[] for _ in RECORD_COLUMNS]
            self._rows = 0

    def flush(self) -> None:
        """Push buffered CSV text to the operating system."""
        self._csv_fh.flush()

    def close(self) -> None:
        """Write the last row group and the Parquet footer; close both files."""
        try:
            self._flush_parquet()
        finally:
            self._parquet.close()
            self._csv_fh.close()
