"""Event rules on hand-made sentences: noun cues in inflected and compound forms, unreal event
nouns, refusals, withdrawals, demanded/promised/alleged content, clause structure (lists,
relative clauses, infinitives, headline participles), targets (owners, recipients, the other
side of a threat), quote speakers, and the cues that need a named target."""
import pytest

from lagebild.events import EventCoder, load_cues
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402


def _analyzer(coder: str) -> Analyzer:
    """An analyzer of ``coder`` ("rules" or "both"), dictionaries only, at the default floor; the
    test is skipped for "both" without an event model."""
    an = shared_analyzer(use_models=False, coder=coder)
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model ships in this checkout")
    return an


def _coded(coder, text, dct):
    """The document of one short article ("t") coded by ``coder`` at the default floor."""
    return _analyzer(coder)(Article(doc_id="t", text=text, dct=dct))


_RULES: dict = {}


def analyze(text, dct=None, doc_id="t", fallbacks=None):
    """The rule coder alone (these tests are about the rules, not the learned coder)."""
    key = tuple(sorted((fallbacks or {}).items()))
    if key not in _RULES:
        an = Analyzer(coder="rules")
        an.coder = EventCoder(fallbacks)
        _RULES[key] = an
    return _RULES[key](Article(doc_id=doc_id, text=text, dct=dct))


_BY_CODER: dict = {}


def analyzer_for(coder, min_confidence=None):
    """The analyzer with the NER model and this coder, shared by the tests (skip without a model)."""
    from lagebild.pipeline import Analyzer
    key = (coder, min_confidence)
    if key not in _BY_CODER:
        _BY_CODER[key] = Analyzer(coder=coder, min_confidence=min_confidence)
    if coder != "rules" and _BY_CODER[key].learned is None:
        pytest.skip("no event model ships in this checkout")
    return _BY_CODER[key]


def dyads(text, dct="2024-03-15", fallbacks=None):
    return {(e.type, tuple(sorted({p.code or "-" for p in e.source})),
             tuple(sorted({p.code or "-" for p in e.target})), e.factuality)
            for e in analyze(text, dct=dct, doc_id="t", fallbacks=fallbacks).events}


@pytest.mark.parametrize("word,typ", [
    ("angriffen", "ASSAULT"),        # dative plural of a listed noun
    ("treffens", "CONSULT"),         # genitive
    ("krisentreffen", "CONSULT"),    # closed compound with a listed head
    ("raketenangriffe", "ASSAULT"),
    ("eu-sanktionen", "SANCTION"),   # hyphenated compound
    ("wirtschaftssanktionen", "SANCTION"),
    ("sanktionspaket", "SANCTION"),  # probe P21: "ein neues Sanktionspaket gegen Russland" gave no event
    ("eu-sanktionspakets", "SANCTION"),
])
def test_noun_cues_in_inflected_and_compound_forms(word, typ):
    cues = load_cues().noun_cues(word)
    assert cues and cues[0].type == typ


@pytest.mark.parametrize("word", ["vereinigung", "treffer", "kritiker", "hilfsbereit", "abend"])
def test_words_that_only_look_like_compounds_are_no_cues(word):
    assert not load_cues().noun_cues(word)


def test_compound_summit_noun_is_a_meeting():
    got = dyads("Der französische Präsident Jean Martin traf sich beim Krisentreffen mit Kanadas "
                "Premierminister Paul Roy.")
    assert any(d[0] == "CONSULT" and d[1] == ("FRA",) and "CAN" in d[2] for d in got), got


def test_hyphenated_actor_compound_codes_the_source():
    got = dyads("Die EU-Sanktionen gegen Russland treffen die Wirtschaft hart.")
    assert ("SANCTION", ("EU",), ("RUS",), "asserted") in got, got


def test_the_idea_of_a_boycott_is_not_a_boycott():
    got = dyads("Führende Politiker der polnischen Opposition hatten die Idee eines Boykotts gegen "
                "die Regierung in Warschau aufgegriffen.")
    assert not any(d[0] == "PROTEST" and d[3] == "asserted" for d in got), got


def test_declared_refusal_to_support_is_an_asserted_rejection():
    got = dyads("Der serbische Präsident Milan Petrovic ließ wissen, dass er die Kandidatur des "
                "kroatischen Außenministers Ivan Horvat nicht unterstützen würde.")
    assert any(d[0] == "REJECT" and d[1] == ("SRB",) and d[3] == "asserted" for d in got), got
    assert not any(d[0] == "SUPPORT" for d in got), got


def test_a_withdrawal_gets_no_invented_home_target():
    person = dyads("Der amerikanische Senator John Miller zog sich im März zurück.")
    assert ("RETREAT", ("USA",), (), "asserted") in person, person
    army = dyads("Die türkische Armee hat sich am Freitag aus der Stadt zurückgezogen.")
    assert ("RETREAT", ("TUR",), (), "asserted") in army, army
    # with the home-target policy on, the inferred home target would make TUR->TUR asserted: an
    # inferred participant never makes an asserted dyad of a code with itself
    army = dyads("Die türkische Armee hat sich am Freitag aus der Stadt zurückgezogen.",
                 fallbacks={"home_target": True})
    assert ("RETREAT", ("TUR",), (), "asserted") in army, army


def test_inferred_participants_are_marked_with_their_policy():
    doc = analyze("Die USA kritisierten das scharf. Die türkische Armee zog sich zurück.",
                  fallbacks={"nearest": True})
    inferred = {p.inferred for e in doc.events for p in e.source + e.target if p.inferred}
    named = [p for e in doc.events for p in e.source + e.target if not p.inferred]
    assert all(p.text for p in named), named
    assert inferred <= {"nearest", "home", "place", "other_side", "neighbour"}, inferred


def test_unknown_fallback_policy_is_an_error():
    with pytest.raises(ValueError, match="unknown fallback"):
        EventCoder({"guess": True})


def test_what_is_demanded_or_promised_is_not_its_own_event():
    demanded = dyads("Die kolumbianischen Rebellen riefen den US-Außenminister John Kerry auf, sie "
                     "anzuerkennen.")
    assert {d[0] for d in demanded} == {"REQUEST"}, demanded
    promised = dyads("Der kanadische Premierminister Paul Roy sagte der Ukraine zu, sie weiter zu "
                     "unterstützen.")
    assert {d[0] for d in promised} == {"AGREE"}, promised
    purpose = dyads("Die Rebellen baten die US-Regierung um Unterstützung, um die Gewalt in Kolumbien zu "
                    "stoppen.")
    assert "COERCE" not in {d[0] for d in purpose}, purpose


def test_an_infinitive_after_a_demand_is_not_a_relative_clause_nor_an_event():
    got = dyads("Der bayerische Ministerpräsident Hans Huber hatte gefordert, den Zuzug der Flüchtlinge "
                "aus Syrien zu verhindern.")
    assert {d[0] for d in got} == {"REQUEST"}, got


def test_the_object_of_a_demand_is_not_an_event():
    got = dyads("Die ukrainischen Demonstranten forderten die Freilassung inhaftierter Aktivisten.")
    assert "RETREAT" not in {d[0] for d in got}, got
    assert "REQUEST" in {d[0] for d in got}, got


def test_an_ohne_clause_does_not_happen():
    got = dyads("Die polnische Polizei fragte die Daten ab, ohne die Regierung in Warschau um "
                "Genehmigung zu bitten.")
    assert got and all(d[3] == "negated" for d in got if d[0] == "REQUEST"), got


def test_plural_present_separable_verb_is_found():
    got = dyads("Kiew – Die ukrainischen Behörden haben acht Soldaten festgenommen. Die Beschuldigten "
                "weisen die Vorwürfe zurück.")
    assert any(d[0] == "REJECT" and d[1] == ("UKR",) for d in got), got


def test_determiner_that_looks_like_a_verb_is_no_cue():
    got = dyads("Vor einigen Tagen hatte die deutsche Regierung ihren Haushalt vorgestellt.")
    assert "AGREE" not in {d[0] for d in got}, got


def test_verb_first_clause_after_a_comma_keeps_the_subject():
    got = dyads("Der amerikanische Senator John Miller versucht sich als Reformer zu geben, lehnte aber "
                "bisher jeden Kompromissvorschlag ab.")
    assert any(d[0] == "REJECT" and d[1] == ("USA",) for d in got), got


def test_people_roles_take_the_dateline_country_before_the_most_named_one():
    doc = analyze("Hanoi – Kurz vor dem Besuch von US-Präsident Barack Obama in Vietnam ist ein katholischer "
                  "Priester aus dem Gefängnis entlassen worden. Die USA begrüßten das.", dct="2016-05-20")
    priest = [a for a in doc.actors if a.role == "Priester"]
    assert priest and priest[0].code == "VNM", [(a.name, a.code) for a in doc.actors]


def test_relative_clause_acts_through_its_antecedent():
    got = dyads("Paris – Die französische Regierung hat drei Vereinigungen verboten. In Frankreich sei kein "
                "Platz für Gruppen, die zu Hass aufrufen, sagte der Innenminister.")
    assert not any(d[0] == "REQUEST" for d in got), got
    got = dyads("Der israelische Botschafter in Genf, der dem Menschenrechtsrat der Vereinten Nationen "
                "Parteilichkeit vorwirft, blieb der Sitzung fern.")
    assert any(d[0] == "ACCUSE" and d[1] == ("ISR",) and d[2] == ("UN",) for d in got), got


def test_attributive_participle_after_a_preposition_is_no_event():
    got = dyads("Russland unterstützt das syrische Regime mit international scharf kritisierten Luftangriffen.")
    assert "ACCUSE" not in {d[0] for d in got}, got


def test_alleged_fighters_do_not_make_their_arrest_hypothetical():
    got = dyads("Bamako – Malische Soldaten haben am Montag mutmaßliche Kämpfer der Islamistengruppe "
                "Ansar Dine festgenommen.")
    assert any(d[0] == "COERCE" and d[3] == "asserted" for d in got), got


def test_headline_participle_without_auxiliary_is_passive():
    got = dyads("Zwei Palästinenser von israelischen Soldaten erschossen.")
    assert ("ASSAULT", ("ISR",), ("PSE",), "asserted") in got, got


def test_being_hit_is_not_a_meeting():
    got = dyads("Bei dem Angriff der syrischen Armee wurden zwei Schulen der Vereinten Nationen getroffen.")
    assert "CONSULT" not in {d[0] for d in got}, got


def test_figurative_fighting_is_no_assault():
    got = dyads("Roms Bürgermeister Ignazio Marino kämpft um seine politische Zukunft.")
    assert "ASSAULT" not in {d[0] for d in got}, got


def test_nicht_nur_is_no_negation():
    got = dyads("Nicht nur die polnische Opposition fordert den Rücktritt der Regierung in Warschau.")
    assert any(d[0] == "REQUEST" and d[3] == "asserted" for d in got), got


def test_verb_first_sollten_after_a_comma_is_a_condition():
    got = dyads("Der türkische Premier Ahmet Davutoglu drohte den syrischen Kurden mit Luftschlägen, "
                "sollten sie sich nicht aus Azaz zurückziehen.")
    assert all(d[3] == "hypothetical" for d in got if d[0] == "RETREAT"), got


def test_what_is_alleged_is_not_its_own_event():
    got = dyads("China wirft türkischen Diplomaten vor, uigurischen Flüchtlingen mit Reisedokumenten zu helfen.")
    assert {d[0] for d in got} == {"ACCUSE"}, got


def test_sentence_initial_pronoun_before_a_finite_verb_is_no_cue():
    got = dyads("Der österreichische Außenminister Sebastian Kurz war in Sarajevo. Einigen sei der Ernst "
                "der Lage bewusst.")
    assert "AGREE" not in {d[0] for d in got}, got


def test_coordinated_mentions_share_the_preposition():
    got = dyads("Die österreichische Regierung will die Hilfsgelder für Syrien, UN-Organisationen und den "
                "Libanon aufstocken.")
    aid = [d for d in got if d[0] == "AID"]
    assert aid and {"SYR", "UN"} <= set(aid[0][2]) and aid[0][1] == ("AUT",), got


def test_support_with_money_is_material_aid():
    got = dyads("Der Fonds der Europäischen Union soll von Österreich mit drei Millionen Euro unterstützt werden.")
    assert any(d[0] == "AID" and d[1] == ("AUT",) and d[2] == ("EU",) for d in got), got
    assert "SUPPORT" not in {d[0] for d in got}, got


def test_inflected_participle_before_a_noun_is_attributive():
    got = dyads("Die von der Regierung in Kiew geforderte Aufnahme der Ukraine in die Nato ist kein Thema.")
    assert "REQUEST" not in {d[0] for d in got}, got


@pytest.mark.parametrize("sentence", [
    "Die japanische Regierung betrachtet die Manöver Chinas mit großer Sorge.",
    "Die japanische Regierung zeigte sich besorgt über die Manöver Chinas.",
])
def test_concern_about_conduct_is_disapproval(sentence):
    got = dyads(sentence)
    assert any(d[0] == "ACCUSE" and d[1] == ("JPN",) and d[2] == ("CHN",) for d in got), got


