"""The facts stage on real sentences: indicator, measure, period, subject, object, sentence."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from facts_expect import check_expected

import xhextract
from xhextract.components.facts import FACT_LABELS, add_facts, lexicon
from xhextract.schema import MEASURES
from xhextract.segment import dict_words, word_tags

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "cases" / "facts.yaml").read_text("utf-8"))


def _figures(text: str, doc_date: date | None = None) -> list:
    return [m for m in xhextract.extract(text, doc_date=doc_date) if m.label in FACT_LABELS]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_facts_case(case: dict) -> None:
    text = case["text"]
    if "from" not in case:  # real corpus sentences stay real
        assert any(text in p.read_text("utf-8") for p in (ROOT / "corpus").glob("*.txt")), case["id"]
    day = case.get("doc_date")
    figures = _figures(text, date.fromisoformat(str(day)) if day else None)
    check_expected(text, figures, case["expected"])


def test_every_figure_gets_a_measure_and_its_sentence() -> None:
    text = (ROOT / "corpus" / "gwr_national_2024.txt").read_text("utf-8")
    mentions = xhextract.extract(text, doc_date=date(2024, 3, 5))
    figures = [m for m in mentions if m.label in FACT_LABELS]
    assert len(figures) > 40
    for m in figures:
        assert m.measure in MEASURES
        s = m.sentence
        assert s is not None and s.start <= m.start < m.end <= s.end
        sentence = text[s.start : s.end]
        assert "\n" not in sentence and not any(ch in sentence[:-1] for ch in "。！？")
        for ref in (m.period, m.subject):
            if ref is not None:
                assert text[ref.start : ref.end] == ref.text
                assert s.start <= ref.start and ref.end <= s.end  # found in the same sentence
        if m.subject is not None:
            assert m.subject.label in ("GPE", "ORG", "LOC", "FAC")
        if m.indicator is not None:
            assert m.indicator in sentence
    share = sum(m.indicator is not None for m in figures) / len(figures)
    assert share > 0.5  # v1 set about one in four


def test_stage_is_pure_and_idempotent() -> None:
    text = "2023年，上海市地区生产总值4.72万亿元，比上年增长5.0%。"
    mentions = xhextract.extract(text)
    assert add_facts(text, mentions) == mentions


def test_extract_and_pipeline_agree_on_facts() -> None:
    text = (ROOT / "corpus" / "xuhui_innovation_2021.txt").read_text("utf-8")
    doc = xhextract.load()(text)
    assert doc._.mentions == xhextract.extract(text)


def test_word_lists_are_valid() -> None:
    data = tomllib.loads(files("xhextract").joinpath("data/facts.toml").read_text("utf-8"))
    for section in data.values():
        for name, words in section.items():
            assert words and len(words) == len(set(words)), name
            assert all(isinstance(w, str) and w.strip() == w and w for w in words), name
    lex = lexicon()
    assert not (lex.increase & lex.decrease)
    tags = word_tags()
    # change words are looked up as jieba words: each must be one, or a single character
    assert all(w in tags or len(w) == 1 for w in lex.increase | lex.decrease), (
        sorted(w for w in lex.increase | lex.decrease if w not in tags and len(w) > 1))
    # terms are there because jieba cuts them: a dictionary word would need no entry
    assert all(len(dict_words(w)) > 1 for w in lex.terms), sorted(w for w in lex.terms if len(dict_words(w)) < 2)
    # time modifiers are the words jieba tags as time words (other time words end a phrase)
    assert all(tags.get(w) == "t" for w in lex.time_modifiers), sorted(w for w in lex.time_modifiers if tags.get(w) != "t")
    assert not set(lex.compare_up) & set(lex.compare_down)
