"""segment: jieba's words from jieba-rs, identical to jieba's own cut, and jieba's dictionary."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from xhextract import segment

ROOT = Path(__file__).resolve().parents[1]
CORPUS = {p.name: p.read_text("utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))}
jieba.setLogLevel(logging.WARNING)

# Runs where jieba-rs's HMM step alone would keep a word whole that jieba cuts (2021-2023),
# and neighbours that both keep whole (3.5%, GDP, dictionary words with a dot or hyphen).
EDGE = [
    "2021-2023年GDP增长3.5%，2-3倍。",
    "f-22战机和LGD.sGty在93-110页，san-hothk论坛。",
    "第1-1场，2006-07赛季，C++与C#，A&B公司，x_y变量，1.2.3版本，--分隔--，50%%。",
    "这是B超和T恤，卡拉OK，3G网络，e-mail与U盘。",
    "１９８４年国民收入增长12.5％，ｃｄ-ｒｏｍ。",
    "",
    "  \n\t空白 前后  ",
]


@pytest.mark.parametrize("hmm", [True, False])
def test_words_are_jiebas_words_on_the_corpus_and_edge_cases(hmm: bool) -> None:
    for text in [*CORPUS.values(), *EDGE]:
        assert segment.words(text, hmm) == jieba.lcut(text, HMM=hmm)


def test_the_jieba_rs_hmm_difference_is_cut_as_jieba_cuts_it() -> None:
    import rjieba

    text = "2021-2023年经济增长"
    assert "2021-2023" in rjieba.cut(text)  # jieba-rs alone keeps the range whole
    assert segment.words(text)[:3] == ["2021", "-", "2023"]


def test_word_spans_tile_the_text() -> None:
    text = CORPUS["xuhui_innovation_2021.txt"]
    spans = segment.word_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(spans, spans[1:], strict=False))
    assert [text[s:e] for s, e in spans] == segment.words(text)
    assert segment.word_spans("") == []


def test_word_spans_are_a_sequence_of_pairs_with_their_starts_and_ends() -> None:
    spans = segment.word_spans("上海市统计局发布数据")
    pairs = [(0, 3), (3, 6), (6, 8), (8, 10)]
    assert list(spans) == pairs and spans == pairs and pairs == spans and len(spans) == 4
    assert spans[1] == (3, 6) and spans[-1] == (8, 10) and spans[1:3] == pairs[1:3]
    assert spans.starts.tolist() == [0, 3, 6, 8] and spans.ends.tolist() == [3, 6, 8, 10]
    assert spans != pairs[:3] and spans != "上海"


def test_dictionary_is_jiebas() -> None:
    jieba.dt.check_initialized()
    assert segment.word_freq() == {w: f for w, f in jieba.dt.FREQ.items() if f}
    dt = jieba.posseg.dt
    if not dt.word_tag_tab:
        dt.load_word_tag(dt.tokenizer.get_dict_file())
    assert segment.word_tags() == dt.word_tag_tab
    assert segment.word_tags()["上海"] == "ns" and segment.word_freq()["部署"] >= 100


def test_spacy_tokens_are_the_segment_words_whatever_the_spacing() -> None:
    import xhextract
    from xhextract.tokenizer import SegmentTokenizer

    nlp = xhextract.load(use_model=False)
    assert isinstance(nlp.tokenizer, SegmentTokenizer)
    for text in [*EDGE, "  前导空格", "尾随空格  ", "a b  c\n\nd", " "]:
        doc = nlp(text)
        assert doc.text == text
        tokens = [(t.idx, t.text) for t in doc if not t.is_space]
        spans = [(s, text[s:e]) for s, e in segment.word_spans(text) if not text[s:e].isspace()]
        assert tokens == spans
    assert nlp.tokenizer.from_bytes(nlp.tokenizer.to_bytes()) is nlp.tokenizer
