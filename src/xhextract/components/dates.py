"""DATE and TIME mentions with TIMEX3-style values, found by one compiled regex over the text.

Covers ANNOTATION.md section 8 and gold/GUIDELINES.md section 9: absolute dates (2020年, 2020年度,
１９８４年, 二〇二〇年, 12月1日, 2021年前三季度), relative dates resolved against the document
date (今年, 去年, 过去一年), periods (近五年, 一年来, “十四五”期间), durations (三年 P3Y, 6个月 P6M,
15天 P15D) and times of day (上午9时, 凌晨). Vague words (目前, 当前, 如今, 不久前) are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..numbers import cn_int  # the one numeral alphabet (numbers.py)
from ..prefilter import compile_prefiltered, with_lookahead
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
_PART = rf"(?:{_QUARTER}|[上下]半年|全年|年初|年底|年末|年中|前{_NUM}个月|初|底|末)"
_REL_YEAR = "(?:今年|去年|明年|前年|后年|上年|本年|当年|同年|次年|翌年|上一年|新的一年|全年)"
_PLAN = "(?:[“\"]?十[一二三四五六七]五[”\"]?)"
_TOD = "(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|午夜|今晨|今晚|昨晚|当晚)"
_CLOCK_CN = "(?:[一二]?十[一二三四]?|[一二三四五六七八九十])"

_MNUM = rf"(?:{_D}{{1,2}}|十[一二]?|[一二三四五六七八九])"  # a month number without 月
_MRANGE = rf"(?:(?P<GROUP>{_MNUM})(?:月份?)?{_DASH})?"  # 1至 of 1至9月, 1月— of 1月—5月


@dataclass(frozen=True)
class _Branch:
    """One alternative of the date regex, with examples it must find in a sentence
    (tests/test_dates.py): a new branch cannot silently never fire."""

    name: str
    pattern: str
    examples: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.examples:
            raise ValueError(f"date branch {self.name!r} needs examples")


_BRANCHES: tuple[_Branch, ...] = (
    # public holidays: a holiday with 节 or with a word of its days (国庆假期, 春节期间, 五一小长假),
    # with the year before it (今年春节); first, so that 今年 does not end the date before 春节
    _Branch("holiday", rf"""
    (?:(?:{_YEAR}年|今年|去年|明年))?
    (?:(?:春节|元旦|元宵节?|清明节?|五一|劳动节|端午节?|中秋节?|国庆节?)
    (?:假期|长假|小长假|黄金周|期间|当天|前后)
  | 春节|元旦|元宵节|清明节|劳动节|端午节|中秋节|国庆节)""",
            ("国庆假期", "春节期间", "五一小长假", "国庆黄金周", "元旦", "中秋节", "今年春节")),
    _Branch("abs", rf"""
    (?<![0-9０-９.．])(?:公元)?
    (?:
        (?P<y1>{_YEAR})(?:年)?{_DASH}(?P<y2>{_YEAR})年度?          # 2021—2023年
      | (?P<y>{_YEAR})年(?P<fy>度)?                                 # 2020年, 2020年度
      | (?P<ry>{_REL_YEAR})
    )
    (?P<part>{_PART})?
    (?:{_MRANGE.replace("GROUP", "mr")}(?P<m>{_MONTH})(?:(?P<d>{_DAY})|(?P<xun>上旬|中旬|下旬|初|底|末|中))?)?
    (?P<since>以来|同期|同月)?
  | (?<![0-9０-９.．]){_MRANGE.replace("GROUP", "mr2")}(?P<m2>{_MONTH})(?:(?P<d2>{_DAY})|(?P<xun2>上旬|中旬|下旬|初|底|末))?
  | (?<![0-9０-９.．十])(?P<d3>{_D}{{1,2}}日)(?![0-9０-９])
