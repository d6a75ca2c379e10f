"""The disk cache of load-time tables: hits, misses, damage, a cache turned off or unwritable,
and the pipeline's cached tables against tables built afresh."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from xhextract import cache, ner_model, segment


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _counting(value):  # -> (build function, list of calls)
    calls: list[int] = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_arrays_are_built_once_then_read_back_mapped_read_only(where: Path) -> None:
    build, calls = _counting({"a": np.arange(5, dtype=np.int64), "s": np.asarray(np.uint64(7))})
    first = cache.arrays("t", "k1", build)
    second = cache.arrays("t", "k1", build)
    assert calls == [1]
    assert np.array_equal(second["a"], np.arange(5)) and int(second["s"]) == 7
    assert isinstance(second["a"], np.memmap) and not second["a"].flags.writeable
    assert first["a"].dtype == second["a"].dtype == np.int64
    cache.arrays("t", "k2", build)  # another key: built again
    assert calls == [1, 1]


def test_plain_values_round_trip(where: Path) -> None:
    value = ({"词": 3, "语": 5}, {"词": "n"})
    build, calls = _counting(value)
    assert cache.plain("d", "k", build) == value
    assert cache.plain("d", "k", build) == value and calls == [1]


def test_a_damaged_entry_is_built_again_and_replaced(where: Path) -> None:
    build, calls = _counting({"a": np.arange(3)})
    cache.arrays("t", "k", build)
    (entry,) = where.glob("t-k")
    (entry / "a.npy").write_bytes(b"not an array")
    assert np.array_equal(cache.arrays("t", "k", build)["a"], np.arange(3)) and calls == [1, 1]
    assert np.array_equal(cache.arrays("t", "k", build)["a"], np.arange(3)) and calls == [1, 1]
    pbuild, pcalls = _counting([1, 2])
    cache.plain("p", "k", pbuild)
    (where / "p-k").write_bytes(b"\x00garbage")
    assert cache.plain("p", "k", pbuild) == [1, 2] and pcalls == [1, 1]


@pytest.mark.parametrize("setting", ["off", ""])
def test_turned_off_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, setting)
    monkeypatch.chdir(tmp_path)
    build, calls = _counting({"a": np.arange(2)})
    cache.arrays("t", "k", build)
    cache.arrays("t", "k", build)
    assert calls == [1, 1] and cache.cache_dir() is None and not list(tmp_path.iterdir())


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_cache_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    monkeypatch.setenv(cache.CACHE_ENV, str(folder / "cache"))
    build, calls = _counting({"a": np.arange(2)})
    assert np.array_equal(cache.arrays("t", "k", build)["a"], np.arange(2))
    assert cache.plain("p", "k", lambda: 5) == 5 and calls == [1]


def test_a_cache_path_that_is_a_file_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    build, calls = _counting({"a": np.arange(2)})
    assert np.array_equal(cache.arrays("t", "k", build)["a"], np.arange(2))
    assert cache.plain("p", "k", lambda: 5) == 5 and calls == [1]


def test_old_entries_are_pruned(where: Path) -> None:
    for i in range(cache.KEEP + 2):
        cache.arrays("t", f"k{i}", lambda: {"a": np.arange(1)})
        os.utime(where / f"t-k{i}", (i, i))  # k0 oldest
    cache.arrays("t", "new", lambda: {"a": np.arange(1)})
    assert len(list(where.glob("t-*"))) == cache.KEEP and (where / "t-new").is_dir()


def test_keys_change_with_what_the_entry_is_built_from(tmp_path: Path) -> None:
    f = tmp_path / "f.txt"
    f.write_text("a")
    one = cache.fingerprint("x", cache.file_stamp(f), cache.file_digest(f))
    f.write_text("bb")
    assert cache.fingerprint("x", cache.file_stamp(f), cache.file_digest(f)) != one
    assert cache.fingerprint("x", 1) != cache.fingerprint("y", 1)


def test_the_pipeline_tables_from_the_cache_equal_tables_built_afresh(where: Path) -> None:
    texts = [p.read_text(encoding="utf-8")[:3000]
             for p in sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))[:6]]
    fresh = ner_model.CRFModel.load(ner_model.MODEL_FILE)  # tables computed in this process
    ner_model._attach_cached_tables(ner_model.CRFModel.load(ner_model.MODEL_FILE), ner_model.MODEL_FILE)
    cached = ner_model.CRFModel.load(ner_model.MODEL_FILE)
    ner_model._attach_cached_tables(cached, ner_model.MODEL_FILE)  # read back: a hit
    assert isinstance(cached.maps[-1].to_arrays()[next(iter(cached.maps[-1].to_arrays()))], np.memmap)
    for text in texts:
        words = segment.word_spans(text)
        spans = ner_model.sentences(text)
        keys, lengths = fresh.features(text, spans, words)
        assert np.array_equal(fresh.emissions(keys, lengths), cached.emissions(keys, lengths))
    built_tags = ner_model._build_tag_ids(fresh.vocab.pos_tags)
    ner_model._tag_ids.cache_clear()
    try:
        first, second = ner_model._tag_ids(fresh.vocab.pos_tags), None
        ner_model._tag_ids.cache_clear()
        second = ner_model._tag_ids(fresh.vocab.pos_tags)
    finally:
        ner_model._tag_ids.cache_clear()
    for fmap in (first, second):
        assert {k: np.asarray(v).tolist() for k, v in fmap.to_arrays().items()} == \
            {k: np.asarray(v).tolist() for k, v in built_tags.to_arrays().items()}
    assert segment._read_dictionary(segment.dictionary_file()) == segment._dictionary()


def test_processes_filling_an_empty_cache_at_once_agree(tmp_path: Path) -> None:
    """Two processes that start together both build and publish; both get the same mentions,
    and the cache ends with one whole entry of each kind."""
    import json
    import subprocess
    import sys

    code = ("import json, xhextract\n"
            "ms = xhextract.extract('人行行长周小川在上海市徐汇区宣布投资5.2亿元。')\n"
            "print(json.dumps([(m.text, m.label) for m in ms], ensure_ascii=False))\n")
    env = {**os.environ, cache.CACHE_ENV: str(tmp_path / "c")}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs) and outs[0] == outs[1]
    assert ["周小川", "PERSON"] in outs[0]
    kinds = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "c").iterdir() if not p.name.startswith("."))
    assert kinds == ["crf-tables", "jieba-dictionary", "tag-ids"]
    assert not [p for p in (tmp_path / "c").iterdir() if p.name.startswith(".")]  # no temporary left
