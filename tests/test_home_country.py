"""Where the outlet reports from (``Article.country``, ``--country``): the country of a story that
names none, never a side the text codes otherwise."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.actors import home_country
from lagebild.cli import main
from lagebild.ingest import Ingester
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ScriptedAnalyzer  # noqa: E402

DOMESTIC = ("Die Regierung hat am Montag die Opposition scharf kritisiert. "
            "Die Grünen warfen der Regierung Versagen vor.")


@pytest.fixture(scope="module")
def tagger():
    return Analyzer(coder="rules", use_models=False)


def _codes(an, text, country=None):
    st = an.stages(Article(doc_id="h", text=text, country=country))
    return {m.text: (m.code, m.code_from) for m in st.actors.mentions}


def test_a_story_that_names_no_country_takes_the_outlets_for_its_offices_and_shared_names(tagger):
    without = _codes(tagger, DOMESTIC)
    assert without["Regierung"][0] != "AUT" and without["Grünen"][0] == "DEU"     # as before: no guess of AUT
    with_home = _codes(tagger, DOMESTIC, "AUT")
    assert with_home["Regierung"] == ("AUT", "story")       # shown as inferred, never as said
    assert with_home["Grünen"][0] == "AUT"


def test_an_assumed_country_is_never_shown_as_said(tagger):
    def shown(text, country=None):
        st = tagger.stages(Article(doc_id="h", text=text, country=country))
        return {m.text: (m.code, m.participant().code_inferred) for m in st.actors.mentions}
    # a name the three countries share, with nothing in the story to say which: assumed
    assert shown("Die Grünen haben der Bundesregierung Versagen vorgeworfen.") == {
        "Grünen": ("DEU", "shared"), "Bundesregierung": ("DEU", "shared")}
    assert shown("Die Grünen haben der Bundesregierung Versagen vorgeworfen.", "AUT")["Grünen"] == ("AUT", "shared")
    # a country from the mention just before, whose own country was the story's, is the story's
    got = shown(DOMESTIC, "AUT")
    assert got["Opposition"] == ("AUT", "story")
    # one the text names stays "named just before"
    got = shown("Russland hat die Rebellen am Montag angegriffen.")
    assert got["Rebellen"] == ("RUS", "nearby")


@pytest.mark.parametrize("text,office", [
    ("Der Bundeskanzler reiste am Montag nach Berlin. Die Opposition hat die Regierung scharf kritisiert.",
     "Regierung"),
    ("Die Polizei hat am Montag drei Männer aus Rumänien festgenommen.", "Polizei"),
    ("Die Opposition kritisierte die Regierung wegen der Abschiebungen nach Syrien.", "Regierung"),
])
def test_a_destination_or_origin_is_not_the_storys_country(tagger, text, office):
    assert _codes(tagger, text, "AUT")[office][0] == "AUT"


def test_the_outlets_country_never_overrides_what_the_story_names(tagger):
    # also a country named only as a place
    codes = _codes(tagger, "In Ungarn hat die Polizei am Montag Demonstranten festgenommen.", "AUT")
    assert codes["Polizei"][0] == "HUN" and codes["Demonstranten"][0] == "HUN"
    text = "Frankreich hat am Montag neue Gesetze beschlossen. Die Regierung in Paris verteidigte sie."
    assert _codes(tagger, text, "AUT")["Regierung"][0] == "FRA"
    # a story naming one of the three countries keeps it for the names they share
    text = "Die Grünen in Deutschland haben die Bundesregierung kritisiert. Deutschland wählt im Herbst."
    assert _codes(tagger, text, "AUT")["Grünen"][0] == "DEU"


def test_without_a_home_a_story_naming_its_country_only_as_the_place_takes_it(tagger):
    """No outlet's home and no country named as an actor: the police act where the story is set
    (they had no country and the arrests no source; a new-user probe)."""
    codes = _codes(tagger, "In Österreich hat die Polizei am Dienstag drei Männer festgenommen.", None)
    assert codes["Polizei"][0] == "AUT"
    # police act where they are, also when another country is named as an actor
    codes = _codes(tagger, "In Wien kritisierte die Polizei Russland.", None)
    assert codes["Polizei"][0] == "AUT"


@pytest.mark.parametrize("value,expected", [("AUT", "AUT"), ("deu", "DEU"), (" che ", "CHE"),
                                            ("Österreich", "AUT"), ("schweiz", "CHE")])
def test_country_codes_are_iso_alpha3_of_the_country_table(value, expected):
    assert home_country(value) == expected


@pytest.mark.parametrize("value", ["XYZ", "WHO", "Wien", "AT", ""])
def test_anything_else_is_refused_with_what_to_give(value):
    with pytest.raises(ValueError, match="ISO 3166 alpha-3.*AUT"):
        home_country(value)


def test_a_two_letter_code_is_refused_with_its_three_letter_form_explained():
    with pytest.raises(ValueError, match="two-letter.*AUT, not AT"):
        home_country("at")


def test_analyze_country_option(tmp_path):
    f = tmp_path / "dom.txt"
    f.write_text("date: 2016-03-01\n" + DOMESTIC + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["analyze", str(f), "--country", "aut", "--format", "json", "--coder", "rules"])
    assert r.exit_code == 0, r.output
    import json
    (doc,) = json.loads(r.stdout)
    sides = {(p["code"], p.get("code_inferred")) for e in doc["events"] for p in e["source"] + e["target"]}
    assert ("AUT", "story") in sides
    bad = CliRunner().invoke(main, ["analyze", str(f), "--country", "Austria"])
    assert bad.exit_code == 2 and "ISO 3166 alpha-3" in bad.output


def test_ingest_stores_the_country_and_reanalysis_keeps_it(tmp_path):
    db = tmp_path / "t.duckdb"
    seen = []

    class Spy(ScriptedAnalyzer):
        version = "v-spy"

        def __call__(self, a):
            seen.append(a.country)
            return super().__call__(a)

    with Store(db) as store, Ingester(store, analyzer=ScriptedAnalyzer, country="AUT") as ing:
        ing.ingest([Article(doc_id="a", text="#EV ASSAULT RUS UKR 2022-02-24"),
                    Article(doc_id="b", text="#EV CONSULT USA RUS 2022-02-20", country="DEU")])
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT doc_id, country FROM articles ORDER BY doc_id").fetchall() == [
            ("a", "AUT"), ("b", "DEU")]         # an article's own country wins
    with Store(db) as store, Ingester(store, analyzer=Spy) as ing:
        assert ing.reanalyze().read == 2
    assert sorted(seen) == ["AUT", "DEU"]


def test_the_floor_text_names_what_an_event_with_an_empty_side_needs(tmp_path, monkeypatch):
    import json
    from lagebild.modelinfo import default_floor_text, one_sided_floor
    (tmp_path / "meta.json").write_text(json.dumps({"default_coder": "both", "thresholds": {
        "min_confidence": 0.3, "one_sided": 0.5}}), encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_EVENT_MODEL", str(tmp_path))
    assert one_sided_floor() == 0.5
    assert default_floor_text() == "0.3, the event model's floor for its default coder 'both'; " \
                                   "an event with an empty side needs 0.5; an event between two countries, " \
                                   "one of them only guessed for its mention (the story's or the one named " \
                                   "just before), needs 0.5"


def test_reanalyze_gives_stored_articles_a_country_and_redoes_them(tmp_path):
    from click.testing import CliRunner
    from lagebild.cli import main
    db = tmp_path / "t.duckdb"
    with Store(db) as store, Ingester(store, analyzer="test_ingest:ScriptedAnalyzer") as ing:
        ing.ingest([Article(doc_id="a", text="#EV ASSAULT RUS UKR 2022-02-24", source="Standard"),
                    Article(doc_id="b", text="#EV CONSULT USA RUS 2022-02-20", source="Wire"),
                    Article(doc_id="c", text="#EV CONSULT USA RUS 2022-02-21", source="Standard",
                            country="DEU")])
    run = CliRunner().invoke
    bad = run(main, ["reanalyze", "--db", str(db), "--analyzer", "test_ingest:ScriptedAnalyzer",
                     "--country", "AUT", "--source", "Standart"])
    assert bad.exit_code == 2 and "'Standard' (2)" in bad.output and "'Wire' (1)" in bad.output
    alone = run(main, ["reanalyze", "--db", str(db), "--source", "Standard"])
    assert alone.exit_code == 2 and "give --country" in alone.output
    r = run(main, ["reanalyze", "--db", str(db), "--analyzer", "test_ingest:ScriptedAnalyzer",
                   "--country", "Österreich", "--source", "Standard"])
    assert r.exit_code == 0, r.output
    assert "1 stored article of 'Standard' without a country now has AUT" in r.output
    assert "re-analyzed 1 article " in r.output
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT doc_id, country, analyzer_version IS NOT NULL FROM articles "
                             "ORDER BY doc_id").fetchall()
    assert rows == [("a", "AUT", True), ("b", None, True), ("c", "DEU", True)]
    again = run(main, ["reanalyze", "--db", str(db), "--analyzer", "test_ingest:ScriptedAnalyzer",
                       "--country", "AUT"])
    assert again.exit_code == 0 and "1 stored article without a country now has AUT and is re-analyzed" in again.output
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT count(*) FROM articles WHERE country IS NULL").fetchone() == (0,)


def test_person_names_in_other_alphabets_are_kept_whole():
    an = Analyzer(use_models=False, coder="rules")
    text = ("Der litauische Präsident Gitanas Nausėda traf am Montag Altpräsident Lech Wałęsa und den Istanbuler "
            "Bürgermeister Ekrem İmamoğlu.")
    names = {a.name for a in an(Article(doc_id="n", text=text, dct="2024-02-12")).actors}
    assert {"Gitanas Nausėda", "Lech Wałęsa", "Ekrem İmamoğlu"} <= names, names


def test_waters_named_after_a_country_are_no_actor():
    an = Analyzer(use_models=False, coder="rules")
    st = an.stages(Article(doc_id="g", dct="2024-02-12",
                           text="Iran hat im Golf von Oman einen Tanker festgesetzt. Oman protestierte."))
    assert [(m.sent, m.text) for m in st.actors.mentions if m.code == "OMN"] == [(1, "Oman")]


def test_a_role_opening_the_sentence_takes_its_genitive_country():
    an = Analyzer(use_models=False, coder="rules")
    st = an.stages(Article(doc_id="v", dct="2025-03-14", text=(
        "Rumänien ist der wichtigste Partner. Vertreter Moldaus und Transnistriens haben sich in Bender geeinigt.")))
    codes = {m.text: m.code for m in st.actors.mentions}
    assert codes["Vertreter"] == "MDA" and codes["Moldaus"] == "MDA"     # not Romania, named before


def test_a_group_named_again_by_its_head_noun_keeps_its_country(tagger):
    """"Die Huthi-Miliz im Jemen ... Luftangriffe auf Stellungen der Miliz": the militia, and
    its positions, took the country named just before (USA) and the strike became USA -> USA (a
    new-user probe)."""
    codes = _codes(tagger, "Die Huthi-Miliz im Jemen hat ein Schiff angegriffen. Amerikanische "
                           "Kampfjets flogen daraufhin Luftangriffe auf Stellungen der Miliz.")
    assert codes["Miliz"][0] == "YEM" and codes["Stellungen"][0] == "YEM"


def test_a_name_the_three_countries_share_takes_the_one_named_as_an_actor_over_a_place(tagger):
    """"Die Schweiz liefert keine Munition ... ein Gesuch aus Deutschland": the Bundesrat was German
    (a tie went to the first of the three; a new-user probe)."""
    codes = _codes(tagger, "Die Schweiz liefert keine Munition an die Ukraine. Der Bundesrat lehnte am "
                           "Mittwoch ein Gesuch aus Deutschland ab.")
    assert codes["Bundesrat"][0] == "CHE"


def test_many_countries_are_not_the_storys_one(tagger):
    """"zwischen Russland und westlichen Staaten sind 26 Menschen freigelassen worden" gave RUS ->
    RUS, "Zahlreiche Staaten" took the lead story's country (two probes)."""
    codes = _codes(tagger, "Bei einem Gefangenenaustausch zwischen Russland und westlichen Staaten sind "
                           "26 Menschen freigelassen worden.")
    assert codes["Staaten"][0] is None
    codes = _codes(tagger, "Die EU-Staaten berieten am Montag.")
    assert codes["EU-Staaten"][0] == "EU"


