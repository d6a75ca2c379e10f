"""Span files of annotation tools <-> gold files and records (doccano, Label Studio, Prodigy).

One interchange unit is a `SpanDoc`: a document id, its full text and its mentions (records
without `doc`). Each format is one `Format` entry of `REGISTRY` (how a task is written, where
import finds its text, spans and ids); a new tool is a new entry. The formats, one task a
document:

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
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gold import GoldDoc, load_gold
from .io import DocumentError, read_document, text_sha256
from .schema import GUIDELINE_VERSION, LABELS

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


# ---------------------------------------------------------------- the formats

RawSpan = tuple[Any, Any, Any, "str | None"]  # start, end, label, text as the tool recorded it


def _doccano_export(sd: SpanDoc, spans: list[dict[str, Any]], stash: dict[str, Any]) -> dict[str, Any]:
    return {"text": sd.text, "label": [[m["start"], m["end"], m["label"]] for m in spans],
            "doc": sd.doc, META_KEY: stash}


def _doccano_spans(task: Mapping[str, Any]) -> list[RawSpan]:
    out: list[RawSpan] = []
    for s in task.get("label", task.get("labels", [])):
        if not (isinstance(s, list | tuple) and len(s) == 3):
            raise InterchangeError(f"doccano span {s!r} is not [start, end, label]")
        out.append((s[0], s[1], s[2], None))
    return out


def _entities_export(sd: SpanDoc, spans: list[dict[str, Any]], stash: dict[str, Any]) -> dict[str, Any]:
    entities = [
        {"id": i + 1, "label": m["label"], "start_offset": m["start"], "end_offset": m["end"]}
        for i, m in enumerate(spans)
    ]
    return {"text": sd.text, "entities": entities, "relations": [], "doc": sd.doc, META_KEY: stash}


def _entities_spans(task: Mapping[str, Any]) -> list[RawSpan]:
    return [(e["start_offset"], e["end_offset"], e["label"], None) for e in task.get("entities", [])]


def _studio_export(sd: SpanDoc, spans: list[dict[str, Any]], stash: dict[str, Any]) -> dict[str, Any]:
    result = [
        {
            "id": f"x{i}", "from_name": "label", "to_name": "text", "type": "labels",
            "origin": "manual",
            "value": {"start": m["start"], "end": m["end"], "text": sd.text[m["start"]:m["end"]],
                      "labels": [m["label"]]},
        }
        for i, m in enumerate(spans)
    ]
    return {"data": {"text": sd.text, "doc": sd.doc, META_KEY: stash},
            "annotations": [{"result": result}]}


def _studio_spans(task: Mapping[str, Any]) -> list[RawSpan]:
    """The first annotation that was not cancelled, else the first prediction."""
    chosen = None
    for a in task.get("annotations", task.get("completions", [])) or []:
        if not a.get("was_cancelled"):
            chosen = a
            break
    if chosen is None:
        predictions = task.get("predictions") or []
        chosen = predictions[0] if predictions else {"result": []}
    out: list[RawSpan] = []
    for r in chosen.get("result", []):
        value = r.get("value", {})
        if "start" not in value or "labels" not in value:
            continue  # not a span (a choice, a relation, a text area)
        for label in value["labels"]:
            out.append((value["start"], value["end"], label, value.get("text")))
    return out


def _prodigy_export(sd: SpanDoc, spans: list[dict[str, Any]], stash: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": sd.text,
        "spans": [{"start": m["start"], "end": m["end"], "label": m["label"],
                   "text": sd.text[m["start"]:m["end"]]} for m in spans],
        "meta": {"doc": sd.doc},
        "answer": "accept",
        META_KEY: stash,
    }


def _prodigy_spans(task: Mapping[str, Any]) -> list[RawSpan]:
    if task.get("answer", "accept") != "accept":
        return []
    return [(s["start"], s["end"], s["label"], s.get("text")) for s in task.get("spans", [])]


def _top(task: Mapping[str, Any]) -> Mapping[str, Any]:
    return task


def _data(task: Mapping[str, Any]) -> Mapping[str, Any]:
    data = task.get("data")
    return data if isinstance(data, Mapping) else {}


def _meta(task: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = task.get("meta")
    return meta if isinstance(meta, Mapping) else {}


@dataclass(frozen=True)
class Format:
    """One annotation tool's task format: how a task is written, and where import finds things.

    `holder` is the object holding the text (and, first, the doc id and stash); `tool_id` the
    object whose "id" is the tool's own id of the task; `utf16` marks tools whose older
    versions wrote JavaScript (UTF-16) offsets; `json_array` a file that is one JSON array.
    """

    name: str
    export: Callable[[SpanDoc, list[dict[str, Any]], dict[str, Any]], dict[str, Any]]
    spans: Callable[[Mapping[str, Any]], list[RawSpan]]
    holder: Callable[[Mapping[str, Any]], Mapping[str, Any]] = _top
    tool_id: Callable[[Mapping[str, Any]], Mapping[str, Any]] = _top
    utf16: bool = False
    json_array: bool = False


REGISTRY: dict[str, Format] = {
    f.name: f
    for f in (
        Format("doccano", _doccano_export, _doccano_spans),
        Format("doccano-entities", _entities_export, _entities_spans),
        Format("labelstudio", _studio_export, _studio_spans, holder=_data, utf16=True,
               json_array=True),
        Format("prodigy", _prodigy_export, _prodigy_spans, tool_id=_meta),
    )
}
FORMATS: tuple[str, ...] = tuple(REGISTRY)


def get_format(name: str) -> Format:
    """The registered format `name`; InterchangeError naming the known ones otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise InterchangeError(f"unknown format {name!r} (one of {', '.join(FORMATS)})") from None


