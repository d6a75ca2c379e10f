"""facts.csv / facts.parquet of a run and xhextract.facts(): the same rows, types and values."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

import xhextract
from xhextract.batch import run_batch
from xhextract.facts_table import FACT_COLUMNS, csv_dtypes, facts_schema

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "corpus" / "gwr_national_2024.txt"


def test_facts_frame_on_a_real_report() -> None:
    text = DOC.read_text("utf-8")
    frame = xhextract.facts(text, doc_date="2024-03-05", doc="gwr_national_2024")
    assert list(frame.columns) == FACT_COLUMNS
    assert str(frame["start"].dtype) == "int64" and str(frame["value_float"].dtype) == "float64"
    figures = [m for m in xhextract.extract(text, doc_date=date(2024, 3, 5))
               if m.label in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL")]
    assert len(frame) == len(figures)
    for row, m in zip(frame.itertuples(), figures, strict=True):
        assert text[row.start : row.end] == row.text == m.text
        assert m.text in row.sentence
        assert Decimal(row.value) == m.value and abs(row.value_float - float(m.value)) <= 1e-9 * abs(float(m.value))
    gdp = frame[frame.text == "超过126万亿元"].iloc[0]
    assert (gdp.indicator, gdp.measure, gdp.unit, gdp.qualifier) == ("国内生产总值", "level", "CNY", "over")
    assert gdp.value == "126000000000000"
    growth = frame[(frame.indicator == "国内生产总值") & (frame.measure == "increase")]
    assert "5.2%" in set(growth.text)


def test_run_writes_facts_csv_and_parquet_with_the_same_rows(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "gwr_national_2024.txt").write_bytes(DOC.read_bytes())
    (src / "xuhui_innovation_2021.txt").write_bytes((ROOT / "corpus" / "xuhui_innovation_2021.txt").read_bytes())
    out = tmp_path / "out"
    run_batch([src], out)
    table = pq.read_table(out / "facts.parquet")
    assert table.schema.equals(facts_schema())
    parquet = table.to_pandas()
    csv = pd.read_csv(out / "facts.csv", dtype=csv_dtypes())
    assert parquet.dtypes.to_dict() == csv.dtypes.to_dict()
    pd.testing.assert_frame_equal(parquet, csv)
    # the table of a run is the table of xhextract.facts() on each document
    one = parquet[parquet.doc == "gwr_national_2024"].reset_index(drop=True)
    direct = xhextract.facts(DOC.read_text("utf-8"), doc_date=date(2024, 1, 1), doc="gwr_national_2024")
    pd.testing.assert_frame_equal(one, direct)
    assert set(parquet.doc) == {"gwr_national_2024", "xuhui_innovation_2021"}
    assert (parquet.subject == "徐汇区").any()


def test_import_stays_light() -> None:
    code = ("import sys, xhextract; xhextract.extract('2021年增长5%');"
            "assert 'pandas' not in sys.modules and 'spacy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
