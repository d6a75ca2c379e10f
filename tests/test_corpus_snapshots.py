"""Every corpus document's records: explicit checks, then a pytest-regressions snapshot.

Also checks that the committed outputs/ are what the current code writes for corpus/, so a
change to the extractor cannot land with stale outputs or a stale evaluation report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import xhextract
from xhextract.docdate import date_from_name
from xhextract.io import read_document
from xhextract.records import to_records
from xhextract.schema import LABELS, NUMERIC_LABELS, QUALIFIERS

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DOCS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def records_by_doc() -> dict[str, list[dict]]:
    out = {}
    for doc in DOCS:
        document = read_document(CORPUS / f"{doc}.txt", CORPUS)
        # as `xhextract run` does without --date: the document's year from its file name
        mentions = xhextract.extract(document.text, doc_date=date_from_name(doc))
        out[doc] = to_records(document.doc, mentions)
    return out


@pytest.mark.parametrize("doc", DOCS)
def test_corpus_document_records(doc: str, records_by_doc, data_regression) -> None:
    text = read_document(CORPUS / f"{doc}.txt", CORPUS).text
    records = records_by_doc[doc]
    assert records, f"{doc}: no mentions at all"
    previous_end = -1
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["label"] in LABELS
        assert r["start"] >= previous_end, "mentions overlap or are out of order"
        previous_end = r["end"]
        if r["label"] in NUMERIC_LABELS:
            assert r["value"] is not None and r["qualifier"] in QUALIFIERS
    numeric = {r["label"] for r in records} & set(NUMERIC_LABELS)
    assert numeric, f"{doc}: no figures found"
    data_regression.check({"doc": doc, "records": records})


def test_committed_outputs_are_current(records_by_doc) -> None:
    """outputs/records.jsonl holds exactly what the extractor now gives for corpus/."""
    path = ROOT / "outputs" / "records.jsonl"
    assert path.exists(), "run `make run` to write outputs/"
    committed = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    current = [r for doc in DOCS for r in records_by_doc[doc]]
    assert committed == current, "outputs/ are stale: run `make run` and commit outputs/"


def test_committed_scores_match_the_outputs() -> None:
    """outputs/eval/scores.json is the evaluation of the committed records against gold/."""
    committed = json.loads((ROOT / "outputs" / "eval" / "scores.json").read_text("utf-8"))
    fresh = xhextract.evaluate(ROOT / "gold", ROOT / "outputs" / "records.jsonl", CORPUS)
    assert committed["micro"] == json.loads(json.dumps(fresh["micro"]))
    assert committed["normalisation"]["accuracy"] == fresh["normalisation"]["accuracy"]
