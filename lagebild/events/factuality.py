"""Factuality readings: whether a clause or an event noun tells its happening as a fact. What a
denied report says ("wies Berichte zurück, wonach US-Soldaten einen Konvoi angegriffen hätten"),
what a question asks, what is hoped for, considered, feared or only possible ("kann ...
festnehmen") and what a condition in a word governs ("notfalls") are hypothetical; "keine
Gespräche" and what is refrained from ("verzichtete auf neue Sanktionen") are negated; what is
announced, scheduled, promised, called for or intended ("Die EU wird Sanktionen verhängen") is
planned; hearsay of a past deed ("soll Kiew angegriffen haben") and a negation that "sondern"
completes stay facts. Both coders ask these (the rule coder in ``EventCoder._factuality``)."""
from __future__ import annotations

import re

from ..text import Token
from ..timex import is_cardinal
from .clauses import (ADJ_ENDINGS, HEADLINE_AUX, MODAL_INF, NEGATION_ADVERBS, NP_DETS, PAST_AUX, QUOTE_MARKS, WERDEN_PASSIVE,
                      Clause, _has_verb, carried_out, contrast_joins, cue_verb_types, has_verb_of, kept_negation, negation_cancelled, subject_negated, noun_preposition,
                      participle_shape, phrase_at)
from .cues import Lexicon, lemma, load_cues
from .tense import _told_in_past, perfect_infinitive


