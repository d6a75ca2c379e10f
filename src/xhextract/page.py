"""The page of a run (report.html): each document's text with every mention highlighted by
label, and its figures as a table beside it, so that a run without gold can be looked at.

One self-contained file: inline CSS, no scripts, nothing loaded. Hovering a mention shows its
fields (the browser's tooltip of `title`); each figure of the table links to its place in the
text. Pure functions over records and texts, plus `write_run_page` that reads a run's folder.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .schema import LABELS, NUMERIC_LABELS

LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#ffd6a5",
    "ORG": "#a8d8ff",
    "GPE": "#b8f2b0",
    "LOC": "#8eeccf",
    "FAC": "#d7c4ff",
    "DATE": "#fff3a0",
    "TIME": "#ffc9f0",
    "MONEY": "#ffb3b3",
    "PERCENT": "#b3c7ff",
    "QUANTITY": "#c9e77f",
    "CARDINAL": "#f5c6a5",
    "ORDINAL": "#d9d9d9",
}
OTHER_COLOUR = "#e0e0e0"
FONT_STACK = 'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'
# The figure fields shown in the facts table and the hover, in this order.
FACT_FIELDS = ("value", "unit", "qualifier", "indicator", "measure", "period", "subject", "object")


@dataclass(frozen=True)
class PageDoc:
    """One document of the page: its id, its text (None if unreadable now) and its records."""

    doc: str
    text: str | None
    records: Sequence[Mapping[str, Any]]
    error: str | None = None


def colour(label: str) -> str:
    """The highlight colour of a label (grey for labels outside the guideline)."""
    return LABEL_COLOURS.get(label, OTHER_COLOUR)


def css_string(value: str) -> str:
    """A label inside a CSS attribute selector in a <style> element (quotes, '<' escaped)."""
    return "".join(ch if ch.isalnum() or ch in "_-" else f"\\{ord(ch):x} " for ch in value)


def label_css(labels: Sequence[str], selectors: Sequence[str]) -> str:
    """One background rule a label for elements matched as `sel[data-label="..."]`."""
    return "\n".join(
        ", ".join(f'{sel}[data-label="{css_string(label)}"]' for sel in selectors)
        + f" {{ background: {colour(label)}; }}"
        for label in labels
    )


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def field_text(record: Mapping[str, Any], key: str) -> str:
    """A record field as shown on the page: refs by their text (and TIMEX value), numbers plain."""
    value = record.get(key)
    if value is None or value == "":
        return ""
    if isinstance(value, Mapping):
        text = str(value.get("text", ""))
        extra = value.get("value") or value.get("label")
        return f"{text} ({extra})" if extra else text
    if key == "value" and record.get("value_max") is not None:
        return f"{_number(value)}..{_number(record['value_max'])}"
    return _number(value)


def hover(record: Mapping[str, Any]) -> str:
    """The tooltip of a mention: label, offsets and every field it carries, one a line."""
    lines = [f"{record.get('label')} [{record.get('start')}:{record.get('end')}] {record.get('text', '')}"]
    keys = FACT_FIELDS if record.get("label") in NUMERIC_LABELS else ("value",)
    for key in keys:
        shown = field_text(record, key)
        if shown:
            lines.append(f"{key}: {shown}")
    if record.get("source"):
        lines.append(f"source: {record['source']}")
    return "\n".join(lines)


def mark_id(doc_index: int, i: int) -> str:
    return f"d{doc_index}-m{i}"


def _attrs(values: Mapping[str, str]) -> str:
    return " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in values.items())


def highlight_records(text: str, records: Sequence[Mapping[str, Any]], doc_index: int) -> tuple[str, list[int]]:
    """`text` as HTML with each record in a <mark>; indices of records that could not be placed
    (overlapping an earlier one, or offsets outside the text)."""
    order = sorted(range(len(records)), key=lambda i: (int(records[i]["start"]), -int(records[i]["end"])))
    out: list[str] = []
    left_over: list[int] = []
    pos = 0
    for i in order:
        r = records[i]
        start, end = int(r["start"]), int(r["end"])
        if start < pos or not 0 <= start < end <= len(text):
            left_over.append(i)
            continue
        out.append(html.escape(text[pos:start]))
        attrs = {"class": "m", "id": mark_id(doc_index, i), "data-label": str(r["label"]),
                 "data-start": str(start), "data-end": str(end), "title": hover(r)}
        out.append(f"<mark {_attrs(attrs)}>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out), left_over


def facts_table(records: Sequence[Mapping[str, Any]], doc_index: int, placed: set[int]) -> str:
    """The figures of a document, one row each, linked to their place in the text."""
    rows = []
    for i, r in enumerate(records):
        if r.get("label") not in NUMERIC_LABELS:
            continue
        figure = html.escape(str(r.get("text", "")))
        if i in placed:
            figure = f'<a href="#{mark_id(doc_index, i)}">{figure}</a>'
        label = html.escape(str(r["label"]), quote=True)
        cells = "".join(f"<td>{html.escape(field_text(r, k))}</td>" for k in FACT_FIELDS)
        rows.append(f'<tr data-record="{i}"><td><span class="sw" data-label="{label}">{label}</span></td>'
                    f"<td>{figure}</td>{cells}</tr>")
    if not rows:
        return '<p class="none">No figures.</p>'
    head = "".join(f"<th>{k}</th>" for k in ("label", "figure", *FACT_FIELDS))
    return f'<table class="facts"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _section(d: PageDoc, doc_index: int) -> str:
    counts = Counter(str(r["label"]) for r in d.records)
    summary = ", ".join(f"{lab} {counts[lab]}" for lab in [*LABELS, *sorted(set(counts) - set(LABELS))]
                        if counts[lab])
    head = (f'<section class="doc" id="doc-{doc_index}" data-doc="{html.escape(d.doc, quote=True)}">'
            f"<h2>{html.escape(d.doc)}</h2>")
    if d.error is not None:
        return f'{head}<p class="warn">{html.escape(d.error)}</p></section>'
    if d.text is None:
        return f'{head}<p class="warn">document text not available</p></section>'
    body, left_over = highlight_records(d.text, d.records, doc_index)
    placed = set(range(len(d.records))) - set(left_over)
    extra = ""
    if left_over:
        items = "".join(f"<li>{html.escape(hover(d.records[i]))}</li>" for i in left_over)
        extra = f'<p>Not shown in the text (overlapping or outside it):</p><ul class="overlaps">{items}</ul>'
    n_figures = sum(1 for r in d.records if r.get("label") in NUMERIC_LABELS)
    return (f"{head}<p>{len(d.text):,} characters, {len(d.records)} mentions"
            f"{': ' + html.escape(summary) if summary else ''}</p>"
            f'<div class="cols"><div class="text">{body}</div>'
            f'<div class="side"><h3>Figures ({n_figures})</h3>{facts_table(d.records, doc_index, placed)}'
            f"{extra}</div></div></section>")


def _css(labels: Sequence[str]) -> str:
    return f"""
