"""NameMatcher finds exactly what a plain Aho-Corasick automaton finds, at the same offsets."""

from __future__ import annotations

from pathlib import Path

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xhextract.components.entities import load_gazetteer
from xhextract.matcher import NameMatcher

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _plain(names: list[str], text: str) -> list[tuple[int, str]]:
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return list(automaton.iter(text))


@pytest.fixture(scope="module")
def gazetteer() -> tuple[list[str], NameMatcher]:
    names = sorted(load_gazetteer())
    return names, NameMatcher((n, n) for n in names)


def test_same_matches_as_plain_automaton_on_the_corpus(gazetteer) -> None:
    names, matcher = gazetteer
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        got = list(matcher.iter(text))
        assert got == _plain(names, text), path.name
        for end, name in got:
            assert text[end + 1 - len(name) : end + 1] == name


def test_private_use_and_rare_characters_never_match() -> None:
    matcher = NameMatcher([("北京", 1), ("京津冀", 2)])
    # characters in the matcher's private-use code range, emoji and unknown Han around names
    text = "\ue000\ue030北京\ue001\U0001F600京津冀𠀀北\ue000京"
    assert [(end, v) for end, v in matcher.iter(text)] == [(3, 1), (8, 2)]
    # the same without a character beyond the BMP, long enough for the numpy coding
    text = "\ue000\ue030北京\ue001\ue02f京津冀\ufffd北\ue000京" + "，" * 600 + "北京"
    assert [(end, v) for end, v in matcher.iter(text)] == [(3, 1), (8, 2), (len(text) - 1, 1)]


def test_empty_matcher_and_text() -> None:
    assert list(NameMatcher([]).iter("北京")) == []
    assert list(NameMatcher([("北京", 1)]).iter("")) == []


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.text(alphabet="北京上海市区省中国人民\ue000a", min_size=1, max_size=4), min_size=1),
    text=st.text(alphabet="北京上海市区省中国人民\ue000\ue031a𠀀，", max_size=40),
)
def test_random_names_and_texts(names: list[str], text: str) -> None:
    names = sorted(set(names))
    matcher = NameMatcher((n, n) for n in names)
    assert list(matcher.iter(text)) == _plain(names, text)
