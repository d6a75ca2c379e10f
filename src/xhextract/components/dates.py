"""DATE and TIME mentions with TIMEX3-style values, found by one compiled regex over the text.

Covers ANNOTATION.md section 8 and gold/GUIDELINES.md section 9: absolute dates (2020年, 2020年度,
１９８４年, 二〇二〇年, 12月1日, 2021年前三季度), relative dates resolved against the document
date (今年, 去年, 过去一年), periods (近五年, 一年来, “十四五”期间), durations (三年 P3Y, 6个月 P6M,
15天 P15D) and times of day (上午9时, 凌晨). Vague words (目前, 当前, 如今, 不久前) are not dates.
"""

from __future__ import annotations

import re
from datetime import date

from ..numbers import cn_int  # the one numeral alphabet (numbers.py)
from ..schema import Mention

_FW = str.maketrans("０１２３４５６７８９", "0123456789")

# ---- building blocks -------------------------------------------------------------------------
_D = "[0-9０-９]"
_CN = "[〇零一二三四五六七八九十两]"
_NUM = rf"(?:{_D}{{1,3}}(?:\.{_D})?|{_CN}[〇零一二三四五六七八九十两百千]{{0,3}}|[几数])"  # a small count (not a 4-digit year)
_YEAR = rf"(?:{_D}{{4}}|[〇零一二三四五六七八九]{{4}})"
_DASH = "[-—–~～至到]"
_MONTH = rf"(?:{_D}{{1,2}}|十[一二]?|[一二三四五六七八九正])月份?"
_DAY = rf"(?:{_D}{{1,2}}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号]"
_QUARTER = r"(?:前|第)?(?:[一二三四1-4１-４]|[一二三]、[二三四])季度(?:末|初)?"
_PART = rf"(?:{_QUARTER}|[上下]半年|年初|年底|年末|年中|初|底|末)"
_REL_YEAR = "(?:今年|去年|明年|前年|后年|上年|本年|当年|同年|次年|翌年|上一年|新的一年|全年)"
_PLAN = "(?:[“\"]?十[一二三四五六七]五[”\"]?)"
_TOD = "(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|午夜|今晨|今晚|昨晚|当晚)"
_CLOCK_CN = "(?:[一二]?十[一二三四]?|[一二三四五六七八九十])"

_PATTERN = rf"""
(?P<abs>
    (?<![0-9０-９.．])(?:公元)?
    (?:
        (?P<y1>{_YEAR})(?:年)?{_DASH}(?P<y2>{_YEAR})年度?          # 2021—2023年
      | (?P<y>{_YEAR})年(?P<fy>度)?                                 # 2020年, 2020年度
      | (?P<ry>{_REL_YEAR})
    )
    (?P<part>{_PART})?
    (?:(?P<m>{_MONTH})(?:(?P<d>{_DAY})|(?P<xun>上旬|中旬|下旬|初|底|末|中))?)?
    (?P<since>以来|同期)?
  | (?<![0-9０-９.．])(?P<m2>{_MONTH})(?:(?P<d2>{_DAY})|(?P<xun2>上旬|中旬|下旬|初|底|末))?
  | (?<![0-9０-９.．十])(?P<d3>{_D}{{1,2}}日)(?![0-9０-９])
)
| (?P<anniv>(?P<ak>建党|建军|建国|新中国成立)(?P<an>{_NUM})周?年)
| (?P<plan>{_PLAN}(?:期间|时期|末期?|初期?|以来)|[“"]十[一二三四五六七]五[”"](?!规划|纲要|计划|重大|专项|重点|发展|目标|时期|期间))
| (?P<rel>
    近(?:(?P<rn>{_NUM})|几|些)?年(?:来|以来)?
  | (?:过去|未来|今后|此后|最近)的?(?P<pn>{_NUM})个?(?P<pu>年|月|季度|周|天)(?:来|以来)?
  | (?P<sn>{_NUM})(?:多)?(?P<su>年|个多?月)(?:来|以来)
  | 多年来|这些年|这几年|近些年|前些年|新世纪|本世纪(?:初|中叶|末)?|上世纪(?:{_D}{{2}}|[五六七八九]十)年代
  | (?:{_D}{{2}}|[二三四五六七八九]十)年代(?:初|中期|末)?
  | 近日|日前|每年|每月|每季度|每半年|每周|每天|每日|当天|当日|今天|昨天|明天|同期
  | 首年|新年
  | (?P<qalone>[上下]半年|{_QUARTER}|年初|年底|年末|年中)
)
| (?P<dur>
    (?<![0-9０-９.．第])
    (?:(?P<dn1>{_NUM})(?:{_DASH}|、)?(?P<dn2>{_NUM})?|半)
    (?P<dmore>多)?
    (?P<du>年半?|个多?月|个半月|周年|周|个?星期|天)
    (?P<dhalf>半)?
    (?P<dq>以上|以内|之内|内|左右|多)?
    (?!{_D}|计划|规划|行动计划|级|代)
)
| (?P<time>
    {_TOD}(?:(?P<th>{_D}{{1,2}}|{_CLOCK_CN})[时点](?:(?P<tm>{_D}{{1,2}})分|半|整)?)?
  | (?<![0-9０-９.．])(?P<th2>{_D}{{1,2}})时(?P<tm2>{_D}{{1,2}})分
  | (?<![0-9０-９.．])(?P<th3>{_D}{{1,2}})时(?![间期代速刻效机尚光针空段节候装])
)
"""
_RE = re.compile(_PATTERN, re.VERBOSE)
# Founding years behind anniversary milestones (实现建军一百年奋斗目标 -> 2027).
_FOUNDED = {"建党": 1921, "建军": 1927, "建国": 1949, "新中国成立": 1949}
_PLAN_YEARS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026,
               "十六五": 2031, "十七五": 2036}
