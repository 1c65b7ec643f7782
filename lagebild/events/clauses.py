"""Clauses and their grammar: cut a sentence into clauses, find verb cues with their separable
particles, read passives, relative and condition clauses and the preposition that governs a noun.
"Polen kritisierte Russland scharf, die Ukraine verurteilte Belarus" is two main clauses;
"Selenskyj, den Putin kritisiert hatte, traf Biden" a main clause around a relative one; "weist
... zurück" is the cue "zurückweisen"; "wurden drei Menschen verletzt" a werden-passive. The
closed-class word sets the event rules consult. The readings built on clauses are modules of
their own: ``tense``, ``reach``, ``factuality``, ``content``."""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field


from ..actors import ADJ_ENDINGS, Mention, dateline_end, np_context
from ..text import SentenceTokens, Token
from ..timex import is_cardinal
from .cues import Cue, Lexicon, lemma, load_cues


BOUNDARY = frozenset({",", ";", ":", "–", "—"})
# words that may stand in a bare list of names ("Deutschland, Frankreich und Polen")
LIST_WORDS = frozenset("und sowie oder der die das des dem den aus von in mit an auch".split())
CONJ_SPLIT = frozenset({"und", "aber", "sondern", "doch", "oder"})
WERDEN_PASSIVE = frozenset("wurde wurden worden werden wird werde würden".split())
_ZU_INFIX = re.compile(r"^(?:ab|an|auf|aus|bei|ein|fest|frei|her|hin|los|mit|nach|vor|weg|zurück|zusammen|"
                       r"bereit|teil|statt|fort|dar|heraus|hervor)zu[a-zäöüß]{3,}(?:en|ern|eln)$")   # also "auszuliefern"
MODAL_INF = frozenset("wollen will wolle wollte wollten sollen soll solle sollte sollten werden wird werde "
                      "möchte möchten plant planen planten beabsichtigt".split())
# "..., sollten sie sich nicht zurückziehen": a verb-first condition has its subject right after the verb
INVERSION_SUBJECTS = frozenset("sie er es die der das ein eine diese dieser man wir ihr du ich".split())


PAST_AUX = frozenset("hatte hatten hat haben habe war waren ist sind wurde wurden".split())


@dataclass
class Clause:
    sent: int
    tokens: list[Token]
    kind: str = "main"              # main | sub | condition | infinitive
    starts_with: str = ""
    mentions: list[Mention] = field(default_factory=list)
    verb_types: frozenset[str] | None = field(default=None, repr=False)   # see cue_verb_types
    verb_lemmas: frozenset[str] = field(default=frozenset(), repr=False)  # ... and their lemmas
    word_lemmas: frozenset[str] | None = field(default=None, repr=False)  # see has_verb_of
    conjunction: str = ""           # the conjunction that split it from the clause before ("und", "aber")

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def lowers(self) -> list[str]:
        return [t.lower for t in self.tokens]


def relative_word(word: str, lex: Lexicon) -> bool:
    """Whether a (lower-case) word may open a relative clause: a relative pronoun or a relative
    adverb (cues.tsv classes ``relative``, ``relative_adverb``), not a subordinator."""
    return (lex.is_(word, "relative") or lex.is_(word, "relative_adverb")) and not lex.is_(word, "subordinator")


_ARTICLES = frozenset("der die das den dem".split())
#: determiners a noun phrase may open with or a genitive attribute may take
NP_DETS = frozenset("der die das den dem des ein eine einen einem einer eines".split())
#: a word that joins a name to the noun before it: "die Regierung in Kiew", "die Armee der Ukraine"
_NOUN_ATTRIBUTE_WORDS = frozenset("in aus der des".split())
_VERB_FORMS = frozenset("worden werden kann können konnte konnten muss müssen musste mussten darf dürfen "
                        "lassen ließ ließen".split())


def _verb_form(tok: Token) -> bool:
    """Whether a word can close a verb bracket: an auxiliary, a modal, a participle or an
    infinitive ("zugesagt hat", "unterstützen wollen")."""
    low = tok.lower
    return tok.text[:1].islower() and (low in HEADLINE_AUX or low in SEIN_FORMS or low in _VERB_FORMS
                                       or werden_participle(tok) or lemma(tok.text) == low and low.endswith("en"))


def article_main_clause(toks: list[Token], lex: Lexicon) -> bool:
    """Whether a clause after a comma that opens with der/die/das/den/dem is a main clause, not a
    relative one: the word is the article of a noun phrase that the finite verb follows in second
    place, with more than verb forms after it ("..., die Ukraine verurteilte Belarus", "..., der
    Westen unterstütze Kiew"). A relative clause puts its finite verb last ("..., der Warschau
    Unterstützung zugesagt hat", "..., die Kiew unterstützen wollen"). A coordinating conjunction
    before the article (cues.tsv class ``main_conjunction``: "..., und die Regierung in Kiew wies die
    Vorwürfe zurück", "..., aber der Iran drohte Israel") opens the same main clause."""
    words = [t for t in toks if any(ch.isalnum() for ch in t.text)]
    if len(words) > 1 and lex.is_(words[0].lower, "main_conjunction") and words[1].lower in _ARTICLES:
        words = words[1:]
    if len(words) < 4 or words[0].lower not in _ARTICLES:
        return False
    k = 1
    while k + 1 < len(words) and words[k].text[:1].islower() and words[k].text.isalpha() \
            and words[k].lower.endswith(ADJ_ENDINGS) \
            and (words[k + 1].is_cap or words[k + 1].text[:1].islower() and k < 3):
        k += 1          # adjectives: "die ukrainische Armee"
    n = k
    while k < len(words) and words[k].is_cap:
        k += 1          # the noun or name: "die Ukraine", "der Ukip-Chef Nigel Farage"
    if k == n or k + 1 >= len(words):
        return False
    if words[k].lower in _NOUN_ATTRIBUTE_WORDS and k + 1 < len(words) and words[k + 1].is_cap:
        k += 1          # a place or genitive after it: "die Regierung in Kiew", "die Armee der Ukraine"
        while k < len(words) and words[k].is_cap:
            k += 1
        if k + 1 >= len(words):
            return False
    verb = words[k]
    if not verb.text[:1].islower() or not verb.text.isalpha():
        return False
    # a verb the lexicon knows, or a form the lemmatizer leads to another infinitive ("wies" ->
    # "weisen"), never an adverb or preposition in -en ("gestern", "wegen", "gegen", "inzwischen":
    # cues.tsv class not_verb; code reviews found relative clauses read as main clauses by them)
    finite = verb.lower in HEADLINE_AUX or lemma(verb.text) in lex.verbs \
        or (_verbish(verb) and lemma(verb.text) != verb.lower and not lex.is_(verb.lower, "not_verb"))
    # (a weak verb's preterite plural is no participle where words follow it: "Washington – Die USA
    # verurteilten die Anschläge", "..., die Ukraine verurteilten ...")
    preterite = verb.lower.endswith("ten") and not verb.lower.startswith("ge")
    return finite and (preterite or not werden_participle(verb)) and not all(_verb_form(t) for t in words[k + 1:])