""", ("2020年", "2020年度", "12月1日", "2024年1至9月", "今年1—5月", "上年同期", "1-11月",
                 "上年同月")),
    # 2011-2015 without 年 (a figure caption, a table header): two years joined by a dash, not
    # followed by a digit, a unit or a classifier (2011-2015元 is money, not a period)
    _Branch("years", r"""
    (?<![0-9０-９.．\-/])(?P<ya>(?:19|20)[0-9]{2})[-—–~～](?P<yb>(?:19|20)[0-9]{2})
    (?![0-9０-９.．%％\-/年元万亿千百个人家项件次户名位吨米斤亩台辆倍度号期])""", ("2011-2015", "1979—1983")),
    _Branch("anniv", rf"(?P<ak>建党|建军|建国|新中国成立)(?P<an>{_NUM})周?年", ("建党100周年",)),
    _Branch("plan", rf"""{_PLAN}(?:期间|时期|末期?|初期?|以来)
  | [“"]十[一二三四五六七]五[”"](?!规划|纲要|计划|重大|专项|重点|发展|目标|时期|期间)""", ("“十四五”期间", "“十五五”")),
    _Branch("festival", r"""
    双(?:十一|11|十二|12)(?![0-9０-９])
  | (?<![0-9０-９.．])618(?![0-9０-９])
    (?=[”"]?(?:大促|购物节|年中大促|促销|期间|当天|活动|狂欢|电商节|购物|预售|开门红|战报))
  | (?<=京东|天猫|淘宝|电商)618(?![0-9０-９])""", ("双十一", "双11", "618大促", "618期间", "京东618")),
    _Branch("rel", rf"""
    近(?:(?P<rn>{_NUM})|几|些)?年(?:来|以来)?
  | 前(?P<fm>{_NUM})个月
  | (?P<mo>本月|当月|上月|上个月|下月|下个月)
  | (?P<qrel>本季度|上个?季度|下个?季度)
  | (?:过去|未来|今后|此后|最近)的?(?P<pn>{_NUM})个?(?P<pu>年|月|季度|周|天)(?:来|以来)?
  | (?P<sn>{_NUM})(?:多)?(?P<su>年|个多?月)(?:来|以来)
  | 多年来|这些年|这几年|近些年|前些年|新世纪|本世纪(?:初|中叶|末)?|上世纪(?:{_D}{{2}}|[五六七八九]十)年代
  | (?:{_D}{{2}}|[二三四五六七八九]十)年代(?:初|中期|末)?
  | 近日|日前|每年|每月|每季度|每半年|每周|每天|每日|当天|当日|(?P<day>今天|今日|昨天|昨日|明天|明日|前天)|同期
  | 首年|新年
  | (?P<qalone>[上下]半年|{_QUARTER}|年初|年底|年末|年中)
""", ("近五年", "一年来", "近日", "今天", "今日", "昨天", "每季度", "新世纪",
                            "八十年代", "同期", "一季度", "上半年", "前11个月", "上个月", "上季度")),
    _Branch("age", rf"""
    (?<![0-9０-９.．第])(?P<agen>{_D}{{1,3}}|{_CN}[〇零一二三四五六七八九十]{{0,2}})
    (?:(?:{_DASH}|、)(?P<agen2>{_D}{{1,3}}|{_CN}[〇零一二三四五六七八九十]{{0,2}}))?
    周?岁(?!月)""", ("65岁", "18周岁", "18至35岁")),
    _Branch("dur", rf"""
    (?<![0-9０-９.．第])
    (?:(?P<dn1>{_NUM})(?:{_DASH}|、)?(?P<dn2>{_NUM})?|半)
    (?P<dmore>多)?
    (?P<du>年半?|个多?月|个半月|周年|周|个?星期|天)
    (?P<dhalf>半)?
    (?P<dq>以上|以内|之内|内|左右|多)?
    (?!{_D}|计划|规划|行动计划|级|代|岁)
""", ("三年", "6个月", "15天", "3周", "两个星期")),
    _Branch("time", rf"""
    {_TOD}(?:(?P<th>{_D}{{1,2}}|{_CLOCK_CN})[时点](?:(?P<tm>{_D}{{1,2}})分|半|整)?)?
  | (?<![0-9０-９.．])(?P<th2>{_D}{{1,2}})时(?P<tm2>{_D}{{1,2}})分
  | (?<![0-9０-９.．])(?P<th3>{_D}{{1,2}})时(?![间期代速刻效机尚光针空段节候装])
""", ("上午9时", "凌晨", "9时30分", "中午", "午夜")),
)
_PATTERN = "\n|".join(f"(?P<{b.name}>{b.pattern})" for b in _BRANCHES)
# Led by a lookahead on the characters a date can start with, and each branch by its own
# (derived from the patterns): the engine rejects most positions, and most branches at the
# others, with one test instead of trying them. The same matches as _PATTERN.
_RE = compile_prefiltered(
    "\n|".join(f"(?P<{b.name}>{with_lookahead(b.pattern, re.VERBOSE)})" for b in _BRANCHES), re.VERBOSE)
# Founding years behind anniversary milestones (实现建军一百年奋斗目标 -> 2027).
_FOUNDED = {"建党": 1921, "建军": 1927, "建国": 1949, "新中国成立": 1949}
_PLAN_YEARS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026,
               "十六五": 2031, "十七五": 2036}
# Years said from the document's point of view (deictic) and from the text's (anaphoric: they
# point back to the year the text is talking about, ANNOTATION.md section 5).
_DEICTIC = {"今年": 0, "本年": 0, "新的一年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2}
_ANAPHORIC = {"全年": 0, "当年": 0, "同年": 0, "上年": -1, "上一年": -1, "次年": 1, "翌年": 1}
_DAY_OFFSET = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1, "明日": 1, "前天": -2}
_FESTIVALS = {"双十一": "11-11", "双11": "11-11", "双十二": "12-12", "双12": "12-12", "618": "06-18"}
_SINGLE_MONTH = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
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


@dataclass(frozen=True)
class _Ref:
    """The time the text is talking about: a year and, maybe, parts of it (Q1, Q3 or 01, 09)."""

    year: int
    parts: tuple[str, ...] = ()

    def timex(self, shift: int = 0) -> str:
        year = self.year + shift
        return "/".join(f"{year}-{p}" for p in self.parts) if self.parts else str(year)


def _month(s: str | None) -> int | None | bool:
    """The month of 9月, 正月, 9 (a range's first end); False when not a month."""
    if not s:
        return None
    txt = s.rstrip("份").rstrip("月")
    month = 1 if txt == "正" else cn_int(txt)
    return month if month is not None and 1 <= month <= 12 else False


def _closest_year(month: int, day: int | None, doc_date: date) -> int:
    """The year that puts month/day nearest the document date (12月30日 in January: last year)."""
    best, best_gap = doc_date.year, None
    for year in (doc_date.year, doc_date.year - 1, doc_date.year + 1):
        try:
            gap = abs((date(year, month, day or 15) - doc_date).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _abs_value(
    g: dict[str, str | None], doc_date: date | None, ref: _Ref | None,
    month_ref: tuple[int, int] | None = None,
) -> tuple[str | None | bool, _Ref | None]:
    """TIMEX value of a calendar date (False: not a date), and the reference time it sets.

    `month_ref` is the last explicit month of the text (year, month): 上年同月 is that month a
    year before."""
    if g["y1"]:
        y1, y2 = cn_int(g["y1"] or ""), cn_int(g["y2"] or "")
        return (f"{y1}/{y2}" if y1 and y2 and y1 < y2 else None), None
    year: int | None = None
    explicit = False
    if g["y"]:
        year = cn_int(g["y"])
        if year is None or not 1000 <= year <= 2999:
            return False, None
        explicit = True
    elif g["ry"] in _DEICTIC:
        year = doc_date.year + _DEICTIC[g["ry"] or ""] if doc_date is not None else None
        explicit = True
    elif g["ry"]:
        base = ref.year if ref is not None else doc_date.year if doc_date is not None else None
        if g["since"] == "同月" and month_ref is not None:
            base = month_ref[0]  # 4月份…比上年同月: the month under discussion, a year before
        year = base + _ANAPHORIC[g["ry"] or ""] if base is not None else None
    if g["since"] == "同月":
        if year is None or month_ref is None or g["m"]:
            return None, None
        return f"{year}-{month_ref[1]:02d}", None
    first, month = _month(g["mr"] or g["mr2"]), _month(g["m"] or g["m2"])
    if first is False or month is False:
        return False, None
    day = None
    if g["d"] or g["d2"]:
        day = cn_int((g["d"] or g["d2"] or "")[:-1])
        if day is None or not 1 <= day <= 31:
            return False, None
    parts: tuple[str, ...] = ()
    if month:
        if first and first >= month:
            return None, None
        parts = (f"{first:02d}", f"{month:02d}") if first else (
            f"{month:02d}-{day:02d}" if day else f"{month:02d}",)
        if g["ry"] and year is None and not g["m2"]:
            return None, None
        if year is None and g["m2"]:  # no year written: the document's, or the text's
            if doc_date is not None and (doc_date.month, doc_date.day) != (1, 1):
                year = _closest_year(month, day, doc_date)
            elif doc_date is not None:  # only a year (gwr_2025.txt): the text's year, else it
                year = ref.year if ref is not None else doc_date.year
            elif ref is not None:
                year = ref.year
    elif g["d3"]:
        day = cn_int(g["d3"][:-1])
        if day is None or not 1 <= day <= 31:
            return False, None
        return f"XXXX-XX-{day:02d}", None
    elif g["part"]:
        q = _quarter(g["part"] or "")
        parts = tuple(q.split("/")) if q else ()
        first_months = re.fullmatch(r"前(.+)个月", g["part"] or "")
        if first_months:  # 今年前11个月
            n = cn_int(first_months.group(1))
            parts = ("01", f"{n:02d}") if n and 1 < n <= 12 else ()
    if g["since"] == "同期" and not parts and ref is not None:
        parts = ref.parts  # 上年同期 after 前三季度: the same quarters a year before
    if year is None:
        if not parts or g["ry"] or g["y"]:
            return None, None
        return "/".join(f"XXXX-{p}" for p in parts), None
    value = _Ref(year, parts)
    new_ref = value if explicit and g["since"] != "同期" else None
    if g["since"] == "以来":  # 今年以来, １９７９年以来: an open interval, no TIMEX value
        return None, new_ref
    return value.timex(), new_ref


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


def _rel_value(
    g: dict[str, str | None], text: str, doc_date: date | None, ref: _Ref | None,
    month_ref: tuple[int, int] | None = None,
) -> str | None:
    """Value of a relative period: 近五年 P5Y, 一年来 P1Y, 过去一年 (the year before the document),
    今天 (the document date), 一季度 and 同期 (in the year the text is talking about), 上月 (the
    month before the last explicit month of the text, else before the document's)."""
    if g["day"]:
        if doc_date is None:
            return None
        return (doc_date + timedelta(days=_DAY_OFFSET[g["day"]])).isoformat()
    if g["fm"]:  # 前11个月: the year's first months, in the year the text is talking about
        base = ref.year if ref is not None else doc_date.year if doc_date is not None else None
        n = cn_int(g["fm"])
        return f"{base}-01/{base}-{n:02d}" if base is not None and n and 1 < n <= 12 else None
    if g["mo"]:
        if month_ref is None and doc_date is None:
            return None
        year, month = month_ref if month_ref is not None else (doc_date.year, doc_date.month)
        shift = {"上": -1, "下": 1}.get(g["mo"][0], 0)
        months = year * 12 + month - 1 + shift
        return f"{months // 12}-{months % 12 + 1:02d}"
    if g["qrel"]:  # 较上季度: the quarter before the one the text talks about, else the document's
        if ref is not None and len(ref.parts) == 1 and ref.parts[0].startswith("Q"):
            year, quarter = ref.year, int(ref.parts[0][1:])
        elif doc_date is not None:
            year, quarter = doc_date.year, (doc_date.month - 1) // 3 + 1
        else:
            return None
        shift = {"上": -1, "下": 1}.get(g["qrel"][0], 0)
        quarters = year * 4 + quarter - 1 + shift
        return f"{quarters // 4}-Q{quarters % 4 + 1}"
    if g["qalone"]:
        base = ref.year if ref is not None else doc_date.year if doc_date is not None else None
        q = _quarter(g["qalone"])
        if base is None:
            return None
        return _Ref(base, tuple(q.split("/")) if q else ()).timex()
    if text == "同期":
        return ref.timex() if ref is not None else None
    if text in ("本世纪", "本世纪末") and doc_date is not None:  # TIMEX centuries: 19 = 1900s
        century = doc_date.year // 100
        return str(century) if text == "本世纪" else str((century + 1) * 100)
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


def find_dates(text: str, doc_date: date | None = None) -> list[Mention]:
    """All DATE and TIME mentions of `text`, with a TIMEX3-style `value` where it resolves.

    Dates are read in text order so that words pointing back (全年, 上年, 一季度, 同期) resolve
    against the last explicit year or period before them, else against the document date.
    """
    out: list[Mention] = []
    ref: _Ref | None = None
    month_ref: tuple[int, int] | None = None  # the last single month written (4月份, 2023年5月)
    for m in _RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        span = text[s:e]
        g = m.groupdict()
        value: str | None
        label = "DATE"
        if kind == "abs":
            v, new_ref = _abs_value(g, doc_date, ref, month_ref)
            if v is False:
                continue
            value = v  # type: ignore[assignment]
            ref = new_ref or ref
            if isinstance(v, str) and _SINGLE_MONTH.match(v) and not g["since"]:
                month_ref = (int(v[:4]), int(v[5:7]))
            source = "dates"
        elif kind == "years":
            y1, y2 = int(g["ya"] or 0), int(g["yb"] or 0)
            if not y1 < y2 <= y1 + 50:
                continue
            value = f"{y1}/{y2}"  # (a caption's years: not the time the text talks about)
            source = "dates"
        elif kind == "anniv":
            n = cn_int(g["an"] or "")
            value = str(_FOUNDED[g["ak"] or ""] + n) if n else None
            source = "dates:anniversary"
        elif kind == "plan":
            key = span.strip("“”\"")[:3]
            first = _PLAN_YEARS.get(key)
            whole = not any(w in span for w in ("末", "初", "以来"))  # “十五五”, “十四五”期间
            value = f"{first}/{first + 4}" if first and whole else None
            source = "dates:plan"
        elif kind == "festival":
            year = str(doc_date.year) if doc_date is not None else "XXXX"
            value = f"{year}-{_FESTIVALS[span]}"
            source = "dates:festival"
        elif kind == "rel":
            value = _rel_value(g, span, doc_date, ref, month_ref)
            if value and span.startswith("过去") and value.isdigit():
                ref = _Ref(int(value))  # 过去一年 names the year a report looks back on
            elif value and g["qalone"] and "-" in value:
                # 前三季度 … 上年同期: the quarters stay the period the text talks about
                ref = _Ref(int(value[:4]), tuple(p[5:] for p in value.split("/")))
            source = "dates:relative"
        elif kind == "holiday":
            value = None  # (a holiday's days move with the lunar calendar or the year's schedule)
            year = cn_int(span[:4]) if span[:4].translate(_FW).isdigit() else (
                doc_date.year + _DEICTIC[span[:2]] if doc_date is not None and span[:2] in _DEICTIC else None)
            if year is not None:
                ref = _Ref(year)  # 今年春节: the year is explicit, as in 今年
            source = "dates:holiday"
        elif kind == "age":
            n = cn_int(g["agen"] or "")
            value = f"P{n}Y" if n and not g["agen2"] else None
            source = "dates:age"
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
