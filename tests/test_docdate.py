"""Document dates from file names."""

from __future__ import annotations

from datetime import date

import pytest

import xhextract
from xhextract.docdate import date_from_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gwr_national_2018", date(2018, 1, 1)),
        ("2021-03-05_notice", date(2021, 3, 5)),
        ("report_20210305", date(2021, 3, 5)),
        ("20211205", date(2021, 12, 5)),
        ("2021年12月", date(2021, 12, 1)),
        ("xuhui_innovation_2021", date(2021, 1, 1)),
        ("2022年4月 通知", date(2022, 4, 1)),
        ("policy_no_date", None),
        ("code_123456789", None),
        ("item_3000", None),
    ],
)
def test_date_from_name(name: str, expected: date | None) -> None:
    assert date_from_name(name) == expected


def test_relative_years_resolve_against_the_name_date() -> None:
    text = "去年国内生产总值增长5%，今年预期增长5%左右。"
    values = {m.text: m.value for m in xhextract.extract(text, doc_date=date_from_name("gwr_2025"))
              if m.label == "DATE"}
    assert values == {"去年": "2024", "今年": "2025"}
