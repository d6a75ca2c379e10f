"""The scorer: SemEval-2013 schemes against nervaluate, normalisation accuracy, errors, evaluate()."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nervaluate import Evaluator

from xhextract.gold import GoldError
from xhextract.io import read_document, text_sha256
from xhextract.scoring import Scorer, evaluate, write_reports
from xhextract.scoring.match import Span, make_schemes
from xhextract.scoring.metrics import values_equal

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
XUHUI = "xuhui_innovation_2021"
NERVALUATE_NAMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
COUNT_FIELDS = ("correct", "incorrect", "partial", "missed", "spurious")
TEST_LABELS = ["PERSON", "ORG", "GPE", "MONEY", "CARDINAL"]


# ---------------------------------------------------------------- helpers

def rec(start: int, end: int, label: str, **extra: object) -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start), "label": label, **extra}


def score(docs: list[tuple[list[dict], list[dict]]]) -> dict:
    scorer = Scorer()
    for n, (gold, pred) in enumerate(docs):
        scorer.add_document(f"d{n}", gold, pred)
    return scorer.result()


def _key(r: dict) -> tuple:
    return (r["start"], r["end"], r["label"])


def nervaluate_result(docs: list[tuple[list[dict], list[dict]]], tags: list[str]) -> dict:
    """nervaluate on the same documents: inclusive ends, the order the scorer uses."""
    def convert(records: list[dict]) -> list[dict]:
        return [{"label": r["label"], "start": r["start"], "end": r["end"] - 1}
                for r in sorted(records, key=_key)]

    true = [convert(g) for g, _ in docs]
    pred = [convert(p) for _, p in docs]
    return Evaluator(true, pred, tags=tags, loader="dict").evaluate()


def assert_agrees_with_nervaluate(docs: list[tuple[list[dict], list[dict]]]) -> None:
    ours = score(docs)
    theirs = nervaluate_result(docs, TEST_LABELS)
    for scheme, their_name in NERVALUATE_NAMES.items():
        mine, ref = ours["micro"][scheme], theirs["overall"][their_name]
        assert {f: mine[f] for f in COUNT_FIELDS} == {f: getattr(ref, f) for f in COUNT_FIELDS}, scheme
        for metric in ("precision", "recall", "f1"):
            assert mine[metric] == pytest.approx(getattr(ref, metric), abs=1e-9, rel=0), (scheme, metric)
    assert set(ours["labels"]) == set(theirs["entities"])
    for label, per in ours["labels"].items():
        for scheme, their_name in NERVALUATE_NAMES.items():
            ref = theirs["entities"][label][their_name]
            assert {f: per[scheme][f] for f in COUNT_FIELDS} == {f: getattr(ref, f) for f in COUNT_FIELDS}
            assert per[scheme]["f1"] == pytest.approx(ref.f1, abs=1e-9, rel=0)


# ---------------------------------------------------------------- schemes by hand

def test_adjacent_spans_do_not_overlap_with_half_open_offsets() -> None:
    # [上海][浦东新区]: two adjacent GPEs; end of the first == start of the second
    schemes = make_schemes()
    gold = [Span(0, 2, "GPE"), Span(2, 6, "GPE")]
    pred = [Span(0, 2, "GPE"), Span(2, 6, "GPE")]
    for scheme in schemes.values():
        assert [p.category for p in scheme.match(gold, pred)] == ["correct", "correct"]
    # a prediction ending where a gold span starts touches it but does not overlap it
    pairs = schemes["partial"].match([Span(2, 6, "GPE")], [Span(0, 2, "GPE")])
    assert sorted(p.category for p in pairs) == ["missed", "spurious"]
    # one character of overlap is an overlap
    pairs = schemes["partial"].match([Span(2, 6, "GPE")], [Span(0, 3, "GPE")])
    assert [p.category for p in pairs] == ["partial"]


def test_merged_prediction_over_adjacent_gold_spans() -> None:
    schemes = make_schemes()
    gold = [Span(0, 2, "GPE"), Span(2, 6, "GPE")]
    pred = [Span(0, 6, "GPE")]
    cats = {name: sorted(p.category for p in s.match(gold, pred)) for name, s in schemes.items()}
    assert cats == {
        "strict": ["incorrect", "missed"],
        "exact": ["incorrect", "missed"],
        "partial": ["missed", "partial"],
        "type": ["correct", "missed"],
    }
    # type takes the gold span with the closest boundaries: (2, 6) is 2 away, (0, 2) is 4
    (first,) = [p for p in schemes["type"].match(gold, pred) if p.category == "correct"]
    assert first.gold == 1


def test_scheme_semantics_on_label_and_span_errors() -> None:
    schemes = make_schemes()
    gold = [Span(10, 16, "MONEY")]
    cases = {
        "same span, other label": (Span(10, 16, "CARDINAL"), ["incorrect", "correct", "correct", "incorrect"]),
        "longer span, same label": (Span(9, 16, "MONEY"), ["incorrect", "incorrect", "partial", "correct"]),
        "elsewhere": (Span(20, 22, "MONEY"), ["spurious"] * 4),
    }
    for name, (pred, expected) in cases.items():
        got = [next(p.category for p in s.match(gold, [pred]) if p.pred is not None) for s in schemes.values()]
        assert got == expected, name


def test_partial_scheme_gives_half_credit() -> None:
    result = score([([rec(0, 4, "MONEY"), rec(10, 12, "ORG")], [rec(0, 3, "MONEY"), rec(10, 12, "ORG")])])
    partial = result["micro"]["partial"]
    assert (partial["correct"], partial["partial"]) == (1, 1)
    assert partial["precision"] == pytest.approx(0.75) and partial["recall"] == pytest.approx(0.75)
    assert result["micro"]["strict"]["f1"] == pytest.approx(0.5)


def test_labels_with_equal_counts_are_kept_apart() -> None:
    # scispacy once collapsed per-class counts that happened to be equal
    gold, pred = [], []
    for i, label in enumerate(("PERSON", "ORG", "GPE")):
        base = i * 100
        gold += [rec(base, base + 2, label), rec(base + 10, base + 12, label), rec(base + 20, base + 22, label)]
        pred += [rec(base, base + 2, label), rec(base + 10, base + 12, label), rec(base + 50, base + 52, label)]
    result = score([(gold, pred)])
    for label in ("PERSON", "ORG", "GPE"):
        strict = result["labels"][label]["strict"]
        assert (strict["correct"], strict["missed"], strict["spurious"]) == (2, 1, 1), label
    assert result["micro"]["strict"]["correct"] == 6
    assert result["micro"]["strict"]["possible"] == 9
    assert_agrees_with_nervaluate([(gold, pred)])


def test_empty_gold_and_empty_predictions() -> None:
    only_pred = score([([], [rec(0, 2, "ORG")])])
    assert only_pred["micro"]["strict"]["spurious"] == 1
    assert only_pred["micro"]["strict"]["precision"] == 0.0 and only_pred["micro"]["strict"]["recall"] == 0.0
    only_gold = score([([rec(0, 2, "ORG"), rec(3, 5, "GPE")], [])])
    assert only_gold["micro"]["strict"]["missed"] == 2
    assert only_gold["micro"]["strict"]["f1"] == 0.0
    nothing = score([([], [])])
    assert nothing["micro"]["strict"]["f1"] == 0.0 and nothing["labels"] == {}
    for docs in ([([], [rec(0, 2, "ORG")])], [([rec(0, 2, "ORG")], [])], [([], [])]):
        assert_agrees_with_nervaluate(docs)


def test_scorer_does_not_depend_on_input_order() -> None:
    gold = [rec(0, 4, "MONEY"), rec(2, 6, "MONEY"), rec(8, 9, "ORG")]
    pred = [rec(1, 5, "MONEY"), rec(8, 9, "GPE"), rec(3, 6, "MONEY")]
    a = score([(gold, pred)])
    b = score([(gold[::-1], pred[::-1])])
    assert a["micro"] == b["micro"] and a["labels"] == b["labels"]


# ---------------------------------------------------------------- against nervaluate

def _docs_strategy() -> st.SearchStrategy:
    span = st.tuples(st.integers(0, 40), st.integers(1, 6), st.sampled_from(TEST_LABELS)).map(
        lambda t: rec(t[0], t[0] + t[1], t[2])
    )

    @st.composite
    def doc(draw: st.DrawFn) -> tuple[list[dict], list[dict]]:
        gold = draw(st.lists(span, max_size=8))
        pred = []
        for g in gold:  # predictions derived from gold: kept, moved, relabelled or dropped
            action = draw(st.sampled_from(["keep", "keep", "shift", "relabel", "drop", "adjacent"]))
            if action == "keep":
                pred.append(dict(g))
            elif action == "shift":
                d = draw(st.integers(-2, 2))
                pred.append(rec(max(0, g["start"] + d), max(g["start"] + d + 1, g["end"]), g["label"]))
            elif action == "relabel":
                pred.append(rec(g["start"], g["end"], draw(st.sampled_from(TEST_LABELS))))
            elif action == "adjacent":
                pred.append(rec(g["end"], g["end"] + 2, g["label"]))
        pred += draw(st.lists(span, max_size=4))
        return gold, pred

    return st.lists(doc(), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_docs_strategy())
def test_agrees_with_nervaluate_on_generated_documents(docs: list) -> None:
    assert_agrees_with_nervaluate(docs)


def test_agrees_with_nervaluate_on_seeded_random_documents() -> None:
    rng = random.Random(20130614)
    for _ in range(40):
        docs = []
        for _ in range(rng.randint(1, 5)):
            gold, pos = [], 0
            while pos < 400:  # gold like an annotation: sorted, no overlaps, often adjacent
                pos += rng.choice([0, 0, 1, 3, 8])
                length = rng.randint(1, 6)
                gold.append(rec(pos, pos + length, rng.choice(TEST_LABELS)))
                pos += length
            pred = []
            for g in gold:
                r = rng.random()
                if r < 0.6:
                    pred.append(dict(g))
                elif r < 0.75:
                    pred.append(rec(g["start"], g["end"] + rng.choice([-1, 1, 2]) if g["end"] - g["start"] > 1
                                    else g["end"] + 1, g["label"]))
                elif r < 0.85:
                    pred.append(rec(g["start"], g["end"], rng.choice(TEST_LABELS)))
            pred += [rec(s, s + rng.randint(1, 4), rng.choice(TEST_LABELS))
                     for s in rng.sample(range(400), 10)]
            docs.append((gold, pred))
        assert_agrees_with_nervaluate(docs)


# ---------------------------------------------------------------- normalisation

def test_values_equal_within_relative_tolerance() -> None:
    assert values_equal(520000000, 520000000.0000001)
    assert values_equal(0, 0.0) and values_equal(None, None)
    assert not values_equal(520000000, 520000001)
    assert not values_equal(8.1, 8.2)
    assert not values_equal(None, 0)


def test_normalisation_accuracy_counts_strict_numeric_matches_only() -> None:
    gold = [
        rec(0, 6, "MONEY", value=520000000, unit="CNY", qualifier="nearly"),
        rec(10, 14, "PERCENT", value=5, value_max=6, unit="%", qualifier="range"),
        rec(20, 25, "CARDINAL", value=2700, unit="家", qualifier="over"),
        rec(30, 33, "QUANTITY", value=3000, unit="m2", qualifier="over"),
        rec(40, 43, "ORG"),
    ]
    pred = [
        rec(0, 6, "MONEY", value=520000000.0000001, unit="CNY", qualifier="nearly"),  # agrees
        rec(10, 14, "PERCENT", value=5, unit="%", qualifier="range"),  # value_max lost
        rec(20, 25, "CARDINAL", value=2700, unit="家", qualifier="exact"),  # qualifier wrong
        rec(30, 34, "QUANTITY", value=3000, unit="m2", qualifier="over"),  # wrong span: not counted
        rec(40, 43, "ORG"),  # not numeric: not counted
    ]
    result = score([(gold, pred)])
    norm = result["normalisation"]
    assert (norm["n"], norm["agree"]) == (3, 1)
    assert norm["accuracy"] == pytest.approx(1 / 3)
    assert norm["labels"]["MONEY"]["accuracy"] == 1.0 and norm["labels"]["PERCENT"]["accuracy"] == 0.0
    wrong = {e["gold_label"]: e["detail"] for e in result["errors"] if e["kind"] == "wrong_value"}
    assert wrong == {"PERCENT": "value_max", "CARDINAL": "qualifier"}


# ---------------------------------------------------------------- errors on real text

def test_errors_have_kind_offsets_labels_and_context_on_real_text() -> None:
    text = read_document(CORPUS / f"{XUHUI}.txt").text

    def at(s: str, label: str, shift: tuple[int, int] = (0, 0), **extra: object) -> dict:
        start = text.index(s) + shift[0]
        end = text.index(s) + len(s) + shift[1]
        return {"start": start, "end": end, "text": text[start:end], "label": label, **extra}

    gold = [
        at("近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="nearly"),
        at("中山医院", "ORG"),
        at("葛均波", "PERSON"),
        at("2700多家", "CARDINAL", value=2700, unit="家", qualifier="over"),
        at("108位", "CARDINAL", value=108, unit="位", qualifier="exact"),
    ]
    pred = [
        at("近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="exact"),  # wrong value
        at("中山医院", "FAC"),  # wrong label
        at("2700多家", "CARDINAL", shift=(0, -1), value=2700, unit=None, qualifier="over"),  # wrong span
        at("徐汇区境内", "GPE", shift=(0, -2)),  # spurious
        at("108位", "CARDINAL", value=108, unit="位", qualifier="exact"),  # correct
    ]  # 葛均波 missed
    result = score_with_text(gold, pred, text)
    kinds = sorted(e["kind"] for e in result["errors"])
    assert kinds == ["missed", "spurious", "wrong_label", "wrong_span", "wrong_value"]
    by_kind = {e["kind"]: e for e in result["errors"]}
    money = by_kind["wrong_value"]
    assert money["gold_text"] == "近5.2亿元" and money["detail"] == "qualifier"
    assert money["left"] == text[money["start"] - 20 : money["start"]]
    assert money["right"] == text[money["end"] : money["end"] + 20]
    assert "涉及转化金额" in money["left"]
    assert by_kind["missed"]["gold_text"] == "葛均波" and by_kind["missed"]["pred_text"] is None
    assert by_kind["spurious"]["pred_text"] == "徐汇区" and by_kind["spurious"]["gold_label"] is None
    assert (by_kind["wrong_label"]["gold_label"], by_kind["wrong_label"]["pred_label"]) == ("ORG", "FAC")
    assert by_kind["wrong_span"]["pred_text"] == "2700多" and by_kind["wrong_span"]["gold_text"] == "2700多家"
    statuses = {m["text"]: m["status"] for m in result["documents"][0]["gold"]}
    assert statuses == {"近5.2亿元": "wrong_value", "中山医院": "wrong_label", "葛均波": "missed",
                        "2700多家": "wrong_span", "108位": "correct"}


def score_with_text(gold: list[dict], pred: list[dict], text: str) -> dict:
    scorer = Scorer()
    scorer.add_document(XUHUI, gold, pred, text=text)
    return scorer.result()


# ---------------------------------------------------------------- evaluate() and files

@pytest.fixture()
def xuhui_setup(tmp_path: Path) -> tuple[Path, Path, str]:
    """A gold folder with one gold file for the real xuhui document, and a docs folder."""
    text = read_document(CORPUS / f"{XUHUI}.txt").text
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / f"{XUHUI}.txt").write_text(text, encoding="utf-8")
    (docs / "other.txt").write_text("上海浦东新区", encoding="utf-8")
    gold_dir = tmp_path / "gold"
    (gold_dir / "parts").mkdir(parents=True)
    i = text.index("近5.2亿元")
    j = text.index("中山医院")
    mentions = [
        {"start": j, "end": j + 4, "text": "中山医院", "label": "ORG"},
        {"start": i, "end": i + 6, "text": "近5.2亿元", "label": "MONEY", "value": 520000000,
         "unit": "CNY", "qualifier": "nearly"},
    ]
    write_gold(gold_dir, XUHUI, text, mentions)
    write_gold(gold_dir, "other", "上海浦东新区", [
        {"start": 0, "end": 2, "text": "上海", "label": "GPE"},
        {"start": 2, "end": 6, "text": "浦东新区", "label": "GPE"},
    ])
    # work in progress in a sub-folder is not gold
    (gold_dir / "parts" / "ignored.json").write_text("{}", encoding="utf-8")
    return gold_dir, docs, text


def write_gold(gold_dir: Path, doc: str, text: str, mentions: list[dict], **extra: object) -> Path:
    path = gold_dir / f"{doc}.json"
    data = {"doc": doc, "text_sha256": text_sha256(text), "guideline": "v1", **extra,
            "mentions": mentions}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_evaluate_scores_only_gold_documents_and_counts_missing_predictions_as_missed(
    xuhui_setup: tuple[Path, Path, str],
) -> None:
    gold_dir, docs, text = xuhui_setup
    i = text.index("近5.2亿元")
    preds = [
        {"doc": XUHUI, "start": i, "end": i + 6, "text": "近5.2亿元", "label": "MONEY",
         "value": 520000000, "unit": "CNY", "qualifier": "nearly"},
        {"doc": "not_in_gold", "start": 0, "end": 2, "text": "xx", "label": "ORG"},
    ]
    result = evaluate(gold_dir, preds, docs)
    strict = result["micro"]["strict"]
    # xuhui: MONEY correct, ORG missed; other: both GPEs missed (no predictions at all)
    assert (strict["correct"], strict["missed"], strict["spurious"]) == (1, 3, 0)
    assert result["n_documents"] == 2
    assert result["unscored_pred_docs"] == ["not_in_gold"]
    assert result["normalisation"] == {"accuracy": 1.0, "n": 1, "agree": 1, "unchecked": 0,
                                       "labels": {"MONEY": {"accuracy": 1.0, "n": 1, "agree": 1}},
                                       "dates": {"accuracy": None, "n": 0, "agree": 0}}


def test_evaluate_reads_records_jsonl(xuhui_setup: tuple[Path, Path, str], tmp_path: Path) -> None:
    gold_dir, docs, _ = xuhui_setup
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"doc": "other", "start": 0, "end": 2, "text": "上海", "label": "GPE"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluate(gold_dir, path, docs)["labels"]["GPE"]["strict"]["correct"] == 1


def test_declared_labels_ignore_other_predictions(xuhui_setup: tuple[Path, Path, str]) -> None:
    gold_dir, docs, text = xuhui_setup
    i = text.index("近5.2亿元")
    money = {"start": i, "end": i + 6, "text": "近5.2亿元", "label": "MONEY", "value": 520000000,
             "unit": "CNY", "qualifier": "nearly"}
    write_gold(gold_dir, XUHUI, text, [money], labels=["MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"])
    j = text.index("葛均波")
    preds = [{"doc": XUHUI, **money}, {"doc": XUHUI, "start": j, "end": j + 3, "text": "葛均波", "label": "PERSON"}]
    result = evaluate(gold_dir, preds, docs)
    xuhui = next(d for d in result["documents"] if d["doc"] == XUHUI)
    assert xuhui["ignored_pred"] == 1 and xuhui["n_pred"] == 1
    assert xuhui["scores"]["strict"]["spurious"] == 0 and xuhui["scores"]["strict"]["f1"] == 1.0
    assert "PERSON" not in result["labels"]


def test_stale_gold_is_refused_with_the_file_name(xuhui_setup: tuple[Path, Path, str]) -> None:
    gold_dir, docs, text = xuhui_setup
    (docs / f"{XUHUI}.txt").write_text(text.replace("近5.2亿元", "近5.3亿元"), encoding="utf-8")
    with pytest.raises(GoldError, match=rf"{XUHUI}\.json: text_sha256 .* does not match") as info:
        evaluate(gold_dir, [], docs)
    assert "\n" not in str(info.value)


def test_gold_whose_offsets_miss_the_text_is_refused(xuhui_setup: tuple[Path, Path, str]) -> None:
    gold_dir, docs, text = xuhui_setup
    i = text.index("中山医院")
    write_gold(gold_dir, XUHUI, text, [{"start": i + 1, "end": i + 5, "text": "中山医院", "label": "ORG"}])
    with pytest.raises(GoldError, match=r"mention 0 .* does not match the document text"):
        evaluate(gold_dir, [], docs)


def test_scores_json_has_the_documented_shape(xuhui_setup: tuple[Path, Path, str], tmp_path: Path) -> None:
    gold_dir, docs, _ = xuhui_setup
    preds = [{"doc": "other", "start": 0, "end": 6, "text": "上海浦东新区", "label": "GPE"}]
    paths = write_reports(evaluate(gold_dir, preds, docs), tmp_path / "out")
    scores = json.loads(paths["scores.json"].read_text(encoding="utf-8"))
    schemes = {"strict", "exact", "partial", "type"}
    assert set(scores["micro"]) == schemes
    for s in schemes:
        assert {"precision", "recall", "f1"} <= set(scores["micro"][s])
    assert set(scores["labels"]) == {"GPE", "ORG", "MONEY"}
    for per in scores["labels"].values():
        assert set(per) == schemes and all({"precision", "recall", "f1"} <= set(v) for v in per.values())
    assert {"accuracy", "n"} <= set(scores["normalisation"])
    # other: [上海浦东新区] over [上海][浦东新区] -> type counts it correct, strict does not
    assert scores["labels"]["GPE"]["type"]["correct"] == 1 and scores["labels"]["GPE"]["strict"]["correct"] == 0
    md = paths["report.md"].read_text(encoding="utf-8")
    assert "| strict |" in md and "上海浦东新区" in md and "wrong_span" in md


def test_date_values_are_checked_on_strict_date_matches() -> None:
    """A matched DATE whose TIMEX value differs is a wrong value, counted in normalisation's
    `dates`; gold that does not annotate facts checks only the dates that carry a value."""
    text = "2024年全年增长5%，上年增长3%，近日发布。"
    gold = [
        {"start": 0, "end": 5, "text": "2024年", "label": "DATE", "value": "2024"},
        {"start": 5, "end": 7, "text": "全年", "label": "DATE", "value": "2024"},
        {"start": 12, "end": 14, "text": "上年", "label": "DATE", "value": "2023"},
        {"start": 19, "end": 21, "text": "近日", "label": "DATE"},
    ]
    pred = [
        {"start": 0, "end": 5, "text": "2024年", "label": "DATE", "value": "2024"},
        {"start": 5, "end": 7, "text": "全年", "label": "DATE", "value": "2025"},
        {"start": 12, "end": 14, "text": "上年", "label": "DATE", "value": "2023"},
        {"start": 19, "end": 21, "text": "近日", "label": "DATE", "value": "2025"},
    ]
    for g, p in zip(gold, pred, strict=True):
        assert text[g["start"]:g["end"]] == g["text"] == p["text"]

    v2 = Scorer()
    v2.add_document("d", gold, pred, text=text, facts=True)
    dates = v2.result()["normalisation"]["dates"]
    assert (dates["agree"], dates["n"]) == (2, 4)  # 全年 wrong, 近日 has no value to resolve
    wrong = [e for e in v2.result()["errors"] if e["kind"] == "wrong_value"]
    assert [e["gold_text"] for e in wrong] == ["全年", "近日"]
    assert v2.result()["micro"]["strict"]["f1"] == 1.0  # spans and labels are all right

    v1 = Scorer()
    v1.add_document("d", gold, pred, text=text, facts=False)
    dates = v1.result()["normalisation"]["dates"]
    assert (dates["agree"], dates["n"]) == (2, 3)  # 近日 carries no gold value: not checked