def test_owner_of_the_object_is_the_target():
    got = dyads("Der UNO-Sonderberichterstatter hat den Umgang Israels mit den Menschenrechten der "
                "Palästinenser scharf kritisiert.")
    assert any(d[0] == "ACCUSE" and d[1] == ("UN",) and d[2] == ("ISR",) for d in got), got


def test_von_after_an_event_noun_is_not_the_passive_agent():
    got = dyads("Während des Besuchs von Papst Franziskus in Kuba sind kubanische Dissidenten "
                "festgenommen worden.")
    # the pope is not the one who arrests; the Cuban state is only inferred (from "in Kuba"), and an
    # inferred participant never makes an asserted CUB->CUB dyad, so no source is asserted
    assert not any(d[0] == "COERCE" and "VAT" in d[1] for d in got), got
    assert not any(d[0] == "COERCE" and d[1] == ("CUB",) and d[2] == ("CUB",) and d[3] == "asserted"
                   for d in got), got
    got = dyads("Die kubanische Polizei hat während des Besuchs von Papst Franziskus Dissidenten festgenommen.")
    assert any(d[0] == "COERCE" and d[1] == ("CUB",) for d in got), got


def test_an_event_nouns_target_follows_it_closely():
    got = dyads("Bei seinen Gesprächen in Kairo verteidigte der US-Außenminister John Kerry auch das "
                "Atomabkommen mit dem Iran.")
    assert not any(d[0] == "CONSULT" and "IRN" in d[2] for d in got), got


THREAT_STORY = ("Die chinesische Regierung in Peking wies die Vorwürfe zurück. China sei selbst Opfer. "
                "Peking werde sich nicht an Diebstahl beteiligen. Die US-Regierung war nicht zufrieden. "
                "Ein US-Vertreter sagte, man erwarte Taten. Die USA würden nicht zögern, die notwendigen "
                "Schritte zu ergreifen.")


def test_threat_with_no_one_named_is_aimed_at_the_other_side_only_by_policy():
    got = dyads(THREAT_STORY, fallbacks={"other_side": True})
    threats = [d for d in got if d[0] == "THREATEN"]
    assert threats and threats[0][1] == ("USA",) and threats[0][2] == ("CHN",), got
    assert threats[0][3] == "asserted", got
    doc = analyze(THREAT_STORY, fallbacks={"other_side": True})
    tgt = next(p for e in doc.events if e.type == "THREATEN" for p in e.target)
    assert tgt.inferred == "other_side" and tgt.text is None
    # by default the other side is not guessed: the threat has no target
    got = dyads(THREAT_STORY)
    assert any(d[0] == "THREATEN" and d[1] == ("USA",) and d[2] == () for d in got), got


def test_state_noun_before_a_country_name_is_the_country():
    doc = analyze("Das Nato-Land Türkei ist nach vier Selbstmordanschlägen in Alarmbereitschaft.")
    assert not any("NATO" in {p.code for p in e.source + e.target} for e in doc.events), doc.events
    assert [a.code for a in doc.actors if "Türkei" in a.mentions[0]] == ["TUR"]


def test_arabs_as_a_people_are_not_the_arab_league():
    doc = analyze("Bei Protesten auf Korsika riefen Demonstranten Parolen gegen Araber.")
    assert all(a.code != "ARAB_LEAGUE" for a in doc.actors), [(a.name, a.code) for a in doc.actors]
    doc = analyze("Die arabischen Staaten verurteilten den Angriff.")
    assert any(a.code == "ARAB_LEAGUE" for a in doc.actors)


def test_sowohl_als_auch_coordinates_two_sources():
    got = dyads("Sowohl der französische Premier Manuel Valls als auch der deutsche Innenminister Hans Weber "
                "verurteilten die Angriffe Russlands.")
    accuse = [d for d in got if d[0] == "ACCUSE"]
    assert accuse and set(accuse[0][1]) == {"FRA", "DEU"}, got


def test_unmarked_speech_after_the_last_comma_and_its_named_speaker():
    doc = analyze("Es gibt keinen Plan, mit der Strategie eine Armee aufzustellen, erklärte eine Sprecherin "
                  "der EU-Kommission. Das Establishment sagt nicht die Wahrheit, schrieb der Chef der Ukip, "
                  "Nigel Farage, im Kurznachrichtendienst Twitter.")
    speakers = [(q.text[:12], q.speaker.text if q.speaker else None) for q in doc.quotes]
    assert ("Es gibt kein", "Sprecherin der EU-Kommission") in speakers or any(
        t == "Es gibt kein" and s and "Sprecherin" in s for t, s in speakers), speakers
    assert any(t.startswith("Das Establ") and s == "Nigel Farage" for t, s in speakers), speakers


def test_first_person_sentence_after_a_quote_continues_it():
    doc = analyze("Ich will nicht, dass Hillary Clinton Präsidentin wird, sagte der US-Senator Marco Rubio. "
                  "Wenn ich irgendetwas tun kann, fühle ich mich geehrt.")
    assert len(doc.quotes) == 2 and all(q.speaker and "Rubio" in q.speaker.text for q in doc.quotes), doc.quotes


def test_compound_office_takes_the_code_of_the_institution_named_before():
    doc = analyze("London – Die EU-Kommission hat einen britischen Bericht zurückgewiesen. Es gebe kein "
                  "Papier, erklärte eine Kommissionssprecherin.")
    assert any(a.role == "Sprecher" and a.code == "EU" for a in doc.actors), [(a.name, a.code) for a in doc.actors]


def test_eval_counts_quote_speakers():
    from lagebild.evaluate.events import score_pairs
    gold = {"doc_id": "d", "events": [], "quotes": [
        {"speaker": "Nigel Farage", "code": "GBR", "text_start": "Das Establishment sagt"},
        {"speaker": "Anna Berg", "code": "DEU", "text_start": "Nichts davon stimmt"}]}
    pred = {"doc_id": "d", "events": [], "quotes": [
        {"text": "„Das Establishment sagt nicht die Wahrheit“", "speaker": {"text": "Nigel Farage", "code": "GBR"}}]}
    score = score_pairs([(gold, pred)])
    assert (score.quotes_n, score.quotes_found, score.quotes_right) == (2, 1, 1)


def test_recipients_of_promised_money_are_the_targets_of_the_aid():
    got = dyads("Insgesamt wurden für den EU-Fonds von den Mitgliedstaaten der NATO 1,1 Milliarden Euro "
                "versprochen.")
    assert any(d[0] == "AID" and d[1] == ("NATO",) and d[2] == ("EU",) for d in got), got


def test_preventing_needs_someone_to_act_on():
    assert not any(d[0] == "REJECT" for d in dyads("Der Sultan von Oman wollte Rivalitäten im Vorfeld verhindern."))
    got = dyads("So hat London auch verhindert, dass es ein Hauptquartier der EU-Armee in Brüssel gibt.")
    assert any(d[0] == "REJECT" and d[1] == ("GBR",) and d[2] == ("EU",) for d in got), got


def test_nirgends_is_a_negation():
    got = dyads("Die deutschen Grünen werden dem Plan der Regierung in Wien nirgends zustimmen.")
    assert not any(d[0] == "AGREE" and d[3] in ("asserted", "planned") for d in got), got


def test_a_millionth_visitor_is_no_money():
    got = dyads("Im April begrüßte die österreichische Nationalratspräsidentin Doris Bures den millionsten "
                "Besucher im Parlament.")
    assert "AID" not in {d[0] for d in got}, got


def test_speaking_out_for_a_policy_has_no_invented_target():
    got = dyads("Die irische Regierung lobte den Plan. Sowohl Werner Faymann als auch Angela Merkel sprachen "
                "sich für faire Quoten aus.")
    assert not any(d[0] == "SUPPORT" and "IRL" in d[2] and "IRL" not in d[1] for d in got), got


def test_a_thing_as_subject_leaves_the_event_without_an_actor():
    got = dyads("Der amerikanische Präsident Barack Obama lobte das Abkommen. Die Übereinkunft soll verhindern, "
                "dass der Iran Atomwaffen erlangt.")
    assert not any(d[0] == "REJECT" for d in got), got


def test_headline_participles_joined_by_und_are_passive():
    got = dyads("Zwei Palästinenser erschossen und vier Israelis schwer verletzt. Jerusalem – Israelische "
                "Soldaten haben am Freitag zwei Palästinenser getötet.")
    assert not any(d[0] == "ASSAULT" and d[1] == ("PSE",) for d in got), got


def test_role_noun_before_an_organisation_name_is_that_organisation():
    doc = analyze("Kerry traf die Unterhändler der kolumbianischen Regierung und der Guerillaorganisation FARC.")
    assert any(a.name == "FARC" and a.code == "COL" for a in doc.actors), [(a.name, a.code) for a in doc.actors]
    assert not any(a.code == "USA" and "Guerilla" in a.name for a in doc.actors)


def test_the_sides_of_a_conflict_take_the_storys_country():
    doc = analyze("In Kolumbien kämpfen die Armee und die Rebellen der FARC gegeneinander. Der UN-Generalsekretär "
                  "rief die Konfliktparteien auf, die Kämpfe einzustellen.")
    sides = [a for a in doc.actors if a.role == "Konfliktpartei"]
    assert sides and sides[0].code == "COL", [(a.name, a.code) for a in doc.actors]


def test_talks_between_two_sides_are_a_meeting_of_both():
    got = dyads("Die Gespräche zwischen der ukrainischen Regierung und Russland wurden fortgesetzt.")
    consult = {(d[1], d[2]) for d in got if d[0] == "CONSULT"}
    assert (("UKR",), ("RUS",)) in consult and (("RUS",), ("UKR",)) in consult, got


def test_announced_withdrawal_is_one_concession():
    got = dyads("Luanda – Angolas Präsident Eduardo Gomes kündigt nach fast 40 Jahren an der Macht seinen "
                "Rückzug an.")
    assert {d[0] for d in got} == {"CONCEDE"}, got


def test_a_particle_name_is_not_the_famous_bearer_of_the_surname():
    doc = analyze("Luanda – Dos Santos kündigt seinen Rückzug an.")
    assert not any(a.code == "COL" for a in doc.actors), [(a.name, a.code) for a in doc.actors]


def test_der_plus_nationality_is_the_person_named_before():
    doc = analyze("Genf – Der UNO-Sonderberichterstatter Makarim Wibisono hat Israel kritisiert. Im Jänner hatte "
                  "der Indonesier seinen Rücktritt verkündet, weil Israel ihm den Zutritt verweigerte. Die "
                  "Forderungen der Indonesier sind klar.")
    wib = next(a for a in doc.actors if "Wibisono" in a.name)
    assert "Indonesier" in wib.mentions and wib.code == "UN"
    assert any(a.code == "IDN" for a in doc.actors)          # the genitive plural stays the people
    got = {(e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target)) for e in doc.events}
    assert ("REJECT", ("ISR",), ()) in got, got       # "ihm": the nearest-actor guess is off by default


def test_the_same_armed_group_keeps_its_country_through_the_story():
    doc = analyze("Bogotá – Die kolumbianischen Rebellen haben einen Waffenstillstand verkündet. Der US-Außenminister "
                  "John Kerry lobte das. Die USA unterstützen den Frieden. Die Rebellen baten die USA um Hilfe.")
    rebels = {a.code for a in doc.actors if a.role == "Rebell"}
    assert rebels == {"COL"}, [(a.name, a.code) for a in doc.actors]


def test_borders_file_parses_and_is_symmetric():
    from lagebild.events import load_borders
    from lagebild.lexicon import load_lexicon
    borders = load_borders()
    assert "UKR" in borders["RUS"] and "RUS" in borders["UKR"]
    asym = [(a, b) for a, near in borders.items() for b in near if a not in borders.get(b, ())]
    assert asym == []
    codes = {e.code for e in load_lexicon().actors.values() if e.kind == "country"}
    assert set(borders) <= codes


def test_the_neighbouring_country_is_the_sources_neighbour_named_in_the_story():
    got = dyads("Die USA und Großbritannien warnen. Die ukrainische Regierung in Kiew ist besorgt. "
                "Die USA haben davor gewarnt, dass Russland ins Nachbarland einmarschieren könnte.")
    assert ("ASSAULT", ("RUS",), ("UKR",), "hypothetical") in got, got


def test_object_first_clause_with_a_masculine_subject_after_the_verb():
    got = dyads("Die Regierung in Kiew kritisierte der russische Präsident Wladimir Putin scharf.")
    assert ("ACCUSE", ("RUS",), ("UKR",), "asserted") in got, got
    got = dyads("Die USA kritisierten der Ukraine zufolge die russische Armee.")
    assert not any(d[0] == "ACCUSE" and d[1] == ("UKR",) for d in got), got


def test_nationality_anaphor_skips_people_of_another_country():
    doc = analyze("Havanna – Papst Franziskus traf in Havanna ein. Castro empfing den Argentinier in einem "
                  "Trainingsanzug. Die Polizei half den Argentiniern.")
    pope = next(a for a in doc.actors if "Franziskus" in a.name)
    castro = next(a for a in doc.actors if "Castro" in a.name)
    assert "Argentinier" in pope.mentions and "Argentinier" not in castro.mentions
    assert any(a.code == "ARG" for a in doc.actors)       # the dative plural stays the people


