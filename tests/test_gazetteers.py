"""The gazetteer data files: well-formed, free of duplicates, and divisions.tsv regenerates."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from xhextract.schema import ENTITY_LABELS

ROOT = Path(__file__).resolve().parents[1]
GAZ = ROOT / "src" / "xhextract" / "data" / "gazetteers"
TSV_FILES = sorted(p.name for p in GAZ.glob("*.tsv"))
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteers", ROOT / "scripts" / "build_gazetteers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_gazetteers"] = module
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    lines = [ln for ln in (GAZ / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    header = lines[0].split("\t")
    return header, [ln.split("\t") for ln in lines[1:]]


def test_expected_files_exist() -> None:
    assert {"divisions.tsv", "countries.tsv", "organizations.tsv", "places.tsv", "persons.tsv",
            "surnames.tsv"} <= set(TSV_FILES)


@pytest.mark.parametrize("name", TSV_FILES)
def test_file_is_well_formed(name: str) -> None:
    header, rows = _rows(name)
    assert header[0] == "name"
    assert rows, f"{name} has no rows"
    names = [r[0] for r in rows]
    for r in rows:
        assert len(r) == len(header), f"{name}: wrong column count in {r}"
        assert r[0] and r[0] == r[0].strip() and "\t" not in r[0], f"{name}: bad name {r!r}"
        assert all(cell == cell.strip() for cell in r), f"{name}: stray whitespace in {r!r}"
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"{name}: duplicate names {dupes[:10]}"
    if header[1] == "label":
        labels = {r[1] for r in rows}
        assert labels <= NAME_LABELS and NAME_LABELS <= set(ENTITY_LABELS), f"{name}: {labels}"


def test_surnames_are_one_or_two_characters() -> None:
    _, rows = _rows("surnames.tsv")
    assert all((len(r[0]) == 1 and r[1] == "single") or (len(r[0]) == 2 and r[1] == "compound")
               for r in rows)
    assert {"王", "李", "葛", "曹", "耿", "欧阳"} <= {r[0] for r in rows}


def test_divisions_cover_all_levels_with_short_forms() -> None:
    _, rows = _rows("divisions.tsv")
    by_name = {r[0]: r for r in rows}
    assert len(rows) > 5000
    assert by_name["上海市"][2:4] == ["province", "full"]
    assert by_name["上海"][2:4] == ["province", "short"]
    assert by_name["徐汇区"][2:4] == ["county", "full"]
    assert by_name["徐汇"][3] == "short" and by_name["徐汇"][4] == "上海市/徐汇区"
    assert by_name["包头"][2] == "prefecture"
    assert by_name["阿坝州"][3] == "short"  # 阿坝藏族羌族自治州
    assert by_name["广西"][4] == "广西壮族自治区"
    assert by_name["香港"][1] == "GPE"
    # ordinary words are not written as places
    for word in ("和平", "新华", "城区", "振兴", "兴国", "会同", "中方", "全国", "我国"):
        assert word not in by_name, word
    assert {r[2] for r in rows} == {"province", "prefecture", "county", "town"}


def test_no_name_has_two_labels_across_files() -> None:
    """A name in two hand-kept files would get the label of whichever is read first."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for name in ("persons.tsv", "organizations.tsv", "places.tsv", "countries.tsv"):
        _, rows = _rows(name)
        for r in rows:
            if r[0] in seen and seen[r[0]][1] != r[1]:
                clashes.append((r[0], seen[r[0]], (name, r[1])))
            seen.setdefault(r[0], (name, r[1]))
    assert not clashes


def test_short_form_stop_list_is_clean() -> None:
    words = _load_build_script().read_stop()
    assert "和平" in words and "中方" in words
    assert all(1 < len(w) <= 4 for w in words)


def test_short_forms_rules() -> None:
    build = _load_build_script()
    assert build.short_forms("徐汇区", "county") == ["徐汇"]
    assert build.short_forms("浦东新区", "county") == ["浦东"]
    assert build.short_forms("上海市", "province") == ["上海"]
    assert build.short_forms("内蒙古自治区", "province") == ["内蒙古"]
    assert build.short_forms("阿坝藏族羌族自治州", "prefecture") == ["阿坝", "阿坝州"]
    assert build.short_forms("长白朝鲜族自治县", "county") == ["长白", "长白县"]
    assert build.short_forms("博尔塔拉蒙古自治州", "prefecture") == ["博尔塔拉", "博尔塔拉州"]
    assert build.short_forms("沙县", "county") == []  # a one-character stem is no name
    assert build.short_forms("东乡族自治县", "county") == []  # named after the group itself
    assert build.short_forms("科尔沁左翼后旗", "county") == []


def test_regenerating_divisions_gives_the_committed_file() -> None:
    """dateparser-style check: scripts/build_gazetteers.py reproduces divisions.tsv exactly."""
    build = _load_build_script()
    committed = (GAZ / "divisions.tsv").read_text(encoding="utf-8")
    assert build.generate() == committed, "run: .venv/bin/python scripts/build_gazetteers.py"
