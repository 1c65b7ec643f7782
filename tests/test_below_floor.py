"""Events below the confidence floor are not invisible (probe P22, findings 5 and 13): the store
keeps how many the floor left out of each article (schema version 7: ``articles.below_floor``,
``confidence_floor``), and the article page and its JSON say so; ``analyze`` says how many it left
out and at which floor, and no longer prints a fixed sentence that read as a description of them."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lagebild.records import Article, Document, Event, EventDate, Evidence, Participant

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ingest, q  # noqa: E402


class Dropping:
    """No event kept, three left below the floor (as the learned coder reports them)."""

    def __call__(self, art: Article) -> Document:
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, title=art.title,
                        source=art.source, below_floor=3)


class LowConfidence:
    """One event of confidence 0.2 (on the 20th) and one of 0.9 (on the 21st)."""

    def __call__(self, art: Article) -> Document:
        def ev(conf):
            day = "2024-04-20" if conf < 0.5 else "2024-04-21"
            return Event(type="PROTEST", source=[Participant(None, "Demonstranten", "AUT", "CVL")],
                         date=EventDate(day, day), confidence=conf, quad_class=3,
                         goldstein=-4.0, evidence=[Evidence(0, 0, 10, art.text[:10])])
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, source=art.source,
                        events=[ev(0.2), ev(0.9)])


def _client(db):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    return TestClient(create_app(db))


def test_the_article_page_says_how_many_events_the_floor_left_out(tmp_path):
    db = tmp_path / "b.duckdb"
    ingest(db, [Article("graz", "In Graz haben rund 3.000 Menschen protestiert.", "2024-04-21", source="o")],
           analyzer="test_below_floor:Dropping")
    with _client(db) as c:
        art = c.get("/articles/1.json").json()["article"]
        page = c.get("/articles/1").text
    assert art["below_floor"] == 3 and art["events"] == []
    assert "3 events below the confidence floor" in page and "were not stored" in page
    assert "--min-confidence 0" in page and "No events found in this article" not in page


def test_ingest_counts_the_events_its_own_floor_drops_and_keeps_the_floor(tmp_path):
    db = tmp_path / "c.duckdb"
    ingest(db, [Article("g", "Demonstranten in Graz.", "2024-04-21", source="o")],
           analyzer="test_below_floor:LowConfidence", min_confidence=0.5)
    assert q(db, "SELECT below_floor, confidence_floor, (SELECT count(*) FROM events) FROM articles") == [
        (1, 0.5, 1)]
    with _client(db) as c:
        page = c.get("/articles/1").text
    assert "1 event below the confidence floor 0.5 was not stored" in page


def test_a_store_of_schema_version_6_gets_the_columns(tmp_path):
    import duckdb
    from lagebild.store import SCHEMA_VERSION, Store
    db = tmp_path / "old.duckdb"
    ingest(db, [Article("g", "Demonstranten in Graz.", "2024-04-21", source="o")],
           analyzer="test_below_floor:LowConfidence")
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE articles DROP COLUMN below_floor")
    con.execute("ALTER TABLE articles DROP COLUMN confidence_floor")
    con.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    con.close()
    with Store(db, read_only=True) as s:        # a reading command upgrades it first
        assert s.con.execute("SELECT below_floor FROM articles").fetchall() == [(None,)]
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION)
    with _client(db) as c:
        page = c.get("/articles/1").text
    assert "below the confidence floor" not in page       # not counted: nothing said


def test_analyze_says_how_many_it_left_out_at_which_floor_not_a_fixed_description():
    from lagebild.cli.analyze import format_summary
    ev = Event(type="REJECT", source=[Participant(None, "Demonstranten", "DEU", "CVL")], factuality="asserted")
    text = format_summary(Document(doc_id="d", dct="2024-01-01", text="x", events=[ev], below_floor=1), 0.3)
    assert "1 more event below the confidence floor 0.3, not shown: --min-confidence 0 shows them" in text
    assert "; one between two countries, one of them only guessed" not in text
    # R23 finding 10: the higher floors were added to every article's line, as if they told
    # what was left out; they are rules of --min-confidence (its --help), not said per article
    assert "floor is higher" not in text and "only guessed" not in text
    text = format_summary(Document(doc_id="d", dct="2024-01-01", text="x", below_floor=2), None)
    assert "2 more events below the confidence floor, not shown" in text


def test_following_the_article_pages_advice_keeps_the_events_below_the_floor(tmp_path):
    """R23 finding 1: the page advises `lagebild reanalyze --db … --min-confidence 0`, which
    selected only articles of another analyzer version (and a lower floor at ingest skips a
    stored article), so the events stayed away. Now an article analyzed at another floor is redone."""
    from click.testing import CliRunner
    from lagebild.cli import main
    db = tmp_path / "f.duckdb"
    ingest(db, [Article("g", "Demonstranten in Graz.", "2024-04-21", source="o")],
           analyzer="test_below_floor:LowConfidence", min_confidence=0.5)
    with _client(db) as c:
        page = c.get("/articles/1").text
    advice = page[page.index("<code>lagebild reanalyze"):].split("</code>")[0].removeprefix("<code>lagebild ")
    assert "or ingest" not in page[page.index("below-floor"):]
    args = advice.replace("--db " + db.name, "--db " + str(db)).split()
    assert args[:2] == ["reanalyze", "--db"] and args[-2:] == ["--min-confidence", "0"]
    r = CliRunner().invoke(main, args + ["--analyzer", "test_below_floor:LowConfidence", "-q"])
    assert r.exit_code == 0, r.output
    assert q(db, "SELECT below_floor, confidence_floor, (SELECT count(*) FROM events) FROM articles") == [
        (0, 0.0, 2)]
    with _client(db) as c:
        assert len(c.get("/articles/1.json").json()["article"]["events"]) == 2
    # at the same floor again: nothing to redo
    r = CliRunner().invoke(main, args + ["--analyzer", "test_below_floor:LowConfidence"])
    assert r.exit_code == 0 and "nothing to re-analyze" in r.output, r.output
