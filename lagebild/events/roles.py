"""Participants from mentions: coordination, places, the mention -> participant step."""
from __future__ import annotations



from ..actors import POSSESSIVES as THIRD_PERSON_POSSESSIVES, Mention, attribute_of, into
from ..lexicon import load_lexicon
from ..records import Participant
from ..timex import amount_word, is_time_noun
from ..text import Token
from .clauses import (ADJ_ENDINGS, NP_DETS as _NP_DETS, WERDEN_PASSIVE, Clause, contrast_joins, has_verb_of,
                      noun_preposition, told_of_each_other)
from .cues import lemma


#: types whose sides act on each other: "Russland und die Ukraine verhandelten" names both as each other's side
RECIPROCAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT", "ACCUSE"})
#: of those, the acts done to someone: listed actors are each other's other side only where their clause
#: says the act is mutual (``said_mutual``): "Rechtshilfeersuchen an Liechtenstein, die Schweiz und Zypern" is
#: no ACCUSE between Switzerland and Cyprus; "warfen sich gegenseitig vor", "Gefechte zwischen X und Y" are
ONE_WAY_UNLESS_SAID = frozenset({"ASSAULT", "ACCUSE"})


def said_mutual(c: Clause, lex) -> bool:
    """Whether clause ``c`` tells its act as mutual: the sides do it to each other
    (``clauses.told_of_each_other``: "sich", "gegenseitig", "die andere Seite"), an actor of it is named
    "zwischen" ("Gefechte zwischen X und Y"), or a verb or noun of a mutual act (cues.tsv class
    ``mutual``: "kämpfen")."""
    return told_of_each_other(c.lowers, lex) or any(m.prep == "zwischen" for m in c.mentions) \
        or any(lex.is_(lemma(t.text), "mutual") for t in c.tokens)


#: possessive determiners, the third person's (``actors.POSSESSIVES``) and "unser": "Frankreich und seine
#: Verbündeten" is one list of actors
POSSESSIVES = THIRD_PERSON_POSSESSIVES | frozenset("unser unsere".split())


def _place_code(ms: list[Mention], toks=None) -> str | None:
    """The country of the first "in X" / "im X" place among the mentions (with the sentence's
    tokens: not a direction, "in die Slowakei überstellt")."""
    return next((m.code for m in ms if m.prep in ("in", "im") and m.kind == "country" and m.code
                 and not (toks is not None and into(toks, m))), None)


#: sectors of those a report of an arrest or verdict may name without placing the story abroad
_PEOPLE_LIKE = frozenset({"CVL", "REF", "UAF"})


def _people_like(m: Mention) -> bool:
    """One of a people or a civilian, unnamed ("ein 25-jähriger Afghane", "drei Schlepper")."""
    return (m.kind == "group" or (m.kind == "person" and not m.name)) \
        and (m.sector is None or m.sector in _PEOPLE_LIKE)


#: nouns after "in", "im", "am", "bei" that name no place besides times ("am Sonntag", "im Jänner",
#: "in der Nacht": ``timex.is_time_noun``, ``timex.amount_word``): they leave a clause unplaced
_UNPLACED = frozenset("""nächte zuge zusammenhang rahmen folge verlauf anschluss haft untersuchungshaft gewahrsam
polizeigewahrsam fall falle vorfeld mittelpunkt auftrag namen abwesenheit verdacht""".split())


def _unplaced(toks, moved: bool = False) -> bool:
    """Whether no place phrase of its own stands in the words: no "in/im/am/bei/nahe/auf" + a
    capitalized word but a time or circumstance ("am Sonntag", "in Untersuchungshaft"); "In Sachsen",
    "im Grenzort Freilassing", "am Brenner" place a clause the lexicon may not know."""
    for k, t in enumerate(toks[:-1]):
        if t.lower not in ("in", "im", "am", "bei", "beim", "nahe", "auf", "an"):
            continue
        if moved and t.lower == "in" and toks[k + 1].lower in ("die", "den", "das"):
            continue        # where a deportation sends them: "in den Iran abgeschoben"
        for u in toks[k + 1:k + 4]:
            if u.is_cap:
                if u.lower not in _UNPLACED and not is_time_noun(u.text) and not amount_word(u.text):
                    return False
                break
    return True


