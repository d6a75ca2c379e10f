"""Many files: read, extract and write records, one document at a time."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .io import DocumentError, iter_inputs, read_document
from .pipeline import extract
from .records import records_frame, to_records


@dataclass
class BatchResult:
    documents: int = 0
    records: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)


def run_batch(
    paths: Iterable[Path],
    out: Path,
    *,
    doc_date: date | None = None,
    use_model: bool = True,
) -> BatchResult:
    """Extract every input document into `out/records.jsonl`, `records.csv`, `errors.jsonl`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    all_records: list[dict] = []
    for path, root in iter_inputs(paths):
        try:
            document = read_document(path, root)
        except DocumentError as exc:
            result.errors.append({"doc": path.stem, "path": str(path), "error": str(exc)})
            continue
        mentions = extract(document.text, doc_date=doc_date, use_model=use_model)
        all_records.extend(to_records(document.doc, mentions))
        result.documents += 1
    with open(out / "records.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for rec in all_records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    records_frame(all_records).to_csv(out / "records.csv", index=False)
    with open(out / "errors.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for err in result.errors:
            fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    result.records = len(all_records)
    return result
