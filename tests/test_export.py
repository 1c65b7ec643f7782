"""Exports: Parquet by month, CSV, GDELT 2.0 layout, PLOVER JSON with folding."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.errors import StoreError
from lagebild.export import GDELT_COLUMNS, export_store, plover_record
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the scripted analyzer's module
from test_ingest import art, ingest


def _seven_articles(path: Path) -> None:
    ingest(path, [
        art(1, "#EV ASSAULT RUS UKR 2022-02-24 asserted UKR", source="a"),
        art(2, "#EV ASSAULT RUS UKR 2022-02-24 asserted UKR", source="b"),
        art(3, "#EV CONSULT USA RUS 2022-02-18 planned"),
        art(4, "#EV RETREAT RUS UKR 2022-03-10 planned"),
        art(5, "#EV ASSAULT RUS UKR 2022-03-01 hypothetical"),
        art(6, "#EV AID DEU UKR 2022-01-15 negated"),
        art(7, "#EV CONSULT USA NATO -", dct=None),
    ])


@pytest.fixture
def db(tmp_path, built_once):
    return built_once(_seven_articles, tmp_path / "x.duckdb")


def _export(db, out, fmt, **kw):
    with Store(db, read_only=True) as s:
        return export_store(s, out, fmt, **kw)


def test_parquet_export_partitions_events_by_month(db, tmp_path):
    out = tmp_path / "pq"
    files = _export(db, out, "parquet")
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2022-01", "month=2022-02", "month=2022-03", "month=unknown"]
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', "
                   f"hive_partitioning = true)").fetchall()[0][0]
    assert n == 6
    feb = duckdb.sql(f"SELECT type, num_articles FROM read_parquet('{out}/events/*/*.parquet',"
                     f" hive_partitioning = true) WHERE month = '2022-02' ORDER BY type"
                     ).fetchall()
    assert feb == [("ASSAULT", 2), ("CONSULT", 1)]
    assert (out / "articles.parquet") in files and (out / "event_mentions.parquet") in files
    _export(db, out, "parquet")  # a second export replaces the first
    assert sorted(p.name for p in (out / "events").iterdir()) == months


def test_csv_export_has_headers_and_joined_code_lists(db, tmp_path):
    _export(db, tmp_path / "c", "csv")
    with open(tmp_path / "c" / "events.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 6
    assault = [r for r in rows if r["type"] == "ASSAULT" and r["factuality"] == "asserted"][0]
    assert assault["source_codes"] == "RUS" and assault["num_sources"] == "2"
    with open(tmp_path / "c" / "articles.csv", encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 7


def test_gdelt_export_has_61_columns_and_only_asserted_events_by_default(db, tmp_path):
    out = tmp_path / "g"
    _export(db, out, "gdelt")
    lines = (out / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(GDELT_COLUMNS, ln.split("\t"))) for ln in lines]
    assert all(len(ln.split("\t")) == 61 for ln in lines)
    assert len(rows) == 2  # the asserted ASSAULT (2 articles) and the undated CONSULT
    r = [x for x in rows if x["EventRootCode"] == "19"][0]
    assert (r["Day"], r["MonthYear"], r["Year"]) == ("20220224", "202202", "2022")
    assert (r["Actor1Code"], r["Actor1CountryCode"], r["Actor2CountryCode"]) == (
        "RUSGOV", "RUS", "UKR")
    assert (r["QuadClass"], r["GoldsteinScale"]) == ("4", "-10")
    assert (r["NumMentions"], r["NumArticles"], r["NumSources"]) == ("2", "2", "2")
    assert r["ActionGeo_CountryCode"] == "UKR" and r["SOURCEURL"].startswith("https://")
    assert r["AvgTone"] == "" and len(r["DATEADDED"]) == 14
    nato = [x for x in rows if x["Actor2KnownGroupCode"] == "NATO"]
    assert nato and nato[0]["Day"] == ""
    doc = (out / "GDELT_COLUMNS.txt").read_text()
    assert "61\tSOURCEURL\tyes" in doc and "AvgTone\tempty" in doc
    _export(db, tmp_path / "g2", "gdelt", factuality="all")
    assert len((tmp_path / "g2" / "events.gdelt.tsv").read_text().splitlines()) == 6


def test_plover_export_folds_planned_cooperation_into_agree(db, tmp_path):
    _export(db, tmp_path / "p", "plover")
    recs = [json.loads(ln) for ln in
            (tmp_path / "p" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()]
    by = {(r["original_event"], r["factuality"]): r for r in recs}
    consult = by[("CONSULT", "planned")]
    assert consult["event"] == "AGREE" and consult["context"] == ["future"]
    assert consult["actor"] == [{"actorText": "usa", "code": "USA", "sector": "GOV", "inferred": None,
                                 "code_inferred": None, "named_elsewhere": None}]
    assert consult["recipient"][0]["code"] == "RUS"
    assert by[("RETREAT", "planned")]["event"] == "CONCEDE"
    assert by[("ASSAULT", "hypothetical")]["event"] == "ASSAULT"
    assert by[("ASSAULT", "hypothetical")]["context"] == ["hypothetical"]
    assert by[("AID", "negated")]["context"] == ["negation"]
    asserted = by[("ASSAULT", "asserted")]
    assert asserted["context"] == [] and asserted["num_articles"] == 2
    assert len(asserted["urls"]) == 2 and asserted["date"] == "2022-02-24"
    assert asserted["text"].startswith("#EV ASSAULT")


@pytest.mark.parametrize("typ,fact,expected", [
    ("SUPPORT", "planned", "AGREE"), ("COOPERATE", "planned", "AGREE"),
    ("AID", "planned", "AGREE"), ("AID", "asserted", "AID"), ("CONCEDE", "planned", "CONCEDE"),
    ("THREATEN", "planned", "THREATEN")])
def test_plover_folding_rules(typ, fact, expected):
    assert plover_record({"event_id": 1, "type": typ, "factuality": fact})["event"] == expected


def test_plover_record_keeps_the_confidence_and_what_is_inferred():
    """The PLOVER export left out the confidence and which sides the text does not name, which the
    events table, CSV, Parquet and the web pages keep (a probe): a consumer could neither filter by
    the one nor see the other."""
    side = json.dumps([{"text": "Polizei", "code": "SRB", "sector": "COP", "inferred": None,
                        "code_inferred": "nearby"}])
    home = json.dumps([{"text": None, "code": "DEU", "sector": "GOV", "inferred": "home",
                        "code_inferred": None}])
    rec = plover_record({"event_id": 1, "type": "COERCE", "factuality": "asserted",
                         "confidence": 0.8, "source_json": side, "target_json": home})
    assert rec["confidence"] == 0.8
    assert rec["actor"] == [{"actorText": "Polizei", "code": "SRB", "sector": "COP", "inferred": None,
                             "code_inferred": "nearby", "named_elsewhere": None}]
    assert rec["recipient"][0]["inferred"] == "home"
    assert plover_record({"event_id": 2, "type": "ACCUSE"})["confidence"] is None


def test_plover_export_writes_the_confidence_of_each_event(db, tmp_path):
    _export(db, tmp_path / "p", "plover")
    recs = [json.loads(ln) for ln in
            (tmp_path / "p" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()]
    with Store(db, read_only=True) as s:
        conf = dict(s.con.execute("SELECT event_id, confidence FROM events").fetchall())
    assert recs and all("confidence" in r for r in recs)
    assert {int(r["id"].split("-")[1]): r["confidence"] for r in recs} == {
        int(r["id"].split("-")[1]): conf[int(r["id"].split("-")[1])] for r in recs}


def test_plover_record_keeps_according_to_whom():
    rec = plover_record({"event_id": 1, "type": "ACCUSE", "factuality": "asserted",
                         "reported_by_text": "Kremlsprecher Peskow", "reported_by_code": "RUS",
                         "reported_by_sector": "GOV"})
    assert rec["reportedBy"] == {"actorText": "Kremlsprecher Peskow", "code": "RUS", "sector": "GOV"}
    assert plover_record({"event_id": 2, "type": "ACCUSE"})["reportedBy"] is None


def test_export_filters_by_date(db, tmp_path):
    _export(db, tmp_path / "f", "csv", since="2022-02", until="2022-02")
    with open(tmp_path / "f" / "events.csv", encoding="utf-8") as fh:
        ids = {r["event_id"] for r in csv.DictReader(fh) if r["month"] == "2022-02"}
    with open(tmp_path / "f" / "event_mentions.csv", encoding="utf-8") as fh:
        told = {r["article_id"] for r in csv.DictReader(fh) if r["event_id"] in ids}
    with open(tmp_path / "f" / "articles.csv", encoding="utf-8") as fh:
        arts = {r["article_id"] for r in csv.DictReader(fh)}
    assert ids and arts == told            # only the articles that tell an exported event
    _export(db, tmp_path / "all", "csv")
    with open(tmp_path / "all" / "articles.csv", encoding="utf-8") as fh:
        assert len({r["article_id"] for r in csv.DictReader(fh)}) > len(arts)     # unfiltered: every article
    every = len({r["article_id"] for r in csv.DictReader(open(tmp_path / "all" / "articles.csv", encoding="utf-8"))})
    # a filter that leaves nothing out is no filter: every article, also those without events
    for kw in ({"min_confidence": 0.0}, {"factuality": "all"}):
        _export(db, tmp_path / "same", "csv", **kw)
        with open(tmp_path / "same" / "articles.csv", encoding="utf-8") as fh:
            assert len({r["article_id"] for r in csv.DictReader(fh)}) == every, kw


def test_export_rejects_unknown_format_and_file_as_folder(db, tmp_path):
    with pytest.raises(StoreError, match="format"):
        _export(db, tmp_path / "z", "xml")
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        _export(db, f, "csv")
    with pytest.raises(StoreError, match="bad date"):
        _export(db, tmp_path / "bad", "csv", since="gestern")
    assert not (tmp_path / "bad").exists()         # a refused export leaves no empty folder


def test_cli_export_lists_the_files_written(db, tmp_path):
    r = CliRunner().invoke(main, ["export", str(tmp_path / "o"), "--db", str(db),
                                  "--format", "plover"])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().endswith("events.plover.jsonl")
    # how many events the files hold, on stderr (stdout stays the list of files; probe P21)
    n = sum(1 for line in (tmp_path / "o" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines() if line)
    assert n and f"exported {n} event{'s' if n != 1 else ''} (plover) into" in r.stderr, r.stderr


def test_parquet_export_never_deletes_a_users_file_in_events(db, tmp_path):
    out = tmp_path / "p"
    mine = out / "events" / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("my notes", encoding="utf-8")
    with pytest.raises(StoreError, match="did not write.*notes.txt"):
        _export(db, out, "parquet")
    assert mine.read_text(encoding="utf-8") == "my notes"
    assert [p.name for p in out.iterdir()] == ["events"]    # no temporary folder left


def test_parquet_export_replaces_its_own_previous_export(db, tmp_path):
    out = tmp_path / "p"
    first = _export(db, out, "parquet")
    second = _export(db, out, "parquet", since="2022-03")
    ev = sorted(p.relative_to(out).as_posix() for p in (out / "events").rglob("*.parquet"))
    assert ev and all(p.startswith("events/month=2022-03/") for p in ev)
    assert len(second) < len(first)
    assert not [p for p in out.iterdir() if p.name.startswith(".events-new-")]


def test_cli_export_says_which_existing_files_it_replaced(db, tmp_path):
    args = ["export", str(tmp_path / "o"), "--db", str(db), "--format", "csv"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0 and "replaced" not in r.stderr
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0 and "replaced the existing file" in r.stderr and "events.csv" in r.stderr


def test_plover_record_has_a_magnitude_key_also_without_a_number():
    assert plover_record({"event_id": 3, "type": "ASSAULT"})["magnitude"] is None
    rec = plover_record({"event_id": 4, "type": "MOBILIZE", "magnitude_value": 100000,
                         "magnitude_unit": "soldiers", "magnitude_qualifier": "more_than"})
    assert rec["magnitude"] == {"value": 100000, "unit": "soldiers", "qualifier": "more_than"}


def test_a_parquet_export_without_matching_events_has_an_empty_events_table(db, tmp_path):
    """events/*/*.parquet is readable also when nothing matched (a new-user probe: no files)."""
    import duckdb
    _export(db, tmp_path / "none", "parquet", since="2030")
    con = duckdb.connect()
    rel = con.execute(f"SELECT * FROM read_parquet('{tmp_path / 'none'}/events/*/*.parquet', hive_partitioning=1)")
    assert rel.fetchall() == [] and "event_id" in [d[0] for d in rel.description]


