"""The one spaCy pipeline: blank "zh" cut by `segment`, the xhextract components, the resolver.

The factories are registered with spaCy through the package's `spacy_factories` entry points,
so `spacy.blank("zh").add_pipe("xhextract_quantities_v1")` works without importing xhextract.
After the resolver, `doc.ents` and `doc.spans["xhextract"]` hold every mention with exactly
its characters: tokens are split where a mention starts or ends inside one.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .components.entities import find_entities
from .components.facts import add_facts
from .components.quantities import find_quantities
from .core import CHUNK_CHARS, chunks, extract, find_mentions  # noqa: F401  (re-exported)
from .resolve import longest_wins
from .schema import Mention
from .tokenizer import SegmentTokenizer  # noqa: F401  (registers xhextract.SegmentTokenizer.v1)

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
if not Doc.has_extension("doc_date"):
    Doc.set_extension("doc_date", default=None)


_JIEBA_SPACE = re.compile(r"\r\n|\s")  # jieba makes a word of each (as its re_skip cuts them)


def _words(doc: Doc) -> list[tuple[int, int]]:
    """The jieba words of a Doc cut by spaCy's jieba segmenter, as `segment.word_spans` gives
    them: spaCy joins runs of whitespace (and keeps a space with the token before), jieba cuts
    each whitespace character apart, and the entity rules read jieba's cut."""
    words: list[tuple[int, int]] = []
    for t in doc:
        start, end = t.idx, t.idx + len(t.text_with_ws)
        if t.text.isspace():
            words.extend(m.span() for m in _JIEBA_SPACE.finditer(doc.text, start, end))
        else:
            words.append((start, start + len(t.text)))
            if t.whitespace_:
                words.extend(m.span() for m in _JIEBA_SPACE.finditer(doc.text, start + len(t.text), end))
    return words


@Language.factory("xhextract_quantities_v1")
def make_quantities(nlp: Language, name: str) -> QuantityComponent:
    return QuantityComponent()


class QuantityComponent:
    """Finds MONEY/PERCENT/QUANTITY/CARDINAL/ORDINAL on characters (never on tokens)."""

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.mentions or [])
        found.extend(find_quantities(doc.text))
        doc._.mentions = found
        return doc


@Language.factory("xhextract_entities_v1", default_config={"use_model": True})
def make_entities(nlp: Language, name: str, use_model: bool) -> EntityComponent:
    # The rules read jieba words: a pipeline whose tokenizer is not jieba (spacy.blank("zh")
    # cuts characters) gets them from jieba itself, so its mentions equal extract()'s.
    return EntityComponent(use_model, tokens_are_words=_segmenter(nlp) == "jieba")


def _segmenter(nlp: Language) -> str | None:
    segmenter = getattr(nlp.tokenizer, "segmenter", None)
    return None if segmenter is None else str(segmenter)


class EntityComponent:
    """Finds PERSON/ORG/GPE/LOC/FAC/DATE/TIME with gazetteers, rules and (optionally) the model."""

    def __init__(self, use_model: bool, tokens_are_words: bool = True) -> None:
        self.use_model = use_model
        self.tokens_are_words = tokens_are_words

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.mentions or [])
        words = _words(doc) if self.tokens_are_words else None
        found.extend(
            find_entities(doc.text, words, doc_date=doc._.doc_date, use_model=self.use_model)
        )
        doc._.mentions = found
        return doc


@Language.factory("xhextract_resolver_v1")
def make_resolver(nlp: Language, name: str) -> ResolverComponent:
    return ResolverComponent()


class ResolverComponent:
    """Applies the overlap policy; `doc.ents` and `doc.spans["xhextract"]` get every mention.

    Tokens are split at mention boundaries first (spaCy's retokenizer), so each span covers
    exactly its mention's characters (jieba's 徐汇区委书记 becomes 徐汇区委 / 书记). Mentions
    never overlap, so they are also the Doc's entities, which displacy and spaCy's own
    tooling read; entities set by an earlier component are replaced.
    """

    def __init__(self, policy=longest_wins) -> None:
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        kept = self.policy(doc._.mentions or [])
        doc._.mentions = kept
        split_at_mentions(doc, kept)
        spans = [span for m in kept if (span := mention_span(doc, m)) is not None]
        doc.spans["xhextract"] = spans
        doc.ents = spans
        return doc


def split_at_mentions(doc: Doc, mentions: Sequence[Mention]) -> None:
    """Split every token that a mention starts or ends inside of, in place."""
    starts = [t.idx for t in doc]
    cuts: dict[int, set[int]] = {}
    for m in mentions:
        for offset in (m.start, m.end):
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and starts[i] < offset < starts[i] + len(doc[i].text):
                cuts.setdefault(i, set()).add(offset - starts[i])
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(inner), len(token.text)]
            orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])


def mention_span(doc: Doc, m: Mention) -> Span | None:
    """The Span of exactly `m`'s characters, labelled with its label (tokens already split).

    A boundary inside a token's trailing space (spaCy keeps one space with the token before)
    cannot be a token boundary: such a span is narrowed to the tokens inside the mention.
    """
    span = doc.char_span(m.start, m.end, label=m.label)
    if span is None:
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="contract")
    return span


@Language.factory("xhextract_facts_v1")
def make_facts(nlp: Language, name: str) -> FactsComponent:
    return FactsComponent()


class FactsComponent:
    """Sets indicator, measure, period, subject, object and sentence on every figure."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = add_facts(doc.text, doc._.mentions or [])
        return doc


@lru_cache(maxsize=4)
def load(use_model: bool = True) -> Language:
    """The shared pipeline (built once per setting): `nlp(text)._.mentions` holds the Mentions."""
    # jieba's words as extract() cuts them (segment.words), not spaCy's own call to jieba
    tokenizer = {"@tokenizers": "xhextract.SegmentTokenizer.v1"}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    nlp.max_length = 10 * CHUNK_CHARS
    nlp.add_pipe("xhextract_quantities_v1")
    nlp.add_pipe("xhextract_entities_v1", config={"use_model": use_model})
    nlp.add_pipe("xhextract_resolver_v1")
    nlp.add_pipe("xhextract_facts_v1")
    return nlp
