"""spaCy, exactly: doc.ents and doc.spans["xhextract"] hold every mention with its characters.

The pipeline is built as a user of another Chinese pipeline would: spacy.blank("zh") (spaCy's
character segmenter) plus add_pipe by factory name, in a fresh interpreter that never imports
xhextract itself, so the components are found through the package's spacy_factories entry
points.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import xhextract

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

SCRIPT = r"""
import json, sys
import spacy

assert "xhextract" not in sys.modules
nlp = spacy.blank("zh")
for name in ("xhextract_quantities_v1", "xhextract_entities_v1", "xhextract_resolver_v1"):
    nlp.add_pipe(name)
out = {"imported_by_entry_point": "xhextract" in sys.modules, "docs": {}}
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    doc = nlp(text)
    out["docs"][path] = {
        "tokens_text": "".join(t.text_with_ws for t in doc) == text,
        "ents": [[s.start_char, s.end_char, s.label_, s.text] for s in doc.ents],
        "spans": [[s.start_char, s.end_char, s.label_, s.text] for s in doc.spans["xhextract"]],
    }
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.mark.slow
def test_blank_zh_with_factories_by_name_gives_every_mention_exactly() -> None:
    paths = sorted(CORPUS.glob("*.txt"))
    assert len(paths) >= 10
    done = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, paths)], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout)
    assert out["imported_by_entry_point"]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        expected = [[m.start, m.end, m.label, m.text] for m in xhextract.extract(text)]
        got = out["docs"][str(path)]
        assert got["tokens_text"], path.name
        assert expected, path.name
        assert got["ents"] == expected, path.name
        assert got["spans"] == expected, path.name


def test_load_splits_jieba_tokens_at_mention_boundaries() -> None:
    from xhextract.segment import word_spans

    text = (CORPUS / "xuhui_innovation_2021.txt").read_text(encoding="utf-8")
    starts = {a for a, _ in word_spans(text)}
    ends = {b for _, b in word_spans(text)}
    doc = xhextract.load()(text)
    mentions = doc._.mentions
    # mentions that start or end inside a jieba word: their spans used to be widened
    inside = [m for m in mentions if m.start not in starts or m.end not in ends]
    assert "徐汇区委" in [m.text for m in inside]  # jieba: 徐汇区委书记
    exact = [(m.start, m.end, m.label, m.text) for m in mentions]
    assert [(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents] == exact
    assert [(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans["xhextract"]] == exact
    assert "".join(t.text_with_ws for t in doc) == text
    token_starts = {t.idx for t in doc}
    token_ends = {t.idx + len(t.text) for t in doc}
    assert all(m.start in token_starts and m.end in token_ends for m in inside)


def test_displacy_renders_the_mentions() -> None:
    from spacy import displacy

    doc = xhextract.load()("涉及转化金额近5.2亿元，新增2700多家企业。")
    ents = displacy.render(doc, style="ent", page=False)
    assert "近5.2亿元" in ents and "MONEY" in ents and "CARDINAL" in ents
    spans = displacy.render(doc, style="span", options={"spans_key": "xhextract"}, page=False)
    assert "MONEY" in spans and "2700" in spans


@pytest.mark.slow
def test_load_gives_extracts_mentions_exactly_on_every_corpus_document() -> None:
    """xhextract.load() (spaCy's jieba tokens) agrees with extract() everywhere, whitespace
    runs included (spaCy joins them into one token, jieba cuts each character apart)."""
    nlp = xhextract.load()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        expected = xhextract.extract(text)
        assert doc._.mentions == expected, path.name
        exact = [(m.start, m.end, m.label, m.text) for m in expected]
        assert [(s.start_char, s.end_char, s.label_, s.text) for s in doc.ents] == exact, path.name
        assert [(s.start_char, s.end_char, s.label_, s.text)
                for s in doc.spans["xhextract"]] == exact, path.name


def test_words_of_the_doc_are_jiebas_words() -> None:
    from xhextract.pipeline import _words
    from xhextract.segment import word_spans

    nlp = xhextract.load()
    for text in ("国务院总理\n\n李强\r\n\r\n投资 5 亿元\u3000上海\t\t市 ", "  x", "a\n"):
        assert _words(nlp.make_doc(text)) == word_spans(text), repr(text)
