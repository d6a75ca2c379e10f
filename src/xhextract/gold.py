"""Gold files (ANNOTATION.md section 6): loading, and a validator that lists every problem.

A gold file is ``gold/<doc>.json``::

    {"doc": "xuhui_innovation_2021", "text_sha256": "<sha256 of the document>",
     "guideline": "v1", "mentions": [{"start": 0, "end": 3, "text": "...", "label": "ORG"}],
     "labels": ["MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"]}

``labels`` is optional. When present it lists the labels the file annotates completely (for
instance only the numeric labels); every mention must carry one of them, and the scorer ignores
predictions of any other label in that document instead of counting them as spurious. When it
is absent the file is taken to annotate all labels of ANNOTATION.md section 2.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io import text_sha256
from .schema import LABELS, MEASURES, NUMERIC_LABELS, QUALIFIERS

# Canonical units that a label admits (ANNOTATION.md section 4); None means "any string".
PERCENT_UNITS = ("%", "pp")
UNIT_REQUIRED = ("MONEY", "PERCENT", "QUANTITY")


class GoldError(Exception):
    """A gold file that cannot be used; the message is one line and names the file."""


@dataclass(frozen=True)
class GoldDoc:
    """One parsed gold file: doc id, text hash, mentions (plain records) and declared labels."""

    doc: str
    text_sha256: str
    mentions: list[dict[str, Any]]
    guideline: str | None = None
    labels: tuple[str, ...] | None = None
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def scored_labels(self) -> tuple[str, ...]:
        """The labels this file annotates: the declared ones, or all of them."""
        return self.labels if self.labels is not None else LABELS

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the gold file (ANNOTATION.md section 6)."""
        out: dict[str, Any] = {"doc": self.doc, "text_sha256": self.text_sha256}
        if self.guideline is not None:
            out["guideline"] = self.guideline
        if self.labels is not None:
            out["labels"] = list(self.labels)
        out.update(self.extra)
        out["mentions"] = self.mentions
        return out


def gold_from_dict(data: Any, path: Path | None = None) -> GoldDoc:
    """Build a GoldDoc from a parsed JSON object; raises GoldError on a wrong top-level shape."""
    where = str(path) if path is not None else "gold"
    if not isinstance(data, dict):
        raise GoldError(f"{where}: not a JSON object")
    for key, kind in (("doc", str), ("text_sha256", str), ("mentions", list)):
        if not isinstance(data.get(key), kind):
            raise GoldError(f"{where}: missing or malformed '{key}'")
    if not all(isinstance(m, dict) for m in data["mentions"]):
        raise GoldError(f"{where}: every mention must be a JSON object")
    labels = data.get("labels")
    if labels is not None and not (
        isinstance(labels, list) and all(isinstance(x, str) for x in labels)
    ):
        raise GoldError(f"{where}: 'labels' must be a list of label names")
    known = {"doc", "text_sha256", "guideline", "labels", "mentions"}
    return GoldDoc(
        doc=data["doc"],
        text_sha256=data["text_sha256"],
        mentions=data["mentions"],
        guideline=data.get("guideline"),
        labels=tuple(labels) if labels is not None else None,
        path=path,
        extra={k: v for k, v in data.items() if k not in known},
    )


