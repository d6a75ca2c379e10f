"""Case corpus for the figure extractor: tests/cases/quantities_*.yaml against find_quantities().

Each case lists every numeric mention (MONEY/PERCENT/QUANTITY/CARDINAL/ORDINAL) the text must
yield, with span, label, value, value_max, unit and qualifier; an empty list means the text has
no figure. Other labels are ignored. A case with `xfail: "<reason>"` is a known extractor error
and is run with a strict xfail, so a fix shows up as XPASS until the mark is removed.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from xhextract.components.quantities import find_quantities
from xhextract.schema import NUMERIC_LABELS, QUALIFIERS

CASES_DIR = Path(__file__).parent / "cases"
FIELDS = ("start", "end", "text", "label", "value", "value_max", "unit", "qualifier")
REL_TOL = Decimal("1e-9")


def load_cases() -> list[dict[str, Any]]:
    """Every case of every tests/cases/quantities_*.yaml, with the file it came from."""
    cases: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("quantities_*.yaml")):
        for case in yaml.safe_load(path.read_text("utf-8")) or []:
            cases.append({**case, "file": path.name})
    return cases


CASES = load_cases()


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _close(a: Any, b: Any) -> bool:
    """Numbers agree to 1e-9 relative (ANNOTATION.md section 4); None only equals None."""
    x, y = _dec(a), _dec(b)
    if x is None or y is None:
        return x is y
    if x == y:
        return True
    return abs(x - y) <= REL_TOL * max(abs(x), abs(y))


def _same(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    """One expected record equals one found record on every compared field."""
    for key in ("start", "end", "text", "label", "unit"):
        if expected.get(key) != got.get(key):
            return False
    if expected.get("qualifier", "exact") != (got.get("qualifier") or "exact"):
        return False
    return _close(expected.get("value"), got.get("value")) and _close(
        expected.get("value_max"), got.get("value_max")
    )


def numeric_records(text: str) -> list[dict[str, Any]]:
    """The numeric mentions find_quantities() gives for `text`, as records, in span order."""
    found = [m.to_dict() for m in find_quantities(text) if m.label in NUMERIC_LABELS]
    return sorted(found, key=lambda r: (r["start"], r["end"], r["label"]))


def _show(records: list[dict[str, Any]]) -> str:
    if not records:
        return "  (none)"
    return "\n".join(
        "  " + ", ".join(f"{k}={r[k]!r}" for k in FIELDS if k in r) for r in records
    )


def case_matches(case: dict[str, Any]) -> tuple[bool, list[dict[str, Any]]]:
    """Whether find_quantities gives exactly the expected numeric mentions, and what it gave."""
    got = numeric_records(case["text"])
    expected = sorted(case["expected"], key=lambda r: (r["start"], r["end"], r["label"]))
    ok = len(got) == len(expected) and all(_same(e, g) for e, g in zip(expected, got, strict=True))
    return ok, got


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(reason=str(case["xfail"]), strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_case(case: dict[str, Any]) -> None:
    """The extractor finds exactly the numeric mentions of the case, with exact normalisation."""
    ok, got = case_matches(case)
    assert ok, (
        f"{case['id']}: {case['text']}\nexpected:\n{_show(case['expected'])}\ngot:\n{_show(got)}"
    )


def test_case_files_are_well_formed() -> None:
    """Ids are unique ASCII, offsets slice to `text`, fields follow ANNOTATION.md section 4."""
    assert CASES, "no tests/cases/quantities_*.yaml found"
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for case in CASES:
        cid, text = case["id"], case["text"]
        assert cid.isascii(), cid
        assert isinstance(text, str) and text, cid
        for rec in case["expected"]:
            assert 0 <= rec["start"] < rec["end"] <= len(text), cid
            assert text[rec["start"] : rec["end"]] == rec["text"], cid
            assert rec["label"] in NUMERIC_LABELS, cid
            assert rec["qualifier"] in QUALIFIERS, cid
            assert rec["value"] is not None, cid
            assert ("value_max" in rec) == (rec["qualifier"] == "range"), cid
            if rec["label"] == "ORDINAL":
                assert rec["unit"] is None, cid
        spans = sorted((r["start"], r["end"]) for r in case["expected"])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), f"{cid}: overlapping spans"


def test_constructed_corpus_coverage() -> None:
    """The hand-made corpus keeps its size: 220+ cases, every family, 60+ negatives."""
    constructed = [c for c in CASES if c["file"] == "quantities_constructed.yaml"]
    families = defaultdict(int)
    for case in constructed:
        families[case["family"]] += 1
    assert len(constructed) >= 220
    assert families["negative"] >= 60
    assert all(not c["expected"] for c in constructed if c["family"] == "negative")
    for family in ("arabic", "chinese", "mixed", "money", "percent", "quantity", "cardinal",
                   "ordinal", "range", "qualifier"):
        assert families[family] >= 10, family


def test_summary_per_family(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints accuracy per family; fails when the failing cases are not exactly the xfail ones."""
    per_family: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failing, xfail = set(), set()
    for case in CASES:
        ok, _ = case_matches(case)
        counts = per_family[f"{case['file']}:{case.get('family', '-')}"]
        counts[0] += ok
        counts[1] += 1
        if not ok:
            failing.add(case["id"])
        if case.get("xfail"):
            xfail.add(case["id"])
    lines = ["", "find_quantities accuracy per case family (exact match of all numeric mentions):"]
    total_ok = sum(v[0] for v in per_family.values())
    for family, (ok, n) in sorted(per_family.items()):
        lines.append(f"  {family:<40} {ok:>4}/{n:<4} {ok / n:7.1%}")
    lines.append(f"  {'all':<40} {total_ok:>4}/{len(CASES):<4} {total_ok / len(CASES):7.1%}")
    with capsys.disabled():
        print("\n".join(lines))
    assert failing - xfail == set(), f"failing without an xfail mark: {sorted(failing - xfail)}"
    assert xfail - failing == set(), f"xfail-marked but passing: {sorted(xfail - failing)}"