def dateline_place(target: list[Mention], actors, sent: int, toks=None, moved: bool = False) -> str | None:
    """The state of the story's dateline as where an agentless arrest, deportation or verdict
    happens, where the acted-on are of a people or civilians, the sentence names no place of its own
    (``_unplaced``; nor one by a country's or city's adjective: "auf dem Berliner Weihnachtsmarkt"),
    and the story up to this sentence names no one else of another country (but peoples, the origin
    of the acted-on, "Schlepper aus Ägypten", and for a deportation where to, "nach Kroatien", "in
    den Iran", unless that is the dateline's own state): "Salzburg – Ein 25-jähriger Afghane wurde
    festgenommen" happened in Austria; "Wien – Die türkische Regierung geht gegen Kritiker vor. Zwei
    Journalisten wurden festgenommen" and "Wien – Der russische Oppositionelle Alexej Nawalny wurde
    festgenommen" are stories from abroad."""
    code = actors.dateline_code
    if not code or len(code) != 3 or not target or not all(_people_like(m) for m in target):
        return None
    if toks is not None and not _unplaced(toks, moved):
        return None
    for m in actors.mentions:
        if m.sent > sent or m.pronoun or not m.code or m in target:
            continue
        if m.code == code:
            if moved and m.sent == sent and m.prep in ("nach", "in"):
                return None     # "nach Österreich abgeschoben": the dateline's state receives them
            continue
        if _people_like(m):
            continue        # peoples do not place a story
        if m.prep == "aus" and any(t.sent == m.sent and 0 < m.start - t.end <= 6 for t in target):
            continue        # the origin of the acted-on: "Schlepper aus Ägypten"
        if moved and m.sent == sent and (m.prep == "nach" or (toks is not None and into(toks, m))):
            continue        # where a deportation sends them
        return None
    if toks is not None:
        lex, own = load_lexicon(), {m.code for m in target}
        for t in toks:
            entry = lex.adjective(t.text) or lex.city_adjectives.get(t.lower)
            if entry is not None and entry.code and entry.code not in own and entry.code != code:
                return None
    return code


def _participants(ms: list[Mention]) -> list[Participant]:
    return [m.participant() for m in ms]


#: words that may stand before the last member of a list ("Frankreich und 15 weitere Staaten")
LIST_QUANTIFIERS = frozenset("weitere weiteren andere anderen mehrere zahlreiche einige viele alle beide".split())


def _list_goes_on(m: Mention, toks: list) -> bool:
    """Whether the list goes on after ``m``: a list comma (no clause token: the next token of the
    clause is not the one right after it) or "und"/"sowie"/"oder" follows; not a relative clause
    ("Die USA, die Russland kritisiert hatten, verhängten ...": "die" is its pronoun, a review)."""
    nxt = next((t for t in toks if t.start >= m.end), None)
    return nxt is not None and (nxt.i > m.j or nxt.lower in ("und", "sowie", "oder"))


