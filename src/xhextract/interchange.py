"""Span files of annotation tools <-> gold files and records (doccano, Label Studio, Prodigy).

One interchange unit is a `SpanDoc`: a document id, its full text and its mentions (records
without `doc`). Formats, one task a document:

- ``doccano``: JSONL ``{"text", "label": [[start, end, "LABEL"], ...]}`` (import also takes
  ``"labels"``);
- ``doccano-entities``: JSONL of the newer export, ``{"text", "entities": [{"id", "label",
  "start_offset", "end_offset"}], "relations": []}``;
- ``labelstudio``: a JSON array of tasks ``{"data": {"text"}, "annotations": [{"result":
  [{"value": {"start", "end", "text", "labels": [..]}, "from_name": "label", "to_name":
  "text", "type": "labels"}]}]}``; import reads the first annotation that was not cancelled,
  or the first prediction when a task has no annotation;
- ``prodigy``: JSONL ``{"text", "spans": [{"start", "end", "label", "text"}], "meta": {}}``.

The tools know only spans and labels. So that the normalised fields (value, unit, qualifier,
value_max, object, indicator) survive a trip through a tool, export stores them with the task
under ``"xhextract"`` (for Label Studio inside ``data``), keyed by ``"start:end:LABEL"``,
together with the doc id and the declared ``labels`` of a gold file. Import gives every span
whose start, end and label are unchanged its stored fields back; a span the annotator added or
changed comes back without them (and the gold validator then asks for them).

Offsets are code points, half-open, as everywhere in xhextract. Label Studio versions before
2022 stored JavaScript (UTF-16) offsets: on import a span whose `text` does not match its code
point slice but does match its UTF-16 slice is converted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gold import GoldDoc, load_gold
from .io import read_document, text_sha256
from .schema import GUIDELINE_VERSION

FORMATS: tuple[str, ...] = ("doccano", "doccano-entities", "labelstudio", "prodigy")
META_KEY = "xhextract"
SPAN_KEYS = ("start", "end", "text", "label")


class InterchangeError(ValueError):
    """A tool file that cannot be converted; the message is one line."""


@dataclass
class SpanDoc:
    """A document with its text and mentions: the unit of import and export."""

    doc: str
    text: str
    mentions: list[dict[str, Any]]
    labels: list[str] | None = None
    guideline: str | None = GUIDELINE_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_gold(self) -> dict[str, Any]:
        """The gold file object (ANNOTATION.md section 6), mentions sorted by offsets."""
        out: dict[str, Any] = {"doc": self.doc, "text_sha256": text_sha256(self.text)}
        if self.guideline is not None:
            out["guideline"] = self.guideline
        if self.labels is not None:
            out["labels"] = list(self.labels)
        out["mentions"] = sorted(
            (dict(m) for m in self.mentions), key=lambda m: (m["start"], m["end"], m["label"])
        )
        return out

    def to_records(self) -> list[dict[str, Any]]:
        """The mentions as records.jsonl lines (with `doc`), in offset order."""
        return [{"doc": self.doc, **m} for m in self.to_gold()["mentions"]]


def _key(start: int, end: int, label: str) -> str:
    return f"{start}:{end}:{label}"


def _stash(sd: SpanDoc) -> dict[str, Any]:
    """What the tools cannot hold: doc id, declared labels and per-span normalised fields."""
    fields_by_span = {}
    for m in sd.mentions:
        rest = {k: v for k, v in m.items() if k not in SPAN_KEYS}
        if rest:
            fields_by_span[_key(m["start"], m["end"], m["label"])] = rest
    meta: dict[str, Any] = {"doc": sd.doc, "fields": fields_by_span}
    if sd.labels is not None:
        meta["labels"] = list(sd.labels)
    if sd.guideline is not None:
        meta["guideline"] = sd.guideline
    return meta


# ---------------------------------------------------------------- export

def export_task(sd: SpanDoc, fmt: str) -> dict[str, Any]:
    """One document as one task of the tool format `fmt`."""
    spans = sorted(sd.mentions, key=lambda m: (m["start"], m["end"], m["label"]))
    stash = _stash(sd)
    if fmt == "doccano":
        return {"text": sd.text, "label": [[m["start"], m["end"], m["label"]] for m in spans],
                "doc": sd.doc, META_KEY: stash}
    if fmt == "doccano-entities":
        entities = [
            {"id": i + 1, "label": m["label"], "start_offset": m["start"], "end_offset": m["end"]}
            for i, m in enumerate(spans)
        ]
        return {"text": sd.text, "entities": entities, "relations": [], "doc": sd.doc,
                META_KEY: stash}
    if fmt == "labelstudio":
        result = [
            {
                "id": f"x{i}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": "manual",
                "value": {"start": m["start"], "end": m["end"], "text": sd.text[m["start"]:m["end"]],
                          "labels": [m["label"]]},
            }
            for i, m in enumerate(spans)
        ]
        return {"data": {"text": sd.text, "doc": sd.doc, META_KEY: stash},
                "annotations": [{"result": result}]}
    if fmt == "prodigy":
        return {
            "text": sd.text,
            "spans": [{"start": m["start"], "end": m["end"], "label": m["label"],
                       "text": sd.text[m["start"]:m["end"]]} for m in spans],
            "meta": {"doc": sd.doc},
            "answer": "accept",
            META_KEY: stash,
        }
    raise InterchangeError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def export_docs(docs: Iterable[SpanDoc], fmt: str) -> list[dict[str, Any]]:
    """Documents as tasks of `fmt`, in the given order."""
    return [export_task(sd, fmt) for sd in docs]


def write_tasks(path: Path | str, tasks: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Write tasks as the tool reads them: a JSON array for Label Studio, JSONL otherwise."""
    path = Path(path)
    if fmt == "labelstudio":
        path.write_text(json.dumps(list(tasks), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for task in tasks:
            fh.write(json.dumps(task, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- import

def read_tasks(path: Path | str) -> list[dict[str, Any]]:
    """Tasks of a tool file: a JSON array, one JSON object, or JSONL."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InterchangeError(f"{path}: {exc.strerror or exc}") from None
    stripped = raw.lstrip()
    if stripped.startswith("["):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InterchangeError(f"{path}: not valid JSON ({exc.msg})") from None
        tasks = data
    else:
        tasks = []
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    tasks.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise InterchangeError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
    if not all(isinstance(t, dict) for t in tasks):
        raise InterchangeError(f"{path}: every task must be a JSON object")
    return tasks


def _utf16_to_cp(text: str) -> dict[int, int]:
    """Map UTF-16 code-unit offsets (JavaScript) to code-point offsets."""
    table = {0: 0}
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        table[units] = i + 1
    return table


def _raw_spans(task: Mapping[str, Any], fmt: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, label, text as the tool recorded it or None) of one task."""
    if fmt == "doccano":
        spans = task.get("label", task.get("labels", []))
        out = []
        for s in spans:
            if not (isinstance(s, list | tuple) and len(s) == 3):
                raise InterchangeError(f"doccano span {s!r} is not [start, end, label]")
            out.append((s[0], s[1], s[2], None))
        return out
    if fmt == "doccano-entities":
        return [(e["start_offset"], e["end_offset"], e["label"], None) for e in task.get("entities", [])]
    if fmt == "prodigy":
        if task.get("answer", "accept") != "accept":
            return []
        return [(s["start"], s["end"], s["label"], s.get("text")) for s in task.get("spans", [])]
    if fmt == "labelstudio":
        chosen = None
        for a in task.get("annotations", task.get("completions", [])) or []:
            if not a.get("was_cancelled"):
                chosen = a
                break
        if chosen is None:
            predictions = task.get("predictions") or []
            chosen = predictions[0] if predictions else {"result": []}
        out = []
        for r in chosen.get("result", []):
            value = r.get("value", {})
            if "start" not in value or "labels" not in value:
                continue  # not a span (a choice, a relation, a text area)
            for label in value["labels"]:
                out.append((value["start"], value["end"], label, value.get("text")))
        return out
    raise InterchangeError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def _task_text(task: Mapping[str, Any], fmt: str) -> str:
    text = task.get("data", {}).get("text") if fmt == "labelstudio" else task.get("text")
    if not isinstance(text, str):
        raise InterchangeError(f"{fmt} task without a text")
    return text


def _task_meta(task: Mapping[str, Any], fmt: str) -> tuple[str | None, dict[str, Any]]:
    """The doc id and the stash a task carries, wherever the tool kept them."""
    holders: list[Mapping[str, Any]] = []
    if fmt == "labelstudio":
        holders.append(task.get("data", {}))
    holders += [task, task.get("meta") or {}]
    stash: dict[str, Any] = {}
    doc = None
    for h in holders:
        if not stash and isinstance(h.get(META_KEY), dict):
            stash = h[META_KEY]
        if doc is None and isinstance(h.get("doc"), str):
            doc = h["doc"]
    return doc or stash.get("doc"), stash


def import_task(task: Mapping[str, Any], fmt: str, default_doc: str) -> SpanDoc:
    """One task of `fmt` as a SpanDoc; raises InterchangeError on offsets that miss the text."""
    text = _task_text(task, fmt)
    doc, stash = _task_meta(task, fmt)
    doc = doc or default_doc
    stored = stash.get("fields", {})
    utf16: dict[int, int] | None = None
    mentions: list[dict[str, Any]] = []
    for start, end, label, seen in _raw_spans(task, fmt):
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
            raise InterchangeError(f"{doc}: span {start!r}..{end!r} {label!r} is malformed")
        if seen is not None and text[start:end] != seen and fmt == "labelstudio":
            utf16 = utf16 or _utf16_to_cp(text)
            if start in utf16 and end in utf16 and text[utf16[start]:utf16[end]] == seen:
                start, end = utf16[start], utf16[end]
        if not 0 <= start < end <= len(text):
            raise InterchangeError(f"{doc}: span [{start}:{end}] {label} outside the text")
        if seen is not None and text[start:end] != seen:
            raise InterchangeError(
                f"{doc}: span [{start}:{end}] {label} is {text[start:end]!r} in the text "
                f"but {seen!r} in the file"
            )
        mention: dict[str, Any] = {"start": start, "end": end, "text": text[start:end], "label": label}
        mention.update(stored.get(_key(start, end, label), {}))
        mentions.append(mention)
    return SpanDoc(
        doc=doc,
        text=text,
        mentions=sorted(mentions, key=lambda m: (m["start"], m["end"], m["label"])),
        labels=stash.get("labels"),
        guideline=stash.get("guideline", GUIDELINE_VERSION),
    )


def import_docs(tasks: Iterable[Mapping[str, Any]], fmt: str) -> list[SpanDoc]:
    """Tasks of `fmt` as SpanDocs; a task without a doc id gets `doc<N>` (1-based)."""
    if fmt not in FORMATS:
        raise InterchangeError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    docs = [import_task(t, fmt, f"doc{n}") for n, t in enumerate(tasks, 1)]
    seen: set[str] = set()
    for sd in docs:
        if sd.doc in seen:
            raise InterchangeError(f"document {sd.doc!r} appears twice")
        seen.add(sd.doc)
    return docs


# ---------------------------------------------------------------- our side

def docs_from_gold(gold_dir: Path | str, docs_dir: Path | str) -> list[SpanDoc]:
    """Every gold file of `gold_dir` (top level) with its document text from `docs_dir`."""
    out = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = load_gold(path)
        out.append(span_doc_from_gold(gold, read_document(Path(docs_dir) / f"{gold.doc}.txt").text))
    return out


def span_doc_from_gold(gold: GoldDoc, text: str) -> SpanDoc:
    """A loaded gold file and its text as a SpanDoc."""
    return SpanDoc(
        doc=gold.doc,
        text=text,
        mentions=[dict(m) for m in gold.mentions],
        labels=list(gold.labels) if gold.labels is not None else None,
        guideline=gold.guideline,
    )


def docs_from_records(
    records: Iterable[Mapping[str, Any]], docs_dir: Path | str, docs: Iterable[str] | None = None
) -> list[SpanDoc]:
    """Predicted records grouped by `doc`, with the text of `docs_dir/<doc>.txt`.

    `docs` names documents to include even without records (all of them get a task).
    """
    grouped: dict[str, list[dict[str, Any]]] = {d: [] for d in (docs or [])}
    for r in records:
        grouped.setdefault(str(r["doc"]), []).append({k: v for k, v in r.items() if k != "doc"})
    return [
        SpanDoc(doc=d, text=read_document(Path(docs_dir) / f"{d}.txt").text, mentions=ms)
        for d, ms in sorted(grouped.items())
    ]


def write_gold_files(docs: Iterable[SpanDoc], out_dir: Path | str) -> list[Path]:
    """Write one gold file a document (`out_dir/<doc>.json`); returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for sd in docs:
        path = out / f"{sd.doc}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sd.to_gold(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
