"""report.html: one offline page; every gold and predicted mention highlighted (checked in Chromium)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from xhextract.io import read_document, text_sha256
from xhextract.scoring import evaluate, write_reports
from xhextract.scoring.report import LABEL_COLOURS

ROOT = Path(__file__).resolve().parents[1]
XUHUI = "xuhui_innovation_2021"
TRICKY = "A<b>&amp; \"上海\"浦东新区\n第二行：<script>alert(1)</script>"


class Marks(HTMLParser):
    """Collects <mark class="m"> elements (attributes and text) and everything that loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.open: list[dict[str, str]] = []
        self.loads: list[str] = []
        self.sections: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "source"):
            self.loads.append(tag)
        for key in ("src", "srcset", "data", "poster"):
            if key in a:
                self.loads.append(f"{tag}[{key}]")
        if "href" in a and not a["href"].startswith("#"):
            self.loads.append(f"{tag}[href={a['href']}]")
        if tag == "section" and "data-doc" in a:
            self.sections.append(a["data-doc"])
        if tag == "mark" and "m" in a.get("class", "").split():
            a["_text"] = ""
            a["_doc"] = self.sections[-1] if self.sections else ""
            self.marks.append(a)
            self.open.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for a in self.open:
            a["_text"] += data


def parse(html_text: str) -> Marks:
    parser = Marks()
    parser.feed(html_text)
    return parser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """An evaluation of two documents (one real, one with markup-like text) and its report."""
    tmp = tmp_path_factory.mktemp("report")
    text = read_document(ROOT / "corpus" / f"{XUHUI}.txt").text
    docs, gold_dir = tmp / "docs", tmp / "gold"
    docs.mkdir()
    gold_dir.mkdir()
    (docs / f"{XUHUI}.txt").write_text(text, encoding="utf-8")
    (docs / "tricky.txt").write_text(TRICKY, encoding="utf-8", newline="")

    def at(t: str, s: str, label: str, shift: int = 0, **extra: object) -> dict:
        start = t.index(s)
        return {"start": start, "end": start + len(s) + shift, "text": t[start:start + len(s) + shift],
                "label": label, **extra}

    gold = [
        at(text, "12月1日", "DATE"),
        at(text, "281项", "CARDINAL", value=281, unit="项", qualifier="exact"),
        at(text, "中山医院", "ORG"),
        at(text, "葛均波", "PERSON"),
        at(text, "近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="nearly"),
        at(text, "2700多家", "CARDINAL", value=2700, unit="家", qualifier="over"),
    ]
    pred = [
        at(text, "12月1日", "DATE"),
        at(text, "281项", "CARDINAL", value=281, unit="项", qualifier="exact"),
        at(text, "中山医院葛", "ORG"),  # wrong span, and crosses the next prediction
        at(text, "葛均波", "PERSON"),
        at(text, "近5.2亿元", "MONEY", value=520000000, unit="CNY", qualifier="exact"),  # wrong value
        at(text, "徐汇区", "GPE"),  # spurious
    ]  # 2700多家 missed
    tricky_gold = [at(TRICKY, "上海", "GPE"), at(TRICKY, "浦东新区", "GPE")]
    for doc, t, mentions in ((XUHUI, text, gold), ("tricky", TRICKY, tricky_gold)):
        (gold_dir / f"{doc}.json").write_text(json.dumps(
            {"doc": doc, "text_sha256": text_sha256(t), "guideline": "v1", "mentions": mentions},
            ensure_ascii=False), encoding="utf-8")
    records = [{"doc": XUHUI, **m} for m in pred] + [{"doc": "tricky", **m} for m in tricky_gold]
    result = evaluate(gold_dir, records, docs)
    paths = write_reports(result, tmp / "out")
    return result, paths["report.html"]


def expected_marks(result: dict) -> set[tuple[str, str, int, int, str, str]]:
    return {
        (d["doc"], side, m["start"], m["end"], m["label"], m["text"])
        for d in result["documents"] for side in ("gold", "pred") for m in d[side]
    }


def found_marks(marks: Marks) -> list[tuple[str, str, int, int, str, str]]:
    """(doc, side, start, end, label, shown text) of every mark, the doc from its section."""
    return [(a["_doc"], a["data-side"], int(a["data-start"]), int(a["data-end"]), a["data-label"],
             a["_text"]) for a in marks.marks]


def test_report_is_self_contained_and_marks_every_mention(report: tuple[dict, Path]) -> None:
    result, path = report
    html_text = path.read_text(encoding="utf-8")
    marks = parse(html_text)
    assert marks.loads == []  # no scripts, stylesheets, images or external links
    assert "url(" not in html_text.split("</style>")[0] and "@import" not in html_text
    found = found_marks(marks)
    assert len(found) == len(set(found)) == len(expected_marks(result)) == 16
    assert set(found) == expected_marks(result)
    # the document with errors comes first; markup in the text is shown, not interpreted
    assert marks.sections == [XUHUI, "tricky"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text and "<script>alert" not in html_text
    statuses = {(a["data-side"], a["_text"]): a["data-status"] for a in marks.marks}
    assert statuses[("gold", "2700多家")] == "missed"
    assert statuses[("pred", "徐汇区")] == "spurious"
    assert statuses[("pred", "近5.2亿元")] == "wrong_value"
    assert statuses[("pred", "中山医院葛")] == "wrong_span"
    assert statuses[("gold", "12月1日")] == "correct"


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


PROBE = """<script>
for (const m of document.querySelectorAll("mark.m")) {
  const box = m.getBoundingClientRect();
  m.setAttribute("data-bg", getComputedStyle(m).backgroundColor);
  m.setAttribute("data-visible", String(box.width > 0 && box.height > 0));
}
</script>"""


def test_every_mention_is_highlighted_in_headless_chromium(report: tuple[dict, Path], tmp_path: Path) -> None:
    browser = chromium()
    if browser is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("chromium is not installed but CI is set: the HTML report cannot be checked")
        pytest.skip("chromium not installed (apt-get install chromium); CI is not set")
    result, path = report
    # the report has no script of its own; a copy gets a probe that records the rendered style
    probe = tmp_path / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", probe.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = parse(done.stdout)
    assert set(found_marks(dom)) == expected_marks(result)
    assert len(dom.marks) == 16
    for a in dom.marks:
        assert a.get("data-visible") == "true", a
        assert a.get("data-bg") == _rgb(LABEL_COLOURS[a["data-label"]]), a


class Links(HTMLParser):
    """Every in-page link of an errors table (href, row kind) and the ids of the marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.ids: dict[str, dict[str, str]] = {}
        self.in_errors = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table" and "errors" in a.get("class", ""):
            self.in_errors = True
        if tag == "a" and self.in_errors:
            self.links.append(a)
        if tag == "mark" and "id" in a:
            self.ids[a["id"]] = a

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_errors = False


def test_every_error_row_links_to_its_mentions_in_the_text(report: tuple[dict, Path]) -> None:
    result, path = report
    html_text = path.read_text(encoding="utf-8")
    assert "Gold gold" not in html_text and "Gold files from" in html_text
    md = (path.parent / "report.md").read_text(encoding="utf-8")
    assert "Gold files from" in md
    links = Links()
    links.feed(html_text)
    # one link a side of every error: missed and spurious have one side, the others two
    expected = sum((e["gold_label"] is not None) + (e["pred_label"] is not None) for e in result["errors"])
    assert len(links.links) == expected == 6
    for a in links.links:
        target = links.ids[a["href"][1:]]  # the id exists, on a mark
        side = target["data-side"]
        assert any(
            (e[f"{side}_start"], e[f"{side}_end"], e[f"{side}_label"])
            == (int(target["data-start"]), int(target["data-end"]), target["data-label"])
            for e in result["errors"]
        )