def able_to(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the verb at token ``k`` is what a present modal of ability says someone can do
    ("Die Polizei kann nun Verdächtige ohne Haftbefehl festnehmen"; cues.tsv class ``ability``): a
    power or possibility, no deed (hypothetical). Not a noun event of the clause ("Nach dem Angriff
    kann die Ukraine keinen Strom liefern": the attack was told; an event noun after the modal, "kann
    mit neuen Angriffen rechnen", was tried in its scope too: train factuality 0.902 -> 0.900), nor
    a negated clause ("kann nicht alle Flüchtlinge aufnehmen": negated)."""
    if c.tokens[k].is_cap or not any(lex.is_(t.lower, "ability") for t in c.tokens[:k]):
        return False
    return not any(lex.is_(w, "negation") for w in c.lowers)


#: acts a modal of obligation does not make hypothetical: what someone says, demands or refuses ("Zschäpe
#: muss sich verantworten", "müsse sich entschuldigen" read as a REQUEST) is done by saying it
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT"})


def obliged(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the event at token ``k`` is what a present or subjunctive modal of obligation says
    someone must do (cues.tsv class ``necessity``: "Die EU muss Sanktionen gegen Russland verhängen,
    sagte Selenskyj", "Deutschland müsse der Ukraine mehr Waffen liefern", "Die Täter müssen bestraft
    werden"): a demand's content, not a deed (hypothetical; user sentences in session 27 gave asserted
    sanctions, aid and cooperation, false facts in both coders). The verb after the modal, or an event
    noun that verb carries out ("Sanktionen verhängen"); not a noun the clause does something else with
    ("muss eine Rekordstrafe zahlen": the fine is imposed; "Die Angriffe müssen aufhören": they
    happen), not a speech act, not a negated clause ("muss nicht ..."), not "hätte ... müssen"
    (``counterfactual``)."""
    if typ in _SPEECH_ACTS or any(lex.is_(w, "negation") for w in c.lowers) \
            or any(w in ("hätte", "hätten") for w in c.lowers):
        return False
    modal = [i for i, t in enumerate(c.tokens) if lex.is_(t.lower, "necessity")]
    if not modal or (any(w in ("hat", "haben", "hatte", "hatten", "habe") for w in c.lowers)
                     and all(c.tokens[i].lower == "müssen" for i in modal)):
        return False        # "hat sich zurückziehen müssen": a past deed (a review)
    if c.tokens[k].is_cap:
        # the verb that does the noun's act stands in the modal's clause, not in an attribute ("Nach
        # den von der EU verhängten Sanktionen muss Russland sein Öl unter Preis verkaufen": imposed)
        # the modal's infinitive closes its clause ("muss Sanktionen verhängen", "müssen bestraft werden")
        return any(not t.is_cap and (typ in {q.type for q in lex.verbs.get(lemma(t.text), ())}
                                     or lex.is_(lemma(t.text), "carry_out"))
                   for t in c.tokens[-3:])
    # the verb the modal governs closes its clause ("muss ... liefern"; not an attribute "verhängten")
    return k >= len(c.tokens) - 3 and any(i != k for i in modal)


def after_unreal_noun(c: Clause, cue_tok: Token, lex: Lexicon) -> bool:
    """Whether the event noun ``cue_tok`` is what a noun that makes it unreal (cues.tsv class
    ``unreal_noun``) is about: in its genitive or its prepositional phrase right after it ("die Idee
    eines Boykotts", "Pläne für neue Gespräche", "eine letzte Chance für eine Einigung"): hypothetical,
    for both coders. Not an event noun that only follows one in its clause ("Trotz aller Hoffnungen auf
    Frieden gehen die Angriffe weiter": the attacks go on; a review)."""
    if cue_tok not in c.tokens:
        return False
    k = c.tokens.index(cue_tok)
    prep, _ = noun_preposition(c, k)
    if prep is None:
        return False
    j = k - 1
    while j >= 0 and (c.tokens[j].lower in NP_DETS or c.tokens[j].text in QUOTE_MARKS or is_cardinal(c.tokens[j].text)
                      or (not c.tokens[j].is_cap and c.tokens[j].lower.endswith(ADJ_ENDINGS))):
        j -= 1
    if j >= 0 and c.tokens[j].lower == prep:
        j -= 1
    return j >= 0 and lex.is_(c.tokens[j].lower, "unreal_noun")


def possibility_word(c: Clause, cue_tok: Token | None, lex: Lexicon, reported_future: bool = False) -> bool:
    """Whether the clause tells the happening of ``cue_tok`` as only possible, feared or alleged by a
    word of cues.tsv class ``hypothetical`` ("könnte", "möglich", "womöglich", "befürchtet"), for both
    coders (the learned coder asks it of the events its factuality model calls facts). Not:
    - a form of "warnen" or "drohen" (what is warned of is read by ``warned_of``), nor the cue word itself;
    - "würde" where it is the reported future (``reported_future``: reported speech, a refusal, a
      threat; the learned coder, which cannot tell, leaves "würde" to its factuality model);
    - an allegation adjective of another noun ("Luftangriffe auf mutmaßliche PKK-Stellungen");
    - "so viele wie möglich", "möglich gemacht" (a review);
    - a word after an "und" that follows the cue verb ("haben das Dorf überfallen und womöglich Bewohner
      verschleppt": the raid is told as a fact; a review);
    - for an event noun of circumstance ("Bei einem Überfall ... haben Kämpfer möglicherweise Geiseln
      genommen": the attack happened; ``circumstance``)."""
    toks = c.tokens
    at = next((i for i, t in enumerate(toks) if t is cue_tok), None)
    if at is not None and circumstance(c, at, lex):
        return False
    words = c.lowers
    for k, w in enumerate(words):
        if not lex.is_(w, "hypothetical") or toks[k] is cue_tok or lemma(w) in ("warnen", "drohen"):
            continue
        if reported_future and w in ("würde", "würden"):
            continue
        if w.startswith(("mutmaßlich", "angeblich")) and w.endswith(ADJ_ENDINGS):
            # of the noun its adjectives lead to ("über mutmaßliche chinesische Cyberattacken")
            n = k + 1
            while n < len(toks) and not toks[n].is_cap and words[n].endswith(ADJ_ENDINGS):
                n += 1
            if n < len(toks) and toks[n].is_cap and toks[n] is not cue_tok:
                continue
        if w == "möglich" and ((k >= 1 and words[k - 1] == "wie")
                               or (k + 1 < len(words) and lemma(words[k + 1]) == "machen")):
            continue
        if at is not None and at < k and not cue_tok.is_cap and any(x in ("und", "oder") for x in words[at + 1:k]):
            continue        # (a verb's "und": not the "und" of a noun's list, "Ein Treffen von X und Y ist möglich")
        return True
    return False


def denied_report(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` says what a report says that the clause before it denies ("Das
    Pentagon wies Berichte zurück, wonach US-Soldaten einen Konvoi angegriffen hätten"): what it
    tells is not asserted (it is hypothetical), nor is a deed an infinitive of the past says that
    the clause before denies ("bestreitet, Soldaten verlegt zu haben"); a confirmed report ("bestätigte Berichte, wonach
    ...") or an allegation ("Informationen, wonach ...") is coded as it stands. So is what an
    earlier version of the article said (``retracted``)."""
    if retracted(clauses, i, lex):
        return True
    if i == 0:
        return False
    if perfect_infinitive(clauses[i]):
        # "Russland bestreitet, Soldaten nach Belarus verlegt zu haben": the deed it denies
        return "REJECT" in cue_verb_types(clauses[i - 1], lex)
    if clauses[i].kind == "infinitive" and has_verb_of(clauses[i - 1], lex, "deny") \
            and not any(lex.is_(w, "negation") for w in clauses[i - 1].lowers):
        # "Teheran bestreitet, die Huthis mit Waffen zu beliefern": what a verb of denying says it
        # does not do (not a refusal: "lehnte ab, Truppen zu schicken")
        return True
    if not lex.is_(clauses[i].starts_with, "content_subordinator") and not _told_content(clauses, i, lex):
        return False
    # "bestritt nicht, dass ...": no denial, an admission
    return "REJECT" in cue_verb_types(clauses[i - 1], lex) \
        and not any(lex.is_(w, "negation") for w in clauses[i - 1].lowers)


def denial(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` denies what is said: a denying verb (cues.tsv class ``deny``: "bestritt",
    "dementierte") or a REJECT verb of a report noun ("wies Berichte zurück", "wies die Vorwürfe
    zurück"); not a refusal or a prevention ("lehnte ab, dass ...", "hat verhindert, dass ...")."""
    if has_verb_of(c, lex, "deny"):
        return True
    return "REJECT" in cue_verb_types(c, lex) and any(lex.is_(w, "report_noun") for w in c.lowers)


def konjunktiv_i(t: Token) -> bool:
    """Whether a lower-case word is a verb's Konjunktiv I singular ("schiebe", "verweigere"): its
    lemma is the word plus -n, or for an -ern / -eln verb the stem plus -e ("verweigere", "handle")."""
    if not t.text[:1].islower() or not t.lower.endswith("e") or len(t.lower) < 4:
        return False
    lem = lemma(t.text)
    return lem == t.lower + "n" or (lem[-3:] in ("ern", "eln")
                                    and t.lower in (lem[:-1] + "e", lem[:-3] + lem[-2] + "e"))


def _told_content(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` tells, in reported speech without "dass" or "wonach", what the report
    or allegation that closes the clause before it says ("wies Vorwürfe zurück, Österreich schiebe
    das Problem ab", "bestritt Berichte, die Armee habe Zivilisten getötet"): a Konjunktiv clause
    right after a report noun (cues.tsv ``report_noun``) or an accusation noun (an ACCUSE noun cue)
    among the last three words of that clause."""
    c = clauses[i]
    if i == 0 or c.kind not in ("main", "sub"):
        return False
    if not any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2") or konjunktiv_i(t)
               for t in c.tokens):
        return False
    tail = [t for t in clauses[i - 1].tokens if t.text not in QUOTE_MARKS][-3:]
    return any(t.is_cap and (lex.is_(t.lower, "report_noun") or accusation_noun(t.lower, lex)) for t in tail)


def accusation_noun(word: str, lex: Lexicon) -> bool:
    """A noun for an accusation or criticism: an ACCUSE noun cue ("Vorwürfe", "Spionagevorwürfe",
    "Kritik"; ``word`` in lower case)."""
    return any(cue.type == "ACCUSE" for cue in (lex.noun_cues(word) or ()))


def asked_about(clause: Clause, lex: Lexicon) -> bool:
    """Whether the clause is an indirect question ("Ob die Grünen die Koalition beenden, ist
    offen", "Die Kommission prüft, ob ..."): what it asks about is hypothetical (train + dev gold:
    2 of the 3 events in such clauses, the third optional)."""
    return lex.is_(clause.starts_with, "question_subordinator")


def hoped_or_considered(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` is what the clause before it hopes for or considers: a "dass" clause or
    an infinitive after a verb of cues.tsv class ``hope`` or ``consider`` ("Der Westen hofft, dass
    die Regierung die Schlepper stoppen kann", "Uganda erwägt, Soldaten in den Südsudan zu
    schicken"): no fact, hypothetical."""
    c = clauses[i]
    if i == 0 or c.kind not in ("sub", "infinitive") or (c.kind == "sub" and c.starts_with != "dass"):
        return False
    prev = clauses[i - 1]
    return has_verb_of(prev, lex, "hope") or has_verb_of(prev, lex, "consider")


def feared(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` says what the clause before it warns of, fears or threatens (a verb of
    cues.tsv class ``warn``): an infinitive ("Die Regierung drohte, jeden zu verhaften", "drohte damit,
    wöchentlich zu streiken") or a "dass" clause ("warnte, dass Russland angreifen könnte"). The
    threat or warning is the event; what it threatens is not told as a fact (hypothetical;
    docs/annotation.md §1; in train gold the strike a union threatened is no event at all)."""
    c = clauses[i]
    if i == 0 or not (c.kind == "infinitive" or (c.kind == "sub" and c.starts_with in ("dass", "daß"))):
        return False
    return has_verb_of(clauses[i - 1], lex, "warn")


def not_told(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` tells its events as no fact of its own: a denied report or deed
    (:func:`denied_report`), an indirect question (:func:`asked_about`), what is hoped for or
    considered (:func:`hoped_or_considered`), what is warned of, feared or threatened
    (:func:`feared`). Both coders."""
    return denied_report(clauses, i, lex) or asked_about(clauses[i], lex) or hoped_or_considered(clauses, i, lex) \
        or feared(clauses, i, lex)


#: finite verbs a yes/no question opens with besides the lexicon's cue verbs ("Kommt es zum Krieg?")
_QUESTION_VERBS = frozenset("kommt kommen gibt droht drohen steht stehen geht gehen bleibt bleiben "
                            "kann können darf dürfen muss müssen".split())


def yes_no_question(clauses: list[Clause], i: int, lowers: list[str], lex: Lexicon) -> bool:
    """Whether clause ``i`` is the verb-first clause of a yes/no question ("Greift China Taiwan
    an?", "Wird Russland angreifen?"): what it asks about is not told as a fact (hypothetical).
    Only that clause: an act a question presupposes ("Würden Sie wie Strache so weit gehen, ihn
    als Staatsfeind zu bezeichnen?") stays as it is (in train + dev gold, the 4 events of
    question sentences are all outside such a clause, all asserted)."""
    ends = [w for w in lowers if w not in ('"', "“", "”", "»", "«", "'", ")")]
    if i != 0 or not ends or ends[-1] != "?" or not clauses[0].tokens:
        return False
    first = clauses[0].tokens[0].lower
    last = clauses[0].tokens[-1].lower if len(clauses[0].tokens) > 1 else ""
    particle = last if lex.is_(last, "particle") else ""      # "Greift ... an?": angreifen
    return (first in HEADLINE_AUX or first in _QUESTION_VERBS or bool(lex.verbs.get(lemma(first)))
            or bool(particle and lex.verbs.get(particle + lemma(first)))) \
        and not lex.is_(first, "subordinator")


def kein_before(toks: list[Token], k: int) -> bool:
    """Whether the event noun at ``k`` is negated by its own determiner ("keine Zusammenarbeit",
    "keine weiteren Gespräche"): the happening it names is said not to be, by both coders."""
    return (k >= 1 and toks[k - 1].lower.startswith("kein")) or (k >= 2 and toks[k - 2].lower.startswith("kein"))


#: finite verbs of an unreal condition: "Ohne die Unterstützung Russlands wäre Assad gestürzt worden"
#: tells that the support exists
_UNREAL = frozenset("wäre wären hätte hätten könnte könnten würde würden müsste müssten".split())


def without(toks: list[Token], k: int) -> bool:
    """Whether the event noun at ``k`` is what "ohne" governs, with at most three articles or
    adjectives between ("Ohne eine Einigung mit Brüssel werde Österreich die Grenze schließen", "ohne
    vorherige Absprache"): the happening is said not to be (negated, its type kept: no refusal), by both
    coders. Not "nicht ohne" ("blieb nicht ohne Sanktionen"), not in an unreal sentence ("Ohne die
    Unterstützung Russlands wäre Assad längst gestürzt worden"), and not the object of a zu-infinitive
    the "ohne" opens ("ohne die Angriffe zu verurteilen": the clause's verb is what does not happen)."""
    j = k - 1
    while j >= 0 and k - j <= 3 and toks[j].lower != "ohne" and toks[j].text[:1].islower() and toks[j].text.isalpha():
        j -= 1
    if not (0 <= j < k and toks[j].lower == "ohne"):
        return False
    if j >= 1 and toks[j - 1].lower == "nicht":
        return False
    rest = toks[k + 1:]
    stop = next((n for n, t in enumerate(rest) if t.text in (",", ";", ":", "–", ".", "!", "?")), len(rest))
    if any(t.lower in _UNREAL for t in rest[:stop]):
        return False        # the finite verb after the phrase: "Ohne die Unterstützung Russlands wäre ..."
    # "ohne die Angriffe zu verurteilen": an infinitive closes its clause ("zu" + a verb, not "zu den")
    return not any(t.lower == "zu" and n + 1 < stop and rest[n + 1].text[:1].islower()
                   and rest[n + 1].lower not in NP_DETS and n + 2 >= stop
                   for n, t in enumerate(rest[:stop]))


def considered(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` is what the clause considers ("Die SPÖ prüft eine
    Klage gegen die Regierung", "erwägen die Entsendung einer Delegation"; cues.tsv class
    ``consider``; ``consider_new``, "prüfen", only for a new step, with an indefinite article or "neue"): its
    object, or what "über" names ("denkt über Sanktionen nach"). Considered, not done:
    hypothetical (train + dev gold: 2 such required events, both hypothetical)."""
    if not c.tokens[k].is_cap:
        return False
    prep = noun_preposition(c, k)[0]
    if prep not in (None, "über"):
        return False
    if has_verb_of(c, lex, "consider"):
        return True
    # "prüft eine Klage", "prüft neue Sanktionen": a step not yet taken (an indefinite article, or an
    # adjective of a new step right after the verb: cues.tsv ``new_step``); "prüft den Angriff russischer
    # Hacker", "prüft russische Luftangriffe", "prüft diese Angriffe": ones examined (a review)
    if not has_verb_of(c, lex, "consider_new") or k < 1:
        return False
    toks = c.tokens
    if lex.is_(toks[k - 1].lower, "indefinite"):
        return True
    if k >= 2 and not toks[k - 1].is_cap and lex.is_(toks[k - 2].lower, "indefinite"):
        return True
    return k >= 2 and lex.is_(toks[k - 1].lower, "new_step") and not toks[k - 2].is_cap \
        and lex.is_(lemma(toks[k - 2].text), "consider_new")


def negated_with_its_verb(c: Clause, k: int, typ: str, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` names the happening a negated verb of the same type tells
    ("Netanjahu und Abbas haben sich seit 2010 nie mehr zu direkten Verhandlungen getroffen": no
    talks; a probe: the noun's CONSULT was asserted beside the verb's negated one): the noun is the
    first after a negation adverb ("nicht", "nie", "niemals"; only "mehr", "wieder", articles,
    prepositions and adjectives between: not "nicht zum ersten Mal zu Gesprächen", "nicht öffentlich",
    "über die nicht eingehaltene Waffenruhe"; a review), a cue verb of type ``typ`` closes the clause
    after it, and it is no circumstance ("beim Gipfel nicht geeinigt"). For both coders."""
    toks = c.tokens
    if not toks[k].is_cap or typ not in cue_verb_types(c, lex) or circumstance(c, k, lex) or "sondern" in c.lowers:
        return False
    if k > 1 and subject_negated(c):
        return True         # "Kein EU-Staat hat Sanktionen gegen Israel verhängt": no sanctions (a probe)
    for j in range(k - 1, -1, -1):
        w = toks[j].lower
        if w in NEGATION_ADVERBS:
            # the verb closing the clause, or the finite one before the negation ("Die EU verhängte nicht
            # Sanktionen gegen Ungarn": the learned coder had the sanctions asserted; a review)
            return any(not t.is_cap and typ in {cue.type for cue in lex.verbs.get(lemma(t.text), ())}
                       for t in toks[k + 1:] + toks[1:j])
        if toks[j].is_cap or not (w in ("mehr", "wieder") or lex.is_(w, "definite") or lex.is_(w, "indefinite")
                                  or w in ("zu", "zum", "zur", "mit", "über", "für") or w.endswith(ADJ_ENDINGS)):
            return False
    return False


def joined_not(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` is what a negated verb of joining says its subject did not
    take part in ("Die Regierung in Asmara nahm an den Gesprächen nicht teil": verbs.tsv type JOIN; a
    probe gave an asserted CONSULT with Eritrea): for that side it did not happen. For both coders."""
    toks = c.tokens
    if not toks[k].is_cap or k < 2 or toks[k - 1].lower not in ("den", "dem", "der") \
            or toks[k - 2].lower not in ("an", "am"):
        return False
    if not any(w in NEGATION_ADVERBS for w in c.lowers):
        return False
    return "JOIN" in cue_verb_types(c, lex)


def prevented(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` was thwarted: the object of a verb of preventing ("Die
    Polizei hat einen Anschlag des IS vereitelt", "verhinderten einen Angriff auf die Botschaft";
    cues.tsv class ``prevent``) or named with an attribute that says so ("im Zusammenhang mit dem
    vereitelten Terroranschlag"; class ``prevented``). It did not happen as told: hypothetical, as dev
    gold codes it, for both coders (the learned coder had "vereitelt" attacks asserted)."""
    toks = c.tokens
    if not toks[k].is_cap or k == 0:
        return False
    j = k - 1
    while j >= 0 and not toks[j].is_cap and toks[j].lower.endswith(ADJ_ENDINGS):
        if lex.is_prefixed(toks[j].lower, "prevented"):
            return True
        j -= 1
    # a verb of preventing, not its participle as another noun's attribute ("dem vereitelten Anschlag"),
    # not negated ("konnte den Anschlag nicht verhindern": it happened), and the noun its object, after the
    # clause's first verb ("Die Luftangriffe verhinderten einen Vormarsch": the strikes happened; a review)
    verbs = [i for i, t in enumerate(toks) if not t.is_cap and lex.is_(lemma(t.text), "prevent")
             and not (i + 1 < len(toks) and toks[i + 1].is_cap and t.lower.endswith(ADJ_ENDINGS))]
    if not verbs or noun_preposition(c, k)[0] is not None or any(lex.is_(w, "negation") for w in c.lowers):
        return False
    first_verb = next((i for i, t in enumerate(toks) if i > 0 and not t.is_cap and _has_verb([t])), verbs[0])
    return k > first_verb


def generic_before(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """Whether the event noun at ``k`` is any act of its kind by its determiner ("jeden Angriff
    auf ihre Soldaten", "jegliche weitere Eskalation"; cues.tsv class ``generic_det``): no
    happening told as a fact (hypothetical), by both coders."""
    if k >= 1 and lex.is_(toks[k - 1].lower, "generic_det"):
        return True
    # "jegliche weitere Eskalation": an adjective between; not "jede Nacht Luftangriffe" (a time)
    return k >= 2 and lex.is_(toks[k - 2].lower, "generic_det") and not toks[k - 1].is_cap


def reported_past(c: Clause) -> bool:
    """A deed told by hearsay with "soll"/"sollen" and an infinitive of the past ("Russland soll
    Kiew angegriffen haben", "sollen ... getötet worden sein", "der ... erstochen haben soll"):
    reported, done, never a plan (in
    train + dev gold: 7 such events asserted, 1 hypothetical; optional ones asserted too)."""
    w = [x for x in c.lowers if any(ch.isalpha() for ch in x)]
    if "bis" in w:
        return False        # "Bis Ende des Jahres sollen alle Soldaten abgezogen sein": a deadline, a plan
    def past(word: str) -> bool:
        return word == "worden" or (word.endswith(("t", "en")) and (participle_shape(word) or word.endswith("iert")))
    if len(w) >= 3 and w[-1] in ("soll", "sollen") and w[-2] in ("haben", "sein") and past(w[-3]):
        return True         # the verb last: "..., der einen Deutschen erstochen haben soll"
    return len(w) >= 3 and w[-1] in ("haben", "sein") and any(x in ("soll", "sollen") for x in w[:-2]) and past(w[-2])


def _reported(c: Clause, lex: Lexicon) -> bool:
    """A clause told as what someone said: a subordinate clause, or one in Konjunktiv."""
    return c.kind == "sub" or any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2")
                                  for t in c.tokens)


def _correction_note(c: Clause, lex: Lexicon) -> bool:
    """"In einer früheren Fassung dieses Artikels hieß es": an earlier version (an adjective of
    ``earlier_version`` before a ``version`` noun) and a verb by which it said something."""
    w = c.lowers
    at = next((n + 1 for n, (a, b) in enumerate(zip(w, w[1:])) if lex.is_(b, "version")
               and lex.is_(re.sub(r"(e|en|er|es|em)$", "", a), "earlier_version")), None)
    if at is None:
        return False
    # what follows the version decides: a genitive naming something else than a text is no note
    # ("Bei der ersten Ausgabe des Gipfels hieß es"); the text named, or nothing, is ("In einer
    # früheren Fassung dieses Artikels hieß es", "In einer früheren Fassung berichteten wir")
    follow = w[at + 1:at + 3]
    if len(follow) == 2 and follow[0] in _GENITIVE_ARTICLES and not lex.is_(follow[1], "text_noun"):
        return False
    verbs = [lemma(t.text) for t in c.tokens if t.text[:1].islower()]
    return any(lex.is_(v, "version_said") or lex.is_(v, "speech") for v in verbs)


_GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer", "dieses", "dieser"})


def retracted(clauses: list[Clause], i: int, lex: Lexicon) -> bool:
    """Whether clause ``i`` tells what a correction note says an earlier version of the article
    said ("In einer früheren Fassung dieses Artikels hieß es, die Polizei habe zwölf Menschen
    festgenommen"): withdrawn, not asserted. The note governs the reported clauses after it
    (Konjunktiv or subordinate) up to the first one told as a fact ("...; tatsächlich hat
    Russland die Ukraine angegriffen"). A note the clause splitter left with what it reports
    ("stand, Belarus habe ...") is one clause in Konjunktiv."""
    if _correction_note(clauses[i], lex) and any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2")
                                                 for t in clauses[i].tokens):
        return True
    for j in range(i - 1, -1, -1):
        if not _reported(clauses[j + 1], lex):
            return False
        if _correction_note(clauses[j], lex):
            return True
    return False


def called_for(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether the noun at token ``k`` is what a call in the clause calls for ("hat für Donnerstag
    zum Streik aufgerufen", "riefen zu Protesten auf"): a protest called for is planned, as the
    corpus codes it (``CALLED_TYPES``), also when the call is told in the Perfekt."""
    return typ == "PROTEST" and "REQUEST" in cue_verb_types(c, lex) and any(
        t.lower in ("zu", "zum", "zur") for t in c.tokens[max(0, k - 3):k])


def intended(c: Clause, passive: bool = False) -> bool:
    """Whether the clause tells an intent or schedule: a modal or future verb ("will ... fliegen",
    "wird Sanktionen verhängen"; not the "werden" of a ``passive``), not hearsay of a past deed
    ("Russland soll Kiew angegriffen haben": ``reported_past``)."""
    return any(w in MODAL_INF and not (passive and w in WERDEN_PASSIVE) for w in c.lowers) and not reported_past(c)


def planned_noun(c: Clause, k: int, typ: str, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` is what a clause of intent will carry out: its object
    (no preposition) and a verb that carries it out ("Die EU wird Sanktionen verhängen", "Die Armee
    will eine Offensive beginnen"; not "will die Angriffe untersuchen"): planned, for both coders
    (train + dev gold, of such nouns the rule coder finds: 5 planned, 1 hypothetical, none asserted)."""
    return intended(c) and noun_preposition(c, k)[0] is None and carried_out(c, typ, lex)


def scheduled(c: Clause, lex: Lexicon) -> bool:
    """Whether the clause says its event noun is scheduled, with a predicative participle of
    cues.tsv class ``scheduled`` ("Ein Treffen mit Orbán ist für Freitag geplant", "Für Dienstag ist
    ein Flüchtlingsgipfel geplant"; not the attribute "die geplante Reform", whose forms are
    inflected): planned (train + dev gold: 1 such noun, planned; a probe: asserted)."""
    # "fand nicht wie geplant am Montag statt": as planned, told as done
    return any(lex.is_(t.lower, "scheduled") and not (j >= 1 and c.tokens[j - 1].lower in ("wie", "als"))
               for j, t in enumerate(c.tokens) if not t.is_cap)


def contrastive(clauses: list[Clause], i: int, lex: Lexicon, typ: str | None = None) -> bool:
    """Whether the negation of clause ``i`` is a contrast a "sondern" completes ("Das Treffen fand
    nicht wie geplant am Montag statt, sondern am Dienstag", "Russland griff nicht Kiew an, sondern
    Charkiw"): it denies a detail, not the happening, which is told as a fact, by both coders."""
    # the contrast names a detail, no act of its own ("nicht das Herausrechnen zulässt, sondern nur
    # ihre Berücksichtigung angekündigt hat" denies the allowing)
    toks = clauses[i].tokens
    words = clauses[i].lowers
    if "sondern" in words:
        # one clause of a contrast of one phrase ("telefonierte nicht mit Putin, sondern mit
        # Selenskyj", "hat nicht Russland, sondern Belarus angegriffen": clauses.contrast_joins)
        s = words.index("sondern")
        return not _has_verb(toks[s + 1:]) or contrast_joins(toks[:s], toks[s:], lex)
    after = next((c for c in clauses[i + 1:i + 3] if c.starts_with == "sondern"), None)
    if after is None or _has_verb(after.tokens[1:]):
        return False
    # not where what the negation contrasts names the act itself: its event noun or the material its
    # verb needs ("verhängte nicht Sanktionen, sondern eine Rüge", "schickten nicht Truppen, sondern
    # Hilfsgüter": no sanctions, no troops; a review)
    neg = next((j for j in range(len(words) - 1, -1, -1) if lex.is_(words[j], "negation")), None)
    cue_verb_types(clauses[i], lex)         # (sets the clause's verb lemmas)
    # (of the event's own type ``typ``: "schickten nicht Truppen, sondern Hilfsgüter" sends aid, no troops)
    needed = {r[:-1] if r.endswith("*") else r for lem in (clauses[i].verb_lemmas or ()) for cue in lex.verbs.get(lem, ())
              if typ is None or cue.type == typ for r in cue.requires if not r.startswith(("@", "<", "zu:"))}
    return neg is None or not any(
        t.is_cap and (any(typ is None or q.type == typ for q in lex.noun_cues(t.lower) or ())
                      or (typ in (None, "AID") and lex.is_(t.lower, "material")) or any(t.lower.startswith(r) for r in needed))
        for t in toks[neg + 1:])


def conditional_adverb(c: Clause, k: int, lex: Lexicon, typ: str) -> bool:
    """Whether a condition said in one or two words (cues.tsv class ``condition_adverb``:
    "werde notfalls vor Gericht ziehen", "werde bei Bedarf unterstützt", "im Ernstfall") stands
    before the event's cue at token ``k`` of the clause, in the same part of it (no "und" or
    "sowie" between: "hat Ungarn verklagt und Polen notfalls gedroht" keeps the lawsuit):
    hypothetical, for both coders, as an event in a condition clause is. Not for a threat or a
    demand, whose content the condition is ("hat Polen notfalls mit Sanktionen gedroht")."""
    if typ in ("THREATEN", "REQUEST"):
        return False
    words = c.lowers
    for j in range(k - 1, -1, -1):
        w = words[j]
        if w in ("und", "sowie", "oder"):
            return False
        if phrase_at(words, j, lex, "condition_adverb"):
            return True
    return False


def _actor_word(word: str) -> bool:
    """Whether a word alone names an actor in the actor lexicon ("Russen", "Polen")."""
    from ..lexicon import load_lexicon
    return (word,) in load_lexicon().actors


def refrained(c: Clause, k: int, lex: Lexicon) -> str | None:
    """What the clause says of the event noun at token ``k`` that a verb of refraining governs
    ("Die EU verzichtete auf neue Sanktionen", "sah von einem Angriff ab"; cues.tsv class
    ``refrain``, its "auf"/"von"): "negated", not done; or that a verb of advising against governs
    ("riet den Russen von Reisen in die Türkei ab"; class ``advise_against``): "hypothetical";
    else None. Both coders read the noun as done (probes: three false facts)."""
    if not c.tokens[k].is_cap:
        return None
    if postponed(c, k, lex):
        return "negated"
    if noun_preposition(c, k)[0] not in ("auf", "von"):
        return None
    # the phrase must be the verb's own: not one of another noun ("verzichtete auf eine Reaktion auf
    # den Angriff": the attack happened), so the preposition follows no noun but a time noun
    from ..timex import is_time_noun
    toks = c.tokens
    p = next((j for j in range(k - 1, -1, -1) if toks[j].lower in ("auf", "von")), None)
    # (an actor before the preposition is the verb's object, no noun it hangs on: "riet Russen von
    # Reisen in die Türkei ab")
    if p is None or (p >= 1 and toks[p - 1].is_cap and p - 1 > 0 and not is_time_noun(toks[p - 1].text)
                     and not _actor_word(toks[p - 1].text)):
        return None
    # "abgesehen von" is "apart from", not a Perfekt of absehen
    lems = [t for t in toks if not t.is_cap]
    if any(t.lower == "abgesehen" for t in lems) and not any(t.lower in PAST_AUX for t in lems) \
            and not any(lex.is_(lemma(t.text), "refrain") and t.lower != "abgesehen" for t in lems):
        return None
    if has_verb_of(c, lex, "refrain"):
        return "negated"
    return "hypothetical" if has_verb_of(c, lex, "advise_against") else None


def postponed(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` is what a verb of postponing in its clause puts off
    (cues.tsv class ``postpone``: "Die EU-Staaten vertagten einen Beschluss über neue Sanktionen", "Der
    Besuch wurde verschoben", "verschleppe ein Rückführungsabkommen"): it has not happened. The noun is
    the verb's object or its passive's subject (no preposition), or follows "über" on such a noun; not
    an ACCUSE noun, whose trial or inquiry is under way ("Der Prozess wurde vertagt", train gold
    asserted). Read by ``refrained`` for both coders (a probe: the sanctions were asserted)."""
    if not has_verb_of(c, lex, "postpone"):
        return False
    if any(q.type == "ACCUSE" for q in lex.noun_cues(c.tokens[k].lower) or ()):
        return False
    prep, n = noun_preposition(c, k)
    if prep is None:
        return True
    if prep != "über":
        return False
    words = [t for t in c.tokens if t.text not in QUOTE_MARKS]
    p = next((j for j in range(n - 1, max(-1, n - 6), -1) if words[j].lower == "über"), None)
    if p is None or p < 1 or not words[p - 1].is_cap:
        return False
    return noun_preposition(c, c.tokens.index(words[p - 1]))[0] is None     # "einen Beschluss über ..."


def mutual_reflexive(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` tells with "sich" a happening both sides do to each other alike ("einigten
    sich", "haben sich nicht getroffen"): a verb of cues.tsv class ``mutual``, by its lemma or its form
    ("einigen" has the lemma "einige", the pronoun)."""
    return any(t.lower == "sich" for t in c.tokens) and any(
        lex.is_(lemma(t.text), "mutual") or lex.is_(t.lower, "mutual") for t in c.tokens if not t.is_cap)


def content_of_failed_agreement(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` is what the sides of its clause did not agree on ("Die
    EU-Staaten haben sich nicht auf neue Sanktionen gegen Russland geeinigt", "konnten sich nicht über
    einen Abzug verständigen"): an AGREE verb told with "sich" (``mutual_reflexive``), a negation its
    clause keeps, and the noun in the verb's own "auf"/"über" phrase after "sich" (not one hanging on
    another noun, "im Streit über die Luftangriffe", "nach Berichten über Angriffe", nor a circumstance,
    "Auf dem Gipfel konnten sich X und Y nicht einigen"; a review): the act was not agreed, negated,
    for both coders."""
    toks = c.tokens
    if not toks[k].is_cap or circumstance(c, k, lex) or "AGREE" not in cue_verb_types(c, lex) \
            or not mutual_reflexive(c, lex):
        return False
    prep, n = noun_preposition(c, k)
    if prep not in ("auf", "über"):
        return False
    words = [t for t in toks if t.text not in QUOTE_MARKS]
    p = next((j for j in range(n - 1, max(-1, n - 6), -1) if words[j].lower == prep), None)
    sich = next(j for j, t in enumerate(words) if t.lower == "sich")
    if p is None or p <= sich or words[p - 1].is_cap:
        return False        # before "sich", or hanging on a noun ("im Streit über ...")
    return kept_negation(c, lex)


def circumstance(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the event noun at token ``k`` sets the circumstance of its clause ("SPÖ und ÖVP haben
    sich beim Pensionsgipfel nicht geeinigt", "Nach dem Angriff gab es nicht einmal Gespräche";
    cues.tsv class ``circumstance_prep``): a "nicht" of the clause negates its verb, not the noun
    (the summit was held), for both coders; the noun's own "kein" still does."""
    return c.tokens[k].is_cap and lex.is_(noun_preposition(c, k)[0] or "", "circumstance_prep")


def counterfactual(c: Clause, lex: Lexicon) -> str | None:
    """What a clause told in the Konjunktiv II of the past says of its deeds, where that is no
    stand-in for reported speech ("die Soldaten hätten Waffen beschlagnahmt, sagte ein Sprecher"
    is told as a fact): "negated" where an almost adverb says the deed nearly happened ("Die USA
    hätten Syrien beinahe angegriffen", "Fast wäre es zu einem Krieg gekommen"; cues.tsv class
    ``almost``, not before an amount: "hätten fast alle Flüchtlinge abgeschoben" deported
    most, also "fast zwanzig", "fast die Hälfte", "fast eine Woche lang": ``_of_amount``), "hypothetical" where a modal infinitive closes it ("Die Polizei hätte ihn schon im Sommer
    festnehmen müssen", "hätte Griechenland früher helfen sollen": what should have happened;
    class ``modal_infinitive``), else None. A negated modal one ("hätte ihn nicht festnehmen
    dürfen") says the deed was done, and is left to the negation rules (None). Both coders read
    such deeds as facts (a probe: four false facts in seven sentences)."""
    words = c.lowers
    if not any(lex.is_(w, "konjunktiv2") for w in words):
        return None
    for j, w in enumerate(words):
        if lex.is_(w, "almost") and j + 1 < len(words) and not _of_amount(words, j + 1, lex):
            return "negated"
    verbs = [w for w, t in zip(words, c.tokens) if not t.is_cap and w.isalpha()]
    if verbs and lex.is_(verbs[-1], "modal_infinitive") and not any(lex.is_(w, "negation") for w in words):
        return "hypothetical"
    return None


def _of_amount(words: list[str], j: int, lex: Lexicon) -> bool:
    """Whether the words from ``j`` on, after an almost adverb, name an amount, so that the adverb
    qualifies it and not the deed: a word of extent (cues.tsv class ``extent``: "fast alle", "fast
    die Hälfte", "fast die gesamte Stadt") or a number or unit of time (``timex.amount_word``:
    "fast 100", "fast zwanzig", "fast eine Woche lang", "fast zwei Monate lang"), also after an
    article. Not an article before a thing: "hätte fast einen Krieg begonnen" nearly began one."""
    from ..timex import amount_word
    at = words[j]
    if (lex.is_(at, "definite") or lex.is_(at, "indefinite")) and j + 1 < len(words):
        at = words[j + 1]
    return lex.is_(at, "extent") or amount_word(at)


def warned_of(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` is what the clause warns of or threatens with ("Die USA
    haben Iran vor einem Angriff auf Israel gewarnt", "Erdoğan hat mit einer Bodenoffensive
    gedroht"): governed by "vor" with a verb of warning (cues.tsv class ``warn``), or by "mit"
    with a verb of threatening (class ``threat_with``). The act is feared or threatened, not
    told as a fact."""
    prep, n = noun_preposition(c, k)
    words = [t for t in c.tokens if t.text not in QUOTE_MARKS]
    if prep == "zu" and n >= 2:
        # "zu" before an adjective is an adverb of degree, no preposition: "vor zu großen
        # Zugeständnissen gewarnt" (a probe: an asserted CONCEDE)
        at = max(j for j in range(n) if words[j].lower == "zu")
        if at + 1 < n and not words[at + 1].is_cap and at >= 1 and words[at - 1].lower in ("vor", "mit"):
            prep = words[at - 1].lower
    cls = "warn" if prep == "vor" else "threat_with" if prep == "mit" else None
    return cls is not None and any(lex.is_(lemma(t.text), cls) for t in c.tokens if not t.is_cap)


def rejected_report(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` is what a report the clause rejects tells ("Der Kreml hat
    Berichte über einen Angriff auf ein Krankenhaus zurückgewiesen", "Äthiopiens Regierung hat
    Berichte über einen bevorstehenden Angriff auf Eritrea als „Falschinformation“ zurückgewiesen";
    a REJECT verb, or a word that calls the report false, cues.tsv class ``falsehood``: "bezeichnete
    Meldungen über einen Angriff als Lüge"): not told as a fact, as what a denied report says in a
    "wonach" clause (``denied_report``; docs/annotation.md §11). Both coders."""
    if not c.tokens[k].is_cap:
        return False
    words = [t for t in c.tokens if t.text not in QUOTE_MARKS]
    if "REJECT" not in cue_verb_types(c, lex) and not any(lex.is_(t.lower, "falsehood") for t in words):
        return False
    prep, n = noun_preposition(c, k)
    return prep == "über" and any(lex.is_(t.lower, "report_noun") for t in words[max(0, n - 5):n])


def promised(c: Clause, lex: Lexicon) -> bool:
    """Whether the clause's verb promises ("sagte Moldau Hilfe zu", "versprach Waffen"): what it
    promises is planned, not done."""
    cue_verb_types(c, lex)
    return any(lex.is_(lem, "promise") for lem in c.verb_lemmas)


def announced_noun(c: Clause, k: int) -> bool:
    """Whether the event noun at token ``k`` is what the clause announces: its object, with no
    preposition ("Die SPÖ kündigte Proteste an", "hat neue Sanktionen angekündigt"): planned, as
    the corpus codes it, for both coders; a noun under a preposition is told as it stands ("Bei
    seinem Besuch in Kuba kündigte Obama ... an", "Nach dem Treffen mit Putin kündigte Merkel neue
    Gespräche an": the visit and the meeting happened; a review)."""
    return announced(c) and noun_preposition(c, k)[0] is None


def announced_object(clauses: list[Clause], i: int, k: int) -> bool:
    """Whether the event noun at token ``k`` of clause ``i`` is what is announced: the object of an
    announcing clause (``announced_noun``), or of an infinitive after one, which the announcer will
    carry out ("Häupl kündigte an, Gespräche mit den Grünen aufzunehmen": planned, as the verb of
    such an infinitive is; a probe: an asserted CONSULT). Both coders."""
    c = clauses[i]
    if announced_noun(c, k):
        return True
    return c.kind == "infinitive" and i > 0 and announced(clauses[i - 1]) and noun_preposition(c, k)[0] is None \
        and not perfect_infinitive(c)


def announced(c: Clause) -> bool:
    """Whether the clause announces ("Die SPÖ kündigte Proteste an", "hat ... angekündigt") or plans ("Die
    USA planen Luftangriffe auf Mossul", cues.tsv class ``plan_verb``: a review gave an asserted ASSAULT at 1.0)."""
    lems = [lemma(t.text) for t in c.tokens if not t.is_cap]
    lex = load_cues()
    return "ankündigen" in lems or ("kündigen" in lems and c.tokens[-1].lower == "an") \
        or any(lex.is_(t.lower, "plan_verb") for t in c.tokens if not t.is_cap)


#: a threat under a condition is made, whatever it is tied to ("drohte mit Konsequenzen, sollte die EU
#: ... festhalten": THREATEN asserted with its condition); in train + dev gold, 19 of 20 conditioned
#: threats are asserted
CONDITION_KEEPS = frozenset({"THREATEN"})


def unreal_condition(clauses: list[Clause], i: int, cond: Clause, lex: Lexicon) -> bool:
    """Whether main clause ``i`` and its condition ``cond`` tell an unreal past: both in the Konjunktiv II,
    the main clause's deed in its perfect ("hätte ... geschickt", "wäre ... gefallen"): "Hätte Russland
    angegriffen, hätte die NATO Sanktionen verhängt", "Wenn sie es gewusst hätte, hätte sie mehr Beamte
    geschickt". Not a repeated time ("immer dann, wenn"; cues.tsv ``iterative``), and under "wenn" not
    in reported speech, which uses the same forms for told deeds ("Laut Amnesty hätten Soldaten
    Gefangene gefoltert, wenn diese nicht kooperiert hätten"; a review); a condition told by its verb
    in first place is never reported so."""
    main = clauses[i]
    if not all(any(lex.is_(w, "konjunktiv2") for w in c.lowers) for c in (main, cond)):
        return False
    words = [w for w in main.lowers if w.isalpha()]
    last = words[-2] if len(words) > 1 and words[-1] in ("worden", "sein", "haben") else (words[-1] if words else "")
    if not (participle_shape(last) or last.endswith("iert")):
        return False
    if any(lex.is_(w, "iterative") for w in cond.lowers + main.lowers):
        return False
    if not lex.is_(cond.starts_with, "condition"):
        return True         # verb-first: "Hätte ..., hätte ..."
    return not any(lex.is_(w, "source_prep") or lex.is_(lemma(w), "speech")
                   for c in clauses if c is not main and c is not cond for w in c.lowers) \
        and not any(lex.is_(w, "source_prep") for w in main.lowers)


def conditioned(fact: str, typ: str, clauses: list[Clause], i: int, lex: Lexicon) -> str:
    """The factuality of the event of main clause ``i`` where a condition governs it: what is to
    happen only if the condition holds is hypothetical, not planned (docs/annotation.md §4, §8.6), for
    both coders -- under a condition told by its verb in first place ("Greift China Taiwan an, werden
    die USA Truppen schicken", "Sollte Russland angreifen, wird ..."), and under any condition where the
    consequence is told in reported speech ("Sollte Wien den Zustrom nicht bremsen, werde Bayern
    Flüchtlinge zurückweisen"; cues.tsv ``konjunktiv``, ``konjunktiv2``). In train + dev gold, 67 of
    69 conditioned events other than threats are hypothetical. A threat (``CONDITION_KEEPS``) is
    made; an act told as done stays asserted ("was wir unter der Bedingung akzeptiert haben, dass
    ...": the seed file's AGREE) unless both clauses are told in the Konjunktiv II, an unreal past
    ("Wenn die Polizei es gewusst hätte, hätte sie mehr Beamte geschickt": hypothetical); an intention
    held while a condition lasts, told in the indicative, stays planned ("will sich nächste Woche mit
    Lawrow treffen, solange Russland nicht einmarschiert": the seed file's CONSULT; with every plan
    under a condition read so, train factuality fell 0.897 -> 0.895); a demand's condition is its
    content ("fordert X auf, falls ..."). What is offered or is so under a condition that is one for
    sure ("bereit, allerdings nur unter der Bedingung, dass ..."; falls, sofern, vorausgesetzt), not
    told in the past, is hypothetical; under "wenn", often a time ("gab sich verwundert, wenn ..."),
    it stays asserted."""
    from .clauses import attached_condition
    cond = attached_condition(clauses, i)
    if cond is None or typ == "REQUEST":
        return fact
    if typ in CONDITION_KEEPS:
        # the threat is made: in train + dev gold (the written items too) 19 of 19 threats of a main
        # clause under a condition are asserted; the learned factuality model reads the condition as
        # making it hypothetical ("Die Gewerkschaft droht mit Streiks, falls die Arbeitgeber nicht
        # einlenken"); a threat told as possible or unreal stays so ("Die EU könnte Russland mit Sanktionen
        # drohen, falls ...", "hätte gedroht"; a review)
        told_as_possible = any(lex.is_(w, cls) for w in clauses[i].lowers if not lex.is_(lemma(w), "warn")
                               for cls in ("hypothetical", "konjunktiv2", "ability"))     # (not "droht" itself)
        return "asserted" if fact == "hypothetical" and clauses[i].kind == "main" and not told_as_possible else fact
    if fact == "asserted" and unreal_condition(clauses, i, cond, lex):
        return "hypothetical"   # an unreal past: "Wenn sie es gewusst hätte, hätte sie mehr Beamte geschickt"
    if fact == "asserted" and not _told_in_past(clauses[i]) and "seit" not in clauses[i].lowers \
            and any(lex.is_(w, "sure_condition") for w in cond.lowers):
        # an offer or a state under a condition that is one for sure ("Washington sei zu Gesprächen bereit,
        # allerdings nur unter der Bedingung, dass ...": a probe's asserted AGREE); not "wenn", often a
        # time ("gab sich verwundert, wenn ..."; with it, 4 train events were wrongly
        # hypothetical); a deed told as done stays asserted
        return "hypothetical"
    if fact != "planned":
        return fact
    verb_first = not lex.is_(cond.starts_with, "condition")
    reported = any(lex.is_(w, "konjunktiv") or lex.is_(w, "konjunktiv2") for w in clauses[i].lowers)
    return "hypothetical" if verb_first or reported else fact
