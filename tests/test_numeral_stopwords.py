"""data/numeral_stopwords.txt: every line is usable, and the fast matcher equals the plain one."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from xhextract.components.quantities import _first_chars, _stop_phrases

ROOT = Path(__file__).resolve().parents[1]
LINES = [
    line.strip()
    for line in resources.files("xhextract").joinpath("data/numeral_stopwords.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_lines_are_unique_and_patterns_compile() -> None:
    assert len(LINES) == len(set(LINES))
    for line in LINES:
        if line.startswith("re:"):
            re.compile(line[3:])
            assert _first_chars(line[3:]), line


def test_lookahead_matcher_finds_what_the_plain_alternation_finds() -> None:
    """The matcher (a first-character lookahead, the words as a trie) finds what the plain
    alternation of the lines finds: the patterns first, then the words longest first."""
    fast = _stop_phrases()
    patterns = [line[3:] for line in LINES if line.startswith("re:")]
    words = sorted({line for line in LINES if not line.startswith("re:")}, key=len, reverse=True)
    plain = re.compile("|".join(patterns + [re.escape(w) for w in words]))
    assert fast.pattern.startswith("(?=[")
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text("utf-8")
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_known_phrases_are_blocked() -> None:
    from xhextract.components.quantities import find_quantities

    for text in ("推进一带一路建设", "千方百计稳就业", "第三方评估", "长三角一体化", "党的二十大精神"):
        assert find_quantities(text) == [], text