def _coordinated(first: Mention, ms: list[Mention], c: Clause) -> list[Mention]:
    """'X und Y' / 'X, Y und Z' / 'sowohl X als auch Y' / 'weder X noch Y': mentions joined to first
    by und/commas with nothing else between."""
    out = [first]
    toks = c.tokens
    for m in ms:
        if m is not first and (m.start, m.end) == (first.start, first.end):
            out.append(m)       # one phrase for two sides ("beide Seiten": actors.ActorTagger._both_sides)
            continue
        if m is first or m.i <= out[-1].i:
            continue
        # tokens between previous mention end and this mention
        between = [t for t in toks if out[-1].end <= t.start < m.start]   # list commas are not clause tokens
        words = [t.lower for t in between]
        both = "sowohl" in c.lowers and words[:2] == ["als", "auch"] \
            and all(w in ("der", "die", "das") for w in words[2:])       # "sowohl X als auch (der) Y"
        both = both or ("weder" in c.lowers and words[:1] == ["noch"]
                        and all(w in ("der", "die", "das") for w in words[1:]))   # "weder X noch (die) Y"
        if not between and m.i == out[-1].j:
            break       # right next to it, not even a comma: "griffen russische Soldaten Charkiw an"
        # a list comma before an article ("Frankreich, die Türkei und Katar forderten ..."): the comma
        # is no clause token, so the article's token is not the one right after the mention
        listed = bool(between) and between[0].i > out[-1].j \
            and all(t.lower in _NP_DETS or t.lower in POSSESSIVES for t in between) and _list_goes_on(m, toks)
        joined = not between or both or listed or any(t.lower in ("und", "sowie") for t in between)   # empty: a list comma
        if joined and (both or all(t.lower in ("und", ",", "sowie") or t.lower in _NP_DETS or t.lower in POSSESSIVES
                                   or t.lower in LIST_QUANTIFIERS or t.text.isdigit() for t in between)) \
                and (m.prep is None or m.prep == first.prep):
            out.append(m)
        else:
            break
    return out


def _partner(c: Clause, ms: list[Mention], side: list[Participant]) -> list[Mention]:
    """The other side of a two-sided happening of ``side``: a "mit X" actor of clause ``c``
    whose code is not on that side, with the actors coordinated with it ("einigten sich mit
    Tunesien und Libyen"), or [] when the clause names none."""
    codes = {p.code for p in side}
    rest = [m for m in ms if m.code not in codes and c.start <= m.start and m.end <= c.end]
    first = next((m for m in rest if m.prep == "mit" and m.code and not m.pronoun), None)
    return _coordinated(first, rest, c) if first is not None else []


def attributes_of(side: list[Mention], ms: list[Mention]) -> list[Mention]:
    """The genitive attributes of the mentions of ``side``, and theirs in turn ("der Sprecher der
    Regierung Polens": "Regierung", "Polens"): they tell whose the side is, never the other side."""
    out: list[Mention] = []
    heads = list(side)
    for m in sorted(ms, key=lambda x: (x.sent, x.i)):
        if m not in side and any(attribute_of(m, h) for h in heads):
            out.append(m)
            heads.append(m)
    return out


def listed_attributes(side: list[Mention], ms: list[Mention], c: Clause) -> list[Mention]:
    """The actors coordinated with a genitive attribute of ``side`` in clause ``c``: "die
    Außenminister Frankreichs, Deutschlands und Polens" are three ministers, so Germany and
    Poland are of the side (``attributes_of`` gives the office its code from "Frankreichs") and
    never its other side."""
    own = attributes_of(side, ms)
    rest = [m for m in ms if m not in side and c.start <= m.start and m.end <= c.end]
    out: list[Mention] = []
    for a in own:
        for x in _coordinated(a, rest, c)[1:]:
            if x not in own and x not in out:
                out.append(x)
    return out


def coordinated_group(m: Mention, ms: list[Mention], c: Clause) -> list[Mention]:
    """The list of actors ("X, Y und Z", "sowohl X als auch Y") that mention ``m`` stands in
    within clause ``c`` (``m`` included), as ``_coordinated`` joins them for the rule coder."""
    inside = sorted((x for x in ms if c.start <= x.start and x.end <= c.end), key=lambda x: x.i)
    k = 0
    while k < len(inside):
        group = _coordinated(inside[k], inside[k:], c)
        if m in group:
            return group
        k += max(1, len([x for x in group if x in inside[k:]]))
    return [m]

def threatened_against(c: Clause, mentions: list[Mention], source: list[Mention]) -> list[Mention]:
    """The target of a threat that names none as its object: whom what it threatens with is
    against ("Der UN-Sicherheitsrat hatte mit Sanktionen gegen Politiker gedroht"): the first "gegen"
    actor after the clause's "mit", with those listed with it; [] where there is none."""
    mit = next((t.start for t in c.tokens if t.lower == "mit"), None)
    if mit is None:
        return []
    rest = [m for m in mentions if m not in source and c.start <= m.start and m.end <= c.end]
    first = next((m for m in rest if m.prep == "gegen" and m.start > mit and m.code and not m.pronoun), None)
    return _coordinated(first, rest, c) if first is not None else []


