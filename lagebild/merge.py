"""The one merge policy: when are two event records the same happening?

Used inside a document (:func:`merge_events`, mentions of one happening in one
article) and across articles in the database (:mod:`lagebild.ingest`). Two events
are the same happening only when

* they have the same :func:`merge_key`: PLOVER type, **factuality** and the sets of
  source and target codes. An asserted attack and a hypothetical one ("Russland hat
  2014 die Ukraine angegriffen … könnte erneut angreifen") are two records, never one.
  Where one country is on both sides (domestic news: AUT -> AUT), the codes do not tell
  the actors apart, and the sides' sectors are part of the key too: "Die SPÖ kritisierte
  die Regierung" (PTY -> GOV) and "Die Gewerkschaft kritisierte die Arbeitgeber" (LAB ->
  BUS) are two criticisms;
* their own dates (from a time expression, not the article date) do not differ
  (:func:`dates_compatible`): "am 3. März" and "am 5. März" are two attacks, "im März"
  and "am 5. März" may be one. An event without a date of its own is compatible with
  any date (across articles the article dates must then be close, see
  :func:`lagebild.ingest.dates_agree`).

Inside one document (not across articles), a record whose dyads are all dyads of a fuller record
of the same type and factuality, told by the same cue word in the same sentence (with compatible
dates), is a partial mention of that record and joins it (:func:`merge_events`): "Deutschland,
Norwegen und Dänemark unterzeichneten ein Abkommen" read once as DEU -> NOR and once as DEU ->
NOR, DNK is one agreement.

Every mention keeps its own date and factuality in its evidence (``Evidence.date``,
``Evidence.factuality``), whatever record it joins.

Across articles (:meth:`lagebild.ingest.Ingester._match`) two records of different articles are
one happening only when, besides the merge key,

* a day pins it: both dated to days at most a day apart (their own dates, or their articles'),
  or one dated only to a week, month, season or year that holds the other's day ("im Herbst
  2022" and "am 15. Oktober 2022"). Two coarse dates ("2013" and "im Juli 2013") never make one
  happening; events without any date (hypothetical, or negated without a date of its own) merge
  only with each other, told in articles at most a day apart (the news cycle);
* their places agree (:func:`places_compatible`): two named places differ ("in Innsbruck" and
  "in Graz", both AUT) unless one is the country itself ("in Österreich" / "in Wien");
* where one country is on both sides (the codes do not tell the actors apart), their sides are
  named alike (:func:`sides_named_alike`): "Der Tiroler Landeshauptmann kritisierte die
  Bürgermeister" and "Die Grünen kritisierten Finanzminister Schelling" are two, "Die FPÖ
  kritisierte Faymann" and "FPÖ-Chef Strache warf Bundeskanzler Faymann vor" may be one;
* a role noun of a sub-national office (``lang/de/subnational_offices.tsv``: "der Landeshauptmann",
  "die Bürgermeister") is no name: a country has many holders at once. At least one side must be
  told by more than such nouns (:func:`sides_named_alike`): "Der Landeshauptmann kritisierte die
  Bürgermeister" in two articles is no evidence of one happening, "Der Landeshauptmann kritisierte
  Russland" may be one.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re

from .events.clauses import told_of_each_other
from .events.cues import load_cues
from .records import Event, Participant

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?!\d)")
_YEAR = re.compile(r"^(\d{4})(?![\d-])")
_YEAR_PART = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")    # a season, quarter or half
#: first and last month of a season, quarter or half year (meteorological seasons; a winter runs
#: from the December before: 2023-WI is December 2022 to February 2023, the winter that ends in
#: 2023, as the time tagger writes it also in a December article)
_PART_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2),
                "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12)}


def codes(side) -> list[str]:
    """The sorted distinct codes of one side of an event (uncoded participants left out)."""
    return sorted({p.code for p in side if p.code})


def merge_key(ev: Event) -> str:
    """What two events must share to be merged: type, factuality, source and target codes
    (``ASSAULT|asserted|RUS|UKR``), and where a code is on both sides, the sides' sectors
    (``ACCUSE|asserted|AUT|AUT|PTY>GOV``)."""
    src, tgt = codes(ev.source), codes(ev.target)
    key = f"{ev.type}|{ev.factuality}|{','.join(src) or '-'}|{','.join(tgt) or '-'}"
    if set(src) & set(tgt):
        key += f"|{','.join(_sectors(ev.source))}>{','.join(_sectors(ev.target))}"
    return key


def _sectors(side) -> list[str]:
    """The sorted distinct sectors of a side's coded participants ("-" for none)."""
    return sorted({p.sector or "-" for p in side if p.code})


