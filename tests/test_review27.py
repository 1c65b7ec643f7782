"""Regressions a review of session 27's changes found at their edges, each fixed: a place "auf"
phrase is no advocacy, a "sondern" clause of its own keeps the negation, "hat ... müssen" tells a
deed, a delivery in another clause leaves vehicles acting, "verurteilen" convicts only with a "zu"
phrase of its own clause, blame beside "Schritt" is blame, force verbs need their weapons."""
import pytest

from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402

_AN = shared_analyzer()


def events(text):
    return _AN(Article(doc_id="t", text=text, dct="2025-03-14")).events


def has(text, typ, src, tgt, fact=None):
    evs = events(text)
    return any(e.type == typ and src in [p.code for p in e.source] and tgt in [p.code for p in e.target]
               and (fact is None or e.factuality == fact) for e in evs), evs


@pytest.mark.parametrize("text,want", [
    ("Merkel warb auf einem Treffen mit Putin in Sotschi für eine Waffenruhe in der Ostukraine.", ("CONSULT", "DEU", "RUS")),
    ("Auf einem Treffen mit Erdogan in Ankara warb Scholz für die Aufnahme Schwedens in die Nato.", ("CONSULT", "DEU", "TUR")),
])
def test_a_meeting_where_one_advocates_happened(text, want):
    ok, evs = has(text, *want, fact="asserted")
    assert ok, evs


def test_a_sondern_clause_of_its_own_keeps_the_negation():
    evs = [e for e in events("Die USA lieferten der Ukraine nicht rechtzeitig Waffen, sondern der Kongress blockierte "
                             "die Hilfe monatelang.") if e.type == "AID"]
    assert evs and all(e.factuality == "negated" for e in evs), evs
    evs = [e for e in events("Die EU verhängte nicht Sanktionen, sondern lediglich eine Rüge gegen Ungarn.") if e.type == "SANCTION"]
    assert not any(e.factuality == "asserted" for e in evs), evs
    ok, evs = has("Die USA warfen Moskau vor, nicht den IS, sondern gemäßigte Rebellen anzugreifen.", "ACCUSE", "USA", "RUS")
    assert ok and not any(e.type == "ASSAULT" and "USA" in [p.code for p in e.source] for e in evs), evs


@pytest.mark.parametrize("text,want", [
    ("Russland hat seine Truppen aus Kiew in der Ukraine abziehen müssen.", ("RETREAT", "RUS", "UKR")),
    ("Die Bundesregierung hat der Ukraine Waffen liefern müssen, weil die USA Druck machten.", ("AID", "DEU", "UKR")),
])
def test_hat_muessen_tells_a_deed(text, want):
    ok, evs = has(text, *want, fact="asserted")
    assert ok, evs


def test_an_imposed_act_in_an_attribute_stays_asserted():
    evs = [e for e in events("Nach den von der EU verhängten Sanktionen muss Russland sein Öl unter Preis verkaufen.")
           if e.type == "SANCTION"]
    assert evs and all(e.factuality == "asserted" for e in evs), evs


@pytest.mark.parametrize("text,want", [
    ("Ukrainische Kampfjets griffen russische Stellungen an, nachdem Dänemark weitere F-16 an Kiew übergeben hatte.",
     ("ASSAULT", "UKR", "RUS")),
    ("Am Morgen griffen israelische Kampfjets Ziele im Libanon an, die USA verkaufen Israel weiterhin Waffen.",
     ("ASSAULT", "ISR", "LBN")),
])
def test_vehicles_act_where_another_clause_delivers(text, want):
    ok, evs = has(text, *want)
    assert ok, evs


@pytest.mark.parametrize("text,want", [
    ("Berlin verurteilte das Urteil gegen Nawalny, der zu 19 Jahren Haft verurteilt wurde.", ("ACCUSE", "DEU", "RUS")),
    ("Die UN verurteilten die seit Jahren andauernde Verfolgung der Uiguren durch China.", ("ACCUSE", "UN", "CHN")),
])
def test_a_condemnation_stays_one(text, want):
    ok, evs = has(text, *want)
    assert ok, evs


