"""Shared resolver of the policy-notice gold sources: entries (text + context) -> gold files.

Used by gold/src/policy_beijing_2022.py and gold/src/policy_anhui_rcep_2022.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from facts_tool import resolve_facts

from xhextract.io import read_document, text_sha256

ROOT = Path(__file__).resolve().parents[2]


def read_text(path: Path) -> str:
    """The document exactly as ANNOTATION.md section 1 defines it (BOM removed, nothing else)."""
    return read_document(path).text


def resolve(text: str, entries: list[dict]) -> list[dict]:
    """Turn the entries into gold records with start/end offsets; fail loudly on ambiguity."""
    out: list[dict] = []
    for e in entries:
        t = e["t"]
        hits = [i for i in range(len(text)) if text.startswith(t, i)]
        if "a" in e:
            a = e["a"]
            hits = [i for i in hits if text[max(0, i - len(a)):i] == a]
            if len(hits) != 1:
                raise SystemExit(f"anchor {a!r}+{t!r}: {len(hits)} hits")
        elif "n" in e:
            hits = [hits[e["n"] - 1]]
        elif not e.get("all"):
            if len(hits) != 1:
                raise SystemExit(f"{t!r}: {len(hits)} hits, give n/a/all")
        if not hits:
            raise SystemExit(f"{t!r}: not found")
        for s in hits:
            rec: dict = {"start": s, "end": s + len(t), "text": t, "label": e["l"]}
            for k in ("value", "value_max", "unit", "qualifier", "object", "indicator", "measure",
                      "period", "subject"):
                if k in e:
                    rec[k] = e[k]
            out.append(rec)
    out.sort(key=lambda r: (r["start"], r["end"]))
    for a, b in zip(out, out[1:], strict=False):
        if b["start"] < a["end"]:
            raise SystemExit(f"overlap: {a} / {b}")
    return out


def write_gold(doc: str, mentions: list[dict]) -> None:
    """Write gold/<doc>.json from the annotation entries (figures carry the v2 facts fields:
    `measure`, `indicator`, and `period` / `subject` as locators, see facts_tool.py)."""
    text = read_text(ROOT / "corpus" / f"{doc}.txt")
    records = resolve(text, mentions)
    resolve_facts(text, records)
    gold = {
        "doc": doc,
        "text_sha256": text_sha256(text),
        "guideline": "v2",
        "mentions": records,
    }
    out = ROOT / "gold" / f"{doc}.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(gold['mentions'])} mentions", file=sys.stderr)