_REL_OFFSET = {"今年": 0, "本年": 0, "新的一年": 0, "全年": 0, "去年": -1, "上年": -1, "上一年": -1,
               "明年": 1, "次年": None, "翌年": None, "前年": -2, "后年": 2, "当年": None, "同年": None}
_DUR_UNIT = {"年": "Y", "周年": "Y", "月": "M", "周": "W", "星期": "W", "天": "D"}


def _quarter(part: str) -> str | None:
    """TIMEX suffix for a quarter or half: Q3, Q1/Q3 (first three quarters), H1."""
    if part in ("上半年",):
        return "H1"
    if part in ("下半年",):
        return "H2"
    m = re.fullmatch(r"(前|第)?([一二三四1-4１-４])季度(?:末|初)?", part)
    if not m:
        return None
    q = cn_int(m.group(2))
    if q is None or not 1 <= q <= 4:
        return None
    return f"Q1/Q{q}" if m.group(1) == "前" else f"Q{q}"


def _abs_value(g: dict[str, str | None], doc_date: date | None) -> str | None | bool:
    """TIMEX value of an absolute/relative calendar date; False when the match is not a date."""
    year: str | None = None
    if g["y1"]:
        y1, y2 = cn_int(g["y1"] or ""), cn_int(g["y2"] or "")
        return f"{y1}/{y2}" if y1 and y2 and y1 < y2 else None
    if g["y"]:
        y = cn_int(g["y"])
        if y is None or not 1000 <= y <= 2999:
            return False
        year = str(y)
    elif g["ry"]:
        off = _REL_OFFSET.get(g["ry"] or "")
        year = str(doc_date.year + off) if doc_date is not None and off is not None else None
    month_s = g["m"] or g["m2"]
    day_s = g["d"] or g["d2"]
    if month_s:
        mtxt = month_s.rstrip("份").rstrip("月")
        month = 1 if mtxt == "正" else cn_int(mtxt)
        if month is None or not 1 <= month <= 12:
            return False
        day = None
        if day_s:
            day = cn_int(day_s[:-1])
            if day is None or not 1 <= day <= 31:
                return False
        if g["ry"] and year is None and not g["m2"]:
            return None
        base = f"{year or 'XXXX'}-{month:02d}"
        return f"{base}-{day:02d}" if day else base
    if g["d3"]:
        day = cn_int(g["d3"][:-1])
        if day is None or not 1 <= day <= 31:
            return False
        return f"XXXX-XX-{day:02d}"
    if g["part"]:
        q = _quarter(g["part"] or "")
        if year and q:
            return "/".join(f"{year}-{x}" for x in q.split("/"))
        return year if q is None and year else None
    return year


