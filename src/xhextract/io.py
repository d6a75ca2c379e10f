"""Reading documents (BOM, encodings, doc ids) and writing records.

A document is decoded from its bytes and nothing else is changed (ANNOTATION.md section 1):
no newline translation, so CRLF stays and offsets index the decoded text exactly. The
decoder tries, in order: a BOM (UTF-8, UTF-16), strict UTF-8, strict GB18030 when the
result reads as simplified Chinese, and only then charset-normalizer. A file that is
binary, undecodable, unreadable, a directory or a dangling link raises DocumentError
with a one-line reason.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class DocumentError(Exception):
    """A document that cannot be read; the message is one line naming the reason."""


@dataclass(frozen=True)
class Document:
    """A decoded text, its id (path relative to the input root, no .txt) and its encoding."""

    doc: str
    path: Path
    text: str
    encoding: str


def text_sha256(text: str) -> str:
    """The sha256 of the UTF-8 bytes of a document (after BOM removal), as gold files carry it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Share of control characters (other than tab, newlines, form feed) above which a text that
# only a guessing decoder accepted is taken for binary data.
_MAX_CONTROL_SHARE = 0.01
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to (text, encoding name); raises DocumentError for binary or undecodable data."""
    if not data:
        return "", "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DocumentError(f"not valid UTF-8 after its UTF-8 BOM (byte {exc.start + 3})") from None
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom) and len(data) % 2 == 0:
            try:
                return data[2:].decode(name), "utf-16"
            except UnicodeDecodeError:
                break
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_chinese(text) and not _binary_like(text):
        return text, "gbk" if _same_as_gbk(data, text) else "gb18030"
    return _detect(data)


def _same_as_gbk(data: bytes, text: str) -> bool:
    try:
        return data.decode("gbk") == text
    except UnicodeDecodeError:
        return False


def _detect(data: bytes) -> tuple[str, str]:
    """The last resort: charset-normalizer's best guess, refused when it looks binary."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError("undecodable: not UTF-8 or GB18030, and no other encoding detected")
    text = str(best)
    if _binary_like(text):
        raise DocumentError(f"binary file (control characters; best guess {best.encoding})")
    return text, best.encoding


def looks_chinese(text: str) -> bool:
    """True when most non-ASCII characters are CJK ideographs, nearly all of them in GB2312.

    Big5 or Shift-JIS bytes often decode as GB18030 too, but into rare ideographs and kana;
    genuine simplified Chinese is almost entirely in the GB2312 set.
    """
    non_ascii = cjk = common = 0
    for ch in text:
        if ch < "\x80":
            continue
        non_ascii += 1
        if "\u4e00" <= ch <= "\u9fff":
            cjk += 1
            try:
                ch.encode("gb2312")
                common += 1
            except UnicodeEncodeError:
                pass
    return cjk > 0 and cjk >= 0.5 * non_ascii and common >= 0.9 * cjk


def _binary_like(text: str) -> bool:
    controls = sum(
        1 for ch in text
        if (ch < " " and ch not in _TEXT_CONTROLS) or "\x7f" <= ch <= "\x9f"
    )
    return controls > _MAX_CONTROL_SHARE * len(text)


def read_bytes(path: Path) -> bytes:
    """A file's bytes; DocumentError with a one-line reason for links, folders, permissions."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise DocumentError(f"dangling symbolic link (to {os.readlink(path)})")
    if path.is_dir():
        raise DocumentError("is a directory")
    try:
        return path.read_bytes()
    except PermissionError:
        raise DocumentError("permission denied") from None
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except OSError as exc:
        raise DocumentError(exc.strerror or type(exc).__name__) from None


def read_document(path: Path, root: Path | None = None) -> Document:
    """Read and decode one file; raises DocumentError with a one-line reason."""
    text, encoding = decode(read_bytes(path))
    return Document(doc_id(path, root), Path(path), text, encoding)


def doc_id(path: Path, root: Path | None) -> str:
    """ANNOTATION.md section 1: the path relative to the input root, '/' separators, no .txt."""
    path = Path(path)
    if root is not None and Path(root).is_dir():
        rel = path.relative_to(root)
    else:
        rel = Path(path.name)
    name = rel.as_posix()
    return name[:-4] if name.endswith(".txt") else name


def iter_inputs(paths: Iterable[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, root) for every input: files as given, folders recursively over *.txt, sorted.

    Folders are walked in sorted order, so a run's document order (and its output order)
    does not depend on the file system. Dangling links and folders named *.txt are yielded
    too: reading them fails with a reason, so no input is skipped silently.
    """
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*.txt")):
                yield f, p
        else:
            yield p, None


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object a line (UTF-8, not ASCII-escaped); returns the count."""
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All JSON objects of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