def attacked_place(mentions: list[Mention], own_codes: set, cue: Token) -> list[Mention]:
    """The target of an attack that names none: what is attacked lies in the place named after
    the cue ("Die Türkei griff Ziele in Nordsyrien an", "Bei einem russischen Luftangriff wurden
    in Charkiw drei Zivilisten getötet"), a country or city of another code than the attacker's;
    [] where there is none. Only after the cue: "Die in Belarus stationierten Truppen griffen an"
    names where the attackers are, not what they attack."""
    return [m for m in mentions if m.prep in ("in", "im") and m.kind == "country" and m.code
            and m.code not in own_codes and m.start > cue.start][:1]


#: the sector of a site an attack hits, by its cues.tsv class
SITE_SECTORS = {"military_site": "MIL", "civil_site": "CVL", "state_site": "GOV"}
#: articles and determiners an attacked site's phrase may open with (not a dative "einem"/"dem": "auf einem
#: syrischen Flughafen gelandet" tells where)
_SITE_DETS = frozenset("ein eine einen die den das mehrere zahlreiche zwei drei vier fünf zehn".split())
#: words before a site's phrase that make it no object: prepositions of where or whence ("in", "aus", "von",
#: "bei") and dative or genitive articles ("auf einem syrischen Flughafen", "von der russischen Basis aus")
_SITE_NOT_OBJECT = frozenset("in im ins aus von vom bei beim nahe nach zu zum zur über unter vor hinter an am neben "
                             "mit für durch einem dem der des einer eines".split())


def attacked_site(c: Clause, source_codes: set, after: int, lex, armed_source: bool = False) -> list[Mention]:
    """What an attack hits where its clause names no actor as its target: a site named with a country's
    adjective ("Israelische Kampfjets haben einen syrischen Flughafen bombardiert", "Die Ukraine hat
    russische Grenzposten beschossen", "Angriffe auf eine russische Raffinerie"; cues.tsv classes
    ``military_site``, ``civil_site``, ``state_site``), as the object (no preposition before its phrase) or
    after "auf" (not with a dative article: "auf einem russischen Stützpunkt" tells where), of another
    country than the attacker's (or of the rebels' own: ``armed_source``), after ``after`` (the attacker's mention or the cue noun: not a subject
    before them); a participant of that country whose sector is the site's (MIL, CVL, GOV). [] where there
    is none. Not a site the attacker owns ("von einem russischen Stützpunkt aus")."""
    actors = load_lexicon()
    toks = c.tokens
    for n, t in enumerate(toks):
        if n == 0 or not t.is_cap or toks[n - 1].start < after:
            continue
        cls = next((k for k in SITE_SECTORS if lex.is_prefixed(t.lower, k)), None)
        adj = actors.adjectives.get(toks[n - 1].lower)
        if cls is None or adj is None or not adj.code or (adj.code in source_codes and not armed_source):
            continue    # (rebels of the country may attack its sites: "Die PKK griff einen türkischen Militärposten an")
        # the phrase before the adjective: an article or nothing, then no preposition but "auf"
        b = n - 1
        while b > 0 and toks[b - 1].lower.endswith(ADJ_ENDINGS) and not toks[b - 1].is_cap \
                and toks[b - 1].lower not in _SITE_DETS and toks[b - 1].lower not in _NP_DETS:
            b -= 1      # "mehrere kleine russische Dörfer"
        if b > 0 and toks[b - 1].lower in _SITE_DETS:
            b -= 1
        prep = toks[b - 1].lower if b > 0 else None
        if prep is not None and (prep in _SITE_NOT_OBJECT or not prep.isalpha()):
            continue
        if after <= c.start and b <= 1 and toks[b].lower not in ("einen", "den"):
            continue    # the attacker named in a clause before: the clause's first phrase is its subject
        first = toks[b] if toks[b].lower in _SITE_DETS else toks[n - 1]
        return [Mention(t.sent, toks[n - 1].i, t.i + 1, toks[n - 1].start, t.end,
                        f"{toks[n - 1].text} {t.text}", adj.code, SITE_SECTORS[cls], "group",
                        prep=prep if prep == "auf" else None, oblique=first.lower in ("einen", "den"))]
    return []



