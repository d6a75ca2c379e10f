"""Validates src/xhextract/data/quantity_words.toml, the word lists of the figure extractor."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from xhextract.components.quantities import find_quantities
from xhextract.schema import QUALIFIERS
from xhextract.units import load_units


@pytest.fixture(scope="module")
def words() -> dict[str, Any]:
    """The file as written, parsed independently of the extractor."""
    return tomllib.loads(resources.files("xhextract").joinpath("data/quantity_words.toml").read_text("utf-8"))


def test_sections(words: dict[str, Any]) -> None:
    assert set(words) == {"qualifiers", "ranges", "classifiers", "cheng", "shang", "money_cues",
                          "identifiers", "index_points", "races"}
    assert set(words["qualifiers"]) == {"before", "before_blockers", "after"}


@pytest.mark.parametrize("side", ["before", "after"])
def test_qualifier_words_name_guideline_qualifiers(words: dict[str, Any], side: str) -> None:
    """Every qualifier word maps to a qualifier of ANNOTATION.md section 4 (never 'range')."""
    table = words["qualifiers"][side]
    assert table
    for word, qualifier in table.items():
        assert word and qualifier in QUALIFIERS and qualifier != "range", word


def test_blockers_belong_to_listed_words(words: dict[str, Any]) -> None:
    assert set(words["qualifiers"]["before_blockers"]) <= set(words["qualifiers"]["before"])


def test_word_lists_are_unique(words: dict[str, Any]) -> None:
    for key in ("words_starting_with_a_classifier",):
        items = words["classifiers"][key]
        assert len(items) == len(set(items)), key
    for section in ("cheng", "money_cues"):
        items = words[section]["words"]
        assert len(items) == len(set(items)), section
    assert all(w.startswith("成") for w in words["cheng"]["words"])


def test_classifier_words_start_with_a_classifier(words: dict[str, Any]) -> None:
    """A word in the list starts with a listed one-character classifier, or it blocks nothing."""
    units = load_units()
    for word in words["classifiers"]["words_starting_with_a_classifier"]:
        unit = units.get(word[0])
        assert unit is not None and unit.label == "CARDINAL", word


@pytest.mark.parametrize(
    ("text", "span", "qualifier"),
    [
        ("投资1000万元及以上的项目", "1000万元及以上", "at_least"),
        ("年龄在60岁或以上，补贴500元或以上", "500元或以上", "at_least"),
        ("营收5000万元(含)以上", "5000万元(含)以上", "at_least"),
        ("销售额10万元及以下", "10万元及以下", "at_most"),
        ("不大于50个", "不大于50个", "at_most"),
        ("附近3家店", "3家", "exact"),
    ],
)
def test_qualifier_words_are_read(text: str, span: str, qualifier: str) -> None:
    """The data file's words reach the extractor (附近: 近 after 附 is no qualifier)."""
    found = [m for m in find_quantities(text) if m.text == span]
    assert found and found[0].qualifier == qualifier, [(m.text, m.qualifier) for m in find_quantities(text)]


@pytest.mark.parametrize("word", ["成立", "成本", "成都", "成果"])
def test_cheng_words_block_shares(word: str) -> None:
    assert all(m.label != "PERCENT" for m in find_quantities(f"其中三{word}重点"))
