"""The one merge policy (lagebild.merge), inside a document and across articles."""
from __future__ import annotations

import pytest

from lagebild.ingest import merge_key as ingest_merge_key
from lagebild.merge import dates_compatible, merge_events, merge_key
from lagebild.records import Event, EventDate, Evidence, Participant


def ev(typ="ASSAULT", fact="asserted", date=None, src="RUS", tgt="UKR", sent=0, from_dct=False):
    return Event(type=typ, factuality=fact,
                 source=[Participant(None, src.lower(), src)] if src else [],
                 target=[Participant(None, tgt.lower(), tgt)] if tgt else [],
                 date=EventDate(date, date, from_dct) if date else None,
                 evidence=[Evidence(sent, sent * 100, sent * 100 + 50, f"sentence {sent}")])


def test_asserted_past_attack_and_hypothetical_new_one_stay_two_events():
    # "Russland hat 2014 die Ukraine angegriffen ... könnte erneut angreifen"
    out = merge_events([ev(date="2014", sent=0), ev(fact="hypothetical", date="2014", sent=1)])
    assert sorted(e.factuality for e in out) == ["asserted", "hypothetical"]
    fact = next(e for e in out if e.factuality == "asserted")
    assert fact.date.value == "2014" and len(fact.evidence) == 1


def test_attacks_on_two_different_days_stay_two_events():
    out = merge_events([ev(date="2022-03-03", sent=0), ev(date="2022-03-05", sent=1)])
    assert [e.date.value for e in out] == ["2022-03-03", "2022-03-05"]


def test_mentions_of_one_happening_merge_and_keep_their_own_date_and_factuality():
    a = ev(date="2022-03-05", sent=0)
    b = ev(date="2022-03", sent=1)           # "im März": compatible, more vague
    c = ev(date="2022-02-25", sent=2, from_dct=True)  # only the article date
    out = merge_events([a, b, c])
    assert len(out) == 1
    assert out[0].date.value == "2022-03-05"
    # the article's date is no date of the mention's own: its evidence carries none (the store
    # then gives it the event's), so that it never counts as a date the text gave
    assert [(e.sentence, e.date, e.factuality) for e in out[0].evidence] == [
        (0, "2022-03-05", "asserted"), (1, "2022-03", "asserted"), (2, None, "asserted")]


def test_undated_mention_joins_the_first_compatible_dated_one():
    out = merge_events([ev(sent=0), ev(date="2014", sent=1), ev(date="2022-02-24", sent=2)])
    assert [e.date.value for e in out] == ["2014", "2022-02-24"]
    assert [len(e.evidence) for e in out] == [2, 1]


@pytest.mark.parametrize("a,b,ok", [
    ("2022-03-03", "2022-03-05", False), ("2022-03", "2022-03-05", True),
    ("2014", "2022-02-24", False), ("2022-W08", "2022-02-24", True),
    ("2022-02-17TEV", "2022-02-17", True), ("PRESENT_REF", "2022-02-24", True),
    (None, "2022-02-24", True),
])
def test_dates_compatible_only_when_spans_overlap(a, b, ok):
    assert dates_compatible(a, b) is ok


def test_document_and_database_share_one_key():
    e = ev(fact="planned")
    assert ingest_merge_key(e) == (merge_key(e), True)
    assert "planned" in merge_key(e)


