"""The date of a document, read from its file name when `--date` does not give one.

Relative dates (去年, 今年, 明年) resolve against the document's year, so a report named
`gwr_national_2018.txt` or `2021-03-05_notice.txt` needs no option. Only a plausible year
(1949-2099) standing apart from other digits counts, so codes and counters are not dates.
"""

from __future__ import annotations

import re
from datetime import date

_FULL = re.compile(
    r"(?<![0-9])(?P<y>19[4-9][0-9]|20[0-9]{2})(?:[-_.年]?(?P<m>1[0-2]|0[1-9]|(?<=年)[1-9](?![0-9]))"
    r"(?:[-_.月]?(?P<d>0[1-9]|[12][0-9]|3[01]))?)?(?![0-9])"
)


def date_from_name(name: str) -> date | None:
    """The first date or year in a file name: 2021-03-05, 20210305, 2021年3月, 2018 -> a date
    (missing month or day taken as 1); None when the name holds no plausible year."""
    for m in _FULL.finditer(name):
        year = int(m.group("y"))
        month = int(m.group("m") or 1)
        day = int(m.group("d") or 1)
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
