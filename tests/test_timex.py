"""German time expressions: recognition, normalization, bad input, KRAUTS scoring."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lagebild.timex import event_date, find_timexes, parse_dct

SHARED = Path(os.environ.get("LAGEBILD_SHARED") or Path(__file__).resolve().parents[1] / ".." / "shared")
KRAUTS = SHARED / "data" / "krauts"
DCT = "2022-02-18"  # a Friday, ISO week 7


def tx(text, dct=DCT, **kw):
    return find_timexes(text, dct, **kw)


def one(text, dct=DCT, **kw):
    found = tx(text, dct, **kw)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t


def values(text, dct=DCT, **kw):
    return [(t.text, t.value) for t in tx(text, dct, **kw)]


# ---------------------------------------------------------------- absolute dates

def test_absolute_dates_are_normalized():
    assert values("Das Treffen fand am 18.02.2022 statt.") == [("am 18.02.2022", "2022-02-18")]
    assert values("Er kam am 24. Februar 2022 an.") == [("am 24. Februar 2022", "2022-02-24")]
    assert values("Er wurde im Herbst 2015 gewählt.") == [("im Herbst 2015", "2015-FA")]
    assert values("Die Wahl fand im März 1992 statt.") == [("im März 1992", "1992-03")]
    assert values("Das Gesetz stammt aus dem Jahr 1998.") == [("dem Jahr 1998", "1998")]


def test_day_and_month_without_year_take_the_year_from_the_document_date():
    t = one("Der Gipfel ist am 24. Februar.")
    assert (t.type, t.value) == ("DATE", "2022-02-24")
    # December mentioned in a February article with past tense: last December
    assert one("Im Dezember hatten sie sich getroffen.").value == "2021-12"
    # future tense: the coming one
    assert one("Im Oktober wird gewählt.").value == "2022-10"


def test_date_lists_give_one_timex_per_day():
    found = tx("Die Rennen finden am 16. und 17. März statt.")
    assert [t.value for t in found] == ["2022-03-16", "2022-03-17"]


def test_decades_and_centuries():
    assert one("In den sechziger Jahren war alles anders.").value == "196"
    assert one("Seit dem 19. Jahrhundert gibt es das.").value == "18"


# ------------------------------------------------------------ relative to the DCT

def test_deictic_days_and_day_parts():
    assert values("Er sagte gestern, dass ...") == [("gestern", "2022-02-17")]
    assert values("Sie reist morgen ab.") == [("morgen", "2022-02-19")]
    t = one("Heute Morgen wurde bekannt, dass ...")
    assert (t.type, t.value) == ("TIME", "2022-02-18TMO")
    assert one("Das Ergebnis kam gestern Abend.").value == "2022-02-17TEV"


def test_weeks_are_iso_weeks():
    assert values("Sie wollen sich nächste Woche treffen.") == [("nächste Woche", "2022-W08")]
    assert values("Termine für Ende nächster Woche.") == [("Ende nächster Woche", "2022-W08")]
    assert one("In der vergangenen Woche gab es Gespräche.").value == "2022-W06"


def test_weekday_direction_follows_tense():
    # DCT Friday 2022-02-18
    assert one("Am Dienstag beginnt die Konferenz.").value == "2022-02-22"
    assert one("Er hatte am Dienstag gesagt, dass ...").value == "2022-02-15"
    assert one("Er will sich am Dienstag mit ihm treffen.").value == "2022-02-22"
    assert one("Am Freitag beginnt die Sicherheitskonferenz.").value == "2022-02-18"
    assert one("Am vergangenen Montag wurde er gewählt.").value == "2022-02-14"
    assert one("Am nächsten Montag wird gewählt.").value == "2022-02-21"


def test_a_weekday_something_is_called_for_lies_ahead_in_any_tense():
    # DCT Friday 2022-02-18; "für" (``prep_ahead``): announced or called for, still to come
    assert one("Die Gewerkschaft hat für Dienstag einen Streik angekündigt.").value == "2022-02-22"
    assert one("Die Opposition rief für Montag zu einer Kundgebung auf.").value == "2022-02-21"
    # told as before another past time: a past form of haben/sein in the clause
    assert one("Die Piloten hatten sich für den Mittwoch – den zweiten Tag – einen Streik vorgenommen."
               ).value == "2022-02-16"
    assert one("Die Polizei nahm am Dienstag drei Männer fest.").value == "2022-02-15"


def test_weekday_with_day_part_is_a_time():
    t = one("Das teilte das Büro am Donnerstagabend mit.")
    assert (t.text, t.type, t.value) == ("am Donnerstagabend", "TIME", "2022-02-17TEV")


def test_years_relative_and_ago():
    assert one("Im vergangenen Jahr stieg die Zahl.").value == "2021"
    assert one("Nächstes Jahr wird gewählt.").value == "2023"
    t = one("Das geschah vor drei Jahren.")
    assert (t.text, t.type, t.value) == ("vor drei Jahren", "DATE", "2019")
    t = one("Das geschah vor drei Jahren.", spans="timeml")
    assert (t.text, t.type, t.value) == ("drei Jahren", "DURATION", "P3Y")


def test_vague_periods_are_past_or_future_refs():
    t = one("Russland könnte in den kommenden Tagen einmarschieren.")
    assert (t.text, t.value) == ("in den kommenden Tagen", "FUTURE_REF")
    t = one("Russland könnte in den kommenden Tagen einmarschieren.", spans="timeml")
    assert (t.text, t.type, t.value) == ("den kommenden Tagen", "DURATION", "PXD")
    assert one("Damals war alles anders.").value == "PAST_REF"
    assert one("Das ist jetzt vorbei.").value == "PRESENT_REF"


# ------------------------------------------------------------------ anaphoric

def test_anaphoric_expressions_use_the_last_date_mentioned():
    # told in the past tense, "am 3. März" is the last one before the document date (2022-02-18)
    found = tx("Am 3. März traf er ein. Am Tag darauf reiste er ab.")
    assert [t.value for t in found] == ["2021-03-03", "2021-03-04"]
    found = tx("Am 3. März trifft er ein. Zwei Tage später reist er ab.")
    assert [(t.text, t.value) for t in found][1] == ("Zwei Tage später", "2022-03-05")
    found = tx("Am 3. März um 20.30 Uhr beginnt das Konzert.")
    assert [t.value for t in found] == ["2022-03-03", "2022-03-03T20:30"]


def test_underspecified_month_and_year_parts():
    assert one("Im März soll gewählt werden.").value == "2022-03"
    assert one("Anfang des Jahres stieg die Zahl.").value == "2022"


# --------------------------------------------------------- durations and sets

def test_durations():
    assert one("Die Verhandlungen dauerten drei Tage.").value == "P3D"
    assert one("Er saß zwei Jahre und neun Monate in Haft.").value == "P2Y9M"
    assert one("Sie warteten 48 Stunden.").value == "PT48H"
    assert one("Er lebt seit Jahren dort.").value == "PXY"


def test_ages_are_not_durations():
    assert tx("Die beiden Männer sind 31 und 22 Jahre alt.") == []
    assert tx("Jugendliche ab 16 Jahren dürfen wählen.") == []


def test_sets():
    t = one("Der Zug fährt täglich.")
    assert (t.type, t.value) == ("SET", "P1D")
    assert one("Die Sitzung findet jeden Montag statt.").value == "XXXX-WXX-1"
    assert one("Das kostet 400 Euro im Monat.").value == "P1M"
    assert one("Gewählt wird alle vier Jahre.").value == "P4Y"


def test_quantities_are_not_years():
    assert tx("Rund 2000 Menschen demonstrierten.") == []
    assert tx("Das kostet 1500 Euro.") == []
    assert values("Er wurde 1995 geboren.", spans="timeml") == [("1995", "1995")]


def test_event_date_takes_the_time_expression_of_the_sentence_else_the_dct():
    text = "Blinken will sich nächste Woche mit Lawrow treffen. Russland weist dies zurück."
    found = tx(text)
    d = event_date(found, 0, 52, DCT, cue=text.index("treffen"))
    assert (d.text, d.value, d.from_dct) == ("nächste Woche", "2022-W08", False)
    d = event_date(found, 53, len(text), DCT)
    assert (d.text, d.value, d.from_dct) == (None, "2022-02-18", True)


# ------------------------------------------------------------------ bad input

def test_impossible_date_is_reported_not_invented():
    t = one("Die Frist endet am 31. Februar.")
    assert t.value == "2022-02"
    assert "impossible" in t.note


def test_two_digit_year_is_expanded_and_flagged():
    t = one("Vertrag vom 18.02.22 unterschrieben.")
    assert t.value == "2022-02-18"
    assert "two-digit" in t.note
    t = one("Vertrag vom 3.10.89 unterschrieben.")
    assert t.value == "1989-10-03"


def test_clock_times():
    # a clock time takes the day of the reference time: the document date, or the day last talked about
    assert one("Beginn ist um 20.30 Uhr.").value == "2022-02-18T20:30"
    assert one("Beginn ist um 20:30 Uhr.").value == "2022-02-18T20:30"
    assert one("Beginn ist um 20.30 Uhr.", None).value == "T20:30"
    found = tx("Geöffnet von 10 bis 18 Uhr.", spans="timeml")
    assert [(t.text, t.value) for t in found] == [("10", "2022-02-18T10:00"), ("18 Uhr", "2022-02-18T18:00")]
    # habitual or generic: no particular day
    found = tx("Geöffnet ist täglich von 10 bis 18 Uhr.", spans="timeml")
    assert [(t.text, t.value) for t in found if t.type == "TIME"] == [("10", "T10:00"), ("18 Uhr", "T18:00")]
    found = tx("Die Ausstellung ist jeweils von 10 bis 18 Uhr geöffnet.", spans="timeml")
    assert [(t.text, t.value) for t in found] == [("10", "T10:00"), ("18 Uhr", "T18:00")]
    t = one("Beginn ist um 25.30 Uhr.")
    assert "impossible" in t.note
    # "T20.30" is no German way to write a time and must not crash anything
    assert isinstance(tx("Beginn T20.30 laut Plan."), list)


def test_bad_dct_is_reported_and_ignored():
    warnings: list[str] = []
    found = find_timexes("Am 24. Februar 2022 und gestern.", "18/02/2022", warnings=warnings)
    assert warnings and "18/02/2022" in warnings[0]
    assert [t.value for t in found] == ["2022-02-24", "XXXX-XX-XX"]


def test_month_precision_dct_never_invents_a_day():
    found = tx("Am Freitag beginnt die Konferenz. Nächste Woche wird verhandelt. Im März wird gewählt.",
               "2022-02")
    by_text = {t.text: t for t in found}
    assert by_text["Am Freitag"].value == "2022-02"
    assert "month" in by_text["Am Freitag"].note
    assert by_text["Nächste Woche"].value == "2022-02"
    assert by_text["Im März"].value == "2022-03"
    assert one("Am 17. Februar kam er.", "2022-02").value == "2022-02-17"


def test_month_precision_dct_uses_a_date_in_the_text_to_pin_weekdays():
    found = tx("Am 17. Februar traf er Lawrow. Am Freitag beginnt die Konferenz.", "2022-02")
    fri = found[1]
    assert (fri.text, fri.value) == ("Am Freitag", "2022-02-18")
    assert "pinned" in fri.note


def test_twelve_hour_clock_after_noon():
    assert one("Das Fest beginnt um halb acht Uhr abends.").value == "2022-02-18T19:30"
    assert one("Er kam um 8 Uhr abends.").value == "2022-02-18T20:00"
    assert one("Er kam gegen 3 Uhr morgens.", None, spans="timeml").value == "T03:00"


def test_heute_in_an_essay_without_day_references_means_nowadays():
    assert one("Heute ist Frankreich weniger fremdenfeindlich.").value == "PRESENT_REF"
    assert values("Gestern sprach er. Heute reist er ab.") == [("Gestern", "2022-02-17"), ("Heute", "2022-02-18")]


def test_without_dct_only_what_the_text_fixes():
    assert values("Am 24. Februar 2022 begann der Krieg.", None) == [("Am 24. Februar 2022", "2022-02-24")]
    assert one("Er kam gestern.", None).value == "XXXX-XX-XX"
    assert one("Er kam am 3. März.", None).value == "XXXX-03-03"


def test_empty_and_odd_text():
    assert tx("") == []
    assert isinstance(tx("!!! 31.31.31 ??? 99:99 Uhr 0. Jänner \u0000"), list)


def test_parse_dct_accepts_the_documented_forms():
    assert parse_dct("2022") == "2022"
    assert parse_dct("2022-2") == "2022-02"
    assert parse_dct("2022-02-18") == "2022-02-18"
    assert parse_dct("2022-02-18T10:00:00") == "2022-02-18"
    assert parse_dct("18.02.2022") == "2022-02-18"


@pytest.mark.parametrize("bad", ["18/02/2022", "2022-13", "2022-02-30", "gestern", "", "22-02-18"])
def test_parse_dct_rejects_unknown_formats_with_a_clear_message(bad):
    with pytest.raises(ValueError, match="YYYY"):
        parse_dct(bad)


def test_spans_option_is_checked():
    with pytest.raises(ValueError):
        find_timexes("heute", DCT, spans="other")


# ------------------------------------------------------------------ scoring

def test_scoring_counts_strict_relaxed_and_values():
    from lagebild.evaluate.timex import score_doc
    from lagebild.records import Timex

    gold = [Timex("Freitag", "DATE", "2022-02-18", 3, 10), Timex("20.30 Uhr", "TIME", "T20.30", 20, 29),
            Timex("drei Jahre", "DURATION", "P3Y", 40, 50)]
    pred = [Timex("am Freitag", "DATE", "2022-02-18", 0, 10), Timex("20.30 Uhr", "TIME", "T20:30", 20, 29),
            Timex("heute", "DATE", "2022-02-18", 60, 65)]
    c = score_doc(gold, pred)
    assert (c.gold, c.pred, c.strict, c.relaxed, c.value_ok) == (3, 3, 1, 2, 2)
    s = c.summary()
    assert s["strict"]["f1"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["relaxed"]["f1"] == pytest.approx(2 / 3, abs=1e-3)
    assert s["value_acc"] == 1.0


def test_value_normalization_unifies_equivalent_spellings():
    from lagebild.evaluate.timex import norm_value

    assert norm_value("2015-07-09T20.30") == "2015-07-09T20:30"
    assert norm_value("XXXX-WXX-01") == "XXXX-WXX-1"
    assert norm_value(" 2014-H2 ") == "2014-H2"


# --------------------------------------------------------------- shared data

def test_seed_article_expressions():
    seed = SHARED / "gold" / "seed.json"
    if not seed.exists():
        pytest.skip("../shared/gold not present")
    doc = json.loads(seed.read_text(encoding="utf-8"))
    found = {(t.text, t.value) for t in find_timexes(doc["text"], "2022-02-18")}
    for gold in doc["timexes_with_dct_2022_02_18"]:
        assert (gold["text"], gold["value"]) in found, gold


def _krauts_files(n=3):
    if not KRAUTS.is_dir():
        pytest.skip("../shared/data not present")
    return sorted((KRAUTS / "Dolomiten-100" / "gold").glob("*.tml"))[:n]


def test_krauts_reader_offsets_match_the_text():
    from lagebild.evaluate.timex import read_timeml

    for f in _krauts_files():
        doc = read_timeml(f)
        assert doc.dct and doc.timexes
        for t in doc.timexes:
            assert doc.text[t.start:t.end] == t.text


def test_krauts_scoring_smoke():
    from lagebild.evaluate.timex import evaluate

    files = _krauts_files(3)
    res = evaluate(files)
    ours = res["systems"]["lagebild"]["overall"]
    assert res["documents"] == 3
    assert ours["gold"] > 0
    assert ours["strict"]["f1"] > 0.5
    assert "heideltime" in res["systems"]


def test_eval_timex_command_prints_json():
    from click.testing import CliRunner

    from lagebild.cli import main

    files = [str(f) for f in _krauts_files(2)]
    result = CliRunner().invoke(main, ["eval", "timex", *files, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out["systems"]) == {"lagebild", "heideltime"}


def test_eval_timex_command_reports_a_missing_folder():
    from click.testing import CliRunner

    from lagebild.cli import main

    result = CliRunner().invoke(main, ["eval", "timex", "/nonexistent/krauts"])
    assert result.exit_code != 0
    assert "no such folder" in result.output


# ------------------------------------------------ tense of the clause, moving reference time
# (constructed sentences; DCT 2022-02-18 is a Friday)

@pytest.mark.parametrize("sentence, value", [
    ("Der Minister hat am Montag die Ukraine besucht.", "2022-02-14"),          # Perfekt, inseparable prefix
    ("Die Polizei hat am Montag drei Männer verhaftet.", "2022-02-14"),
    ("Die Regierung hat die Pläne am Montag kritisiert.", "2022-02-14"),        # -iert
    ("Am Montag ist der Präsident in Kiew eingetroffen.", "2022-02-14"),        # Perfekt with sein
    ("Er reiste ab, nachdem er am Montag den Präsidenten getroffen hatte.", "2022-02-14"),
    ("Er soll am Montag das Geld gestohlen haben.", "2022-02-14"),              # reported past
    ("Der Minister besucht am Montag die Ukraine.", "2022-02-21"),              # scheduled present
    ("Der Minister wird am Montag nach Kiew reisen.", "2022-02-21"),            # Futur
    ("Der Vertrag soll am Montag unterzeichnet werden.", "2022-02-21"),
    ("Er sagte, er werde am Montag nach Kiew reisen.", "2022-02-21"),           # own clause first
    ("Er hat angekündigt, dass er am Montag nach Kiew reist.", "2022-02-21"),  # present subordinate clause
    ("Russische Truppen griffen am Montag Charkiw an.", "2022-02-14"),          # strong Präteritum
    ("Die Soldaten verhielten sich am Montag ruhig.", "2022-02-14"),
])
def test_weekday_follows_the_tense_of_its_clause(sentence, value):
    assert one(sentence).value == value


@pytest.mark.parametrize("sentence, dct, value", [
    ("Am 22. November hatte die Regierung den Plan beschlossen.", "2013-11-10", "2012-11-22"),
    ("Am 22. November hat die Regierung den Plan beschlossen.", "2013-11-10", "2012-11-22"),
    ("Am 22. November wird die Regierung den Plan beschließen.", "2013-11-10", "2013-11-22"),
    ("Der Vertrag wird am 28. Dezember unterzeichnet werden.", "2013-01-05", "2013-12-28"),
    ("Die Regierung beschloss am 28. Dezember den Plan.", "2013-01-05", "2012-12-28"),
    # a date attached to a noun is not the time of the clause's verb
    ("Die Rennen vom 18. Dezember wurden verlegt.", "2014-12-16", "2014-12-18"),
])
def test_day_and_month_take_the_year_the_tense_allows(sentence, dct, value):
    assert one(sentence, dct).value == value


def test_weekday_after_a_date_written_out_moves_with_the_story():
    text = "Am 5. März 2012 kam der Präsident in Kiew an. Am Mittwoch traf er den Premier."
    assert [t.value for t in tx(text)] == ["2012-03-05", "2012-03-07"]
    # Plusquamperfekt: earlier than the reference date
    text = "Am 5. März 2012 kam der Präsident in Kiew an. Am Mittwoch hatte er Moskau besucht."
    assert [t.value for t in tx(text)] == ["2012-03-05", "2012-02-29"]
    # a date told as background (Plusquamperfekt) does not move the reference time
    text = "Vor drei Wochen, am 28. Januar, hatte er noch gezögert. Am Dienstag stimmte er zu."
    assert tx(text)[-1].value == "2022-02-15"


def test_clock_time_takes_the_day_last_talked_about():
    text = "Am Montag trafen sich die Minister. Die Sitzung begann um 20.30 Uhr."
    assert [t.value for t in tx(text)] == ["2022-02-14", "2022-02-14T20:30"]


def test_scorer_counts_equal_durations_as_equal():
    from lagebild.evaluate.timex import duration_key, same_value
    assert same_value("PT30M", "PT0.5H") and same_value("P1W", "P7D") and same_value("P1DE", "P10Y")
    assert same_value("P18M", "P1.5Y") and same_value("PT1H", "PT3600S") and same_value("P1Q", "P3M")
    assert not same_value("P1D", "PT24H")        # a day is not always 24 hours
    assert not same_value("P1M", "P30D") and not same_value("PXY", "PXM")
    assert duration_key("2022-02-18") is None and duration_key("PXD") is None


def test_event_date_is_bounded_by_the_tense_of_the_clause():
    from lagebild.records import Timex
    later = Timex("am Montag", "DATE", "2022-02-21", 10, 19)
    earlier = Timex("am Donnerstag", "DATE", "2022-02-17", 30, 43)
    # an asserted past-tense happening is not dated after the document date
    d = event_date([later], 0, 50, DCT, cue=20, tense="past")
    assert (d.value, d.from_dct) == ("2022-02-18", True)
    d = event_date([later, earlier], 0, 50, DCT, cue=20, tense="past")
    assert d.value == "2022-02-17"
    # a planned one not before it
    d = event_date([later, earlier], 0, 50, DCT, cue=40, tense="future")
    assert d.value == "2022-02-21"
    # without a tense, the nearest expression
    assert event_date([later, earlier], 0, 50, DCT, cue=40).value == "2022-02-17"
    # the paragraph's time dates a present clause, not a past one
    assert event_date([], 0, 50, DCT, anchor=later).value == "2022-02-21"
    assert event_date([], 0, 50, DCT, anchor=later, tense="past").from_dct


@pytest.mark.parametrize("text, factuality, value", [
    ("Die USA haben am Montag Sanktionen gegen Russland verhängt.", "asserted", "2022-02-14"),
    ("Die USA verhängten am 3. März Sanktionen gegen Russland.", "asserted", "2021-03-03"),
    ("Die USA wollen am Montag Sanktionen gegen Russland verhängen.", "planned", "2022-02-21"),
    ("Die USA verhängen am Montag Sanktionen gegen Russland.", "planned", "2022-02-21"),
])
def test_event_dates_follow_the_tense(analyzer, text, factuality, value):
    from lagebild.records import Article
    doc = analyzer(Article(doc_id="t", text=text, dct=DCT))
    evs = [e for e in doc.events if e.type == "SANCTION"]
    assert evs, doc.events
    assert (evs[0].factuality, evs[0].date.value) == (factuality, value)


@pytest.mark.parametrize("sentence, dct, value", [
    ("Seit Montag gilt ein Waffenstillstand.", DCT, "2022-02-14"),
    ("Die Regel gilt seit Mittwoch.", DCT, "2022-02-16"),
    ("Ab Montag gilt ein Waffenstillstand.", DCT, "2022-02-21"),
    ("Seit dem 22. November gilt die Regel.", "2013-11-10", "2012-11-22"),
])
def test_seit_points_back(sentence, dct, value):
    assert one(sentence, dct).value == value


def test_a_planned_event_on_a_bare_weekday_is_on_the_next_one():
    """ "hat für Montag einen Warnstreik angekündigt" (Friday 2024-05-17): the tagger reads the
    Perfekt as past; the planned strike is on Monday 2024-05-20, not 2024-05-13."""
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    doc = Analyzer(coder="rules")(Article(doc_id="w", dct="2024-05-17", text=(
        "Die Gewerkschaft in Frankreich hat für Montag einen landesweiten Warnstreik gegen die Regierung "
        "angekündigt. Scholz hat am vergangenen Montag Macron getroffen.")))
    strike = next(e for e in doc.events if e.type == "PROTEST")
    assert (strike.factuality, strike.date.value) == ("planned", "2024-05-20")
    meet = next(e for e in doc.events if e.type == "CONSULT")
    assert (meet.factuality, meet.date.value) == ("asserted", "2024-05-13")


def test_a_negated_event_is_dated_only_by_its_own_time_expression():
    from lagebild.timex import happening_date
    text = "Russland griff am Montag nicht an. Russland griff nicht an."
    found = find_timexes(text, DCT)
    own = happening_date("negated", found, 0, 34, DCT, cue=text.index("griff"))
    assert own is not None and own.value == "2022-02-14" and not own.from_dct
    assert happening_date("negated", found, 35, len(text), DCT, cue=text.rindex("griff")) is None
    assert happening_date("asserted", found, 35, len(text), DCT, cue=text.rindex("griff")).from_dct


def test_a_negated_event_takes_no_date_from_another_sentence():
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    doc = Analyzer(use_models=False, coder="rules")(Article(
        doc_id="n", text="Am Freitag beginnt die Konferenz. Russland wird die Ukraine nicht angreifen.", dct=DCT))
    neg = [e for e in doc.events if e.factuality == "negated"]
    assert neg and all(e.date is None for e in neg)


def test_a_negated_event_takes_no_date_from_another_clause_of_its_sentence():
    from lagebild.timex import happening_date
    text = "Die EU verhängte am Montag Sanktionen, Russland griff nicht an."
    found = find_timexes(text, DCT)
    clause = text.index("Russland")
    assert happening_date("negated", found, clause, len(text), DCT, cue=text.index("griff"),
                          wider=(0, len(text))) is None
    assert happening_date("asserted", found, clause, len(text), DCT, cue=text.index("griff"),
                          wider=(0, len(text))).value == "2022-02-14"


def test_this_winter_in_december_is_the_winter_that_ends_next_year():
    """YYYY-WI is the winter that ends in YYYY (merge.date_span): "in diesem Winter" written in
    December 2022 and in January 2023 is one winter (a review: December gave 2022-WI)."""
    from lagebild.merge import date_span
    dec = [t.value for t in find_timexes("Die Kämpfe gehen in diesem Winter weiter.", "2022-12-15")]
    jan = [t.value for t in find_timexes("Die Kämpfe gehen in diesem Winter weiter.", "2023-01-15")]
    assert dec == jan == ["2023-WI"]
    assert date_span("2023-WI")[:2] == (__import__("datetime").date(2022, 12, 1), __import__("datetime").date(2023, 2, 28))


def test_an_attribute_for_a_weekday_is_told_from_the_clause_and_durch_participles_are_past():
    # DCT Friday 2022-02-18
    assert one("Das für Montag angesetzte Treffen fand in Istanbul statt.").value == "2022-02-14"
    assert one("Die Polizei hat am Dienstag mehrere Wohnungen durchsucht.").value == "2022-02-15"


def test_an_overlong_sentence_of_dates_is_read_whole():
    # a list of dates without a full stop: every one is found and normalized (the tense
    # and clause cues read at most SCAN_CHARS either side, so the cost stays linear)
    from lagebild.timex import find_timexes
    text = ", ".join(f"am {d % 28 + 1}. März 2020" for d in range(2000)) + "."
    found = find_timexes(text, "2020-04-01")
    assert len(found) == 2000
    assert [t.value for t in found[:3]] == ["2020-03-01", "2020-03-02", "2020-03-03"]
    assert found[-1].value == f"2020-03-{1999 % 28 + 1:02d}"


def test_counts_are_no_years():
    from lagebild.timex import find_timexes
    # a number with "rund" before an adjective and a noun counts things; a year keeps its reading
    assert [t.text for t in find_timexes("Die Junta verlangte den Abzug der rund 1500 französischen "
                                         "Soldaten.", "2023-08-01")] == []
    assert [t.value for t in find_timexes("Das 1904 uraufgeführte Stück wurde gespielt.", "2023-08-01")] == ["1904"]
    # "Jahr 2.300": the year is not the first digit of a number with a thousands dot
    found = find_timexes("Im vergangenen Jahr 2.300 Polizisten im Einsatz.", "2023-08-01")
    assert all(t.value != "0002" for t in found)


def test_a_prefixed_strong_past_form_tells_the_past():
    from lagebild.timex import find_timexes
    # "entging" is "ent" + the listed "ging": the April before the document date
    assert [t.value for t in find_timexes("Anfang April entging Sarkozy einer Anklage.", "2016-03-01")] == ["2015-04"]


def test_a_background_sentence_in_the_pluperfect_sets_no_time_for_the_next():
    from lagebild.timex import _told_before
    assert _told_before("Im Jahr 2014 hatte Russland die Krim besetzt.")
    assert not _told_before("Im Jahr 2014 besetzte Russland die Krim.")


def test_a_trailing_pluperfect_clause_is_no_background():
    from lagebild.timex import _told_before
    assert not _told_before("Am Montag griff Russland an, nachdem die Ukraine zuvor Drohnen geschickt hatte.")


def test_a_bound_in_a_present_clause_is_not_dated_by_the_reports_past_tense():
    # "bleiben bis Mittwoch geschlossen, teilte ... mit" gave last Wednesday (a probe)
    text = "Die Banken des Landes bleiben mindestens bis Mittwoch geschlossen, teilte das Finanzministerium mit."
    assert [t.value for t in find_timexes(text, "2015-07-06")] == ["2015-07-08"]
    # told in the past, the bound is past
    text = "Die Banken blieben bis Mittwoch geschlossen, teilte das Ministerium mit."
    assert [t.value for t in find_timexes(text, "2015-07-06")] == ["2015-07-01"]


def test_values_that_are_not_plain_dates_have_a_readers_gloss():
    """The text view explains TIMEX3 values a reader cannot read ("2016-SU", "PRESENT_REF", a probe)."""
    from lagebild.timex import gloss
    assert gloss("2016-SU") == "summer 2016"
    assert gloss("2016-03-18TAF") == "2016-03-18, afternoon"
    assert gloss("PRESENT_REF") == "now, the present"
    assert gloss("2016-W11") == "week 11 of 2016"
    assert gloss("XXXX-WI") == "winter of an unknown year"
    assert gloss("201X") == "the 2010s"
    assert gloss("2016-03-18") is None and gloss("2016") is None and gloss(None) is None