def _dur_value(g: dict[str, str | None]) -> str | None:
    """ISO 8601 duration of a simple duration (三年 P3Y, 6个月 P6M, 一年半 P18M); None if vague."""
    if g["dn2"] or g["dmore"]:
        return None
    unit_word = (g["du"] or "").replace("个", "").replace("多", "")
    half = unit_word.endswith("半") or bool(g["dhalf"]) or unit_word == "半月"
    unit_word = unit_word.rstrip("半") or "月"
    if g["dn1"] is None:  # 半年, 半个月
        return "P6M" if unit_word == "年" else None
    if g["dn1"] in ("几", "数"):
        return None
    n = cn_int(g["dn1"]) if "." not in (g["dn1"] or "") else None
    if n is None:
        return None
    if half:
        if unit_word == "年":
            return f"P{n * 12 + 6}M"
        return None
    return f"P{n}{_DUR_UNIT.get(unit_word, 'D')}"


def _rel_value(g: dict[str, str | None], text: str, doc_date: date | None) -> str | None:
    """Value of a relative period: 近五年 P5Y, 一年来 P1Y, 过去一年 (the year before the document)."""
    if g["rn"]:
        n = cn_int(g["rn"])
        return f"P{n}Y" if n else None
    if g["pn"]:
        n = cn_int(g["pn"])
        unit = {"年": "Y", "月": "M", "季度": "Q", "周": "W", "天": "D"}[g["pu"] or "年"]
        if n is None:
            return None
        if text.startswith("过去") and n == 1 and unit == "Y" and doc_date is not None:
            return str(doc_date.year - 1)
        return f"P{n}{unit}"
    if g["sn"]:
        n = cn_int(g["sn"])
        unit = "Y" if g["su"] == "年" else "M"
        return f"P{n}{unit}" if n else None
    return None


def _time_value(g: dict[str, str | None], text: str) -> str | None:
    """TIMEX time of day (T09:00, T15:30) when an hour is written; afternoon hours move by 12."""
    hour_s = g["th"] or g["th2"] or g["th3"]
    if not hour_s:
        return None
    hour = cn_int(hour_s)
    minute = cn_int(g["tm"] or g["tm2"] or "0") or 0
    if hour is None or hour > 24 or minute > 59:
        return None
    if text.startswith(("下午", "晚上", "晚间", "傍晚", "今晚", "昨晚", "当晚")) and hour < 12:
        hour += 12
    if "半" in text[-2:]:
        minute = 30
    return f"T{hour:02d}:{minute:02d}"


# Every mention contains one of these characters, at most _BEFORE characters after its start and
# with at most _AFTER characters (lookaheads included) after it; the big regex only runs in the
# windows around them, which gives the same matches as a scan of the whole text, 3x faster.
_TRIGGER = re.compile(r"[年月日号季天周期时点代纪晨午晚早五]")
_BEFORE, _AFTER = 16, 10


def _matches(text: str) -> list[re.Match[str]]:
    """The matches of the date regex, looked for only near trigger characters."""
    out: list[re.Match[str]] = []
    n = len(text)
    windows: list[list[int]] = []
    for t in _TRIGGER.finditer(text):
        s, e = max(0, t.start() - _BEFORE), min(n, t.end() + _AFTER)
        if windows and s <= windows[-1][1]:
            windows[-1][1] = e
        else:
            windows.append([s, e])
    for s, e in windows:
        out.extend(_RE.finditer(text, s, e))
    return out


def find_dates(text: str, doc_date: date | None = None) -> list[Mention]:
    """All DATE and TIME mentions of `text`, with a TIMEX3-style `value` where it resolves."""
    out: list[Mention] = []
    for m in _matches(text):
        kind = m.lastgroup
        s, e = m.span()
        span = text[s:e]
        g = m.groupdict()
        value: str | None
        label = "DATE"
        if kind == "abs":
            v = _abs_value(g, doc_date)
            if v is False:
                continue
            value = v  # type: ignore[assignment]
            source = "dates"
        elif kind == "anniv":
            n = cn_int(g["an"] or "")
            value = str(_FOUNDED[g["ak"] or ""] + n) if n else None
            source = "dates:anniversary"
        elif kind == "plan":
            key = span.strip("“”\"")[:3]
            first = _PLAN_YEARS.get(key)
            value = f"{first}/{first + 4}" if first and ("期间" in span or "时期" in span) else None
            source = "dates:plan"
        elif kind == "rel":
            value = _rel_value(g, span, doc_date)
            source = "dates:relative"
        elif kind == "dur":
            if g["du"] == "周" and not (g["dn1"] or "").translate(_FW).isdigit():
                continue  # 四周 (all around), 一周 as a word: only 3周 is a duration here
            value = _dur_value(g)
            source = "dates:duration"
        else:
            label = "TIME"
            value = _time_value(g, span)
            source = "dates:time"
        out.append(Mention(s, e, span, label, value=value, source=source))
    return out