def own_date(ev: Event) -> str | None:
    """The event's own date value (from a time expression), None when it only has the
    article's date or none."""
    d = ev.date
    if d is None or d.from_dct or not d.value:
        return None
    return d.value


def date_span(value: str | None) -> tuple[_dt.date, _dt.date, str] | None:
    """(first day, last day, precision) of a TIMEX value: the one reading of a date value.

    2022-02-24 (day, also with a time part such as 2022-02-17TEV), 2022-W08 (week, Monday to
    Sunday), 2022-02 (month), 2022 (year), a season, quarter or half of a year (2023-SU, 2023-Q1,
    2023-H2: its months, precision "season"). None when the value names no calendar span
    (PRESENT_REF, XXXX-..., durations)."""
    if not value:
        return None
    v = value.strip()
    try:
        if m := _DAY.match(v):
            d = _dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _WEEK.match(v):
            d = _dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + _dt.timedelta(days=6), "week"
        if m := _MONTH.match(v):
            first = _dt.date(int(m[1]), int(m[2]), 1)
            nxt = _dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - _dt.timedelta(days=1), "month"
        if m := _YEAR_PART.match(v):
            y = int(m[1])
            first, last = _PART_MONTHS[m[2]]
            start = _dt.date(y - 1 if first > last else y, first, 1)     # winter: from December before
            nxt = _dt.date(y + last // 12, last % 12 + 1, 1)
            return start, nxt - _dt.timedelta(days=1), "season"
        if m := _YEAR.match(v):
            return _dt.date(int(m[1]), 1, 1), _dt.date(int(m[1]), 12, 31), "year"
    except ValueError:
        return None
    return None



def date_columns(value: str | None) -> tuple[_dt.date | None, str | None, str | None]:
    """(first day, precision, 'YYYY-MM' or None) of a TIMEX-style value, as ``date_span``
    reads it (a week's month is its Thursday's, a season's its first; a year has none);
    anything that names no calendar span gives (None, None, None): the date columns of a stored
    event."""
    span = date_span(value)
    if span is None:
        return None, None, None
    first, _, prec = span
    if prec == "year":
        return first, prec, None
    month = first + _dt.timedelta(days=3) if prec == "week" else first
    return first, prec, f"{month.year:04d}-{month.month:02d}"     # zero-padded: year 2 is 0002


#: how precise a date is, most precise first (an event told by several articles takes the most
#: precise own date any of them gives)
PRECISION_ORDER = ("day", "week", "month", "season", "year")

def date_range(value: str | None) -> tuple[_dt.date, _dt.date] | None:
    """(first, last day) covered by a TIMEX value (``date_span``); None when it names no
    calendar span."""
    span = date_span(value)
    return None if span is None else span[:2]


def dates_compatible(a: str | None, b: str | None) -> bool:
    """False only when both dates are known and differ (their calendar spans do not
    overlap): 2022-03-03 vs 2022-03-05 differ; 2022-03 and 2022-03-05 do not."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


_WORD = re.compile(r"[^\W\d_]+")


def name_words(texts) -> frozenset[str]:
    """The words that name a side (casefolded), from its participants' texts: names and nouns
    (a capitalised word of four letters or more) and acronyms (SPÖ, EU); articles and other short
    words are no evidence. "FPÖ-Chef Strache" -> {fpö, chef, strache}."""
    out = set()
    for t in texts:
        for w in _WORD.findall(t or ""):
            if (len(w) >= 2 and w.isupper()) or (len(w) >= 4 and w[0].isupper()):
                out.add(w.casefold())
    return frozenset(out)


def _same_word(a: str, b: str) -> bool:
    """One name in two forms: equal, an inflection (Bürgermeister / Bürgermeistern, one the other's
    start) or a compound's head (Regierung / Bundesregierung, one the other's end)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and (long_.startswith(short) or (len(short) >= 5 and long_.endswith(short)))


@functools.lru_cache(maxsize=1)
def subnational_offices() -> tuple[str, ...]:
    """The stems of ``lang/de/subnational_offices.tsv``: role nouns of sub-national offices and
    bodies ("landeshauptmann", "bürgermeister"), lower case."""
    from .lexicon import LexiconError, read_tsv
    stems = []
    for lineno, row in read_tsv("subnational_offices.tsv"):
        if not row["stem"] or row["stem"] != row["stem"].lower():
            raise LexiconError(f"subnational_offices.tsv:{lineno}: stem {row['stem']!r} -- a lower-case stem")
        stems.append(row["stem"])
    return tuple(stems)