body {{ font-family: {FONT_STACK}; margin: 1.5em; color: #222; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.2em; margin-top: 1.5em; }} h3 {{ font-size: 1em; margin: 0 0 .5em; }}
.legend span.sw, td span.sw {{ display: inline-block; padding: .1em .5em; margin: 0 .3em .3em 0;
  border-radius: 3px; font-size: .85em; }}
section.doc {{ border-top: 2px solid #999; }}
.cols {{ display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1em; align-items: start; }}
.text {{ white-space: pre-wrap; line-height: 1.9; border: 1px solid #ddd; padding: .5em; font-size: 1em;
  overflow-wrap: anywhere; max-height: 80vh; overflow-y: auto; }}
.side {{ max-height: 80vh; overflow: auto; }}
mark.m {{ background: {OTHER_COLOUR}; color: inherit; padding: 0 1px; border-radius: 2px; }}
mark.m:target {{ outline: 3px solid #d00; }}
{label_css(labels, ("mark.m", "span.sw"))}
table.facts {{ border-collapse: collapse; font-size: .85em; }}
table.facts th, table.facts td {{ border: 1px solid #ddd; padding: .15em .4em; vertical-align: top; text-align: left; }}
table.facts th {{ background: #f4f4f4; position: sticky; top: 0; }}
table.facts td:nth-child(-n+4) {{ white-space: nowrap; }}
.warn {{ color: #a00; }}
"""


def render_run_page(docs: Iterable[PageDoc], title: str = "xhextract run", note: str = "") -> str:
    """The whole page: a legend, a list of documents, then each document (text | figures)."""
    docs = list(docs)
    used = {str(r["label"]) for d in docs for r in d.records}
    labels = [*LABELS, *sorted(used - set(LABELS))]
    counts = Counter(str(r["label"]) for d in docs for r in d.records)
    legend = "".join(
        f'<span class="sw" data-label="{html.escape(lab, quote=True)}">{html.escape(lab)} {counts[lab]}</span>'
        for lab in labels
    )
    toc = "".join(
        f'<li><a href="#doc-{i}">{html.escape(d.doc)}</a>: '
        f"{html.escape(d.error) if d.error else f'{len(d.records)} mentions'}</li>"
        for i, d in enumerate(docs)
    )
    sections = "".join(_section(d, i) for i, d in enumerate(docs))
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{_css(labels)}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>{len(docs)} documents, {sum(counts.values())} mentions. {html.escape(note)}
Hover a mention for its fields; a figure in a table links to its place in the text.</p>
<div class="legend">{legend}</div>
<ul class="toc">{toc}</ul>
{sections}
</body>
</html>
"""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_run_page(out_dir: Path | str, name: str = "report.html") -> Path:
    """Write the page of the run in `out_dir` (its records.jsonl and run.json) and return it.

    Document texts are read again from the paths run.json lists (as given to the run, so the
    page is written from the folder the run was started in).
    """
    from .io import DocumentError, read_document

    out = Path(out_dir)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in _read_jsonl(out / "records.jsonl"):
        by_doc.setdefault(str(r["doc"]), []).append(r)
    docs = []
    for entry in run.get("per_document", []):
        doc = str(entry["doc"])
        if entry.get("error"):
            docs.append(PageDoc(doc, None, [], error=f"{entry.get('path')}: {entry['error']}"))
            continue
        try:
            text: str | None = read_document(Path(entry["path"])).text
        except DocumentError as exc:
            docs.append(PageDoc(doc, None, [], error=f"{entry['path']}: {exc}"))
            continue
        records = by_doc.get(doc, [])
        if text is not None and len(text) != entry.get("characters", len(text)):
            docs.append(PageDoc(doc, None, records, error=f"{entry['path']}: changed since the run"))
            continue
        docs.append(PageDoc(doc, text, records))
    inputs = ", ".join(run.get("options", {}).get("inputs", []))
    path = out / name
    path.write_text(render_run_page(docs, note=f"Inputs: {inputs}."), encoding="utf-8")
    return path
