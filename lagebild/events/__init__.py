"""Event stage: clauses -> PLOVER events with factuality, condition, attribution, magnitude.

German sentence structure is read with light rules instead of a parser:
clauses are cut at commas, dashes, colons and clause-joining "und"; a clause that
starts with a subordinator is subordinate, one that starts with "solange", "falls",
"wenn" ... (or follows "unter der Bedingung") is a condition. Verb cues come from
``lang/de/verbs.tsv`` (lemmas via simplemma; separable particles at the clause end
are joined: "weist ... zurück" -> "zurückweisen"); noun cues also in inflected forms and
compounds (``-head`` rows: "Krisentreffen"); factuality and reported-speech cues, and the
word classes the rules below consult (unreal nouns, promise verbs, material words, cues that
need a named target, ...), from ``lang/de/cues.tsv``.

Beyond the clause's own subject and object the coder uses a few structural readings of German
news text, each tested in ``tests/test_event_rules.py``: what is demanded, promised or alleged
is the content of that act, not an event of its own; relative clauses act through their
antecedent; object-first clauses with a masculine subject after the verb; headline participles
and stative passives; the owner of the object, recipients of money and the story's other side
as targets; "das Nachbarland" through ``lang/de/borders.tsv``.

The components, one job each (each imports only components named before it):
``cues`` (the cue lexicon and lemmas), ``clauses`` (clauses and their grammar: "Polen kritisierte
Russland, die Ukraine verurteilte Belarus" is two main clauses), ``tense`` (tense readings for
dating: "hatte ... festgenommen" is before the story's time), ``reach`` (which mentions may be a
cue's sides: "Kaczyński trifft Orbán, der Warschau Unterstützung zugesagt hat"), ``factuality``
(what is told as fact, plan or hypothesis: "Die EU wird Sanktionen verhängen" is planned),
``content`` (what is no event of its own: "Polen forderte Sanktionen" is a demand only),
``roles`` (participants from mentions), ``policies`` (named fallbacks for a participant the clause
does not name), ``magnitude``, ``threats`` (what a threat threatens) and ``coder``, the rule
coder that puts them together. The learned coder (``lagebild.learned``) reads the same components.
"""
from .clauses import Clause, split_clauses
from .coder import EventCoder, RawEvent
from .cues import Cue, Lexicon, lemma, load_cues
from .magnitude import find_magnitude
from .policies import FALLBACKS, load_borders

__all__ = ["Clause", "Cue", "EventCoder", "FALLBACKS", "Lexicon", "RawEvent", "find_magnitude", "lemma",
           "load_borders", "load_cues", "split_clauses"]