def test_a_place_after_a_noun_is_not_the_passive_agent():
    got = dyads("Rabat – In Marokko ist ein Belgier mit Verbindungen zu den Attentätern von Paris festgenommen "
                "worden.")
    assert ("COERCE", ("MAR",), ("BEL",), "asserted") in got, got


def test_deportation_by_one_state_of_people_of_another():
    got = dyads("Die Abschiebung von rund 100 Uiguren durch Thailand nach China sorgte für Kritik.")
    assert ("COERCE", ("THA",), ("CHN",), "asserted") in got, got


def test_showing_no_papers_is_no_expulsion():
    got = dyads("Die türkischen Polizisten hätten sich nicht ausgewiesen, sagte der Chefredakteur.")
    assert "SANCTION" not in {d[0] for d in got}, got


def test_reacting_with_concern_is_disapproval():
    got = dyads("Die EU reagierte besorgt auf das Vorgehen der türkischen Behörden.")
    assert any(d[0] == "ACCUSE" and d[1] == ("EU",) and d[2] == ("TUR",) for d in got), got


def test_two_participles_sharing_an_auxiliary_stay_one_clause():
    from lagebild import text as T
    from lagebild.events import split_clauses
    txt = "Dem Konzern wird vorgeworfen, die Gruppe finanziert und unterstützt zu haben."
    _, sts = T.tokenize(txt, T.segment(txt))
    clauses = split_clauses(sts[0], load_cues())
    assert [c.kind for c in clauses] == ["main", "infinitive"]


@pytest.mark.parametrize("txt,kinds", [
    ("Die Verhandlungspartner USA, Russland, China, Frankreich, Großbritannien und Deutschland haben sich "
     "mit dem Iran geeinigt.", ["main"]),
    ("Merkel traf Obama, Putin sprach mit Xi.", ["main", "main"]),
])
def test_a_long_list_of_names_stays_in_its_clause(txt, kinds):
    """Every comma of "X, Y, Z und W" is a list comma, not only the last before "und"; a comma
    before a new subject and verb still ends the clause."""
    from lagebild import text as T
    from lagebild.events import split_clauses
    _, sts = T.tokenize(txt, T.segment(txt))
    assert [c.kind for c in split_clauses(sts[0], load_cues())] == kinds
    if len(kinds) == 1:
        got = dyads(txt)
        assert ("AGREE", ("CHN", "DEU", "FRA", "GBR", "RUS", "USA"), ("IRN",), "asserted") in got, got


def test_an_armed_groups_office_holder_belongs_to_the_group():
    doc = analyze("Beirut – Nahe der syrischen Stadt Raqqa ist ein Kommandant des IS getötet worden.")
    commander = next(a for a in doc.actors if a.role == "Kommandant")
    assert (commander.code, commander.sector) == ("SYR", "REB"), [(a.name, a.code, a.sector) for a in doc.actors]


def test_court_sentences_are_sanctions_and_criticism_is_not():
    got = dyads("Ein iranisches Gericht hat den Journalisten Ali Rezai zu zehn Jahren Haft verurteilt.")
    assert any(d[0] == "SANCTION" and d[1] == ("IRN",) for d in got), got
    got = dyads("Die deutsche Regierung verurteilte den Angriff Russlands scharf.")
    assert any(d[0] == "ACCUSE" for d in got) and not any(d[0] == "SANCTION" for d in got), got


def test_calling_something_genocide_is_an_accusation():
    got = dyads("Der türkische Präsident Recep Tayyip Erdogan hatte die Behandlung der Uiguren in China als "
                "eine Art Völkermord bezeichnet.")
    assert any(d[0] == "ACCUSE" and d[1] == ("TUR",) and d[2] == ("CHN",) for d in got), got


def test_protests_are_by_the_people_of_the_place():
    got = dyads("Die Entscheidung hatte in Ankara zu gewaltsamen Protesten vor dem thailändischen Konsulat geführt.")
    assert any(d[0] == "PROTEST" and d[1] == ("TUR",) and d[2] == ("THA",) for d in got), got


def test_agentless_indictment_is_by_the_state_where_it_happens():
    got = dyads("Rabat – Mehrere marokkanische Verdächtige sind in Belgien bereits angeklagt. Russland ist in die "
                "Ukraine einmarschiert.")
    assert ("ACCUSE", ("BEL",), ("MAR",), "asserted") in got, got
    assert ("ASSAULT", ("RUS",), ("UKR",), "asserted") in got, got     # a sein-perfect, not a passive


def test_cities_code_datelines_and_places_but_are_not_actors():
    from lagebild.lexicon import load_lexicon
    lex = load_lexicon()
    assert lex.actors[("Istanbul",)].code == "TUR" and lex.actors[("Aleppos",)].code == "SYR"
    assert ("Essen",) not in lex.actors and ("Van",) not in lex.actors      # German words, name particles
    got = dyads("Istanbul – Die türkische Polizei hat am Montag in Istanbul zwölf Journalisten festgenommen.")
    assert ("COERCE", ("TUR",), ("TUR",), "asserted") in got, got


@pytest.mark.parametrize("dateline", ["Kiew (dpa) - ", "Kiew (APA) – ", "KIEW, 12. März (Reuters) - ", "Kiew – "])
def test_a_wire_dateline_with_its_agency_is_no_actor(dateline):
    """Probe P21: "Kiew (dpa) - Russische Truppen ... beschossen" also gave UKR -> UKR and UKR -> RUS
    (the dateline's city a source), "dpa" and "Reuters" sources of their own."""
    from lagebild.actors import dateline_end
    from lagebild.records import Article
    text = dateline + "Russische Truppen haben in der Nacht die Stadt Charkiw beschossen."
    for coder in ("rules", "both"):
        doc = shared_analyzer(use_models=False, coder=coder, min_confidence=0)(Article(doc_id="w", text=text, dct="2024-03-12"))
        got = {(e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target)) for e in doc.events}
        assert got == {("ASSAULT", ("RUS",), ("UKR",))}, (coder, got)
    toks = shared_analyzer(use_models=False).stages(Article(doc_id="w", text="Russland hat - wie erwartet - "
                                                                     "die Ukraine angegriffen.")).sent_tokens[0].tokens
    assert dateline_end(toks) is None       # a lower-case word before the dash: no dateline


def test_a_city_file_row_needs_a_code_and_forms():
    from lagebild.lexicon import LexiconError, build_lexicon
    with pytest.raises(LexiconError, match="cities.tsv:2"):
        build_lexicon({"cities.tsv": "code\tforms\tnote\n\tAleppo\t\n"})


def test_member_states_are_of_the_organisation_named_last():
    doc = analyze("Minsk – Die Europäische Union hat neue Sanktionen gegen Belarus beschlossen. Die "
                  "Mitgliedstaaten einigten sich am Montag.")
    assert [a.code for a in doc.actors if a.name == "Mitgliedstaaten"] == ["EU"], [(a.name, a.code) for a in doc.actors]


def test_a_known_person_in_the_genitive_keeps_their_code():
    doc = analyze("Wien – Der Verein hat den Besuch Recep Tayyip Erdogans in Österreich organisiert.")
    assert any(a.code == "TUR" and "Erdogan" in a.name for a in doc.actors), [(a.name, a.code) for a in doc.actors]
    assert not any(a.code == "AUT" and "Erdogan" in a.name for a in doc.actors)


def test_between_only_right_after_the_noun_and_kein_belongs_to_its_noun():
    got = dyads("Die EU-Kommissarin plant keine Untersuchungen zu Steuervereinbarungen zwischen Unternehmen "
                "und EU-Staaten.")
    assert not any(d[0] in ("ACCUSE", "REJECT") for d in got), got