#: prepositions that link an attribute to an event noun ("die Ermordung eines Piloten durch den IS")
_NOUN_LINKS = frozenset("von vom durch".split())


def _np_word(t: Token) -> bool:
    """Whether token ``t`` may stand inside a noun phrase and its attributes: an article, a number,
    a capitalised noun or name, a lower-case adjective ("koptischen"), a linking "von"/"durch"."""
    low = t.lower
    if low in _NP_DETS or low in _NOUN_LINKS or t.text.isdigit() or t.is_cap:
        return True
    return t.text.isalpha() and low.endswith(ADJ_ENDINGS) and not low.endswith("te")


def act_attribute(toks: list[Token], m: Mention, lex) -> tuple[int, str] | None:
    """The event noun whose attribute mention ``m`` is, and how it is linked: (the noun's token
    index, "durch" | "von" | "gen"), else None. "die Ermordung eines Piloten durch den IS": the
    IS is the noun's agent ("durch"), the pilot its genitive; "die Enthauptung von 21 Christen
    durch den Ableger des IS": the Christians "von", the IS (of its "Ableger") "durch". A free
    mention (no preposition, article or genitive) is no attribute."""
    if m.free and m.prep not in _NOUN_LINKS:
        return None
    link = m.prep if m.prep in _NOUN_LINKS else None
    p = m.i - 1
    while p >= 0 and m.i - p <= 12 and _np_word(toks[p]):
        t = toks[p]
        if t.lower in _NOUN_LINKS:
            link = link or ("von" if t.lower == "vom" else t.lower)
        elif t.is_cap and p < m.i - 1 and lex.noun_cues(t.lower):
            return p, link or "gen"
        elif t.is_cap and lex.noun_cues(t.lower) and toks[p + 1].lower in _NP_DETS | _NOUN_LINKS:
            return p, link or "gen"
        p -= 1
    return None


def prepositional_act(toks: list[Token], noun: int, lex) -> bool:
    """Whether event noun ``toks[noun]`` stands in a phrase of a preposition that tells a happening
    before or beside the clause's own (cues.tsv class ``act_phrase_prep``: "nach der Ermordung",
    "wegen der Angriffe"): its attributes are its participants, not the clause verb's."""
    p = noun - 1
    while p >= 0 and noun - p <= 4 and toks[p].lower in _NP_DETS:
        p -= 1
    while p >= 0 and noun - p <= 4 and not toks[p].is_cap and toks[p].lower not in _NP_DETS \
            and not lex.is_(toks[p].lower, "act_phrase_prep") and toks[p].text.isalpha() \
            and toks[p].lower.endswith(ADJ_ENDINGS):
        p -= 1         # adjectives: "nach der brutalen Ermordung"
    while p >= 0 and toks[p].lower in _NP_DETS:
        p -= 1
    return p >= 0 and lex.is_(toks[p].lower, "act_phrase_prep")


def subjects_own_act(toks: list[Token], noun: int, lex) -> bool:
    """Whether event noun ``toks[noun]`` in a phrase of another happening (``prepositional_act``) is
    the clause subject's own by a possessive ("Nach ihrem Angriff auf Kiew kündigte Russland neue
    Offensiven an": Russia attacked; a review), so that the subject may be its source."""
    return any(t.lower in POSSESSIVES for t in toks[max(0, noun - 3):noun])


def others_act(toks: list[Token], noun: int, lex) -> bool:
    """Whether event noun ``toks[noun]`` tells a happening before or beside the clause's own
    (``prepositional_act``) that the clause's subject does not own (``subjects_own_act``): "Nach dem
    Angriff auf Kiew vertagte die EU ihren Gipfel" -- the subject is no side of it. One definition for
    both coders."""
    return prepositional_act(toks, noun, lex) and not subjects_own_act(toks, noun, lex)