@pytest.mark.parametrize("text,want", [
    ("Moskau bezeichnete die Ausweisung seiner Diplomaten durch Berlin als unfreundlichen Schritt.", ("ACCUSE", "RUS", "DEU")),
    ("Der Kreml bezeichnete die Entscheidung der Nato als feindseligen Schritt.", ("ACCUSE", "RUS", "NATO")),
    ("Der Iran bezeichnete die Tötung des Generals durch die USA als historischen Fehler.", ("ACCUSE", "IRN", "USA")),
])
def test_blame_beside_a_step_is_blame(text, want):
    ok, evs = has(text, *want)
    assert ok, evs


def test_lobbying_is_no_force():
    evs = events("Merkel hat sich in Brüssel für neue Sanktionen gegen Russland eingesetzt.")
    assert not any(e.type == "ASSAULT" for e in evs), evs
    ok, evs = has("Die Polizei in Paris setzte Tränengas gegen Demonstranten aus Algerien ein.", "ASSAULT", "FRA", "DZA")
    assert ok, evs


def test_a_recalled_envoy_is_no_target():
    evs = [e for e in events("Die türkische Regierung rief ihren Botschafter aus Berlin zu Konsultationen zurück.")
           if e.type == "SANCTION"]
    assert any("DEU" in [p.code for p in e.target] for e in evs), evs
    assert not any("TUR" in [p.code for p in e.target] for e in evs), evs


def test_creditors_are_not_of_the_debtor_country():
    # a counterpart (relational_roles.tsv) takes no country the text does not say for it, also without
    # a possessive: "mit den Gläubigern" is not Greece
    evs = events("Die griechische Regierung hat sich mit den Gläubigern auf ein drittes Hilfspaket geeinigt.")
    assert not any(e.type == "AGREE" and "GRC" in [p.code for p in e.target] for e in evs), evs


@pytest.mark.parametrize("text,want", [
    ("Die afghanische Armee hat Kundus von den Taliban zurückerobert.", ("ASSAULT", "AFG", "AFG")),
    ("Die Taliban haben Kundus eingenommen.", ("ASSAULT", "AFG", "AFG")),
])
def test_a_named_place_is_a_place_taken(text, want):
    # verbs.tsv "<place>": a named place satisfies the place words "zurückerobern" requires (the
    # ASSAULT check of learned.judge.other_sense had dropped these)
    ok, evs = has(text, *want)
    assert ok, evs
    assert not [e for e in events("Die Regierung will das Vertrauen der Bürger zurückerobern.") if e.type == "ASSAULT"]


# --- the second review's regressions ---------------------------------------------------------------

@pytest.mark.parametrize("text,want", [
    ("Die USA ziehen die in Niger stationierten Soldaten ab.", ("RETREAT", "USA", "NER")),
    ("Die Türkei forderte die Auslieferung der in Schweden lebenden PKK-Anhänger.", ("REQUEST", "TUR", "SWE")),
    ("Israel flog Luftangriffe zwischen Rafah und Chan Junis.", ("ASSAULT", "ISR", "PSE")),
    ("Assad setzte die Armee gegen die Demonstranten in Daraa ein.", ("ASSAULT", "SYR", "SYR")),
    ("Selenskyj nannte die Entscheidung der EU einen Erfolg für Putin.", ("ACCUSE", "UKR", "EU")),
])
def test_second_review_kept(text, want):
    ok, evs = has(text, *want)
    assert ok, evs


def test_second_review_factuality_and_senses():
    evs = [e for e in events("Die USA lieferten nicht tödliche Ausrüstung an die Ukraine.") if e.type == "AID"]
    assert evs and all(e.factuality == "asserted" for e in evs), evs      # an attribute's "nicht"
    evs = events("Die USA schickten nicht Truppen, sondern Hilfsgüter in die Ukraine.")
    assert not any(e.type == "MOBILIZE" and e.factuality == "asserted" for e in evs), evs
    assert any(e.type == "AID" and e.factuality == "asserted" for e in evs), evs
    evs = events("Ein Gericht in Moskau verurteilte den Journalisten, der für Radio Free Europe arbeitete, zu zehn Jahren Haft.")
    assert any(e.type == "SANCTION" for e in evs), evs
    evs = events("Tausende Israelis drängten auf Massenprotesten in Tel Aviv auf ein Abkommen mit der Hamas.")
    assert any(e.type == "PROTEST" for e in evs), evs
