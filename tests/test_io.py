"""Reading documents: encodings, BOMs, CRLF, empty, binary and unreadable inputs, doc ids."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from xhextract.io import DocumentError, decode, doc_id, iter_inputs, looks_chinese, read_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def paragraph() -> str:
    """A real corpus passage (several lines, full-width punctuation, figures)."""
    return (CORPUS / "xuhui_innovation_2021.txt").read_text(encoding="utf-8")[:1500]


def test_utf8_plain_and_with_bom(paragraph: str) -> None:
    assert decode(paragraph.encode("utf-8")) == (paragraph, "utf-8")
    assert decode(b"\xef\xbb\xbf" + paragraph.encode("utf-8")) == (paragraph, "utf-8-sig")


def test_only_a_leading_bom_is_removed() -> None:
    text, _ = decode("\ufeff甲\ufeff乙".encode())
    assert text == "甲\ufeff乙"


def test_gbk_is_detected_and_decoded_exactly(paragraph: str) -> None:
    assert decode(paragraph.encode("gbk")) == (paragraph, "gbk")


def test_gb18030_beyond_gbk(paragraph: str) -> None:
    text = paragraph + "𠀀€"  # a CJK Extension B ideograph and the euro sign: not in GBK
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_crlf_is_kept_so_offsets_index_the_decoded_text(paragraph: str) -> None:
    crlf = paragraph.replace("\n", "\r\n")
    assert "\r\n" in crlf
    assert decode(crlf.encode("utf-8"))[0] == crlf
    assert decode(crlf.encode("gbk"))[0] == crlf


def test_utf16_with_bom() -> None:
    assert decode("增长5%\r\n".encode("utf-16")) == ("增长5%\r\n", "utf-16")


def test_empty_file_is_an_empty_document(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    doc = read_document(tmp_path / "e.txt", tmp_path)
    assert (doc.text, doc.encoding, doc.doc) == ("", "utf-8", "e")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(DocumentError, match=r"binary file \(NUL byte at offset 4\)"):
        decode(b"\x89PNG\x00\x00\x00\rIHDR")


def test_control_bytes_without_nul_are_refused() -> None:
    data = bytes(b for b in range(1, 256) if b not in (9, 10, 13)) * 20
    with pytest.raises(DocumentError, match=r"binary|undecodable"):
        decode(data)


def test_big5_is_not_mistaken_for_gbk(paragraph: str) -> None:
    data = paragraph.encode("big5", errors="ignore")
    assert not looks_chinese(data.decode("gb18030"))
    _, encoding = decode(data)
    assert encoding.lower().replace("-", "") not in ("gbk", "gb18030")


def test_dangling_link_and_directory(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(DocumentError, match=r"^dangling symbolic link \(to .*missing\.txt\)$"):
        read_document(tmp_path / "link.txt")
    with pytest.raises(DocumentError, match=r"^is a directory$"):
        read_document(tmp_path / "folder.txt")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("增长5%", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the read fail as it would
        def refuse(self: Path) -> bytes:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(DocumentError, match=r"^permission denied$"):
        read_document(path)


def test_iter_inputs_sorted_recursive_and_keeps_broken_entries(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "note.md").write_text("x", encoding="utf-8")
    (tmp_path / "z.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "d.txt").mkdir()
    found = [(p.relative_to(tmp_path).as_posix(), root) for p, root in iter_inputs([tmp_path])]
    assert found == [("a.txt", tmp_path), ("b/2.txt", tmp_path), ("d.txt", tmp_path), ("z.txt", tmp_path)]
    assert [doc_id(p, r) for p, r in iter_inputs([tmp_path])] == ["a", "b/2", "d", "z"]
    single = tmp_path / "b" / "2.txt"
    assert list(iter_inputs([single])) == [(single, None)]
    assert doc_id(single, None) == "2"
