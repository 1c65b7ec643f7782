"""The learned event coder: linear models trained on the project's annotated corpus.

Three small models, each a component with one job, over the analyzer's tokens and actor
mentions (the rule coder's cues and events are features, not decisions):

- ``trigger``: for each token, its PLOVER event type or none;
- ``role``: for a trigger and each actor mention of its sentence, source / target / none;
- ``factuality``: asserted / planned / hypothetical / negated from the clause around it.

Training (``lagebild train events``) uses scikit-learn; the analyzer only needs numpy: the
models ship as weight matrices (``lagebild/models/events_de/``).
"""
from .coder import LearnedCoder, load_event_model

__all__ = ["LearnedCoder", "load_event_model"]
