"""Behaviour found missing by a new-user probe (P23), on invented sentences: verb-first conditions
after a dateline, conditioned plans, characterisations as accusations, refusal idioms, attribution
("nach eigenen Angaben", "nach Armeeangaben") and the country of generic security bodies."""
from lagebild.events import load_cues, split_clauses
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from lagebild.text import segment, tokenize
from eventcheck import shared_analyzer  # noqa: E402

_AN: dict = {}


def analyze(text, dct="2025-03-14"):
    """The rule coder alone, dictionaries only."""
    if "rules" not in _AN:
        _AN["rules"] = Analyzer(coder="rules")
    return _AN["rules"](Article(doc_id="t", text=text, dct=dct))


def events(text):
    return [(e.type, tuple(sorted(p.code or "-" for p in e.source)), tuple(sorted(p.code or "-" for p in e.target)),
             e.factuality, e.condition) for e in analyze(text).events]


def clause_kinds(text):
    st = tokenize(text, segment(text))[1][0]
    return [(c.kind, " ".join(t.text for t in c.tokens)) for c in split_clauses(st, load_cues())]


def test_verb_first_condition_after_a_dateline_is_a_condition():
    # the dateline and its dash do not hide the verb in first place
    kinds = clause_kinds("Wilna – Überschreitet Belarus die Grenze, werden die Litauer Soldaten schicken.")
    assert ("condition", "Überschreitet Belarus die Grenze") in kinds, kinds
    assert kinds[-1][0] == "main", kinds
    # a plain dateline sentence keeps its clauses
    assert [k for k, _ in clause_kinds("Wilna – Litauen schickt Soldaten an die Grenze.")] == ["main", "main"] or \
        all(k == "main" for k, _ in clause_kinds("Wilna – Litauen schickt Soldaten an die Grenze."))


def test_event_named_in_a_verb_first_condition_after_a_dateline_is_hypothetical():
    got = events("Wilna – Greift Belarus Litauen an, wird Polen Truppen an die Grenze verlegen.")
    assert ("ASSAULT", ("BLR",), ("LTU",), "hypothetical", None) in got, got
    assert not any(e[0] == "ASSAULT" and e[3] == "asserted" for e in got), got


def test_plan_under_a_condition_is_hypothetical_with_its_condition():
    # "wird ... verlegen" alone is planned; tied to a condition it happens only if that holds
    got = events("Greift Belarus Litauen an, wird Polen Truppen an die Grenze verlegen.")
    mob = [e for e in got if e[0] == "MOBILIZE"]
    assert mob and all(e[3] == "hypothetical" and e[4] for e in mob), got
    assert any(e[0] == "MOBILIZE" and e[3] == "planned"
               for e in events("Polen wird Truppen an die Grenze verlegen.")), "the plan without a condition"


def test_threat_under_a_condition_stays_asserted():
    got = events("Polen drohte Belarus mit Sanktionen, falls die Grenze geschlossen wird.")
    assert any(e[0] == "THREATEN" and e[3] == "asserted" for e in got), got


def test_forbidding_oneself_an_interference_is_a_rejection():
    # "verbat sich jede Einmischung der EU": the owner of what is refused is the target
    got = events("Ankara – Die türkische Regierung verbat sich jede Einmischung Schwedens.")
    assert any(e[0] == "REJECT" and e[1] == ("TUR",) and e[2] == ("SWE",) and e[3] == "asserted" for e in got), got
    got = events("Kairo – Ägypten verbittet sich die Kritik der Niederlande.")
    assert any(e[0] == "REJECT" and e[1] == ("EGY",) and e[2] == ("NLD",) for e in got), got


def test_negative_characterisation_of_an_actor_is_an_accusation():
    # "bezeichnete X als illegitim", "nannte X eine Farce": a negative label is an ACCUSE
    for text in ("Minsk – Die Oppositionsführerin bezeichnete die Regierung als illegitim.",
                 "Minsk – Die Oppositionsführerin nannte die Regierung eine Farce.",
                 "Minsk – Die Oppositionsführerin bezeichnete die Regierung als „politisch motiviert“."):
        got = events(text)
        assert any(e[0] == "ACCUSE" and e[1] == ("BLR",) and e[2] == ("BLR",) and e[3] == "asserted" for e in got), \
            (text, got)


def test_neutral_or_positive_characterisation_is_no_accusation():
    for text in ("Minsk – Die Oppositionsführerin bezeichnete die Regierung als Partner.",
                 "Minsk – Die Oppositionsführerin nannte die Einigung mit der Regierung einen Durchbruch."):
        assert not any(e[0] == "ACCUSE" for e in events(text)), text


