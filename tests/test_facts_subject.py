"""Subjects through demonstratives (这栋建筑 -> 西岸智塔东塔楼) and parenthetical notes, on
composed sentences (tests/cases/facts_subject.yaml), and the word lists of data/anaphora.toml."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from facts_expect import check_expected

import xhextract
from xhextract.components.facts import (
    FACT_LABELS,
    OWNER_LABELS,
    _demonstrative_in,
    _Doc,
    anaphora,
)

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "facts_subject.yaml").read_text("utf-8"))
CORPUS = [p.read_text("utf-8") for p in (ROOT / "corpus").glob("*.txt")]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_subject_case(case: dict) -> None:
    text = case["text"]
    assert case.get("from") and not any(text in doc for doc in CORPUS), case["id"]  # composed
    figures = [m for m in xhextract.extract(text) if m.label in FACT_LABELS]
    check_expected(text, figures, case["expected"])


def test_demonstrative_owner_of_the_gold_sentence() -> None:
    """The xuhui_innovation_2021 sentence: four counts owned by 这栋临江伫立的建筑."""
    text = (ROOT / "corpus" / "xuhui_innovation_2021.txt").read_text("utf-8")
    start = text.index("去年,华人唯一图灵奖得主")
    sentence = text[start : text.index("。", start) + 1]
    figures = [m for m in xhextract.extract(sentence) if m.label in FACT_LABELS]
    assert [m.text for m in figures] == ["1位", "8位", "150余位", "3000余名"]
    assert {m.subject.text if m.subject else None for m in figures} == {"西岸智塔东塔楼"}
    assert {m.subject.label for m in figures if m.subject} == {"FAC"}


@pytest.mark.parametrize(("phrase", "labels"), [
    ("这栋临江伫立的建筑形成了", {"FAC"}),
    ("使得该公司营收", {"ORG"}),
    ("这所大学的学生", {"ORG"}),
    ("该市地区生产总值", {"GPE"}),
    ("这一平台已", {"ORG"}),
    ("该园区已入驻企业", {"FAC", "LOC"}),
    ("这家位于浦东的生物医药企业", {"ORG"}),
    ("该所研究人员", {"ORG"}),  # 所 as the head, not as the classifier of 研究人员
    ("此外新增", None),
    ("这些企业", None),  # a set, not one entity
    ("这种企业", None),  # a kind
    ("这是上海", None),
    ("这为企业带来", None),  # a bare demonstrative takes only nouns before its head
    ("这个数字比企业", None),  # a preposition ends the phrase
    ("该市场规模", None),  # 市场 is no 市
    ("这一格局使", None),  # a one-character head (局) only as a whole word
    ("据该机构统计", None),  # a source
    ("与这家企业相比", None),  # after a preposition
])
def test_demonstrative_phrases(phrase: str, labels: set[str] | None) -> None:
    found = _demonstrative_in(_Doc(phrase, []), 0, len(phrase), anywhere=True)
    assert (found[1] if found else None) == (frozenset(labels) if labels else None)


def test_anaphora_word_lists_are_valid() -> None:
    data = tomllib.loads(files("xhextract").joinpath("data/anaphora.toml").read_text("utf-8"))
    for name in ("demonstratives", "classifiers"):
        words = data[name]
        assert words and len(words) == len(set(words)) and all(len(w) == 1 for w in words), name
    assert not set(data["demonstratives"]) & set(data["classifiers"])
    assert set(data["heads"]) <= OWNER_LABELS
    for label, words in data["heads"].items():
        assert words and len(words) == len(set(words)), label
        assert all(w and w.strip() == w and all("\u4e00" <= c <= "\u9fff" for c in w) for w in words), label
    ana = anaphora()
    # the longest listed ending decides; one-character heads only as whole words
    assert ana.labels("科技企业") == {"ORG"}
    assert ana.labels("写字楼") == {"FAC"}
    assert ana.labels("园区") == {"FAC", "LOC"}
    assert ana.labels("开发区") == {"LOC"}
    assert ana.labels("市") == {"GPE"}
    # bare heads stand for an organisation: each ends with an ORG head noun (公司, 集团, 本行 -> 行)
    assert data["bare_heads"] and all(any(w.endswith(h) for h in data["heads"]["ORG"])
                                      for w in data["bare_heads"])
    assert ana.labels("市场") is None and ana.labels("格局") is None
