"""The DuckDB store: versioned schema, refusing foreign files untouched, transactions,
queries and the situation summary."""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import duckdb
import pytest

from lagebild.errors import StoreError
from lagebild.store import APP, SCHEMA_VERSION, TABLES, Store, date_bounds

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the scripted analyzer's module
from test_ingest import art, ingest  # the scripted analyzer and article builder


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- opening ------------------------------------------------------------------------------
def test_new_store_has_every_table_and_a_versioned_meta(tmp_path):
    db = tmp_path / "new.duckdb"
    with Store(db) as s:
        meta = s.meta()
        tables = {r[0] for r in s.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
    assert meta["app"] == APP and meta["schema_version"] == str(SCHEMA_VERSION)
    assert set(TABLES) <= tables
    with Store(db, read_only=True) as s:  # reopening an existing store works
        assert s.counts()["articles"] == 0


def test_random_bytes_file_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "random.duckdb"
    db.write_bytes(os.urandom(64 * 1024))
    before = _digest(db)
    for ro in (False, True):
        with pytest.raises(StoreError, match="not a DuckDB database file.*untouched"):
            Store(db, read_only=ro)
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["random.duckdb"]  # no WAL either


def test_empty_file_is_refused(tmp_path):
    db = tmp_path / "empty.duckdb"
    db.touch()
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(db)
    assert db.stat().st_size == 0


def test_duckdb_file_of_another_application_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.close()
    before = _digest(db)
    with pytest.raises(StoreError, match="another application.*customers"):
        Store(db)
    assert _digest(db) == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM information_schema.tables").fetchall() == [(1,)]
    con.close()


def test_foreign_meta_table_is_refused(tmp_path):
    db = tmp_path / "meta.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('app', 'someone-else')")
    con.close()
    with pytest.raises(StoreError, match="another application"):
        Store(db)


def test_store_from_a_newer_lagebild_is_refused(tmp_path):
    db = tmp_path / "newer.duckdb"
    with Store(db) as s:
        s.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                      [str(SCHEMA_VERSION + 1)])
    before = _digest(db)
    with pytest.raises(StoreError, match="newer lagebild"):
        Store(db)
    assert _digest(db) == before


def test_empty_duckdb_database_is_initialised(tmp_path):
    db = tmp_path / "blank.duckdb"
    duckdb.connect(str(db)).close()
    with Store(db) as s:
        assert s.meta()["app"] == APP


def test_read_only_open_of_missing_file_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="lagebild ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_folder_as_database_is_refused(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)


# -- writes ---------------------------------------------------------------------------------
def test_a_failed_insert_reports_its_own_cause(tmp_path):
    """The cleanup after a failed INSERT raised "Current transaction is aborted", which hid the
    real error from the message (a code review)."""
    db = tmp_path / "c.duckdb"
    with Store(db) as s:
        s.con.execute("ALTER TABLE quotes DROP COLUMN direct")     # stands for any failure of the INSERT
        with pytest.raises(StoreError) as info:
            s.write_batch(articles=[], minhashes=[], actors=[], new_events=[], mentions=[],
                          touched_events=[], quotes=[{"article_id": 1, "quote_index": 0, "text": "x"}])
    assert "direct" in str(info.value) and "transaction is aborted" not in str(info.value).lower()


def test_failed_batch_is_rolled_back_completely(tmp_path):
    db = tmp_path / "tx.duckdb"
    with Store(db) as s:
        with pytest.raises(Exception):
            s.write_batch(articles=[{"article_id": 1, "doc_id": "a", "content_hash": "h"}],
                          minhashes=[], actors=[], quotes=[],
                          new_events=[{"event_id": 1, "type": "ASSAULT",
                                       "num_mentions": "not a number"}],
                          mentions=[], touched_events=[])
        assert s.counts()["articles"] == 0 and s.counts()["events"] == 0
        # the connection is usable after the rollback
        s.write_batch(articles=[{"article_id": 1, "doc_id": "a", "content_hash": "h"}],
                      minhashes=[], actors=[], quotes=[], new_events=[], mentions=[],
                      touched_events=[])
        assert s.known_hashes() == {"h"}