def lex_adjective(word: str) -> bool:
    from ..lexicon import load_lexicon
    return word in load_lexicon().adjectives


FUNCTION_WORDS = frozenset("der die das den dem des ein eine einen einem einer eines und oder sowie von "
                           "aus in im am an auf mit für bei nach vor zu zur zum über unter auch".split())


def _has_verb(toks: list[Token]) -> bool:
    """Whether a token run has something that can be a verb (lower case, inflected, not attributive)."""
    for k, t in enumerate(toks):
        if not t.text[:1].islower() or t.lower in FUNCTION_WORDS or not t.text.isalpha():
            continue
        if _attributive(toks, k):
            continue
        if lemma(t.text) != t.lower or t.lower.endswith(("en", "ern", "eln", "t")):
            return True
    return False


def _verbish(tok: Token) -> bool:
    if not tok.text[:1].islower():
        return False
    lem = lemma(tok.text)
    return lem.endswith(("en", "ern", "eln")) and tok.lower not in ("den", "einen", "seinen", "ihren", "diesen")


def _shared_auxiliary(toks: list[Token], k: int) -> bool:
    """'finanziert und unterstützt zu haben', 'getötet und verletzt worden': two participles
    joined by und that share what follows them; one clause."""
    prev = toks[k - 1] if k else None
    tail = [t.lower for t in toks[k + 2: k + 5]]
    if tail and tail[0] == "zu" and not _zu_before_verb(toks[k + 2:k + 4]):
        # "zu" as a preposition: "erkennt den Sieg nicht an und hat zu einem Marsch aufgerufen" is
        # two clauses (the negation of the first is not the second's)
        return False
    return prev is not None and prev.text[:1].islower() and prev.text.isalpha() and bool(tail) \
        and (tail[0] in ("zu", "haben", "worden", "werden", "wurden", "wird", "sein", ".") or tail[0] in PAST_AUX)


def _list_comma(toks: list[Token], k: int) -> bool:
    """A comma inside a list of nouns: "X, Y und Z" (a noun before it, nouns and adjectives up to
    und/sowie/oder after it, or up to the next comma of the list: "USA, Russland, China,
    Frankreich und Deutschland")."""
    if k == 0 or not toks[k - 1].is_cap or _infinitive_after(toks, k):
        return False
    while True:
        for j in range(k + 1, min(k + 6, len(toks))):
            t = toks[j]
            if t.lower in ("und", "sowie", "oder"):
                return True
            if t.text == ",":
                if j == k + 1:
                    return False
                k = j           # the next comma of the list decides
                break
            if not (t.is_cap or lex_adjective(t.lower) or t.lower in LIST_WORDS or _attributive_adj(t.lower)):
                return False
        else:
            return False


def _infinitive_after(toks: list[Token], k: int) -> bool:
    """Whether what follows the comma at ``k`` up to the next boundary is an infinitive clause whose
    only verb is its infinitive with "zu" ("beschuldigt Ruanda, die Miliz mit Waffen und Soldaten zu
    unterstützen", "..., die Grenze zu öffnen"), not the rest of a list of names ("Frankreich,
    Deutschland und Polen forderten ...")."""
    run = []
    for t in toks[k + 1:]:
        if t.text in BOUNDARY:
            break
        run.append(t)
    while run and not any(ch.isalnum() for ch in run[-1].text):
        run.pop()           # the sentence's full stop, a closing quotation mark
    if len(run) < 2:
        return False
    if run[-2].lower == "zu" and _verbish(run[-1]):
        body = run[:-2]
    elif _ZU_INFIX.match(run[-1].lower):
        body = run[:-1]     # "..., die Truppen abzuziehen"
    else:
        return False
    if body and body[0].is_cap and any(t.lower in ("und", "oder", "sowie") for t in body[1:3]):
        return False        # the list goes on: "die Ukraine, Moldau und Georgien mit Waffen zu unterstützen"
    return not _has_verb(body)


def verb_first_condition(c: "Clause", after: list["Clause"], st: SentenceTokens, lex: Lexicon,
                         after_dateline: bool = False) -> bool:
    """Whether the sentence's first clause ``c`` is a condition told by its finite verb in first
    place, with the main clause's finite verb opening the clause after it (cues.tsv class
    ``v1_main``): "Greift Russland die Ukraine an, werden die USA Sanktionen verhängen", "Stimmt eine
    Mehrheit zu, wird Rousseff suspendiert" (a probe: an asserted event), "Hätte die Polizei es gewusst,
    hätte sie mehr Beamte geschickt" (an unreal one); not a question.
    ``after_dateline``: ``c`` opens the sentence after a verbless dateline and its dash ("Taipeh –
    Greift China Taiwan an, werden ..."). ``after``: the clauses after ``c``; the main clause is the
    first that no subordinator opens ("Hätte die Polizei gewusst, dass Gefahr droht, hätte sie ...")."""
    toks = c.tokens
    nxt = next((x for x in after if x.tokens and not lex.is_(x.tokens[0].lower, "subordinator")), None)
    if len(toks) < 3 or toks[1].lower == "sein":
        return False        # "Kann sein, dass ...": no subject, no condition (a review)
    if nxt is None or st.sentence.text.rstrip().endswith("?") \
            or (toks[0] is not st.tokens[0] and not after_dateline):
        return False
    word = toks[0].lower
    lem = lemma(toks[0].text)
    finite = lem != word and lem.endswith(("en", "ern", "eln")) and word.endswith(("t", "en", "n", "te")) \
        or lex.is_(word, "konjunktiv2")     # "Wäre die Regierung gewarnt worden, hätte sie ..."
    # (also a modal, future or Konjunktiv II verb: "Will Österreich die Grenze schließen, muss es mit
    # Deutschland verhandeln", "Hätte Russland die Ukraine angegriffen, hätte die NATO ... verhängt")
    return (finite or lex.is_(word, "v1_main")) and lex.is_(nxt.tokens[0].lower, "v1_main")


def _zu_before_verb(toks: list[Token]) -> bool:
    """Whether the tokens hold an infinitive's "zu": followed by a lower-case word that is no
    article ("die Truppen abzuziehen", "zu verhandeln", "getötet zu haben"), not the preposition
    of "hat zu Protesten aufgerufen" or "rief zu einem Marsch auf" (a clause of its own after
    "und", whose call is no infinitive of the clause before)."""
    return any(t.lower == "zu" and j + 1 < len(toks) and toks[j + 1].text[:1].islower()
               and toks[j + 1].text.isalpha() and toks[j + 1].lower not in ATTR_BEFORE
               for j, t in enumerate(toks))