def test_named_apposition_after_a_role_with_a_feminine_complement():
    doc = analyze("Kolumbiens Regierung verhandelt. Es war ein produktives Treffen, sagte der Chefunterhändler "
                  "der Regierung, Humberto de la Calle, nach den Gesprächen in Havanna.")
    assert any(q.speaker and q.speaker.text == "Humberto de la Calle" for q in doc.quotes), doc.quotes


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_source_preposition_in_the_events_own_clause_names_who_reports_it(coder):
    """ "Die Ukraine hat Russland nach Angaben von Ärzten erneut angegriffen": the doctors report
    the attack (reported_by), they are not a side of it; also for the learned coder's events."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="r", dct="2024-03-14", text="Kiew – Die Ukraine hat Russland nach Angaben von "
                     "Ärzten am Montag erneut angegriffen. Laut Polizei nahmen Beamte in Minsk 35 "
                     "Demonstranten fest."))
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert attack.reported_by is not None and attack.reported_by.text == "Ärzten"
    assert all(p.text != "Ärzten" for p in attack.source + attack.target)
    if coder == "rules":      # the learned role model may still take "Polizei" for the arrester
        arrest = next(e for e in doc.events if e.type == "COERCE")
        assert arrest.reported_by is not None and arrest.reported_by.text == "Polizei"


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_angaben_with_an_adjective_say_whose_and_cite_no_name_after_them(coder):
    """ "nach ukrainischen Angaben die Stadt Charkiw": Charkiw is the target, not who reports it
    (the attack was lost, a new-user probe); "nach eigenen Angaben" neither."""
    an = _analyzer(coder)
    for text in ("Russische Truppen haben nach ukrainischen Angaben die Stadt Charkiw angegriffen.",
                 "Russland hat nach eigenen Angaben Charkiw angegriffen."):
        doc = an(Article(doc_id="a", dct="2024-03-14", text=text))
        attacks = [(e.factuality, [p.code for p in e.source], [p.code for p in e.target], e.reported_by)
                   for e in doc.events if e.type == "ASSAULT"]
        assert attacks and all(a[:3] == ("asserted", ["RUS"], ["UKR"]) and a[3] is None for a in attacks), attacks


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_condition_before_its_main_clause_is_carried_by_the_main_event(coder):
    """ "Falls Russland angreift, wird die Nato Truppen nach Polen verlegen": the troop move carries
    its condition; the attack inside the condition is hypothetical."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="c", dct="2024-03-14", text="Brüssel – Falls Russland angreift, wird die Nato "
                     "Truppen nach Polen verlegen, sagte ein Sprecher am Montag."))
    move = next(e for e in doc.events if e.type == "MOBILIZE")
    assert move.condition == "Falls Russland angreift"
    assert all(e.factuality != "asserted" for e in doc.events if e.type == "ASSAULT")


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_hypothetical_event_has_no_date_and_the_speech_date_stays_with_the_speech(coder):
    """ "Sollte Russland angreifen, würden die USA Sanktionen verhängen, sagte Biden am Montag":
    Monday dates the speech, not the sanctions, which have not happened (EVENTS.md: date null)."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="h", dct="2022-02-18", text="Washington – Sollte Russland die Ukraine angreifen, "
                     "würden die USA harte Sanktionen gegen Russland verhängen, sagte Biden am Montag."))
    hyp = [e for e in doc.events if e.factuality == "hypothetical"]
    assert any(e.type == "SANCTION" for e in hyp), [(e.type, e.factuality) for e in doc.events]
    assert all(e.date is None for e in hyp)
    # a planned event keeps its date, never before the document date
    doc = an(Article(doc_id="p", dct="2022-02-18", text="Blinken will am Donnerstag Lawrow in Genf treffen."))
    meet = next(e for e in doc.events if e.type == "CONSULT")
    assert meet.factuality == "planned" and meet.date.value == "2022-02-24"


def test_the_event_scorer_reports_calibration_by_confidence_band():
    """`lagebild eval events` says how many events at each confidence are right: an event is right
    when one of its dyads fits a gold dyad, required or optional."""
    from lagebild.evaluate.events import EventScore, score_document

    def ev(typ, s, t, conf=None, optional=False):
        e = {"type": typ, "factuality": "asserted", "source": [{"code": s}], "target": [{"code": t}],
             "optional": optional}
        if conf is not None:
            e["confidence"] = conf
        return e

    gold = {"doc_id": "g", "events": [ev("ACCUSE", "FRA", "TUR"), ev("AID", "DEU", "TUR", optional=True)]}
    pred = {"events": [ev("ACCUSE", "FRA", "TUR", 0.85), ev("AID", "DEU", "TUR", 0.91),
                       ev("ASSAULT", "TUR", "FRA", 0.83), ev("CONSULT", "FRA", "DEU", 0.42),
                       ev("REJECT", "TUR", "FRA")]}
    result = EventScore()
    score_document(gold, pred, result)
    cal = result.as_dict()["calibration"]
    assert cal["at_0.8"] == {"events": 3, "right": 2}
    assert cal["bands"]["0.4"] == {"events": 1, "right": 0} and "0.0" not in cal["bands"]


def test_a_list_that_agrees_with_a_partner_is_one_side_not_agreements_among_its_members():
    got = dyads("Frankreich, Deutschland und Italien einigten sich am Montag mit Tunesien "
                "auf ein Migrationsabkommen.")
    assert ("AGREE", ("DEU", "FRA", "ITA"), ("TUN",), "asserted") in got
    assert not any(set(src) & {"DEU", "FRA", "ITA"} and set(tgt) & {"DEU", "FRA", "ITA"}
                   for _, src, tgt, _ in got), got
    # without a partner the members still meet each other
    got = dyads("Russland und die Ukraine einigten sich auf eine Waffenruhe.")
    assert {(t, s, g) for t, s, g, _ in got} == {("AGREE", ("RUS",), ("UKR",)), ("AGREE", ("UKR",), ("RUS",))}


def test_an_office_is_of_its_genitive_attribute_which_is_never_the_other_side():
    got = dyads("Der Sprecher der Regierung Polens kritisierte Ungarn am Dienstag scharf.")
    assert {(t, s, g) for t, s, g, _ in got} == {("ACCUSE", ("POL",), ("HUN",))}, got
    # the subject's own attribute is not the owner of the object: no FRA -> FRA
    got = dyads("Die Außenminister Frankreichs verurteilten die Wahl.")
    assert not any(s == g for _, s, g, _ in got), got
    # "der 27 Mitgliedstaaten": the members of the organisation named before
    doc = analyze("Die EU hat neue Regeln beschlossen. Die Außenminister der 27 Mitgliedstaaten "
                  "verurteilten Russland.", dct="2024-03-15")
    acc = [e for e in doc.events if e.type == "ACCUSE"]
    assert acc and {p.code for p in acc[0].source} == {"EU"} and {p.code for p in acc[0].target} == {"RUS"}


def test_the_rule_coder_tells_who_reports_each_sentence_also_without_an_event_in_it():
    an = Analyzer(coder="rules")
    st = an.stages(Article(doc_id="r", dct="2024-03-15", text=(
        "Die Regierung tagte am Montag. Nach Angaben der Polizei wurden in Kabul zwölf Menschen "
        "getötet. Das Wetter war schlecht, sagte der russische Außenminister Sergej Lawrow.")))
    assert st.reporters[1].text == "Polizei"          # no country known: still who says so
    assert st.reporters[2].text.endswith("Lawrow") and st.reporters[2].code == "RUS"
    assert 0 not in st.reporters


@pytest.mark.parametrize("text,want", [
    ("Die Ukraine feuerte Artilleriegranaten auf russische Stellungen ab.", ("ASSAULT", ("UKR",), ("RUS",))),
    ("Die Türkei flog Luftangriffe gegen syrische Stellungen.", ("ASSAULT", ("TUR",), ("SYR",))),
    ("Die Armee verübte Anschläge auf Dörfer in Mali, sagte die Regierung Nigers.", None),
    ("Russland flog Luftschläge gegen die Ukraine.", ("ASSAULT", ("RUS",), ("UKR",))),
])
def test_everyday_words_for_force(text, want):
    got = {(t, s, g) for t, s, g, _ in dyads(text)}
    if want is None:
        assert all(t != "ASSAULT" or g for t, s, g in got), got    # never an attack on no one named
    else:
        assert want in got, got


def test_the_subject_of_a_passive_clause_is_not_the_attacker_of_a_noun_event():
    got = dyads("Bei Drohnenangriffen auf Odessa wurden drei Menschen verletzt.")
    assert not any(t == "ASSAULT" and "UKR" in s for t, s, g, _ in got), got
    # in an active clause the subject is the attacker
    got = dyads("Russland flog Drohnenangriffe auf Odessa.")
    assert ("ASSAULT", ("RUS",), ("UKR",), "asserted") in got, got


def test_a_region_is_a_place_of_its_state():
    doc = analyze("Israelische Kampfjets bombardierten am Montag Ziele im Gazastreifen.", dct="2024-03-15")
    ev = next(e for e in doc.events if e.type == "ASSAULT")
    assert ev.location is not None and ev.location.code == "PSE"
    assert {p.code for p in ev.source} == {"ISR"}


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_denied_report_says_is_not_a_fact(coder):
    from lagebild.records import Article
    an = analyzer_for(coder, min_confidence=0.0)
    doc = an(Article(doc_id="d", dct="2024-05-17", text="Der Verteidigungsminister wies Berichte zurück, wonach "
                     "die Bundeswehr Soldaten nach Litauen verlegt habe."))
    assert not any(e.type == "MOBILIZE" and e.factuality == "asserted" for e in doc.events)
    # a confirmed report is told as a fact
    got = dyads("Die Polizei bestätigte Berichte, wonach die russische Armee Soldaten nach Belarus verlegt habe.")
    assert any(t == "MOBILIZE" and f == "asserted" for t, _, _, f in got), got


def test_what_a_demand_asks_for_is_not_an_event_also_before_the_verb():
    got = dyads("Die Bundesregierung hat Israel zu mehr humanitärer Hilfe für den Gazastreifen aufgefordert.")
    assert ("REQUEST", ("DEU",), ("ISR",), "asserted") in got
    assert not any(t == "AID" for t, _, _, _ in got), got
    # but a call to strike is the strike, as the corpus codes it
    got = dyads("Die Gewerkschaft in Frankreich hat für Montag zu landesweiten Streiks gegen die Regierung aufgerufen.")
    assert any(t == "PROTEST" for t, _, _, _ in got), got


def test_no_agreement_reached_is_a_negated_agreement_not_a_refusal():
    got = dyads("Russland und die Ukraine haben sich nicht auf einen Gefangenenaustausch geeinigt.")
    assert {(t, s, g, f) for t, s, g, f in got} == {("AGREE", ("RUS",), ("UKR",), "negated"),
                                                    ("AGREE", ("UKR",), ("RUS",), "negated")}
    # a declared refusal stays a REJECT
    got = dyads("Deutschland will die Ukraine nicht unterstützen.")
    assert ("REJECT", ("DEU",), ("UKR",), "asserted") in got


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_who_a_sentence_cites_is_never_a_side_of_what_it_reports(coder):
    from lagebild.records import Article
    an = analyzer_for(coder)
    doc = an(Article(doc_id="c", dct="2024-05-17", text="Laut Polizei haben Unbekannte in Dresden einen "
                     "SPD-Politiker angegriffen. Nach Angaben der Polizei kritisierte Deutschland am Montag "
                     "Polen scharf."))
    for e in doc.events:
        assert not any(p.text in ("Polizei", "Armee") for p in e.source + e.target), e
    acc = [e for e in doc.events if e.type == "ACCUSE"]
    assert acc and acc[0].reported_by is not None and acc[0].reported_by.text == "Polizei"


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_guessed_country_is_never_set_against_that_very_state(coder):
    from lagebild.records import Article
    an = analyzer_for(coder)
    for text in ("Der Außenminister kritisierte am Montag Serbien scharf.",
                 "Der Außenminister kündigte an, die Gespräche mit Serbien im Juni fortzusetzen."):
        doc = an(Article(doc_id="g", dct="2024-05-17", text=text))
        assert not any({p.code for p in e.source} & {p.code for p in e.target} for e in doc.events), \
            [(e.type, [p.code for p in e.source], [p.code for p in e.target]) for e in doc.events]
    # the same with the minister's country said: the event is there
    doc = an(Article(doc_id="g", dct="2024-05-17", text="Der kroatische Außenminister kritisierte am Montag "
                     "Serbien scharf."))
    assert any(e.type == "ACCUSE" and {p.code for p in e.source} == {"HRV"} for e in doc.events)


def test_two_guessed_sides_of_one_country_stay_a_domestic_dyad():
    from lagebild.actors import Mention
    from lagebild.events.policies import guessed_against_own_state

    def m(kind, code_from):
        return Mention(0, 0, 1, 0, 5, "x", "SYR", None, kind, code_from=code_from)
    assert guessed_against_own_state(m("person", "story"), m("country", None))
    assert not guessed_against_own_state(m("group", "nearby"), m("group", "nearby"))   # troops v rebels
    assert not guessed_against_own_state(m("person", None), m("country", None))        # said for it


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_members_of_one_list_are_one_side_of_a_one_sided_act(coder):
    from lagebild.records import Article
    an = analyzer_for(coder)
    doc = an(Article(doc_id="l", dct="2024-05-17", text="Die USA, Großbritannien und Kanada verhängten am Montag "
                     "neue Sanktionen gegen iranische Drohnenhersteller."))
    allies = {"USA", "GBR", "CAN"}
    assert any(e.type == "SANCTION" and {p.code for p in e.target} == {"IRN"} for e in doc.events)
    assert not any({p.code for p in e.source} & allies and {p.code for p in e.target} & allies
                   for e in doc.events)


def test_review_cases_of_the_sixth_session():
    """Rules that must not fire: a failed agreement over a noun is no asserted agreement; a
    refusal to join stays a REJECT; 'Kurz darauf' is no person; a genitive before the verb is
    not the object; an inverted 'die Regierung Moskau' keeps Moscow a side; 'Nato-Pläne' is
    no person; 'fremdenfeindliche' is not 'fremde'."""
    got = dyads("Russland und die Ukraine haben sich nicht auf ein Abkommen geeinigt.")
    assert got and not any(f == "asserted" for _, _, _, f in got), got
    assert ("REJECT", ("TUR",), ("SWE",), "asserted") in dyads(
        "Die Türkei will sich nicht dem Abkommen mit Schweden anschließen.")
    got = dyads("Sebastian Kurz kritisierte Russland. Kurz darauf griffen russische Soldaten Charkiw an.")
    assert not any(t == "ASSAULT" and "AUT" in s for t, s, _, _ in got), got
    assert ("ACCUSE", ("DEU",), ("UKR",), "asserted") in dyads("Nach dem Angriff Russlands kritisierte Scholz die Ukraine.")
    # inverted: "die Regierung" is the subject, Moscow the object, not "the Regierung Moskau"
    got = dyads("Die Ukraine ist empört. Am Freitag kritisierte die Regierung Moskau scharf.")
    assert not any("RUS" in s for _, s, _, _ in got) and any(t == "ACCUSE" and "RUS" in g for t, _, g, _ in got), got
    assert any("NATO" in s + g for _, s, g, _ in dyads("Am Montag kritisierte der russische Außenminister Nato-Pläne scharf."))
    assert any(t == "ASSAULT" for t, _, _, _ in dyads("In Dresden griffen fremdenfeindliche Demonstranten Polizisten an."))


def test_a_cancelled_meeting_is_a_rejection_not_a_meeting():
    got = dyads("Landeshauptmann Thomas Stelzer hat ein Treffen mit Vizekanzler Werner Kogler abgesagt. "
                "Deutschland lehnte Verhandlungen mit Russland ab.")
    assert any(t == "REJECT" for t, _, _, _ in got), got
    assert not any(t == "CONSULT" for t, _, _, _ in got), got


def test_an_announced_event_noun_is_planned_and_a_suspected_target_keeps_the_act_asserted():
    assert ("PROTEST", ("AUT",), ("AUT",), "planned") in dyads("Die SPÖ kündigte Proteste gegen die Regierung an.")
    assert ("SANCTION", ("EU",), ("RUS",), "planned") in dyads("Die EU hat neue Sanktionen gegen Russland angekündigt.")
    # "mutmaßliche" says the targets are suspected, not the air strikes
    got = dyads("Die Türkei flog Luftangriffe auf mutmaßliche PKK-Stellungen im Nordirak.")
    assert any(t == "ASSAULT" and f == "asserted" for t, _, _, f in got), got
    assert ("ASSAULT", ("RUS",), ("UKR",), "hypothetical") in dyads("Russland hat mutmaßlich die Ukraine angegriffen.")


def test_a_government_that_protests_accuses():
    got = dyads("Budapest protestierte am Montag gegen die Entscheidung der EU-Kommission.")
    assert got and not any(t == "PROTEST" for t, _, _, _ in got), got
    assert any(t == "PROTEST" for t, _, _, _ in dyads("Die Opposition in Ungarn protestierte gegen die Regierung."))


def test_an_agreement_is_told_from_both_sides_once():
    """The guide codes a joint agreement in both directions (two events); a meeting has a host
    and stays one-way, a promise is one side's; a side a policy filled (``inferred``) is not
    turned round."""
    from lagebild.events.policies import both_directions
    from lagebild.records import Event, Participant

    def p(code, inferred=None):
        return Participant(actor=None, text=code, code=code, inferred=inferred)

    agree = Event(type="AGREE", source=[p("USA"), p("RUS")], target=[p("IRN")], cue="geeinigt", confidence=0.7)
    out = both_directions([agree, Event(type="CONSULT", source=[p("FRA")], target=[p("DEU")])])
    assert len(out) == 3 and out[0] is agree
    back = out[2]
    assert ([q.code for q in back.source], [q.code for q in back.target]) == (["IRN"], ["USA", "RUS"])
    assert (back.type, back.cue, back.confidence) == ("AGREE", "geeinigt", 0.7)
    assert [q.code for q in agree.source] == ["USA", "RUS"]          # the input is unchanged
    # told both ways already, or with an inferred side: nothing added
    twice = [agree, Event(type="AGREE", source=[p("IRN")], target=[p("RUS"), p("USA")])]
    assert len(both_directions(twice)) == 2
    assert len(both_directions([Event(type="AGREE", source=[p("DEU", "home")], target=[p("FRA")])])) == 1
    assert len(both_directions([Event(type="COOPERATE", source=[p("DEU")], target=[])])) == 1
    # a one-sided promise, offer or acceptance is not turned round; a joint accord by its noun is
    for cue, n in (("zugesagt", 1), ("akzeptiert", 1), ("Migrationsabkommen", 2), ("kooperieren", 2)):
        ev = Event(type="AGREE" if cue != "kooperieren" else "COOPERATE", source=[p("DEU")],
                   target=[p("UKR")], cue=cue)
        assert len(both_directions([ev])) == n, cue


def test_a_citys_adjective_codes_the_office_after_it_and_nothing_else():
    """ "Ein Moskauer Gericht" is a Russian court ("Moskau" + "er"); the adjective of a city codes
    only a role noun after it: "das Minsker Abkommen" is no Belarusian actor."""
    from lagebild.lexicon import load_lexicon
    assert load_lexicon().city_adjectives["moskauer"].code == "RUS"
    got = dyads("Ein Moskauer Gericht hat einen amerikanischen Journalisten zu zwölf Jahren Haft verurteilt.")
    assert ("SANCTION", ("RUS",), ("USA",), "asserted") in got, got
    doc = analyze("Russland und die Ukraine streiten über das Minsker Abkommen.")
    assert "BLR" not in {a.code for a in doc.actors}


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_office_with_a_list_of_genitive_attributes_is_all_of_them(coder):
    """ "Die Außenminister Frankreichs, Deutschlands und Polens" are three ministers: all three
    are the source, none is the other side of the visit."""
    an = analyzer_for(coder)
    doc = an(Article(doc_id="g", dct="2025-03-10", text="Die Außenminister Frankreichs, Deutschlands und "
                     "Polens haben am Montag Kiew besucht."))
    got = {(e.type, tuple(sorted(p.code for p in e.source)), tuple(sorted(p.code for p in e.target)))
           for e in doc.events}
    assert ("CONSULT", ("DEU", "FRA", "POL"), ("UKR",)) in got, got
    assert not any(set(s) & {"FRA", "DEU", "POL"} and set(t) & {"FRA", "DEU", "POL"} for _, s, t in got), got
    # members of the list are never each other's other side, and no code is repeated on a side
    doc = an(Article(doc_id="g", dct="2025-03-10", text="Die Außenminister Frankreichs, Deutschlands und "
                     "Polens verurteilten Russland."))
    assert doc.events
    for e in doc.events:
        assert not ({p.code for p in e.source} & {"FRA", "DEU", "POL"} and {p.code for p in e.target} & {"FRA", "DEU", "POL"})
        for side in (e.source, e.target):
            assert len({p.code for p in side}) == len(side), [(p.code, p.text) for p in side]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_clause_talks_about_is_no_event(coder):
    """ "über weitere Hilfe beraten": the aid is the topic of the talks, not an aid given; the
    talks are an event."""
    an = analyzer_for(coder)
    doc = an(Article(doc_id="t", dct="2025-05-12", text="Merkel und Macron haben am Montag in Berlin über "
                     "weitere Hilfe für die Ukraine beraten."))
    types = [(e.type, e.cue) for e in doc.events]
    assert any(t == "CONSULT" for t, _ in types) and not any(t == "AID" for t, _ in types), types
    # what a clause reports on stays an event
    assert ("ASSAULT", ("RUS",), ("UKR",), "asserted") in dyads(
        "Die Ukraine berichtete über russische Luftangriffe auf Charkiw.")
    doc = an(Article(doc_id="t", dct="2025-05-12", text="Die G7-Staaten haben der Ukraine weitere Hilfe zugesagt."))
    assert any(e.type in ("AID", "AGREE") for e in doc.events), [(e.type, e.cue) for e in doc.events]


def test_summoning_an_ambassador_is_an_accusation():
    got = dyads("Dänemark hat den US-Botschafter einbestellt.")
    assert ("ACCUSE", ("DNK",), ("USA",), "asserted") in got, got


@pytest.mark.parametrize("text", [
    "Spanien kündigte an, venezolanische Diplomaten auszuweisen.",
    "Madrid kündigte an, im Gegenzug venezolanische Diplomaten auszuweisen.",
])
def test_who_announces_an_infinitive_does_it(text):
    """An infinitive after "X kündigte an" has no subject of its own: X acts (planned); the
    object at the infinitive's start is not its subject."""
    assert ("SANCTION", ("ESP",), ("VEN",), "planned") in dyads(text, dct="2025-05-12")