@pytest.mark.parametrize("fmt,name", [("csv", "events.csv"), ("gdelt", "events.gdelt.tsv"),
                                      ("plover", "events.plover.jsonl")])
def test_a_failed_export_says_why_and_leaves_the_earlier_files_whole(tmp_path, db, fmt, name, monkeypatch):
    """A folder where the file goes ended in a traceback, and a failure half-way left a cut-off
    file under the final name (a code review)."""
    from click.testing import CliRunner
    from lagebild.cli import main
    out = tmp_path / "out"
    (out / name).mkdir(parents=True)
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)])
    assert r.exit_code != 0 and "Traceback" not in r.output and "left as it is" in r.output, r.output
    assert not list(out.glob("*.partial"))
    (out / name).rmdir()
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)]).exit_code == 0
    before = (out / name).read_bytes()
    import lagebild.export as E
    real = E.dyads if fmt == "gdelt" else E.plover_record if fmt == "plover" else None
    if real is None:
        return
    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(E, "dyads" if fmt == "gdelt" else "plover_record", boom)
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)])
    assert r.exit_code != 0 and "disk is full" in r.output
    assert (out / name).read_bytes() == before and not list(out.glob("*.partial"))


@pytest.mark.parametrize("fmt,name", [("csv", "events.csv"), ("parquet", "articles.parquet"),
                                      ("gdelt", "events.gdelt.tsv"), ("plover", "events.plover.jsonl")])