def subnational_office(word: str) -> bool:
    """Whether a name word (:func:`name_words`) is a role noun of a sub-national office."""
    return any(stem in word for stem in subnational_offices())


def places_compatible(a_code, a_text, b_code, b_text) -> bool:
    """Whether two records' places may be one (across articles): not two countries, and not two
    named places of one country ("Innsbruck" and "Graz", both AUT) unless one of them is the
    country itself ("Österreich" and "Wien"); a record without a place fits any."""
    from .actor_names import names_country, same_place
    if a_code and b_code and a_code != b_code:
        return False
    if a_text and b_text and not same_place(a_text, b_text):
        code = a_code or b_code
        return code is not None and (names_country(a_text, code) or names_country(b_text, code))
    return True


def sides_named_alike(a: tuple[frozenset[str], frozenset[str]],
                      b: tuple[frozenset[str], frozenset[str]], *, one_country: bool = True,
                      coded: tuple[bool, bool] = (True, True)) -> bool:
    """Whether two records of different articles with the same merge key may tell the same
    actors, by the words naming their sides (source words, target words: :func:`name_words`).

    With one country on both sides (``one_country``: the codes do not tell who acted) every side
    that both name shares a word, and at least one side shares a word that is not a role noun of
    a sub-national office (:func:`subnational_office`): "Landeshauptmann" and "Bürgermeister" of
    two articles may be nine governors and a thousand mayors. Otherwise the codes tell the actors
    apart, but a coded side (``coded``: source, target) counts only where neither record names it
    by such nouns alone: "Der Landeshauptmann kritisierte Russland" twice may be one criticism (of
    Russia), "Der Landeshauptmann kritisierte ..." with no other side is none."""
    agreed = False
    for x, y, has_code in zip(a, b, coded):
        if not one_country:
            if has_code and not (_office_only(x) or _office_only(y)):
                agreed = True
            continue
        if not x or not y:
            continue            # a side one of them does not name: no evidence either way
        shared = [(v, w) for v in x for w in y if _same_word(v, w)]
        if not shared:
            return False
        if any(not subnational_office(v) and not subnational_office(w) for v, w in shared):
            agreed = True
    return agreed


def _office_only(words: frozenset[str]) -> bool:
    """A side named by role nouns of sub-national offices and nothing else."""
    return bool(words) and all(subnational_office(w) for w in words)


def same_happening(a: Event, b: Event) -> bool:
    """The policy in one test (inside one document)."""
    return merge_key(a) == merge_key(b) and dates_compatible(own_date(a), own_date(b))


def _stamp(ev: Event) -> None:
    """Write the event's own date (a time expression's, not the article's: ``own_date``) and its
    factuality into each piece of its evidence."""
    mine = own_date(ev)
    for e in ev.evidence:
        if e.factuality is None:
            e.factuality = ev.factuality
        if e.date is None and mine is not None:
            e.date = mine


def _grouped(events: list[Event], key) -> dict[tuple, list[Event]]:
    """The events by ``key(event)``, in their order; those whose key is None are left out."""
    groups: dict[tuple, list[Event]] = {}
    for ev in events:
        k = key(ev)
        if k is not None:
            groups.setdefault(k, []).append(ev)
    return groups


#: types whose two directions one mention may tell together: what two sides do with each other
#: ("einigten sich", "trafen sich", "Gefechte zwischen ...")
BOTH_WAYS = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})


def _spans(side: list[Participant]) -> frozenset[int]:
    """Where a side's participants are named (their mentions' starts)."""
    return frozenset(p.mention.start for p in side if p.mention is not None)


