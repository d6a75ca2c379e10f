"""MONEY/PERCENT/QUANTITY/CARDINAL/ORDINAL found on characters (work in progress)."""

from __future__ import annotations

from ..schema import Mention


def find_quantities(text: str) -> list[Mention]:
    return []