def of_other_act(toks: list[Token], m: Mention, cue: int, lex) -> bool:
    """Whether mention ``m`` is an attribute of an event noun in a phrase of another happening than
    the cue at ``cue`` ("Die Luftwaffe hat nach der Ermordung eines Piloten durch den IS Stellungen
    bombardiert": neither the pilot nor the IS is a side of "bombardiert")."""
    a = act_attribute(toks, m, lex)
    return a is not None and a[0] != cue and prepositional_act(toks, a[0], lex)


def noun_agent(toks: list[Token], k: int, ms: list[Mention], lex) -> Mention | None:
    """The agent of event noun ``toks[k]`` named by "durch" after it ("die Ermordung eines Piloten
    durch den IS": the IS), else None: the noun's source, never its target."""
    return next((m for m in ms if m.i > k and (act_attribute(toks, m, lex) or (None, None)) == (k, "durch")), None)


def mediator_noun(toks: list[Token], m: Mention, lex) -> int | None:
    """The position of the noun of mediation mention ``m`` is the mediator of ("Unter Vermittlung
    Katars", "unter der Schirmherrschaft der Afrikanischen Union"; cues.tsv class ``mediation_noun``
    after "mit"/"unter"), else None. A mediator is no side of the clause's other acts ("Unter
    Vermittlung Katars haben Israel und die Hamas eine Waffenruhe vereinbart": AGREE ISR <-> PSE, not
    with Qatar; a probe), neither a co-actor nor a target; of the noun itself it is the source."""
    p = _noun_before(toks, m)
    while p >= 1 and (toks[p].lower in ("und", "sowie", ",") or (toks[p].is_cap and not lex.is_(toks[p].lower, "mediation_noun"))) \
            and m.i - p <= 8:
        p -= 1          # over a list of mediators ("unter Vermittlung Katars und Ägyptens")
        while p >= 0 and toks[p].lower in _NP_DETS | {"von", "vom"}:
            p -= 1
    if not (p >= 1 and lex.is_(toks[p].lower, "mediation_noun")):
        return None
    q = p - 1
    while q >= 0 and toks[q].lower in _NP_DETS:
        q -= 1          # "unter der Schirmherrschaft der Afrikanischen Union"
    return p if q >= 0 and toks[q].lower in ("mit", "unter") else None


def mediated_object(c: Clause, k: int, lex) -> bool:
    """Whether the event noun at token ``k`` of clause ``c`` is the object of a verb of mediating
    (cues.tsv class ``mediation_verb``: "Saudi-Arabien und die USA haben die Gespräche vermittelt"):
    the clause's subject mediates, no side of the noun's act (both coders)."""
    return c.tokens[k].is_cap and noun_preposition(c, k)[0] is None and has_verb_of(c, lex, "mediation_verb")


#: types whose event noun takes its two sides from a "zwischen" after it ("Gespräche zwischen X und Y")
BETWEEN_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})


def between_sides(toks: list[Token], k: int, ms: list[Mention]) -> list[Mention]:
    """The sides a "zwischen" right after event noun ``k`` names ("Gespräche zwischen der Regierung
    und den Rebellen", "die Einigung zwischen der Türkei und Schweden"): the mentions of ``ms`` after
    the noun governed by it, within 60 characters; none where it names fewer than two. The noun's
    sides are those, for both coders (not who welcomes or reports the agreement: "Biden begrüßte die
    Einigung zwischen der Türkei und Schweden" gave AGREE USA -> TUR, SWE in the learned one)."""
    if not (toks[k].text[:1].isupper() and k + 1 < len(toks) and toks[k + 1].lower == "zwischen"):
        return []
    sides = [m for m in ms if m.sent == toks[k].sent and m.start > toks[k].start and m.prep == "zwischen"
             and m.start - toks[k].end <= 60]
    if len({m.code for m in sides}) < 2 and not any(m.kind in ("group", "organisation", "person") for m in sides):
        return []       # places of one country ("Luftangriffe zwischen Rafah und Chan Junis": where; a review)
    return sides if len(sides) >= 2 else []