def one_direction(events: list[Event]) -> list[Event]:
    """One mention (sentence, type, cue word) read both ways, A -> B and B -> A, for an act one side
    does to the other ("Kurti beschuldigte Belgrad, ...": ACCUSE XKX -> SRB at 1.0 and SRB -> XKX at
    0.345): the less confident direction goes, unless the type is one two sides do with each other
    (``BOTH_WAYS``) or the sentence says they do it to each other (``events.clauses.told_of_each_other``:
    "Die Regierung und die Rebellen beschuldigten einander", "die Gegenseite"), or the cue word stands
    twice in the sentence (two clauses). Train +
    dev, at session 26: of such weaker directions of other types, 5 were wrong and none right. Two
    cue words of one type count as one mention where both read the same two mentions ("Die Regierung
    in Kiew hat Moskau scharf kritisiert" gave RUS -> UKR from "scharf" beside UKR -> RUS)."""
    def key(ev: Event) -> tuple | None:
        if not ev.cue or not ev.evidence or ev.type in BOTH_WAYS:
            return None
        if len(re.findall(rf"\b{re.escape(ev.cue)}\b", ev.evidence[0].text or "")) != 1:
            return None     # the cue word twice: two clauses may tell both directions ("Polen wies ... aus,
            #                 und Russland wies ... aus"; a review)
        return (ev.evidence[0].sentence, ev.type)

    dropped: set[int] = set()
    for evs in _grouped(events, key).values():
        for a in evs:
            for b in evs:
                sa, ta, sb, tb = set(codes(a.source)), set(codes(a.target)), set(codes(b.source)), set(codes(b.target))
                if a is b or not sa or not ta or sa != tb or ta != sb or sa == ta:
                    continue
                if told_of_each_other(re.findall(r"\w+", (a.evidence[0].text or "").lower()), load_cues()):
                    continue
                if a.cue != b.cue and not (_spans(a.source) == _spans(b.target) and _spans(a.target) == _spans(b.source)):
                    continue    # two cue words: one reading only where both read the same two mentions ("Die
                    #             Regierung in Kiew hat Moskau scharf kritisiert": "scharf" read Moscow as
                    #             the critic), not two clauses ("Russland warf der Ukraine ... vor, die Ukraine
                    #             beschuldigte ihrerseits Russland ...")
                if (a.confidence or 0.0) < (b.confidence or 0.0):
                    dropped.add(id(a))
    return [ev for ev in events if id(ev) not in dropped]


def named_attacker_first(events: list[Event]) -> list[Event]:
    """An attack by no one named is dropped where the article reports an attack on the same target by
    a named attacker ("Unterstützt wurde die Offensive von US-Kampfflugzeugen, die Stellungen der Taliban
    bombardierten" gave ASSAULT USA -> AFG and, from the same and other sentences, ASSAULT - -> AFG): the
    happening is the named one's. On train and dev such unnamed attacks were right 5 times of 16, on the
    read probes 5 of 31. Events that are no fact stay (a planned attack is no report of this one)."""
    named = {(ev.type, c) for ev in events if ev.factuality == "asserted" and any(p.code for p in ev.source)
             for c in codes(ev.target) if c}
    return [ev for ev in events
            if not (ev.type == "ASSAULT" and ev.factuality == "asserted" and not any(p.code for p in ev.source)
                    and any(codes(ev.target)) and all((ev.type, c) in named for c in codes(ev.target) if c))]


def one_reading(events: list[Event]) -> list[Event]:
    """Two coders reading one mention (the same sentence and cue word) as the same dyad, one as
    having happened and one as not, contradict each other: "Russland hat die Ukraine nicht
    angegriffen" (negated by one, asserted by the other), "wies Berichte über einen Angriff auf
    Eritrea zurück" (hypothetical and asserted), "will eine Offensive beginnen" (planned and
    asserted). The more confident reading stays (the first, on a tie): one mention is never both a
    fact and no fact. Readings that are both no fact (planned and hypothetical) stay, as the merge
    keeps them. Events without a cue or evidence pass unchanged."""
    def mention(ev: Event) -> tuple | None:
        if not ev.cue or not ev.evidence:
            return None
        return (ev.evidence[0].sentence, ev.cue, ev.type, tuple(codes(ev.source)), tuple(codes(ev.target)))

    dropped: set[int] = set()
    for evs in _grouped(events, mention).values():
        if len(evs) < 2 or "asserted" not in {e.factuality for e in evs} \
                or all(e.factuality == "asserted" for e in evs):
            continue
        surest = max(evs, key=lambda e: e.confidence or 0.0)
        if surest.factuality == "asserted":
            dropped |= {id(e) for e in evs if e.factuality != "asserted"}
        else:
            dropped |= {id(e) for e in evs if e.factuality == "asserted"}
    return [ev for ev in events if id(ev) not in dropped]


def dyads(ev: Event) -> set[tuple[str, str]]:
    """The (source code, target code) pairs of an event ("-" for an empty side)."""
    return {(s, t) for s in codes(ev.source) or ["-"] for t in codes(ev.target) or ["-"]}