def _attributive_adj(word: str) -> bool:
    return word.endswith(("ische", "ischen", "ischer", "ländische", "ländischen"))


def split_clauses(st: SentenceTokens, lex: Lexicon) -> list[Clause]:
    clauses: list[Clause] = []
    cur: list[Token] = []
    toks = st.tokens

    hard: set[int] = set()      # clauses that follow a colon, semicolon or dash
    conj = [""]                 # the conjunction that opens the clause being read

    def flush() -> None:
        if cur:
            clauses.append(Clause(st.sentence.index, list(cur), conjunction=conj[0]))
            cur.clear()
        conj[0] = ""

    for k, t in enumerate(toks):
        if t.text == "," and _list_comma(toks, k) and not (
                k + 1 < len(toks) and lex.is_(toks[k + 1].lower, "main_conjunction")
                and article_main_clause(toks[k + 1:], lex)):
            # "für Syrien, UN-Organisationen und den Libanon": one clause; but "Die EU verhängte
            # Sanktionen, und die Regierung in Moskau kritisierte ...": a main clause of its own
            continue
        if t.text in BOUNDARY:
            flush()
            if t.text != ",":
                hard.add(len(clauses))
            continue
        if t.lower in CONJ_SPLIT and cur and k + 1 < len(toks) and _verbish(toks[k + 1]) \
                and lemma(toks[k + 1].text) not in ("sein",) \
                and not (t.lower == "und" and _shared_auxiliary(toks, k)):
            flush()
            conj[0] = t.lower
            continue
        cur.append(t)
    flush()
    # a segment that is only a list item or an apposition ("Frankreich", "Ned Price") joins
    # the clause before it
    joined: list[Clause] = []
    hard_starts = {clauses[k].tokens[0].start for k in hard if k < len(clauses)}
    for n, c in enumerate(clauses):
        words = [t for t in c.tokens if t.text not in (".", "!", "?", "(", ")")]
        if joined and contrast_joins(joined[-1].tokens, words, lex):
            joined[-1].tokens.extend(c.tokens)      # "telefonierte nicht mit Putin, sondern mit Selenskyj"
            continue
        # (not a verb-first condition after the dateline: "Taipeh – Greift China Taiwan an, werden ...")
        if joined and words and not (len(joined) == 1 and c.tokens[0].start in hard_starts and n + 1 < len(clauses)
                                     and verb_first_condition(c, clauses[n + 1:], st, lex, after_dateline=True)) and all(t.is_cap or t.lower in LIST_WORDS or lex_adjective(t.lower)
                                    for t in words) and words[0].lower not in ("und", "oder"):
            joined[-1].tokens.extend(c.tokens)
        else:
            joined.append(c)
    # a verbless segment before a clause is its fronted subject ("Der Kommissar des Europarats,
    # Nils Muiznieks, hatte ... aufgerufen")
    fronted: list[Clause] = []
    carry: list[Token] = []
    # "Greift Russland die Ukraine an, werden die USA ...": a condition by its verb in first place,
    # also after a dateline ("Taipeh – Greift China Taiwan an, ...": the verbless place and its dash)
    first_at = 1 if len(joined) > 2 and not _has_verb(joined[0].tokens) and len(joined[0].tokens) <= 4 \
        and joined[1].tokens[0].start in hard_starts else 0
    v1_clause = joined[first_at] if len(joined) > first_at + 1 and verb_first_condition(
        joined[first_at], joined[first_at + 1:], st, lex, after_dateline=first_at == 1) else None
    for n, c in enumerate(joined):
        if carry:
            c.tokens = carry + c.tokens
            carry = []
        if c is not joined[-1] and not (c is v1_clause) and joined[n + 1].tokens[0].start not in hard_starts \
                and not _has_verb(c.tokens) and not lex.is_(c.tokens[0].lower, "subordinator") \
                and not lex.is_(c.tokens[0].lower, "condition") \
                and not (lex.is_(joined[n + 1].tokens[0].lower, "relative_object") and n + 2 < len(joined)
                         and not lex.is_(joined[n + 1].tokens[0].lower, "subordinator")):
            carry = c.tokens
            continue
        # (a subject before an object relative clause stays a clause of its own: "Selenskyj, den
        # Putin kritisiert hatte, traf Biden": the relative clause is not the subject's clause; a
        # subject relative "der ..." is read with its antecedent as before)
        fronted.append(c)
    merged: list[Clause] = []
    for c in fronted:
        c.tokens = [t for t in c.tokens if t.text not in (".", "!", "?")] or c.tokens
        while len(c.tokens) > 1 and not any(ch.isalnum() for ch in c.tokens[-1].text):
            # a closing quotation mark, bracket, dash or "..." ends no clause's verb bracket:
            # „Russland griff Kiew an“, sagte er
            c.tokens = c.tokens[:-1]
        while len(c.tokens) > 1 and c.tokens[0].text in QUOTE_MARKS:
            # nor does an opening one begin it: „Wenn Russland angreift, werden wir reagieren“,
            # drohte Biden (a condition, no attack told)
            c.tokens = c.tokens[1:]
        first = c.tokens[0].lower
        c.starts_with = first
        if c is v1_clause:
            c.kind = "condition"
            merged.append(c)
            continue
        if lex.is_(first, "condition") or _on_condition(c.lowers, lex) \
                or (first in ("sollten", "sollte") and (not merged or c.tokens[0].start in hard_starts
                                                        or (len(c.tokens) > 1 and (c.tokens[1].is_cap or c.tokens[1].lower
                                                            in INVERSION_SUBJECTS)))):
            # "Sollten die Separatisten weitere Gebiete erobern, ...": a condition by inversion
            c.kind = "condition"
        elif relative_word(first, lex) and merged and (
                (len(c.tokens) > 2 and c.tokens[-2].lower == "zu") or _ZU_INFIX.match(c.tokens[-1].lower)):
            c.kind = "infinitive"     # "..., den Zuzug zu verhindern": an infinitive, not a relative clause
        elif lex.is_(first, "subordinator") or (relative_word(first, lex) and merged
                                                  and not article_main_clause(c.tokens, lex)):
            # ("Polen kritisierte Russland, die Ukraine verurteilte Belarus": a main clause)
            c.kind = "sub"
        elif (_zu_before_verb(c.tokens[-3:]) or any(_ZU_INFIX.match(t.lower) for t in c.tokens[-2:])) \
                and not any(_verbish(t) and lex.is_(t.lower, "konjunktiv") for t in c.tokens):
            c.kind = "infinitive" if merged else "main"
        # "unter der Bedingung, dass ...": the dass-clause is the condition
        if c.kind == "sub" and first in ("dass", "daß") and merged \
                and any(lex.is_(w, "condition_noun") for w in merged[-1].lowers):
            c.kind = "condition"
        merged.append(c)
    return merged