def test_an_export_never_replaces_a_file_it_did_not_write(tmp_path, db, fmt, name):
    """A user's own events.csv or articles.parquet was replaced with a note (a new-user probe);
    the docs promise that lagebild deletes no file it did not write."""
    from click.testing import CliRunner
    from lagebild.cli import main
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("meine eigenen Notizen\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)])
    assert r.exit_code != 0 and "not written by a lagebild export" in r.output, r.output
    assert (out / name).read_text(encoding="utf-8") == "meine eigenen Notizen\n"
    (out / name).unlink()
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)]).exit_code == 0
    assert CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)]).exit_code == 0


def test_parquet_puts_an_event_of_a_year_under_that_year_not_unknown(tmp_path):
    """A year-dated event landed in month=unknown, which the docs reserve for undated events (a
    code review)."""
    from lagebild.export import export_store
    db = tmp_path / "y.duckdb"
    ingest(db, [art(1, "#EV AID USA UKR 2022"), art(2, "#EV ASSAULT RUS UKR - hypothetical", dct=None)])
    out = tmp_path / "p"
    with Store(db, read_only=True) as s:
        export_store(s, out, "parquet", factuality="all")
    assert sorted(p.name for p in (out / "events").iterdir()) == ["month=2022", "month=unknown"]


def test_cli_export_to_a_folder_that_cannot_be_made_says_so_without_a_traceback(db, tmp_path):
    """`lagebild export /proc/nope` printed a FileNotFoundError traceback (probe P1): now an error
    naming the folder and what to do, exit status 1, like the other commands' errors."""
    f = tmp_path / "afile"
    f.write_text("x")
    out = f / "out"                     # a folder under a file: it cannot be created
    r = CliRunner().invoke(main, ["export", str(out), "--db", str(db), "--format", "csv"])
    assert r.exit_code == 1, r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    assert f"{out}: cannot create the export folder" in r.output
    assert "give a folder you can write to" in r.output


