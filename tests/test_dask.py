"""`--engine dask`: the same run on a distributed.LocalCluster writes the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from xhextract.batch import OUTPUT_FILES, run_batch

distributed = pytest.importorskip("distributed")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
XHEXTRACT = str(Path(sys.executable).with_name("xhextract"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight corpus passages (one in GBK, one with CRLF), a binary file and a dangling link."""
    root = tmp_path_factory.mktemp("dask-in")
    for i, path in enumerate(sorted(CORPUS.glob("*.txt"))[:8]):
        text = path.read_text(encoding="utf-8")[:3000]
        if i == 1:
            data = text.encode("gbk")
        elif i == 2:
            data = text.replace("\n", "\r\n").encode("utf-8")
        else:
            data = text.encode("utf-8")
        (root / path.name).write_bytes(data)
    (root / "zz_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    (root / "zz_link.txt").symlink_to(root / "nowhere.txt")
    return root


@pytest.fixture(scope="module")
def local_out(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local-out")
    run_batch([inputs], out, report=lambda line: None)
    return out


def test_dask_run_writes_the_local_outputs(
    cluster: distributed.LocalCluster, inputs: Path, local_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dask-out"
    result = run_batch(
        [inputs], out, engine="dask", scheduler=cluster.scheduler_address, report=lambda line: None
    )
    assert result.documents == 10 and len(result.errors) == 2 and result.records > 100
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    local = json.loads((local_out / "run.json").read_text(encoding="utf-8"))
    assert run["engine"] == "dask" and run["scheduler"] == cluster.scheduler_address
    for key in ("documents", "characters", "records", "records_per_label", "encodings"):
        assert run[key] == local[key], key
    strip = ("seconds",)
    assert [{k: v for k, v in d.items() if k not in strip} for d in run["per_document"]] == [
        {k: v for k, v in d.items() if k not in strip} for d in local["per_document"]
    ]


def test_cli_on_the_cluster(cluster: distributed.LocalCluster, inputs: Path, local_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli-out"
    r = subprocess.run(
        [XHEXTRACT, "run", str(inputs), "--out", str(out), "--engine", "dask",
         "--scheduler", cluster.scheduler_address],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 1, r.stderr  # the binary file and the link
    assert "Traceback" not in r.stderr
    assert f"xhextract: {inputs / 'zz_link.txt'}: dangling symbolic link" in r.stderr
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (local_out / name).read_bytes(), name