def test_feed_state_round_trip(tmp_path):
    with Store(tmp_path / "f.duckdb") as s:
        assert s.feed_state("https://x.example/rss") is None
        s.save_feed_state("https://x.example/rss", etag='"a"', modified="Mon", status=200,
                          new_articles=3)
        s.save_feed_state("https://x.example/rss", etag='"b"', modified=None, status=304)
        st = s.feed_state("https://x.example/rss")
    assert (st["etag"], st["last_status"], st["articles_seen"]) == ('"b"', 304, 3)
    assert st["last_fetch"] is not None


# -- queries --------------------------------------------------------------------------------
def _nine_articles(db: Path) -> None:
    ingest(db, [
        art(1, "#EV CONSULT USA RUS 2022-02-15"),
        art(2, "#EV ACCUSE USA RUS 2022-02-17"),
        art(3, "#EV MOBILIZE RUS UKR 2022-02-10"),
        art(4, "#EV ASSAULT RUS UKR 2022-02-24", source="a"),
        art(5, "#EV ASSAULT RUS UKR 2022-02-24", source="b"),
        art(6, "#EV ASSAULT RUS UKR 2022-02-26"),
        art(7, "#EV ASSAULT UKR RUS 2022-02-27"),
        art(8, "#EV ASSAULT RUS UKR 2022-03-05 hypothetical"),
        art(9, "#EV AID DEU UKR 2022-02"),
    ])


@pytest.fixture
def filled(tmp_path, built_once):
    store = Store(built_once(_nine_articles, tmp_path / "q.duckdb"), read_only=True)
    yield store
    store.close()


def test_query_events_filters_by_actor_dates_type_and_factuality(filled):
    df = filled.query_events(actor="RUS", since="2022-02-20", until="2022-02")
    assert list(df["type"]) == ["ASSAULT", "ASSAULT", "ASSAULT"]
    assert list(filled.query_events(source="UKR")["target_code"]) == ["RUS"]
    assert len(filled.query_events(type="ASSAULT,MOBILIZE", factuality="asserted")) == 4
    assert list(filled.query_events(factuality="hypothetical")["event_date"].astype(str)) == [
        "2022-03-05"]
    assert len(filled.query_events(actor="rus,deu", limit=2)) == 2


def test_query_events_sorts_by_mentions(filled):
    top = filled.query_events(sort="mentions", limit=1).iloc[0]
    assert (top["type"], int(top["num_mentions"]), int(top["num_sources"])) == ("ASSAULT", 2, 2)


def test_query_rejects_bad_dates_and_sorts(filled):
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        filled.query_events(since="24.2.22")
    with pytest.raises(StoreError, match="sort"):
        filled.query_events(sort="random")


def test_timeline_counts_per_day_in_both_directions_or_directed(filled):
    both = filled.timeline("RUS", "UKR")
    assert [str(d.date()) if hasattr(d, "date") else str(d) for d in both["day"]] == [
        "2022-02-10", "2022-02-24", "2022-02-26", "2022-02-27"]
    assert list(both["b_to_a"]) == [0, 0, 0, 1]
    assert list(both["goldstein_sum"]) == [-7.2, -10.0, -10.0, -10.0]
    assert len(filled.timeline("RUS", "UKR", directed=True)) == 3
    assert len(filled.timeline("rus", "ukr", factuality=None)) == 5  # + the hypothetical one


def test_summary_reports_top_dyads_and_escalation(filled, monkeypatch):
    import lagebild.store as store_mod
    from lagebild.ingest import summary_text
    s = filled.summary(top=2)
    assert s["articles"] == 9 and s["events"] == 8
    assert (s["top_dyads"][0]["source"], s["top_dyads"][0]["target"]) == ("RUS", "UKR")
    # a handful of events per window: no trend, and the summary says why
    esc = s["escalation"]
    assert esc["trend"] == "unknown" and min(esc["recent"]["events"], esc["before"]["events"]) < 5
    assert "needs at least 5 asserted, dated events in each of two" in summary_text(s, None)
    monkeypatch.setattr(store_mod, "TREND_MIN_EVENTS", 1)
    s = filled.summary(top=2)
    esc = s["escalation"]
    assert esc["trend"] == "escalating"  # consult/accuse before, assaults in the last week
    line = [x for x in summary_text(s, None).splitlines() if x.startswith("Trend")][0]
    assert "up to 2022-02-27 (the newest event told as having happened)" in line
    assert f"of {esc['recent']['events']})" in line
    assert esc["recent"]["goldstein_mean"] < esc["before"]["goldstein_mean"]
    assert 0 < esc["overall"]["material_conflict_share"] <= 1


