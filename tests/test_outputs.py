"""Outputs an analyst can load: the same dtypes from CSV and Parquet, floats beside the exact
value strings, each mention's sentence, and runs that rewrite their files byte for byte."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from xhextract.batch import run_batch
from xhextract.records import RECORD_COLUMNS, RECORD_DTYPES, read_table, sentence_bounds

ROOT = Path(__file__).resolve().parents[1]
XHEXTRACT = str(Path(sys.executable).with_name("xhextract"))
DOCS = ("xuhui_innovation_2021", "policy_beijing_2022")


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run over two real documents and a passage with a range (value_max)."""
    src = tmp_path_factory.mktemp("in")
    for doc in DOCS:
        shutil.copy(ROOT / "corpus" / f"{doc}.txt", src / f"{doc}.txt")
    (src / "range.txt").write_text("预计增长5%—6%。投资3亿至5亿元！\n第二段没有句号", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = run_batch([src], out, report=lambda line: None)
    assert result.documents == 3 and not result.errors
    return out


def test_csv_and_parquet_load_with_the_same_dtypes_and_values(run_out: Path) -> None:
    from_csv = read_table(run_out / "records.csv")
    from_parquet = read_table(run_out / "records.parquet")
    pd.testing.assert_frame_equal(from_csv, from_parquet)
    # Parquet needs no help: its own types are the documented ones
    native = pd.read_parquet(run_out / "records.parquet")
    assert list(native.columns) == RECORD_COLUMNS
    assert native.dtypes.to_dict() == native.astype(RECORD_DTYPES).dtypes.to_dict()
    naive_csv = pd.read_csv(run_out / "records.csv")
    for column in ("start", "end", "value_float", "value_max_float"):
        assert naive_csv[column].dtype == native[column].dtype, column
    assert len(from_csv) == sum(1 for _ in open(run_out / "records.jsonl", encoding="utf-8"))


def test_float_columns_beside_the_exact_strings(run_out: Path) -> None:
    frame = read_table(run_out / "records.parquet")
    records = [json.loads(line) for line in (run_out / "records.jsonl").read_text("utf-8").splitlines()]
    figures = frame[frame["label"].isin(["MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"])]
    assert len(figures) > 20
    for row, rec in zip(frame.itertuples(), records, strict=True):
        if rec["label"] in ("DATE", "TIME"):
            assert pd.isna(row.value_float)  # a TIMEX value is not a number
        elif rec.get("value") is not None:
            assert row.value == str(rec["value"]) and row.value_float == float(rec["value"])
    ranges = frame[frame["value_max"].notna()]
    assert {(r.text, r.value_float, r.value_max_float) for r in ranges.itertuples()} >= {
        ("5%—6%", 5.0, 6.0), ("3亿至5亿元", 3e8, 5e8)}
    assert (frame.loc[frame["text"] == "近5.2亿元", "value_float"] == 520000000.0).all()


def test_each_mention_has_its_sentence(run_out: Path) -> None:
    frame = read_table(run_out / "records.csv")
    assert frame["sentence"].notna().all()
    for row in frame.itertuples():
        assert row.text in row.sentence, row
    short = frame[frame["doc"] == "range"].set_index("text")["sentence"].to_dict()
    assert short["5%—6%"] == "预计增长5%—6%。"
    assert short["3亿至5亿元"] == "投资3亿至5亿元！"
    text = (ROOT / "corpus" / "xuhui_innovation_2021.txt").read_text(encoding="utf-8")
    bounds = sentence_bounds(text)
    assert "".join(text[a:b] for a, b in bounds) == text
    assert all(b > a for a, b in bounds)


def _cli(cwd: Path, *args: str) -> None:
    done = subprocess.run([XHEXTRACT, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.slow
def test_running_twice_rewrites_every_committed_file_byte_for_byte(tmp_path: Path) -> None:
    """What `make run` does, twice, in a copy of the checkout's layout: nothing changes."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    for doc in DOCS:
        shutil.copy(ROOT / "corpus" / f"{doc}.txt", tmp_path / "corpus")
        shutil.copy(ROOT / "gold" / f"{doc}.json", tmp_path / "gold")
    snapshots = []
    for _ in range(2):
        _cli(tmp_path, "run", "corpus", "--out", "outputs", "--quiet", "--html")
        _cli(tmp_path, "eval", "--gold", "gold", "--pred", "outputs/records.jsonl", "--docs", "corpus",
             "--out", "outputs/eval")
        snapshots.append(_snapshot(tmp_path / "outputs"))
    first, second = snapshots
    assert "timings.json" in first and "run.json" in first and "report.html" in first
    del first["timings.json"], second["timings.json"]  # the one file that changes (not committed)
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name
    run = json.loads(first["run.json"])
    assert run["options"]["inputs"] == ["corpus"]  # relative to where the command ran
    assert "seconds" not in first["run.json"].decode("utf-8")
    gitignore = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "outputs/timings.json" in gitignore


def test_parquet_holds_exactly_the_rows_written_awkward_cells_included(tmp_path: Path) -> None:
    """Parquet row groups are parsed from the CSV text itself: only an empty cell is null;
    strings that other readers take for missing or numeric stay strings; floats round-trip."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from xhextract.records import TableFiles, flat_record, parquet_schema

    awkward = ["NA", "null", "nan", "None", "N/A", "-", "0.50", "1e3", "逗号,和\"引号\"", "换\n行", " 空格 "]
    rows = []
    for i, text in enumerate(awkward):
        record = {"doc": f"d{i}", "start": i, "end": i + len(text), "text": text, "label": "PERCENT",
                  "value": str([0.1, 1e-7, 123456789.123, 2.5, 1 / 3][i % 5]), "unit": "%"}
        rows.append(flat_record(record, sentence=text if i % 2 else None))
    files = TableFiles(tmp_path / "t.csv", tmp_path / "t.parquet", RECORD_COLUMNS, parquet_schema(),
                       batch_rows=4)
    files.write_rows(rows[:3])  # below one batch
    files.write_rows(rows[3:9])  # crosses it: a row group is written
    files.write_rows([])
    files.write_rows(rows[9:])
    files.close()
    written = pq.read_table(tmp_path / "t.parquet")
    assert written.equals(pa.Table.from_pylist(rows, schema=parquet_schema()))
    assert pq.ParquetFile(tmp_path / "t.parquet").metadata.num_row_groups == 2
    assert written.column("text").to_pylist() == awkward
    assert written.column("value_float").to_pylist()[:5] == [0.1, 1e-7, 123456789.123, 2.5, 1 / 3]
    assert written.column("qualifier").null_count == len(rows)
    assert read_table(tmp_path / "t.csv")["text"].tolist() == awkward