def test_requires_class_expands_to_the_words_of_that_cues_class():
    lex = load_cues()
    for verb in ("bezeichnen", "nennen"):
        req = next(c.requires for c in lex.verbs[verb] if c.type == "ACCUSE")
        assert {"farce*", "betrug*", "illegitim*", "lüge*"} <= set(req), verb
        assert not any(r.startswith("@") for r in req)


def test_a_characterisation_without_a_negative_label_of_its_own_is_no_accusation():
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    doc = Analyzer(coder="rules")(Article(doc_id="t", dct="2016-03-10", text=(
        "Merkel bezeichnete Frankreich als wichtigsten Partner im Kampf gegen brutale Milizen.")))
    assert not any(e.type == "ACCUSE" for e in doc.events)


def test_a_negation_cancelled_by_the_phrase_after_it_negates_nothing():
    # "nicht zum ersten Mal", "nicht erst" (cues.tsv not_negation, also of several words): it happened
    for text in ("Merkel und Macron trafen sich am Montag nicht zum ersten Mal in Paris.",
                 "Russland hat die Ukraine nicht erst seit gestern angegriffen."):
        for coder in ("rules", "auto"):
            an = shared_analyzer(coder=coder)
            evs = an(Article(doc_id="t", text=text, dct="2025-03-14")).events
            assert evs and all(e.factuality == "asserted" for e in evs), (coder, text, [(e.type, e.factuality) for e in evs])
    # a plain negation still negates
    evs = analyze("Merkel und Macron trafen sich am Montag nicht.").events
    assert evs and all(e.factuality == "negated" for e in evs), [(e.type, e.factuality) for e in evs]


def test_nicht_erst_before_a_verb_and_a_refusal_still_negate():
    # "nicht erst konsultiert": not beforehand (a review); "verzichteten nicht nur auf": a refusal read by the rules
    for coder in ("rules", "auto"):
        an = shared_analyzer(coder=coder)
        evs = an(Article(doc_id="t", dct="2025-03-14",
                         text="Washington hat Kiew nicht erst konsultiert, bevor es die Waffenlieferungen stoppte.")).events
        assert any(e.type == "CONSULT" and e.factuality == "negated" for e in evs), (coder, evs)
        evs = an(Article(doc_id="t", dct="2025-03-14", text="Die USA verzichteten nicht nur auf Sanktionen gegen "
                         "China, sondern lockerten auch die Exportkontrollen.")).events
        assert not any(e.type == "SANCTION" and e.factuality == "asserted" for e in evs), (coder, evs)


def test_what_the_sides_did_not_agree_on_is_negated_for_both_coders():
    # "sich nicht auf neue Sanktionen einigen": no sanctions agreed (was an asserted SANCTION: a false fact)
    for coder in ("rules", "auto"):
        an = shared_analyzer(coder=coder)
        for text in ("Die EU-Staaten haben sich nicht auf ein neues Sanktionspaket gegen Russland einigen können.",
                     "Die EU-Staaten konnten sich nicht auf Sanktionen gegen Russland verständigen."):
            evs = [e for e in an(Article(doc_id="t", text=text, dct="2025-03-14")).events if e.type == "SANCTION"]
            assert evs and all(e.factuality == "negated" for e in evs), (coder, text, evs)
        evs = [e for e in an(Article(doc_id="t", dct="2025-03-14", text="Die EU-Staaten haben sich auf neue "
                                     "Sanktionen gegen Russland geeinigt.")).events if e.type == "SANCTION"]
        assert evs and all(e.factuality != "negated" for e in evs), (coder, evs)


def test_only_the_agreed_act_itself_is_negated_by_a_failed_agreement():
    # a second review: an act named in a phrase of another noun, or a circumstance, keeps its factuality
    an = shared_analyzer(coder="auto")
    for text, typ in (("Die USA und Israel konnten sich im Streit über die israelischen Luftangriffe auf Rafah "
                       "nicht einigen.", "ASSAULT"),
                      ("Die Minister haben sich nach Berichten über russische Angriffe auf Odessa nicht auf neue "
                       "Hilfen verständigt.", "ASSAULT"),
                      ("Auf dem Gipfel in Brüssel konnten sich Scholz und Macron nicht einigen.", "CONSULT")):
        evs = [e for e in an(Article(doc_id="t", text=text, dct="2025-03-14")).events if e.type == typ]
        assert evs and all(e.factuality == "asserted" for e in evs), (text, evs)


def test_a_threat_told_as_possible_stays_hypothetical():
    an = shared_analyzer(coder="auto")
    evs = [e for e in an(Article(doc_id="t", dct="2025-03-14", text="Die EU könnte Russland mit neuen Sanktionen "
                                 "drohen, falls Moskau die Angriffe fortsetzt.")).events if e.type == "THREATEN"]
    assert evs and all(e.factuality == "hypothetical" for e in evs), evs
