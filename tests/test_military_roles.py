"""Roles and cues of front-line and crisis reports found wrong by a new-user probe (P25), on
invented sentences: who helps ("mit Unterstützung der X") acts with the subject, who loses a
place ("von X zurückerobert") is the target, the "durch X" agent of an event noun is its source,
a demand told after its content, a weapon injury, praise that is no accusation, a topic of talks,
troops massed in the passive."""
import pytest

from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402

_AN: dict = {}


def _dyads(coder, text):
    if coder not in _AN:
        _AN[coder] = shared_analyzer(use_models=False, coder=coder)
    an = _AN[coder]
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="m", text=text, dct="2016-03-02"))
    return {(e.type, tuple(sorted(p.code or "-" for p in e.source)), tuple(sorted(p.code or "-" for p in e.target)))
            for e in doc.events}, doc


CODERS = ["rules", "auto"]


@pytest.mark.parametrize("coder", CODERS)
def test_a_helper_acts_with_the_subject_and_the_loser_of_a_place_is_the_target(coder):
    got, _ = _dyads(coder, "Die libysche Armee hat mit Unterstützung französischer Kampfflugzeuge die Stadt "
                           "Sirte von den Taliban zurückerobert.")
    assault = {d for d in got if d[0] == "ASSAULT"}
    assert any("LBY" in s and "AFG" in t for _, s, t in assault), got
    assert not any("FRA" in t for _, s, t in assault), got          # the helper is no target
    assert not any("AFG" in s for _, s, t in assault), got          # the loser is no attacker
    assert not any(d[0] == "SUPPORT" for d in got), got              # "mit Unterstützung" is no event


@pytest.mark.parametrize("coder", CODERS)
def test_who_helps_two_sides_agree_is_no_side_of_the_agreement(coder):
    # a review: "mit Hilfe von Katar" had made Qatar a party (AGREE ISR -> PSE, QAT; QAT -> ISR, PSE)
    got, _ = _dyads(coder, "Mit Hilfe von Katar haben Israel und die Hamas eine Waffenruhe vereinbart.")
    agree = {d for d in got if d[0] == "AGREE"}
    assert any("ISR" in s and "PSE" in t for _, s, t in agree), got
    assert not any("QAT" in s + t for _, s, t in agree), got


