"""Mentions to plain records (ANNOTATION.md section 6) and tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .schema import Mention

RECORD_COLUMNS = [
    "doc", "start", "end", "text", "label", "value", "value_max", "unit", "qualifier",
    "object", "indicator", "source",
]


def to_records(doc: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    """One dict a mention, `doc` first, in offset order."""
    return [{"doc": doc, **m.to_dict()} for m in mentions]


def records_frame(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Records as a table with a fixed column set (absent optional fields are empty)."""
    frame = pd.DataFrame(list(records), columns=RECORD_COLUMNS)
    frame["value"] = frame["value"].astype(object).map(lambda v: "" if v is None or v != v else str(v))
    frame["value_max"] = frame["value_max"].astype(object).map(lambda v: "" if v is None or v != v else str(v))
    return frame