def test_a_group_active_in_several_countries_takes_the_place_named_right_after_it(tagger):
    # "den IS in Syrien": where it fights, not the state that attacks it (it was USA)
    got = _codes(tagger, "Die USA fliegen seit über einem Jahr Luftangriffe gegen den IS in Syrien und im Irak.")
    assert got["IS"][0] == "SYR"
    # a place further on says nothing of the group ("gilt ... in den USA als"), nor the state that
    # attacks it: its base (the lexicon's first country)
    assert _codes(tagger, "Russland griff den IS an. Der Kreml will in den USA verhandeln.")["IS"][0] == "SYR"


def test_a_double_surname_after_a_first_name_is_part_of_the_name(tagger):
    # "Innenministerin Johanna Mikl-Leitner" was cut to "Innenministerin Johanna" (a probe)
    got = _codes(tagger, "Innenministerin Johanna Mikl-Leitner hat am Mittwoch die Regierung kritisiert.")
    assert any(t.startswith("Innenministerin Johanna Mikl-Leitner") for t in got), got


def test_an_organisations_head_noun_again_takes_its_code_also_for_a_union_of_states(tagger):
    # "Die Kommission" after "die EU-Kommission" had no code (only three-letter codes were read)
    got = _codes(tagger, "Die EU-Kommission hat am Mittwoch Österreich kritisiert. "
                         "Die Kommission drohte Österreich mit rechtlichen Schritten.")
    assert got["Kommission"][0] == "EU"


