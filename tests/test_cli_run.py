"""`xhextract run` as a user runs it: the venv's console script in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from xhextract import extract

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
XHEXTRACT = str(Path(sys.executable).with_name("xhextract"))
LONG_CHARS = 1_600_000


def _run(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [XHEXTRACT, "run", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _records_of(records: list[dict], doc: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "doc"} for r in records if r["doc"] == doc]


def _dicts(text: str) -> list[dict]:
    return [m.to_dict() for m in extract(text)]


@pytest.fixture(scope="module")
def passage() -> str:
    return (CORPUS / "xuhui_innovation_2021.txt").read_text(encoding="utf-8")[:2000]


@pytest.mark.slow
def test_done_when_batch(tmp_path: Path, passage: str) -> None:
    """GBK, BOM, CRLF, empty, binary, a 1.6-million-character line and a dangling link."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "gbk.txt").write_bytes(passage.encode("gbk"))
    (src / "bom.txt").write_bytes(b"\xef\xbb\xbf" + passage.encode("utf-8"))
    crlf = passage.replace("\n", "\r\n")
    (src / "crlf.txt").write_bytes(crlf.encode("utf-8"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    line = (CORPUS / "gwr_national_2025.txt").read_text(encoding="utf-8").replace("\n", "")
    long_text = (line * (LONG_CHARS // len(line) + 1))[:LONG_CHARS]
    assert "\n" not in long_text
    (src / "long.txt").write_text(long_text, encoding="utf-8")
    (src / "link.txt").symlink_to(src / "deleted.txt")
    out = tmp_path / "out"

    proc = psutil.Popen(
        [XHEXTRACT, "run", str(src), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            try:
                peak[0] = max(peak[0], proc.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    # the UTF-8 twins, computed here while the subprocess works on the other core
    twin, crlf_twin, long_twin = _dicts(passage), _dicts(crlf), _dicts(long_text)
    stdout, stderr = proc.communicate(timeout=300)
    sampler.join()

    assert proc.returncode == 1, stderr
    assert "Traceback" not in stderr and "Traceback" not in stdout
    records = _read_jsonl(out / "records.jsonl")
    assert len(twin) > 20 and len(long_twin) > 1000
    assert _records_of(records, "gbk") == twin
    assert _records_of(records, "bom") == twin
    assert _records_of(records, "crlf") == crlf_twin
    assert _records_of(records, "long") == long_twin
    assert _records_of(records, "empty") == []
    errors = {e["doc"]: e for e in _read_jsonl(out / "errors.jsonl")}
    assert sorted(errors) == ["binary", "link"]
    assert errors["binary"]["error"] == "binary file (NUL byte at offset 0)"
    assert errors["link"]["error"] == f"dangling symbolic link (to {src / 'deleted.txt'})"
    assert errors["link"]["path"] == str(src / "link.txt")
    err_lines = stderr.splitlines()
    assert f"xhextract: {src / 'binary.txt'}: binary file (NUL byte at offset 0)" in err_lines
    assert f"xhextract: {src / 'link.txt'}: dangling symbolic link (to {src / 'deleted.txt'})" in err_lines
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    encodings = {d["doc"]: d.get("encoding") for d in run["per_document"]}
    assert encodings == {
        "binary": None, "bom": "utf-8-sig", "crlf": "utf-8", "empty": "utf-8", "gbk": "gbk",
        "link": None, "long": "utf-8",
    }
    assert run["characters"] == 2 * len(passage) + len(crlf) + LONG_CHARS
    # one very long line in bounded memory: the pipeline works on 50,000-character pieces
    assert peak[0] < 1024 * 2**20, f"peak RSS {peak[0] / 2**20:.0f} MiB"


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("2021年增长5%。", encoding="utf-8")
    cases = [
        ([tmp_path / "missing"], "no such file or directory"),
        ([tmp_path / "a.txt", "--jobs", "0"], "--jobs"),
        ([tmp_path / "a.txt", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        ([tmp_path / "a.txt", "--date", "yesterday"], "not a date"),
        ([tmp_path / "a.txt", "--engine", "spark"], "--engine"),
        ([tmp_path / "a.txt", "--out", tmp_path / "a.txt"], "not a folder"),
    ]
    for args, message in cases:
        out_args = [] if "--out" in map(str, args) else ["--out", tmp_path / "out"]
        r = _run(*args, *out_args)
        assert r.returncode == 2, (args, r.stderr)
        assert message in " ".join(r.stderr.split()), (args, r.stderr)
        assert "Traceback" not in r.stderr
    assert not (tmp_path / "out" / "records.jsonl").exists()


@pytest.fixture(scope="module")
def twelve(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Twelve documents of about 6,000 characters, and a reference run over them."""
    src = tmp_path_factory.mktemp("twelve")
    names = sorted(p for p in CORPUS.glob("*.txt"))
    for i in range(12):
        text = names[i % len(names)].read_text(encoding="utf-8")
        (src / f"doc{i:02d}.txt").write_text(text[(i // len(names)) * 6000 :][:6000], encoding="utf-8")
    ref = tmp_path_factory.mktemp("twelve-ref")
    r = _run(src, "--out", ref, "--quiet")
    assert r.returncode == 0, r.stderr
    return src, ref


def _journal_docs(out: Path) -> int:
    try:
        return max(0, len((out / ".progress.jsonl").read_bytes().splitlines()) - 1)
    except FileNotFoundError:
        return 0


def _start_and_stop(args: list[str | Path], out: Path, sig: int, after: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [XHEXTRACT, "run", *map(str, args), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while _journal_docs(out) < after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return proc


def _assert_same_outputs(out: Path, ref: Path) -> None:
    for name in ("records.jsonl", "records.csv", "records.parquet", "facts.csv", "facts.parquet",
                 "errors.jsonl"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    records = _read_jsonl(out / "records.jsonl")
    keys = [(r["doc"], r["start"], r["end"]) for r in records]
    assert len(keys) == len(set(keys))


def test_killed_run_resumes_without_duplicates(twelve: tuple[Path, Path], tmp_path: Path) -> None:
    src, ref = twelve
    out = tmp_path / "out"
    proc = _start_and_stop([src], out, signal.SIGKILL, after=3)
    assert proc.returncode == -signal.SIGKILL
    done = _journal_docs(out)
    assert 3 <= done < 12
    # a hard kill leaves no output file: only the journal and dot-named part files
    assert not [p.name for p in out.iterdir() if not p.name.startswith(".")]
    r = _run(src, "--out", out, "--resume", "--quiet")
    assert r.returncode == 0, r.stderr
    _assert_same_outputs(out, ref)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["resumed"] >= done and run["documents"] == 12
    assert sorted(p.name for p in out.iterdir()) == [
        "errors.jsonl", "facts.csv", "facts.parquet", "records.csv", "records.jsonl",
        "records.parquet", "run.json", "timings.json",
    ]


def test_interrupted_parallel_run_exits_130_and_resumes(twelve: tuple[Path, Path], tmp_path: Path) -> None:
    src, ref = twelve
    out = tmp_path / "out"
    proc = _start_and_stop([src, "--jobs", "2"], out, signal.SIGINT, after=2)
    stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "--resume" in stderr
    assert "Traceback" not in stderr
    assert not (out / "records.jsonl").exists()
    r = _run(src, "--out", out, "--resume", "--jobs", "2", "--quiet")
    assert r.returncode == 0, r.stderr
    _assert_same_outputs(out, ref)


def _stderr_on_a_terminal(args: list[str | Path]) -> str:
    """Run with stderr on a pseudo-terminal (as in a shell) and return what it showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [XHEXTRACT, "run", *map(str, args)], stdout=subprocess.DEVNULL, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(twelve: tuple[Path, Path], tmp_path: Path) -> None:
    src, _ = twelve
    shown = _stderr_on_a_terminal([src, "--out", tmp_path / "a"])
    assert "12/12 docs" in shown and "K chars/s" in shown
    assert "12 documents (0 failed)" in shown
    quiet = _stderr_on_a_terminal([src, "--out", tmp_path / "b", "--quiet"])
    assert "docs" not in quiet and "chars/s" not in quiet
    piped = _run(src, "--out", tmp_path / "c")
    assert "chars/s" not in piped.stderr and "\r" not in piped.stderr
    assert piped.stderr.startswith("12 documents (0 failed)")