def _after_negation(toks: list[Token]) -> list[Token] | None:
    """The words after the last "nicht" of a clause's tokens, or None when there is none."""
    at = next((j for j in range(len(toks) - 1, -1, -1) if toks[j].lower == "nicht"), None)
    return None if at is None else toks[at + 1:]


def contrast_joins(before: list[Token], seg: list[Token], lex: Lexicon) -> bool:
    """Whether segment ``seg`` is the "sondern" part of a contrast of one phrase ("Macron telefonierte
    nicht mit Putin, sondern mit Selenskyj", "Die Ukraine hat nicht Russland, sondern Belarus
    angegriffen"): it opens with "sondern" and no verb of its own in second place, and the clause
    ``before`` ends with "nicht" and a phrase without a verb. One clause: the "nicht" negates the
    phrase it contrasts, not the clause's act (``factuality.contrastive``), and who that phrase names is no
    side (``roles.contrasted``). Not "hat nicht angegriffen, sondern verhandelt" (two acts), nor after
    a separable particle ("griff nicht Kiew an, sondern Charkiw": the particle stays its clause's last word)."""
    if len(seg) < 2 or seg[0].lower != "sondern" or (_verbish(seg[1]) and seg[1].lower not in FUNCTION_WORDS | ATTR_BEFORE) \
            or seg[1].lower in ("auch", "er", "sie", "es", "wir", "man"):
        return False
    rest = _after_negation(before)
    if not rest or len(rest) > 8 or _has_verb([t for t in rest if t.lower not in ATTR_BEFORE]) \
            or lex.is_(rest[-1].lower, "particle") or rest[0].lower in ("nur", "bloß", "allein", "lediglich"):
        return False
    # the "sondern" part has no verb of its own: at most the participle or infinitive that closes the
    # clause after an auxiliary ("hat nicht Russland, sondern Belarus angegriffen"; not "..., sondern
    # der Kongress blockierte die Hilfe": a clause of its own; a review)
    words = [t for t in seg[1:] if any(ch.isalnum() for ch in t.text)]
    # (not an adjective before its noun: "sondern gemäßigte Rebellen anzugreifen")
    tail = [t for n, t in enumerate(words) if t.lower not in ATTR_BEFORE
            and not (n + 1 < len(words) and words[n + 1].text[:1].isupper() and t.text[:1].islower())]
    zu_inf = bool(tail) and (bool(_ZU_INFIX.match(tail[-1].lower)) or (len(words) > 1 and words[-2].lower == "zu"))
    if _has_verb(tail[:-1]) or (_has_verb(tail[-1:]) and not zu_inf
                                and not any(t.lower in PAST_AUX | MODAL_INF for t in before)):
        return False        # (a closing zu-infinitive is the clause's: "nicht den IS, sondern Rebellen anzugreifen")
    # the contrast names who (an actor of the lexicon), not what ("schickten nicht Truppen, sondern
    # Hilfsgüter", "verhängte nicht Sanktionen, sondern eine Rüge": the act itself is contrasted)
    from ..lexicon import load_lexicon      # (the actor lexicon, which does not import this module)
    actors = load_lexicon()
    words = [t.text for t in rest]
    # (a country, organisation or known person: not a bare role noun, "nicht Truppen, sondern Hilfsgüter"
    # sends no troops; a review)
    return any(actors.match(words, i) is not None or w in _person_names() or actors.adjective(w.lower()) is not None
               for i, w in enumerate(words) if w[:1].isupper() or actors.adjective(w.lower()) is not None)


@functools.lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    """Every word of the persons.tsv names ("Putin", "Wladimir Putin" -> "Wladimir", "Putin")."""
    from ..actors import _persons           # (actors imports this package only lazily)
    return frozenset(w for name in _persons() for w in name.split() if w[:1].isupper())


def _on_condition(words: list[str], lex: Lexicon) -> bool:
    """Whether a clause is a condition that "unter der Bedingung" or "für den Fall, dass" opens (cues.tsv
    ``condition_noun``), also after a fronted adverb with its dass-clause read as one ("..., allerdings nur unter der
    Bedingung, dass Russland seine Angriffe einstelle": a probe's asserted offer)."""
    return any(w in ("unter", "für", "im") and any(lex.is_(x, "condition_noun") for x in words[j + 1:j + 4])
               and ((j == 0 and w == "unter") or "dass" in words[j + 2:j + 6]) for j, w in enumerate(words))


ATTR_BEFORE = frozenset("der die das den dem des ein eine einen einem einer eines kein keine keinen keinem "
                        "keiner zur zum im am vom beim ins seine seinen seiner ihre ihren ihrer diese diesen "
                        "mit von nach bei aus gegen für über auf durch wegen trotz unter vor".split())


_PARTICIPLE_ADJ = re.compile(r"^[a-zäöü]{0,8}ge[a-zäöüß]{2,}(?:t|en)(?:e|en|er|es|em)$")


def _attributive(toks: list[Token], k: int) -> bool:
    """A participle used as an adjective: "der verbotenen Organisation", "die abgeriegelte Stadt",
    "die von der Regierung in Kiew geforderte Aufnahme"."""
    t = toks[k]
    if not t.lower.endswith(ADJ_ENDINGS) or k + 1 >= len(toks):
        return False
    n = k + 1
    while n < len(toks) - 1 and not toks[n].is_cap and toks[n].text.isalpha() and toks[n].lower.endswith(ADJ_ENDINGS) \
            and toks[n].lower not in ATTR_BEFORE and n - k <= 2:
        n += 1      # adjectives between: "Der abgesetzte katalanische Regionalpräsident"
    if not toks[n].is_cap:
        return False
    if n > k + 1 and not (k > 0 and toks[k - 1].lower in ATTR_BEFORE):
        return False
    if k > 0 and _PARTICIPLE_ADJ.match(t.lower) and lemma(t.text) != t.lower:
        return True             # an inflected past participle before a noun
    j = k - 1
    while j >= 0 and toks[j].text[:1].islower() and toks[j].lower not in ATTR_BEFORE and j >= k - 2:
        j -= 1
    return j >= 0 and toks[j].lower in ATTR_BEFORE