def test_two_readings_of_one_mention_keep_the_more_confident_one():
    """One mention (same sentence, same cue word, same dyad) read as a fact by one coder and as no
    fact (negated, hypothetical, planned) by the other is a contradiction: the surer reading stays;
    another sentence's mention and another dyad are left alone, and so are two readings that are
    both no fact."""
    from lagebild.merge import one_reading
    neg, fact = ev(fact="negated", sent=0), ev(sent=0)
    neg.cue = fact.cue = "angegriffen"
    neg.confidence, fact.confidence = 0.75, 0.54
    later = ev(sent=1)
    later.cue, later.confidence = "angegriffen", 0.9
    other = ev(src="BLR", sent=0)
    other.cue, other.confidence = "angegriffen", 0.3
    out = one_reading([fact, neg, later, other])
    assert out == [neg, later, other]
    fact.confidence = 0.8
    assert one_reading([fact, neg]) == [fact]
    planned = ev(fact="planned", sent=0)
    planned.cue, planned.confidence = "angegriffen", 0.9
    assert one_reading([fact, planned]) == [planned]            # one mention: a plan or a deed
    hypo = ev(fact="hypothetical", sent=0)
    hypo.cue, hypo.confidence = "angegriffen", 0.69
    assert one_reading([fact, hypo]) == [fact]                  # (fact at 0.8)
    fact.confidence = 0.68                                      # the probe: a rejected report's attack
    assert one_reading([hypo, fact]) == [hypo]
    assert one_reading([hypo, planned]) == [hypo, planned]      # both no fact: two records


def test_a_partial_mention_of_a_fuller_event_in_the_same_sentence_joins_it():
    """"Deutschland, Norwegen und Dänemark unterzeichneten ein Abkommen", read once as DEU -> NOR and
    once as DEU -> NOR, DNK: one agreement, with the evidence of both and the fuller record's own
    confidence; another sentence, factuality, type or cue word stays a record of its own."""
    def p(code):
        return Participant(None, code, code)

    def ev(src, tgt, sent=0, conf=0.5, typ="AGREE", fact="asserted", cue="unterzeichneten", date=None):
        return Event(type=typ, source=[p(c) for c in src], target=[p(c) for c in tgt], factuality=fact,
                     confidence=conf, cue=cue, date=EventDate(text=date, value=date) if date else None,
                     evidence=[Evidence(sentence=sent, start=sent * 100, end=sent * 100 + 50, text="...")])

    full = ev(["DEU"], ["NOR", "DNK"], conf=0.6)
    out = merge_events([ev(["DEU"], ["NOR"], conf=0.7), full, ev(["NOR"], ["DEU", "DNK"])])
    assert len(out) == 2 and out[0] is full
    assert full.confidence == 0.6 and [q.code for q in full.target] == ["NOR", "DNK"]
    kept = merge_events([ev(["DEU"], ["NOR"], sent=1), ev(["DEU"], ["NOR", "DNK"]),
                         ev(["DEU"], ["NOR"], fact="planned"), ev(["DEU"], ["NOR"], typ="CONSULT")])
    assert len(kept) == 4
    assert len(merge_events([ev(["DEU"], ["NOR"], cue="Abkommen"), ev(["DEU"], ["NOR", "DNK"])])) == 2
    # "Die USA verhängten Sanktionen gegen Russland, nachdem die EU und die USA bereits Sanktionen
    # verhängt hatten": two cue words, two happenings
    two = merge_events([ev(["USA"], ["RUS"], typ="SANCTION", cue="verhängten"),
                        ev(["EU", "USA"], ["RUS"], typ="SANCTION", cue="verhängt")])
    assert len(two) == 2


def test_a_chain_of_partial_mentions_ends_in_the_fullest_record_with_all_evidence():
    """a (DEU -> NOR) is part of b (DEU -> NOR, DNK), b of c (DEU -> NOR, DNK, SWE); a and c never
    share a sentence: a still ends in c, with its evidence, in any order; a date that does not fit
    the end of the chain keeps a record of its own."""
    def p(code):
        return Participant(None, code, code)

    def ev(tgt, sents, date=None):
        return Event(type="AGREE", source=[p("DEU")], target=[p(c) for c in tgt], factuality="asserted",
                     cue="Abkommen", date=EventDate(text=date, value=date) if date else None,
                     evidence=[Evidence(sentence=s, start=s * 100, end=s * 100 + 50, text="...") for s in sents])

    for order in ((0, 1, 2), (1, 0, 2), (2, 1, 0)):
        a, b, c = ev(["NOR"], [0]), ev(["NOR", "DNK"], [0, 1]), ev(["NOR", "DNK", "SWE"], [1])
        evs = [(a, b, c)[i] for i in order]
        out = merge_events(evs)
        assert out == [c] and {e.sentence for e in c.evidence} == {0, 1}, order
    a = ev(["NOR"], [0], date="2022-03-03")
    b = ev(["NOR", "DNK"], [0, 1], date="2022-03")
    c = ev(["NOR", "DNK", "SWE"], [1], date="2022-03-05")
    out = merge_events([a, b, c])
    assert a in out and c in out and b not in out