def test_summary_says_the_newest_day_of_what_happened_apart_from_planned_events_after_it(
        tmp_path, monkeypatch):
    """`summary` said "Trend over the 7 days up to 2026-11-22 (the newest event)" next to "Events
    dated to a day from ... to 2026-11-25": planned events dated in the future (a new-user probe).
    The range says up to which day events are told as having happened and how many of which
    factuality are dated after it; the trend names the newest event told as having happened."""
    import lagebild.store as store_mod
    from lagebild.ingest import summary_text
    db = tmp_path / "p.duckdb"
    ingest(db, [art(i, f"#EV ASSAULT RUS UKR 2026-11-{10 + i:02d}", dct="2026-11-22") for i in range(13)]
           + [art(20, "#EV CONSULT USA RUS 2026-11-25 planned", dct="2026-11-22"),
              art(21, "#EV AID DEU UKR 2026-11-24 planned", dct="2026-11-22"),
              art(22, "#EV RETREAT RUS UKR 2026-11-25 negated", dct="2026-11-22"),
              art(23, "#EV AGREE USA RUS 2026-11-12 planned", dct="2026-11-01")])   # before: not counted
    monkeypatch.setattr(store_mod, "TREND_MIN_EVENTS", 1)
    with Store(db, read_only=True) as s:
        summ = s.summary()
    assert summ["last_day"] == "2026-11-25" and summ["last_asserted_day"] == "2026-11-22"
    assert summ["dated_after_asserted"] == {"planned": 2, "negated": 1}
    lines = summary_text(summ).splitlines()
    dated = next(x for x in lines if x.startswith("Events dated to a day"))
    assert dated.startswith("Events dated to a day from 2026-11-10 to 2026-11-25 (told as having "
                            "happened up to 2026-11-22; 2 planned and 1 negated events are dated after it)")
    trend = next(x for x in lines if x.startswith("Trend"))
    assert "up to 2026-11-22 (the newest event told as having happened)" in trend
    assert "(the newest event)" not in "\n".join(lines)


def test_summary_without_events_after_the_newest_asserted_one_says_nothing_of_them(tmp_path):
    """A store whose newest event dated to a day is asserted (a hypothetical and a planned one
    come before it): the range is said as it is, with no count of events after it."""
    from lagebild.ingest import summary_text
    db = tmp_path / "a.duckdb"
    ingest(db, [art(1, "#EV MOBILIZE RUS UKR 2022-02-10"),
                art(2, "#EV ASSAULT RUS UKR 2022-02-20 hypothetical"),
                art(3, "#EV CONSULT USA RUS 2022-02-22 planned"),
                art(4, "#EV ASSAULT RUS UKR 2022-02-24")])
    with Store(db, read_only=True) as store:
        s = store.summary()
    assert s["last_day"] == s["last_asserted_day"] == "2022-02-24"
    assert s["dated_after_asserted"] == {}
    line = next(x for x in summary_text(s).splitlines() if x.startswith("Events dated"))
    assert "told as having happened" not in line and "dated after it" not in line
    assert line.startswith("Events dated to a day from 2022-02-10 to 2022-02-24")


def test_summary_of_an_empty_store_has_unknown_trend(tmp_path):
    with Store(tmp_path / "e.duckdb") as s:
        out = s.summary()
    assert out["events"] == 0 and out["escalation"]["trend"] == "unknown"


@pytest.mark.parametrize("value,first,last", [
    ("2022", "2022-01-01", "2022-12-31"), ("2022-02", "2022-02-01", "2022-02-28"),
    ("2020-02", "2020-02-01", "2020-02-29"), ("2022-12", "2022-12-01", "2022-12-31"),
    ("2022-02-24", "2022-02-24", "2022-02-24")])
