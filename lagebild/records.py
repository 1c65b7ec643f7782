"""The typed records that flow through lagebild's stages.

Article (what a reader yields) -> Document (what the analyzer returns), holding
Actors, Events, Quotes, Timexes and Entities. ``Document.to_dict()`` is the
document object of the output contract (``shared/spec/EVENTS.md``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FACTUALITIES = ("asserted", "planned", "hypothetical", "negated")
#: the orders of an event list, for the command line (``lagebild events --sort``) and the web
#: overview (``?sort=``) alike: name -> what it means to a reader (the SQL: ``store.sort_order``)
EVENT_SORTS = {
    "date": "date, oldest first (undated last)",
    "-date": "date, newest first (undated last)",
    "reported": "latest reported first",
    "mentions": "most mentions first",
    "articles": "most articles first",
    "outlets": "most outlets first (distinct news sources: num_sources)",
    "goldstein": "most conflictual (lowest Goldstein score) first",
    "id": "in the order they were stored",
}
#: older names of orders of ``EVENT_SORTS``, still read (``--sort sources``, ``?sort=sources``) but
#: not offered: "sources" counted outlets, not the actors on the source side
EVENT_SORT_ALIASES = {"sources": "outlets"}
#: events that do not happen as told: the article's date never dates them (it would put a happening
#: that may never come, or did not, on a timeline). A negated one keeps a time expression of its own
#: ("griff am Montag nicht an"); a hypothetical one has no date at all (timex.happening_date)
UNDATED_WITHOUT_TIMEX = frozenset({"hypothetical", "negated"})


@dataclass(frozen=True)
class ActorRef:
    """One actor of a filter, as ``actor_names.read_actor`` reads what a person typed: a ``code``
    alone is every actor of that country or organisation ("AUT", "Österreich"); a ``name`` is the
    participants the texts call so ("FPÖ", "Kickl", "Grüne": a participant's text, or the name of
    the actor it resolved to, has its words, the last with a German ending: ``store.name_pattern``), within ``code`` when both are given
    ("Grüne (AUT)"). ``str()`` writes it as it is typed back ("AUT", "FPÖ", "Grüne (AUT)")."""
    code: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        if self.name is None:
            return self.code or ""
        return f"{self.name} ({self.code})" if self.code else self.name


@dataclass
class Article:
    """One input article, as read from a file, a JSONL line, a CSV row or a feed."""

    doc_id: str
    text: str
    dct: str | None = None          # YYYY, YYYY-MM or YYYY-MM-DD, as known
    title: str | None = None
    url: str | None = None
    source: str | None = None       # outlet or feed name
    origin: str | None = None       # file path (and line) it came from, for messages
    country: str | None = None      # where the outlet reports from (ISO 3166 alpha-3): the country of a
                                    # story that names none (``actors.home_country``)
    id_given: bool = True           # False: the reader made the id up (a file name, a line number)
    updated: str | None = None      # a feed item's last change (UTC, YYYY-MM-DDTHH:MM:SSZ): a later one
                                    # is a new version of the stored item (``feeds.entry_stamp``)
    whole_file: bool = False        # the one article of its file (``origin``): the file read again with
                                    # another text (edited) is a new version of the stored article


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    kind: str = "body"              # body | caption | byline


@dataclass
class Actor:
    id: str
    name: str
    mentions: list[str] = field(default_factory=list)
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str = "person"            # person | country | organisation | group


@dataclass
class Span:
    """Where something stands in the input text: ``input[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass
class Participant:
    """One side of an event (or a quote's speaker): a resolved actor, or just coded text.

    ``mention`` is the span of the words in the text that name it (None for a side that is
    inferred, not named); ``text`` is the name as coded, which for a pronoun or a later
    mention is the name given earlier. ``named_elsewhere`` (a side of an event only): whether
    those words stand in another sentence than the ones that tell the event
    (:func:`named_elsewhere`, set by :meth:`Event.mark_named_elsewhere`)."""

    actor: str | None
    text: str | None
    code: str | None
    sector: str | None = None
    inferred: str | None = None     # why a participant not named in the text is there (home, other_side, ...)
    code_inferred: str | None = None    # named, but its country not said for it: "story" (the story's country)
                                        # or "nearby" (the country named just before it) or
                                        # "earlier" (of an earlier mention of the same role or office)
    mention: Span | None = field(default=None, compare=False)
    named_elsewhere: bool | None = field(default=None, compare=False)   # named, but not in the event's sentences


def named_elsewhere(p: Participant, evidence: list[Evidence]) -> bool | None:
    """Whether a side of an event is named in another sentence than the ones that tell the event
    (its ``evidence``): "Die Ukraine hat Russland angegriffen. Am Montag griffen Drohnen eine
    Raffinerie an." codes the second attack's source from "Ukraine" in the sentence before. True
    when the words that name it (``mention``) lie outside every evidence sentence, False when
    they lie in one (a pronoun there resolved to an earlier name is named there: "Er"), None
    when it cannot be said: a side the text does not name (``inferred``, which says how it was
    filled in), a participant without a mention, an event without evidence."""
    m = p.mention
    if m is None or p.inferred or not evidence:
        return None
    return not any(ev.start <= m.start < ev.end for ev in evidence)


@dataclass
class Timex:
    text: str
    type: str                       # DATE | TIME | DURATION | SET
    value: str
    start: int
    end: int
    note: str | None = None         # e.g. "day from weekday", "month precision"


@dataclass
class Magnitude:
    value: float
    unit: str | None = None
    qualifier: str | None = None    # exact | about | more_than | less_than | at_least | up_to


@dataclass
class EventDate:
    text: str | None
    value: str | None
    from_dct: bool = False          # True when no time expression was attached


@dataclass
class Place:
    text: str
    code: str | None = None


@dataclass
class Evidence:
    sentence: int
    start: int
    end: int
    text: str
    date: str | None = None         # this mention's own date value (kept when mentions merge)
    factuality: str | None = None   # this mention's factuality


@dataclass
class Event:
    type: str
    mode: str | None = None
    source: list[Participant] = field(default_factory=list)
    target: list[Participant] = field(default_factory=list)
    factuality: str = "asserted"
    condition: str | None = None
    reported_by: Participant | None = None
    date: EventDate | None = None
    location: Place | None = None
    magnitude: Magnitude | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    cameo: str | None = None
    cue: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None  # the learned coder's estimate that the event is right (calibrated out of fold)

    def mark_named_elsewhere(self) -> None:
        """Set each side's ``named_elsewhere`` (:func:`named_elsewhere`) from the event's evidence as
        it now stands (after merging). The participants are replaced, not changed: one record may
        be a side of several events."""
        self.source = [replace(p, named_elsewhere=named_elsewhere(p, self.evidence)) for p in self.source]
        self.target = [replace(p, named_elsewhere=named_elsewhere(p, self.evidence)) for p in self.target]


@dataclass
class Quote:
    speaker: Participant | None
    text: str
    direct: bool
    start: int
    end: int


@dataclass
class Entity:
    text: str
    label: str                      # PER | LOC | ORG | MISC
    start: int
    end: int
    code: str | None = None


@dataclass
class Document:
    doc_id: str
    dct: str | None
    text: str
    language: str = "de"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    below_floor: int = 0        # happenings the confidence floor left out (--min-confidence 0 keeps them)

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The document object of EVENTS.md (sentences and text only on request)."""
        out = asdict(self)
        if not with_text:
            out.pop("text")
        out.pop("sentences")
        return out
