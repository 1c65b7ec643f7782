"""lagebild: German news in, a situation picture (events, actors, quotes, dates) out.

``lagebild.analyze(text, dct=...)`` returns a :class:`Document`; ``Analyzer`` holds the
loaded resources for many articles. The analyzer is imported on first use, so
``import lagebild`` stays light.
"""
from .records import (Actor, Article, Document, Entity, Event, EventDate, Evidence, Magnitude,
                      Participant, Place, Quote, Sentence, Timex)

__all__ = [
    "Actor", "Analyzer", "Article", "Document", "Entity", "Event", "EventDate", "Evidence",
    "Magnitude", "Participant", "Place", "Quote", "Sentence", "Timex", "analyze",
]


def __getattr__(name: str):
    if name in ("Analyzer", "analyze"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'lagebild' has no attribute {name!r}")
