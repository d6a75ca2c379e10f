"""Command line: a thin layer over batch.run_batch and scoring.evaluate."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.command("run")
def run_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders: *.txt, recursive).")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("outputs"),
    doc_date: Annotated[
        str | None, typer.Option("--date", help="Document date (YYYY-MM-DD) for relative dates.")
    ] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Rules and gazetteers only.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract figures and entities from PATHS into OUT/records.jsonl and records.csv."""
    from .batch import run_batch

    parsed = _parse_date(doc_date)
    result = run_batch(paths, out, doc_date=parsed, use_model=not no_model)
    for err in result.errors:
        typer.echo(f"xhextract: {err['path']}: {err['error']}", err=True)
    if not quiet:
        typer.echo(f"{result.documents} documents, {result.records} records -> {out}", err=True)
    raise typer.Exit(1 if result.errors else 0)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}", param_hint="--date") from None


def main() -> None:
    """Console-script entry point."""
    app(prog_name="xhextract")


if __name__ == "__main__":
    sys.exit(main())
