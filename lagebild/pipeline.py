"""The analyzer: Article -> Document, stage by stage.

Stages (each a module): text (paragraphs, captions, sentences, tokens) ->
timex (time expressions) -> actors (recognition, coding, coreference) ->
quotes -> events (coding, factuality, conditions, attribution, magnitudes) ->
merge (one record per happening) -> cameo (quad class, CAMEO root, Goldstein).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from .records import Article, Document


class Analyzer:
    """Holds the loaded language resources; call it on an Article to get a Document."""

    def __init__(self, use_models: bool = True):
        self.use_models = use_models

    def __call__(self, article: Article) -> Document:
        return Document(doc_id=article.doc_id, dct=article.dct, text=article.text,
                        title=article.title, url=article.url, source=article.source)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Document]:
        for article in articles:
            yield self(article)


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def analyze(text: str, dct: str | None = None, doc_id: str = "doc") -> Document:
    """Analyze one German article body; ``dct`` is its date (YYYY[-MM[-DD]]) if known."""
    return default_analyzer()(Article(doc_id=doc_id, text=text, dct=dct))
