"""`xhextract eval`: a thin call into scoring; refused gold -> one line on stderr, exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from xhextract.io import read_document, text_sha256

ROOT = Path(__file__).resolve().parents[1]
XUHUI = "xuhui_innovation_2021"


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run the command line as a user does (a fresh interpreter, real stdout and stderr)."""
    return subprocess.run([sys.executable, "-m", "xhextract.cli", *args], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    text = read_document(ROOT / "corpus" / f"{XUHUI}.txt").text
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / f"{XUHUI}.txt").write_text(text, encoding="utf-8")
    i, j = text.index("近5.2亿元"), text.index("葛均波")
    money = {"start": i, "end": i + 6, "text": "近5.2亿元", "label": "MONEY", "value": 520000000,
             "unit": "CNY", "qualifier": "nearly"}
    person = {"start": j, "end": j + 3, "text": "葛均波", "label": "PERSON"}
    (gold / f"{XUHUI}.json").write_text(json.dumps(
        {"doc": XUHUI, "text_sha256": text_sha256(text), "guideline": "v1", "mentions": [person, money]},
        ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "records.jsonl"
    pred.write_text(json.dumps({"doc": XUHUI, **money}, ensure_ascii=False) + "\n", encoding="utf-8")
    return gold, docs, pred


def test_eval_writes_reports_and_prints_a_summary(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    gold, docs, pred = setup
    out = tmp_path / "eval"
    done = cli("eval", "--gold", str(gold), "--pred", str(pred), "--docs", str(docs), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.md", "scores.json"]
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    # one of two gold mentions found, no spurious: P 1, R 0.5
    assert scores["micro"]["strict"]["precision"] == 1.0 and scores["micro"]["strict"]["recall"] == 0.5
    assert scores["normalisation"]["accuracy"] == 1.0 and scores["normalisation"]["n"] == 1
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["strict", "P", "1.0000", "R", "0.5000", "F1", "0.6667"]
    assert "normalisation accuracy 1.0000 (n=1)" in done.stdout
    assert "1 documents, 1 errors" in done.stdout


def test_stale_gold_is_refused_in_one_line(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    gold, docs, pred = setup
    doc = docs / f"{XUHUI}.txt"
    doc.write_text(doc.read_text(encoding="utf-8").replace("葛均波", "葛均"), encoding="utf-8")
    out = tmp_path / "eval"
    done = cli("eval", "--gold", str(gold), "--pred", str(pred), "--docs", str(docs), "--out", str(out))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith("xhextract eval: ") and f"{XUHUI}.json" in errors[0]
    assert "text_sha256" in errors[0]
    assert not out.exists()


def test_unreadable_predictions_and_empty_gold_are_refused(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    gold, docs, pred = setup
    pred.write_text("{broken\n", encoding="utf-8")
    done = cli("eval", "--gold", str(gold), "--pred", str(pred), "--out", str(tmp_path / "o"))
    assert done.returncode == 1 and "records.jsonl:1: not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli("eval", "--gold", str(empty), "--pred", str(pred), "--out", str(tmp_path / "o"))
    assert done.returncode == 1 and "no gold files" in done.stderr and "Traceback" not in done.stderr