def test_date_bounds_cover_the_whole_period(value, first, last):
    a, b = date_bounds(value)
    assert (a.isoformat(), b.isoformat()) == (first, last)


def test_query_events_says_what_the_text_does_not_say_for_an_event(tmp_path):
    db = tmp_path / "inf.duckdb"
    ingest(db, [art(1, "#EV ACCUSE USA RUS* 2022-02-15"), art(2, "#EV CONSULT USA RUS 2022-02-16")])
    with Store(db, read_only=True) as s:
        df = s.query_events(sort="date")
    assert list(df["type"]) == ["ACCUSE", "CONSULT"]
    assert df["inferred"][0].startswith("target country: story (")
    assert df["inferred"].isna()[1]


def test_conflict_sums_count_only_what_happened(tmp_path):
    """A hypothetical or negated attack is an event of the dyad, but no conflict."""
    db = tmp_path / "h.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24"), art(2, "#EV ASSAULT RUS UKR 2022-02-25 hypothetical"),
                art(3, "#EV ASSAULT RUS UKR 2022-02-26 negated")])
    with Store(db, read_only=True) as s:
        [row] = s.summary()["top_dyads"]
        days = s.timeline("RUS", "UKR", factuality="all")
    assert (row["events"], row["goldstein_sum"], row["material_conflict"]) == (3, -10.0, 1)
    # the command line's timeline counts the three days, but sums only the attack that happened
    assert list(days["events"]) == [1, 1, 1]
    assert list(days["goldstein_sum"]) == [-10.0, 0.0, 0.0]
    assert list(days["material_conflict"]) == [1, 0, 0]
    assert days["goldstein_mean"][0] == -10.0 and days["goldstein_mean"][1:].isna().all()


def test_an_event_only_a_copy_still_tells_is_counted_nowhere(tmp_path):
    """A corrected original takes its event back: its near-duplicate copy's mention of the old
    event is the copy's own now and counts (test_feed_versions). An event only a copy's duplicate
    mentions keep (while `reanalyze` redoes an original before its copy: built here by hand) is in
    no list, count, sum or timeline."""
    import dataclasses
    from test_ingest import original_and_copy
    db = tmp_path / "g.duckdb"
    a, b = original_and_copy(7, "#EV ASSAULT RUS UKR 2022-02-24")
    a = dataclasses.replace(a, updated="2022-02-24T08:00:00Z")
    ingest(db, [a, b])
    ingest(db, [dataclasses.replace(a, text=a.text.replace("#EV ASSAULT", "#EV CONSULT"),
                                    updated="2022-02-24T12:00:00Z")])
    with Store(db) as s:
        assert s.con.execute("SELECT type, num_mentions FROM events ORDER BY event_id").fetchall() == [
            ("ASSAULT", 1), ("CONSULT", 1)]
        s.con.execute("UPDATE event_mentions SET is_duplicate = true WHERE article_id = 2")
        s.con.execute("UPDATE events SET num_mentions = 0, num_articles = 0, num_sources = 0 "
                      "WHERE type = 'ASSAULT'")
        summ = s.summary()
        days = s.timeline("RUS", "UKR")
    assert summ["events"] == 1 and summ["events_by_type"] == {"CONSULT": 1}
    assert [(d["events"], d["material_conflict"]) for d in summ["top_dyads"]] == [(1, 0)]
    assert (list(days["events"]), list(days["material_conflict"])) == ([1], [0])


def test_summary_counts_the_events_without_a_date(tmp_path):
    from lagebild.ingest import summary_text
    db = tmp_path / "u.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24"), art(2, "#EV ASSAULT RUS UKR - hypothetical", dct=None)])
    with Store(db, read_only=True) as s:
        summ = s.summary()
    assert summ["undated"] == 1
    assert "1 without a date" in summary_text(summ)