def test_agreements_among_list_members_are_not_told_twice():
    """ "Frankreich, Italien und Spanien haben sich nicht einigen können": one negated agreement
    of each member with the others, no reversed copies on top."""
    from lagebild.events.policies import both_directions
    from lagebild.records import Event, Participant

    def p(code):
        return Participant(actor=None, text=code, code=code)
    codes = ["FRA", "ITA", "ESP"]
    evs = [Event(type="AGREE", factuality="negated", cue="einigen", source=[p(c)],
                 target=[p(o) for o in codes if o != c]) for c in codes]
    assert len(both_directions(evs)) == 3


def test_refusing_to_negotiate_or_sign_is_a_rejection_not_a_failed_agreement():
    """A failed agreement is reflexive ("haben sich nicht geeinigt"); "will das Abkommen nicht
    aushandeln / unterzeichnen" is one side's refusal."""
    assert ("REJECT", ("USA",), ("IRN",), "asserted") in dyads("Die USA wollen das Abkommen mit dem Iran nicht aushandeln.")
    got = dyads("Ungarn will das Abkommen mit der Ukraine nicht unterzeichnen.")
    assert ("REJECT", ("HUN",), ("UKR",), "asserted") in got and not any(s == ("UKR",) for _, s, _, _ in got), got


def test_output_policies_leave_their_input_alone():
    from lagebild.events.policies import output_policies
    from lagebild.records import Event, Participant
    gov = Participant(actor=None, text="Budapest", code="HUN", sector="GOV")
    ev = Event(type="PROTEST", source=[gov], target=[Participant(actor=None, text="EU", code="EU")], cue="protestierte")
    out = output_policies([ev])
    assert [e.type for e in out] == ["ACCUSE"] and ev.type == "PROTEST"


def test_an_agreement_is_turned_round_per_factuality():
    from lagebild.events.policies import both_directions
    from lagebild.records import Event, Participant

    def p(code):
        return Participant(actor=None, text=code, code=code)
    evs = [Event(type="AGREE", cue="geeinigt", source=[p("RUS")], target=[p("UKR")]),
           Event(type="AGREE", cue="geeinigt", factuality="negated", source=[p("UKR")], target=[p("RUS")])]
    out = both_directions(evs)
    assert {(e.factuality, e.source[0].code) for e in out} == {("asserted", "RUS"), ("asserted", "UKR"),
                                                              ("negated", "UKR"), ("negated", "RUS")}


def test_no_one_acts_for_an_infinitive_when_the_speech_clause_is_unclear():
    """ "Der Ukraine versicherte Scholz, ...": a dative placed first is no speaker who acts."""
    got = dyads("Der Ukraine versicherte Scholz, weitere Waffen zu liefern.", dct="2025-05-12")
    assert not any(s == ("UKR",) for _, s, _, _ in got), got


def test_a_list_comma_of_a_very_long_list_does_not_recurse():
    from lagebild import text as T
    from lagebild.events import split_clauses
    txt = "Die Staaten " + ", ".join(["Frankreich"] * 3000) + " und Polen einigten sich."
    _, sts = T.tokenize(txt, T.segment(txt))
    assert split_clauses(sts[0], load_cues())


def test_an_office_and_a_known_person_with_a_hyphenated_name_are_one_actor():
    """ "Bundespräsident Frank-Walter Steinmeier" is one person (the name pattern does not take
    "Frank-Walter"; the person list knows him), never the office congratulating Steinmeier."""
    doc = analyze("Friedrich Merz ist am Dienstag zum Bundeskanzler gewählt worden. Bundespräsident "
                  "Frank-Walter Steinmeier gratulierte ihm.", dct="2025-05-06")
    names = [(a.name, a.role) for a in doc.actors if a.role == "Bundespräsident"]
    assert names == [("Frank-Walter Steinmeier", "Bundespräsident")], names


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_demand_asks_for_in_an_infinitive_is_no_event(coder):
    """ "forderten die EU-Kommission auf, die Sanktionen gegen Belarus zu verschärfen": the
    REQUEST is the event; the sanctions are what it asks for (16 of 16 such cues uncoded in the
    corpus)."""
    an = analyzer_for(coder, min_confidence=0.0)
    doc = an(Article(doc_id="d", dct="2025-04-14", text="Die Regierungen von Polen, Litauen und Lettland haben "
                     "die EU-Kommission aufgefordert, die Sanktionen gegen Belarus zu verschärfen."))
    types = [(e.type, e.factuality) for e in doc.events]
    assert ("REQUEST", "asserted") in types and not any(t == "SANCTION" and f == "asserted" for t, f in types), types


def test_a_perfect_infinitive_is_told_in_the_past():
    """ "beschuldigt, das Lager am Dienstag bombardiert zu haben": the bombing lies before."""
    from lagebild.events import load_cues
    from lagebild.events.clauses import split_clauses
    from lagebild.events.tense import _told_in_past
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(use_models=False, coder="rules")
    st = an.stages(Article(doc_id="x", text="Die Hamas hatte Israel beschuldigt, das Lager am Dienstag "
                                             "bombardiert zu haben.", dct="2025-03-06"))
    clauses = split_clauses(st.sent_tokens[0], load_cues())
    last = clauses[-1]
    assert [t.text for t in last.tokens][-3:] == ["bombardiert", "zu", "haben"]
    assert _told_in_past(last)


def test_a_reporter_of_the_same_country_and_sector_as_a_side_is_still_who_says_so():
    """ "..., sagte Kremlsprecher Peskow": Russia's spokesman reports Russia's attack, according to
    him; only the side itself is never its own reporter ("Wir werden ... helfen, sagte Scholz")."""
    doc = analyze("Russland hat die Ukraine am Dienstag angegriffen, sagte Kremlsprecher Peskow.", dct="2024-03-14")
    (attack,) = [e for e in doc.events if e.type == "ASSAULT"]
    assert attack.reported_by is not None and "Peskow" in attack.reported_by.text


def test_a_merged_event_whose_source_is_its_reporter_has_no_reporter():
    """ "Deutschland werde ... liefern, sagte Scholz": read once with Germany as the source (Scholz
    reports it) and once with Scholz as the source; merged, Scholz is a side, not its reporter."""
    from lagebild.merge import merge_events
    from lagebild.records import Event, Evidence, Participant, Span
    scholz = Participant(actor="a2", text="Scholz", code="DEU", sector="GOV", mention=Span(50, 56, "Scholz"))
    deu = Participant(actor="a1", text="Deutschland", code="DEU", sector="GOV", mention=Span(0, 11, "Deutschland"))
    ukr = Participant(actor="a3", text="Ukraine", code="UKR", sector="GOV", mention=Span(20, 27, "Ukraine"))
    ev = [Event(type="AID", factuality="planned", source=[deu], target=[ukr], reported_by=scholz,
                evidence=[Evidence(0, 0, 60, "s")]),
          Event(type="AID", factuality="planned", source=[scholz], target=[ukr], evidence=[Evidence(0, 0, 60, "s")])]
    (merged,) = merge_events(ev)
    assert {p.text for p in merged.source} == {"Deutschland", "Scholz"} and merged.reported_by is None


def test_the_learned_coder_drops_a_reporter_only_when_it_is_the_side_itself():
    from lagebild.merge import same_participant as _is_reporter
    from lagebild.records import Participant, Span
    peskow = Participant(actor="a2", text="Kremlsprecher Peskow", code="RUS", sector="GOV", mention=Span(40, 60, "x"))
    russia = Participant(actor="a1", text="Russland", code="RUS", sector="GOV", mention=Span(0, 8, "Russland"))
    assert not _is_reporter(russia, peskow)
    assert _is_reporter(Participant(actor="a2", text="er", code="RUS", sector="GOV"), peskow)
    assert _is_reporter(Participant(actor=None, text="x", code="RUS", mention=Span(40, 60, "x")), peskow)


