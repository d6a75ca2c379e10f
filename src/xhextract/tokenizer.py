"""spaCy's tokenizer for the pipeline: the words of `xhextract.segment`, so Docs and `extract()`
see the same word boundaries (spaCy's own jieba segmenter would run jieba's slow Python cut)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from .segment import words


class SegmentTokenizer:
    """Text -> Doc with one token per jieba word (spaces as spaCy's Chinese tokenizer keeps them)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        tokens, spaces = get_words_and_spaces([w for w in words(text) if w], text)
        return Doc(self.vocab, words=tokens, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    # Nothing to save: the segmenter and its dictionary come with the installed packages.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> SegmentTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: str | Path, **kwargs: Any) -> SegmentTokenizer:
        return self


@registry.tokenizers("xhextract.SegmentTokenizer.v1")
def create_tokenizer() -> Callable[[Language], SegmentTokenizer]:
    """The registered factory, so a pipeline config can name this tokenizer."""

    def make(nlp: Language) -> SegmentTokenizer:
        return SegmentTokenizer(nlp.vocab)

    return make
