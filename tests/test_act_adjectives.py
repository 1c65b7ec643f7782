"""A country's adjective on an event noun names a side of that act ("die russischen Angriffe",
"Kiew verurteilte die israelischen Luftangriffe"): the actor tagger gives it as a mention of the
country (``Mention.of_act``), which is never a free subject, never places a role noun nearby and
does not count towards the story's country."""
from lagebild.pipeline import Analyzer
from lagebild.records import Article

_AN: dict = {}


def _analyzer(coder):
    if coder not in _AN:
        _AN[coder] = Analyzer(coder=coder)
    return _AN[coder]


def stages(text, coder="rules"):
    return _analyzer(coder).stages(Article(doc_id="t", text=text, dct="2024-03-14"))


def events(text, coder="rules"):
    doc = _analyzer(coder)(Article(doc_id="t", text=text, dct="2024-03-14"))
    return {(e.type, tuple(sorted(p.code or "-" for p in e.source)), tuple(sorted(p.code or "-" for p in e.target)))
            for e in doc.events}


def test_adjective_on_an_act_noun_is_a_mention_of_its_country():
    st = stages("Kiew verurteilte die russischen Angriffe auf Charkiw.")
    adj = [m for m in st.actors.mentions if m.text == "russischen"]
    assert len(adj) == 1, [(m.text, m.code) for m in st.actors.mentions]
    m = adj[0]
    assert (m.code, m.kind, m.of_act) == ("RUS", "country", True)
    assert not m.free           # an attribute of the act, never the clause's subject


def test_adjective_before_a_role_noun_or_a_plain_noun_is_no_act_mention():
    st = stages("Die russische Armee rückte vor. Russische Touristen kehrten heim.")
    assert not [m for m in st.actors.mentions if m.of_act], [(m.text, m.of_act) for m in st.actors.mentions]
    # the army is still one mention with its country
    assert any(m.text.startswith("russische Armee") and m.code == "RUS" for m in st.actors.mentions)


def test_criticised_act_names_whom_the_criticism_is_against():
    for coder in ("rules", "auto"):
        got = events("Der Iran verurteilte die israelischen Luftangriffe auf Damaskus scharf.", coder)
        accuse = {e for e in got if e[0] == "ACCUSE"}
        assert ("ACCUSE", ("IRN",), ("ISR",)) in accuse, (coder, got)
        assert ("ACCUSE", ("IRN",), ("SYR",)) not in accuse, (coder, got)


def test_act_adjective_does_not_give_a_role_noun_its_country():
    # "Unternehmen" is placed by the story, not by the adjective of the cyberattacks
    st = stages("Obama hatte angekündigt, bei seinem Treffen mit Xi auch seinen Ärger über mutmaßliche "
                "chinesische Cyberattacken auf Einrichtungen und Unternehmen in den USA anzusprechen.")
    firms = [m for m in st.actors.mentions if m.text == "Unternehmen"]
    assert firms and firms[0].code != "CHN" or not firms[0].code_from, [(m.text, m.code, m.code_from) for m in firms]
    got = events("Obama hatte angekündigt, bei seinem Treffen mit Xi auch seinen Ärger über mutmaßliche "
                 "chinesische Cyberattacken auf Einrichtungen und Unternehmen in den USA anzusprechen.")
    assert ("CONSULT", ("USA",), ("CHN",)) in got, got
    assert not any(e[0] == "CONSULT" and e[1] == ("CHN",) for e in got), got


def test_act_adjective_does_not_count_for_the_story_country():
    # two adjectives of acts do not outvote the country the story names as an actor
    st = stages("Die Regierung in Kiew meldete neue russische Drohnenangriffe und russische Raketenangriffe. "
                "Die Polizei nahm zwei Verdächtige fest.")
    assert st.actors.default_code == "UKR", st.actors.default_code


def test_the_aim_of_a_criticised_act_is_no_side_of_the_criticism():
    # the learned coder read Kharkiv, the aim of the Russian attacks, as whom Kiev accuses
    for text in ("Kiew verurteilte die russischen Angriffe auf Charkiw.",
                 "Kiew verurteilte die Angriffe Russlands auf Charkiw.",
                 "Kiew verurteilte die Angriffe der russischen Armee auf Charkiw."):
        got = events(text, "auto")
        assert ("ACCUSE", ("UKR",), ("RUS",)) in got, (text, got)
        assert not any(e[1] == e[2] for e in got), (text, got)     # no UKR -> UKR, accused or attacking


def test_the_aim_of_an_act_whose_side_is_not_named_stays_a_candidate():
    from lagebild.events import load_cues
    from lagebild.learned.judge import aim_of_named_act
    from lagebild.text import segment, tokenize
    lex = load_cues()
    for text, named in (("Kiew verurteilte die russischen Angriffe auf Charkiw.", True),
                        ("Kiew verurteilte die Angriffe auf Charkiw.", False),
                        ("Kiew verurteilte Moskau wegen der Lage in Charkiw.", False)):
        st = stages(text)
        sent = st.sent_tokens[0]
        k = next(i for i, t in enumerate(sent.tokens) if t.text == "verurteilte")
        ms = st.actors.in_sentence(0)
        charkiw = next(m for m in ms if m.text == "Charkiw")
        assert aim_of_named_act(sent, k, charkiw, ms, lex) is named, text


