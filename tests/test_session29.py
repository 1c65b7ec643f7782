"""Session 29: news of crime, police and courts (the 10kGNAD "Panorama" kind) -- an agentless arrest
or deportation happens in the dateline's country, a verdict "nicht rechtskräftig" was still given,
and a full name after a demonym adjective and an occupation is of that country."""
import pytest

from eventcheck import doc, dyads
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


@pytest.mark.parametrize("text,want", [
    ("Salzburg – Ein 25-jähriger Afghane wurde am Sonntag festgenommen.", ("COERCE", "AUT", "AFG", "asserted")),
    ("Wien – Drei Afghanen wurden nach Kroatien abgeschoben.", ("COERCE", "AUT", "AFG", "asserted")),
    ("Rom – Sechs mutmaßliche Schlepper aus Ägypten wurden am Sonntag festgenommen.",
     ("COERCE", "ITA", "EGY", "asserted")),
    ("Wien – Ein 30-jähriger Syrer wurde in den Iran abgeschoben.", ("COERCE", "AUT", "SYR", "asserted")),
])
def test_an_agentless_arrest_happens_in_the_datelines_country(text, want):
    evs = [e for e in doc(text).events if e.type == "COERCE"]
    assert want in dyads(text), evs
    # the state is inferred, not named: its provenance says so
    assert all(p.inferred == "place" and p.mention is None for e in evs for p in e.source), evs


@pytest.mark.parametrize("text", [
    # the story places itself elsewhere before: not the dateline's state
    "Wien – In Ungarn ist die Lage an der Grenze angespannt. Ein 25-jähriger Afghane wurde festgenommen.",
    # no dateline: nobody is guessed
    "Ein 25-jähriger Afghane wurde am Sonntag festgenommen.",
])
def test_no_dateline_state_where_the_story_names_another_place_or_no_dateline(text):
    assert not any(e.type == "COERCE" and "AUT" in [p.code for p in e.source] for e in doc(text).events)
    assert not any(e.type == "COERCE" and e.source for e in doc(text).events if "Ungarn" not in text)


def test_in_with_an_accusative_article_is_a_direction_not_the_place():
    # "in die Türkei ausgeliefert": Turkey receives him, it does not act
    got = dyads("Wien – Ein 30-jähriger Syrer wurde in die Türkei ausgeliefert.")
    assert not any(d[1] == "TUR" for d in got), got
    got = dyads("Wien – 42 syrische Asylwerber sollen in die Slowakei überstellt werden.")
    assert not any(d[1] == "SVK" for d in got), got
    # "in der Türkei" is where it happens
    assert ("COERCE", "TUR", "DEU", "asserted") in dyads(
        "Ankara – In der Türkei wurden drei deutsche Journalisten festgenommen.")


@pytest.mark.parametrize("text", [
    "Wien – Der Afghane war (nicht rechtskräftig) zu fünf Jahren Haft verurteilt worden.",
    "Wien – Der Afghane wurde nicht rechtskräftig zu zwei Jahren Haft verurteilt.",
])
def test_a_verdict_not_yet_final_was_given(text):
    assert ("SANCTION", "AUT", "AFG", "asserted") in dyads(text)


def test_not_sentenced_stays_no_asserted_sentence():
    assert not any(d[3] == "asserted" for d in dyads("Wien – Der Afghane wurde nicht verurteilt.", "SANCTION"))


def test_a_name_after_a_demonym_and_an_occupation_is_of_that_country():
    text = ("Florenz – In Florenz hat der Berufungsprozess gegen den italienischen Kapitän Francesco Schettino "
            "begonnen. Die Verteidiger wollen Anschuldigungen gegen den indonesischen Steuermann erheben, dem "
            "Schettino Befehle gab. Der Indonesier und zwei Schiffsoffiziere waren 2013 verurteilt worden.")
    actors = {a.name: a for a in doc(text).actors}
    assert actors["Francesco Schettino"].code == "ITA", actors
    # "der Indonesier" is not the Italian captain named before
    assert "Indonesier" not in actors["Francesco Schettino"].mentions, actors
    actors = {a.name: a for a in doc("Istanbul – Die deutsche Journalistin Mesale Tolu wurde festgenommen.").actors}
    assert any(a.code == "DEU" for a in actors.values()), actors


@pytest.mark.parametrize("text,code", [
    ("Krumpendorf – Die Polizei hat drei Männer festgenommen.", "AUT"),
    ("Grosseto – Das Gericht lehnte den Antrag der Staatsanwaltschaft ab.", "ITA"),
    ("Omaha – Die Polizei hat einen Mann festgenommen.", "USA"),
])
def test_a_dateline_town_the_lexicon_does_not_know_places_the_story(text, code):
    roles = [a for a in doc(text).actors if a.sector in ("COP", "JUD")]
    assert roles and all(a.code == code for a in roles), roles


