"""Fill the README's generated sections from the committed outputs (make run writes them).

The facts table is a dozen rows of outputs/facts.csv (the 2024 government work report, from
its sentence on this year's targets); the excerpt is the first records of the Xuhui article in
outputs/records.jsonl; the scores table is outputs/eval/scores.json. tests/test_readme.py
checks the README is up to date.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCERPT_DOC = "xuhui_innovation_2021"
EXCERPT_LINES = 8
LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME",
          "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL")


FACTS_DOC = "gwr_national_2024"
FACTS_FROM = "今年发展主要预期目标"  # the table starts at the first figure of this sentence
FACTS_ROWS = 12
FACTS_COLUMNS = ("text", "value", "unit", "measure", "indicator", "period", "period_value")


def facts_rows(outputs: Path) -> list[dict[str, str]]:
    """The rows of outputs/facts.csv shown in the README."""
    with open(outputs / "facts.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["doc"] == FACTS_DOC]
    first = next(i for i, r in enumerate(rows) if r["sentence"].startswith(FACTS_FROM))
    return rows[first : first + FACTS_ROWS]


def facts_table(outputs: Path) -> str:
    """A markdown table of real facts rows, as `make run` wrote them."""
    lines = ["| " + " | ".join(FACTS_COLUMNS) + " |", "|" + "---|" * len(FACTS_COLUMNS)]
    for r in facts_rows(outputs):
        lines.append("| " + " | ".join(r[c] for c in FACTS_COLUMNS) + " |")
    return (f"A real excerpt of `outputs/facts.csv`: the figures of corpus/{FACTS_DOC}.txt from "
            f"its sentence on this year's targets (“{FACTS_FROM}…”), some columns:\n\n"
            + "\n".join(lines))


def excerpt(outputs: Path) -> str:
    """A few real lines of outputs/records.jsonl, as `make run` wrote them."""
    lines = []
    with open(outputs / "records.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if json.loads(line)["doc"] == EXCERPT_DOC:
                lines.append(line.rstrip("\n"))
                if len(lines) == EXCERPT_LINES:
                    break
    return ("A real excerpt of `outputs/records.jsonl` (the first records of the Xuhui article):\n\n"
            "```json\n" + "\n".join(lines) + "\n```")


def scores(outputs: Path) -> str:
    """Per-label strict P/R/F1 and normalisation accuracy from outputs/eval/scores.json."""
    data = json.loads((outputs / "eval" / "scores.json").read_text("utf-8"))
    rows = ["| label | precision | recall | F1 (strict) | F1 (partial) |", "|---|---:|---:|---:|---:|"]
    for label in LABELS:
        s = data["labels"].get(label)
        if not s or not s["strict"].get("possible", 1):
            continue
        st = s["strict"]
        rows.append(f"| {label} | {st['precision']:.3f} | {st['recall']:.3f} | {st['f1']:.3f} | "
                    f"{s['partial']['f1']:.3f} |")
    micro = data["micro"]
    rows.append(f"| **micro** | {micro['strict']['precision']:.3f} | {micro['strict']['recall']:.3f} | "
                f"**{micro['strict']['f1']:.3f}** | {micro['partial']['f1']:.3f} |")
    norm = data["normalisation"]
    facts = data.get("facts") or {}
    facts_line = ""
    if facts.get("fields"):
        parts = [f"{name} {f['accuracy']:.3f} / {f['precision']:.3f}"
                 for name, f in facts["fields"].items() if f.get("accuracy") is not None]
        facts_line = ("\n\nFacts fields of strictly matched figures, accuracy over the gold's / "
                      f"precision over the output's ({facts['figures']} figures): " + "; ".join(parts) + ".")
    dates = norm.get("dates") or {}
    dates_line = (f" DATE values (TIMEX) of strictly matched dates: **{dates['accuracy']:.3f}** over "
                  f"{dates['n']} dates." if dates.get("n") else "")
    docs = [d["doc"] for d in data["documents"]]
    heldout = [d for d in docs if d.startswith(HELDOUT_PREFIX)]
    return (
        f"Measured by `make run` on the {len(docs)} gold documents of `gold/` (how they were made: "
        f"`gold/GUIDELINES.md`). {len(docs) - len(heldout)} of them were also used while writing the "
        f"rules; the {len(heldout)} `{HELDOUT_PREFIX}*` documents were annotated before the extractor "
        "first ran on them (`gold/notes/heldout.md`), and are scored apart below.\n\n"
        + "\n".join(rows) + "\n\n"
        f"Normalisation accuracy (value, unit, qualifier of strictly matched figures): "
        f"**{norm['accuracy']:.3f}** over {norm['n']} figures." + dates_line + facts_line
        + heldout_line(outputs, heldout)
    )


HELDOUT_PREFIX = "heldout_"


def heldout_line(outputs: Path, heldout: list[str]) -> str:
    """Scores on the held-out gold documents alone (the same records, a subset of the gold)."""
    if not heldout:
        return ""
    import xhextract

    r = xhextract.evaluate(ROOT / "gold", outputs / "records.jsonl", ROOT / "corpus", only=heldout)
    names = [r["labels"][k]["strict"] for k in ("PERSON", "ORG", "GPE", "LOC", "FAC") if k in r["labels"]]
    correct = sum(s["correct"] for s in names)
    possible, actual = sum(s["possible"] for s in names), sum(s["actual"] for s in names)
    names_f1 = 2 * correct / (possible + actual) if possible + actual else 0.0
    fields = r["facts"]["fields"]
    facts = "; ".join(f"{k} {f['accuracy']:.3f} / {f['precision']:.3f} (n={f['n_gold']})"
                      for k, f in fields.items() if f.get("accuracy") is not None)
    dates = r["normalisation"]["dates"]
    return (
        f"\n\nHeld-out documents only ({len(heldout)}): strict micro F1 "
        f"**{r['micro']['strict']['f1']:.3f}**, names (PERSON/ORG/GPE/LOC/FAC) strict F1 "
        f"**{names_f1:.3f}**, normalisation {r['normalisation']['accuracy']:.3f}, DATE values "
        f"{dates['accuracy']:.3f} (n={dates['n']}); facts accuracy / precision: {facts}."
    )


def render(readme: str, outputs: Path) -> str:
    sections = (("facts", facts_table(outputs)), ("excerpt", excerpt(outputs)), ("scores", scores(outputs)))
    for name, body in sections:
        start, end = f"<!-- readme:{name}:start -->", f"<!-- readme:{name}:end -->"
        readme = re.sub(re.escape(start) + ".*?" + re.escape(end),
                        lambda _m, b=body, s=start, e=end: f"{s}\n{b}\n{e}", readme, flags=re.S)
    return readme


def main() -> int:
    path = ROOT / "README.md"
    path.write_text(render(path.read_text("utf-8"), ROOT / "outputs"), "utf-8")
    print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