def test_a_dyad_of_undated_events_has_an_unknown_trend(tmp_path):
    from lagebild.queries import EventFilter, Queries
    db = tmp_path / "t.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR - hypothetical", dct=None)]
               + [art(2 + i, f"#EV ASSAULT USA IRN 2022-0{1 + i // 5}-{10 + 3 * (i % 5)}") for i in range(10)]
               + [art(20, "#EV ASSAULT USA CHN 2022-02-24"), art(21, "#EV ASSAULT USA CHN 2022-02-27")])
    with Store(db, read_only=True) as s:
        dyads = {(d["source"], d["target"]): d for d in Queries(s.con).top_dyads(EventFilter())}
    assert dyads[("RUS", "UKR")]["trend"] == "unknown"
    assert dyads[("USA", "IRN")]["trend"] in ("rising", "falling", "steady")
    assert dyads[("USA", "CHN")]["trend"] == "unknown"          # two dated events say nothing


def test_the_dyad_page_averages_goldstein_over_the_asserted_events(tmp_path):
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    db = tmp_path / "d.duckdb"
    ingest(db, [art(1, "#EV CONSULT CHN JPN 2022-02-01"), art(2, "#EV CONSULT CHN JPN 2022-02-02 hypothetical"),
                art(3, "#EV CONSULT CHN JPN 2022-02-20"), art(4, "#EV CONSULT CHN JPN 2022-02-21 hypothetical")])
    with TestClient(create_app(str(db))) as client:
        esc = client.get("/dyads/CHN/JPN.json").json()["escalation"]
    assert esc["goldstein_mean_first_half"] == 1.0 and esc["goldstein_mean_second_half"] == 1.0


def test_the_inferred_label_covers_every_participant_of_a_side():
    import json as _json

    import duckdb

    from lagebild.store import INFERRED_LABEL
    src = _json.dumps([{"code": "AUT", "text": "Grünen", "code_inferred": None},
                       {"code": "AUT", "text": "Regierung", "code_inferred": "story"}])
    tgt = _json.dumps([{"code": None, "text": None, "inferred": "home"}])
    con = duckdb.connect()
    con.execute("CREATE TABLE events (source_json VARCHAR, target_json VARCHAR)")
    con.execute("INSERT INTO events VALUES (?, ?), (?, NULL), ('[]', '[]')",
                [src, tgt, _json.dumps([{"code": "RUS", "text": "Russland"}])])
    got = [r[0] for r in con.execute(f"SELECT {INFERRED_LABEL} FROM events").fetchall()]
    assert got == ["source country: story (Regierung); target: home", None, None]


def test_the_summary_says_what_its_dyads_leave_out_between_actors_of_one_country(tmp_path):
    from lagebild.ingest import summary_text
    db = tmp_path / "dom.duckdb"
    ingest(db, [art(1, "#EV ACCUSE AUT AUT 2022-02-15"), art(2, "#EV ASSAULT RUS UKR 2022-02-16"),
                art(3, "#EV COERCE AUT AUT 2022-02-17")])
    with Store(db, read_only=True) as s:
        out = s.summary()
    assert [(d["source"], d["target"]) for d in out["top_dyads"]] == [("RUS", "UKR")]
    assert out["same_country"] == [{"code": "AUT", "events": 2}]
    assert "Between actors of one country (not among the dyads): AUT -> AUT 2" in summary_text(out)


def test_a_period_that_ends_before_it_starts_is_refused(filled):
    from lagebild.store import StoreError
    with pytest.raises(StoreError, match="after --until 2022-02-01.*swap"):
        filled.query_events(since="2022-03", until="2022-02-01")
    with pytest.raises(StoreError, match="swap"):
        filled.timeline("RUS", "UKR", since="2022-03-05", until="2022-03-01")


@pytest.mark.parametrize("value,first,last", [("2025-W11", "2025-03-10", "2025-03-16"),
                                              ("12.03.2025", "2025-03-12", "2025-03-12"),
                                              ("12. März 2025", "2025-03-12", "2025-03-12"),
                                              ("Wed, 12 Mar 2025 23:30:00 +0100", "2025-03-12", "2025-03-12")])
def test_date_bounds_of_a_week_and_a_german_day(value, first, last):
    a, b = date_bounds(value)
    assert (a.isoformat(), b.isoformat()) == (first, last)


@pytest.mark.parametrize("value", ["2022/03", "2022/03/01", "2022.5", "2022xyz", "2022-02x",
                                   "2022-02-30", "32.01.2022", "2023-SU", "PRESENT_REF", ""])