def test_the_dateline_table_leaves_out_seats_of_international_bodies():
    from lagebild.lexicon import dateline_places
    places = dateline_places()
    assert places["Krumpendorf"] == "AUT" and places["Bozen"] == "ITA" and places["Omaha"] == "USA"
    assert "Genf" not in places and "Straßburg" not in places and "Brüssel" not in places


def test_officers_in_a_crime_report_are_not_of_the_people_named_before():
    text = ("Graz – Ein 26-jähriger Tschetschene ist zu fünf Jahren Haft verurteilt worden. Der 26-Jährige war "
            "im Jänner von Beamten des Landesamts für Verfassungsschutz verhaftet worden.")
    assert ("COERCE", "AUT", "RUS", "asserted") in dyads(text)


def test_the_one_of_the_same_age_is_meant():
    # "der 23-Jährige" is the Afghan of 23 arrested before, not the police spokesman named between
    text = ("Linz – Die Polizei hat einen 23-jährigen Afghanen festgenommen, wie ein Sprecher der "
            "Landespolizeidirektion Oberösterreich mitteilte. Laut Polizei sei der 23-Jährige bereits zweimal "
            "angezeigt worden.")
    d = doc(text)
    spokesman = [a for a in d.actors if "Sprecher" in " ".join(a.mentions)]
    assert spokesman and not any("23-Jährige" in a.mentions for a in spokesman), d.actors
    aged = [p for e in d.events for p in e.target if p.text and "23-Jährige" in p.text]
    assert all(p.code == "AFG" for p in aged), aged


@pytest.mark.parametrize("coder", ["learned", "auto"])
def test_who_reports_a_deed_takes_no_side_in_it(coder):
    an = shared_analyzer(coder=coder)
    text = ("Linz – Die Polizei hat einen 23-jährigen Afghanen festgenommen. Ein Sprecher der Polizei sagte, der "
            "23-Jährige habe einen Polizisten angegriffen.")
    evs = [e for e in an(Article(doc_id="t", text=text, dct="2016-03-02")).events if e.type == "ASSAULT"]
    assert evs and all("Sprecher" not in (p.text or "") for e in evs for p in e.source + e.target), evs
    assert any("23-Jährige" in (p.text or "") and p.code == "AFG" for e in evs for p in e.source), evs


def test_who_speaks_for_the_doers_side_keeps_the_deed():
    text = ("Moskau – Das Verteidigungsministerium in Moskau teilte mit, russische Truppen hätten sich von der "
            "Grenze zurückgezogen.")
    assert any(e.type == "RETREAT" and "RUS" in [p.code for p in e.source] for e in doc(text).events)


def test_the_sudtirol_party_is_italian():
    actors = {a.name: a for a in doc("Bozen – Die Südtiroler Volkspartei kritisierte die Regierung in Rom.").actors}
    assert actors["Südtiroler Volkspartei"].code == "ITA", actors


@pytest.mark.parametrize("text,want", [
    ("Linz – Ein 40-jähriger Mann ist mit einem Messer auf zwei Polizisten losgegangen.", ("ASSAULT", "AUT", "AUT")),
    ("Paris – Jugendliche bewarfen Polizisten mit Steinen und Flaschen.", ("ASSAULT", "FRA", "FRA")),
    ("Wien – Beamte führten den Verdächtigen in Handschellen ab.", ("COERCE", "AUT", "AUT")),
])
def test_everyday_words_of_crime_reports(text, want):
    got = {(e.type, c, t) for e in Analyzer(coder="rules")(Article(doc_id="t", text=text, dct="2016-03-02")).events
           for c in [p.code for p in e.source] for t in [p.code for p in e.target]}
    assert want in got, got


@pytest.mark.parametrize("text", [
    "Wien – Die Regierung hat einen Beschluss gefasst.",
    "Wien – Erdogan geht auf die EU los.",
    "Wien – Russland bewirft die USA mit Vorwürfen.",
    "Wien – Österreich hat Island überwältigt.",
    "Wien – Die Plattform hebt die Ortstaxe ein und führt sie an die Gemeinde ab.",
    "Wien – Am Montag geht es los.",
])
def test_their_other_senses_are_no_arrest_or_attack(text):
    assert not any(e.type in ("COERCE", "ASSAULT") for e in doc(text).events), doc(text).events


@pytest.mark.parametrize("text", [
    "Wien – Ein Mexikaner wurde in den USA zu lebenslanger Haft verurteilt.",
    "Wien – Die türkische Regierung geht gegen Kritiker vor. Am Montag wurden zwei weitere Journalisten festgenommen.",
    "Wien – Kremlkritiker Alexej Nawalny wurde zu 30 Tagen Haft verurteilt.",
    "Wien – Ein iranischer Regimekritiker ist zum Tode verurteilt worden.",
    "Wien – Nach dem Anschlag auf dem Berliner Weihnachtsmarkt wurde ein Tunesier festgenommen.",
    "Washington – Obama hat Russland kritisiert. Unterdessen wurden Demonstranten festgenommen.",
])
def test_a_home_dateline_over_a_story_from_abroad_acts_nowhere(text):
    home = "AUT" if text.startswith("Wien") else "USA"
    assert not any(p.code == home and p.inferred for e in doc(text).events for p in e.source), doc(text).events


