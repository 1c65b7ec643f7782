"""Content policies: which cue tells no event of its own, being what another act of its clause
is about. What a demand asks for ("Polen forderte Sanktionen gegen Belarus"), what is criticised
or rejected, what a threat threatens with ("mit weiteren Sanktionen gedroht"), talks refused,
offered ("sei zu Gesprächen bereit") or deliberated about, what an infinitive after a demand, an
allegation or a promise says, and an event after "seit" or "trotz" (background); a call to
protest or a toll taken ("forderte 20.000 Menschenleben") is no demand. Both coders drop these
(the rule coder in ``EventCoder._drop_complements``)."""
from __future__ import annotations

from .clauses import ADJ_ENDINGS, NP_DETS, Clause, cue_verb_types, has_verb_of, kept_negation, noun_preposition, object_of_main_verb
from .cues import Lexicon, lemma
from .factuality import mutual_reflexive


#: cooperation a refusal can name ("sagte das Treffen ab", "lehnte Verhandlungen ab")
COOPERATIVE = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID"})
#: cooperation that, when negated, is a refusal (PLOVER REJECT)
REFUSABLE = frozenset({"AGREE", "SUPPORT", "COOPERATE"})


def refused_consent(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` refuses by a cooperative verb told with a negation it keeps ("Ungarn hat
    den Sanktionen gegen Russland nicht zugestimmt", "will den Plan nicht unterstützen"): the rule
    coder reads such a verb as a REJECT (``EventCoder._factuality``). Not a failed agreement told with
    "sich" ("haben sich nicht auf Sanktionen geeinigt": ``factuality.content_of_failed_agreement``
    negates what it names), nor a "kein" (it negates its own noun)."""
    types = cue_verb_types(c, lex)
    return bool(types & REFUSABLE) and "REJECT" not in types and kept_negation(c, lex) \
        and not mutual_reflexive(c, lex)


def refused(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` of clause ``c``, an event of cooperative type ``typ``, is what
    a refusal in the clause refuses ("hat ein Treffen mit Kogler abgesagt", "lehnte Verhandlungen
    ab"): the REJECT is the event, the meeting is not one (as the corpus codes it); or what a verb of
    stopping stops (cues.tsv class ``halt``: "hat die Beitrittsgespräche ausgesetzt", "brach die
    Verhandlungen ab", "stellte die Militärhilfe ein" gave talks and aid as happening; no cooperative
    event in train + dev gold stands beside such a verb; "kündigte das Abkommen auf" no agreement);
    also a restriction lifted (``lifted``: "hat die Sanktionen aufgehoben")."""
    if typ in RESTRICTIVE:
        return lifted(c, k, lex)
    if typ not in COOPERATIVE:
        return False
    return "REJECT" in cue_verb_types(c, lex) or halted(c, lex)


#: acts that restrict (sanctions, bans, blockades, curfews): lifting them tells no such act
RESTRICTIVE = frozenset({"SANCTION", "COERCE"})


def lifting_word(toks: list, k: int, lex: Lexicon) -> bool:
    """Whether token ``k`` is a verb or noun of lifting (cues.tsv ``lift``, ``lift_noun``) with a
    restriction near it (``restriction``: "Sanktionen", "Embargo", "Ausgangssperre"): read as a
    sanction or coercion of its own it would tell the opposite ("hat die Sanktionen aufgehoben" is
    no SANCTION; "die Aufhebung der Immunität" stays one, as the guide codes it)."""
    tok = toks[k]
    if not (lex.is_(lemma(tok.text), "lift") or lex.is_(tok.lower, "lift_noun")):
        return False
    return any(lex.is_prefixed(t.lower, "restriction") for t in toks[max(0, k - 8):k + 8])


def lifted(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` of clause ``c`` is what is lifted or eased (cues.tsv classes
    ``lift``: "hat die Sanktionen gegen den Iran aufgehoben", "lockerte die Sanktionen";
    ``lift_noun`` right before it: "nach der Aufhebung der Sanktionen", "fordert die Lockerung aller
    Sanktionen"): no sanction, ban or blockade is imposed there (the lifting is a CONCEDE of its
    own; written train items code "gelockert" so and no SANCTION); user sentences gave asserted
    SANCTIONs at confidence 1.0."""
    toks = c.tokens
    j = k - 1
    while j >= 0 and not toks[j].is_cap and j >= k - 3:
        j -= 1      # the article and adjectives between: "der Aufhebung aller bestehenden Sanktionen"
    if j >= 0 and j >= k - 4 and toks[j].is_cap and lex.is_(toks[j].lower, "lift_noun"):
        return True
    return has_verb_of(c, lex, "lift")


def offered(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` of clause ``c``, an event of cooperative type ``typ``, is what a
    readiness in the clause offers (cues.tsv class ``readiness``: "sei zu Gesprächen mit Peking
    bereit", "zu keinen weiteren Diskussionen bereit"): the offer is the AGREE (or a refusal the
    REJECT), the talks are no event of their own (train + dev gold: 3 such nouns, none coded; a probe:
    an asserted CONSULT)."""
    lems = {lemma(t.text) for t in c.tokens if not t.is_cap}
    if typ not in COOPERATIVE or not any(lex.is_(t.lower, "readiness") and not any(t.lower + v in lex.verbs for v in lems)
                                         for t in c.tokens if not t.is_cap):
        return False        # (not the particle of "stellt zehn Millionen Dollar bereit": bereitstellen)
    return any(t.lower in ("zu", "zur", "zum") for t in c.tokens[max(0, k - 4):k])


def protest_called(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the verb at token ``k``, read as a REQUEST, is a call to protest ("riefen für Dienstag
    zu einem Generalstreik auf", "hat zu Protesten aufgerufen"): the protest called for is the event
    (``called_for``; docs/annotation.md), the call no REQUEST of its own (train + dev gold: 13 such
    calls; the PROTEST coded in 12, a required REQUEST in none; a probe: "rief ... zu Streiks auf" gave
    a REQUEST)."""
    if typ != "REQUEST" or c.tokens[k].is_cap:
        return False
    toks = c.tokens
    for j, t in enumerate(toks):
        if t.lower in ("zu", "zum", "zur") and any(
                u.is_cap and any(cue.type == "PROTEST" for cue in lex.noun_cues(u.lower) or ())
                for u in toks[j + 1:j + 5]):
            return True
    return False


def toll_taken(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the verb at token ``k``, read as a REQUEST, is "fordern" with lives lost as its object
    ("Der Drogenkrieg hat bereits 1.900 Todesopfer gefordert", "forderte 20.000 Menschenleben";
    cues.tsv class ``casualty``): a toll, no demand (a probe: REQUEST PHL -> PHL (Todesopfer))."""
    if typ != "REQUEST" or c.tokens[k].is_cap or lemma(c.tokens[k].text) != "fordern":
        return False
    return any(t.is_cap and lex.is_(t.lower, "casualty") for t in c.tokens)


def no_demand(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the verb at token ``k``, read as a REQUEST, makes no demand: a call to protest
    (``protest_called``) or a toll taken (``toll_taken``). The one check both coders make."""
    return protest_called(c, k, lex, typ) or toll_taken(c, k, lex, typ)


def halted(c: Clause, lex: Lexicon) -> bool:
    """Whether the clause has a verb of stopping (``halt``), also a separable one ("brach ... ab")."""
    return has_verb_of(c, lex, "halt")


#: what a call names may be the event itself: a call to strike or protest is the protest
#: (planned), as the corpus codes it ("riefen zu Streiks auf")
CALLED_TYPES = frozenset({"PROTEST", "REQUEST", "ACCUSE"})


def demanded(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` of clause ``c``, of event type ``typ``, is what a demand of
    the clause asks for ("hat Israel zu mehr humanitärer Hilfe aufgefordert", "Polen forderte
    Sanktionen gegen Belarus"): the content of the REQUEST, not an event of its own
    (docs/annotation.md §1, §8.9); not for a call to protest. The object reading: a noun after
    the main clause's finite verb with no preposition (in train + dev gold, 0 of 11 such nouns
    are an event of their own type; 5 carry the REQUEST itself); or what a verb of advocating asks
    for (``advocated``)."""
    if advocated(c, k, lex, typ):
        return True
    if typ in CALLED_TYPES or "REQUEST" not in cue_verb_types(c, lex):
        return False
    if any(t.lower in ("zu", "zur", "zum") for t in c.tokens[max(0, k - 5):k]):
        return True
    return typ != "REQUEST" and object_of_main_verb(c, k, lex)


def advocated(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the event noun at token ``k`` of clause ``c`` is what a verb of advocating or insisting
    asks for (cues.tsv classes ``advocacy``, ``advocacy_reflexive`` with "sich": its "für" phrase;
    ``insistence``: its "auf" phrase in the accusative): "plädierte für Gespräche mit der Türkei",
    "drängen auf neue Sanktionen", "hat sich für die Freilassung des Priesters eingesetzt", "macht sich
    für Waffenlieferungen an die Ukraine stark".
    Nothing of it has happened, as with what a demand names (train + dev gold: no event noun of such a
    phrase coded; user sentences gave asserted sanctions, talks and releases, false facts in both
    coders). The advocacy itself stays (a REQUEST or SUPPORT cue of its own)."""
    if not c.tokens[k].is_cap or typ in ("REQUEST", "SUPPORT"):
        return False
    if _another_particle_verb(c, lex):
        return False        # "warb Häftlinge für Angriffe an": anwerben, no advocacy (a review)
    if has_verb_of(c, lex, "advocacy") \
            or has_verb_of(c, lex, "advocacy_reflexive") and any(t.lower == "sich" for t in c.tokens):
        return noun_preposition(c, k)[0] == "für" or _phrase_of(c.tokens, k, "für")
    if has_verb_of(c, lex, "insistence") and (noun_preposition(c, k)[0] == "auf" or _phrase_of(c.tokens, k, "auf")):
        # the accusative "auf" of what is insisted on, not the dative of where ("drängten auf einer
        # Kundgebung in Tel Aviv auf ein Abkommen": the rally happened; a review)
        at = max(j for j in range(k) if c.tokens[j].lower == "auf")
        # (the last "auf" phrase is what is insisted on: "drängten auf Massenprotesten auf ein Abkommen")
        return not any(t.lower in _DATIVE_DETS for t in c.tokens[at + 1:k]) \
            and not any(t.lower == "auf" for t in c.tokens[k + 1:])
    return False


def _another_particle_verb(c: Clause, lex: Lexicon) -> bool:
    """Whether the particle closing clause ``c`` makes its verb of advocating another verb ("warb
    Häftlinge für Angriffe an": anwerben), not one of advocating ("setzt sich für ... ein": einsetzen)."""
    last = c.tokens[-1].lower if c.tokens else ""
    if not lex.is_(last, "particle"):
        return False
    lems = [lemma(t.text) for t in c.tokens if not t.is_cap]
    return any(lex.is_(lm, "advocacy") for lm in lems) and not any(
        lex.is_(last + lm, "advocacy") or lex.is_(last + lm, "advocacy_reflexive") for lm in lems)


#: determiners of the dative: "auf einem Treffen", "auf der Kundgebung" say where, not what for
_DATIVE_DETS = frozenset("einem einer dem der diesem dieser seinem seiner ihrem ihrer".split())


def criticised_or_rejected(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` is what the clause's criticism or rejection is about, as
    its object ("Erdoğan kritisierte die Unterstützung der USA für Israel", "Moskau wies den
    Vorschlag zurück"): no event of its own beside the ACCUSE or REJECT (docs/annotation.md §1:
    what is alleged is not an event; in train + dev gold, 1 of 27 such nouns is a required event
    of another type). The object reading as in ``demanded``."""
    types = cue_verb_types(c, lex) & {"ACCUSE", "REJECT"}
    if types == {"ACCUSE"} and praised(c, lex):
        return False        # "bezeichnete den Besuch als Erfolg": the visit is told, no accusation
    if typ not in REFUSABLE and refused_consent(c, lex):
        # what a refused consent names, as what "lehnte ... ab" names ("hat den Sanktionen nicht
        # zugestimmt": a probe gave the sanctions as imposed by who refused them, a false fact; "hat
        # der Aufnahme von Beitrittsgesprächen nicht zugestimmt": no talks); a cooperation of a
        # refusable type is the refusal itself (its noun read as the REJECT: "dem Abkommen nicht zugestimmt")
        types = types | {"REJECT"}
    if typ in types:
        return False
    heads = attribute_heads(c, k, lex)
    if any(lex.is_(c.tokens[j].lower, "report_noun") for j in heads):
        return False    # "wies Berichte über einen Angriff zurück": told, hypothetical (factuality.rejected_report)
    # what the opposed thing names in its attributes is its content too ("hat eine Obergrenze für
    # Flüchtlinge abgelehnt", "Klage gegen die Genehmigung staatlicher Beihilfen": an ACCUSE or
    # REJECT noun it hangs on)
    if typ not in ("ACCUSE", "REJECT") and any(opposing_noun(c.tokens[j].lower, lex) for j in heads):
        return True
    if not types:
        return False
    # also what an accusation holds someone responsible "für" ("macht die syrische Luftwaffe für
    # einen Giftgasangriff verantwortlich": the ACCUSE, the attack is what is alleged)
    # and what it is "gegen" ("klagt gegen Beihilfen", "protestierte gegen die Lieferung")
    return object_of_main_verb(c, k, lex) or noun_preposition(c, k)[0] == "gegen" \
        or ("ACCUSE" in types and noun_preposition(c, k)[0] == "für") \
        or any(object_of_main_verb(c, j, lex) for j in heads)


def condemned(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` names, or hangs on, the act a criticism or condemnation of the
    clause is about, as its object ("Obama hat die Angriffe auf Zivilisten in Syrien verurteilt",
    "Merkel kritisierte die Festnahme der Journalisten"): who condemns it did not do it, for either
    coder (the learned one gave Obama as the attacker). Not a rejection ("Israel wies die Kritik an den
    Angriffen zurück" may be the attacker's)."""
    if not c.tokens[k].is_cap or "ACCUSE" not in cue_verb_types(c, lex) or praised(c, lex):
        return False
    if object_of_main_verb(c, k, lex) or any(object_of_main_verb(c, j, lex) for j in attribute_heads(c, k, lex)):
        return True
    # a word of the object's phrase after it ("die Angriffe auf Zivilisten in Syrien"): no comma or
    # lower-case verb form between
    for j in range(k - 1, max(-1, k - 8), -1):
        t = c.tokens[j]
        if t.text in (",", ";", ":", "–") or (t.text[:1].islower() and t.lower not in NOUN_PHRASE_LINKS
                                                   and not (t.text.isalpha() and t.lower.endswith(ADJ_ENDINGS))):
            return False
        if t.is_cap and object_of_main_verb(c, j, lex):
            return True
    return False


#: words inside a noun phrase and its attributes (articles, prepositions of attributes)
NOUN_PHRASE_LINKS = NP_DETS | frozenset("auf gegen in im von vom aus an am bei mit für über und durch seitens".split())


def opposing_noun(word: str, lex: Lexicon) -> bool:
    """A noun that opposes what it names: an ACCUSE or REJECT noun cue ("Klage", "Kritik",
    "Ablehnung"; ``word`` in lower case)."""
    return any(cue.type in ("ACCUSE", "REJECT") for cue in (lex.noun_cues(word) or ()))


def attribute_heads(c: Clause, k: int, lex: Lexicon) -> list[int]:
    """The nouns the noun at token ``k`` hangs on as an attribute, nearest first: a noun right
    before its phrase, joined by a preposition of cues.tsv class ``attribute_prep`` ("eine Obergrenze
    für Flüchtlinge", "Klage gegen die Genehmigung") or by a genitive ("die Genehmigung staatlicher
    Beihilfen", "die Lieferung der Waffen"), and the nouns that one hangs on in turn (at most three)."""
    toks = c.tokens
    out: list[int] = []
    n = k
    while len(out) < 3 and toks[n].is_cap:
        j = n - 1
        between: list[str] = []
        while j >= 0 and not toks[j].is_cap and len(between) < 4:
            between.append(toks[j].lower)
            j -= 1
        if j < 0 or not toks[j].is_cap:
            break
        # the words between: a preposition of attribute and/or an article and adjectives, no verb
        # or punctuation ("hat die Obergrenze abgelehnt, für Flüchtlinge ...": no attribute)
        preps = [w for w in between if lex.is_(w, "attribute_prep")]
        rest = [w for w in between if not lex.is_(w, "attribute_prep")]
        rest = [w for w in rest if not w.replace(".", "").replace(",", "").isdigit()]    # "von 200.000 Flüchtlingen"
        if len(preps) > 1 or any(not w.isalpha() or not (lex.is_(w, "definite") or lex.is_(w, "indefinite")
                                                         or w.endswith(ADJ_ENDINGS))
                                 for w in rest):
            break
        if not preps and not (rest and rest[-1] in ("des", "der", "eines", "einer")
                              or (rest and all(w.endswith("er") for w in rest))):
            break       # two nouns with nothing joining them as an attribute
        out.append(j)
        n = j
    return out


#: prepositions that tell why or after what one threatens, not with what ("mit Vergeltung für die Angriffe";
#: not "wegen", after which the act may be told the wrong way round: a review)
REASON_PREPOSITIONS = frozenset({"für", "nach"})


def _threat_verb(t, lex: Lexicon) -> bool:
    """Whether token ``t`` is a verb with a THREATEN row in verbs.tsv ("drohte", "gedroht")."""
    return not t.is_cap and any(cue.type == "THREATEN" for cue in lex.verbs.get(lemma(t.text), ()))


def threatened_with(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether token ``k`` of clause ``c`` names what the clause threatens with ("haben Russland
    mit weiteren Sanktionen gedroht", "mit einem „gnadenlosen“ Militärschlag gedroht"): its noun
    phrase is governed by "mit" and the clause has a THREATEN verb cue; the THREATEN is the
    event, what it threatens is not (in the train news gold no such noun is coded). Nor is the
    threat verb itself another event ("drohen" as a conviction: "Ihm drohen zehn Jahre Haft")
    when it threatens with something."""
    if typ == "THREATEN" or "THREATEN" not in cue_verb_types(c, lex):
        return False
    tok = c.tokens[k]
    if _threat_verb(tok, lex):
        return any(t.lower == "mit" for t in c.tokens)
    if noun_preposition(c, k)[0] != "mit":
        # "mit einem „gnadenlosen“ Militärschlag", "mit der Verhängung von Sanktionen": "mit" up to four
        # words before, no preposition of a reason or occasion between ("drohte mit Vergeltung für die
        # Angriffe der PKK", "nach dem Anschlag": the attacks are told, not threatened; a review)
        before = [t.lower for t in c.tokens[max(0, k - 4):k]]
        if "mit" not in before or any(w in REASON_PREPOSITIONS
                                       for w in before[len(before) - before[::-1].index("mit"):]):
            return False
    # the threat verb of its own part of the clause: not one after "und" with a "mit" of its own ("hat mit
    # Luftangriffen auf Rakka reagiert und dem IS mit weiteren Schlägen gedroht": the air strikes are how
    # France reacted; "mit „Feuer und Wut“ gedroht" threatens with both)
    threat = [i for i, t in enumerate(c.tokens) if _threat_verb(t, lex)]

    def own_part(i: int) -> bool:
        between = [t.lower for t in c.tokens[k + 1:i]] if i > k else []
        return not any(w in ("und", "oder", "sowie") and "mit" in between[u + 1:] for u, w in enumerate(between))
    return any(own_part(i) for i in threat) if threat else True


def background(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` stands after a preposition of background ("seit dem
    Giftanschlag auf Skripal", "trotz der Drohungen"; cues.tsv class ``background_prep``): no
    event told here, for either coder; the clause's actors are not its sides."""
    return c.tokens[k].is_cap and lex.is_(noun_preposition(c, k)[0] or "", "background_prep")


def governs_content(c: Clause, lex: Lexicon) -> bool:
    """Whether the clause demands, alleges or promises (a REQUEST or ACCUSE verb cue, or a verb
    of promising): what an infinitive after it says is the content of that act."""
    types = cue_verb_types(c, lex)
    return "REQUEST" in types or "ACCUSE" in types or any(lex.is_(lem, "promise") for lem in c.verb_lemmas)


def content_of_claim(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` is an infinitive (or "um ... zu") that says what the clause before it
    demands, alleges or promises ("forderten die EU-Kommission auf, die Sanktionen gegen Belarus
    zu verschärfen"), or a "dass" clause of what it demands: its events are not events of their own (in train + dev gold, 16 of 16 cues
    in such infinitives after a demand are uncoded). The learned coder's test; the rule coder
    drops these complements by its own REQUEST, ACCUSE and promise events (``_drop_complements``)."""
    c = clauses[i]
    if i > 0 and c.starts_with == "dass" and "REQUEST" in cue_verb_types(clauses[i - 1], lex):
        # "forderte, dass die Gefangenen freigelassen werden": what is demanded (in train + dev
        # gold, 19 such clauses after a demand hold 1 optional event and no required one)
        return not governs_content(c, lex)
    return i > 0 and (c.kind == "infinitive" or c.starts_with == "um") and governs_content(clauses[i - 1], lex) \
        and not governs_content(c, lex)


def talked_about(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` of clause ``c``, an event of cooperative type ``typ``, is
    what the clause deliberates about ("wollen über weitere Hilfe für die Ukraine beraten", "um
    über das Freihandelsabkommen zu diskutieren"): "über" at most four words before it and a verb
    of deliberating (cues.tsv class ``talk``) in the clause; the topic is not an event of its own
    (in train + dev gold, 3 of 4 such nouns are uncoded). What a clause reports on stays an event
    ("berichtete über russische Luftangriffe")."""
    if typ not in COOPERATIVE or not (any(t.lower == "über" for t in c.tokens[max(0, k - 4):k])
                                      or _phrase_of(c.tokens, k, "über")):
        # (also deeper in the phrase: "über die Umsetzung des Minsker Abkommens beraten")
        return False
    return any(lex.is_(lemma(t.text), "talk") for t in c.tokens if not t.is_cap)


#: prepositions inside a topic's phrase that join a noun to the noun before it ("über die Spannungen
#: mit Russland", "über die Lage in Syrien", "über die Beziehungen zu China")
TOPIC_INNER = frozenset({"mit", "in", "im", "zu", "zum", "zur", "zwischen", "von", "vom", "für", "gegen", "an", "am",
                         "und"})


def _topic_opener(toks, i: int, lex: Lexicon, stop: int) -> int | None:
    """The "über" whose noun phrase, with the phrases that hang on it, the token at ``i`` stands in
    ("über die Spannungen mit Russland"), or None; the search stops at token ``stop``."""
    return _phrase_start(toks, i, "über", reach=10, stop=stop,
                         also=lambda t: t.lower in TOPIC_INNER or t.text == "-" or lex.is_(t.lower, "definite")
                         or lex.is_(t.lower, "indefinite"))


def in_talk_topic(toks, k: int, i: int, lex: Lexicon, typ: str = "CONSULT") -> bool:
    """Whether the mention starting at token ``i`` stands in what the verb of deliberating at token
    ``k`` (cues.tsv class ``talk``) talks about: after the verb's "über", in its noun phrase with the
    phrases that hang on it ("berät mit den G7-Außenministern über die Spannungen mit Russland":
    Russia is the topic, not a partner; "sprachen über die Lage in Syrien"), or in an "über" phrase
    that hangs on another noun than the cue ("haben die Gespräche mit Russland über Syrien
    abgebrochen": Syria is what the talks were about, no side of breaking them off). A topic is no
    side (docs/annotation.md §11) of a cooperative event (``typ``) of the verb, nor of any event of
    another word."""
    if not toks[k].is_cap and lex.is_(lemma(toks[k].text), "talk"):
        return typ in COOPERATIVE and _topic_opener(toks, i, lex, k) is not None
    u = _topic_opener(toks, i, lex, k)
    if u is None or u == 0 or not toks[u - 1].is_cap or u - 1 == k:
        return False
    # the cue in that phrase itself ("Berichte über russische Angriffe auf Aleppo"): its own sides
    return not (k > u and toks[k].is_cap and _topic_opener(toks, k, lex, -1) == u)


def positive_label(toks, k: int, lex: Lexicon) -> bool:
    """Whether the verb at token ``k`` labels a happening with praise ("sprach von einem
    historischen Tag", "sprach von einem wichtigen Erfolg gegen die Terrormiliz"; cues.tsv classes
    ``label_verb``, ``positive_label``), or names it so ("bezeichnete den Besuch als Erfolg"; class
    ``naming_verb``): no accusation, whoever else the clause names."""
    if toks[k].is_cap and k > 0:
        return False
    if lex.is_(lemma(toks[k].text), "naming_verb"):
        # "bezeichnete den Besuch als Erfolg", "hat das Treffen historisch genannt": the words of its
        # clause after "als", or all of them
        lo, hi = k, k
        while lo > 0 and toks[lo - 1].text not in (",", ";", ":"):
            lo -= 1
        while hi + 1 < len(toks) and toks[hi + 1].text not in (",", ";", ":"):
            hi += 1
        words = [t.lower for t in toks[lo:hi + 1]]
        label = words[words.index("als") + 1:] if "als" in words else words
        praise = [n for n, w in enumerate(label) if lex.is_prefixed(w, "positive_label") and not lex.is_prefixed(w, "weak_praise")]
        # (not a success of someone else: "nannte die Entscheidung einen Erfolg für Putin" blames; a review)
        return bool(praise) and not any(lex.is_prefixed(w, "negative_label") or w in ("nicht", "wenig", "kein", "keinen", "keine")
                                        for w in label) \
            and not any(w in ("für", "der", "des") for w in label[praise[0] + 1:praise[0] + 2])
    if not lex.is_(lemma(toks[k].text), "label_verb"):
        return False
    rest = []
    for t in toks[k + 1:]:
        if t.text in (",", ";", ":", "."):
            break
        rest.append(t.lower)
    if "von" not in rest and "vom" not in rest:
        return False
    at = rest.index("von") if "von" in rest else rest.index("vom")
    label = rest[at + 1:at + 5]
    # a blaming word in the label makes it an accusation whatever praise stands beside it ("sprach
    # von einem historischen Verbrechen", "von einem gefährlichen Signal"; a review)
    if any(lex.is_prefixed(w, "negative_label") for w in label):
        return False
    return any(lex.is_prefixed(w, "positive_label") for w in label)


def praised(c: Clause, lex: Lexicon) -> bool:
    """Whether a verb of clause ``c`` labels or names a happening with praise (``positive_label``:
    "bezeichnete den Besuch als Erfolg"): no accusation anywhere in the clause, for either coder."""
    return any(not t.is_cap and positive_label(c.tokens, j, lex) for j, t in enumerate(c.tokens))


def _phrase_start(toks, k: int, prep: str, reach: int = 8, stop: int = -1, also=None) -> int | None:
    """The preposition ``prep`` in whose noun phrase token ``k`` stands ("über die Umsetzung des
    Minsker Abkommens"): only articles, adjectives, numbers and nouns between them, and the tokens
    ``also`` accepts; None where there is none within ``reach`` tokens before ``stop``."""
    for p in range(k - 1, max(-1, k - reach - 1), -1):
        t = toks[p]
        if p == stop:
            return None
        if t.lower == prep:
            return p
        if not (t.is_cap or t.text.isdigit() or t.text.isalpha() and t.lower.endswith(ADJ_ENDINGS + ("s",))
                or also is not None and also(t)):
            return None
    return None


def _phrase_of(toks, k: int, prep: str, reach: int = 8) -> bool:
    """Whether token ``k`` stands in the noun phrase of preposition ``prep`` (``_phrase_start``)."""
    return _phrase_start(toks, k, prep, reach) is not None


def demand_told_after(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` says what a demand told after it asks for ("Moskau solle seine Truppen
    abziehen, verlangte der Präsident": Konjunktiv I or II before a main clause that opens with a
    verb of demanding, as ``reach.content_first_demand`` reads its sides): the content of the
    REQUEST, no event of its own (docs/annotation.md §1)."""
    if i is None or i + 1 >= len(clauses):
        return False
    nxt = clauses[i + 1]
    if nxt.kind != "main" or not nxt.tokens or nxt.sent != clauses[i].sent:
        return False
    first = nxt.tokens[0]
    if first.is_cap or not any(cue.type == "REQUEST" for cue in lex.verbs.get(lemma(first.text), ())):
        return False
    # a main clause or a "dass"/"ob" clause says what is demanded; a clause of reason or concession
    # does not ("Obwohl Russland Kiew angegriffen habe, forderte China Verhandlungen": the attack
    # stays; a review)
    if clauses[i].kind != "main" and not lex.is_(clauses[i].starts_with, "content_subordinator"):
        return False
    return any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2") for t in clauses[i].tokens)