@pytest.mark.parametrize("text", [
    "Die Außenminister Russlands und Chinas führten am Montag Gespräche.",
    "Die Außenminister Russlands und Chinas haben am Montag in Peking Gespräche geführt.",
])
def test_an_offices_listed_attributes_meet_each_other_also_with_a_noun_cue(text):
    """As with a verb ("Die Außenminister Russlands und Chinas berieten"): the office's list is the
    subject, and without a partner its members meet each other."""
    doc = analyze(text, dct="2024-03-14")
    dyads = {(p.code, q.code) for e in doc.events if e.type == "CONSULT" for p in e.source for q in e.target}
    assert {("RUS", "CHN"), ("CHN", "RUS")} <= dyads


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_denied_deed_is_not_told_as_a_fact_nor_as_a_plan(coder):
    """ "Russland bestreitet, Soldaten nach Belarus verlegt zu haben" gave an asserted and a
    planned MOBILIZE (a new-user probe): an infinitive of the past after a denial is what is
    denied (hypothetical), and an infinitive of the past is never planned."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="q", dct="2024-03-14",
                     text="Russland bestreitet, Soldaten nach Belarus verlegt zu haben."))
    facts = {e.factuality for e in doc.events if e.type == "MOBILIZE"}
    assert facts == {"hypothetical"}, [(e.type, e.factuality) for e in doc.events]
    doc = an(Article(doc_id="k", dct="2024-03-14", text="Russland kündigte an, Soldaten nach Belarus zu verlegen."))
    assert {e.factuality for e in doc.events if e.type == "MOBILIZE"} == {"planned"}


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_event_noun_its_own_kein_negates_is_never_asserted(coder):
    """ "Mit der FPÖ, die Verschwörungstheorien verbreitet, könne es keine Zusammenarbeit geben"
    gave an asserted AGREE from the learned coder (a new-user probe)."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="k", dct="2024-03-07", text=(
        "Kanzler Nehammer wird FPÖ-Chef Kickl nicht empfangen. Mit der FPÖ, die Verschwörungstheorien "
        "verbreitet, könne es keine Zusammenarbeit geben, sagte Nehammer am Mittwoch in Wien.")))
    assert not [e for e in doc.events if e.type in ("AGREE", "COOPERATE", "CONSULT") and e.factuality == "asserted"], \
        [(e.type, e.factuality, e.cue) for e in doc.events]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_yes_no_question_asks_about_is_not_told_as_a_fact(coder):
    """ "Greift China Taiwan an?" gave an asserted ASSAULT (a new-user probe); a wh-question
    presupposes its act ("Warum griff Russland die Ukraine an?")."""
    an = _analyzer(coder)
    for text, fact in (("Greift China Taiwan an? Die Spannungen nehmen zu.", "hypothetical"),
                       ("Wird Russland die Ukraine angreifen?", "hypothetical"),
                       ("Warum griff Russland die Ukraine an?", "asserted")):
        doc = an(Article(doc_id="q", dct="2024-03-05", text=text))
        facts = {e.factuality for e in doc.events if e.type == "ASSAULT"}
        # the rules read each; with both coders the first may fall below the default floor
        # (session 15's model), never to an asserted attack
        assert facts == {fact} or (coder == "both" and text.startswith("Greift") and not facts), \
            (text, [(e.type, e.factuality) for e in doc.events])


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_agreement_has_no_side_it_is_aimed_against(coder):
    """ "... auf ein gemeinsames Vorgehen gegen Russland geeinigt" gave AGREE FRA,DEU -> RUS and,
    told both ways, Russia agreeing (a new-user probe)."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="g", dct="2024-03-05", text="Frankreich und Deutschland haben sich auf ein "
                     "gemeinsames Vorgehen gegen Russland geeinigt."))
    dyads = {(e.type, p.code, q.code) for e in doc.events for p in e.source for q in e.target}
    assert not any("RUS" in d for d in dyads), dyads
    assert ("AGREE", "FRA", "DEU") in dyads and ("AGREE", "DEU", "FRA") in dyads


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_talks_or_aid_a_verb_of_stopping_stops_are_not_told_as_happening(coder):
    """ "hat die Beitrittsgespräche ausgesetzt", "brach die Verhandlungen ab", "stellte die
    Militärhilfe ein" gave CONSULT and AID as asserted (a new-user probe)."""
    an = _analyzer(coder)
    for text in ("Die EU hat die Beitrittsgespräche mit der Türkei ausgesetzt.",
                 "Kiew brach die Verhandlungen mit Moskau ab.",
                 "Washington stellte die Militärhilfe für die Ukraine ein."):
        doc = an(Article(doc_id="h", dct="2024-03-05", text=text))
        assert not [e for e in doc.events if e.type in ("CONSULT", "AID") and e.factuality == "asserted"], \
            (text, [(e.type, e.factuality) for e in doc.events])


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_question_or_an_intent_leaves_what_it_presupposes_as_told(coder):
    """A yes/no question's noun it presupposes, and the object of a verb that reacts to an event,
    stay as told; "nach Angaben aus Kiew" names Kiew as the source (a review of this session's
    changes)."""
    an = _analyzer(coder)
    for text in ("Hat der russische Angriff auf Kiew die Verhandlungen beendet?",
                 "Die Armee will die russischen Angriffe auf Charkiw untersuchen."):
        doc = an(Article(doc_id="p", dct="2024-03-05", text=text))
        facts = {e.factuality for e in doc.events if e.type == "ASSAULT"}
        assert facts <= {"asserted"}, (text, [(e.type, e.factuality) for e in doc.events])
    doc = an(Article(doc_id="k", dct="2024-03-05", text="Nach Angaben aus Kiew griff Russland Charkiw an."))
    assert any(e.reported_by is not None and e.reported_by.code == "UKR" for e in doc.events if e.type == "ASSAULT")


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_demand_asks_for_in_a_dass_clause_is_no_event(coder):
    """"forderte, dass die Gefangenen freigelassen werden" gave the demander's own planned RETREAT
    (a new-user probe); in train + dev gold 19 such clauses hold no required event."""
    an = _analyzer(coder)
    for text in ("Die Bundesregierung forderte, dass die Gefangenen sofort freigelassen werden.",
                 "Die EU verlangte, dass Belarus den Journalisten freilässt."):
        doc = an(Article(doc_id="d", dct="2024-03-05", text=text))
        assert not [e for e in doc.events if e.type == "RETREAT"], [(e.type, e.factuality) for e in doc.events]


def test_a_strike_called_for_in_the_perfekt_is_planned_on_its_day():
    """"Verdi hat für Donnerstag zum Streik aufgerufen" gave an asserted strike on the article's day
    (a new-user probe); the corpus codes a called protest as planned."""
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(use_models=False, coder="rules")
    doc = an(Article(doc_id="s", dct="2024-03-04", text="Die Gewerkschaft Verdi hat für Donnerstag zum "
                                                        "Streik im Nahverkehr aufgerufen."))
    strikes = [(e.factuality, e.date.value) for e in doc.events if e.type == "PROTEST"]
    assert strikes == [("planned", "2024-03-07")], strikes


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_named_organisation_in_a_fronted_genitive_is_no_side_of_the_main_clause(coder):
    """"Nach dem Wahlsieg der Labour-Partei hat Scholz dem britischen Premier Starmer gratuliert"
    gave SUPPORT GBR -> DEU, "Nach dem Angriff der Hamas hat Präsident Biden Israel weitere Waffen
    zugesagt" AID from Hamas to Biden (a new-user probe): the organisation is a genitive."""
    an = _analyzer(coder)
    doc = an(Article(doc_id="g", dct="2024-07-05", text="Nach dem Wahlsieg der Labour-Partei hat Scholz dem "
                                                         "britischen Premier Starmer gratuliert."))
    assert {(p.code, q.code) for e in doc.events if e.type == "SUPPORT" for p in e.source for q in e.target} \
        == {("DEU", "GBR")}
    doc = an(Article(doc_id="h", dct="2024-07-05", text="Nach dem Angriff der Hamas hat Präsident Biden Israel "
                                                         "weitere Waffen zugesagt."))
    assert not [e for e in doc.events if e.type in ("AID", "AGREE") and any(p.code == "PSE" for p in e.source)]
    doc = an(Article(doc_id="n", dct="2024-07-05", text="Nach dem Treffen der Nato-Außenminister hat Baerbock "
                                                         "Russland kritisiert."))
    assert ("ACCUSE", "DEU", "RUS") in {(e.type, p.code, q.code) for e in doc.events for p in e.source for q in e.target}


def test_an_office_and_its_holder_in_apposition_are_one_actor():
    # "Der Gouverneur von Kursk, Alexei Smirnow": one person, not two actors of one country
    # that could face each other; the name is not a second place after "von Kursk"
    doc = analyze("Der Gouverneur von Kursk, Alexei Smirnow, hat den Notstand ausgerufen. "
                  "Smirnow warf der Ukraine vor, Wohnhäuser beschossen zu haben.", dct="2024-08-10")
    holder = [a for a in doc.actors if a.name == "Alexei Smirnow"]
    assert len(holder) == 1 and "Gouverneur" in holder[0].mentions
    assert not any(a.name == "Gouverneur" for a in doc.actors)
    assert [a.id for a in doc.actors] == [f"A{n + 1}" for n in range(len(doc.actors))]


def test_a_side_named_twice_in_apposition_is_not_its_own_target():
    pairs = dyads("Der frühere Hohe Repräsentant in Bosnien-Herzegowina, Wolfgang Petritsch, "
                  "begrüßte die Initiative.", dct="2015-08-28")
    assert not any(s == t for _, s, t, _ in pairs)


def test_a_relative_clause_is_no_apposition():
    from lagebild.actors import _apposition_between
    assert _apposition_between([","]) and _apposition_between(["von", "kursk", ","])
    assert _apposition_between([",", "der", "russische"])       # ", der russische Chefdiplomat"
    assert not _apposition_between([",", "der", "die"])         # ", der die Absichten ... nannte"
    assert not _apposition_between(["gibt", ",", "fordert"])    # two clauses


def test_a_morning_is_no_tomorrow():
    # "am Montagmorgen", "am Morgen": the morning of a day, not "morgen" (tomorrow)
    for when in ("am Montagmorgen", "am Morgen"):
        facts = {e.factuality for e in analyze(f"Berlin – Die Polizei nahm {when} 23 Aktivisten fest.",
                                               dct="2021-03-17").events}
        assert facts == {"asserted"}, when
    facts = {e.factuality for e in analyze("Wien – Die Regierung trifft morgen die Opposition.",
                                           dct="2021-03-17").events}
    assert facts == {"planned"}


def test_a_separable_verb_before_a_closing_quotation_mark_is_found():
    # „Russland griff Kiew an“, sagte Selenskyj: the particle stands before the quotation mark
    assert ("ASSAULT", ("RUS",), ("UKR",), "asserted") in dyads(
        "„Russland griff Kiew an“, sagte Selenskyj.", dct="2022-02-18")


@pytest.mark.parametrize("coder", ["rules", "both"])
@pytest.mark.parametrize("text,typ", [
    # what a denial's "dass" clause says, and what an indirect question asks, is no fact
    ("Der Kreml bestritt, dass russische Soldaten die Stadt Charkiw angegriffen hätten.", "ASSAULT"),
    ("Ob die SPÖ einen Misstrauensantrag gegen Bundeskanzler Kurz unterstützen werde, ließ "
     "Parteichefin Rendi-Wagner offen.", None),
    # what a threat is made with, and any act of a kind ("jeden Angriff"), is no fact
    ("Erdoğan hat mit einer Bodenoffensive gegen kurdische Milizen in Syrien gedroht.", "ASSAULT"),
    ("Die Türkei werde jeden Angriff Syriens auf ihre Soldaten erwidern, warnte Minister Akar.", "ASSAULT"),
])
def test_denied_asked_threatened_and_generic_acts_are_no_facts(coder, text, typ):
    an = _analyzer(coder)
    doc = an(Article(doc_id="t", text=text, dct="2022-02-18"))
    told = [e for e in doc.events if e.factuality == "asserted" and (typ is None or e.type == typ)
            and e.type not in ("REJECT", "THREATEN")]
    assert not told, [(e.type, e.factuality) for e in told]


def test_suggesting_a_resignation_is_a_request_not_a_resignation():
    pairs = dyads("Am Nachmittag legte Armeechef Williams Kaliman Präsident Evo Morales den Rücktritt nahe. "
                  "Die Regierung in La Paz schwieg.", dct="2019-11-10")
    assert ("REQUEST", ("BOL",), ("BOL",), "asserted") in pairs
    assert not any(t == "RETREAT" and f == "asserted" for t, _, _, f in pairs)


def test_a_german_article_after_a_name_is_no_name_particle():
    doc = analyze("CSU-Chef Markus Söder legte dem Abgeordneten Georg Nüßlein den Austritt nahe. "
                  "Ursula von der Leyen traf Alexander Van der Bellen.", dct="2021-03-10")
    names = {a.name for a in doc.actors}
    assert {"Ursula von der Leyen", "Alexander Van der Bellen"} <= names
    assert not any("Austritt" in n for n in names)


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_hearsay_of_a_past_deed_is_told_not_planned(coder):
    # "soll ... angegriffen haben": reported, done (train + dev gold: asserted), never a plan
    an = _analyzer(coder)
    doc = an(Article(doc_id="t", text="Russland soll Kiew angegriffen haben. Die Polizei in Minsk soll "
                     "drei Demonstranten festgenommen haben.", dct="2022-02-18"))
    facts = {(e.type, e.factuality) for e in doc.events}
    assert ("ASSAULT", "asserted") in facts and ("COERCE", "asserted") in facts
    assert not any(f == "planned" for _, f in facts)
    # a plan stays a plan
    doc = an(Article(doc_id="t", text="Russland soll am Freitag Gespräche mit der Ukraine führen. Bis Ende "
                     "des Jahres sollen alle amerikanischen Soldaten aus Afghanistan abgezogen sein.",
                     dct="2022-02-18"))
    facts = {(e.type, e.factuality) for e in doc.events if e.type in ("CONSULT", "RETREAT")}
    assert facts and all(f == "planned" for _, f in facts), facts


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_event_noun_after_seit_or_trotz_is_background(coder):
    doc = _coded(coder, "Am Samstag trafen sich May und Putin zum ersten Mal seit dem "
                 "Giftanschlag auf Skripal im März 2018.", "2018-07-10")
    assert not any(e.type == "ASSAULT" for e in doc.events)
    assert any(e.type == "CONSULT" for e in doc.events)