def test_date_bounds_refuse_what_is_no_date_filter(value):
    """A filter's date is read whole: "2022/03" was the whole of 2022."""
    with pytest.raises(StoreError, match="bad date"):
        date_bounds(value)


def test_factuality_all_is_every_factuality(filled):
    from lagebild.store import FACTUALITIES, parse_factualities
    assert parse_factualities("all") == list(FACTUALITIES)
    assert parse_factualities("negated,asserted") == ["asserted", "negated"]
    with pytest.raises(StoreError, match="unknown factuality 'bogus'"):
        parse_factualities("all,bogus")            # every item is checked, also after "all"
    assert len(filled.query_events(factuality="all", limit=0)) == len(filled.query_events(limit=0))


def test_a_feed_that_answers_304_keeps_its_last_warning(tmp_path):
    """Nothing changed, so the malformed feed of the last poll is still malformed (a new-user probe:
    the feeds table showed it healthy on the second poll)."""
    with Store(tmp_path / "f.duckdb") as s:
        s.save_feed_state("http://x/feed", etag='"1"', modified=None, status=200, new_articles=1,
                          warning="malformed XML; 1 item recovered")
        s.save_feed_state("http://x/feed", etag='"1"', modified=None, status=304)
        assert s.con.execute("SELECT last_warning, articles_seen FROM feeds").fetchall() == [
            ("malformed XML; 1 item recovered", 1)]
        s.save_feed_state("http://x/feed", etag='"2"', modified=None, status=200)
        assert s.con.execute("SELECT last_warning FROM feeds").fetchall() == [(None,)]
        # a failure is no statement about the content: the 304 after it clears it
        s.save_feed_state("http://x/feed", etag='"2"', modified=None, status=503, warning="HTTP 503")
        s.save_feed_state("http://x/feed", etag='"2"', modified=None, status=304)
        assert s.con.execute("SELECT last_warning FROM feeds").fetchall() == [(None,)]


def test_date_filters_take_an_event_whose_date_overlaps_the_period(tmp_path):
    """ "im Februar" was no event since 15 February, "2022" none since June (only the first day
    was compared; a code review)."""
    db = tmp_path / "o.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02"), art(2, "#EV AID USA UKR 2022", dct="2022-03-01"),
                art(3, "#EV CONSULT FRA DEU 2022-02-24")])
    with Store(db, read_only=True) as s:
        def types(**kw):
            return sorted(s.query_events(**kw)["type"])
        assert types(since="2022-02-15", until="2022-02-28") == ["AID", "ASSAULT", "CONSULT"]
        assert types(since="2022-06") == ["AID"]
        assert types(since="2022-02-25") == ["AID", "ASSAULT"]
        assert types(until="2022-01-31") == ["AID"]
        assert types(since="2023") == []


def test_the_overview_and_the_dyad_page_split_the_same_period_into_halves(tmp_path):
    """Six events on 1 February, then one a day on 20-24 February: the dyad page split the days
    with events (8 / 3), the overview the raw first and last dates (a code review); both now
    split the chart's period at its middle."""
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    db = tmp_path / "h.duckdb"
    ingest(db, [art(i, f"#EV ASSAULT RUS UKR 2022-02-01 asserted X{i}", source=f"s{i}") for i in range(6)]
               + [art(10 + d, f"#EV ASSAULT RUS UKR 2022-02-{20 + d} asserted", source="t") for d in range(5)])
    with TestClient(create_app(db)) as c:
        ov = next(d for d in c.get("/overview.json").json()["top_dyads"] if (d["source"], d["target"]) == ("RUS", "UKR"))
        esc = c.get("/dyads/RUS/UKR.json").json()["escalation"]
    assert (ov["first_half"], ov["second_half"]) == (esc["events_first_half"], esc["events_second_half"])
    assert esc["first_half_ends"] == "2022-02-12" and esc["trend"] == "stable"


def test_a_feeds_state_keeps_the_first_warnings_of_a_poll_and_counts_the_rest():
    """Only the last of several warnings was kept (a new-user probe)."""
    from lagebild.ingest import feed_warning
    assert feed_warning([]) is None
    assert feed_warning(["a"]) == "a"
    assert feed_warning(["a", "b", "c", "d", "e"]) == "a | b | c | (and 2 more)"