def contrasted(toks: list[Token], m: Mention, lex) -> bool:
    """Whether mention ``m`` stands in the phrase a "nicht ..., sondern" contrast rules out ("Macron
    telefonierte nicht mit Putin, sondern mit Selenskyj", "klagt nicht die EVN, sondern ein Fonds
    aus Oman"; ``clauses.contrast_joins``): no side of the clause's act, for either coder; who the
    "sondern" names takes its place (a user sentence: an asserted CONSULT FRA -> RUS)."""
    q = next((j for j in range(m.i + 1, min(len(toks), m.i + 10)) if toks[j].lower == "sondern"), None)
    if q is None or toks[q - 1].text != ",":
        return False
    before = [t for t in toks[:q] if t.text != ","]
    at = next((j for j in range(len(before) - 1, -1, -1) if before[j].lower == "nicht"), None)
    seg = toks[q:]
    seg = seg[:next((n for n, t in enumerate(seg) if t.text in (",", ";", ":", ".", "!", "?")), len(seg))]
    return at is not None and before[at].i < m.i and contrast_joins(before, seg, lex)


def _noun_before(toks: list[Token], m: Mention) -> int:
    """The position of the word before mention ``m`` and its articles ("Hilfe der", "Hilfe von")."""
    p = m.i - 1
    while p >= 0 and toks[p].lower in _NP_DETS | {"von", "vom"}:
        p -= 1
    return p


def helper(toks: list[Token], m: Mention, lex) -> bool:
    """Whether mention ``m`` names who helps the clause's actor ("mit Unterstützung russischer
    Kampfjets", "mit Hilfe der US-Luftwaffe"; cues.tsv class ``helper_noun`` after "mit"/"unter"):
    a co-actor of the clause's act, never its target."""
    p = _noun_before(toks, m)
    if not (p >= 1 and lex.is_(toks[p].lower, "helper_noun") and toks[p - 1].lower in ("mit", "unter")):
        return False
    # the "mit" of a verb of threatening names what is threatened ("drohte der Ukraine mit Unterstützung
    # der Separatisten"; cues.tsv ``threat_with``), no one who helps (a review)
    return not any(lex.is_(lemma(t.text), "threat_with") for t in toks if not t.is_cap)


#: types a side may do "gemeinsam mit" another side ("Die EU will gemeinsam mit der Türkei die Krise lösen":
#: COOPERATE EU -> TUR): their "gemeinsam mit X" is the other side where the clause names no other after "mit"
TOGETHER_TYPES = frozenset({"COOPERATE", "CONSULT", "AGREE"})
#: acts done to people: a noun right before their "gemeinsam mit" is who is acted on, with the other
ACTS_ON_PEOPLE = frozenset({"COERCE", "ASSAULT", "SANCTION"})


def together_with(toks: list[Token], m: Mention, typ: str, ms: list[Mention]) -> bool:
    """Whether mention ``m`` acts together with the clause's actor ("Merkel hatte den Plan gemeinsam mit dem
    niederländischen Premier Mark Rutte mit Davutoğlu ausgehandelt", "Frankreich hat gemeinsam mit Deutschland
    Russland kritisiert"): "gemeinsam mit" before it makes it a co-actor, no target; in a happening two sides
    do together (``TOGETHER_TYPES``) only where another "mit" side follows it."""
    p = _noun_before(toks, m)
    if not (p >= 1 and toks[p].lower == "mit" and toks[p - 1].lower == "gemeinsam"):
        return False
    # ("zusammen mit" is as often "along with" what is acted on: "hat 30 Ukrainer zusammen mit einem US-Bürger
    # festgenommen"; a review) nor right after an object ("hat den Journalisten gemeinsam mit ... ausgewiesen")
    if any(o.j == p - 1 and o.sent == m.sent and (o.oblique or o.prep is not None) for o in ms):
        return False
    if typ in ACTS_ON_PEOPLE and p >= 2 and toks[p - 2].is_cap:
        return False    # "hat die Schlepper gemeinsam mit einem Syrer festgenommen": arrested with them (a review)
    # the other side: after a "mit" of its own, not one listed with it ("gemeinsam mit Russland und dem Iran")
    return typ not in TOGETHER_TYPES or any(
        o.prep == "mit" and o.start > m.end and o.code and o.code != m.code and o.sent == m.sent
        and any(t.lower == "mit" and m.end <= t.start < o.start for t in toks) for o in ms)