def test_a_mission_abroad_and_the_state_that_owns_it_are_not_the_storys_country(tagger):
    # the police that arrested the suspects are not American: an embassy is abroad
    for text in ("Die Polizei nahm drei Verdächtige fest, die einen Anschlag auf die Botschaft der USA "
                 "geplant haben sollen.",
                 "Die Polizei nahm drei Verdächtige fest, die einen Anschlag auf die US-Botschaft geplant haben sollen."):
        codes = _codes(tagger, text)
        assert codes["Polizei"][0] != "USA", codes
    # nor the country named nearby (a review)
    codes = _codes(tagger, "Drei Männer planten einen Anschlag auf die Botschaft der USA. Die Polizei nahm die Männer "
                           "am Montag fest.")
    assert codes["Polizei"][0] != "USA", codes
    # an actor the story names still is
    codes = _codes(tagger, "Die USA haben Sanktionen verhängt. Die Regierung kritisierte Russland, "
                           "sagte ein Sprecher der US-Botschaft.")
    assert codes["Regierung"][0] == "USA", codes


def test_a_person_von_a_party_is_of_that_party_and_one_referent(tagger):
    # "Harald Walser von den Grünen": the party codes the person; "von den" ends no name
    st = tagger.stages(Article(doc_id="p", text="Bildungssprecher Harald Walser von den Grünen forderte Nachbesserungen. "
                                                "Der Abgeordnete Peter Pilz von den Grünen kritisierte die Regierung.", country="AUT"))
    texts = {m.text: m.code for m in st.actors.mentions}
    assert "Bildungssprecher Harald Walser" in texts and texts["Bildungssprecher Harald Walser"] == "AUT", texts
    assert texts.get("Abgeordnete Peter Pilz") == "AUT", texts
    assert not any(t.endswith((" von", " von den", " den")) for t in texts), texts
    # the party's country, not the story's
    codes = _codes(tagger, "Die deutsche Regierung verteidigte Berlins Grenzpolitik. Der Abgeordnete Hans Maier "
                           "von der ÖVP kritisierte die deutsche Regierung.")
    assert codes["Abgeordnete Hans Maier"][0] == "AUT", codes


