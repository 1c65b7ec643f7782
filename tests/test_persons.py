"""Checks of lagebild/lang/de/persons.tsv, the dictionary of persons named without a role.

Self-contained: reads the TSV with csv, imports nothing from lagebild.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parents[1] / "lagebild" / "lang" / "de" / "persons.tsv"
HEADER = ["name", "code", "sector", "role", "from", "to", "note"]
ORG_CODES = frozenset("EU NATO UN G7 G20 OSCE COE OECD WTO OIC AU ASEAN IAEA OPCW WHO IMF ICC "
                      "OPEC CIS GCC ARAB_LEAGUE".split())
SECTORS = frozenset("GOV MIL LEG JUD COP SPY PTY OPP REB UAF CVL BUS MED JRN REL REF LAB EDU ELI UNK".split())
# surnames that are everyday German words: a row with one of them must say "surname-word"
COMMON_WORDS = frozenset("Kurz Kohl Fischer Weil Lang Kern Kaiser Frieden Heil Zorn Bauer Hahn "
                         "Herzog Laden Hagel Maurer Rau Reiche Kraft Koch Nagel Frei Bär Braun "
                         "Jung Eichel Schüssel".split())


def _lines() -> list[tuple[int, str]]:
    text = PATH.read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#")]


def _rows() -> list[dict[str, str]]:
    lines = _lines()
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    return list(reader)


ROWS = _rows()
BY_NAME = {row["name"]: row for row in ROWS}


def _fold(name: str) -> str:
    """Name without diacritics ("Erdoğan" -> "Erdogan") for comparing spelling variants."""
    name = name.replace("ı", "i").replace("İ", "I").replace("ø", "o").replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def test_header_row_names_the_seven_columns():
    assert _lines()[0][1].split("\t") == HEADER


def test_every_row_has_exactly_seven_tab_separated_cells():
    bad = [(n, len(line.split("\t"))) for n, line in _lines() if len(line.split("\t")) != len(HEADER)]
    assert not bad, f"persons.tsv lines with a wrong number of columns (line, cells): {bad[:10]}"


def test_file_holds_at_least_300_persons():
    assert len(ROWS) >= 300


def test_names_are_unique():
    seen: dict[str, int] = defaultdict(int)
    for row in ROWS:
        seen[row["name"]] += 1
    assert [n for n, k in seen.items() if k > 1] == []


def test_cells_have_no_stray_whitespace_and_names_have_two_words():
    for row in ROWS:
        for key, value in row.items():
            assert value == value.strip() and "  " not in value, (row["name"], key, value)
        assert len(row["name"].split()) >= 2, f"bare one-word name would over-match: {row['name']!r}"


def test_codes_are_iso3_or_organisation_codes():
    for row in ROWS:
        assert row["code"], row["name"]
        for part in row["code"].split("|"):
            assert re.fullmatch(r"[A-Z]{3}", part) or part in ORG_CODES, (row["name"], row["code"])


def test_sectors_are_plover_and_empty_exactly_for_igo_officials():
    for row in ROWS:
        is_igo = row["code"] in ORG_CODES
        if is_igo:
            assert row["sector"] == "", f"IGO officials carry no sector (gold convention): {row['name']}"
        else:
            assert row["sector"] in SECTORS, (row["name"], row["sector"])


def test_years_are_plausible_and_ordered():
    for row in ROWS:
        assert re.fullmatch(r"(19|20)\d\d", row["from"]), (row["name"], row["from"])
        if row["to"]:
            assert re.fullmatch(r"(19|20)\d\d", row["to"]), (row["name"], row["to"])
            assert int(row["from"]) <= int(row["to"]), row["name"]
        assert row["role"], row["name"]


def test_spelling_variants_agree_on_code_sector_and_role():
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        groups[_fold(row["name"])].append(row)
    for rows in groups.values():
        keys = {(r["code"], r["sector"], r["role"], r["from"], r["to"]) for r in rows}
        assert len(keys) == 1, [r["name"] for r in rows]


def test_surnames_that_are_common_words_are_flagged():
    for row in ROWS:
        if row["name"].split()[-1] in COMMON_WORDS:
            assert row["note"].startswith("surname-word"), row["name"]


@pytest.mark.parametrize("name,code,sector", [
    ("Wladimir Putin", "RUS", "GOV"),
    ("Sergej Lawrow", "RUS", "GOV"),
    ("Barack Obama", "USA", "GOV"),
    ("Jens Stoltenberg", "NATO", ""),
    ("António Guterres", "UN", ""),
    ("Ursula von der Leyen", "EU", ""),
    ("Angela Merkel", "DEU", "GOV"),
    ("Sebastian Kurz", "AUT", "GOV"),
    ("Recep Tayyip Erdoğan", "TUR", "GOV"),
    ("Recep Tayyip Erdogan", "TUR", "GOV"),
    ("Wolodymyr Selenskyj", "UKR", "GOV"),
    ("Wolodymyr Selenskij", "UKR", "GOV"),
    ("Alexej Nawalny", "RUS", "OPP"),
    ("Ismail Hanija", "PSE", "REB"),
    ("Alice Weidel", "DEU", "PTY"),
    ("Ignazio Cassis", "CHE", "GOV"),
    ("Albin Kurti", "XKX", "GOV"),
])
def test_well_known_persons_have_their_country_and_sector(name, code, sector):
    row = BY_NAME[name]
    assert (row["code"], row["sector"]) == (code, sector)


def test_sitting_office_holder_has_open_end_and_former_one_has_end_year():
    assert BY_NAME["Wladimir Putin"]["to"] == ""
    assert BY_NAME["Angela Merkel"]["to"] == "2021"
    assert BY_NAME["Sebastian Kurz"]["note"].startswith("surname-word (kurz)")