def _cue_lemmas(c: Clause, lex: Lexicon) -> list[tuple[Token, str]]:
    """(token, lemma) of verb cues in the clause, separable particles joined."""
    toks = c.tokens
    last = toks[-1].lower if toks else ""
    out = []
    for k, t in enumerate(toks):
        if not t.text[:1].islower() and t is not toks[0]:
            continue
        if t is toks[0] and not t.text[:1].islower() and len(toks) > 1 and toks[1].lower in HEADLINE_AUX:
            continue        # "Einigen sei ... bewusst": a pronoun before the finite verb, not a verb
        if _attributive(toks, k):
            continue
        lem = lemma(t.text)
        # a plural present form is its own infinitive ("weisen ... zurück"); the lemmatizer may
        # read it as another word ("weise")
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        forms = (lem, t.lower) if t.lower.endswith("en") and t.lower != lem \
            and not (nxt is not None and nxt.is_cap) else (lem,)      # not "vor einigen Tagen"
        end = next((e for e in ("eten", "ete", "et", "ten", "te", "t") if lem == t.lower and lem.endswith(e)), None)
        if end is not None:
            # a form the lemmatizer does not know: "einbestellt", "einbestellte" -> "einbestellen",
            # "verhafteten" -> "verhaften" (a ge- participle of a simple verb is not undone; the
            # form counts only when it is a listed cue)
            forms += (lem[:-len(end)] + "en",)
        before = toks[k - 1].lower if k >= 1 else ""
        for f in forms:
            if lex.is_(last, "particle") and t is not toks[-1] and (last + f) in lex.verbs:
                out.append((t, last + f))
                break
            if lex.is_(before, "particle") and before != "zu" and (before + f) in lex.verbs and t is toks[-1]:
                out.append((t, before + f))     # "hat sich bereit erklärt": the particle written apart
                break
            if f in lex.verbs:
                out.append((t, f))
                break
    return out


def _requires_ok(cue: Cue, c: Clause, sentence_lowers: list[str], places: list[Mention] | None = None) -> bool:
    """Whether the words a verbs.tsv row requires stand in the sentence (``places``: the clause's
    mentions, where the clause carries none of its own: the learned coder's clauses)."""
    if not cue.requires:
        return True
    words = sentence_lowers
    for r in cue.requires:
        if r == "<place>":
            # a named place or country of the clause ("hat Kundus von den Taliban zurückerobert")
            # (a state or its place as the object, not "ihre EU", not "die Bürger in Griechenland")
            if any(m.kind == "country" and m.code and len(m.code) == 3 and m.prep is None
                   for m in (places if places is not None else c.mentions)):
                return True
            continue
        pool = words
        if r.startswith("cl:"):
            # only in the verb's own clause: "hat die Gaslieferungen gestoppt" (not "stoppte die Offensive, als
            # die Gaslieferungen ausblieben")
            r, pool = r[3:], c.lowers
        if r.startswith("zu:"):
            # only in a "zu" phrase: "zu 25 Jahren Haft verurteilt", "zum Tode verurteilt" (not "verurteilte
            # die Inhaftierung", "die seit Jahren andauernde Verfolgung"; a review)
            # (in the sentence, but in the verb's own clause where another clause has the same verb:
            # "verurteilte das Urteil gegen Nawalny, der zu 19 Jahren Haft verurteilt wurde" condemns;
            # "verurteilte den Journalisten, der für RFE arbeitete, zu zehn Jahren Haft" convicts)
            r = r[3:]
            stem = cue.cue[:6]
            low = c.lowers if sum(w.startswith(stem) for w in words) > 1 else words
            pool = [w for j, w in enumerate(low) if any(x in ("zu", "zum", "zur") for x in low[max(0, j - 5):j])]
        if r.endswith("*"):
            if any(w.startswith(r[:-1]) or r[:-1] in w for w in pool):
                return True
        elif r in pool:
            return True
    return False


def weapon_injury(c: Clause, lem: str, lex: Lexicon) -> Cue | None:
    """An assault told by a verb of injuring with a weapon as its instrument ("hat zwei Soldaten
    mit einem Messer verletzt"; cues.tsv classes ``injure_verb``, ``weapon_instrument``), else
    None: the cue the verb's own rows (a violated treaty) do not give."""
    if not lex.is_(lem, "injure_verb"):
        return None
    low = c.lowers
    if any(lex.is_(w, "weapon_instrument") and "mit" in low[max(0, i - 3):i] for i, w in enumerate(low)):
        return Cue(lem, "verb", "ASSAULT", "primitive", ("acc",), ())
    return None


def _pick_cue(cands: list[Cue], c: Clause, sent_lowers: list[str]) -> Cue | None:
    with_req = [x for x in cands if x.requires and _requires_ok(x, c, sent_lowers)]
    if with_req:
        return with_req[0]
    plain = [x for x in cands if not x.requires]
    return plain[0] if plain else None


#: a finite auxiliary: a clause with one is no headline (a bare participle closing it is no passive:
#: "Ukrainische Soldaten hätten russische Stellungen angegriffen, sagte er")
HEADLINE_AUX = PAST_AUX | WERDEN_PASSIVE | MODAL_INF | frozenset("sei seien habe haben wird hätte hätten wäre wären".split())
SEIN_FORMS = frozenset("ist sind war waren sei seien gewesen".split())
INSEPARABLE = ("be", "ver", "er", "ent", "zer")


def participle_shape(low: str) -> bool:
    """A past participle by its form: ge- ("getötet", "festgenommen") or an inseparable prefix."""
    return low.startswith("ge") or "ge" in low[2:7] or low.startswith(INSEPARABLE)


def werden_participle(tok: Token) -> bool:
    """A past participle that makes a werden-passive with a form of "werden" ("verletzt",
    "festgenommen"), not the infinitive of the future ("wird ... besuchen")."""
    return not tok.is_cap and tok.lower.endswith(("t", "en")) and participle_shape(tok.lower) \
        and lemma(tok.text) != tok.lower


def _passive_clause(c: Clause) -> bool:
    """A clause in the werden-passive ("wurden drei Menschen verletzt"): its subject is who is
    acted on."""
    words = [t for t in c.tokens if t.text.isalpha()]
    if not words or not any(t.lower in WERDEN_PASSIVE for t in words[:-1]):
        return False
    return werden_participle(words[-1])     # the participle closes the clause


