"""Command line: a thin layer over batch.run_batch, scoring.evaluate and interchange."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

HELP = """Figures (with exact values, units and qualifiers) and named entities from Chinese
reports, news and notices, each with exact character offsets.

\b
Examples:
  xhextract run corpus --out outputs --html
  xhextract eval --gold gold --pred outputs/records.jsonl --docs corpus --out outputs/eval
  xhextract export --format labelstudio --docs corpus --pred outputs/records.jsonl --out tasks.json
  xhextract import tasks.json --format labelstudio --out gold

Run 'xhextract COMMAND --help' for a command's options.
"""

app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP, rich_markup_mode=None)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"xhextract {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    pass


class Engine(StrEnum):
    """Where `run` does its work."""

    local = "local"
    dask = "dask"


@app.command("run")
def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders: *.txt, recursive).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("outputs"),
    doc_date: Annotated[
        str | None, typer.Option(
            "--date",
            help="Document date (YYYY-MM-DD) for relative dates; default: each file name's date or year.",
        )
    ] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Rules and gazetteers only.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary line.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (or local Dask workers).")] = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run in OUT (its .progress.jsonl).")
    ] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="Where the work runs.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); with --engine dask.")
    ] = None,
    html: Annotated[
        bool, typer.Option("--html", help="Also write OUT/report.html: each text with its mentions highlighted.")
    ] = False,
) -> None:
    """Extract figures and entities into OUT.

    Reads PATHS (files, or folders searched for *.txt) and writes records.jsonl (one
    mention a line), records.csv, records.parquet, errors.jsonl (documents that could not be
    read), run.json (counts, options, versions), timings.json and, with --html, report.html
    (every text with its mentions highlighted and a table of its figures).

    Exit status: 0 all documents processed, 1 some failed (listed in errors.jsonl; the rest
    complete), 2 usage error, 130 interrupted (continue with --resume).
    """
    import os
    import signal

    from .batch import BatchUsageError, run_batch

    parsed = _parse_date(doc_date)
    for p in paths:
        if not os.path.lexists(p):
            raise typer.BadParameter(f"no such file or directory: {p}", param_hint="PATHS")
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"not a folder: {out}", param_hint="--out")
    if scheduler is not None and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    progress = not quiet and sys.stderr.isatty()
    try:
        result = run_batch(
            paths, out, doc_date=parsed, use_model=not no_model, jobs=jobs, resume=resume,
            engine=engine.value, scheduler=scheduler, progress=progress,
            report=lambda line: typer.echo(line, err=True),
        )
    except BatchUsageError as exc:
        typer.echo(f"xhextract run: {_one_line(exc)}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("xhextract run: interrupted (rerun with --resume to continue)", err=True)
        raise typer.Exit(130) from None
    except OSError as exc:
        typer.echo(f"xhextract run: {out}: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    if result.interrupted:
        typer.echo(
            f"xhextract run: interrupted after {result.documents} documents; "
            "rerun the same command with --resume to continue",
            err=True,
        )
        raise typer.Exit(130)
    if html:
        from .page import write_run_page

        try:
            write_run_page(out)
        except (OSError, ValueError) as exc:
            typer.echo(f"xhextract run: {out}/report.html: {_one_line(exc)}", err=True)
            raise typer.Exit(1) from None
    if not quiet:
        failed = len(result.errors)
        typer.echo(
            f"{result.documents} documents ({failed} failed), {result.records} records, "
            f"{result.characters} characters in {result.seconds:.1f} s -> {out}",
            err=True,
        )
    raise typer.Exit(1 if result.errors else 0)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}", param_hint="--date") from None


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold files (<doc>.json).")],
    pred: Annotated[Path, typer.Option("--pred", help="Predicted records (records.jsonl).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for scores.json, report.md, report.html.")],
    docs: Annotated[
        Path | None, typer.Option("--docs", help="Folder of the documents (<doc>.txt): checks text_sha256.")
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--doc", help="Score only this document (repeat for more).")
    ] = None,
    only_predicted: Annotated[
        bool, typer.Option("--only-predicted", help="Score only the gold documents that have predictions.")
    ] = False,
) -> None:
    """Score records against gold files.

    Precision, recall and F1 (SemEval-2013 schemes) and the accuracy of values. Writes scores.json, report.md and report.html (every error in its context) into OUT. A
    gold file may limit its labels with "labels": [...]; gold figures without values (spans
    from an annotation tool) are scored on their spans only.
    """
    from .gold import GoldError
    from .scoring import PredictionError, evaluate, write_reports

    try:
        result = evaluate(gold, pred, docs, only=only or None, only_predicted=only_predicted)
    except (GoldError, PredictionError) as exc:
        typer.echo(f"xhextract eval: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    write_reports(result, out)
    for scheme in result["schemes"]:
        s = result["micro"][scheme]
        typer.echo(f"{scheme:<8} P {s['precision']:.4f}  R {s['recall']:.4f}  F1 {s['f1']:.4f}")
    norm = result["normalisation"]
    if norm["accuracy"] is None:
        typer.echo(f"normalisation accuracy n/a (no gold values to check; {norm['unchecked']} matched figures)")
    else:
        typer.echo(f"normalisation accuracy {norm['accuracy']:.4f} (n={norm['n']})")
    dates = norm.get("dates") or {}
    if dates.get("n"):
        typer.echo(f"DATE value accuracy {dates['accuracy']:.4f} (n={dates['n']})")
    for name, f in result["facts"]["fields"].items():
        acc = "n/a" if f["accuracy"] is None else f"{f['accuracy']:.4f}"
        prec = "n/a" if f["precision"] is None else f"{f['precision']:.4f}"
        typer.echo(f"facts {name:<9} accuracy {acc} (n={f['n_gold']})  precision {prec} (n={f['n_pred']})")
    typer.echo(f"{result['n_documents']} documents, {len(result['errors'])} errors -> {out}")
    for warning in result["warnings"][:5]:
        typer.echo(f"xhextract eval: warning: {warning}", err=True)
    if len(result["warnings"]) > 5:
        typer.echo(f"xhextract eval: {len(result['warnings']) - 5} more warnings in {out}/report.md", err=True)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Export of the annotation tool.")],
    fmt: Annotated[str, typer.Option("--format", help="doccano, doccano-entities, labelstudio, prodigy.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for gold files (or a .jsonl file with --records).")],
    docs: Annotated[
        Path | None, typer.Option("--docs", help="Folder of the documents: the tool's texts must match them.")
    ] = None,
    records: Annotated[bool, typer.Option("--records", help="Write records.jsonl lines, not gold files.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing gold files.")] = False,
    map_label: Annotated[
        list[str] | None, typer.Option("--map-label", metavar="OLD=NEW",
                                       help="Rename a label of the tool (repeat for more).")
    ] = None,
    drop_unknown: Annotated[
        bool, typer.Option("--drop-unknown-labels", help="Drop spans whose label is not one of xhextract's.")
    ] = False,
) -> None:
    """Annotation tool export -> gold files.

    Turns the tasks exported by doccano, Label Studio or Prodigy into gold files (or records
    with --records) to score against. Each task becomes <doc>.json in OUT, named by the
    document id xhextract stored on export, else the task's "doc", else the tool's own id.
    Nothing is written when a label is unknown (rename it with --map-label, or
    --drop-unknown-labels) or an id would leave OUT.
    """
    from .gold import validate_gold
    from .interchange import (
        InterchangeError,
        import_docs,
        read_tasks,
        read_text,
        unknown_labels,
        write_gold_files,
    )
    from .io import write_jsonl
    from .schema import LABELS

    mapping = _label_map(map_label or [])
    try:
        if docs is not None and not docs.is_dir():
            raise InterchangeError(f"{docs}: no such folder (--docs)")
        imported = import_docs(read_tasks(file), fmt, mapping)
        unknown = unknown_labels(imported)
        if unknown and drop_unknown:
            for sd in imported:
                sd.mentions = [m for m in sd.mentions if m["label"] not in unknown]
            typer.echo(f"xhextract import: dropped {unknown.total()} spans of unknown labels "
                       f"{_counted(unknown)}", err=True)
        elif unknown:
            raise InterchangeError(
                f"{file}: unknown labels {_counted(unknown)}; map them with --map-label OLD=NEW "
                f"({' '.join(LABELS)}) or drop them with --drop-unknown-labels"
            )
        if docs is not None:
            for sd in imported:
                if read_text(docs / f"{sd.doc}.txt") != sd.text:
                    raise InterchangeError(f"{sd.doc}: the text in {file} differs from {docs}/{sd.doc}.txt")
    except InterchangeError as exc:
        typer.echo(f"xhextract import: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    if records:
        out.parent.mkdir(parents=True, exist_ok=True)
        n = write_jsonl(out, (r for sd in imported for r in sd.to_records()))
        typer.echo(f"{len(imported)} documents, {n} records -> {out}")
        return
    existing = [out / f"{sd.doc}.json" for sd in imported if (out / f"{sd.doc}.json").exists()]
    if existing and not force:
        typer.echo(f"xhextract import: {existing[0]} exists (use --force to overwrite)", err=True)
        raise typer.Exit(1)
    paths = write_gold_files(imported, out)
    for sd, path in zip(imported, paths, strict=True):
        for problem in validate_gold(sd.to_gold(), sd.text):
            typer.echo(f"xhextract import: {path}: {problem}", err=True)
    typer.echo(f"{len(paths)} gold files -> {out}")


def _label_map(pairs: list[str]) -> dict[str, str | None] | None:
    """--map-label OLD=NEW options as a mapping (an empty NEW drops the label)."""
    mapping: dict[str, str | None] = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip():
            raise typer.BadParameter(f"{pair!r} is not OLD=NEW", param_hint="--map-label")
        mapping[old.strip()] = new.strip() or None
    return mapping or None


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{label} ({n})" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help="doccano, doccano-entities, labelstudio, prodigy.")],
    docs: Annotated[Path, typer.Option("--docs", help="Folder of the documents (<doc>.txt).")],
    out: Annotated[Path, typer.Option("--out", help="Tool file to write (JSON for labelstudio, else JSONL).")],
    gold: Annotated[Path | None, typer.Option("--gold", help="Export these gold files.")] = None,
    pred: Annotated[Path | None, typer.Option("--pred", help="Export these records (pre-annotation).")] = None,
) -> None:
    """Gold or records -> annotation tool tasks.

    Writes gold files, or the extractor's records as pre-annotations to correct, as tasks of
    an annotation tool. Load OUT into doccano, Label Studio or Prodigy to correct it; values, units and document
    ids travel with the tasks, so `xhextract import` gets them back.
    """
    from .gold import GoldError
    from .interchange import (
        InterchangeError,
        docs_from_gold,
        docs_from_records,
        export_docs,
        write_tasks,
    )
    from .io import read_jsonl

    if (gold is None) == (pred is None):
        typer.echo("xhextract export: give exactly one of --gold and --pred", err=True)
        raise typer.Exit(2)
    try:
        if pred is not None:
            try:
                rows = read_jsonl(pred)
            except OSError as exc:
                raise InterchangeError(f"{pred}: {exc.strerror or exc}") from None
            except ValueError as exc:
                raise InterchangeError(f"{pred}: not valid JSON lines ({exc})") from None
            span_docs = docs_from_records(rows, docs)
        else:
            assert gold is not None
            span_docs = docs_from_gold(gold, docs)
        tasks = export_docs(span_docs, fmt)
        write_tasks(out, tasks, fmt)
    except (GoldError, InterchangeError) as exc:
        typer.echo(f"xhextract export: {_one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(f"xhextract export: {out}: {exc.strerror or _one_line(exc)}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{len(tasks)} tasks ({fmt}) -> {out}")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n")) or type(exc).__name__


def main() -> None:
    """Console-script entry point."""
    app(prog_name="xhextract")


if __name__ == "__main__":
    sys.exit(main())
