"""The statistical PERSON/ORG/GPE/LOC tagger: a character CRF shipped inside the package.

The CRF is trained with crfsuite (`scripts/train_ner.py`) and its weights are exported to
`data/ner_model/ner_crf.npz`; decoding here is an exact Viterbi in numpy, batched over
sentences, with features computed on integer arrays for a whole text at once. That makes
the tagger faster than jieba itself (see MODEL_CARD.md); building feature strings for
crfsuite's own Tagger made it about three times slower.

The model tags characters with BIOES tags for three classes, PER, ORG and PLACE. Features
(`TEMPLATES`; the model file carries its own list): characters at -2..+2 with their bigrams, a
skip-bigram and the centre trigram (full-width ASCII folded); the segmenter's word each
character sits in (`segment.word_spans`): its B/M/E/S position with the word's part of speech
in jieba's dictionary (nr/ns/nt/..., `oov` for a word its HMM found); character classes (Han,
digit, numeral, Latin ...); membership in a name of the project's gazetteers. PLACE spans
become GPE, LOC or FAC by `place_label` (gazetteer + the suffixes of data/lexicon), since MSRA
does not separate them. Loaded lazily, once per process; nothing is ever downloaded. Without the
model file `available()` is False and `predict()` returns [].
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from . import cache, lexicon
from .model_file import FORMAT_VERSION, MODEL_DIR, MODEL_FILE
from .segment import WordSpans, dictionary_file, word_spans, word_tags

GAZETTEER_FILE = MODEL_DIR / "gpe_names.txt"
# tables built by this module are cached on disk under a key that includes this file's bytes
_CODE_DIGEST = cache.file_digest(Path(__file__))
GAZETTEER_DIR = MODEL_DIR.parent / "gazetteers"
# Gazetteer files whose names make the `g` (gazetteer membership) feature, and the class each
# label counts as (persons are left out: a short list of leaders would teach the model to trust
# a list it cannot extend).
_GAZ_FEATURE_FILES = ("organizations.tsv", "places.tsv", "countries.tsv", "divisions.tsv")
_GAZ_CLASS = {"ORG": 0, "GPE": 1, "LOC": 1, "FAC": 1}

LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC")
# Model classes -> project labels (PLACE is split into GPE/LOC/FAC by `place_label`).
_CLASS_LABEL = {"PER": "PERSON", "ORG": "ORG"}

# Sequences are tagged a sentence at a time: the model was trained on sentences.
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
# Longer sentences are cut at a comma or semicolon (or hard) near this length. The batched
# Viterbi takes as many steps as the longest piece, each with a fixed numpy overhead: 60 gives
# the same held-out F1 as 100 and 300 (MSRA 0.845, CLUENER dev 0.673 through the pipeline;
# 40 loses 0.001-0.003) and saves 2% of extract()'s time over 100. Training uses whole sentences.
_MAX_SEQ = 60
_SOFT_CUT = re.compile(r"[，；,;、]")

_BMES = "BMES"
# Feature templates: name -> (kind, offsets). "c" = character ids at the offsets (one id, a
# bigram or a trigram), "s" = word-shape ids, "sc" = shape x character. (A feature for the
# jieba word itself was tried and did not help on the held-out sets.)
TEMPLATES: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("c-2", "c", (-2,)),
    ("c-1", "c", (-1,)),
    ("c0", "c", (0,)),
    ("c1", "c", (1,)),
    ("c2", "c", (2,)),
    ("c-2-1", "c", (-2, -1)),
    ("c-10", "c", (-1, 0)),
    ("c01", "c", (0, 1)),
    ("c12", "c", (1, 2)),
    ("c-11", "c", (-1, 1)),
    ("c-101", "c", (-1, 0, 1)),
    ("s-1", "s", (-1,)),
    ("s0", "s", (0,)),
    ("s1", "s", (1,)),
    ("s-11", "s", (-1, 1)),
    ("s0c0", "sc", (0,)),
    ("k-101", "k", (-1, 0, 1)),
    ("g-1", "g", (-1,)),
    ("g0", "g", (0,)),
    ("g1", "g", (1,)),
)
# What each template kind reads: "c" characters, "s" word shapes, "k" character classes,
# "g" gazetteer membership; "sc" is shape x character at one offset.
KINDS = frozenset({"c", "s", "k", "g", "sc"})
Template = tuple[str, str, tuple[int, ...]]


# --- sentences and words --------------------------------------------------------------------


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans the tagger runs on: sentences, long ones cut near `_MAX_SEQ` characters."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _cut_long(text, start, m.end(), out)
        start = m.end()
    _cut_long(text, start, len(text), out)
    return out


def sentences_only(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text` (cut at 。！？!? and newlines), without length cuts."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > start and not text[start:m.end()].isspace():
            out.append((start, m.end()))
        start = m.end()
    if len(text) > start and not text[start:].isspace():
        out.append((start, len(text)))
    return out


def _cut_long(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while end - start > _MAX_SEQ:
        cut = None
        for m in _SOFT_CUT.finditer(text, start + _MAX_SEQ // 2, start + _MAX_SEQ):
            cut = m.end()
        if cut is None:
            cut = start + _MAX_SEQ
        out.append((start, cut))
        start = cut
    if end > start and not text[start:end].isspace():
        out.append((start, end))


_HASH_BASE = 0x100000001B3  # odd, so invertible modulo 2**64
_HASH_INVERSE = pow(_HASH_BASE, -1, 1 << 64)


def span_hashes(text: str, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit polynomial hash of each text[start:end] (uint64), computed for all spans at once.

    The same string hashes the same wherever it stands (prefix sums scaled back by the inverse
    power of the base), so words of a text can be looked up among dictionary words' hashes
    without slicing a Python string per word.
    """
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    n = len(cp)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        power = np.ones(n + 1, dtype=np.uint64)
        np.cumprod(np.full(n, _HASH_BASE, dtype=np.uint64), out=power[1:])
        inverse = np.ones(n + 1, dtype=np.uint64)
        np.cumprod(np.full(n, _HASH_INVERSE, dtype=np.uint64), out=inverse[1:])
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(cp * power[:n], out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * inverse[starts] + (ends - starts).astype(np.uint64)


@lru_cache(maxsize=2)
def _tag_ids(pos_tags: tuple[str, ...]) -> _IntMap:
    """Hash of each jieba dictionary word -> 1 + index of its tag in `pos_tags` (built once,
    kept in the disk cache)."""
    key = cache.fingerprint("tag-ids", pos_tags, cache.file_stamp(dictionary_file()), _CODE_DIGEST)
    return _IntMap.from_arrays(cache.arrays("tag-ids", key, lambda: _build_tag_ids(pos_tags).to_arrays()))


def _build_tag_ids(pos_tags: tuple[str, ...]) -> _IntMap:
    index = {t: i for i, t in enumerate(pos_tags)}
    words = [(w, index[t]) for w, t in word_tags().items() if t in index]
    lengths = np.fromiter((len(w) for w, _ in words), dtype=np.int64, count=len(words))
    ends = np.cumsum(lengths)
    keys = span_hashes("".join(w for w, _ in words), ends - lengths, ends)
    rows = np.fromiter((i + 1 for _, i in words), dtype=np.int32, count=len(words))
    return _IntMap(keys.view(np.int64), rows, 1 << 64)


# --- features -------------------------------------------------------------------------------


def _fold_table() -> np.ndarray:
    table = np.arange(0x10000, dtype=np.uint32)
    table[0xFF01:0xFF5F] -= 0xFEE0  # full-width ASCII -> ASCII
    table[0x3000] = 0x20  # ideographic space
    return table


_FOLD = _fold_table()
# Character classes for the `k` templates (id = index + 1; 0 never occurs).
CHAR_CLASSES = ("han", "digit", "numeral", "latin", "space", "dot", "punct", "other")
_NUMERALS = "零〇一二三四五六七八九十百千万亿两"


def _class_table() -> np.ndarray:
    table = np.full(0x10000, CHAR_CLASSES.index("other") + 1, dtype=np.uint8)
    cls = {name: i + 1 for i, name in enumerate(CHAR_CLASSES)}
    table[0x3400:0x4DC0] = table[0x4E00:0xA000] = table[0xF900:0xFB00] = cls["han"]
    for c in range(0x10000):
        ch = chr(_FOLD[c])
        if ch.isdigit() and ch.isascii():
            table[c] = cls["digit"]
        elif ch.isascii() and ch.isalpha():
            table[c] = cls["latin"]
        elif ch.isspace():
            table[c] = cls["space"]
        elif 0x2000 <= c < 0x3040 or 0xFE30 <= c < 0xFF00 or (ch.isascii() and ch.isprintable()):
            table[c] = cls["punct"]
    for ch in _NUMERALS:
        table[ord(ch)] = cls["numeral"]
    for ch in "·•‧・":
        table[ord(ch)] = cls["dot"]
    return table


_CLASS_OF = _class_table()
N_CLASSES = len(CHAR_CLASSES) + 5  # 0, the classes, 4 padding symbols
N_GAZ = 4 * 2 + 5  # 0 = no gazetteer name, B/M/E/S x (ORG, PLACE), 4 padding symbols


@lru_cache(maxsize=1)
def _gazetteer_matcher():  # -> NameMatcher | None
    """Names of the project's gazetteers (organisations, places) for the `g` features."""
    from .matcher import NameMatcher

    items: dict[str, int] = {}
    for fname in _GAZ_FEATURE_FILES:
        path = GAZETTEER_DIR / fname
        if not path.exists():
            continue
        rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")][1:]
        for row in rows:
            if len(row) >= 2 and len(row[0]) >= 2 and row[1] in _GAZ_CLASS:
                items.setdefault(row[0], _GAZ_CLASS[row[1]])
    return NameMatcher((name, (len(name), cls)) for name, cls in items.items()) if items else None


def gazetteer_ids(text: str, hits: Sequence[tuple[int, int, int]] | None = None) -> np.ndarray:
    """Per character: B/M/E/S in the gazetteer name over it x its class (0: none).

    Names are taken longest first, then leftmost, without overlaps. `hits` are the (start,
    end, class) matches of the gazetteer names when the caller has them already (the entity
    rules scan the same names); otherwise the text is scanned here.
    """
    out = np.zeros(len(text), dtype=np.int64)
    if hits is None:
        matcher = _gazetteer_matcher()
        if matcher is None or not text:
            return out
        hits = [(end + 1 - length, end + 1, cls) for end, (length, cls) in matcher.iter(text)]
    if not hits:
        return out
    hits = list(hits)
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken = bytearray(len(text))
    for s, e, cls in hits:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        base = 4 * cls + 1
        out[s] = base
        out[s + 1 : e - 1] = base + 1
        out[e - 1] = base + 2
    return out



@dataclass(frozen=True)
class Vocab:
    """Character and word-shape vocabularies: features are integer keys built from them."""

    chars: np.ndarray  # sorted code points; id = index + 1, 0 = unknown
    pos_tags: tuple[str, ...]  # jieba tags; shape id = 4 * tag index + BMES index + 1
    # Full-width ASCII (１２, ＡＢ) and the ideographic space read as their half-width forms, so
    # that 1998 text with full-width digits and modern text with ASCII digits share features.
    fold_width: bool = False

    @property
    def n_chars(self) -> int:
        """Size of the character id space: unknown, the characters, 4 padding symbols."""
        return len(self.chars) + 5

    @property
    def n_shapes(self) -> int:
        """Size of the shape id space: unknown, 4 per tag, 4 padding symbols."""
        return 4 * len(self.pos_tags) + 5

    def code_points(self, text: str) -> np.ndarray:
        """Code points of `text` as the vocabulary reads them (width-folded if it folds)."""
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if self.fold_width:
            cp = _FOLD[np.minimum(cp, 0xFFFF)] if len(cp) and int(cp.max()) <= 0xFFFF else \
                np.where(cp <= 0xFFFF, _FOLD[np.minimum(cp, 0xFFFF)], cp)
        return cp

    def char_ids(self, text: str) -> np.ndarray:
        """Character ids of `text` (0 for a character never seen in training)."""
        cp = self.code_points(text)
        if len(cp) and int(cp.max()) < len(self._bmp_ids):
            return self._bmp_ids[cp]
        idx = np.searchsorted(self.chars, cp)
        idx_c = np.minimum(idx, len(self.chars) - 1)
        return np.where(self.chars[idx_c] == cp, idx_c + 1, 0).astype(np.int64)

    @cached_property
    def _bmp_ids(self) -> np.ndarray:
        """Character id by code point for the Basic Multilingual Plane (a direct lookup)."""
        table = np.zeros(0x10000, dtype=np.int64)
        bmp = self.chars[self.chars < 0x10000]
        table[bmp] = np.arange(1, len(bmp) + 1)  # chars is sorted: BMP ids come first
        return table

    def class_ids(self, text: str) -> np.ndarray:
        """Character class of each character (`CHAR_CLASSES`: Han, digit, numeral, Latin ...)."""
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return _CLASS_OF[np.minimum(cp, 0xFFFF)].astype(np.int64)

    def shape_ids(self, text: str, words: Sequence[tuple[int, int]]) -> np.ndarray:
        """Per character: B/M/E/S position in its jieba word x the word's dictionary tag."""
        n = len(text)
        # characters outside every word (spaces between spaCy tokens) look like jieba's
        # one-character words that are not in its dictionary
        out = np.full(n, 4 * self.pos_tags.index("o") + 4, dtype=np.int64)
        if not words:
            return out
        if isinstance(words, WordSpans):  # the starts and ends are at hand as lists
            ws, we = words.starts, words.ends
        else:
            span = np.fromiter(chain.from_iterable(words), dtype=np.int64, count=2 * len(words))
            ws, we = span[0::2], span[1::2]
        keep = (ws >= 0) & (we <= n) & (we > ws)
        if not keep.all():
            ws, we = ws[keep], we[keep]
        tid = _tag_ids(self.pos_tags).get(span_hashes(text, ws, we).view(np.int64)).astype(np.int64) - 1
        missing = tid < 0
        if missing.any():
            oov, other = self.pos_tags.index("oov"), self.pos_tags.index("o")
            tid[missing] = np.where(we[missing] - ws[missing] > 1, oov, other)
        base = 4 * tid + 1
        size = we - ws
        # M everywhere inside words, then E at the last and B at the first character; S alone
        out[_positions(ws, size)] = np.repeat(base + 1, size)
        out[we - 1] = base + 2
        out[ws] = base
        single = size == 1
        out[ws[single]] = base[single] + 3
        return out


def feature_keys(
    vocab: Vocab, text: str, spans: Sequence[tuple[int, int]], words: Sequence[tuple[int, int]],
    templates: Sequence[Template] = TEMPLATES,
    gazetteer: Sequence[tuple[int, int, int]] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Integer feature keys (positions x templates) for the characters of `spans`.

    Returns (keys, lengths): the rows are the characters of each span in order, each
    span a separate sequence (context does not cross spans: padding symbols instead).
    """
    lengths = np.array([e - s for s, e in spans], dtype=np.int64)
    if not len(spans):
        return np.zeros((0, len(templates)), dtype=np.int64), lengths
    # Each sequence is laid out with `width` padding symbols on either side, so the id at
    # offset k from any character is a plain gather at (its padded position + k).
    width = max(2, *(abs(k) for _, _, offsets in templates for k in offsets))
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    idx = _positions(starts, lengths)  # text offsets of the characters
    base = np.cumsum(lengths + 2 * width) - (lengths + 2 * width)  # padded start of each sequence
    pos = _positions(base + width, lengths)  # padded position of each character
    size = int(lengths.sum()) + 2 * width * len(lengths)
    # distance-d padding (d = 1, 2, more) -> symbol: ^1 ^2 before a sequence, $1 $2 after it
    before = [min(d, 2) - 1 for d in range(width, 0, -1)]
    after = [2 + min(d, 2) - 1 for d in range(1, width + 1)]
    pad_at = np.concatenate([base + i for i in range(width)] +
                            [base + width + lengths + i for i in range(width)])
    pad_sym = np.repeat(np.array(before + after, dtype=np.int64), len(lengths))

    def padded(ids: np.ndarray, space: int) -> np.ndarray:
        out = np.empty(size, dtype=np.int64)
        out[pos] = ids[idx]
        out[pad_at] = space - 4 + pad_sym  # padding symbols are the last four ids of a space
        return out

    spaces = kind_spaces(vocab)
    sources = {
        "c": lambda: vocab.char_ids(text),
        "s": lambda: vocab.shape_ids(text, words),
        "k": lambda: vocab.class_ids(text),
        "g": lambda: gazetteer_ids(text, gazetteer),
    }
    ids_of: dict[str, np.ndarray] = {}

    def ids(kind: str) -> np.ndarray:
        got = ids_of.get(kind)
        if got is None:
            got = ids_of[kind] = padded(sources[kind](), spaces[kind])
        return got

    memo: dict[tuple[str, int], np.ndarray] = {}

    def at(kind: str, k: int) -> np.ndarray:
        """ids at offset k from every character (padding symbols outside its sequence)."""
        got = memo.get((kind, k))
        if got is None:
            got = memo[kind, k] = ids(kind)[pos + k] if k else ids(kind)[pos]
        return got

    cols = []
    for _, kind, offsets in templates:
        if kind == "sc":  # shape x character at the same offset
            cols.append(at("s", offsets[0]) * spaces["c"] + at("c", offsets[0]))
            continue
        space = spaces[kind]
        key = at(kind, offsets[0])
        for k in offsets[1:]:
            key = key * space + at(kind, k)
        cols.append(key)
    # one row per template, returned transposed: each template's column is contiguous memory
    return np.stack(cols).T, lengths


def kind_spaces(vocab: Vocab) -> dict[str, int]:
    """Size of the id space of each template kind's unit."""
    return {"c": vocab.n_chars, "s": vocab.n_shapes, "k": N_CLASSES, "g": N_GAZ}


def key_space(vocab: Vocab, kind: str, offsets: Sequence[int]) -> int:
    """Number of possible keys of a template."""
    spaces = kind_spaces(vocab)
    if kind == "sc":
        return spaces["s"] * spaces["c"]
    return spaces[kind] ** len(offsets)


def feature_strings(keys: np.ndarray) -> list[list[str]]:
    """crfsuite attribute strings (template index + key) for training, one list per row."""
    cols = [[f"{t}:{k}" for k in keys[:, t].tolist()] for t in range(keys.shape[1])]
    return [list(row) for row in zip(*cols, strict=True)]


# --- the model ------------------------------------------------------------------------------


# Templates of adjacent characters at offsets (-2,-1), (-1,0), (0,1), (1,2): one bigram, shifted.
_BIGRAM_TEMPLATES = ("c-2-1", "c-10", "c01", "c12")

_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_DENSE_MAX = 1 << 18  # key spaces up to this size get a dense keys x labels weight table
_DENSE_INDEX_MAX = 1 << 21  # ... up to this size a dense key -> row array (8 MiB at most)
_BLOCK = 8192  # positions per block when summing emission weights


class _IntMap:
    """A read-only int64 key -> row map with vectorised lookups (0 when absent).

    Key spaces up to 2**21 use a dense array (the shape x character template: one gather
    instead of ~6x the time of hashing); larger ones an open-addressing hash table with
    linear probing, built once at load. Both are far faster than `np.searchsorted` here.
    When every key of the space and every row fit in 64 bits together, a slot holds both
    (key << vbits | row): a lookup then reads one random slot instead of two (the tables are
    megabytes, so each read is a cache miss).
    """

    def __init__(self, keys: np.ndarray, rows: np.ndarray, space: int) -> None:
        self.dense: np.ndarray | None = None
        if space <= _DENSE_INDEX_MAX:
            self.dense = np.zeros(space, dtype=np.int32)
            self.dense[keys] = rows
            return
        bits = max(4, int(np.ceil(np.log2(max(1, len(keys)) * 3))))  # load factor <= 1/3
        self.shift = np.uint64(64 - bits)
        self.mask = np.uint64((1 << bits) - 1)
        self.table = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        self.values = np.zeros(1 << bits, dtype=np.int32)
        ukeys = keys.astype(np.uint64)
        home = self._hash(ukeys)
        pending = np.arange(len(keys))
        probe = 0
        while len(pending):
            pos = (home[pending] + np.uint64(probe)) & self.mask
            free = self.table[pos] == _EMPTY
            slots, first = np.unique(pos[free], return_index=True)
            winners = pending[free][first]
            self.table[slots] = ukeys[winners]
            self.values[slots] = rows[winners]
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            probe += 1
        self.max_probe = probe
        vbits = max(1, int(rows.max()).bit_length()) if len(rows) else 1
        self.vbits: np.uint64 | None = None
        if space < (1 << (64 - vbits)) - 1:  # no key, shifted, can look like an empty slot
            self.vbits = np.uint64(vbits)
            self.vmask = np.uint64((1 << vbits) - 1)
            full = self.table != _EMPTY
            self.table[full] = (self.table[full] << self.vbits) | self.values[full].astype(np.uint64)
            del self.values

    _SCALARS = ("shift", "mask", "max_probe", "vbits", "vmask")

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The map as named arrays (scalars as 0-d arrays), for the disk cache."""
        if self.dense is not None:
            return {"dense": self.dense}
        out = {"table": self.table}
        if self.vbits is None:
            out["values"] = self.values
        for name in self._SCALARS:
            value = getattr(self, name, None)
            if value is not None:
                out[name] = np.asarray(value)
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> _IntMap:
        """A map back from `to_arrays` (arrays kept as given: read-only memory maps are fine)."""
        fmap = cls.__new__(cls)
        fmap.dense = arrays.get("dense")
        if fmap.dense is not None:
            return fmap
        fmap.table = arrays["table"]
        if "values" in arrays:
            fmap.values = arrays["values"]
        fmap.vbits = None
        for name in cls._SCALARS:
            if name in arrays:
                setattr(fmap, name, int(arrays[name]) if name == "max_probe" else np.uint64(arrays[name]))
        return fmap

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        return (keys * _GOLDEN) >> self.shift

    def get(self, keys: np.ndarray) -> np.ndarray:
        """Rows of `keys` (int64 array), 0 for keys not in the map."""
        if self.dense is not None:
            return self.dense[keys]
        ukeys = keys.astype(np.uint64, copy=False)
        home = self._hash(ukeys)
        if self.vbits is not None:
            return self._get_packed(ukeys, home)
        # the first probe settles almost every key (a hit or an empty slot): whole arrays
        found = self.table[home]
        hit = found == ukeys
        out = np.where(hit, self.values[home], 0).astype(np.int32, copy=False)
        more = np.flatnonzero(~hit & (found != _EMPTY))
        for probe in range(1, self.max_probe):
            if not len(more):
                break
            pos = (home[more] + np.uint64(probe)) & self.mask
            found = self.table[pos]
            hit = found == ukeys[more]
            out[more[hit]] = self.values[pos[hit]]
            more = more[~hit & (found != _EMPTY)]
        return out

    def _get_packed(self, ukeys: np.ndarray, home: np.ndarray) -> np.ndarray:
        """`get` on slots that hold key and row together."""
        vbits, vmask = self.vbits, self.vmask
        found = self.table[home]
        hit = (found >> vbits) == ukeys
        out = np.where(hit, found & vmask, 0).astype(np.int32)
        more = np.flatnonzero(~hit & (found != _EMPTY))
        for probe in range(1, self.max_probe):
            if not len(more):
                break
            found = self.table[(home[more] + np.uint64(probe)) & self.mask]
            hit = (found >> vbits) == ukeys[more]
            out[more[hit]] = found[hit] & vmask
            more = more[~hit & (found != _EMPTY)]
        return out


@dataclass(frozen=True)
class CRFModel:
    """Exported CRF weights: per-template sorted keys into one emission weight matrix."""

    vocab: Vocab
    labels: tuple[str, ...]
    transitions: np.ndarray  # (L, L) from -> to
    keys: tuple[np.ndarray, ...]  # per template: sorted int64 keys
    offsets: np.ndarray  # per template: row offset of its keys in `weights`
    weights: np.ndarray  # (1 + all keys, L); row 0 is zeros (unknown feature)
    templates: tuple[Template, ...] = TEMPLATES

    @cached_property
    def maps(self) -> tuple[_IntMap, ...]:
        """Per template: key -> weight row (built on first use, then kept)."""
        maps = []
        for (_, kind, offsets), keys, off in zip(self.templates, self.keys, self.offsets, strict=True):
            space = key_space(self.vocab, kind, offsets)
            rows = np.arange(off, off + len(keys), dtype=np.int32)
            maps.append(_IntMap(keys, rows, space))
        return tuple(maps)

    @cached_property
    def tables(self) -> tuple[tuple[np.ndarray, bool], ...]:
        """Per template: (weight table, direct). Small key spaces get a dense keys x labels
        table indexed by the key itself; large ones stay a key -> row map into `weights`."""
        return tuple(
            (self.weights[fmap.dense], True) if fmap.dense is not None and len(fmap.dense) <= _DENSE_MAX
            else (self.weights, False)
            for fmap in self.maps
        )

    @cached_property
    def bigrams(self) -> tuple[_IntMap, dict[int, np.ndarray]] | None:
        """The adjacent-character templates (c-2-1, c-10, c01, c12) share one map from a bigram
        key to an id of the union of their keys, and each has a dense id -> row array."""
        where = {name: i for i, (name, _, _) in enumerate(self.templates)}
        if not all(name in where for name in _BIGRAM_TEMPLATES):
            return None
        ts = [where[name] for name in _BIGRAM_TEMPLATES]
        union = np.unique(np.concatenate([self.keys[t] for t in ts]))
        ids = _IntMap(union, np.arange(1, len(union) + 1, dtype=np.int32),
                      key_space(self.vocab, "c", (0, 1)))
        dense = {}
        for t in ts:
            rows = np.zeros(len(union) + 1, dtype=np.int32)
            rows[np.searchsorted(union, self.keys[t]) + 1] = np.arange(
                self.offsets[t], self.offsets[t] + len(self.keys[t]), dtype=np.int32)
            dense[t] = rows
        return ids, dense

    def _bigram_rows(self, keys: np.ndarray, lengths: np.ndarray) -> dict[int, np.ndarray]:
        """Weight rows of the four bigram templates from one lookup per position.

        Within a sequence c01 at r is c-10 at r+1, c-2-1 at r is c-10 at r-1, and c12 at r is c01
        at r+1 (padding included); only the keys at sequence edges are looked up apart.
        """
        ids, dense = self.bigrams  # type: ignore[misc]
        t21, t10, t01, t12 = dense  # template indices, in _BIGRAM_TEMPLATES order
        first = np.cumsum(lengths) - lengths
        last = first + lengths - 1
        j10 = ids.get(keys[:, t10])
        j01 = np.empty_like(j10)
        j01[:-1] = j10[1:]
        j01[last] = ids.get(keys[last, t01])
        j21 = np.empty_like(j10)
        j21[1:] = j10[:-1]
        j21[first] = ids.get(keys[first, t21])
        j12 = np.empty_like(j10)
        j12[:-1] = j01[1:]
        j12[last] = ids.get(keys[last, t12])
        return {t21: dense[t21][j21], t10: dense[t10][j10], t01: dense[t01][j01], t12: dense[t12][j12]}

    def emissions(self, keys: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
        """Summed state-feature weights (positions x labels).

        With the sequence `lengths` (as `feature_keys` returns them) the bigram templates need
        one hash lookup instead of four; the result is the same.
        """
        shared = (self._bigram_rows(keys, lengths)
                  if lengths is not None and len(lengths) and self.bigrams is not None else {})
        index = [shared[t] if t in shared else keys[:, t] if direct else fmap.get(keys[:, t])
                 for t, (fmap, (_, direct)) in enumerate(zip(self.maps, self.tables, strict=True))]
        tables = [table for table, _ in self.tables]
        scores = np.empty((keys.shape[0], len(self.labels)), dtype=np.float32)
        part = np.empty((min(_BLOCK, len(scores)), len(self.labels)), dtype=np.float32)
        # in blocks that stay in cache: gather each template's weight rows and add them up.
        # (mode="wrap": every row index is in range by construction, and take() with `out`
        # and the default mode="raise" copies through a buffer, about 4x slower)
        for start in range(0, len(scores), _BLOCK):
            acc = scores[start : start + _BLOCK]
            tmp = part[: len(acc)]
            np.take(tables[0], index[0][start : start + _BLOCK], axis=0, out=acc, mode="wrap")
            for table, rows in zip(tables[1:], index[1:], strict=True):
                np.take(table, rows[start : start + _BLOCK], axis=0, out=tmp, mode="wrap")
                acc += tmp
        return scores

    def viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label index per position, each sequence decoded separately (batched).

        All sequences advance together, shortest first; at step t only the sequences
        longer than t (a suffix of the length-sorted order) take part. Scores are kept
        labels x sequences, so the max over the previous label runs over whole contiguous
        rows (vectorised), and the forward pass keeps only maxima: the back-pointer is
        recomputed for the one chosen label per sequence while tracing back. That is about
        twice as fast as arg-maxing every label at every step, with the same result
        (ties go to the lower label index either way).
        """
        out = np.zeros(len(scores), dtype=np.int64)
        if not len(lengths) or not len(scores):
            return out
        order = np.argsort(lengths, kind="stable")
        lens = lengths[order]
        starts = (np.cumsum(lengths) - lengths)[order]
        width = int(lens[-1])
        # live[t] = index of the first sequence (in sorted order) with length > t
        live = np.searchsorted(lens, np.arange(width), side="right")
        # time-major slots: step t holds the emissions of the sequences live at t, in one
        # contiguous block (one gather here instead of one per step)
        alive = len(lens) - live
        block = np.concatenate([[0], np.cumsum(alive)])
        slot_seq = np.concatenate([np.arange(k, len(lens)) for k in live])
        where = starts[slot_seq] + np.repeat(np.arange(width), alive)  # row of each slot
        trans = np.ascontiguousarray(self.transitions, dtype=np.float32)  # from x to
        trans3 = trans[:, :, None]
        # labels x slots (taking columns of the transposed view: 2-3x faster than gathering
        # rows and transposing the result)
        emit = scores.astype(np.float32, copy=False).T.take(where, axis=1)
        score = emit[:, : alive[0]].copy()  # labels x sequences: best score ending in each label
        steps = [score.copy()]  # steps[t]: scores of the sequences live at t
        for t in range(1, width):
            k = live[t]
            new = (score[:, None, k:] + trans3).max(axis=0)
            new += emit[:, block[t] : block[t + 1]]
            score[:, k:] = new
            steps.append(new)
        cur = score.argmax(axis=0)
        best = np.empty(len(where), dtype=np.int64)
        for t in range(width - 1, -1, -1):
            k = live[t]
            best[block[t] : block[t + 1]] = cur[k:]
            if t:
                prev = steps[t - 1][:, k - live[t - 1] :] + trans[:, cur[k:]]
                cur[k:] = prev.argmax(axis=0)
        out[where] = best
        return out

    def features(self, text: str, spans: Sequence[tuple[int, int]],
                 words: Sequence[tuple[int, int]],
                 gazetteer: Sequence[tuple[int, int, int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`feature_keys` with this model's vocabulary and templates."""
        return feature_keys(self.vocab, text, spans, words, self.templates, gazetteer)

    def save(self, path: Path) -> None:
        """Write the weights as one compressed .npz."""
        meta = {
            "format": FORMAT_VERSION,
            "labels": list(self.labels),
            "pos_tags": list(self.vocab.pos_tags),
            "fold_width": self.vocab.fold_width,
            "templates": [[name, kind, list(offsets)] for name, kind, offsets in self.templates],
        }
        arrays = {f"keys_{i}": k for i, k in enumerate(self.keys)}
        np.savez_compressed(
            path,
            meta=np.array(json.dumps(meta, ensure_ascii=False)),
            chars=self.vocab.chars,
            transitions=self.transitions,
            offsets=self.offsets,
            weights=self.weights,
            **arrays,
        )

    @classmethod
    def load(cls, path: Path) -> CRFModel:
        """Read a model written by `save` (or by format 1, whose templates were the first 16
        of `TEMPLATES`); ValueError if it does not match this code."""
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta["format"] == 1:
                known = {t[0]: t for t in TEMPLATES}
                templates = tuple(known[name] for name in meta["templates"])
            elif meta["format"] == FORMAT_VERSION:
                templates = tuple((name, kind, tuple(offsets))
                                  for name, kind, offsets in meta["templates"])
            else:
                raise ValueError(f"{path}: model format does not match this xhextract")
            if any(kind not in KINDS for _, kind, _ in templates):
                raise ValueError(f"{path}: unknown feature template kind")
            return cls(
                vocab=Vocab(z["chars"], tuple(meta["pos_tags"]), bool(meta.get("fold_width", False))),
                labels=tuple(meta["labels"]),
                transitions=z["transitions"],
                keys=tuple(z[f"keys_{i}"] for i in range(len(templates))),
                offsets=z["offsets"],
                weights=z["weights"],
                templates=templates,
            )


@lru_cache(maxsize=1)
def _model() -> CRFModel | None:
    """The packaged model, read once per process (None when missing or unreadable), its
    lookup tables from the disk cache."""
    if not MODEL_FILE.exists():
        return None
    try:
        model = CRFModel.load(MODEL_FILE)
    except (OSError, ValueError, KeyError):
        return None
    _attach_cached_tables(model, MODEL_FILE)
    return model


def _attach_cached_tables(model: CRFModel, path: Path) -> None:
    """Give `model` its lookup tables (`maps`, `bigrams`) from the disk cache, built and
    stored there on a miss: the same tables, read instead of computed (about 0.3 s)."""
    key = cache.fingerprint("crf-tables", cache.file_stamp(path), _CODE_DIGEST)

    def build() -> dict[str, np.ndarray]:
        out = {}
        for i, fmap in enumerate(model.maps):
            out.update({f"map{i}.{k}": v for k, v in fmap.to_arrays().items()})
        if model.bigrams is not None:
            ids, dense = model.bigrams
            out.update({f"bigram_ids.{k}": v for k, v in ids.to_arrays().items()})
            out.update({f"bigram_rows.{t}": rows for t, rows in dense.items()})
        return out

    group: dict[str, dict[str, np.ndarray]] = {}
    for name, value in cache.arrays("crf-tables", key, build).items():
        head, _, field = name.partition(".")
        group.setdefault(head, {})[field] = value
    model.__dict__["maps"] = tuple(_IntMap.from_arrays(group[f"map{i}"])
                                   for i in range(len(model.templates)))
    if "bigram_ids" in group:
        where = {name: i for i, (name, _, _) in enumerate(model.templates)}
        rows = group["bigram_rows"]  # in _BIGRAM_TEMPLATES order, as _bigram_rows unpacks them
        model.__dict__["bigrams"] = (_IntMap.from_arrays(group["bigram_ids"]),
                                     {where[n]: rows[str(where[n])] for n in _BIGRAM_TEMPLATES})


def available() -> bool:
    """True when the packaged model file is present and loads."""
    return _model() is not None


# --- prediction -----------------------------------------------------------------------------


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, class) spans of a BIO tag sequence; a stray I- starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, cls = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-") or tag[2:] != cls:
            if start >= 0:
                spans.append((start, i, cls))
                start, cls = -1, ""
            if tag != "O":
                start, cls = i, tag[2:]
    if start >= 0:
        spans.append((start, len(tags), cls))
    return spans


def tag_classes(
    text: str, words: Sequence[tuple[int, int]] | None = None, model: CRFModel | None = None,
    gazetteer: Sequence[tuple[int, int, int]] | None = None,
) -> list[tuple[int, int, str]]:
    """Raw model spans (start, end, PER/ORG/PLACE) over `text`; [] without a model.

    `gazetteer`: the (start, end, class) matches of `gazetteer_ids`, if the caller has them."""
    model = model or _model()
    if model is None or not text:
        return []
    if words is None:
        words = word_spans(text)
    spans = sentences(text)
    if not spans:
        return []
    keys, lengths = model.features(text, spans, words, gazetteer)
    best = model.viterbi(model.emissions(keys, lengths), lengths)
    return _decode_spans(model.labels, best, spans, lengths)


def _decode_spans(
    labels: Sequence[str], best: np.ndarray, spans: Sequence[tuple[int, int]], lengths: np.ndarray
) -> list[tuple[int, int, str]]:
    """BIO label indices of all sentences -> (start, end, class) in text offsets.

    A span starts at a B- tag, at an I- tag after O or another class, or at a sentence
    start; it never crosses a sentence.
    """
    classes = sorted({lab[2:] for lab in labels if lab != "O"})
    cls_of = np.array([0 if lab == "O" else 1 + classes.index(lab[2:]) for lab in labels])
    is_b = np.array([lab.startswith(("B-", "S-")) for lab in labels])
    cls = cls_of[best]
    begin = is_b[best]
    first = np.zeros(len(best), dtype=bool)
    first[np.cumsum(lengths) - lengths] = True
    prev = np.concatenate([[0], cls[:-1]])
    prev[first] = 0
    starts = (cls > 0) & (begin | (cls != prev))
    nxt = np.concatenate([cls[1:], [0]])
    next_breaks = np.concatenate([starts[1:] | first[1:], [True]])
    ends = (cls > 0) & ((nxt != cls) | next_breaks)
    si, ei = np.flatnonzero(starts), np.flatnonzero(ends)
    pos = _positions(np.array([s for s, _ in spans], dtype=np.int64), lengths)
    return [
        (s, e + 1, classes[c - 1])
        for s, e, c in zip(pos[si].tolist(), pos[ei].tolist(), cls[si].tolist(), strict=True)
    ]


def _positions(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated ranges start..start+length (text offsets of all sentence characters)."""
    return np.repeat(starts, lengths) + (
        np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )


# --- GPE / LOC / FAC ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _place_suffixes() -> tuple[dict[str, str], tuple[int, ...]]:
    """Suffixes of data/lexicon/suffixes.tsv -> GPE/LOC/FAC (an organisation's head: FAC), and
    their lengths from the longest."""
    # a place named like an institution (…院, …中心) is its building: FAC
    table = {s.suffix: "FAC" if s.label == "ORG" else s.label for s in lexicon.suffixes()
             if s.head != "never" and (s.label != "ORG" or len(s.suffix) > 1 or s.suffix in "院馆")}
    return table, tuple(sorted({len(k) for k in table}, reverse=True))


@lru_cache(maxsize=1)
def _gpe_names() -> frozenset[str]:
    """Countries, provinces, cities and their one-character abbreviations (gazetteer)."""
    if not GAZETTEER_FILE.exists():
        return frozenset()
    names: set[str] = set()
    for line in GAZETTEER_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.update(line.split())
    return frozenset(names)


def place_label(name: str) -> str:
    """GPE, LOC or FAC for a place name: the gazetteer first, then its longest suffix in
    data/lexicon/suffixes.tsv (…省 GPE, …江 LOC, …大桥 FAC, …地区 LOC), else LOC."""
    if name in _gpe_names():
        return "GPE"
    table, lengths = _place_suffixes()
    for k in lengths:
        if k <= len(name):
            label = table.get(name[-k:])
            # a facility needs a name before its head (深港 is two places, not a port)
            if label is not None and (label != "FAC" or len(name) - k >= 2):
                return label
    return "LOC"


def predict(
    text: str, words: Sequence[tuple[int, int]] | None = None, *, keep_fac: bool = False,
    gazetteer: Sequence[tuple[int, int, int]] | None = None,
) -> list[tuple[int, int, str]]:
    """Entities (start, end, label) with half-open offsets; labels PERSON/ORG/GPE/LOC.

    `words` are the jieba word spans of `text` when the caller already has them (the
    pipeline's tokens); otherwise jieba cuts the text here. Place names that look like
    facilities (…馆, …大厦, …路) are dropped, or labelled FAC with `keep_fac=True`.
    """
    out: list[tuple[int, int, str]] = []
    for s, e, cls in tag_classes(text, words, gazetteer=gazetteer):
        name = text[s:e]
        if not name.strip():
            continue
        label = _CLASS_LABEL.get(cls) or place_label(name)
        if label == "FAC" and not keep_fac:
            continue
        out.append((s, e, label))
    return out