def test_a_noun_with_its_genitive_is_no_surname_and_a_known_surname_ends_no_name(tagger):
    texts = _codes(tagger, "Beim Auftakt war Werner Faymann von Teilen des Publikums ausgepfiffen worden.")
    assert "Werner Faymann" in texts, texts
    # a known person's surname as another's first name ("Pavel" of Petr Pavel) and a surname
    # ending like a noun ("Hartung") stay names (a review)
    texts = _codes(tagger, "Die Polizei hat den Telegram-Gründer Pavel Durov festgenommen. Außenminister "
                           "Hartung widersprach.")
    assert "Pavel" not in texts and "Außenminister Hartung" in texts, texts
    # a particle name stays whole
    texts = _codes(tagger, "Ursula von der Leyen besuchte am Montag Paris.")
    assert "Ursula von der Leyen" in texts, texts


def test_an_envoy_with_an_organisations_prefix_and_a_name_is_one_person_of_it(tagger):
    texts = _codes(tagger, "UN-Sondergesandter Martin Kobler begrüßte die Ankunft der libyschen Regierung in Tripolis.")
    assert texts.get("UN-Sondergesandter Martin Kobler", (None,))[0] == "UN", texts
    assert "Martin Kobler" not in texts, texts


def test_die_union_is_the_eu_in_a_story_of_the_eu_without_cdu_or_csu(tagger):
    codes = _codes(tagger, "Die EU und die Türkei haben sich am Freitag geeinigt. Die Union sagte Ankara außerdem "
                           "drei Milliarden Euro zu.")
    assert codes["Union"][0] == "EU", codes
    # with another German actor, the Union is CDU/CSU (a review)
    codes = _codes(tagger, "Die Union hat den Vorschlag der EU-Kommission scharf kritisiert. Kanzlerin Merkel "
                           "verteidigte die Pläne.")
    assert codes["Union"][0] == "DEU", codes
    # with CDU or CSU named, the Union is theirs
    codes = _codes(tagger, "Die CSU und die EU streiten über Grenzkontrollen. Die Union lehnte den Vorschlag ab.")
    assert codes["Union"][0] == "DEU", codes


