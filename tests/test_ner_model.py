"""The packaged NER model: loading, predictions on held-out sentences, offsets, the data split."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from xhextract import ner_model, segment

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = (ROOT.parent / "shared" / "data" / "ner", Path("/work/shared/data/ner"))
DATA_DIR = next((d for d in DATA_DIRS if d.is_dir()), DATA_DIRS[0])

# Real sentences from the held-out sets (CLUENER2020 dev; the MSRA held-out 10%), never trained on.
CLUENER_DEV_0 = "彭小军认为，国内银行现在走的是台湾的发卡模式，先通过跑马圈地再在圈的地里面选择客户，"


def test_model_ships_in_package_and_loads() -> None:
    assert ner_model.MODEL_FILE.is_file()
    assert ner_model.MODEL_FILE.parent.parent.parent == Path(ner_model.__file__).parent
    assert ner_model.MODEL_FILE.stat().st_size < 30_000_000
    assert (ner_model.MODEL_DIR / "MODEL_CARD.md").is_file()
    assert ner_model.available()


def test_person_in_held_out_sentence() -> None:
    assert (0, 3, "PERSON") in ner_model.predict(CLUENER_DEV_0)  # 彭小军


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # MSRA held-out (msra-dev_heldout-1322)
            "投保人８６岁高龄的邹士贵老人，一次性从中保人寿保险武汉分公司领到了５８９元给付险金。",
            [("邹士贵", "PERSON"), ("中保人寿保险武汉分公司", "ORG")],
        ),
        (  # MSRA held-out (msra-dev_heldout-699)
            "近年中央党校李振霞同志主编了一本《当代中国十哲》，十哲之中有七人曾在北大任教。",
            [("中央党校", "ORG"), ("李振霞", "PERSON"), ("中国", "GPE"), ("北大", "ORG")],
        ),
        (  # MSRA held-out (pd98-dev-1813)
            "宾格曼一行是应中国人民外交学会的邀请于五月二十四日抵京访华的。",
            [("宾格曼", "PERSON"), ("中国人民外交学会", "ORG"), ("京", "GPE"), ("华", "GPE")],
        ),
        (  # CLUENER2020 dev (cluener-dev-13)
            "价格高昂的大钻和翡翠消费为何如此火？通灵珠宝总裁沈东军认为，这与原料稀缺有直接关系。“",
            [("通灵珠宝", "ORG"), ("沈东军", "PERSON")],
        ),
        (  # CLUENER2020 dev (cluener-dev-88)
            "而哈文则去了天津电视台。每次做完节目，李咏就马不停蹄地往天津赶，朋友和同事们有事要找李咏，",
            [("哈文", "PERSON"), ("天津电视台", "ORG"), ("李咏", "PERSON"), ("天津", "GPE")],
        ),
    ],
    ids=["msra-1322", "msra-699", "pd98-1813", "cluener-13", "cluener-88"],
)
def test_known_entities(text: str, expected: list[tuple[str, str]]) -> None:
    got = {(text[s:e], lab) for s, e, lab in ner_model.predict(text)}
    assert set(expected) <= got


def test_offsets_are_valid_slices() -> None:
    text = "　新华社北京３月５日电\n国务院总理李克强在人民大会堂作政府工作报告。他说，上海市和广东省要带头。\n\n"
    got = ner_model.predict(text)
    assert got
    for start, end, label in got:
        assert 0 <= start < end <= len(text)
        assert label in ner_model.LABELS
        assert text[start:end].strip() == text[start:end]
    assert got == sorted(got)


def test_empty_and_blank_text() -> None:
    assert ner_model.predict("") == []
    assert ner_model.predict(" \n\n　") == []
    assert ner_model.tag_classes("") == []


def test_given_words_equal_own_segmentation() -> None:
    text = CLUENER_DEV_0 * 2
    assert ner_model.predict(text, words=segment.word_spans(text)) == ner_model.predict(text)


def test_sentences_are_tagged_independently() -> None:
    first = "国务院总理李克强在人民大会堂作政府工作报告。"
    second = CLUENER_DEV_0
    both = ner_model.predict(first + second)
    shifted = [(s + len(first), e + len(first), lab) for s, e, lab in ner_model.predict(second)]
    assert both == ner_model.predict(first) + shifted


def test_long_sentence_is_cut_and_offsets_hold() -> None:
    text = "，".join([CLUENER_DEV_0.rstrip("，")] * 20)  # one 'sentence' of ~900 characters
    got = ner_model.predict(text)
    starts = {s for s, e, lab in got if lab == "PERSON" and text[s:e] == "彭小军"}
    assert len(starts) >= 18
    assert all(e - s <= ner_model._MAX_SEQ for s, e in ner_model.sentences(text))


@pytest.mark.parametrize(
    ("name", "label"),
    [("上海", "GPE"), ("台湾", "GPE"), ("浦东新区", "GPE"), ("徐汇区", "GPE"), ("美国", "GPE"),
     ("长江", "LOC"), ("长三角地区", "LOC"), ("黄山", "LOC"), ("人民大会堂", "FAC"),
     ("长安街", "FAC"), ("张江高科技园区", "FAC"), ("小湾水电站", "FAC"), ("神农架国家公园", "FAC"),
     ("深港", "LOC")],
)
def test_place_label(name: str, label: str) -> None:
    assert ner_model.place_label(name) == label


def test_missing_model_means_unavailable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ner_model, "MODEL_FILE", tmp_path / "absent.npz")
    ner_model._model.cache_clear()
    try:
        assert not ner_model.available()
        assert ner_model.predict(CLUENER_DEV_0) == []
    finally:
        monkeypatch.undo()
        ner_model._model.cache_clear()
    assert ner_model.available()


def _train_module():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_ner", module)  # dataclasses look their module up
    spec.loader.exec_module(sys.modules["train_ner"])
    return sys.modules["train_ner"]


@pytest.mark.skipif(not DATA_DIR.is_dir(), reason="NER training data not present")
def test_split_is_deterministic_and_disjoint() -> None:
    """The whole MSRA set and People's Daily are read (not the msra_trainpart subsets); each
    keeps a hashed development split out of training; CLUENER dev is held out whole."""
    train_ner = _train_module()
    a, b = train_ner.load_split(DATA_DIR), train_ner.load_split(DATA_DIR)
    ids = lambda sents: [s.id for s in sents]  # noqa: E731
    assert ids(a.train) == ids(b.train)
    assert {k: ids(v) for k, v in a.dev.items()} == {k: ids(v) for k, v in b.dev.items()}
    train_texts = {s.text for s in a.train}
    for sents in a.dev.values():
        assert not train_texts & {s.text for s in sents}
        assert all(train_ner.in_dev(s.text) for s in sents) or sents is a.cluener_dev
    assert len(a.cluener_dev) == 1343
    sources = {s.id.split("-")[0] for s in a.train}
    assert sources == {"cluener", "msra", "pd199801"}
    n_msra = sum(1 for s in a.train if s.id.startswith("msra")) + len(a.msra_dev)
    assert 44_000 < n_msra <= 45_000  # the whole MSRA training set, less repeated texts
    assert 0.04 < len(a.msra_dev) / n_msra < 0.06  # the hashed 5%
    assert not any("trainpart" in s.id for s in a.train)
    assert CLUENER_DEV_0 in {s.text for s in a.cluener_dev}


def test_training_units_are_cut_at_sentence_ends() -> None:
    train_ner = _train_module()
    text = "李华在北京工作。王强去了上海！"
    sent = train_ner.Sentence("t", text, [(0, 2, "PER"), (3, 5, "PLACE"), (8, 10, "PER"), (12, 14, "PLACE")])
    units = train_ner.sentence_units([sent])
    assert [u.text for u in units] == ["李华在北京工作。", "王强去了上海！"]
    assert units[1].spans == [(0, 2, "PER"), (4, 6, "PLACE")]


@pytest.mark.parametrize(
    ("address", "units"),
    [
        ("郑州市中原区须水镇西岗村", ["郑州市", "中原区", "须水镇", "西岗村"]),
        ("浙江省杭州市西湖", ["浙江省", "杭州市", "西湖"]),  # the rest without a number stays a place
        ("北京市海淀区中关村大街1号", ["北京市", "海淀区", "中关村"]),  # 大街1号 is a street address
        ("美国加州", ["美国加州"]),  # no administrative unit: kept whole
    ],
)
def test_cluener_addresses_are_cut_into_units(address: str, units: list[str]) -> None:
    train_ner = _train_module()
    text = f"他住在{address}。"
    s = text.index(address)
    sent = train_ner.Sentence("t", text, [(0, 1, "PER"), (s, s + len(address), "PLACE")])
    out = train_ner.split_addresses(sent)
    assert [text[a:b] for a, b, c in out.spans if c == "PLACE"] == units
    assert (0, 1, "PER") in out.spans
    scene = train_ner.Sentence("t", text, [(s, s + len(address), "PLACE")], [(s, s + len(address))])
    assert train_ner.split_addresses(scene).spans == scene.spans  # CLUENER scenes are left alone


def _reference_viterbi(emit, trans):
    """Plain per-sequence Viterbi, the textbook way, for checking the batched one."""
    n, size = len(emit), len(emit[0])
    score = list(emit[0])
    back = []
    for t in range(1, n):
        prev = score
        best = [max(range(size), key=lambda i, j=j: prev[i] + trans[i][j]) for j in range(size)]
        score = [prev[best[j]] + trans[best[j]][j] + emit[t][j] for j in range(size)]
        back.append(best)
    path = [max(range(size), key=lambda j: score[j])]
    for best in reversed(back):
        path.append(best[path[-1]])
    return path[::-1]


def test_batched_viterbi_equals_reference() -> None:
    import numpy as np

    model = ner_model._model()
    rng = np.random.default_rng(7)
    lengths = np.array([1, 5, 2, 17, 5, 1, 40, 3])
    size = len(model.labels)
    emit = rng.normal(0, 2, (int(lengths.sum()), size)).astype(np.float32)
    got = model.viterbi(emit, lengths).tolist()
    want, start = [], 0
    trans = model.transitions.astype(np.float32).tolist()
    for n in lengths.tolist():
        want += _reference_viterbi(emit[start : start + n].tolist(), trans)
        start += n
    assert got == want


def test_int_map_hash_and_dense_lookups() -> None:
    import numpy as np

    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(0, 1 << 40, 5000))
    rows = np.arange(1, len(keys) + 1, dtype=np.int32)
    absent = np.setdiff1d(rng.integers(0, 1 << 40, 5000), keys)
    # keys and rows packed in one slot (a 40-bit space), or kept apart (a 64-bit space)
    for space, packed in ((1 << 40, True), (1 << 64, False)):
        hashed = ner_model._IntMap(keys, rows, space)
        assert hashed.dense is None and (hashed.vbits is not None) == packed
        assert hashed.get(keys).tolist() == rows.tolist()
        assert hashed.get(keys[::-1]).tolist() == rows[::-1].tolist()
        assert not hashed.get(absent).any()
    small = ner_model._IntMap(np.array([3, 9]), np.array([1, 2], dtype=np.int32), 16)
    assert small.get(np.array([9, 3, 4])).tolist() == [2, 1, 0]


def test_span_hashes_depend_on_the_string_only() -> None:
    text = "北京市北京市京北北京"
    starts = np.array([0, 3, 3, 8, 0])
    ends = np.array([3, 6, 5, 10, 0])
    h = ner_model.span_hashes(text, starts, ends).tolist()
    assert h[0] == h[1]  # 北京市 at 0 and at 3
    assert h[2] == ner_model.span_hashes("北京", np.array([0]), np.array([2]))[0]
    assert h[3] == h[2]  # 北京 at the end
    assert len({h[0], h[2], h[4]}) == 3


def test_word_tags_by_hash_equal_dictionary_lookup() -> None:
    """shape_ids finds each jieba word's dictionary tag by hash; it must be the dict's tag."""
    from xhextract.segment import word_spans, word_tags

    model = ner_model._model()
    text = (Path(__file__).resolve().parents[1] / "corpus" / "xuhui_innovation_2021.txt").read_text(
        encoding="utf-8")
    words = word_spans(text)
    starts = np.array([s for s, _ in words])
    ends = np.array([e for _, e in words])
    got = ner_model._tag_ids(model.vocab.pos_tags).get(
        ner_model.span_hashes(text, starts, ends).view(np.int64))
    index = {t: i for i, t in enumerate(model.vocab.pos_tags)}
    tags = word_tags()
    want = [index[tags[text[s:e]]] + 1 if tags.get(text[s:e]) in index else 0 for s, e in words]
    assert got.tolist() == want


def test_char_ids_by_table_equal_search() -> None:
    """The direct BMP lookup and the sorted search give the same ids (astral text takes the search)."""
    vocab = ner_model._model().vocab
    text = "韩国财政经济部长官李揆成30日宣布，ＡＢＣabc\u3000★"
    fast = vocab.char_ids(text)
    slow = vocab.char_ids(text + "𠀀")[:-1]  # an astral character forces the search path
    assert fast.tolist() == slow.tolist()
    assert fast[0] > 0 and vocab.char_ids("𠀀").tolist() == [0]


def test_shared_bigram_lookup_gives_the_same_emissions() -> None:
    """emissions(keys, lengths) shares one lookup among the bigram templates: same numbers."""
    model = ner_model._model()
    text = "韩国财政经济部长官李揆成30日宣布。中。美国\n上海、北京、天津等地\n" + CLUENER_DEV_0
    spans = ner_model.sentences(text) + [(0, 1), (1, 3)]  # one- and two-character sequences too
    keys, lengths = model.features(text, spans, segment.word_spans(text))
    assert np.array_equal(model.emissions(keys, lengths), model.emissions(keys))


def test_gazetteer_feature_from_the_entity_scan_equals_its_own_scan() -> None:
    """The entity rules pass their gazetteer matches to the model (one scan, not two): the
    feature ids must be those of the model's own scan, on every corpus document."""
    from xhextract.components import entities

    with_hits = 0
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ctx = entities._context(text, segment.word_spans(text), entities._resources())
        entities._gazetteer(ctx)
        with_hits += bool(ctx.gazetteer_hits)  # a short bulletin may name no gazetteer place
        shared = ner_model.gazetteer_ids(text, ctx.gazetteer_hits)
        assert np.array_equal(shared, ner_model.gazetteer_ids(text)), path.name
    assert with_hits >= 10
