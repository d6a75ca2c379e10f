"""Mentions to plain records (ANNOTATION.md section 6), tables, and streaming table writers.

Tables (CSV, Parquet) have one fixed column set, RECORD_COLUMNS, whatever the records hold,
and the same types in both formats (RECORD_DTYPES; `read_table` reads either file with them):

- `start`, `end`: int64 offsets;
- `value`, `value_max`: strings holding the exact JSON text of the number ("520000000",
  "0.5"), or the TIMEX3 string a DATE carries ("2021-12", "P3Y"); `Decimal(x)` reads them
  back exactly;
- `value_float`, `value_max_float`: float64 copies of the numeric values of figures, to
  compute with (empty for DATE and TIME, whose values are not numbers);
- `period`, `subject`: the text of the figure's period and subject mentions (v2 facts);
- `sentence`: the text of the sentence holding the mention;
- every other column a string. Absent fields are empty in CSV and null in Parquet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import NUMERIC_LABELS, Mention

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

# pandas and pyarrow are imported where they are used: worker processes, which only turn
# mentions into records, do not carry them (about 100 MB each).

RECORD_COLUMNS = [
    "doc", "start", "end", "text", "label", "value", "value_float", "value_max",
    "value_max_float", "unit", "qualifier", "measure", "indicator", "object", "period",
    "subject", "source", "sentence",
]
_INT_COLUMNS = frozenset({"start", "end"})
_FLOAT_COLUMNS = frozenset({"value_float", "value_max_float"})
# pandas dtypes of the columns, the same whichever file a table is read from ("str" is
# pandas' default string dtype: object in pandas 2, StringDtype in pandas 3)
RECORD_DTYPES: dict[str, str] = {
    c: "int64" if c in _INT_COLUMNS else "float64" if c in _FLOAT_COLUMNS else "str"
    for c in RECORD_COLUMNS
}


@lru_cache(maxsize=1)
def parquet_schema() -> pa.Schema:
    """The one Parquet schema: int64 offsets, float64 values, every other column a string."""
    import pyarrow as pa

    def kind(c: str) -> pa.DataType:
        return pa.int64() if c in _INT_COLUMNS else pa.float64() if c in _FLOAT_COLUMNS else pa.string()

    return pa.schema([pa.field(c, kind(c)) for c in RECORD_COLUMNS])


def __getattr__(name: str) -> Any:
    if name == "PARQUET_SCHEMA":
        return parquet_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_table(path: Path | str) -> pd.DataFrame:
    """records.csv or records.parquet as a DataFrame with RECORD_DTYPES (identical for both)."""
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_csv(path, dtype=RECORD_DTYPES, keep_default_na=False,
                            na_values={c: [""] for c in RECORD_COLUMNS})
    return frame.astype(RECORD_DTYPES)[RECORD_COLUMNS]


_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: cut after 。！？； (and closing quotes) or newlines."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            bounds.append((start, match.end()))
            start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentences_of(text: str, records: Sequence[dict[str, Any]]) -> list[str]:
    """The sentence of each record (its `sentence` offsets if it has them), stripped."""
    import bisect

    bounds = sentence_bounds(text)
    starts = [a for a, _ in bounds]
    out = []
    for r in records:
        ref = r.get("sentence")
        if isinstance(ref, dict) and "start" in ref and "end" in ref:
            a, b = int(ref["start"]), int(ref["end"])
        else:
            i = max(bisect.bisect_right(starts, int(r["start"])) - 1, 0)
            a = bounds[i][0] if bounds else 0
            j = i
            while j + 1 < len(bounds) and bounds[j][1] < int(r["end"]):
                j += 1  # a mention that crosses a sentence end takes both sentences
            b = bounds[j][1] if bounds else len(text)
        out.append(text[a:b].strip())
    return out


def to_records(doc: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    """One dict a mention, `doc` first, in offset order."""
    return [{"doc": doc, **m.to_dict()} for m in mentions]


def cell(value: Any) -> str | None:
    """A record field as a table cell: None stays None, numbers become their exact text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str) else str(value)


def _float(record: dict[str, Any], key: str) -> float | None:
    value = record.get(key)
    if record.get("label") not in NUMERIC_LABELS or value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _ref_text(value: Any) -> str | None:
    return cell(value.get("text")) if isinstance(value, dict) else cell(value)