def test_institutions_austria_and_germany_share_take_the_story_country():
    pairs = dyads("Wien – Polizisten haben am Mittwoch das Bundesamt für Verfassungsschutz durchsucht.",
                  dct="2018-02-28")
    assert pairs and all(s == ("AUT",) and t == ("AUT",) for _, s, t, _ in pairs)
    pairs = dyads("Berlin – Polizisten haben am Mittwoch das Bundesamt für Verfassungsschutz durchsucht.",
                  dct="2018-02-28")
    assert pairs and all("AUT" not in s + t for _, s, t, _ in pairs)


def test_a_state_office_takes_the_country_of_the_state_acting_before_it():
    doc = analyze("Der Iran wies zwei britische Diplomaten aus. Sie hätten an einer Protestkundgebung "
                  "teilgenommen, teilte das Außenministerium mit.", dct="2022-02-18")
    office = next(a for a in doc.actors if a.name == "Außenministerium")
    assert office.code == "IRN"


def test_the_time_of_a_background_pluperfect_does_not_date_the_news():
    doc = analyze("Im Jahr 2014 hatte Russland die Krim besetzt. Am Morgen griffen russische Truppen "
                  "Kiew an.", dct="2022-02-24")
    attack = next(e for e in doc.events if e.type == "ASSAULT" and any(p.code == "UKR" for p in e.target)
                  and "Kiew" in e.evidence[0].text)
    assert attack.date is not None and attack.date.value.startswith("2022")


def test_two_surnames_side_by_side_are_two_persons():
    doc = analyze("Am Dienstag empfing Scholz Selenskyj im Kanzleramt.", dct="2022-02-18")
    names = {a.name: a.code for a in doc.actors}
    assert names.get("Olaf Scholz") == "DEU" and names.get("Wolodymyr Selenskyj") == "UKR"
    assert ("CONSULT", ("DEU",), ("UKR",), "asserted") in {
        (e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target), e.factuality) for e in doc.events}


def test_a_finite_verb_ends_the_phrase_a_preposition_governs():
    # "Laut dpa hat Russland ...": Russland is the subject after the verb, not governed by "laut"
    from lagebild.actors import np_context
    from lagebild.text import segment, tokenize
    text = "Laut dpa hat Russland die Ukraine angegriffen."
    toks = tokenize(text, segment(text))[1][0].tokens
    assert np_context(toks, 3) == (None, False)
    assert ("ASSAULT", ("RUS",), ("UKR",), "asserted") in dyads(text, dct="2022-02-18")


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_the_agent_of_a_passive_after_a_time_noun_is_the_source(coder):
    an = _analyzer(coder)
    for text in ("Am Montag wurde die Ukraine von Russland angegriffen.",
                 "Die Ukraine wurde am Montag von Russland angegriffen."):
        doc = an(Article(doc_id="t", text=text, dct="2022-02-18"))
        pairs = {(e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target)) for e in doc.events}
        assert ("ASSAULT", ("RUS",), ("UKR",)) in pairs and ("ASSAULT", ("UKR",), ("RUS",)) not in pairs, text


def test_an_object_relative_clause_after_the_subject():
    # "Selenskyj, den Putin kritisiert hatte, traf Biden": Putin criticised Selenskyj, and the
    # main clause after the relative clause has Selenskyj as its subject
    pairs = dyads("Selenskyj, den Putin scharf kritisiert hatte, traf am Montag Biden.", dct="2022-02-18")
    assert ("ACCUSE", ("RUS",), ("UKR",), "asserted") in pairs
    assert ("CONSULT", ("UKR",), ("USA",), "asserted") in pairs
    assert not any(t == "ACCUSE" and s == ("UKR",) for t, s, _, _ in pairs)
    # an article "den" opening a clause is no relative pronoun before a name
    pairs = dyads("Geschützte Vögel werden teuer gehandelt, den Beschuldigten drohen Haftstrafen.")
    assert not any(t == "THREATEN" for t, _, _, _ in pairs)


def test_the_learned_sides_of_a_relative_clause_verb_stay_near_it():
    doc = _coded("both", "Selenskyj, den Putin scharf kritisiert hatte, traf am Montag Biden.", "2022-02-18")
    accuse = {(tuple(p.code for p in e.source), tuple(p.code for p in e.target))
              for e in doc.events if e.type == "ACCUSE"}
    assert (("RUS",), ("UKR",)) in accuse and not any("USA" in s + t for s, t in accuse)


def test_what_a_clause_considers_is_hypothetical():
    doc = _coded("both", "Wien – Die SPÖ prüft eine Klage gegen die Regierung.", "2020-01-10")
    assert doc.events and all(e.factuality == "hypothetical" for e in doc.events if e.type == "ACCUSE")


def test_a_withdrawn_invitation_is_no_visit():
    doc = _coded("both", "London zieht die Einladung an den russischen Außenminister Lawrow "
                 "zu einem Besuch zurück. Russland zog seine Truppen aus Syrien zurück.", "2018-03-20")
    assert not any(e.type == "CONSULT" and e.factuality == "asserted" for e in doc.events)
    assert any(e.type == "RETREAT" for e in doc.events)       # a withdrawal of troops stays


def test_a_prisoner_exchange_is_a_release_both_ways():
    pairs = dyads("Russland und die Ukraine haben am Samstag jeweils 35 Gefangene ausgetauscht.", dct="2019-09-08")
    assert ("RETREAT", ("RUS",), ("UKR",), "asserted") in pairs
    assert ("RETREAT", ("UKR",), ("RUS",), "asserted") in pairs
    assert not dyads("Die beiden Firmen tauschten Daten aus.", dct="2019-09-08")


def test_an_attack_on_targets_in_a_named_region_is_an_attack_on_its_country():
    pairs = dyads("Die Hisbollah hat Raketen auf Nordisrael abgefeuert. Israel griff Ziele im Südlibanon an. "
                  "Die Türkei griff Ziele in Nordsyrien an.", dct="2023-10-10")
    for s, t in ((("LBN",), ("ISR",)), (("ISR",), ("LBN",)), (("TUR",), ("SYR",))):
        assert ("ASSAULT", s, t, "asserted") in {(a, b, c, d) for a, b, c, d in pairs}, (s, t)


def test_a_list_member_after_a_quantifier_stays_on_its_side():
    pairs = dyads("Frankreich und 15 weitere europäische Staaten haben den Einsatz russischer Söldner "
                  "in Mali verurteilt.", dct="2022-01-10")
    assert any(t == "ACCUSE" and "FRA" in s and g == ("RUS",) for t, s, g, _ in pairs), pairs
    assert not any(t == "ACCUSE" and g == ("EU",) for t, _, g, _ in pairs)


def test_family_name_first_and_frame_phrases():
    from lagebild.actors import np_context
    from lagebild.text import segment, tokenize
    doc = analyze("Trump und Xi vereinbarten am Rande des G20-Gipfels in Osaka eine Waffenruhe.", dct="2019-06-29")
    assert any(a.name == "Xi Jinping" and a.code == "CHN" for a in doc.actors)
    text = "Sie trafen sich am Rande des G20-Gipfels."
    toks = tokenize(text, segment(text))[1][0].tokens
    assert np_context(toks, 6)[0] == "am"      # where they met, not who met



@pytest.mark.parametrize("coder", ["rules", "both"])
def test_the_new_factuality_cues_keep_ordinary_readings(coder):
    # a time ("jede Nacht"), an examined deed ("prüft den Angriff"), an admission ("bestritt
    # nicht, dass"): told as facts (a review of the cues that made them hypothetical)
    an = _analyzer(coder)
    for text, typ in (("Russland fliegt jede Nacht Luftangriffe auf Kiew.", "ASSAULT"),
                      ("Der Kreml bestritt nicht, dass russische Truppen am Montag Charkiw angegriffen haben.",
                       "ASSAULT")):
        doc = an(Article(doc_id="t", text=text, dct="2024-03-06"))
        assert any(e.type == typ and e.factuality == "asserted" for e in doc.events), text


def test_an_attackers_station_is_no_target_and_police_act_where_they_are():
    pairs = dyads("Die in Belarus stationierten russischen Truppen griffen am Morgen erneut an.", dct="2024-03-06")
    assert pairs and not any(t == ("BLR",) for _, _, t, _ in pairs)
    pairs = dyads("Ein Amerikaner erschoss in Deutschland einen Polizisten.", dct="2024-03-06")
    assert ("ASSAULT", ("USA",), ("DEU",), "asserted") in pairs
    # "legte nahe, dass ...": suggested, no demand, and what is suggested stays hypothetical
    pairs = dyads("Biden legte nahe, dass die USA Truppen nach Polen schicken könnten.", dct="2024-03-06")
    assert not any(t == "REQUEST" for t, _, _, _ in pairs)


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_negated_attribute_does_not_negate_the_clause(coder):
    an = _analyzer(coder)
    doc = an(Article(doc_id="t", text="Bei nicht angemeldeten Kundgebungen hat die russische Polizei am Samstag "
                     "300 Demonstranten festgenommen.", dct="2019-08-04"))
    arrests = [e for e in doc.events if e.type == "COERCE"]
    assert arrests and all(e.factuality == "asserted" for e in arrests)
    doc = an(Article(doc_id="t", text="Die russische Polizei hat die Demonstranten nicht festgenommen.",
                     dct="2019-08-04"))
    assert any(e.type == "COERCE" and e.factuality == "negated" for e in doc.events)


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_readiness_to_meet_is_an_offer_not_a_meeting(coder):
    doc = _coded(coder, "US-Präsident Trump hat sich zu einem Treffen mit dem iranischen "
                 "Präsidenten Rohani bereit erklärt.", "2019-08-04")
    assert any(e.type == "AGREE" and e.factuality == "asserted" for e in doc.events)
    assert not any(e.type == "CONSULT" and e.factuality == "asserted" for e in doc.events)


def test_what_is_not_ruled_out_is_possible():
    # the learned coder took "schloss" for a closing: an asserted SANCTION (session 15's model); the
    # verb of ruling out is no event (judge.considering_verb), what it rules out is hypothetical
    an = shared_analyzer(use_models=False, coder="both", min_confidence=0.0)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="t", dct="2020-08-20", text="Der EU-Außenbeauftragte Josep Borrell schloss weitere "
                     "Strafmaßnahmen gegen Weißrussland nicht aus."))
    assert all(e.factuality == "hypothetical" for e in doc.events if e.type == "SANCTION"), doc.events
    doc = an(Article(doc_id="t", dct="2020-08-20", text="Die EU verhängte weitere Strafmaßnahmen gegen Weißrussland."))
    assert any(e.type == "SANCTION" and e.factuality == "asserted" for e in doc.events)


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_nach_angaben_with_a_possessive_names_the_reporter(coder):
    doc = _coded(coder, "Die Polizei hat den Oppositionspolitiker Juan Guaidó nach Angaben seiner "
                 "Partei in Venezuela festgenommen.", "2019-01-13")
    arrests = [e for e in doc.events if e.type == "COERCE"]
    assert arrests and not any(p.text == "Partei" for e in arrests for p in e.target)


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_holding_someone_responsible_is_an_accusation_not_the_deed(coder):
    doc = _coded(coder, "Die OPCW macht die syrische Luftwaffe für einen Giftgasangriff im März "
                 "2017 verantwortlich.", "2020-04-08")
    types = {(e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target)) for e in doc.events}
    assert ("ACCUSE", ("OPCW",), ("SYR",)) in types
    assert not any(t == "ASSAULT" for t, _, _ in types)


def test_punitive_tariffs_are_sanctions():
    pairs = dyads("Kanada will ab 1. Juli Gegenzölle auf US-Produkte erheben.", dct="2018-06-20")
    assert ("SANCTION", ("CAN",), ("USA",), "planned") in pairs
    pairs = dyads("Die USA verhängten Strafzölle gegen China.", dct="2018-06-20")
    assert ("SANCTION", ("USA",), ("CHN",), "asserted") in pairs
    # raising accusations stays an ACCUSE
    assert any(t == "ACCUSE" for t, _, _, _ in dyads("Die Opposition erhob schwere Vorwürfe gegen die "
                                                      "Regierung in Wien.", dct="2018-06-20"))


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_what_a_verb_of_refraining_governs_is_not_done(coder):
    # "verzichten auf", "absehen von": negated (it was an asserted SANCTION: a false fact)
    doc = _coded(coder, "Die EU-Staats- und Regierungschefs verzichteten vorerst auf neue Sanktionen "
                 "gegen Russland.", "2015-02-13")
    sanctions = [e for e in doc.events if e.type == "SANCTION"]
    assert sanctions and all(e.factuality == "negated" for e in sanctions)
    # the same noun imposed stays asserted
    doc = _coded(coder, "Die EU-Staats- und Regierungschefs verhängten neue Sanktionen gegen Russland.",
                 "2015-02-13")
    assert any(e.type == "SANCTION" and e.factuality == "asserted" for e in doc.events)
    # a phrase of another noun, and "abgesehen von" (apart from), leave the attack told (a review)
    for text in ("Die Ukraine verzichtete am Montag auf eine Reaktion auf den russischen Angriff auf Charkiw.",
                 "Die Waffenruhe hielt am Montag weitgehend, abgesehen von russischen Angriffen auf Charkiw."):
        attacks = [e for e in _coded(coder, text, "2024-03-14").events if e.type == "ASSAULT"]
        assert attacks and all(e.factuality == "asserted" for e in attacks), text


