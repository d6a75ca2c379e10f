"""Score the facts fields on the composed development set (tests/cases/facts_generalisation.yaml).

Runs `xhextract.facts(text, doc_date=...)` on every case and compares each expected figure
(matched by its text, in order) field by field, as the scorer does on gold (ANNOTATION.md
section 5): accuracy over the figures where the annotation has the field, precision over the
figures where the output has it; period and subject by the text of the mention they point to.
Expected figures the tool does not find (a span or label difference) are counted apart.

    .venv/bin/python scripts/facts_devset.py                 # both splits
    .venv/bin/python scripts/facts_devset.py --split design --errors
    .venv/bin/python scripts/facts_devset.py --json scores.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "facts_generalisation.yaml"
FIELDS = ("indicator", "measure", "period", "subject")


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """The cases of the development set, in file order."""
    return yaml.safe_load(path.read_text("utf-8"))


def predicted(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The tool's figure rows for a case (what xhextract.facts returns), as plain dicts."""
    import pandas as pd

    import xhextract

    frame = xhextract.facts(case["text"], doc_date=str(case["doc_date"]) if case.get("doc_date") else None)
    return [{k: None if pd.isna(v) else v for k, v in r.items()} for r in frame.to_dict("records")]


def align(case: dict[str, Any], rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each expected figure with the output row of the same text (in order), None if missing."""
    out: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    pos = 0
    for exp in case["expected"]:
        j = next((i for i in range(pos, len(rows)) if rows[i]["text"] == str(exp["text"])), None)
        if j is None:
            out.append((exp, None))
        else:
            out.append((exp, rows[j]))
            pos = j + 1
    return out


def compare(exp: dict[str, Any], row: dict[str, Any]) -> dict[str, tuple[bool, bool, bool]]:
    """Per field: (annotation has it, output has it, they agree) — the scorer's comparison."""
    res = {}
    for f in FIELDS:
        want, got = exp.get(f), row.get(f)
        want = None if want is None else str(want)
        got = None if got in (None, "") else str(got)
        res[f] = (want is not None, got is not None, want is not None and want == got)
    return res


def score(cases: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores of a list of cases, and the list of disagreements."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n_gold, n_pred, correct
    # a field is right on a figure when output and annotation agree, absence included
    right: dict[str, int] = defaultdict(int)
    errors: list[dict[str, Any]] = []
    found = total = 0
    for case in cases:
        for exp, row in align(case, predicted(case)):
            total += 1
            if row is None:
                errors.append({"id": case["id"], "figure": exp["text"], "field": "span", "want": exp["text"], "got": None})
                continue
            found += 1
            for f, (g, p, ok) in compare(exp, row).items():
                c = counts[f]
                c[0] += g
                c[1] += p
                c[2] += ok
                agree = ok or (not g and not p)
                right[f] += agree
                if not agree:
                    errors.append({"id": case["id"], "figure": exp["text"], "field": f,
                                   "want": exp.get(f), "got": row.get(f)})
    fields = {}
    for f in FIELDS:
        n_gold, n_pred, correct = counts[f]
        fields[f] = {
            "accuracy": round(correct / n_gold, 4) if n_gold else None,
            "precision": round(correct / n_pred, 4) if n_pred else None,
            "agreement": round(right[f] / found, 4) if found else None,
            "correct": correct, "n_gold": n_gold, "n_pred": n_pred,
        }
    return {"cases": len(cases), "figures": total, "found": found, "fields": fields}, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("design", "test", "all"), default=None,
                    help="score one split (default: design, test and all)")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--json", type=Path, help="write the scores to this file")
    args = ap.parse_args(argv)
    cases = load_cases()
    splits = [args.split] if args.split else ["design", "test", "all"]
    report: dict[str, Any] = {}
    for split in splits:
        chosen = [c for c in cases if split == "all" or c["split"] == split]
        scores, errors = score(chosen)
        report[split] = scores
        print(f"## {split}: {scores['cases']} cases, {scores['found']}/{scores['figures']} figures found")
        for f, s in scores["fields"].items():
            acc = "-" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
            prec = "-" if s["precision"] is None else f"{s['precision']:.3f}"
            print(f"  {f:<10} accuracy {acc} ({s['correct']}/{s['n_gold']})  precision {prec} "
                  f"({s['correct']}/{s['n_pred']})  agreement incl. absent {s['agreement']:.3f}")
        if args.errors:
            for e in errors:
                print(f"    {e['id']:<36} {e['figure']:<16} {e['field']:<9} want {e['want']!s:<28} got {e['got']}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