def test_gdelt_dates_fill_only_what_the_date_says_zero_padded(tmp_path):
    """A year-only date became Day=18300101 (an exact-looking day) and the year 2 a 5-digit
    Day=20101 (probe P1). Each GDELT date field now holds only what the date determines, padded
    to its width; the rest stay empty (docs/output.md)."""
    db = tmp_path / "d.duckdb"
    dates = ["2022-03-05", "2022-03", "1830", "0002", "2022-W09", "2022-W11", "2023-WI", "2022-SU"]
    targets = ["UKR", "FRA", "DEU", "ITA", "ESP", "POL", "AUT", "CHE"]    # apart: no merging
    ingest(db, [art(i, f"#EV AID USA {t} {d}") for i, (d, t) in enumerate(zip(dates, targets))])
    out = tmp_path / "g"
    _export(db, out, "gdelt")
    lines = (out / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()
    got = {}
    with Store(db, read_only=True) as s:
        value = dict(s.con.execute("SELECT event_id, date_value FROM events").fetchall())
    for ln in lines:
        r = dict(zip(GDELT_COLUMNS, ln.split("\t")))
        got[value[int(r["GlobalEventID"])]] = (r["Day"], r["MonthYear"], r["Year"], r["FractionDate"])
    assert got == {
        "2022-03-05": ("20220305", "202203", "2022", "2022.1726"),
        "2022-03": ("", "202203", "2022", ""),
        "1830": ("", "", "1830", ""),
        "0002": ("", "", "0002", ""),
        "2022-W09": ("", "", "2022", ""),          # 28 February to 6 March
        "2022-W11": ("", "202203", "2022", ""),    # 14 to 20 March
        "2023-WI": ("", "", "", ""),                # December 2022 to February 2023
        "2022-SU": ("", "", "2022", "")}
    doc = (out / "GDELT_COLUMNS.txt").read_text()
    assert "hold only what the event's date determines" in doc
    # the PLOVER and Parquet exports keep the first day with its precision, also for year 2
    _export(db, tmp_path / "p", "plover")
    recs = [json.loads(x) for x in (tmp_path / "p" / "events.plover.jsonl").read_text().splitlines()]
    assert {(r["date"], r["datePrecision"]) for r in recs} >= {("0002-01-01", "year"),
                                                              ("2022-03-01", "month")}


def test_the_month_of_a_date_before_the_year_1000_is_zero_padded():
    """Python's strftime wrote the year 2 as "2" ("2-03"), so a parquet partition got a name
    no other month has."""
    from lagebild.merge import date_columns
    assert date_columns("0002-03")[2] == "0002-03" and date_columns("0950-W10")[2] == "0950-03"


@pytest.mark.parametrize("fmt,args,says", [
    ("csv", ["--since", "2030"], "no event matches --since 2030"),
    ("plover", ["--factuality", "negated", "--min-mentions", "5"], "--factuality negated --min-mentions 5"),
    ("gdelt", ["--since", "2030"], "gdelt exports asserted events unless --factuality")])
def test_an_export_that_matches_no_event_says_so(db, tmp_path, fmt, args, says):
    """An export whose filters match nothing wrote files without events (and replaced an earlier
    export's) with no word of it (a probe): a note on stderr says so, the files are still written."""
    r = CliRunner().invoke(main, ["export", str(tmp_path / "o"), "--db", str(db), "--format", fmt, *args])
    assert r.exit_code == 0, r.output
    assert says in r.stderr and "the files hold no events" in r.stderr and "lagebild events" in r.stderr
    assert r.stdout.strip()            # the files written are listed
    r = CliRunner().invoke(main, ["export", str(tmp_path / "o2"), "--db", str(db), "--format", fmt])
    assert r.exit_code == 0 and "no event matches" not in r.stderr, r.output


def test_count_exported_counts_what_the_export_writes(db, tmp_path):
    from lagebild.export import count_exported
    with Store(db, read_only=True) as s:
        for fmt, kw in [("csv", {}), ("gdelt", {}), ("gdelt", {"factuality": "all"}),
                        ("plover", {"factuality": "planned"}), ("csv", {"since": "2022-03"})]:
            export_store(s, tmp_path / f"{fmt}{len(kw)}{kw.get('since', '')}", fmt, **kw)
            if fmt == "csv":
                with open(tmp_path / f"{fmt}{len(kw)}{kw.get('since', '')}" / "events.csv",
                          encoding="utf-8") as fh:
                    written = len({row["event_id"] for row in csv.DictReader(fh)})
            elif fmt == "gdelt":
                rows = (tmp_path / f"{fmt}{len(kw)}" / "events.gdelt.tsv").read_text().splitlines()
                written = len({r.split("\t")[0] for r in rows})
            else:
                written = len((tmp_path / f"{fmt}{len(kw)}" / "events.plover.jsonl").read_text().splitlines())
            assert count_exported(s, fmt, **kw) == written > 0, (fmt, kw)


def test_a_gdelt_export_says_how_many_events_it_left_out_as_not_asserted(db, tmp_path):
    """`export --format gdelt` wrote the asserted events only (said in --help) and, at run time, no
    word of the others: 4 of the 6 events went missing from the file silently (a new-user probe)."""
    r = CliRunner().invoke(main, ["export", str(tmp_path / "o"), "--db", str(db), "--format", "gdelt"])
    assert r.exit_code == 0, r.output
    assert "note: 4 events not asserted (planned, hypothetical or negated) left out" in r.stderr
    assert "--factuality all exports them too" in r.stderr
    for args in (["--factuality", "all"], ["--factuality", "asserted"], ["--format", "csv"]):
        r = CliRunner().invoke(main, ["export", str(tmp_path / "o2"), "--db", str(db), "--format",
                                      "gdelt", *args])
        assert r.exit_code == 0 and "left out" not in r.stderr, (args, r.output)


# -- what the text does not say, dates, URLs (new-user probes) ---------------------------------
@pytest.fixture
def inferred_db(tmp_path):
    """A side filled in by a fallback policy (DEU+home, USA+nearest), a named side whose country
    is the story's (POL*: named, not inferred), and an event told by an article with a URL and one
    read from a file without any."""
    from lagebild.records import Article
    path = tmp_path / "inf.duckdb"
    file_article = Article(doc_id="datei-7", text="Ein Bericht aus einer Datei.\n"
                           "#EV ASSAULT RUS UKR 2022-02-24 asserted UKR", dct="2022-02-24",
                           source="datei", url=None)
    only_file = Article(doc_id="datei-8", text="Noch ein Bericht.\n#EV AID FRA UKR 2022-02-20",
                        dct="2022-02-20", source="datei", url=None)
    ingest(path, [
        art(1, "#EV ASSAULT RUS UKR 2022-02-24 asserted UKR", source="a"),
        file_article, only_file,
        art(2, "#EV ACCUSE RUS DEU+home 2022-02-25"),
        art(3, "#EV CONSULT USA+nearest POL* 2022-02-26"),
    ])
    return path


def _by_type(rows, key="type"):
    return {r[key]: r for r in rows}


def test_csv_and_parquet_exports_say_which_participants_are_inferred(inferred_db, tmp_path):
    """Which participants the text does not name was only inside source_json/target_json (a
    new-user probe): source_inferred and target_inferred give their policies, as the codes are
    given (";"-joined in CSV, lists in Parquet), empty when the text names them all."""
    _export(inferred_db, tmp_path / "c", "csv")
    with open(tmp_path / "c" / "events.csv", encoding="utf-8") as fh:
        rows = _by_type(csv.DictReader(fh))
    got = {t: (r["source_inferred"], r["target_inferred"]) for t, r in rows.items()}
    assert got == {"ASSAULT": ("", ""), "AID": ("", ""), "ACCUSE": ("", "home"),
                   "CONSULT": ("nearest", "")}           # POL*: named, its country inferred: not listed
    import pyarrow.dataset as ds
    _export(inferred_db, tmp_path / "p", "parquet")
    table = ds.dataset(tmp_path / "p" / "events", format="parquet", partitioning="hive").to_table()
    assert str(table.schema.field("source_inferred").type) == "list<element: string>"
    got = {r["type"]: (r["source_inferred"], r["target_inferred"]) for r in table.to_pylist()}
    assert got == {"ASSAULT": ([], []), "AID": ([], []), "ACCUSE": ([], ["home"]),
                   "CONSULT": (["nearest"], [])}
    empty = tmp_path / "none"
    _export(inferred_db, empty, "parquet", since="2030-01-01")  # no event: the columns are there
    import pyarrow.parquet as pq
    assert {"source_inferred", "target_inferred"} <= set(
        pq.read_schema(empty / "events" / "month=none" / "data_0.parquet").names)


def test_the_plover_export_says_which_participants_are_inferred(inferred_db, tmp_path):
    _export(inferred_db, tmp_path / "j", "plover")
    recs = [json.loads(x) for x in (tmp_path / "j" / "events.plover.jsonl").read_text().splitlines()]
    got = {r["original_event"]: (r["source_inferred"], r["target_inferred"]) for r in recs}
    assert got == {"ASSAULT": ([], []), "AID": ([], []), "ACCUSE": ([], ["home"]),
                   "CONSULT": (["nearest"], [])}


def test_the_plover_urls_hold_urls_and_the_ids_have_their_own_field(inferred_db, tmp_path):
    """`urls` held doc ids where an article had no URL ("datei-7" as a URL; a new-user probe): it
    holds the articles' URLs only, [] when none has one, and `doc_ids` every article's id."""
    _export(inferred_db, tmp_path / "j", "plover")
    recs = {r["original_event"]: r for r in map(json.loads, (tmp_path / "j" / "events.plover.jsonl")
                                                .read_text().splitlines())}
    assert recs["ASSAULT"]["urls"] == ["https://news1.example/a/1"]
    assert recs["ASSAULT"]["doc_ids"] == ["d1", "datei-7"]
    assert recs["AID"]["urls"] == [] and recs["AID"]["doc_ids"] == ["datei-8"]
    assert all(u.startswith("https://") for r in recs.values() for u in r["urls"])


def test_parquet_dates_are_dates_and_times_are_timestamps(db, tmp_path):
    """Checked with pyarrow's schema (a new-user probe read event_date as a timestamp): the
    date-only column is a DATE (date32), the times of ingestion timestamps."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq
    _export(db, tmp_path / "p", "parquet")
    schema = ds.dataset(tmp_path / "p" / "events", format="parquet", partitioning="hive").schema
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("created_at").type).startswith("timestamp")
    arts = pq.read_schema(tmp_path / "p" / "articles.parquet")
    assert str(arts.field("ingested_at").type).startswith("timestamp")
    for f in pq.ParquetFile(next((tmp_path / "p" / "events").glob("*/*.parquet"))).schema_arrow:
        if f.name.endswith("_date"):
            assert str(f.type) == "date32[day]", f