def test_a_part_of_a_day_that_names_no_day_dates_the_event_on_its_paragraphs_or_the_documents_day():
    # "XXXX-XX-XXTNI" was shown as the event's date (a probe)
    doc = analyze("In der Nacht griffen russische Kampfjets die Stadt Idlib in Syrien an.", dct="2015-11-25")
    assert [e.date.value for e in doc.events if e.type == "ASSAULT"] == ["2015-11-25TNI"]
    doc = analyze("Am Montag hat die Polizei in Wien drei Syrer festgenommen. In der Nacht griffen russische "
                  "Kampfjets die Stadt Idlib in Syrien an.", dct="2015-11-25")
    assert [e.date.value for e in doc.events if e.type == "ASSAULT"] == ["2015-11-23TNI"]


def test_agreeing_with_sich_verstaendigen_and_tanks_marching_in():
    pairs = dyads("Die USA und Russland haben sich am Freitag auf eine Waffenruhe in Syrien verständigt.",
                  dct="2016-02-13")
    assert ("AGREE", ("USA",), ("RUS",), "asserted") in pairs and ("AGREE", ("RUS",), ("USA",), "asserted") in pairs
    assert not [p for p in dyads("Zeugen hörten Hilferufe und verständigten die Polizei in Wien.", dct="2016-02-13")
                if p[0] == "AGREE"]                  # without "sich": notify
    pairs = dyads("Türkische Panzer sind am Mittwoch in Syrien eingerückt.", dct="2016-08-25")
    assert ("ASSAULT", ("TUR",), ("SYR",), "asserted") in pairs
    assert not [p for p in dyads("Lula soll als Minister in die Regierung Brasiliens einrücken.", dct="2016-03-16")
                if p[0] == "ASSAULT"]                # joining a government is no invasion


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_nach_informationen_and_nach_darstellung_name_who_reports(coder):
    an = _analyzer(coder)
    doc = an(Article(doc_id="r", dct="2015-08-14", text="Nach Darstellung der Polizei griffen Demonstranten "
                     "die Beamten in Athen an."))
    attack = next(e for e in doc.events if e.type == "ASSAULT")
    assert attack.reported_by is not None and attack.reported_by.text == "Polizei"
    # a noun of the class without "nach" is no source: "gab Informationen der Polizei weiter"
    doc = analyze("Die Zeitung hat Informationen der Polizei zum Angriff in Athen veröffentlicht.", dct="2015-08-14")
    assert all(e.reported_by is None or e.reported_by.text != "Polizei" for e in doc.events)


def test_a_joint_military_exercise_is_cooperation_both_ways():
    pairs = dyads("Südkorea und die USA haben am Montag ein gemeinsames Militärmanöver abgehalten.", dct="2016-03-07")
    assert ("COOPERATE", ("KOR",), ("USA",), "asserted") in pairs and ("COOPERATE", ("USA",), ("KOR",), "asserted") in pairs


def test_not_before_a_quantifier_negates_the_clause():
    # "nicht alle Flüchtlinge aufnehmen": not done (it was asserted, as "nicht genehmigte Proteste" is)
    doc = analyze("Österreich kann nicht alle Flüchtlinge aufnehmen, sagte Bundeskanzler Werner Faymann.",
                  dct="2016-01-21")
    aid = [e for e in doc.events if e.type == "AID"]
    assert aid and all(e.factuality == "negated" for e in aid)


def test_a_noun_events_complement_may_stand_before_it():
    # "mit Y ein Abkommen geschlossen": the complement before the noun the verb carries out
    for text, want in [("Die Türkei hat am Montag mit Griechenland ein Abkommen geschlossen.", ("AGREE", ("TUR",), ("GRC",))),
                       ("Mit Griechenland hat die Türkei am Montag Gespräche geführt.", ("CONSULT", ("TUR",), ("GRC",))),
                       ("Die EU hat am Montag gegen Russland neue Sanktionen verhängt.", ("SANCTION", ("EU",), ("RUS",)))]:
        assert want + ("asserted",) in dyads(text, dct="2016-03-08"), text
    # a co-signer is no partner (a review)
    assert not [p for p in dyads("Gemeinsam mit Frankreich hat Deutschland am Montag ein Abkommen unterzeichnet.",
                                 dct="2016-03-08") if p[0] == "AGREE"]
    # a place is no complement, nor one another event noun stands between
    assert not [p for p in dyads("Die Türkei hat in Griechenland Gespräche geführt.", dct="2016-03-08")
                if p[0] == "CONSULT" and p[2] == ("GRC",)]


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_recalling_an_envoy_is_a_sanction_not_a_call(coder):
    # "rief ... zurück" is zurückrufen, not aufrufen (cues.tsv: rufen is particle_only)
    doc = _coded(coder, "Die Niederlande riefen am Sonntag ihren Botschafter aus Ankara zurück.", "2016-04-10")
    pairs = {(e.type, tuple(p.code for p in e.source), tuple(p.code for p in e.target)) for e in doc.events}
    assert ("SANCTION", ("NLD",), ("TUR",)) in pairs, pairs
    assert not [p for p in pairs if p[0] == "REQUEST"], pairs
    # the call with its particle stays a call
    doc = _coded(coder, "Die Niederlande riefen die Türkei am Sonntag zur Zurückhaltung auf.", "2016-04-10")
    assert any(e.type == "REQUEST" for e in doc.events)


def test_no_agreement_between_two_sides_is_a_negated_agreement_not_a_refusal():
    pairs = dyads("Keine Einigung zwischen SPÖ und ÖVP: Die Koalition streitet weiter über die Pensionen.",
                  dct="2016-02-01")
    assert ("AGREE", ("AUT",), ("AUT",), "negated") in pairs, pairs
    assert not [p for p in pairs if p[0] == "REJECT"], pairs
    # one side that wants none refuses
    assert ("REJECT", ("AUT",), ("AUT",), "asserted") in dyads("Die ÖVP will keine Einigung mit der SPÖ.",
                                                                dct="2016-02-01")



def test_a_noun_of_saying_names_no_speaker():
    """"nach offiziellen Angaben mindestens 246 Menschen getötet" printed "according to Menschen" (a
    probe): "Angaben" is no form of the verb "angeben", so the dead are no speaker."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder="rules", min_confidence=0)
    st = an.stages(Article(doc_id="a", dct="2016-10-10", text="Aleppo – Bei Luftangriffen auf Aleppo wurden nach "
                           "offiziellen Angaben mindestens 246 Menschen getötet."))
    assert not any(p.text == "Menschen" for p in st.reporters.values()), st.reporters
    st = an.stages(Article(doc_id="b", dct="2016-10-10", text="Moskau – Russland werde weiter angreifen, gab "
                           "Außenminister Lawrow an."))
    assert any("Lawrow" in (p.text or "") for p in st.reporters.values()), st.reporters


def test_sending_police_is_a_police_mobilization():
    """"schickte 200 Polizisten an die Grenze": police sent, MOBILIZE/police (probe P22); soldiers
    sent stay troops."""
    doc = analyze("Bayern schickte am Montag 200 Polizisten an die Grenze zu Österreich.", "2024-12-03")
    move = next(e for e in doc.events if e.type == "MOBILIZE")
    assert move.mode == "police" and move.source[0].code == "DEU"
    doc = analyze("Russland schickte am Montag 2.000 Soldaten an die Grenze zur Ukraine.", "2024-12-03")
    assert next(e for e in doc.events if e.type == "MOBILIZE").mode == "troops"


def test_an_infinitive_the_lemmatizer_misreads_is_no_passive():
    """"wird ... schicken": simplemma lemmatizes "schicken" as "schick", and the infinitive after
    "werden" was read as a passive participle, so the MOBILIZE was lost (probe P22)."""
    doc = analyze("Die Nato werde Truppen an die Grenze schicken, sagte der Minister.", "2024-12-03")
    move = next(e for e in doc.events if e.type == "MOBILIZE")
    assert move.factuality == "planned" and move.source[0].code == "NATO"


@pytest.mark.parametrize("text, target", [
    # the verb sends someone to a place: the passive subject is who is sent, the place the target
    ("Zur Unterstützung wurden 500 Polizisten von Bayern nach Passau geschickt.", "DEU"),
    ("Mehrere Raketen wurden von der Hisbollah auf Israel abgefeuert.", "ISR"),
])
def test_a_passive_of_a_verb_acting_through_a_preposition_takes_that_target(text, target):
    """The subject of a passive is the verb's object; a verb whose target a preposition names
    ("nach", "auf") moves its object: the police sent were coded as MOBILIZE's target."""
    evs = analyze(text, dct="2024-03-04").events
    assert evs and all([p.code for p in e.target] == [target] for e in evs), evs
    assert not any("Polizist" in (p.text or "") or "Rakete" in (p.text or "") for e in evs for p in e.target)


@pytest.mark.parametrize("text, dyad", [
    # a phrase before the finite "werden" is where it happens, not where the troops go (review)
    ("In Polen wurden von Deutschland 500 Soldaten nach Litauen geschickt.", ("DEU", "LTU")),
    ("In Belarus wurden von Russland Truppen an die Grenze zur Ukraine verlegt.", ("RUS", None)),
])
def test_the_passive_target_is_the_direction_after_the_finite_verb(text, dyad):
    assert {(d[1], d[2]) for d in dyads(text) if d[0] == "MOBILIZE"} == {((dyad[0],), (dyad[1],) if dyad[1] else ())}



@pytest.mark.parametrize("text, dyad", [
    # the attacker named by the adjective of the attack noun, what is attacked by the place after it
    ("Kiew – Bei einem russischen Luftangriff wurden in Charkiw drei Zivilisten getötet.", ("RUS", "UKR")),
    ("Gaza – Bei israelischen Luftangriffen im Gazastreifen sind 20 Menschen getötet worden.", ("ISR", "PSE")),
    # a weapon opening the sentence after a dateline is the attacker ("only as the subject opening
    # its sentence": the dateline is no part of the sentence)
    ("Kiew – Russische Drohnen haben in der Nacht Kiew angegriffen.", ("RUS", "UKR")),
    # weapons do not meet: "treffen" is a hit (output policy weapon_hit)
    ("Kiew (APA) – Russische Raketen trafen am Morgen Charkiw.", ("RUS", "UKR")),
])
def test_everyday_reports_of_force_give_the_attack(text, dyad):
    """Probe P23 / issue 9's first failure class: air strikes and drones reported with a dateline,
    the attacker as an adjective, gave no event or the wrong source (UKR (Kiew) -> -)."""
    assert ("ASSAULT", (dyad[0],), (dyad[1],), "asserted") in dyads(text)


def test_the_place_of_an_attack_is_no_target_before_the_cue():
    """'Die in Belarus stationierten Truppen griffen an' names where the attackers are."""
    found = dyads("Kiew – Die in Belarus stationierten russischen Truppen griffen an.")
    assert ("ASSAULT", ("RUS",), (), "asserted") in found
    assert not any(e[0] == "ASSAULT" and "BLR" in e[2] for e in found)


@pytest.mark.parametrize("text", [
    "Über den russischen Angriff wurde am Montag im Parlament in Berlin debattiert.",
    "Wegen der israelischen Luftangriffe flohen Tausende Menschen in den Libanon.",
])
def test_a_place_the_attack_noun_does_not_tell_is_no_target(text):
    """Only a place in the noun's own phrase, or in a clause the noun sets the circumstance of
    ("Bei einem Luftangriff wurden in Charkiw ..."), is what is attacked (review)."""
    assert not any(d[0] == "ASSAULT" and d[2] for d in dyads(text)), dyads(text)


@pytest.mark.parametrize("text, dyad", [
    # the dateline is no clause: who announces is who acts, not a speaker of reported speech
    ("Berlin – Die USA haben neue Sanktionen gegen China angekündigt.", ("USA", "CHN")),
    ("Berlin – Die USA kündigten neue Sanktionen gegen China an.", ("USA", "CHN")),
    # the complement names no actor, its adjective the country
    ("Peking – Die USA haben neue Strafzölle auf chinesische Waren angekündigt.", ("USA", "CHN")),
])
def test_an_announced_sanction_after_a_dateline(text, dyad):
    """With a dateline the sentence had two clauses, so the announcing USA were read as the
    speaker and left out: no event (probe P23, tariffs)."""
    assert dyads(text) == {("SANCTION", (dyad[0],), (dyad[1],), "planned")}