def relative_prefield_subject(clauses: list[Clause], ci: int, toks: list[Token], lex: Lexicon) -> Mention | None:
    """The subject of a main clause that opens with its finite verb after a relative clause on the
    sentence's first noun phrase ("Vietnam, das die Inseln beansprucht, forderte China auf":
    Vietnam asks China, not China itself): the splitter reads the name with its relative clause as one
    clause (``split_clauses``), so the verb's own clause names only its objects. That first
    phrase -- a mention with no preposition, not oblique, at the clause's start (after an article)
    with a comma and a relative word right after it -- is the subject; None where the sentence is
    not so built (an object relative keeps the name a clause of its own, read where the coder
    reads the subject)."""
    if ci < 1 or ci >= len(clauses):
        return None
    c, prev = clauses[ci], clauses[ci - 1]
    first = c.tokens[0] if c.tokens else None
    if c.kind != "main" or c.conjunction or first is None or not first.text[:1].islower() \
            or not first.text.isalpha() or lex.is_(first.lower, "subordinator") \
            or not (_verbish(first) or lex.is_(first.lower, "konjunktiv") or first.lower in PAST_AUX):
        return None
    if prev.kind != "main" or not (ci == 1 or (ci == 2 and not _has_verb(clauses[0].tokens)
                                               and len(clauses[0].tokens) <= 4)):
        return None
    if not _has_verb(prev.tokens):
        return None
    ms = sorted((m for m in prev.mentions if m.prep is None and not m.oblique and not m.genitive_of),
                key=lambda m: m.start)
    opening = prev.tokens[0].i
    if opening == 0:
        dash = dateline_end(toks)
        opening = dash + 1 if dash is not None else 0     # "Hanoi – Vietnam, das ...": after the dateline
    if not ms or ms[0].i > opening + 1:
        return None
    m0 = ms[0]
    if m0.j + 1 >= len(toks) or toks[m0.j].text != "," or not relative_word(toks[m0.j + 1].lower, lex):
        return None
    return m0


def relative_clause(c: Clause, lex: Lexicon) -> bool:
    """A relative clause as the splitter reads it: a subordinate clause opened by a relative
    pronoun that is no subordinator ("..., den Putin kritisiert hatte, ...")."""
    return c.kind == "sub" and relative_word(c.starts_with, lex)


def clause_at(clauses: list[Clause], start: int) -> int | None:
    """The index of the clause that holds the character offset ``start``, or None (a comma)."""
    return next((n for n, c in enumerate(clauses) if c.start <= start <= c.end), None)


def _is_passive(c: Clause, cue_tok: Token, transitive: bool = False) -> bool:
    low = cue_tok.lower
    participle = low != lemma(cue_tok.text) and low.endswith(("t", "en"))
    if transitive and participle and (participle_shape(low) or low.startswith("an")) \
            and not any(t.lower in WERDEN_PASSIVE or t.lower in ("hat", "haben", "hatte", "hatten", "habe")
                        for t in c.tokens) and any(t.lower in SEIN_FORMS for t in c.tokens):
        return True     # "sind in Belgien angeklagt", "ist festgenommen": the state after a passive
    if not any(t.lower in WERDEN_PASSIVE for t in c.tokens):
        # headline style, no auxiliary: "Zwei Demonstranten erschossen", "Oppositionsführer festgenommen"
        participle = participle and (low.startswith("ge") or "ge" in low[2:7]
                                     or (low.startswith(INSEPARABLE) and low.endswith("en")))
        k = c.tokens.index(cue_tok)
        last = k == len(c.tokens) - 1 or c.tokens[k + 1].lower in ("und", "sowie", "oder")   # "… erschossen und …"
        lex = load_cues()
        return c.kind == "main" and not lex.is_(c.starts_with, "relative") \
            and not lex.is_(c.starts_with, "relative_adverb") and last and len(c.tokens) > 1 \
            and participle and not any(t.lower in HEADLINE_AUX for t in c.tokens)
    if (low == lemma(cue_tok.text) or low in load_cues().verbs) and not low.endswith("iert"):
        # an infinitive ("wird ... treffen") is future, not passive; also one the lemmatizer reads
        # as another word ("schicken" -> "schick")
        return False
    if low.startswith("ge") or "ge" in low[2:6] or low.endswith("iert"):
        return True
    # participles of inseparable verbs have no ge- ("unterstützt", "verhaftet", "bedroht"):
    # a -t/-en form at the clause end, after a form of "werden"
    tail = [t.lower for t in c.tokens if t.start > cue_tok.start]
    if "(" in tail:
        tail = tail[:tail.index("(")]      # "verurteilt worden (nicht rechtskräftig)": a remark in brackets
    return low.endswith(("t", "en")) and all(w in WERDEN_PASSIVE or w in ("sein", "ist") for w in tail)


def attached_condition(clauses: list[Clause], idx: int) -> Clause | None:
    """The condition clause that governs main clause ``clauses[idx]``: one of the two clauses
    after it ("..., falls X"), else of the two right before it ("Falls X, wird Y ..."); None for
    a condition clause itself or when there is none."""
    if clauses[idx].kind == "condition":
        return None
    # not across another main clause: "Obama begrüßte die Einigung, drohte Moskau aber mit Kosten,
    # sollte Russland ...": the condition is the threat's, not the welcome's
    for side in (clauses[idx + 1: idx + 3], clauses[max(0, idx - 2): idx][::-1]):
        for other in side:
            if other.kind == "condition":
                return other
            if other.kind == "main":
                break
    return None


def cue_verb_types(c: Clause, lex: Lexicon) -> frozenset[str]:
    """The event types the clause's verb cues can have, worked out once per clause (the coders ask
    for each noun of the clause whether a demand or a refusal governs it)."""
    if c.verb_types is None:
        lemmas = [lem for _, lem in _cue_lemmas(c, lex)]
        c.verb_types = frozenset(cue.type for lem in lemmas for cue in lex.verbs.get(lem, ()))
        c.verb_lemmas = frozenset(lemmas)
    return c.verb_types


def carried_out(c: Clause, typ: str, lex: Lexicon) -> bool:
    """Whether the clause's verb carries out an event noun of ``typ`` (a verb cue of that type:
    "Sanktionen verhängen"; or a verb of doing, cues.tsv class ``carry_out``: "Luftangriffe
    fliegen", "Gespräche führen"), not one that reacts to it ("die Angriffe untersuchen")."""
    return typ in cue_verb_types(c, lex) or has_verb_of(c, lex, "carry_out")


def phrase_at(words: list[str], j: int, lex: Lexicon, cls: str) -> bool:
    """Whether a cue phrase of cues.tsv class ``cls`` of one to three words starts at word ``j``
    ("notfalls", "bei bedarf", "nach wie vor")."""
    return any(lex.is_(" ".join(words[j:j + n]), cls) for n in (1, 2, 3) if j + n <= len(words))


