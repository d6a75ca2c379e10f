"""The facts fields on a composed development set (tests/cases/facts_generalisation.yaml):
72 cases in the styles of statistics bulletins, work reports, company and financial news and
policy notices, annotated to ANNOTATION v2 before the extractor ran on them.

Every field of every figure must match the annotation, except the fields a figure lists under
`known`: those are the remaining failures, expected to fail (strict: a fix must remove them
from the file). scripts/facts_devset.py prints the same comparison as scores.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest

import xhextract
from xhextract.schema import FACT_LABELS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import facts_devset  # noqa: E402

CASES = facts_devset.load_cases()
FIELDS = facts_devset.FIELDS
MEASURES = {"level", "increase", "decrease", "share"}


@cache
def _figures(case_id: str) -> tuple[tuple[dict, dict | None], ...]:
    """Each expected figure of a case with the record the extractor gives it (None: not found)."""
    case = next(c for c in CASES if c["id"] == case_id)
    text = case["text"]
    found = [m for m in xhextract.extract(text, doc_date=case["doc_date"]) if m.label in FACT_LABELS]
    rows = [{"text": m.text, "indicator": m.indicator, "measure": m.measure,
             "period": m.period.text if m.period else None,
             "subject": m.subject.text if m.subject else None} for m in found]
    for m in found:  # offsets stay sacred in the new fields
        for ref in (m.period, m.subject):
            assert ref is None or text[ref.start : ref.end] == ref.text
    return tuple(facts_devset.align(case, rows))


def test_the_set_is_composed_not_copied() -> None:
    """No run of 16 characters of a case is in corpus/ or gold/ (the texts tuned on)."""
    sources = [p.read_text("utf-8") for p in (ROOT / "corpus").glob("*.txt")]
    sources += [p.read_text("utf-8") for p in (ROOT / "gold").glob("*.json")]
    for case in CASES:
        t = case["text"]
        copied = {t[i : i + 16] for i in range(len(t) - 15) if any(t[i : i + 16] in s for s in sources)}
        assert not copied, (case["id"], sorted(copied)[:3])


def test_the_annotation_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) and len(CASES) >= 60
    splits = [c["split"] for c in CASES]
    # the kept-aside third comes last, as it was annotated and scored
    assert set(splits) == {"design", "test"} and splits == sorted(splits)
    assert 0.25 <= splits.count("test") / len(splits) <= 0.4
    for case in CASES:
        text = case["text"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(case["doc_date"])), case["id"]
        for e in case["expected"]:
            assert set(e) - {"known"} == {"text", *FIELDS}, (case["id"], e)
            assert str(e["text"]) in text and e["measure"] in MEASURES, (case["id"], e)
            for key in ("period", "subject"):
                assert e[key] is None or e[key] in text, (case["id"], e)
            assert set(e.get("known", {})) <= set(FIELDS), (case["id"], e)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    """Every figure is found and every field not listed as known matches the annotation."""
    for exp, got in _figures(case["id"]):
        assert got is not None, f"{exp['text']} not found"
        for field in FIELDS:
            if field not in exp.get("known", {}):
                assert got[field] == exp[field], f"{exp['text']} {field}: {got[field]!r} != {exp[field]!r}"


KNOWN = [(c["id"], i, field, reason) for c in CASES for i, e in enumerate(c["expected"])
         for field, reason in e.get("known", {}).items()]


@pytest.mark.parametrize(("case_id", "index", "field"), [
    pytest.param(cid, i, f, marks=pytest.mark.xfail(strict=True, reason=r), id=f"{cid}-{i}-{f}")
    for cid, i, f, r in KNOWN])
def test_known_failure(case_id: str, index: int, field: str) -> None:
    """The remaining failures, one field each: they fail today; once one passes, the strict
    xfail fails and its `known` entry must go."""
    exp, got = _figures(case_id)[index]
    assert got is not None and got[field] == exp[field]


def test_scores_of_both_splits() -> None:
    """The field scores of scripts/facts_devset.py follow from the per-figure results: all found,
    and only the known fields wrong."""
    for split in ("design", "test"):
        chosen = [c for c in CASES if c["split"] == split]
        scores, errors = facts_devset.score(chosen)
        assert scores["found"] == scores["figures"]
        known = {(c["id"], e["text"], f) for c in chosen for e in c["expected"] for f in e.get("known", {})}
        assert {(e["id"], str(e["figure"]), e["field"]) for e in errors} == known
