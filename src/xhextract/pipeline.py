"""The one spaCy pipeline: blank "zh" with jieba, the xhextract components, the resolver."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .components.entities import find_entities
from .components.facts import add_facts
from .components.quantities import find_quantities
from .core import CHUNK_CHARS, chunks, extract, find_mentions  # noqa: F401  (re-exported)
from .resolve import longest_wins
from .segment import word_spans  # noqa: F401  (sets jieba up once, before spaCy uses it)

if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)
if not Doc.has_extension("doc_date"):
    Doc.set_extension("doc_date", default=None)


def _words(doc: Doc) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in doc]


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
    return EntityComponent(use_model)


class EntityComponent:
    """Finds PERSON/ORG/GPE/LOC/FAC/DATE/TIME with gazetteers, rules and (optionally) the model."""

    def __init__(self, use_model: bool) -> None:
        self.use_model = use_model

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.mentions or [])
        found.extend(
            find_entities(doc.text, _words(doc), doc_date=doc._.doc_date, use_model=self.use_model)
        )
        doc._.mentions = found
        return doc


@Language.factory("xhextract_resolver_v1")
def make_resolver(nlp: Language, name: str) -> ResolverComponent:
    return ResolverComponent()


class ResolverComponent:
    """Applies the overlap policy and exposes aligned spans in `doc.spans["xhextract"]`."""

    def __init__(self, policy=longest_wins) -> None:
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        kept = self.policy(doc._.mentions or [])
        doc._.mentions = kept
        spans = []
        for m in kept:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["xhextract"] = spans
        return doc


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
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.max_length = 10 * CHUNK_CHARS
    nlp.add_pipe("xhextract_quantities_v1")
    nlp.add_pipe("xhextract_entities_v1", config={"use_model": use_model})
    nlp.add_pipe("xhextract_resolver_v1")
    nlp.add_pipe("xhextract_facts_v1")
    return nlp
