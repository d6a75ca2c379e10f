"""The spaCy pipeline of load() and the direct extract() give the same mentions."""

from __future__ import annotations

from pathlib import Path

import xhextract
from xhextract.pipeline import chunks
from xhextract.segment import words
from xhextract.tokenizer import SegmentTokenizer

ROOT = Path(__file__).resolve().parents[1]
XUHUI = (ROOT / "corpus" / "xuhui_innovation_2021.txt").read_text("utf-8")


def test_load_is_built_once_with_the_segment_words() -> None:
    nlp = xhextract.load()
    assert nlp is xhextract.load()
    assert nlp.lang == "zh" and isinstance(nlp.tokenizer, SegmentTokenizer)
    doc = nlp.make_doc(XUHUI)  # the tokenizer alone: the resolver later splits at mention edges
    assert [t.text for t in doc if not t.is_space] == [w for w in words(XUHUI) if not w.isspace()]
    assert doc.text == XUHUI
    assert nlp.pipe_names == [
        "xhextract_quantities_v1", "xhextract_entities_v1", "xhextract_resolver_v1", "xhextract_facts_v1",
    ]


def test_docs_carry_the_same_mentions_as_extract() -> None:
    nlp = xhextract.load()
    paragraphs = [p for p in XUHUI.split("\n") if p.strip()][:12]
    for doc, text in zip(nlp.pipe(paragraphs), paragraphs, strict=True):
        assert doc._.mentions == xhextract.extract(text)
        spans = doc.spans["xhextract"]
        assert len(spans) == len(doc._.mentions)
        for span, m in zip(spans, doc._.mentions, strict=True):
            assert (span.start_char, span.end_char, span.label_) == (m.start, m.end, m.label)


def test_whole_article_through_the_pipeline() -> None:
    doc = xhextract.load()(XUHUI)
    figures = {m.text: m for m in doc._.mentions if m.is_numeric}
    assert figures["近5.2亿元"].value == 520000000 and figures["近5.2亿元"].qualifier == "nearly"
    assert doc._.mentions == xhextract.extract(XUHUI)


def test_long_text_chunks_cover_it_exactly_and_cut_after_sentences() -> None:
    text = ("全年新增就业1256万人。" * 9000) + "最后一句共281项"
    pieces = list(chunks(text, size=5000))
    assert "".join(p for _, p in pieces) == text
    assert all(p.endswith("。") for _, p in pieces[:-1])
    mentions = xhextract.extract(text, use_model=False)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert mentions[-1].text == "281项" and mentions[-1].end == len(text)