def test_domestic_events_merge_only_when_their_sides_sectors_agree():
    """With one country on both sides, the codes do not tell the actors apart: "Die SPÖ kritisierte
    die Regierung. Die Gewerkschaft kritisierte die Arbeitgeber." are two criticisms, "Die SPÖ
    kritisierte die Regierung ... Die Partei warf dem Kabinett vor ..." one."""
    def dom(src_sec, tgt_sec, sent):
        e = ev("ACCUSE", src="AUT", tgt="AUT", sent=sent)
        e.source[0].sector, e.target[0].sector = src_sec, tgt_sec
        return e
    assert len(merge_events([dom("PTY", "GOV", 0), dom("LAB", "BUS", 1)])) == 2
    assert len(merge_events([dom("PTY", "GOV", 0), dom("PTY", "GOV", 2)])) == 1
    assert merge_key(dom("PTY", "GOV", 0)) == "ACCUSE|asserted|AUT|AUT|PTY>GOV"
    # between two countries the sectors stay out of the key, as before
    a, b = ev("ACCUSE", src="FRA", tgt="AUT"), ev("ACCUSE", src="FRA", tgt="AUT", sent=1)
    a.source[0].sector, b.source[0].sector = "GOV", "OPP"
    assert merge_key(a) == merge_key(b) == "ACCUSE|asserted|FRA|AUT"


def test_a_season_and_a_day_of_another_year_stay_two_events():
    """"im Sommer 2023" (2023-SU) is the year 2023, not "any date": it does not take in an attack
    of 1 March 2024 (a review)."""
    out = merge_events([ev(date="2023-SU", sent=0), ev(date="2024-03-01", sent=1)])
    assert sorted(e.date.value for e in out) == ["2023-SU", "2024-03-01"]
    assert not dates_compatible("2023-Q1", "2024-03-01") and dates_compatible("2023-H2", "2023-09-01")


def test_two_spellings_of_one_capital_are_one_place_across_articles():
    from lagebild.merge import places_compatible
    assert places_compatible("UKR", "Kiew", "UKR", "Kyjiw")
    assert places_compatible("AUT", "Österreich", "AUT", "Wien")
    assert not places_compatible("AUT", "Innsbruck", "AUT", "Graz")


def test_a_sub_national_offices_role_noun_is_no_evidence_of_one_actor():
    """The one definition (merge.sides_named_alike): "Landeshauptmann" and "Bürgermeister" shared
    by two articles merged their events where no place was named; a name, or another side, still may."""
    from lagebild.merge import name_words, sides_named_alike, subnational_office

    def w(src, tgt):
        return name_words([src]), name_words([tgt])
    assert subnational_office("landeshauptleute") and subnational_office("oberbürgermeisterin")
    assert not subnational_office("bundeskanzler") and not subnational_office("regierung")
    gov = w("der Landeshauptmann", "die Bürgermeister")
    assert not sides_named_alike(gov, w("der steirische Landeshauptmann", "den Bürgermeistern"))
    assert sides_named_alike(w("Landeshauptmann Platter", "die Bürgermeister"),
                             w("Tirols Landeshauptmann Platter", "Bürgermeister"))
    assert sides_named_alike(w("der Landeshauptmann", "Finanzminister Schelling"),
                             w("der Landeshauptmann", "Schelling"))
    # other dyads: the codes tell the actors apart, unless a side is only such a noun
    only = w("der Landeshauptmann", "")
    assert not sides_named_alike(only, only, one_country=False, coded=(True, False))
    assert sides_named_alike(w("der Landeshauptmann", "Russland"), w("der Landeshauptmann", "Moskau"),
                             one_country=False, coded=(True, True))
