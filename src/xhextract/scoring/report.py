"""Reports of an evaluation: scores.json, report.md (pandas tables) and one offline report.html."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..page import LABEL_COLOURS as LABEL_COLOURS  # re-exported: the colours of both pages
from ..page import OTHER_COLOUR, css_string, label_css
from ..schema import LABELS
from .facts import FACT_FIELDS
from .match import SCHEMES
from .metrics import normal_form

ERROR_COLUMNS = [
    "doc", "kind", "start", "end", "gold_text", "gold_label", "gold_norm",
    "pred_text", "pred_label", "pred_norm", "detail", "left", "span_text", "right",
]
FACTS_COLUMNS = ["field", "accuracy", "correct", "n_gold", "precision", "n_pred"]
FACTS_ERROR_COLUMNS = ["doc", "field", "start", "end", "text", "label", "gold", "pred",
                       "left", "span_text", "right"]
NOT_SCORED = "n/a"
SCORE_COLUMNS = ["precision", "recall", "f1", "correct", "incorrect", "partial", "missed",
                 "spurious", "possible", "actual"]


# ---------------------------------------------------------------- tables

def micro_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """One row a scheme: P/R/F1 and the counts."""
    rows = [{"scheme": s, **{c: result["micro"][s][c] for c in SCORE_COLUMNS}} for s in SCHEMES]
    return pd.DataFrame(rows, columns=["scheme", *SCORE_COLUMNS])


def label_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """One row a label: strict P/R/F1, the F1 of the other schemes, gold and predicted counts."""
    columns = ["label", "precision", "recall", "f1", "exact_f1", "partial_f1", "type_f1",
               "gold", "pred"]
    rows = []
    for label, per in result["labels"].items():
        strict = per["strict"]
        rows.append({
            "label": label,
            "precision": strict["precision"],
            "recall": strict["recall"],
            "f1": strict["f1"],
            "exact_f1": per["exact"]["f1"],
            "partial_f1": per["partial"]["f1"],
            "type_f1": per["type"]["f1"],
            "gold": strict["possible"],
            "pred": strict["actual"],
        })
    return pd.DataFrame(rows, columns=columns)


def normalisation_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """Normalisation accuracy by numeric label, with an overall row."""
    norm = result["normalisation"]
    rows = [{"label": k, **v} for k, v in norm["labels"].items()]
    rows.append({"label": "all", "accuracy": norm["accuracy"], "n": norm["n"],
                 "agree": norm.get("agree", 0)})
    dates = norm.get("dates") or {}
    if dates.get("n"):
        rows.append({"label": "DATE (TIMEX value)", "accuracy": dates["accuracy"],
                     "n": dates["n"], "agree": dates.get("agree", 0)})
    return pd.DataFrame(rows, columns=["label", "accuracy", "agree", "n"])


def facts_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """One row a facts field: accuracy over gold, precision over output, counts; n/a when n = 0."""
    fields = (result.get("facts") or {}).get("fields", {})
    rows = []
    for name in FACT_FIELDS:
        f = fields.get(name, {})
        rows.append({
            "field": name,
            "accuracy": NOT_SCORED if f.get("accuracy") is None else f["accuracy"],
            "correct": f.get("correct", 0),
            "n_gold": f.get("n_gold", 0),
            "precision": NOT_SCORED if f.get("precision") is None else f["precision"],
            "n_pred": f.get("n_pred", 0),
        })
    return pd.DataFrame(rows, columns=FACTS_COLUMNS)


def facts_error_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """Every facts mismatch of a strictly matched figure, with gold and output values and context."""
    return pd.DataFrame(list(result.get("facts_errors", [])), columns=FACTS_ERROR_COLUMNS)


def _facts_summary(result: Mapping[str, Any]) -> str:
    facts = result.get("facts") or {}
    line = (f"{facts.get('figures', 0)} strictly matched figures in {facts.get('documents', 0)} "
            f"documents that annotate facts.")
    skipped = facts.get("skipped_documents") or []
    if skipped:
        line += f" Not scored for facts (gold without facts fields): {', '.join(skipped)}."
    return line


def document_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """One row a scored document, documents with errors first."""
    rows = []
    for d in _documents_in_order(result):
        strict = d["scores"]["strict"]
        rows.append({
            "doc": d["doc"], "gold": d["n_gold"], "pred": d["n_pred"],
            "precision": strict["precision"], "recall": strict["recall"], "f1": strict["f1"],
            "errors": d["n_errors"], "ignored_pred": d["ignored_pred"],
        })
    return pd.DataFrame(rows, columns=["doc", "gold", "pred", "precision", "recall", "f1",
                                       "errors", "ignored_pred"])


def error_table(result: Mapping[str, Any]) -> pd.DataFrame:
    """Every error (missed, spurious, wrong label, wrong span, wrong value) with context."""
    return pd.DataFrame(list(result["errors"]), columns=ERROR_COLUMNS)


def markdown_table(frame: pd.DataFrame, digits: int = 4) -> str:
    """A DataFrame as a GitHub markdown table (cells escaped, floats rounded)."""
    def cell(v: Any) -> str:
        if v is None or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float):
            return f"{v:.{digits}f}"
        return str(v).replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "⏎")

    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *body])


# ---------------------------------------------------------------- files

def scores_data(result: Mapping[str, Any]) -> dict[str, Any]:
    """scores.json: micro, labels, normalisation (fixed shape) plus counts and a document list."""
    return {
        "micro": result["micro"],
        "labels": result["labels"],
        "normalisation": result["normalisation"],
        "facts": result.get("facts"),
        "documents": [
            {k: d[k] for k in ("doc", "labels", "n_gold", "n_pred", "ignored_pred", "n_errors", "scores")}
            for d in result["documents"]
        ],
        "n_errors": len(result["errors"]),
        "errors_by_kind": _errors_by_kind(result),
        "warnings": list(result.get("warnings", [])),
    }


def _errors_by_kind(result: Mapping[str, Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in result["errors"]:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    return dict(sorted(counts.items()))


def render_markdown(result: Mapping[str, Any]) -> str:
    """report.md: the score tables, the documents, and every error with its context."""
    errors = error_table(result)
    ctx = errors["left"].fillna("") + "【" + errors["span_text"].fillna("") + "】" + errors["right"].fillna("")
    shown = pd.DataFrame({
        "doc": errors["doc"],
        "kind": errors["kind"],
        "gold": [_side(r, "gold") for r in result["errors"]],
        "pred": [_side(r, "pred") for r in result["errors"]],
        "detail": errors["detail"],
        "context": ctx,
    })
    facts_errors = facts_error_table(result)
    facts_shown = pd.DataFrame({
        "doc": facts_errors["doc"],
        "field": facts_errors["field"],
        "figure": [f"{e['text']} [{e['start']}:{e['end']}] {e['label']}" for e in result.get("facts_errors", [])],
        "gold": facts_errors["gold"],
        "pred": facts_errors["pred"],
        "context": facts_errors["left"].fillna("") + "【" + facts_errors["span_text"].fillna("") + "】"
        + facts_errors["right"].fillna(""),
    })
    parts = [
        "# Evaluation report",
        "",
        f"Gold files from `{result.get('gold_dir', '')}`: "
        f"{result.get('n_documents', len(result['documents']))} documents. Offsets are half-open; schemes as in SemEval-2013 / nervaluate.",
        "",
        "## Micro-averaged scores",
        "",
        markdown_table(micro_table(result)),
        "",
        "## By label (strict P/R/F1; F1 of the other schemes)",
        "",
        markdown_table(label_table(result)),
        "",
        "## Normalisation accuracy (strict matches of numeric labels; DATE: its TIMEX value)",
        "",
        markdown_table(normalisation_table(result)),
        "",
        "## Facts of figures (strict matches; ANNOTATION.md section 5)",
        "",
        "Accuracy over the figures where the gold has the field, precision over those where the "
        "output has it; period and subject compare by span. " + _facts_summary(result),
        "",
        markdown_table(facts_table(result)),
        "",
        f"## Facts mismatches ({len(facts_shown)})",
        "",
        markdown_table(facts_shown) if len(facts_shown) else "None.",
        "",
        "## Documents",
        "",
        markdown_table(document_table(result)),
        "",
        f"## Errors ({len(result['errors'])})",
        "",
        markdown_table(shown) if len(shown) else "None.",
        "",
    ]
    if result.get("warnings"):
        parts += ["## Warnings", "", *[f"- {w}" for w in result["warnings"]], ""]
    return "\n".join(parts)


def _side(error: Mapping[str, Any], side: str) -> str:
    if error.get(f"{side}_label") is None:
        return ""
    text = f"{error[f'{side}_text']} [{error[f'{side}_start']}:{error[f'{side}_end']}] {error[f'{side}_label']}"
    norm = error.get(f"{side}_norm")
    return f"{text} ({norm})" if norm else text


def write_reports(result: Mapping[str, Any], out_dir: Path | str) -> dict[str, Path]:
    """Write scores.json, report.md and report.html into `out_dir`; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("scores.json", "report.md", "report.html")}
    paths["scores.json"].write_text(
        json.dumps(scores_data(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    paths["report.md"].write_text(render_markdown(result), encoding="utf-8")
    paths["report.html"].write_text(render_html(result), encoding="utf-8")
    return paths


# ---------------------------------------------------------------- HTML

def _documents_in_order(result: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Documents with errors first (most errors first), then by id."""
    return sorted(result["documents"], key=lambda d: (-d["n_errors"], d["doc"]))


def _css(labels: Sequence[str]) -> str:
    per_label = label_css(labels, ("mark.m", ".sw"))
    return f"""
body {{ font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1.5em;
       color: #222; }}
h1 {{ font-size: 1.5em; }} h2 {{ font-size: 1.2em; margin-top: 2em; }}
table.scores {{ border-collapse: collapse; margin: .5em 0 1em; font-size: .9em; }}
table.scores th, table.scores td {{ border: 1px solid #ccc; padding: .2em .5em; text-align: right; }}
table.scores td:first-child, table.scores th:first-child {{ text-align: left; }}
.legend span.sw {{ display: inline-block; padding: .1em .5em; margin: 0 .3em .3em 0;
                   border-radius: 3px; font-size: .85em; }}
.legend .key {{ margin-left: 1em; font-size: .85em; }}
section.doc {{ border-top: 2px solid #999; margin-top: 2em; }}
.cols {{ display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }}
.col h3 {{ font-size: 1em; margin: .5em 0; }}
.text {{ white-space: pre-wrap; line-height: 1.9; border: 1px solid #ddd; padding: .5em;
         font-size: .95em; overflow-wrap: anywhere; }}
mark.m {{ background: {OTHER_COLOUR}; color: inherit; padding: 0 1px; border-radius: 2px; }}
{per_label}
mark.m[data-status="missed"], mark.m[data-status="spurious"],
mark.m[data-status="wrong_span"], mark.m[data-status="wrong_label"] {{
  outline: 2px solid #d00; }}
mark.m[data-status="wrong_value"] {{ outline: 2px dashed #e07000; }}
mark.m:target {{ box-shadow: 0 0 0 3px #06c; }}
table.errors a {{ color: inherit; }}
ul.overlaps {{ font-size: .9em; }}
table.errors {{ border-collapse: collapse; font-size: .85em; margin: .5em 0; }}
table.errors td, table.errors th {{ border: 1px solid #ddd; padding: .15em .4em; vertical-align: top; }}
.ctx b {{ background: #ffe08a; font-weight: normal; }}
.warn {{ color: #a00; }}
"""


def mark_anchor(doc_index: int, side: str, start: Any, end: Any, label: Any) -> str:
    """The id of a mention's <mark> in the text columns (what error rows link to)."""
    return f"doc-{doc_index}-{side}-{start}-{end}-{css_string(str(label))}"


def _mark(m: Mapping[str, Any], side: str, anchor: str | None = None) -> str:
    label = str(m.get("label"))
    norm = normal_form(m)
    title = f"{label} [{m['start']}:{m['end']}] {m.get('status', '')}" + (f" {norm}" if norm else "")
    attrs = {
        "class": "m",
        "data-label": label,
        "data-start": str(m["start"]),
        "data-end": str(m["end"]),
        "data-side": side,
        "data-status": str(m.get("status", "")),
        "title": title,
    }
    if norm:
        attrs["data-norm"] = norm
    if anchor:
        attrs = {"id": anchor, **attrs}
    attr_text = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<mark {attr_text}>{html.escape(str(m.get('text') or ''))}</mark>"


def highlight(
    text: str, mentions: Sequence[Mapping[str, Any]], side: str, doc_index: int | None = None,
) -> tuple[str, list[Mapping[str, Any]]]:
    """`text` as HTML with mentions wrapped in <mark>; mentions that overlap a placed one are returned.

    With `doc_index` each mark gets the id `mark_anchor` gives it, for links to it.
    """
    placed: list[Mapping[str, Any]] = []
    left_over: list[Mapping[str, Any]] = []
    reach = 0
    for m in sorted(mentions, key=lambda m: (int(m["start"]), -int(m["end"]))):
        start, end = int(m["start"]), int(m["end"])
        if start >= reach and 0 <= start < end <= len(text):
            placed.append(m)
            reach = end
        else:
            left_over.append(m)
    out: list[str] = []
    pos = 0
    for m in placed:
        out.append(html.escape(text[pos : int(m["start"])]))
        anchor = None if doc_index is None else mark_anchor(doc_index, side, m["start"], m["end"], m["label"])
        out.append(_mark({**m, "text": text[int(m["start"]) : int(m["end"])]}, side, anchor))
        pos = int(m["end"])
    out.append(html.escape(text[pos:]))
    return "".join(out), left_over


def _column(doc: Mapping[str, Any], side: str, doc_index: int) -> str:
    mentions = doc[side]
    title = "gold" if side == "gold" else "predicted"
    if doc.get("text") is None:
        items = "".join(f"<li>{_mark(m, side)}</li>" for m in mentions)
        body = f'<ul class="mentions">{items}</ul>'
    else:
        body_html, left_over = highlight(doc["text"], mentions, side, doc_index)
        body = f'<div class="text">{body_html}</div>'
        if left_over:
            items = "".join(f"<li>{_mark(m, side)} [{m['start']}:{m['end']}]</li>" for m in left_over)
            body += f'<p>Overlapping mentions not shown inline:</p><ul class="overlaps">{items}</ul>'
    return f'<div class="col" data-side="{side}"><h3>{title} ({len(mentions)})</h3>{body}</div>'


def _linked_side(e: Mapping[str, Any], side: str, doc_index: int, linked: bool) -> str:
    """An error's gold or predicted mention, linked to its mark in the text when it has one."""
    shown = html.escape(_side(e, side))
    if not shown or not linked:
        return shown
    anchor = mark_anchor(doc_index, side, e[f"{side}_start"], e[f"{side}_end"], e[f"{side}_label"])
    return f'<a class="to-text" href="#{html.escape(anchor, quote=True)}">{shown}</a>'


def _error_rows(errors: Sequence[Mapping[str, Any]], doc_index: int = 0, linked: bool = False) -> str:
    rows = []
    for e in errors:
        ctx = (f'<span class="ctx">{html.escape(e.get("left", ""))}<b>{html.escape(e.get("span_text", ""))}'
               f'</b>{html.escape(e.get("right", ""))}</span>')
        rows.append(
            f"<tr><td>{html.escape(e['kind'])}</td><td>{_linked_side(e, 'gold', doc_index, linked)}</td>"
            f"<td>{_linked_side(e, 'pred', doc_index, linked)}</td><td>{html.escape(e.get('detail', ''))}</td>"
            f"<td>{ctx}</td></tr>"
        )
    head = "<tr><th>kind</th><th>gold</th><th>predicted</th><th>detail</th><th>context</th></tr>"
    return f'<table class="errors">{head}{"".join(rows)}</table>'


def _facts_errors_html(errors: Sequence[Mapping[str, Any]]) -> str:
    """The facts mismatches as a collapsible table with context (empty when there are none)."""
    if not errors:
        return ""
    rows = []
    for e in errors:
        ctx = (f'<span class="ctx">{html.escape(e.get("left", ""))}<b>{html.escape(e.get("span_text", ""))}'
               f'</b>{html.escape(e.get("right", ""))}</span>')
        figure = f"{e.get('text')} [{e['start']}:{e['end']}] {e.get('label')}"
        rows.append(
            f'<tr data-field="{html.escape(e["field"], quote=True)}"><td>{html.escape(e["doc"])}</td>'
            f"<td>{html.escape(e['field'])}</td><td>{html.escape(figure)}</td>"
            f"<td>{html.escape(e.get('gold', ''))}</td><td>{html.escape(e.get('pred', ''))}</td>"
            f"<td>{ctx}</td></tr>"
        )
    head = ("<tr><th>doc</th><th>field</th><th>figure</th><th>gold</th><th>predicted</th>"
            "<th>context</th></tr>")
    return (f'<details class="facts-errors"><summary>{len(errors)} facts mismatches</summary>'
            f'<table class="errors">{head}{"".join(rows)}</table></details>')


def _fixed(frame: pd.DataFrame) -> pd.DataFrame:
    """Float cells in four decimals (a column that mixes numbers and n/a escapes float_format)."""
    rows = [[f"{v:.4f}" if isinstance(v, float) else v for v in row]
            for row in frame.itertuples(index=False)]
    return pd.DataFrame(rows, columns=frame.columns)


def _frame_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, classes="scores", border=0, float_format=lambda x: f"{x:.4f}",
                         na_rep="")


def render_html(result: Mapping[str, Any]) -> str:
    """One self-contained page (inline CSS, no scripts or external resources)."""
    docs = _documents_in_order(result)
    used = {m["label"] for d in docs for side in ("gold", "pred") for m in d[side]}
    labels = list(LABELS) + sorted(used - set(LABELS))
    errors_by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for e in result["errors"]:
        errors_by_doc.setdefault(e["doc"], []).append(e)

    legend = "".join(
        f'<span class="sw" data-label="{html.escape(lab, quote=True)}">{html.escape(lab)}</span>'
        for lab in labels
    )
    toc = "".join(
        f'<li><a href="#doc-{i}">{html.escape(d["doc"])}</a>: {d["n_errors"]} errors, '
        f'strict F1 {d["scores"]["strict"]["f1"]:.3f}</li>'
        for i, d in enumerate(docs)
    )
    sections = []
    for i, d in enumerate(docs):
        strict = d["scores"]["strict"]
        errs = errors_by_doc.get(d["doc"], [])
        summary = (f"gold {d['n_gold']}, predicted {d['n_pred']}, strict P {strict['precision']:.3f} "
                   f"R {strict['recall']:.3f} F1 {strict['f1']:.3f}, {len(errs)} errors")
        if d.get("labels"):
            summary += f"; labels scored: {', '.join(d['labels'])}"
        linked = d.get("text") is not None
        err_html = (f"<details><summary>{len(errs)} errors</summary>{_error_rows(errs, i, linked)}</details>"
                    if errs else "")
        sections.append(
            f'<section class="doc" id="doc-{i}" data-doc="{html.escape(d["doc"], quote=True)}">'
            f"<h2>{html.escape(d['doc'])}</h2><p>{html.escape(summary)}</p>{err_html}"
            f'<div class="cols">{_column(d, "gold", i)}{_column(d, "pred", i)}</div></section>'
        )
    warnings = "".join(f'<li class="warn">{html.escape(w)}</li>' for w in result.get("warnings", []))
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>xhextract evaluation</title>
<style>{_css(labels)}</style>
</head>
<body>
<h1>xhextract evaluation</h1>
<p>Gold files from <code>{html.escape(str(result.get("gold_dir", "")))}</code>: {len(docs)} documents,
{len(result["errors"])} errors. Offsets are half-open code-point indices.</p>
{f"<ul>{warnings}</ul>" if warnings else ""}
<h2>Micro-averaged scores</h2>
{_frame_html(micro_table(result))}
<h2>By label</h2>
{_frame_html(label_table(result))}
<h2>Normalisation accuracy</h2>
{_frame_html(normalisation_table(result))}
<h2>Facts of figures</h2>
<p>Strict matches of MONEY, PERCENT, QUANTITY, CARDINAL: accuracy over the figures where the gold
has the field, precision over those where the output has it. {html.escape(_facts_summary(result))}</p>
{_frame_html(_fixed(facts_table(result)))}
{_facts_errors_html(result.get("facts_errors", []))}
<div class="legend">{legend}<span class="key">red outline: missed, spurious, wrong span or label;
dashed orange: wrong value (strict scheme)</span></div>
<h2>Documents</h2>
<ul class="toc">{toc}</ul>
{"".join(sections)}
</body>
</html>
"""