def test_a_places_adjective_before_a_treaty_or_talks_names_no_one(tagger):
    texts = _codes(tagger, "Glawischnig verwies am Montag auf die Genfer Flüchtlingskonvention.")
    assert "Genfer" not in texts, texts
    # people of the place still are
    texts = _codes(tagger, "Wiener Kriminalisten haben am Montag Falschgeld sichergestellt.")
    assert texts.get("Wiener", (None,))[0] == "AUT", texts


def test_a_prefix_with_a_linking_element_codes_and_an_abstract_noun_is_no_name(tagger):
    texts = _codes(tagger, "Varoufakis warf dem Eurogruppen-Chef am Montag Erpressung vor.")
    assert texts.get("Eurogruppen-Chef", (None,))[0] == "EU", texts
    # a name with a hyphen keeps its ending
    texts = _codes(tagger, "Präsident Lee Jae-myung besuchte am Montag Tokio.")
    assert "Präsident Lee Jae-myung" in texts, texts


def test_a_country_led_coalition_is_that_countrys_one_mention(tagger):
    texts = _codes(tagger, "Die US-geführte Koalition flog am Montag Luftangriffe auf Stellungen des IS in Syrien.")
    assert texts.get("US-geführte Koalition", (None,))[0] == "USA", texts
    assert "US-geführte" not in texts, texts


def test_der_bund_is_the_federal_government_of_the_storys_country(tagger):
    codes = _codes(tagger, "Der Tiroler Landeshauptmann forderte den Bund am Montag auf, die Gemeinden "
                           "stärker einzubinden.", country="AUT")
    assert codes["Bund"] == ("AUT", "story"), codes


def test_a_name_with_a_capital_after_an_apostrophe_is_whole(tagger):
    texts = _codes(tagger, "UN-Nothilfekoordinator Stephen O'Brien forderte am Montag Zugang zu Aleppo.")
    assert "UN-Nothilfekoordinator Stephen O'Brien" in texts, texts


def test_a_known_persons_surname_that_is_also_a_role_word_stays_in_the_name(tagger):
    texts = _codes(tagger, "Kärntens Landeshauptmann Peter Kaiser kritisierte am Montag den Bund.")
    assert any(t.startswith("Landeshauptmann Peter Kaiser") for t in texts), texts


def test_a_gemeinde_is_a_municipality(tagger):
    st = tagger.stages(Article(doc_id="g", text="Der Bund soll die Gemeinden stärker einbinden. Die Israelitische "
                                                "Kultusgemeinde protestierte.", country="AUT"))
    sectors = {m.text: m.sector for m in st.actors.mentions}
    assert sectors.get("Gemeinden") == "GOV" and sectors.get("Israelitische Kultusgemeinde") == "REL", sectors


