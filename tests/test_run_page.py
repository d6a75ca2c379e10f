"""`xhextract run --html`: the page of a run shows every mention of real documents, readable,
in headless Chromium (with a CJK font, as .ci/run installs), and a table of the figures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from xhextract.page import LABEL_COLOURS

ROOT = Path(__file__).resolve().parents[1]
XHEXTRACT = str(Path(sys.executable).with_name("xhextract"))
DOCS = ("xuhui_innovation_2021", "policy_beijing_2022")
NUMERIC = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


class Page(HTMLParser):
    """Marks (attributes, text, section), facts-table rows and links, and anything that loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.open: list[dict[str, str]] = []
        self.rows: list[dict[str, str]] = []
        self.loads: list[str] = []
        self.section = ""
        self.body: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.body = a
        if tag in ("script", "link", "img", "iframe", "object", "embed") or "src" in a:
            self.loads.append(tag)
        if "href" in a and not a["href"].startswith("#"):
            self.loads.append(a["href"])
        if tag == "section":
            self.section = a.get("data-doc", "")
        if tag == "tr" and "data-record" in a:
            a["_doc"] = self.section
            self.rows.append(a)
        if tag == "a" and self.rows and "href" in a:
            self.rows[-1].setdefault("_link", a["href"])
        if tag == "mark":
            a["_text"], a["_doc"] = "", self.section
            self.marks.append(a)
            self.open.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for a in self.open:
            a["_text"] += data


@pytest.fixture(scope="module")
def run_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    tmp = tmp_path_factory.mktemp("page")
    (tmp / "in").mkdir()
    for doc in DOCS:
        shutil.copy(ROOT / "corpus" / f"{doc}.txt", tmp / "in")
    (tmp / "in" / "tricky.txt").write_text("A<b>&amp;上海市投资5亿元</b>\n<script>alert(1)</script>",
                                           encoding="utf-8")
    done = subprocess.run([XHEXTRACT, "run", "in", "--out", "out", "--html", "--quiet"], cwd=tmp,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (tmp / "out" / "records.jsonl").read_text("utf-8").splitlines()]
    return records, tmp / "out" / "report.html"


def test_page_marks_every_record_and_tables_every_figure(run_page: tuple[list[dict], Path]) -> None:
    records, path = run_page
    text = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert page.loads == [] and "url(" not in text and "@import" not in text
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert {r["doc"] for r in records} == {*DOCS, "tricky"}
    found = {(a["_doc"], int(a["data-start"]), int(a["data-end"]), a["data-label"], a["_text"])
             for a in page.marks if "m" in a.get("class", "").split()}
    expected = {(r["doc"], r["start"], r["end"], r["label"], r["text"]) for r in records}
    assert found == expected and len(records) > 150
    by_place = {(a["_doc"], int(a["data-start"])): a for a in page.marks if "data-start" in a}
    for r in records:
        title = by_place[(r["doc"], r["start"])]["title"]
        assert title.startswith(f"{r['label']} [{r['start']}:{r['end']}] {r['text']}")
        if r["label"] in NUMERIC and r.get("value") is not None:
            assert "value: " in title and f"qualifier: {r['qualifier']}" in title
            for key in ("unit", "indicator", "object", "measure"):
                if r.get(key):
                    assert f"{key}: {r[key]}" in title, (key, r)
    money = next(r for r in records if r["text"] == "近5.2亿元")
    assert by_place[(money["doc"], money["start"])]["title"].splitlines()[1:4] == [
        "value: 520000000", "unit: CNY", "qualifier: nearly"]
    # the facts table: one row a figure, linked to its mark
    figures = [r for r in records if r["label"] in NUMERIC]
    assert len(page.rows) == len(figures)
    ids = {a["id"]: a for a in page.marks if "id" in a}
    for row in page.rows:
        mark = ids[row["_link"][1:]]
        assert mark["_doc"] == row["_doc"] and mark["data-label"] in NUMERIC


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


PROBE = """<script>
const marks = document.querySelectorAll("mark.m");
for (const m of marks) {
  const box = m.getBoundingClientRect();
  m.setAttribute("data-bg", getComputedStyle(m).backgroundColor);
  m.setAttribute("data-visible", String(box.width > 0 && box.height > 0));
}
// A character without a glyph in any font is drawn as the same empty box (tofu): compare each
// character of the marks, drawn in the page's font, with a private-use character and a space.
const canvas = document.createElement("canvas");
canvas.width = canvas.height = 48;
const g = canvas.getContext("2d", {willReadFrequently: true});
const font = getComputedStyle(document.querySelector(".text")).fontFamily;
function ink(ch) {
  g.clearRect(0, 0, 48, 48); g.fillStyle = "#000"; g.font = "40px " + font; g.fillText(ch, 2, 40);
  return g.getImageData(0, 0, 48, 48).data.join(",");
}
const tofu = ink("\\u{10FFFD}"), blank = ink(" ");
const chars = new Set();
for (const m of marks) for (const ch of m.textContent) if (ch > "\\u2E7F") chars.add(ch);
const unreadable = [...chars].filter(ch => { const i = ink(ch); return i === tofu || i === blank; });
document.body.setAttribute("data-chars", String(chars.size));
document.body.setAttribute("data-unreadable", unreadable.join(""));
</script>"""

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_every_mention_is_present_and_readable_in_headless_chromium(
    run_page: tuple[list[dict], Path], tmp_path: Path
) -> None:
    browser = chromium()
    if browser is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("chromium is not installed but CI is set: the run page cannot be checked")
        pytest.skip("chromium not installed (apt-get install chromium fonts-noto-cjk); CI is not set")
    records, path = run_page
    probe = tmp_path / "probe.html"
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run([browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           probe.as_uri()], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Page()
    dom.feed(done.stdout)
    marks = [a for a in dom.marks if "m" in a.get("class", "").split()]
    assert {(a["_doc"], int(a["data-start"]), a["_text"]) for a in marks} == {
        (r["doc"], r["start"], r["text"]) for r in records}
    for a in marks:
        assert a.get("data-visible") == "true", a
        assert a.get("data-bg") == _rgb(LABEL_COLOURS[a["data-label"]]), a
    assert int(dom.body["data-chars"]) > 150  # distinct CJK characters in the marks
    assert dom.body["data-unreadable"] == "", "no CJK font: apt-get install fonts-noto-cjk"
    # a screenshot of the first document, to look at (kept in the test's temporary folder)
    shot = tmp_path / "run_page.png"
    done = subprocess.run([browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile2'}",
                           "--window-size=1400,1000", f"--screenshot={shot}", path.as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and shot.stat().st_size > 50_000, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
