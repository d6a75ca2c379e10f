"""Scoring of the facts fields (ANNOTATION.md v2 sections 5 and 7): accuracy, precision, n, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xhextract.io import read_document, text_sha256
from xhextract.scoring import Scorer, evaluate, write_reports
from xhextract.scoring.facts import (
    FactsTally,
    annotates_facts,
    compare_facts,
    fact_key,
    guideline_version,
)

ROOT = Path(__file__).resolve().parents[1]
TEXT = "2024年，上海市地区生产总值4.72万亿元，比上年增长5.3%；新设企业812家，占全国的18.4%。"


def fig(s: str, label: str, occurrence: int = 1, **extra: object) -> dict:
    """A record for the n-th occurrence of `s` in TEXT."""
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(s, start + 1)
    return {"start": start, "end": start + len(s), "text": s, "label": label, **extra}


def ref(s: str) -> dict:
    start = TEXT.index(s)
    return {"start": start, "end": start + len(s), "text": s}


YEAR, CITY, BASE = ref("2024年"), ref("上海市"), ref("上年")


def gold_v2() -> list[dict]:
    return [
        fig("2024年", "DATE", value="2024"),
        fig("上海市", "GPE"),
        fig("4.72万亿元", "MONEY", value=4.72e12, unit="CNY", qualifier="exact", indicator="地区生产总值",
            measure="level", period=YEAR, subject=CITY),
        fig("5.3%", "PERCENT", value=5.3, unit="%", qualifier="exact", indicator="地区生产总值",
            measure="increase", period=YEAR, subject=CITY),
        fig("812家", "CARDINAL", value=812, unit="家", qualifier="exact", indicator="企业", measure="level",
            period=YEAR, subject=CITY),
        fig("18.4%", "PERCENT", value=18.4, unit="%", qualifier="exact", measure="share", period=YEAR,
            subject=CITY),
    ]


# ---------------------------------------------------------------- pure functions

def test_fact_key_compares_spans_by_offsets_and_marks_malformed_values() -> None:
    rec = {"period": {"start": 0, "end": 5, "text": "2024年", "value": "2024"}, "indicator": "产量"}
    assert fact_key(rec, "period") == (0, 5)
    assert fact_key({"period": {"start": 0, "end": 5, "text": "other"}}, "period") == (0, 5)
    assert fact_key(rec, "indicator") == "产量"
    assert fact_key(rec, "subject") is None and fact_key({"indicator": ""}, "indicator") is None
    # present but unusable: counts as an output value that matches nothing
    assert fact_key({"period": "2024年"}, "period") == ("malformed", "'2024年'")
    assert fact_key({"measure": 3}, "measure") == ("malformed", "3")


def test_compare_facts_field_by_field() -> None:
    gold = {"indicator": "地区生产总值", "measure": "increase", "period": YEAR}
    pred = {"indicator": "地区生产总值", "measure": "level", "subject": CITY}
    assert compare_facts(gold, pred) == {
        "indicator": (True, True, True),
        "measure": (True, True, False),
        "period": (True, False, False),
        "subject": (False, True, False),
    }


@pytest.mark.parametrize(("guideline", "expected"), [("v2", 2), ("V3.1", 3), ("v1", 1), (None, None), ("x", None)])
def test_guideline_version(guideline: object, expected: int | None) -> None:
    assert guideline_version(guideline) == expected


def test_which_gold_annotates_facts() -> None:
    v1_figure = {"label": "MONEY", "indicator": "转化金额"}  # v1 had indicator already
    assert annotates_facts("v2", []) is True
    assert annotates_facts("v1", [v1_figure]) is False
    assert annotates_facts(None, [v1_figure, {"label": "PERCENT", "measure": "share"}]) is True
    assert annotates_facts(None, [{"label": "DATE", "period": YEAR}]) is False


# ---------------------------------------------------------------- Scorer

def test_facts_accuracy_and_precision_with_their_counts() -> None:
    pred = [
        fig("4.72万亿元", "MONEY", indicator="地区生产总值", measure="level", period=YEAR, subject=CITY),
        # baseline taken as period, no subject, indicator right
        fig("5.3%", "PERCENT", indicator="地区生产总值", measure="increase", period=BASE),
        # wrong indicator, measure right, period right, subject right
        fig("812家", "CARDINAL", indicator="新设企业", measure="level", period=YEAR, subject=CITY),
        # an indicator where gold has none; measure wrong
        fig("18.4%", "PERCENT", indicator="全国", measure="level", period=YEAR, subject=CITY),
    ]
    scorer = Scorer()
    scorer.add_document("d", gold_v2(), pred, text=TEXT)
    facts = scorer.result()["facts"]
    assert facts["figures"] == 4 and facts["documents"] == 1
    f = facts["fields"]
    assert f["indicator"] == {"accuracy": 2 / 3, "precision": 2 / 4, "correct": 2, "n_gold": 3, "n_pred": 4}
    assert f["measure"] == {"accuracy": 3 / 4, "precision": 3 / 4, "correct": 3, "n_gold": 4, "n_pred": 4}
    assert f["period"] == {"accuracy": 3 / 4, "precision": 3 / 4, "correct": 3, "n_gold": 4, "n_pred": 4}
    assert f["subject"] == {"accuracy": 3 / 4, "precision": 1.0, "correct": 3, "n_gold": 4, "n_pred": 3}
    mismatches = {(e["text"], e["field"]): (e["gold"], e["pred"]) for e in scorer.result()["facts_errors"]}
    assert mismatches == {
        ("5.3%", "period"): ("2024年 [0:5]", "上年 [24:26]"),
        ("5.3%", "subject"): ("上海市 [6:9]", ""),
        ("812家", "indicator"): ("企业", "新设企业"),
        ("18.4%", "indicator"): ("", "全国"),
        ("18.4%", "measure"): ("share", "level"),
    }


def test_fields_with_equal_counts_are_kept_apart() -> None:
    # every field has n_gold = n_pred = 4 and 2 correct, but on different figures
    gold = gold_v2()
    gold[4]["indicator"] = "新设企业"
    gold[5]["indicator"] = "新设企业"
    pred = [dict(m) for m in gold if m["label"] not in {"DATE", "GPE"}]
    pred[0].update(indicator="x", measure="increase")  # 4.72万亿元
    pred[1].update(indicator="x", period=BASE)  # 5.3%
    pred[2].update(measure="share", subject=YEAR)  # 812家
    pred[3].update(period=CITY, subject=BASE)  # 18.4%
    scorer = Scorer()
    scorer.add_document("d", gold, pred, text=TEXT)
    fields = scorer.result()["facts"]["fields"]
    for name in ("indicator", "measure", "period", "subject"):
        assert (fields[name]["correct"], fields[name]["n_gold"], fields[name]["n_pred"]) == (2, 4, 4), name
    wrong = {}
    for e in scorer.result()["facts_errors"]:
        wrong.setdefault(e["field"], set()).add(e["text"])
    assert wrong == {"indicator": {"4.72万亿元", "5.3%"}, "measure": {"4.72万亿元", "812家"},
                     "period": {"5.3%", "18.4%"}, "subject": {"812家", "18.4%"}}


def test_only_strict_matches_of_figure_labels_count() -> None:
    gold = gold_v2()
    pred = [
        # span too long: not a strict match, its facts are not compared
        {**fig("4.72万亿元", "MONEY"), "end": fig("4.72万亿元", "MONEY")["end"] + 1, "text": "4.72万亿元，",
         "indicator": "地区生产总值", "measure": "level"},
        # wrong label: not a strict match
        fig("5.3%", "CARDINAL", indicator="地区生产总值", measure="increase", period=YEAR),
        # entities never count as figures, even with facts-like fields
        fig("2024年", "DATE", value="2024", period=YEAR),
        fig("812家", "CARDINAL", indicator="企业", measure="level", period=YEAR, subject=CITY),
    ]
    scorer = Scorer()
    scorer.add_document("d", gold, pred, text=TEXT)
    facts = scorer.result()["facts"]
    assert facts["figures"] == 1
    assert all(f["correct"] == f["n_gold"] == f["n_pred"] == 1 for f in facts["fields"].values())


def test_v1_gold_gives_no_facts_scores_not_zero() -> None:
    v1 = [{k: v for k, v in m.items() if k not in {"measure", "period", "subject"}} for m in gold_v2()]
    pred = [dict(m) for m in gold_v2()]
    scorer = Scorer()
    scorer.add_document("old", v1, pred, text=TEXT)
    facts = scorer.result()["facts"]
    assert facts["documents"] == 0 and facts["skipped_documents"] == ["old"] and facts["figures"] == 0
    for f in facts["fields"].values():
        assert f == {"accuracy": None, "precision": None, "correct": 0, "n_gold": 0, "n_pred": 0}
    assert scorer.result()["facts_errors"] == []


def test_output_without_facts_against_v2_gold() -> None:
    pred = [{k: v for k, v in m.items() if k in {"start", "end", "text", "label"}} for m in gold_v2()]
    scorer = Scorer()
    scorer.add_document("d", gold_v2(), pred, text=TEXT)
    f = scorer.result()["facts"]["fields"]
    assert f["measure"] == {"accuracy": 0.0, "precision": None, "correct": 0, "n_gold": 4, "n_pred": 0}
    assert f["indicator"]["n_gold"] == 3 and f["indicator"]["accuracy"] == 0.0


def test_tally_sums_over_documents() -> None:
    tally = FactsTally()
    g = {"start": 0, "end": 2, "text": "5%", "label": "PERCENT", "measure": "increase"}
    tally.add_document("a", [(g, {**g})], annotated=True)
    tally.add_document("b", [(g, {**g, "measure": "level"})], annotated=True)
    tally.add_document("c", [(g, {**g})], annotated=False)
    out = tally.result()
    assert out["fields"]["measure"] == {"accuracy": 0.5, "precision": 0.5, "correct": 1, "n_gold": 2, "n_pred": 2}
    assert out["documents"] == 2 and out["skipped_documents"] == ["c"] and out["n_mismatches"] == 1


# ---------------------------------------------------------------- evaluate() and the reports

def _gold_file(gold_dir: Path, doc: str, text: str, mentions: list[dict], guideline: str) -> None:
    data = {"doc": doc, "text_sha256": text_sha256(text), "guideline": guideline, "mentions": mentions}
    (gold_dir / f"{doc}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_evaluate_and_reports_on_v2_and_v1_gold(tmp_path: Path) -> None:
    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    for doc in ("new", "old"):
        (docs / f"{doc}.txt").write_text(TEXT, "utf-8")
    _gold_file(gold_dir, "new", TEXT, gold_v2(), "v2")
    old = [{k: v for k, v in m.items() if k not in {"measure", "period", "subject"}} for m in gold_v2()]
    _gold_file(gold_dir, "old", TEXT, old, "v1")
    pred = [{"doc": d, **m} for d in ("new", "old") for m in gold_v2()]
    pred[3] = {**pred[3], "measure": "decrease"}  # new: 5.3% measure wrong
    result = evaluate(gold_dir, pred, docs)
    facts = result["facts"]
    assert facts["skipped_documents"] == ["old"] and facts["figures"] == 4
    assert facts["fields"]["measure"]["accuracy"] == 0.75
    assert facts["fields"]["period"]["accuracy"] == 1.0
    assert result["warnings"] == []

    paths = write_reports(result, tmp_path / "out")
    scores = json.loads(paths["scores.json"].read_text("utf-8"))
    assert scores["facts"]["fields"]["measure"] == {"accuracy": 0.75, "precision": 0.75, "correct": 3,
                                                     "n_gold": 4, "n_pred": 4}
    md = paths["report.md"].read_text("utf-8")
    assert "## Facts of figures" in md and "## Facts mismatches (1)" in md
    assert "| measure | 0.7500 | 3 | 4 | 0.7500 | 4 |" in md
    assert "| new | measure | 5.3% [28:32] PERCENT | increase | decrease |" in md
    assert "Not scored for facts (gold without facts fields): old." in md
    page = paths["report.html"].read_text("utf-8")
    assert "Facts of figures" in page and 'data-field="measure"' in page and "0.7500" in page


def test_v1_gold_only_reports_n_a(tmp_path: Path) -> None:
    gold_dir, docs = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir()
    docs.mkdir()
    (docs / "old.txt").write_text(TEXT, "utf-8")
    old = [{k: v for k, v in m.items() if k not in {"measure", "period", "subject"}} for m in gold_v2()]
    _gold_file(gold_dir, "old", TEXT, old, "v1")
    result = evaluate(gold_dir, [{"doc": "old", **m} for m in gold_v2()], docs)
    assert all(f["accuracy"] is None and f["precision"] is None for f in result["facts"]["fields"].values())
    md = write_reports(result, tmp_path / "out")["report.md"].read_text("utf-8")
    assert "| measure | n/a | 0 | 0 | n/a | 0 |" in md and "0.0000" not in md.split("## Facts of")[1].split("##")[0]


def test_project_gold_is_scored_for_facts_against_itself() -> None:
    """The five gold files are v2: scored against themselves every field is 1.0 with n > 0."""
    gold_dir = ROOT / "gold"
    preds = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        assert data["guideline"] == "v2", path.name
        read_document(ROOT / "corpus" / f"{data['doc']}.txt")
        preds += [{"doc": data["doc"], **m} for m in data["mentions"]]
    facts = evaluate(gold_dir, preds, ROOT / "corpus")["facts"]
    assert facts["documents"] == 5 and facts["figures"] == 175 and facts["skipped_documents"] == []
    for name, f in facts["fields"].items():
        assert f["accuracy"] == f["precision"] == 1.0 and f["n_gold"] > 0, name