def negative_clause(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` tells what does not happen: opened by a word of cues.tsv class
    ``negative_subordinator`` ("ohne", "statt", "anstatt") as a clause of its own, a zu-infinitive
    ("ohne um Genehmigung zu bitten", "Statt Sanktionen zu verhängen, setzte die EU auf Gespräche")
    or a dass-clause ("ohne dass Kiew zustimmte"); not such a word as the preposition of a main clause
    ("Ohne Vorwarnung griff Russland die Ukraine an": the attack happened; was negated). Both coders."""
    if not lex.is_(c.starts_with or "", "negative_subordinator"):
        return False
    toks = c.tokens
    return c.kind == "infinitive" or (len(toks) > 1 and toks[1].lower in ("dass", "daß")) \
        or _zu_before_verb(toks[-3:]) or any(_ZU_INFIX.match(t.lower) for t in toks[-2:])


def instead_of(c: Clause, k: int, typ: str, lex: Lexicon) -> bool:
    """Whether the cue at token ``k`` (of event type ``typ``) of a main clause opened by "statt" or
    "anstatt" with a noun phrase (no clause of its own: ``negative_clause``) is what that phrase rules
    out: an event noun of the phrase ("Statt Sanktionen verhängte die EU nur eine Rüge": no sanctions),
    or a verb of the clause of the type of such a noun (the "verhängte" of the sanctions; a review:
    an asserted SANCTION). Not a verb of another type ("Statt der erhofften Waffenruhe griff Russland
    ... an": the attack happened)."""
    toks = c.tokens
    if not toks or toks[0].lower not in ("statt", "anstatt") or negative_clause(c, lex):
        return False
    nouns: list[int] = []
    for j in range(1, len(toks)):        # the phrase: up to the first word after its nouns but "und"/"oder"
        if toks[j].is_cap:
            nouns.append(j)
        elif nouns and toks[j].lower not in ("und", "oder", ","):
            break
    if k in nouns:
        return True
    return not toks[k].is_cap and any(q.type == typ for j in nouns for q in lex.noun_cues(toks[j].lower) or ())


def subject_negated(c: Clause) -> bool:
    """Whether clause ``c`` opens with a negated subject: "kein-" and its noun, "niemand", or "weder"
    with its "noch" ("Kein EU-Staat hat Sanktionen gegen Israel verhängt", "Niemand hat die Ukraine
    angegriffen", "Weder die EU noch die USA haben Sanktionen verhängt"): no one did
    what the clause tells; not "kein-" before a number ("Keine zwei Wochen nach der Wahl kritisierte
    ...": less than two weeks), nor a comparison ("Kein Land hat Russland so scharf kritisiert wie
    Polen": Poland did)."""
    toks = c.tokens
    if not toks or c.kind != "main":
        return False
    first = toks[0].lower
    if first == "niemand":
        subject = True
    elif first == "weder":
        # "Weder die EU noch die USA haben Sanktionen verhängt": neither did it
        subject = "noch" in c.lowers[2:]
    elif first.startswith("kein") and first in NEGATING_DETERMINERS and len(toks) > 1:
        subject = not is_cardinal(toks[1].lower)
    else:
        return False
    words = c.lowers
    compared = any(w in ("so", "ebenso", "mehr") for w in words) and any(w in ("wie", "als") for w in words)
    return subject and not compared


#: "kein" as a determiner
NEGATING_DETERMINERS = frozenset("kein keine keiner keinem keinen keines".split())


def told_of_each_other(words: list[str], lex: Lexicon) -> bool:
    """Whether words (lower case) tell an act the sides do to each other: "sich", a word of cues.tsv
    class ``reciprocal`` ("einander", "gegenseitig") or a word or phrase of class ``each_other`` ("die
    Gegenseite", "die jeweils andere Seite"). One definition for the judge's twin sides and the one
    direction per mention (``merge.one_direction``)."""
    return any(w == "sich" or lex.is_(w, "reciprocal") or phrase_at(words, j, lex, "each_other")
               for j, w in enumerate(words))


def kept_negation(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` has a negation it keeps on its verb: a word of cues.tsv class ``negation``
    other than "kein" (that one negates its own noun), not cancelled (``negation_cancelled``: "nicht
    nur", "nicht zum ersten Mal"). What a failed agreement or a refused consent names is read off it
    (``factuality.content_of_failed_agreement``, ``content.refusal_types``)."""
    words = c.lowers
    return any(lex.is_(w, "negation") and not w.startswith("kein") and not negation_cancelled(words, j, lex)
               for j, w in enumerate(words))


def attributive_negation(toks: list, j: int) -> bool:
    """Whether the negation at token ``j`` negates an attribute of the noun after it ("die nicht
    eingehaltene Waffenruhe", "eine nicht genehmigte Demonstration"): an adjective or participle
    right after it, then a capitalised noun. It negates no event told before it."""
    return j + 2 < len(toks) and not toks[j + 1].is_cap and toks[j + 1].text.isalpha() \
        and toks[j + 1].lower.endswith(ADJ_ENDINGS) and toks[j + 2].is_cap


def negation_cancelled(words: list[str], k: int, lex: Lexicon) -> bool:
    """Whether the negation ``words[k]`` (lower case) is cancelled by a phrase of cues.tsv class
    ``not_negation`` right after it ("nicht nur", "nicht zum ersten Mal", "nicht erst"): it negates
    no event (a contrast a "sondern" completes: ``factuality.contrastive``)."""
    return phrase_at(words, k + 1, lex, "not_negation")


def has_verb_of(c: Clause, lex: Lexicon, cls: str) -> bool:
    """Whether a lower-case word of the clause has a lemma of cues.tsv class ``cls``, also with the
    separable particle closing the clause ("brach ... ab": abbrechen) or written apart before its
    last word ("stark gemacht": starkmachen, as ``_cue_lemmas`` joins it)."""
    if c.word_lemmas is None:       # (worked out once per clause: the content policies ask it per noun)
        lems = {lemma(t.text) for t in c.tokens if not t.is_cap}
        last = c.tokens[-1].lower if c.tokens else ""
        if lex.is_(last, "particle"):
            lems |= {last + lm for lm in lems}
        if len(c.tokens) > 1 and lex.is_(c.tokens[-2].lower, "particle") and c.tokens[-2].lower != "zu":
            lems.add(c.tokens[-2].lower + lemma(c.tokens[-1].text))   # written apart: "hat sich ... stark gemacht"
        c.word_lemmas = frozenset(lems)
    return any(lex.is_(lm, cls) for lm in c.word_lemmas)


#: adverbs that negate a clause's verb ("nicht", "nie", "niemals"; not the noun's own "kein"): a verb of
#: occurrence they stand beside (``coder.occurrence_negated``), a noun of their verb's type
#: (``factuality.negated_with_its_verb``)
NEGATION_ADVERBS = frozenset({"nicht", "nie", "niemals"})

#: quotation marks, single ones too: the noun readings pass over them (einem „gnadenlosen“ Militärschlag)
QUOTE_MARKS = frozenset('„“”"«»‚‘’')
_GENITIVE_DETS = frozenset({"des", "eines", "dieses", "jenes", "seines", "ihres", "unseres"})
#: prepositions with the genitive the actor tagger's list leaves out: their noun is no object
_GENITIVE_PREPS = frozenset({"angesichts", "aufgrund", "infolge", "während", "anlässlich", "wegen", "trotz",
                             "statt", "anstatt", "mittels", "bezüglich", "hinsichtlich", "zwecks", "inmitten",
                             "seitens", "innerhalb", "außerhalb", "vorbehaltlich", "zugunsten"})


def noun_preposition(c: Clause, k: int) -> tuple[str | None, int]:
    """The preposition governing the noun phrase of token ``k`` of clause ``c`` (None: none), and
    the position of the phrase's noun among the clause's words without quotation marks: an
    adjective ("einem „gnadenlosen“ Militärschlag") stands for the noun after it."""
    words = [t for t in c.tokens if t.text not in QUOTE_MARKS]
    tok = c.tokens[k]
    if tok not in words:
        return None, -1
    n = words.index(tok)
    if not tok.is_cap:          # an adjective cue: its noun follows within three words
        n = next((m for m in range(n + 1, min(len(words), n + 4)) if words[m].is_cap), n)
    prep = np_context(words, n)[0]
    if prep is None:
        before = [w.lower for w in words[max(0, n - 4):n]]
        if any(w in _GENITIVE_PREPS for w in before):
            prep = next(w for w in reversed(before) if w in _GENITIVE_PREPS)   # "angesichts der Angriffe"
        elif any(w in _GENITIVE_DETS for w in before[-3:]):
            prep = "gen"        # "die Unterstützung des Westens": a genitive, no object
    return prep, n


def _finite_verb(words: list[Token], lex: Lexicon) -> int | None:
    """The position of a main clause's first verb (the finite one, in second place): an
    auxiliary or modal, a cue verb (also with its particle at the clause's end: "wies ...
    zurück"), or a word shaped like a verb."""
    particle = words[-1].lower if words and lex.is_(words[-1].lower, "particle") else ""
    for n, t in enumerate(words):
        if not t.text[:1].islower():
            continue
        lem = lemma(t.text)
        if t.lower in PAST_AUX or t.lower in ("wird", "werden", "will", "wollen") or lem in lex.verbs \
                or (particle and particle + lem in lex.verbs) or _verbish(t):
            return n
    return None


def object_of_main_verb(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` reads as the object of a main clause's verb: after the
    finite verb, with no preposition (nor a genitive) governing it."""
    if c.kind != "main" or not c.tokens[k].is_cap:
        return False
    prep, n = noun_preposition(c, k)
    verb = _finite_verb([t for t in c.tokens if t.text not in QUOTE_MARKS], lex)
    return prep is None and verb is not None and n > verb


def opens_with_verb(c: Clause, earlier: list[Clause] | None = None, lex: Lexicon | None = None,
                    following: bool = False) -> bool:
    """Whether a main clause joined to the one before by "und" (or "aber", ...) opens with its finite
    verb, its subject left out ("... und hat zu Protesten aufgerufen", "... und rief zu Protesten
    auf"): it shares the subject of the clause before. Not a clause after a comma ("..., kann nicht
    mit der Unterstützung Belgrads rechnen" after an apposition), unless (given the clauses before it
    in the sentence, ``earlier``, and the lexicon) that comma joins two acts of one subject: the
    clauses before are main clauses, the last with a verb, and this one opens with a cue verb that is
    no verb of saying or criticising ("Die USA verurteilten die Anschläge, mahnten Israel aber zugleich,
    ...", not "Als er ankam, bat Green die Soldaten", whose subject follows the verb after a subordinate
    clause); ``following``: another clause of the sentence follows this one."""
    first = c.tokens[0] if c.tokens else None
    if c.kind != "main" or first is None or not first.text[:1].islower() or not first.text.isalpha():
        return False
    if c.conjunction:
        return first.lower in PAST_AUX or _verbish(first)
    earlier = [x for x in earlier or () if x.sent == c.sent]
    if not earlier or lex is None or any(x.kind != "main" for x in earlier) or not _has_verb(earlier[-1].tokens) \
            or any(lex.is_(earlier[0].tokens[0].lower, cls)
                   for cls in ("subordinator", "opening_subordinator", "condition", "relative_adverb")):
        return False
    before = earlier[-1]
    lem = lemma(first.text)
    rows = lex.verbs.get(lem, ())
    if not rows or lex.is_(lem, "speech") or any(r.type == "ACCUSE" for r in rows) \
            or any(t.text in QUOTE_MARKS for x in earlier for t in x.tokens):
        # (a reaction after a comma is someone else's, its subject after it: "Nordkorea feuerte eine
        # Rakete ab, verurteilte das Weiße Haus"; so is what follows a quote)
        return False
    if not lex.quotes(first.lower, lem):
        return True
    # a verb that also introduces a quote ("mahnten", "forderte") shares the subject only where a clause
    # of what it asks follows it, after a preterite of its own number that tells no reported speech
    # ("Die USA verurteilten die Anschläge, mahnten Israel aber, keine Gewalt anzuwenden"; not "Russland
    # müsse abziehen, forderte Merkel", "Die Nato verlegte Truppen, warnte Lawrow.")
    if not following:
        return False
    words = [t for t in before.tokens if t.text not in QUOTE_MARKS]
    n = _finite_verb(words, lex)
    ending = "ten" if first.lower.endswith("ten") else "te" if first.lower.endswith("te") else ""
    return n is not None and bool(ending) and words[n].lower.endswith(ending) \
        and (ending == "ten" or not words[n].lower.endswith("ten")) \
        and not any(lex.is_(t.lower, "konjunktiv") or lex.is_(t.lower, "konjunktiv2") for t in before.tokens)


def harmed(c: Clause, lex: Lexicon) -> bool:
    """Whether clause ``c`` tells that people were killed or hurt: a verb of cues.tsv class ``harm_verb``
    ("getötet", "verletzt", "starben") or a phrase of class ``harm_phrase`` ("ums Leben")."""
    words = c.lowers
    return has_verb_of(c, lex, "harm_verb") or any(phrase_at(words, j, lex, "harm_phrase") for j in range(len(words)))


def in_a_verbs_zu_phrase(c: Clause, k: int, lex: Lexicon) -> bool:
    """Whether the noun at token ``k`` of clause ``c`` is a word a verb of the clause requires in its
    "zu" phrase (verbs.tsv ``zu:``: "hat einen 24-Jährigen zu lebenslanger Haft verurteilt"): it tells
    that verb's act (the sentence of a conviction), no act of its own (both coders)."""
    t = c.tokens[k]
    low = t.lower
    if not t.is_cap or not any(w in ("zu", "zum", "zur") for w in c.lowers[max(0, k - 5):k]):
        return False
    for _, lem in _cue_lemmas(c, lex):
        for cue in lex.verbs.get(lem, ()):
            for r in cue.requires:
                if r.startswith("zu:") and (low.startswith(r[3:-1]) if r.endswith("*") else low == r[3:]):
                    return True
    return False
