"""Gold annotation source for corpus/policy_beijing_2022.txt; run it to write gold/policy_beijing_2022.json.

Each entry names the mention text and label, and how to find it: `n` (1-based occurrence of
the text), `a` (left context that immediately precedes it, unique), or `all` (every
occurrence). Without any of them the text must occur exactly once. Read by hand, two passes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

DOC = "policy_beijing_2022"
ROOT = Path(__file__).resolve().parents[2]

MENTIONS: list[dict] = [
    # header
    {"t": "北京市经济和信息化局", "l": "ORG", "all": True},  # 8 times: issuer and the body acting
    {"t": "2022年11月21日", "l": "DATE", "value": "2022-11-21"},
    # 意见 preamble: 北京市 outside any title
    {"t": "北京市", "l": "GPE", "a": "现就推进"},
    # 一、总体要求
    {"t": "习近平", "l": "PERSON", "a": "以"},
    {"t": "中国", "l": "GPE", "a": "以习近平新时代"},
    {"t": "习近平", "l": "PERSON", "a": "深入贯彻"},
    {"t": "北京", "l": "GPE", "a": "习近平总书记对"},
    {"t": "三种", "l": "CARDINAL", "value": 3, "unit": "种", "qualifier": "exact",
     "object": "类型"},
    {"t": "2-3年", "l": "DATE"},  # duration range: no single TIMEX3 value
    # 三、组织管理体系
    {"t": "北京市大数据工作推进小组", "l": "ORG", "a": "　　"},
    {"t": "北京市大数据工作推进小组办公室", "l": "ORG"},
    # 八、保障措施
    {"t": "两次", "l": "CARDINAL", "value": 2, "unit": "次", "qualifier": "exact",
     "object": "评估"},
]


def read_text(path: Path) -> str:
    """The document exactly as ANNOTATION.md section 1 defines it (BOM removed, nothing else)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    return text[1:] if text.startswith("\ufeff") else text


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
            for k in ("value", "value_max", "unit", "qualifier", "object", "indicator"):
                if k in e:
                    rec[k] = e[k]
            out.append(rec)
    out.sort(key=lambda r: (r["start"], r["end"]))
    for a, b in zip(out, out[1:], strict=False):
        if b["start"] < a["end"]:
            raise SystemExit(f"overlap: {a} / {b}")
    return out


def main() -> None:
    """Write gold/<doc>.json from MENTIONS."""
    text = read_text(ROOT / "corpus" / f"{DOC}.txt")
    gold = {
        "doc": DOC,
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "guideline": "v1",
        "mentions": resolve(text, MENTIONS),
    }
    out = ROOT / "gold" / f"{DOC}.json"
    out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(gold['mentions'])} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()