def load_gold(path: Path | str) -> GoldDoc:
    """Read one gold file; raises GoldError (one line, naming the file) if it is not usable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not valid JSON ({str(exc).splitlines()[0]})") from None
    return gold_from_dict(data, path)


def check_text(gold: GoldDoc, text: str) -> None:
    """Refuse a gold file whose text_sha256 is not that of `text` (stale offsets)."""
    actual = text_sha256(text)
    if gold.text_sha256 != actual:
        where = gold.path if gold.path is not None else f"gold for {gold.doc}"
        raise GoldError(
            f"{where}: text_sha256 {gold.text_sha256[:12]}... does not match the document "
            f"({actual[:12]}...); its offsets may be stale, refusing to score it"
        )


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _mention_problems(i: int, m: dict[str, Any], text: str, declared: tuple[str, ...] | None) -> list[str]:
    where = f"mention {i}"
    problems: list[str] = []
    start, end = m.get("start"), m.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        return [f"{where}: start and end must be integers"]
    where = f"mention {i} [{start}:{end}]"
    if not 0 <= start < end <= len(text):
        problems.append(f"{where}: offsets outside the document (length {len(text)}) or empty")
    elif m.get("text") != text[start:end]:
        problems.append(f"{where}: text {m.get('text')!r} != document slice {text[start:end]!r}")
    label = m.get("label")
    if label not in LABELS:
        problems.append(f"{where}: unknown label {label!r}")
        return problems
    if declared is not None and label not in declared:
        problems.append(f"{where}: label {label} is not among the declared labels {list(declared)}")
    problems.extend(_facts_problems(where, m, text, label))
    if label not in NUMERIC_LABELS:
        return problems
    if "value" not in m or m["value"] is None:
        problems.append(f"{where}: numeric mention without value")
    elif not _is_number(m["value"]):
        problems.append(f"{where}: value {m['value']!r} is not a number")
    if "unit" not in m:
        problems.append(f"{where}: numeric mention without unit (null when there is none)")
    else:
        unit = m["unit"]
        if unit is not None and not isinstance(unit, str):
            problems.append(f"{where}: unit {unit!r} is not a string or null")
        elif label in UNIT_REQUIRED and not unit:
            problems.append(f"{where}: {label} needs a unit")
        elif label == "PERCENT" and unit not in PERCENT_UNITS:
            problems.append(f"{where}: PERCENT unit {unit!r} is not one of {list(PERCENT_UNITS)}")
        elif label == "ORDINAL" and unit is not None:
            problems.append(f"{where}: ORDINAL unit must be null, not {unit!r}")
    qualifier = m.get("qualifier")
    if qualifier is None:
        problems.append(f"{where}: numeric mention without qualifier")
    elif qualifier not in QUALIFIERS:
        problems.append(f"{where}: unknown qualifier {qualifier!r}")
    value_max = m.get("value_max")
    if value_max is not None:
        if not _is_number(value_max):
            problems.append(f"{where}: value_max {value_max!r} is not a number")
        elif qualifier != "range":
            problems.append(f"{where}: value_max without qualifier 'range'")
        elif _is_number(m.get("value")) and value_max < m["value"]:
            problems.append(f"{where}: value_max {value_max} < value {m['value']}")
    elif qualifier == "range":
        problems.append(f"{where}: qualifier 'range' without value_max")
    return problems


FIGURE_LABELS = ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")


def _facts_problems(where: str, m: dict[str, Any], text: str, label: str) -> list[str]:
    """The v2 facts fields (ANNOTATION.md section 5): on figures only, well-formed, spans in the text."""
    problems: list[str] = []
    present = [k for k in ("measure", "period", "subject") if m.get(k) is not None]
    if label not in FIGURE_LABELS:
        return [f"{where}: {k} on a {label} mention (facts are for figures)" for k in present]
    if m.get("measure") is not None and m["measure"] not in MEASURES:
        problems.append(f"{where}: unknown measure {m['measure']!r}")
    for key in ("indicator", "object"):
        if m.get(key) is not None and not (isinstance(m[key], str) and m[key]):
            problems.append(f"{where}: {key} must be a non-empty string")
    for key in ("period", "subject"):
        ref = m.get(key)
        if ref is None:
            continue
        start = ref.get("start") if isinstance(ref, dict) else None
        end = ref.get("end") if isinstance(ref, dict) else None
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            problems.append(f"{where}: {key} must be an object with integer start and end")
        elif not 0 <= start < end <= len(text):
            problems.append(f"{where}: {key} [{start}:{end}] outside the document")
        elif "text" in ref and ref["text"] != text[start:end]:
            problems.append(f"{where}: {key} text {ref['text']!r} != document slice {text[start:end]!r}")
    return problems


def validate_gold(gold: dict[str, Any], text: str) -> list[str]:
    """Every problem of a gold object against its document text; an empty list means valid."""
    problems: list[str] = []
    if not isinstance(gold, dict):
        return ["gold is not a JSON object"]
    for key, kind in (("doc", str), ("text_sha256", str), ("mentions", list)):
        if not isinstance(gold.get(key), kind):
            problems.append(f"missing or malformed '{key}'")
    if problems:
        return problems
    if gold["text_sha256"] != text_sha256(text):
        problems.append("text_sha256 does not match the document text")
    declared = gold.get("labels")
    if declared is not None:
        if not isinstance(declared, list) or not all(isinstance(x, str) for x in declared):
            problems.append("'labels' must be a list of label names")
            declared = None
        else:
            unknown = [x for x in declared if x not in LABELS]
            if unknown:
                problems.append(f"'labels' declares unknown labels {unknown}")
            declared = tuple(declared)
    mentions = gold["mentions"]
    spans: list[tuple[int, int, int]] = []
    for i, m in enumerate(mentions):
        if not isinstance(m, dict):
            problems.append(f"mention {i}: not a JSON object")
            continue
        problems.extend(_mention_problems(i, m, text, declared))
        start, end = m.get("start"), m.get("end")
        if isinstance(start, int) and isinstance(end, int):
            spans.append((start, end, i))
    for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:], strict=False):
        if (s2, e2) < (s1, e1):
            problems.append(f"mentions not sorted by (start, end): mention {i2} [{s2}:{e2}] after mention {i1} [{s1}:{e1}]")
    reach: tuple[int, int, int] | None = None  # the span reaching furthest right so far
    for s2, e2, i2 in sorted(spans):
        if reach is not None and s2 < reach[1]:
            s1, e1, i1 = reach
            problems.append(f"overlapping spans: mention {i1} [{s1}:{e1}] and mention {i2} [{s2}:{e2}]")
        if reach is None or e2 > reach[1]:
            reach = (s2, e2, i2)
    return problems