@pytest.mark.parametrize("coder", CODERS)
def test_who_helps_support_supports_too(coder):
    # a second review: support is no act two sides do together; the helper is a co-actor
    got, _ = _dyads(coder, "Die USA unterstützen mit Hilfe Jordaniens die syrischen Rebellen.")
    assert any(d[0] == "SUPPORT" and "USA" in d[1] and "JOR" in d[1] for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_a_place_taken_back_from_someone_makes_them_the_target(coder):
    # ("befreien" is no cue of its own: "Die Stadt wurde von Kiew befreit", "Die Polizei befreite eine
    # Frau von ihrem Entführer" were assaults on oneself; a review)
    got, _ = _dyads(coder, "Irakische Soldaten haben mehrere Dörfer von der Terrormiliz Boko Haram zurückerobert.")
    assert any(d[0] == "ASSAULT" and "IRQ" in d[1] and "NGA" in d[2] for d in got), got
    assert not any(d[0] == "ASSAULT" and "NGA" in d[1] for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_the_passive_agent_of_a_recapture_stays_the_attacker(coder):
    # "von X" after a form of "werden" is the agent, not who loses the place
    got, _ = _dyads(coder, "Die Stadt Sirte konnte am Montag von der libyschen Armee zurückerobert werden.")
    assert not any(d[0] == "ASSAULT" and "LBY" in d[2] and d[1] == ("-",) for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_the_durch_agent_of_an_act_noun_is_its_source_not_the_main_subject(coder):
    got, _ = _dyads(coder, "Die türkische Luftwaffe hat nach der Tötung eines Soldaten durch die Taliban "
                           "Stellungen in Afghanistan bombardiert.")
    assert not any(d[0] == "ASSAULT" and "TUR" in d[1] and "TUR" in d[2] for d in got), got
    assert any(d[0] == "ASSAULT" and "TUR" in d[1] for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_a_demand_told_after_its_content_has_the_speaker_as_source(coder):
    got, _ = _dyads(coder, "Griechenland müsse seine Grenzen besser schützen, verlangte Bundeskanzler "
                           "Werner Faymann.")
    req = {d for d in got if d[0] == "REQUEST"}
    assert ("REQUEST", ("AUT",), ("GRC",)) in req, got
    assert not any("GRC" in s for _, s, _t in req), got


@pytest.mark.parametrize("coder", CODERS)
def test_an_injury_with_a_weapon_is_an_assault(coder):
    got, _ = _dyads(coder, "Ein Palästinenser hat in Hebron drei israelische Soldaten mit einem Messer verletzt.")
    assert any(d[0] == "ASSAULT" and "PSE" in d[1] and "ISR" in d[2] for d in got), got
    assert not any(d[0] == "ACCUSE" for d in got), got
    # the verb's lexicon rows (a violated treaty) give the learned coder no accusation beside it
    got, _ = _dyads(coder, "Ein Angreifer hat am Freitag in Jerusalem zwei Israelis mit einem Messer verletzt.")
    assert any(d[0] == "ASSAULT" for d in got), got
    assert not any(d[0] == "ACCUSE" for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_speaking_of_a_success_is_no_accusation(coder):
    # (the rule coder has no cue for "sprechen"; the learned one read it as an accusation)
    got, _ = _dyads(coder, "Der irakische Präsident Fuad Masum sprach von einem wichtigen Erfolg gegen die Terrormiliz IS.")
    assert not any(d[0] == "ACCUSE" for d in got), got


@pytest.mark.parametrize("coder", CODERS)
def test_an_agreement_deep_in_the_topic_of_talks_is_no_agreement(coder):
    got, _ = _dyads(coder, "Die Außenminister Serbiens und Kroatiens wollen am Freitag in Wien über die "
                           "Umsetzung des Brüsseler Abkommens beraten.")
    assert any(d[0] == "CONSULT" for d in got), got
    assert not any(d[0] == "AGREE" for d in got), got


def test_troops_massed_in_the_passive_are_mobilized_by_their_country():
    _, doc = _dyads("rules", "An der Grenze zu Armenien wurden 4000 aserbaidschanische Soldaten zusammengezogen.")
    mob = [e for e in doc.events if e.type == "MOBILIZE"]
    assert mob and {p.code for p in mob[0].source} == {"AZE"}, doc.events
    assert "AZE" not in {p.code for p in mob[0].target}
    assert mob[0].magnitude is not None and mob[0].magnitude.value == 4000
    # no agent and no country: the actor of the sentence before moves them
    _, doc = _dyads("rules", "Die georgische Regierung bereitet eine Offensive vor. Dafür seien bereits "
                             "rund 9000 Soldaten an der Grenze zusammengezogen worden.")
    mob = [e for e in doc.events if e.type == "MOBILIZE"]
    assert mob and {p.code for p in mob[0].source} == {"GEO"}, doc.events
    assert mob[0].magnitude is not None and mob[0].magnitude.value == 9000


@pytest.mark.parametrize("coder", CODERS)
def test_the_place_a_withdrawal_leaves_is_the_target_of_its_announcement(coder):
    got, _ = _dyads(coder, "Die Türkei hat den Abzug ihrer Soldaten aus dem Irak angekündigt.")
    assert ("CONCEDE", ("TUR",), ("IRQ",)) in got, got


@pytest.mark.parametrize("coder", CODERS)
def test_what_a_demand_told_after_its_content_asks_for_is_no_event(coder):
    got, _ = _dyads(coder, "Serbien müsse seine Soldaten aus dem Kosovo abziehen, forderte der albanische "
                           "Regierungschef.")
    assert ("REQUEST", ("ALB",), ("SRB",)) in got, got
    assert not any(d[0] == "RETREAT" for d in got), got
    assert not any("SRB" in d[1] for d in got), got


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text, typ, present", [
    # a review of the branch: none of these may change
    ("Die Stadt Cherson wurde im November von Kiew befreit.", "ASSAULT", False),
    ("Die Polizei befreite am Wochenende in Köln eine Frau von ihrem Entführer.", "ASSAULT", False),
    ("Obwohl Russland die Stadt Kiew angegriffen habe, forderte China Verhandlungen.", "ASSAULT", True),
    ("Die Nato sprach von einem gefährlichen Signal Russlands.", "ACCUSE", None),
])
def test_near_misses_of_the_front_line_patterns(coder, text, typ, present):
    doc = shared_analyzer(coder=coder)(Article(doc_id="t", dct="2016-02-10", text=text))
    found = any(e.type == typ and e.factuality == "asserted" for e in doc.events)
    if present is not None:
        assert found == present
    else:       # the rule coder has no cue for "sprechen": only the learned coder must find it
        assert found or coder == "rules"


@pytest.mark.parametrize("coder", ["rules", "auto"])
def test_what_a_threat_threatens_with_is_no_helper(coder):
    doc = shared_analyzer(coder=coder, min_confidence=0)(Article(
        doc_id="t", dct="2016-02-10", text="Putin drohte der Ukraine mit Unterstützung der Separatisten."))
    threats = [e for e in doc.events if e.type == "THREATEN"]
    assert threats and all([p.code for p in e.source] == ["RUS"] for e in threats)


@pytest.mark.parametrize("coder", ["rules", "auto"])
@pytest.mark.parametrize("text, target", [
    # who gains from a demand told content-first is not who is asked (a review: UKR -> UKR)
    ("Die Ukraine müsse mehr Waffen bekommen, forderte Selenskyj von den USA.", "USA"),
    ("Deutschland solle der Ukraine Taurus liefern, forderte Selenskyj.", "DEU"),
])
def test_a_demand_told_content_first_is_of_the_one_asked(coder, text, target):
    doc = shared_analyzer(coder=coder)(Article(doc_id="t", dct="2016-02-10", text=text))
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert requests and all([p.code for p in e.target] == [target] for e in requests)