# ---------------------------------------------------------------- export

def export_task(sd: SpanDoc, fmt: str) -> dict[str, Any]:
    """One document as one task of the tool format `fmt`."""
    spans = sorted(sd.mentions, key=lambda m: (m["start"], m["end"], m["label"]))
    return get_format(fmt).export(sd, spans, _stash(sd))


def export_docs(docs: Iterable[SpanDoc], fmt: str) -> list[dict[str, Any]]:
    """Documents as tasks of `fmt`, in the given order."""
    return [export_task(sd, fmt) for sd in docs]


def write_tasks(path: Path | str, tasks: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Write tasks as the tool reads them (a JSON array or JSONL); creates missing folders."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if get_format(fmt).json_array:
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


def _task_meta(task: Mapping[str, Any], fmt: Format) -> tuple[str | None, dict[str, Any]]:
    """The doc id and the stash a task carries, wherever the tool kept them.

    The id is, in order: the one xhextract stored on export, a "doc" field, the tool's own
    id of the task (doccano's and Label Studio's "id", Prodigy's meta "id").
    """
    holders = [fmt.holder(task), task, _meta(task)]
    stash: dict[str, Any] = {}
    doc = None
    for h in holders:
        if not stash and isinstance(h.get(META_KEY), dict):
            stash = h[META_KEY]
        if doc is None and isinstance(h.get("doc"), str):
            doc = h["doc"]
    if doc is None and isinstance(stash.get("doc"), str):
        doc = stash["doc"]
    if doc is None:
        tool_id = fmt.tool_id(task).get("id")
        if isinstance(tool_id, str | int) and not isinstance(tool_id, bool):
            doc = str(tool_id)
    return doc, stash


def check_doc_id(doc: str) -> str:
    """`doc` if it names a file inside the output folder ('a/b' may; '../x', '/x' may not)."""
    parts = doc.split("/")
    if (
        not doc or doc.startswith("/") or "\\" in doc or "\x00" in doc or ":" in parts[0]
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise InterchangeError(
            f"document id {doc!r} is not a relative path inside the output folder "
            "(no '..', no leading '/', no empty parts); rename it in the tool file"
        )
    return doc


def import_task(
    task: Mapping[str, Any], fmt: str, default_doc: str,
    label_map: Mapping[str, str | None] | None = None,
) -> SpanDoc:
    """One task of `fmt` as a SpanDoc; raises InterchangeError on offsets that miss the text.

    `label_map` renames the tool's labels (a label mapped to None drops its spans).
    """
    form = get_format(fmt)
    text = form.holder(task).get("text")
    if not isinstance(text, str):
        raise InterchangeError(f"{fmt} task without a text")
    doc, stash = _task_meta(task, form)
    doc = check_doc_id(default_doc if doc is None else doc)
    stored = stash.get("fields", {})
    utf16: dict[int, int] | None = None
    mentions: list[dict[str, Any]] = []
    for start, end, label, seen in form.spans(task):
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
            raise InterchangeError(f"{doc}: span {start!r}..{end!r} {label!r} is malformed")
        if seen is not None and text[start:end] != seen and form.utf16:
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
        if label_map is not None and label in label_map:
            new = label_map[label]
            if new is None:
                continue
            label = new
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


def import_docs(
    tasks: Iterable[Mapping[str, Any]], fmt: str,
    label_map: Mapping[str, str | None] | None = None,
) -> list[SpanDoc]:
    """Tasks of `fmt` as SpanDocs; a task without any doc id gets `doc<N>` (1-based)."""
    get_format(fmt)
    docs = [import_task(t, fmt, f"doc{n}", label_map) for n, t in enumerate(tasks, 1)]
    seen: set[str] = set()
    for sd in docs:
        if sd.doc in seen:
            raise InterchangeError(f"document {sd.doc!r} appears twice")
        seen.add(sd.doc)
    return docs


def unknown_labels(docs: Iterable[SpanDoc]) -> Counter[str]:
    """How many spans of each label outside the guideline's LABELS the documents hold."""
    return Counter(m["label"] for sd in docs for m in sd.mentions if m["label"] not in LABELS)


# ---------------------------------------------------------------- our side

def read_text(path: Path) -> str:
    """A document's text; InterchangeError naming the file and the reason."""
    try:
        return read_document(path).text
    except DocumentError as exc:
        raise InterchangeError(f"{path}: {exc}") from None


def _folder(path: Path | str, what: str) -> Path:
    path = Path(path)
    if not path.is_dir():
        raise InterchangeError(f"{path}: no such folder ({what})")
    return path


def docs_from_gold(gold_dir: Path | str, docs_dir: Path | str) -> list[SpanDoc]:
    """Every gold file of `gold_dir` (top level) with its document text from `docs_dir`."""
    gold_dir, docs_dir = _folder(gold_dir, "gold files"), _folder(docs_dir, "documents")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise InterchangeError(f"{gold_dir}: no gold files (*.json)")
    out = []
    for path in paths:
        gold = load_gold(path)
        out.append(span_doc_from_gold(gold, read_text(docs_dir / f"{gold.doc}.txt")))
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
    docs_dir = _folder(docs_dir, "documents")
    grouped: dict[str, list[dict[str, Any]]] = {d: [] for d in (docs or [])}
    for r in records:
        grouped.setdefault(str(r["doc"]), []).append({k: v for k, v in r.items() if k != "doc"})
    return [
        SpanDoc(doc=d, text=read_text(docs_dir / f"{d}.txt"), mentions=ms)
        for d, ms in sorted(grouped.items())
    ]


def write_gold_files(docs: Iterable[SpanDoc], out_dir: Path | str) -> list[Path]:
    """Write one gold file a document (`out_dir/<doc>.json`); returns the paths."""
    docs = list(docs)
    for sd in docs:
        check_doc_id(sd.doc)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for sd in docs:
        path = out / f"{sd.doc}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sd.to_gold(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