#: types whose helper is a third party, no side: who helps two sides agree or meet ("Mit Hilfe von Katar haben
#: Israel und die Hamas eine Waffenruhe vereinbart") mediates, it neither agrees nor is agreed with (a review); who
#: helps support or cooperate ("unterstützen mit Hilfe Jordaniens die Rebellen") supports too (a second review)
MEDIATED = frozenset({"CONSULT", "AGREE"})


def helper_acts(typ: str) -> bool:
    """Whether who helps ("mit Unterstützung der X", ``helper``) is a co-actor of an act of type ``typ``
    ("Die Armee hat mit Unterstützung russischer Kampfjets ... zurückerobert"), not a mediator."""
    return typ not in MEDIATED


def helper_noun_phrase(toks: list[Token], k: int, lex) -> bool:
    """Whether token ``k`` is the noun of "mit Unterstützung der X" / "mit Hilfe von X": it tells who
    helps, no event of its own."""
    return k >= 1 and lex.is_(toks[k].lower, "helper_noun") and toks[k - 1].lower in ("mit", "unter")


def loser(m: Mention, verb_lemma: str, passive: bool, lex, clause: list[Token] = ()) -> bool:
    """Whether mention ``m`` names who loses a place to the clause's verb (cues.tsv class
    ``taken_from``: "hat die Stadt von der Terrormiliz IS zurückerobert", "von den Rebellen
    befreit"): in an active clause its "von X" is the target, not the attacker. A clause with a
    form of "werden" (``clause``: its tokens) is passive, also after a modal ("konnten von der
    Armee zurückerobert werden": the army is the agent)."""
    return not passive and not any(t.lower in WERDEN_PASSIVE for t in clause) \
        and m.prep in ("von", "vom") and lex.is_(verb_lemma, "taken_from")


def mobilized_forces(ms: list[Mention], objects: list[Mention], earlier: list[Mention],
                     preps: tuple[str, ...]) -> tuple[list[Mention], list[Mention]]:
    """(source, target) of troops moved in a werden-passive with no agent: the forces moved are
    the mover's own ("An der Grenze wurden 2000 türkische Soldaten zusammengezogen": Turkey), and
    where they name no country, the actor of the sentence before moves them ("Die Regierung
    bereitet eine Offensive vor. Dafür seien 30.000 Soldaten zusammengezogen worden"); the target
    is where they go ("an die Grenze zur Ukraine"), never the forces."""
    forces = [m for m in objects if m.prep is None and m.code]
    source = forces[:1] or list(earlier[:1])
    target = [m for m in ms if m.prep and m.prep in preps and m not in source and m.code][:1]
    return source, target


def of_a_noun(toks: list, m, mentions: list) -> bool:
    """Whether mention ``m`` is named by "von" after a noun no mention covers ("eine Obergrenze von 200.000
    Flüchtlingen", "mehr Tempo bei der Umverteilung von Flüchtlingen"): an attribute of what is demanded, not
    the verb's "von" object, its addressee ("verlangte von der Türkei mehr Einsatz"); never a state or its
    organs, whom such a phrase asks ("Reformen von Bosnien-Herzegowina zu fordern"). The one definition
    for both coders' demands (a read probe: REQUEST DEU -> Flüchtlinge)."""
    if m.prep != "von" or m.kind == "country" or m.sector in ("GOV", "LEG", "JUD", "MIL", "COP", "SPY"):
        return False        # a state asked ("Reformen von Bosnien-Herzegowina zu fordern": of it; train + dev gold)
    v = next((j for j in range(m.i - 1, max(-1, m.i - 4), -1) if toks[j].lower == "von"), None)
    if v is None or v < 2:
        return False
    head = toks[v - 1]
    return head.is_cap and head.text.isalpha() and not any(o.sent == m.sent and o.i <= v - 1 < o.j for o in mentions)