def flat_record(record: dict[str, Any], sentence: str | None = None) -> dict[str, Any]:
    """A record as a row of RECORD_COLUMNS, in that order (see the module notes for types)."""
    get = record.get
    return {
        "doc": cell(record["doc"]), "start": int(record["start"]), "end": int(record["end"]),
        "text": cell(record["text"]), "label": cell(record["label"]),
        "value": cell(get("value")), "value_float": _float(record, "value"),
        "value_max": cell(get("value_max")), "value_max_float": _float(record, "value_max"),
        "unit": cell(get("unit")), "qualifier": cell(get("qualifier")),
        "measure": cell(get("measure")), "indicator": cell(get("indicator")),
        "object": cell(get("object")), "period": _ref_text(get("period")),
        "subject": _ref_text(get("subject")), "source": cell(get("source")),
        "sentence": sentence,
    }


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows (dicts keyed by `columns`) as CSV lines, no header: None empty, floats as repr.

    Pure, so a worker process can format its document's rows and send one string back.
    """
    buf = io.StringIO()
    writerow = csv.writer(buf, lineterminator="\n").writerow
    for row in rows:
        values = [row[c] for c in columns]
        writerow(["" if v is None else repr(v) if isinstance(v, float) else v for v in values])
    return buf.getvalue()


class TableFiles:
    """Appends rows to a CSV and a Parquet file with the same content, in bounded memory.

    Rows come as UTF-8 CSV lines (`write_csv`, from `csv_text`) or as dicts keyed by `columns`
    (`write_rows`). The CSV gets them at once; Parquet gets a row group each `batch_rows`
    rows (and one at `close`), parsed from that same CSV text by Arrow's CSV reader with
    `schema` (empty cells null, nothing else), so both files hold the same values and an
    empty run still writes valid files. The records and the facts tables are both written by it.
    """

    def __init__(self, csv_path: Path, parquet_path: Path, columns: Sequence[str],
                 schema: pa.Schema, batch_rows: int = 16384) -> None:
        import pyarrow.parquet as pq

        self._columns = list(columns)
        self._schema = schema
        self._csv_fh = open(csv_path, "wb")
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(self._columns)
        self._csv_fh.write(header.getvalue().encode("utf-8"))
        self._parquet = pq.ParquetWriter(parquet_path, schema)
        self._pending: list[bytes] = []
        self._pending_rows = 0
        self._batch_rows = batch_rows

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        """Append rows (dicts keyed by the columns)."""
        rows = list(rows)
        self.write_csv(csv_text(rows, self._columns).encode("utf-8"), len(rows))

    def write_csv(self, data: bytes, n_rows: int) -> None:
        """Append `n_rows` rows given as UTF-8 CSV lines (`csv_text` with these columns)."""
        if not n_rows:
            return
        self._csv_fh.write(data)
        self._pending.append(data)
        self._pending_rows += n_rows
        if self._pending_rows >= self._batch_rows:
            self._flush_parquet()

    def _flush_parquet(self) -> None:
        if self._pending_rows:
            self._parquet.write_table(_parse_csv(b"".join(self._pending), self._columns, self._schema))
            self._pending = []
            self._pending_rows = 0

    def close(self) -> None:
        """Write the last row group and the Parquet footer; close both files."""
        try:
            self._flush_parquet()
        finally:
            self._parquet.close()
            self._csv_fh.close()


def _parse_csv(data: bytes, columns: Sequence[str], schema: pa.Schema) -> pa.Table:
    """UTF-8 CSV lines written by `csv_text` as one Arrow table of `schema` (one chunk)."""
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=list(columns), use_threads=False,
                                       block_size=len(data) + 1),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=schema, null_values=[""], strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )
    return table.combine_chunks()


class TableWriter(TableFiles):
    """records.csv and records.parquet: one row a record (`record_csv`), with its sentence."""

    def __init__(self, csv_path: Path, parquet_path: Path, batch_rows: int = 16384) -> None:
        super().__init__(csv_path, parquet_path, RECORD_COLUMNS, parquet_schema(), batch_rows)


def record_csv(records: Sequence[dict[str, Any]], sentences: Sequence[str] | None = None) -> str:
    """records.csv lines of `records` (flat_record rows, with their sentences), no header."""
    if sentences is None:
        sentences = [None] * len(records)  # type: ignore[list-item]
    return csv_text((flat_record(r, s) for r, s in zip(records, sentences, strict=True)), RECORD_COLUMNS)