def test_a_country_word_before_a_party_places_the_party_in_that_country(tagger):
    """A party family the lexicon gives one country by default ("Linke": Germany's) is of the country
    an adjective or a genitive before it names, and both wordings are one actor."""
    an = tagger
    st = an.stages(Article(doc_id="p", text=(
        "Griechenlands Linke ruft zu Protesten auf. Die griechische Linke wirft Tsipras Verrat vor. "
        "Die spanischen Grünen und Frankreichs Konservative schweigen. Die Linke in Berlin protestiert. "
        "Trotz der Warnungen Russlands stimmten die Grünen dem Abkommen zu.")))
    got = {m.text: (m.code, m.sector, m.actor_id) for m in st.actors.mentions}
    assert got["Griechenlands Linke"][:2] == ("GRC", "PTY")
    assert got["griechische Linke"][:2] == ("GRC", "PTY")
    assert got["griechische Linke"][2] == got["Griechenlands Linke"][2]
    actor = {a.id: a for a in st.actors.actors}
    assert actor[got["Frankreichs Konservative"][2]].name == "Konservative"     # not the Tories
    # a genitive country is not the party's when words stand between them (a review)
    assert got["Russlands"][0] == "RUS" and "Russlands stimmten die Grünen" not in got
    assert got["spanischen Grünen"][:2] == ("ESP", "PTY")
    assert got["Frankreichs Konservative"][:2] == ("FRA", "PTY")
    bare = [m for m in st.actors.mentions if m.sent == 3 and m.text.endswith("Linke")]
    assert [m.code for m in bare] == ["DEU"]                    # without a country word: the lexicon's


def test_a_patron_named_in_a_compound_is_not_the_groups_country(tagger):
    """"Die US-gestützten Rebellen", "Iran-nahe Milizen": the prefix names who backs the group, not
    an actor of the sentence, and never the group's country."""
    st = tagger.stages(Article(doc_id="b", text=(
        "Die Regierung in Damaskus meldete Kämpfe. Die US-gestützten Rebellen griffen die Stadt an. "
        "Iran-nahe Milizen feuerten Raketen ab.")))
    got = {m.text: m.code for m in st.actors.mentions}
    assert not any(t.startswith(("US-", "Iran-")) for t in got)
    assert got["Rebellen"] != "USA" and got["Milizen"] != "IRN"
    # a compound that only begins like one is a mention as before (a review: "Nahost" is no "nah")
    st = tagger.stages(Article(doc_id="b", text="Der US-Nahostgesandte traf Netanjahu. Der UN-Nahostgesandte "
                                                "Nickolay Mladenow kritisierte Israel."))
    got = {m.text: m.code for m in st.actors.mentions}
    assert got["US-Nahostgesandte"] == "USA" and got["UN-Nahostgesandte Nickolay Mladenow"] == "UN"


def test_police_and_authorities_are_of_the_place_their_sentence_names_before_them(tagger):
    """A role that acts where it is takes the country its sentence names as the place ("In Tunesien
    nahmen die Behörden ... fest"), before the same role named with another country earlier."""
    st = tagger.stages(Article(doc_id="t", text=(
        "Merkel dankte den italienischen Behörden für die Hilfe. "
        "In Tunesien nahmen die Behörden am Samstag drei Verdächtige fest. "
        "Die Behörden in Rom prüfen den Fall.")))
    got = [(m.sent, m.text, m.code, m.code_from) for m in st.actors.mentions if m.text.endswith("Behörden")]
    assert got[0][2] == "ITA" and got[1] == (1, "Behörden", "TUN", "nearby")


