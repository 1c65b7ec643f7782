"""lagebild: German news in, a situation picture (events, actors, quotes, dates) out."""
from .pipeline import Analyzer, analyze
from .records import (Actor, Article, Document, Entity, Event, EventDate, Evidence, Magnitude,
                      Participant, Place, Quote, Sentence, Timex)

__all__ = [
    "Actor", "Analyzer", "Article", "Document", "Entity", "Event", "EventDate", "Evidence",
    "Magnitude", "Participant", "Place", "Quote", "Sentence", "Timex", "analyze",
]
