"""Every gold/*.json is valid against its corpus document; the validator catches each problem."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from xhextract.gold import GoldError, check_text, gold_from_dict, load_gold, validate_gold
from xhextract.io import read_document, text_sha256

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"
CORPUS = ROOT / "corpus"
GOLD_FILES = sorted(GOLD.glob("*.json"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_is_valid(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["doc"] == path.stem, "the doc id must be the file name"
    doc_path = CORPUS / f"{path.stem}.txt"
    assert doc_path.is_file(), f"no corpus document {doc_path.name} for {path.name}"
    text = read_document(doc_path).text
    assert validate_gold(gold, text) == []
    assert gold["mentions"], "a gold file without mentions is not annotated yet"


def test_gold_ids_are_ascii() -> None:
    # the parametrized ids above become test names and snapshot file names
    assert all(p.stem.isascii() for p in GOLD_FILES)


# ---------------------------------------------------------------- the validator itself

TEXT = "涉及转化金额近5.2亿元，其中上海浦东新区增长5%-6%。"


def _m(s: str, label: str, **extra: object) -> dict:
    start = TEXT.index(s)
    return {"start": start, "end": start + len(s), "text": s, "label": label, **extra}


def _gold() -> dict:
    return {
        "doc": "sample",
        "text_sha256": text_sha256(TEXT),
        "guideline": "v1",
        "mentions": [
            _m("近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="nearly"),
            _m("上海", "GPE"),
            _m("浦东新区", "GPE"),
            _m("5%-6%", "PERCENT", value=5, value_max=6, unit="%", qualifier="range"),
        ],
    }


def test_constructed_gold_is_valid_and_adjacent_spans_do_not_overlap() -> None:
    gold = _gold()
    assert gold["mentions"][1]["end"] == gold["mentions"][2]["start"]  # [上海][浦东新区]
    assert validate_gold(gold, TEXT) == []


def _widen(gold: dict, i: int) -> None:
    m = gold["mentions"][i]
    m["end"] += 1
    m["text"] = TEXT[m["start"]:m["end"]]


EDITS: list[tuple[str, Callable[[dict], object], str]] = [
    ("sha", lambda g: g.update(text_sha256="0" * 64), "text_sha256 does not match"),
    ("slice", lambda g: g["mentions"][1].update(text="上"), "!= document slice"),
    ("outside", lambda g: g["mentions"][3].update(end=999), "outside the document"),
    ("overlap", lambda g: _widen(g, 1), "overlapping spans"),
    ("label", lambda g: g["mentions"][1].update(label="CITY"), "unknown label 'CITY'"),
    ("no_value", lambda g: g["mentions"][0].pop("value"), "without value"),
    ("string_value", lambda g: g["mentions"][0].update(value="5.2亿"), "is not a number"),
    ("no_unit", lambda g: g["mentions"][0].pop("unit"), "without unit"),
    ("null_unit", lambda g: g["mentions"][0].update(unit=None), "MONEY needs a unit"),
    ("percent_unit", lambda g: g["mentions"][3].update(unit="percent"), "PERCENT unit 'percent'"),
    ("no_qualifier", lambda g: g["mentions"][0].pop("qualifier"), "without qualifier"),
    ("qualifier", lambda g: g["mentions"][0].update(qualifier="roughly"), "unknown qualifier 'roughly'"),
    ("value_max", lambda g: g["mentions"][3].update(qualifier="about"), "value_max without qualifier 'range'"),
    ("range", lambda g: g["mentions"][3].pop("value_max"), "'range' without value_max"),
    ("unsorted", lambda g: g["mentions"].reverse(), "not sorted"),
    ("declared", lambda g: g.update(labels=["MONEY", "PERCENT"]), "not among the declared labels"),
    # v2 facts fields
    ("measure", lambda g: g["mentions"][0].update(measure="growth"), "unknown measure 'growth'"),
    ("facts_on_entity", lambda g: g["mentions"][1].update(measure="level"), "measure on a GPE mention"),
    ("period_shape", lambda g: g["mentions"][3].update(period="上海"), "period must be an object"),
    ("period_outside", lambda g: g["mentions"][3].update(period={"start": 90, "end": 99}), "outside the document"),
    ("subject_slice", lambda g: g["mentions"][3].update(subject={"start": 15, "end": 17, "text": "浦东"}),
     "subject text '浦东' != document slice '上海'"),
    ("indicator", lambda g: g["mentions"][0].update(indicator=""), "indicator must be a non-empty string"),
]


@pytest.mark.parametrize(("edit", "expected"), [pytest.param(e, x, id=n) for n, e, x in EDITS])
def test_validator_reports_each_problem(edit: Callable[[dict], object], expected: str) -> None:
    gold = copy.deepcopy(_gold())
    edit(gold)
    problems = validate_gold(gold, TEXT)
    assert any(expected in p for p in problems), problems


def test_overlap_with_an_earlier_longer_span_is_found() -> None:
    gold = _gold()
    # a span over 上海浦东新区 overlaps both adjacent GPEs, not only its neighbour in the list
    start = TEXT.index("上海")
    gold["mentions"].insert(1, {"start": start, "end": start + 6, "text": "上海浦东新区", "label": "GPE"})
    problems = validate_gold(gold, TEXT)
    assert sum("overlapping spans" in p for p in problems) == 2, problems


def test_load_gold_and_check_text_refuse_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(_gold(), ensure_ascii=False), encoding="utf-8")
    gold = load_gold(path)
    assert gold.doc == "sample" and len(gold.mentions) == 4 and gold.labels is None
    check_text(gold, TEXT)  # matches: no exception
    with pytest.raises(GoldError, match=r"sample\.json: text_sha256 .* does not match"):
        check_text(gold, TEXT + "\n")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match=r"sample\.json: not valid JSON"):
        load_gold(path)
    with pytest.raises(GoldError, match="missing or malformed 'mentions'"):
        gold_from_dict({"doc": "x", "text_sha256": "y"}, path)


# ---------------------------------------------------------------- v2 facts fields of the gold

FIGURES = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
OWNERS = {"GPE", "ORG", "LOC", "FAC"}


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_v2_gold_gives_every_figure_its_facts(path: Path) -> None:
    """Every figure has a measure; a period is a DATE mention of the file and a subject a place or
    organisation mention of its sentence, never a baseline after 比/较/与/同 (ANNOTATION.md v2 s. 5)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["guideline"] == "v2"
    text = read_document(CORPUS / f"{path.stem}.txt").text
    labels = {(m["start"], m["end"]): m["label"] for m in gold["mentions"]}
    figures = [m for m in gold["mentions"] if m["label"] in FIGURES]
    assert figures
    for m in figures:
        where = f"{m['text']}@{m['start']}"
        assert m.get("measure") in {"level", "increase", "decrease", "share"}, where
        sentence_start = max(text.rfind(c, 0, m["start"]) for c in "。！？\n") + 1
        ends = [i for i in (text.find(c, m["end"]) for c in "。！？\n") if i != -1]
        sentence_end = min(ends) if ends else len(text)
        for key, allowed in (("period", {"DATE"}), ("subject", OWNERS)):
            ref = m.get(key)
            if ref is None:
                continue
            assert labels.get((ref["start"], ref["end"])) in allowed, (where, key, ref)
            assert sentence_start <= ref["start"] and ref["end"] <= sentence_end, (where, key, ref)
        if m.get("period"):
            assert text[m["period"]["start"] - 1] not in "比较与同", (where, "baseline period")
        if m.get("indicator"):
            assert m["indicator"] in text, (where, m["indicator"])
