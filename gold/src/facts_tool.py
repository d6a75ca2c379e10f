"""Shared resolver of the v2 facts fields of the gold sources (ANNOTATION.md section 5).

A gold source writes, on a figure (MONEY, PERCENT, QUANTITY, CARDINAL), `measure` as one of
level / increase / decrease / share, `indicator` as the text written, and `period` / `subject`
as a locator inside the figure's sentence: the mention text when it occurs once in that
sentence, or `left[mention]right` when it needs context. `resolve_facts` turns the locators
into `{"start", "end", "text"}` and checks the contract: every figure has a measure, a period
points at a DATE mention and a subject at a GPE/ORG/LOC/FAC mention of the same file (when the
file annotates them), a period is never a baseline after 比/较/与/同, and an indicator is text
of the document.
"""

from __future__ import annotations

import re
from typing import Any

FIGURES = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
MEASURES = {"level", "increase", "decrease", "share"}
OWNERS = {"GPE", "ORG", "LOC", "FAC"}
# ANNOTATION.md section 8: a sentence ends at 。！？ or a line break
SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
BASELINE = "比较与同"


def sentence_of(text: str, start: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding offset `start`."""
    for m in SENTENCE.finditer(text):
        if m.start() <= start < m.end():
            return m.span()
    raise ValueError(f"offset {start} is in no sentence")


def locate(text: str, sentence: tuple[int, int], spec: str) -> dict[str, Any]:
    """Resolve `mention` or `left[mention]right` to the one occurrence inside the sentence."""
    if "[" in spec:
        left, rest = spec.split("[", 1)
        mention, right = rest.split("]", 1)
    else:
        left, mention, right = "", spec, ""
    plain = left + mention + right
    s, e = sentence
    hits = [i for i in range(s, e - len(plain) + 1) if text.startswith(plain, i)]
    if len(hits) != 1:
        raise ValueError(f"{spec!r} occurs {len(hits)} times in sentence {text[s:e][:40]!r}...")
    start = hits[0] + len(left)
    return {"start": start, "end": start + len(mention), "text": mention}


def resolve_facts(text: str, mentions: list[dict[str, Any]], entities: bool = True) -> None:
    """Turn the period/subject locators of the figures into spans (in place) and check them.

    `entities` says whether the file annotates DATE and GPE/ORG/LOC/FAC mentions; if so a
    period or subject must be one of them.
    """
    spans = {(m["start"], m["end"]): m["label"] for m in mentions}
    problems: list[str] = []
    for m in mentions:
        where = f"{m['text']!r}@{m['start']}"
        if m["label"] not in FIGURES:
            for key in ("measure", "period", "subject"):
                if key in m:
                    problems.append(f"{where}: {key} on a {m['label']}")
            continue
        if m.get("measure") not in MEASURES:
            problems.append(f"{where}: measure {m.get('measure')!r}")
        ind = m.get("indicator")
        if ind is not None and ind not in text:
            problems.append(f"{where}: indicator {ind!r} is not text of the document")
        sent = sentence_of(text, m["start"])
        for key, labels in (("period", {"DATE"}), ("subject", OWNERS)):
            spec = m.get(key)
            if spec is None:
                continue
            if isinstance(spec, str):
                try:
                    spec = m[key] = locate(text, sent, spec)
                except ValueError as exc:
                    problems.append(f"{where}: {key} {exc}")
                    continue
            label = spans.get((spec["start"], spec["end"]))
            if entities and label not in labels:
                problems.append(f"{where}: {key} {spec['text']!r} is not a {sorted(labels)} mention")
            if key == "period" and spec["start"] > 0 and text[spec["start"] - 1] in BASELINE:
                problems.append(f"{where}: period {spec['text']!r} is a baseline")
    if problems:
        raise SystemExit("facts:\n  " + "\n  ".join(problems))