def partial_of(a: Event, b: Event) -> bool:
    """Whether ``a`` tells only some of the dyads ``b`` tells, of the same type and factuality,
    by the same cue word in a sentence ``b`` is told in, with compatible dates: a partial mention
    of ``b``. ("Die USA verhängten Sanktionen gegen Russland, nachdem die EU und die USA bereits
    Sanktionen verhängt hatten": two cues, two happenings.)"""
    return (a.type == b.type and a.factuality == b.factuality and a.cue is not None and a.cue == b.cue
            and bool({e.sentence for e in a.evidence} & {e.sentence for e in b.evidence})
            and dyads(a) < dyads(b) and dates_compatible(own_date(a), own_date(b)))


def merge_events(events: list[Event]) -> list[Event]:
    """Merge the mentions of one happening in one document (see the module docstring)."""
    groups: dict[str, list[Event]] = {}
    out: list[Event] = []
    seen: dict[int, set[tuple[int, int]]] = {}     # id(kept) -> its evidence positions
    for ev in events:
        _stamp(ev)
        key = merge_key(ev)
        kept = next((k for k in groups.get(key, ()) if dates_compatible(own_date(k), own_date(ev))),
                    None)
        if kept is None:
            groups.setdefault(key, []).append(ev)
            out.append(ev)
            continue
        _join(kept, ev, seen)
    return _join_partial(out, seen)


def _join_partial(out: list[Event], seen: dict[int, set[tuple[int, int]]]) -> list[Event]:
    """Fold each partial mention (``partial_of``) into the fullest record it is part of, following
    a chain (a part of b, b part of c) to its end, whose date must also fit; smaller records first,
    so that nothing joins a record that has already joined another. The fuller record keeps its
    own confidence: a surer partial mention does not vouch for the dyads it does not tell."""
    by_kind: dict[tuple[str, str, str | None], list[Event]] = {}
    for ev in out:
        by_kind.setdefault((ev.type, ev.factuality, ev.cue), []).append(ev)
    into: dict[int, Event] = {}
    for group in by_kind.values():
        if len(group) < 2:
            continue
        for a in group:
            fuller = [b for b in group if b is not a and partial_of(a, b)]
            if fuller:
                into[id(a)] = max(fuller, key=lambda b: len(dyads(b)))
    joined: set[int] = set()
    for a in sorted((ev for ev in out if id(ev) in into), key=lambda ev: len(dyads(ev))):
        target = into[id(a)]
        while id(target) in into:
            target = into[id(target)]
        if dates_compatible(own_date(a), own_date(target)):
            _join(target, a, seen, confidence=False)
            joined.add(id(a))
    return [ev for ev in out if id(ev) not in joined]


def _join(kept: Event, ev: Event, seen: dict[int, set[tuple[int, int]]], confidence: bool = True) -> None:
    """Fold the mention ``ev`` into the record ``kept``: its evidence, what ``kept`` lacks, (with
    ``confidence``) the higher confidence, its named participants."""
    where = seen.setdefault(id(kept), {(x.sentence, x.start) for x in kept.evidence})
    for e in ev.evidence:
        if (e.sentence, e.start) not in where:
            where.add((e.sentence, e.start))
            kept.evidence.append(e)
    kept.condition = kept.condition or ev.condition
    kept.reported_by = kept.reported_by or ev.reported_by
    kept.magnitude = kept.magnitude or ev.magnitude
    kept.location = kept.location or ev.location
    if kept.date is None or (kept.date.from_dct and ev.date is not None and not ev.date.from_dct):
        kept.date = ev.date
    kept.mode = kept.mode or ev.mode
    if confidence and ev.confidence is not None:  # one mention the coder is sure of makes the happening sure
        kept.confidence = max(kept.confidence or 0.0, ev.confidence)
    known = {(p.code, p.text) for p in kept.source}
    kept.source += [p for p in ev.source if (p.code, p.text) not in known and p.text]
    known = {(p.code, p.text) for p in kept.target}
    kept.target += [p for p in ev.target if (p.code, p.text) not in known and p.text]
    if kept.reported_by is not None and any(same_participant(p, kept.reported_by) for p in kept.source):
        kept.reported_by = None     # a side is never its own reporter, also after the merge


def same_participant(p, q) -> bool:
    """Whether two participants are one actor: the same resolved actor, or the same words of the
    text ("Wir werden helfen, sagte Scholz": Scholz is the source, so no reporter of it)."""
    if p.actor is not None and p.actor == q.actor:
        return True
    return p.mention is not None and q.mention is not None and p.mention.start == q.mention.start