def test_in_den_with_a_plural_state_is_where_it_happens():
    assert ("SANCTION", "USA", "MEX", "asserted") in dyads("Wien – Ein Mexikaner wurde in den USA zu lebenslanger Haft verurteilt.")
    assert ("COERCE", "NLD", "MAR", "asserted") in dyads("Berlin – Ein Marokkaner wurde in den Niederlanden festgenommen.")


def test_the_same_age_is_the_same_one_never_against_itself():
    text = ("Linz – Ein 30-jähriger Tschetschene hat einen 25-jährigen Österreicher niedergestochen. Der 30-Jährige "
            "wurde festgenommen.")
    assert not any(d[0] == "COERCE" and d[1] == "RUS" and d[2] == "RUS" for d in dyads(text)), dyads(text)


@pytest.mark.parametrize("text,name,code", [
    ("Wien – Die USA haben den Deutschen türkischer Abstammung Murat Kurnaz freigelassen.", "Murat Kurnaz", "TUR"),
    ("Wien – Die Polizei fand im syrischen Grenzgebiet Mohammed Emwazi.", "Mohammed Emwazi", "SYR"),
])
def test_an_origin_or_a_place_before_a_name_is_no_nationality(text, name, code):
    actors = {a.name: a for a in doc(text).actors}
    assert actors[name].code != code, actors


def test_the_agency_in_a_dateline_is_no_place():
    roles = [a for a in doc("Grosseto (APA) – Das Gericht lehnte den Antrag ab.").actors if a.sector == "JUD"]
    assert roles and roles[0].code == "ITA", roles


@pytest.mark.parametrize("text", [
    "Wien – Die FPÖ rief zu Protesten gegen die Regierung auf.",
    "Wien – Die FPÖ ruft zu einer Demonstration gegen die Regierung auf.",
    "Wien – Die FPÖ hat zu Protesten gegen die Regierung aufgerufen.",
])
def test_a_call_to_protest_told_with_the_verb_first_is_the_protest(text):
    got = {(e.type, e.factuality) for e in Analyzer(coder="rules")(Article(doc_id="t", text=text, dct="2016-03-02")).events}
    assert ("PROTEST", "planned") in got and not any(t == "REQUEST" for t, _ in got), got


@pytest.mark.parametrize("text,want,not_want", [
    ("Berlin – Die CSU hat die Kanzlerin wegen ihrer Flüchtlingspolitik scharf angegriffen.", "ACCUSE", "ASSAULT"),
    ("Wien – Die FPÖ attackierte den Kanzler frontal.", "ACCUSE", "ASSAULT"),
    ("Kiew – Russische Truppen haben ukrainische Stellungen angegriffen.", "ASSAULT", "ACCUSE"),
])
def test_an_attack_in_words_is_an_accusation(text, want, not_want):
    types = {e.type for e in doc(text).events}
    assert want in types and not_want not in types, types


@pytest.mark.parametrize("text", [
    "Wien – In Sachsen wurden zwei Syrer festgenommen.",
    "Wien – Im Grenzort Freilassing wurden zwei Syrer festgenommen.",
    "Wien – Ein 40-jähriger Serbe wurde nach Österreich abgeschoben.",
    "Berlin – Ein Afghane wurde aus Schweden nach Deutschland abgeschoben.",
    "Wien – Wie aus Budapest verlautete, wurden drei Aktivisten festgenommen.",
])
def test_no_dateline_state_where_the_clause_or_story_is_placed_otherwise(text):
    assert not any(p.inferred for e in doc(text).events for p in e.source), doc(text).events


def test_a_name_after_the_one_of_that_age_is_who_is_meant():
    text = "Wien – Der 45-jährige Rumäne Ion Popescu wurde festgenommen. Der 45-Jährige soll drei Einbrüche verübt haben."
    actors = {a.name: a for a in doc(text).actors}
    assert "45-Jährige" in actors["Ion Popescu"].mentions, actors


def test_a_remark_in_brackets_after_the_participle_keeps_the_passive():
    text = "Wels – Ein 22-jähriger Tschetschene wurde zu zwei Jahren Haft verurteilt (nicht rechtskräftig)."
    assert ("SANCTION", "AUT", "RUS", "asserted") in dyads(text)


def test_the_first_town_of_a_dateline_places_it():
    from lagebild.lexicon import dateline_places
    assert "Glan" not in dateline_places() or dateline_places()["Glan"] != "AUT"
    roles = [a for a in doc("St. Veit/Glan – Die Polizei hat einen Mann festgenommen.").actors if a.sector == "COP"]
    assert roles and roles[0].code != "PHL", roles