def test_an_office_named_alone_is_the_person_named_before_with_it(tagger):
    """"Präsidentin Dilma Rousseff ... Der Präsidentin wird vorgeworfen ... Rousseff bestreitet" gave
    REJECT BRA (Rousseff) -> BRA (Präsidentin) (a probe): the office alone is the person named before
    with it (same words, same country), one actor; an office of many ("Verdächtige") is not."""
    st = tagger.stages(Article(doc_id="r", text=(
        "Präsidentin Dilma Rousseff steht unter Druck. Der Präsidentin wird vorgeworfen, Haushaltszahlen "
        "geschönt zu haben. Rousseff bestreitet jedes Fehlverhalten.")))
    got = {m.text: m.actor_id for m in st.actors.mentions}
    assert got["Präsidentin"] == got["Rousseff"] == got["Präsidentin Dilma Rousseff"], got
    assert not any(e.type == "REJECT" and e.target and e.target[0].text == "Präsidentin" for e in st.rule_events)
    # not a former holder, not one of many (soldiers), not an indefinite office (a review)
    for text, office, holder in (
            ("Der frühere Präsident Lula da Silva wurde festgenommen. Der Präsident kritisierte die Festnahme.",
             "Präsident", "Präsident Lula da Silva"),
            ("Ex-Präsident Lula da Silva wurde festgenommen. Der Präsident kritisierte die Festnahme.",
             "Präsident", "Ex-Präsident Lula da Silva"),
            ("Der Soldat Sergej Petrow wurde gefangen genommen. Am Abend griff ein Soldat einen Posten an.",
             "Soldat", "Soldat Sergej Petrow")):
        st = tagger.stages(Article(doc_id="v", text=text))
        ids = {m.text: m.actor_id for m in st.actors.mentions}
        assert ids[office] != ids[holder], (text, ids)


def test_the_islamic_state_is_coded_where_the_story_places_it_else_syria(tagger):
    """The IS took the story's country ("Paris - ... der Terrormiliz IS" was FRA, a probe); train + dev
    gold code it SYR 23 of 31 times, else where it fights (IRQ, LBY, EGY): the lexicon lists those."""
    def code(text):
        st = tagger.stages(Article(doc_id="i", text=text))
        return next(m.code for m in st.actors.mentions if "IS" in m.text.split())
    assert code("Paris – Präsident François Hollande sprach von einem Kriegsakt der Terrormiliz IS.") == "SYR"
    assert code("Bagdad – Der IS hat sich zu dem Anschlag bekannt.") == "IRQ"
    assert code("Die USA flogen Luftangriffe gegen den IS in Libyen.") == "LBY"
    assert code("Russland bombardiert seit Wochen den IS.") == "SYR"
    st = tagger.stages(Article(doc_id="d", text="Russland unterstützt die Volksrepublik Donezk."))
    assert next(m.code for m in st.actors.mentions if "Donezk" in m.text) == "UKR"


def test_warships_and_military_aircraft_are_military_sides(tagger):
    """"Die Huthi-Rebellen feuerten ... Raketen auf einen amerikanischen Zerstörer ab" lost its target
    (a probe): a destroyer, frigate, carrier or military aircraft of a country is that country's
    military, as "Kriegsschiff" and "Kampfjet" were."""
    st = tagger.stages(Article(doc_id="z", text="Die Huthi-Rebellen feuerten am Sonntag zwei Raketen auf einen "
                                                "amerikanischen Zerstörer ab. Ein russisches U-Boot kreuzte vor Norwegen."))
    got = {m.text: (m.code, m.sector) for m in st.actors.mentions}
    assert got.get("amerikanischen Zerstörer") == ("USA", "MIL"), got
    assert got.get("russisches U-Boot") == ("RUS", "MIL"), got


def test_an_event_noun_after_an_office_is_no_name(tagger):
    """"führte der Staatschef Gespräche mit den Rebellen" made a person "Staatschef Gespräche" (a
    probe): a noun of the event cue lexicon right after an office is no surname."""
    st = tagger.stages(Article(doc_id="g", text="In Manila führte der Staatschef Gespräche mit den Rebellen. "
                                                "Außenminister Sergej Lawrow traf Kerry."))
    texts = [m.text for m in st.actors.mentions]
    assert "Staatschef" in texts and not any("Gespräche" in t for t in texts), texts
    assert "Außenminister Sergej Lawrow" in texts


def test_a_place_after_a_romance_name_particle_is_part_of_the_name(tagger):
    """"Die Senatorin Leila de Lima" gave a person "Senatorin Leila" and a place "Lima" coded PER (a
    probe); after a Romance particle a place's name is the surname's. "Der Bürgermeister von Odessa"
    keeps its place."""
    st = tagger.stages(Article(doc_id="l", text="Die Senatorin Leila de Lima wies die Vorwürfe zurück."))
    assert [m.text for m in st.actors.mentions] == ["Senatorin Leila de Lima"], [m.text for m in st.actors.mentions]
    st = tagger.stages(Article(doc_id="o", text="Der Bürgermeister von Odessa kritisierte Kiew."))
    assert "Odessa" in [m.text for m in st.actors.mentions]
