"""Merge the two halves of a gold file annotated separately (gold/parts/) into gold/<doc>.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1]


def merge(doc: str) -> Path:
    """Concatenate the mentions of gold/parts/<doc>.part*.json; the parts must agree on the text."""
    parts = sorted((GOLD / "parts").glob(f"{doc}.part*.json"))
    loaded = [json.loads(p.read_text("utf-8")) for p in parts]
    shas = {g["text_sha256"] for g in loaded}
    if len(shas) != 1:
        raise SystemExit(f"{doc}: parts disagree on text_sha256")
    mentions = sorted((m for g in loaded for m in g["mentions"]), key=lambda m: (m["start"], m["end"]))
    out = {"doc": doc, "text_sha256": shas.pop(), "guideline": "v2", "mentions": mentions}
    path = GOLD / f"{doc}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or ["gwr_national_2025"]:
        print(merge(name))