def test_compass_region_places_an_attack():
    got = events("Bei einem ukrainischen Drohnenangriff auf eine Raffinerie in Südrussland brach ein Feuer aus.", "auto")
    assert ("ASSAULT", ("UKR",), ("RUS",)) in got, got


def test_whom_a_demanded_act_names_is_no_side_of_the_demand():
    # "auszuliefern" (a particle verb in -ern with "zu" inside) opens an infinitive clause: what is demanded
    from lagebild.events import load_cues, split_clauses
    from lagebild.text import segment, tokenize
    text = "Die Türkei forderte Schweden auf, PKK-Anhänger auszuliefern."
    st = tokenize(text, segment(text))[1][0]
    assert [c.kind for c in split_clauses(st, load_cues())] == ["main", "infinitive"]
    got = events(text, "auto")
    assert ("REQUEST", ("TUR",), ("SWE",)) in got, got
    assert ("REQUEST", ("TUR",), ("TUR",)) not in got, got


def test_act_adjectives_are_no_antecedents_and_no_owners():
    # a review: plural "sie" and a possessive took their country from the adjective of an act
    got = events("Die Ukraine wies die russischen Vorwürfe zurück. Sie habe keine Zivilisten angegriffen.")
    assert not any(e[0] == "ASSAULT" and e[1] == ("RUS",) for e in got), got
    got = events("Wegen der israelischen Angriffe auf seine Truppen drohte der Libanon mit Vergeltung.", "auto")
    assert ("ASSAULT", ("ISR",), ("LBN",)) in got, got
    assert not any(e[0] == "ASSAULT" and e[2] == ("ISR",) for e in got), got


def test_welcoming_an_act_of_aid_is_support_not_aid_given():
    got = events("Die Ukraine begrüßte die amerikanischen Waffenlieferungen.", "auto")
    assert ("SUPPORT", ("UKR",), ("USA",)) in got, got
    assert not any(e[0] == "AID" and e[1] == ("UKR",) for e in got), got
    # material aid a clause gives is still AID
    assert ("AID", ("USA",), ("UKR",)) in events("Die USA unterstützen die Ukraine mit Waffen.", "auto")


def test_a_demand_without_an_addressee_keeps_the_giver_of_its_content():
    got = events("Die Ukraine bat darum, von Deutschland Taurus-Marschflugkörper zu erhalten.", "auto")
    assert ("REQUEST", ("UKR",), ("DEU",)) in got, got


def test_the_aim_of_an_act_with_an_agent_named_by_durch_is_no_target():
    got = events("Selenskyj verurteilte die Angriffe auf Charkiw durch die russische Armee.", "auto")
    assert not any(e[0] == "ACCUSE" and e[2] == ("UKR",) for e in got), got


def test_who_repels_an_attack_is_its_target():
    got = events("Die Ukraine hat am Dienstag einen russischen Großangriff abgewehrt.", "auto")
    assert ("ASSAULT", ("RUS",), ("UKR",)) in got, got


def test_the_aided_is_no_side_of_the_condemnation_of_aid():
    got = events("Peking (dpa) – China hat die Militärhilfe der USA für Taiwan scharf verurteilt.", "auto")
    assert ("ACCUSE", ("CHN",), ("USA",)) in got, got
    assert not any("TWN" in e[1] + e[2] for e in got if e[0] == "ACCUSE"), got
    got = events("Der Iran hat zwei Franzosen zu langen Haftstrafen verurteilt.", "auto")
    assert ("SANCTION", ("IRN",), ("FRA",)) in got, got


def test_an_attack_only_to_be_repelled_or_alleged_is_not_told_as_done():
    assert not any(e[0] == "ASSAULT" for e in events("Die Ukraine will einen russischen Angriff abwehren.", "auto"))
    assert not any(e[0] == "ASSAULT" for e in events("Die Ukraine hat den Vorwurf eines russischen Angriffs abgewehrt.",
                                                     "auto"))
    # who helps repel an attack is no attacker
    got = events("Israel hat mit Hilfe der USA in der Nacht einen iranischen Raketenangriff abgewehrt.", "auto")
    assert not any(e[0] == "ASSAULT" and "USA" in e[1] for e in got), got


def test_a_paired_country_adjective_names_both_sides():
    for coder in ("rules", "auto"):
        got = events("Die russisch-ukrainischen Verhandlungen in Istanbul wurden fortgesetzt.", coder)
        assert {("CONSULT", ("RUS",), ("UKR",)), ("CONSULT", ("UKR",), ("RUS",))} <= got, (coder, got)
    # one country written twice is no pair
    assert not any(e[1] == e[2] for e in events("Die US-amerikanischen Luftangriffe in Syrien gingen weiter.", "rules"))
