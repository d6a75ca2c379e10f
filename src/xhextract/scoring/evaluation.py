"""evaluate(): gold files + predicted records -> scores as plain data (the I/O around metrics)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..gold import GoldDoc, GoldError, check_text, load_gold, validate_gold
from ..io import DocumentError, read_document
from .facts import annotates_facts
from .metrics import Scorer


class PredictionError(ValueError):
    """Predicted records that cannot be scored; the message is one line."""


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder: `*.json` directly in it (sub-folders hold work in progress)."""
    return sorted(p for p in Path(gold_dir).glob("*.json") if p.is_file())


def load_predictions(pred_records: Iterable[Mapping[str, Any]] | Path | str) -> dict[str, list[dict[str, Any]]]:
    """Predicted records (an iterable of dicts, or a records.jsonl path) grouped by `doc`."""
    if isinstance(pred_records, str | Path):
        path = Path(pred_records)
        rows: list[Any] = []
        try:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            rows.append(json.loads(line))
                        except json.JSONDecodeError as exc:
                            raise PredictionError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        except OSError as exc:
            raise PredictionError(f"{path}: {exc.strerror or exc}") from None
        where = str(path)
    else:
        rows = list(pred_records)
        where = "predictions"
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for n, row in enumerate(rows, 1):
        if not isinstance(row, Mapping) or not all(k in row for k in ("doc", "start", "end", "label")):
            raise PredictionError(f"{where}: record {n} lacks one of doc, start, end, label")
        if not all(isinstance(row[k], int) and not isinstance(row[k], bool) for k in ("start", "end")):
            raise PredictionError(f"{where}: record {n} has non-integer offsets")
        by_doc.setdefault(str(row["doc"]), []).append(dict(row))
    return by_doc


def _check_offsets(gold: GoldDoc, text: str) -> None:
    """Refuse gold whose offsets do not select its mention texts (they would score nonsense)."""
    for i, m in enumerate(gold.mentions):
        start, end = m.get("start"), m.get("end")
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        if not ok or text[start:end] != m.get("text"):
            raise GoldError(
                f"{gold.path}: mention {i} [{start}:{end}] {m.get('text')!r} does not match the "
                f"document text; refusing to score it"
            )


def evaluate(
    gold_dir: Path | str,
    pred_records: Iterable[Mapping[str, Any]] | Path | str,
    docs_dir: Path | str | None = None,
    *,
    min_overlap: float = 1.0,
) -> dict[str, Any]:
    """Score predicted records against every gold file of `gold_dir`; returns plain data.

    Only documents that have a gold file are scored; a gold document without predictions has
    all its mentions missed. With `docs_dir` every gold file's text_sha256 and offsets are
    checked against `docs_dir/<doc>.txt` (GoldError when they do not match) and the error
    list carries context. The result has `micro`, `labels`, `normalisation`, `facts` (the shape
    of scores.json) and `documents`, `errors`, `facts_errors`, `warnings` for the reports. Facts
    are scored only on gold files that annotate them (guideline v2, or facts fields present).
    """
    gold_dir = Path(gold_dir)
    paths = gold_files(gold_dir)
    if not paths:
        raise GoldError(f"{gold_dir}: no gold files (*.json)")
    golds = [load_gold(p) for p in paths]
    predictions = load_predictions(pred_records)
    warnings: list[str] = []
    scorer = Scorer(min_overlap)
    for path, gold in zip(paths, golds, strict=True):
        if gold.doc != path.stem:
            raise GoldError(f"{path}: its doc {gold.doc!r} is not the file name {path.stem!r}")
        text: str | None = None
        if docs_dir is not None:
            doc_path = Path(docs_dir) / f"{gold.doc}.txt"
            try:
                text = read_document(doc_path).text
            except DocumentError as exc:
                raise GoldError(f"{path}: its document {doc_path} cannot be read ({exc})") from None
            check_text(gold, text)
            _check_offsets(gold, text)
            warnings.extend(f"{path}: {problem}" for problem in validate_gold(gold.to_dict(), text))
        preds = predictions.get(gold.doc, [])
        if text is not None:
            bad = sum(
                1 for r in preds
                if "text" in r and r["text"] != text[int(r["start"]) : int(r["end"])]
            )
            if bad:
                warnings.append(f"predictions for {gold.doc}: {bad} records whose text != document slice")
        scorer.add_document(gold.doc, gold.mentions, preds, text=text, labels=gold.labels,
                            facts=annotates_facts(gold.guideline, gold.mentions))
    if docs_dir is None:
        warnings.append("no documents given: text_sha256 and offsets of the gold files not checked")
    result = scorer.result()
    gold_docs = {g.doc for g in golds}
    result.update(
        {
            "gold_dir": str(gold_dir),
            "docs_dir": None if docs_dir is None else str(docs_dir),
            "n_documents": len(golds),
            "unscored_pred_docs": sorted(d for d in predictions if d not in gold_docs),
            "warnings": warnings,
        }
    )
    return result
