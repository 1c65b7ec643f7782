"""An event's sides are its first article's, as the analyzer now reads that article.

Two ways they went stale (schema version 8): ``reanalyze`` merged a re-analysed article's event
into the event stored before, which kept the sides, texts, actor ids and ``named_elsewhere`` of
the old analysis; and when an event's first article moved (the first article re-analysed or
corrected so that it no longer tells the event, another one first now), the participants'
``actor_id`` stayed the old article's ids, which name other actors in the new first article
(the name filters then found the event under a name it does not have). Since schema version 9 each
mention keeps the sides its article gives (``event_mentions.source_json``/``target_json``), and
the event takes those of its first article whenever its mentions change."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

from lagebild.ingest import Ingester, Progress
from lagebild.records import ActorRef, Article, Document
from lagebild.store import SCHEMA_VERSION, Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import assert_participants_in_step  # noqa: E402
from test_ingest import filler, ingest  # noqa: E402
from test_participants import SideAnalyzer  # noqa: E402

N = lambda name: ActorRef(name=name)        # noqa: E731
SIDES, RETRACTED = "test_participants:SideAnalyzer", "test_event_sides:Retracted"
KICKL = "#EV ACCUSE AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-03-01"


class Upgraded(SideAnalyzer):
    """The "upgraded" analyzer: the FPÖ is written "Freiheitliche", and it finds two actors more
    before the event's (two "Karl Nehammer"), so that the event's actors get other ids."""

    def __call__(self, art: Article) -> Document:
        text = "#ACTORS 2\n" + art.text.replace("FPÖ", "Freiheitliche")
        return super().__call__(Article(**{**art.__dict__, "text": text}))


class Retracted(SideAnalyzer):
    """The "upgraded" analyzer that reads the accusation as a rejection (another event)."""

    def __call__(self, art: Article) -> Document:
        text = art.text.replace("#EV ACCUSE", "#EV REJECT")
        return super().__call__(Article(**{**art.__dict__, "text": text}))


def _art(i: int, *lines: str, **kw) -> Article:
    return Article(doc_id=f"k{i}", text=filler(i) + "\n" + "\n".join(lines), dct="2025-03-15",
                   source=f"o{i}", url=f"https://kickl{i}.example/a/{i}", **kw)


def _two_reports(db: Path, **kw) -> None:
    """Event 1, told by article 1 (its first) and article 2, whose ids A1-A3 are three
    "Karl Nehammer" and the event's actors A4 and A5."""
    ingest(db, [_art(1, KICKL, **kw), _art(2, "#ACTORS 3", KICKL)], analyzer=SIDES)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT event_id, num_mentions, num_articles, first_article_id FROM events"
                             ).fetchall() == [(1, 2, 2, 1)]


def _participants(con, event_id: int = 1) -> list[tuple]:
    """The event's participants with the name of the actor each resolves to in its first article."""
    return con.execute("""
        SELECT p.side, p.actor_id, p.text, a.name FROM participants p JOIN events e USING (event_id)
        LEFT JOIN actors a ON a.article_id = e.first_article_id AND a.actor_id = p.actor_id
        WHERE p.event_id = ? ORDER BY p.side, p.position""", [event_id]).fetchall()


def _event_ids(store: Store, name: str) -> list[int]:
    return store.query_events(actor=[N(name)], limit=None, sort="id")["event_id"].tolist()


# -- 1. reanalyze: the sides of the new analysis --------------------------------------------------
def test_reanalyze_gives_an_event_it_merges_into_the_sides_the_new_analysis_gives(tmp_path):
    db = tmp_path / "r.duckdb"
    _two_reports(db)
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:Upgraded") as ing:
        stats = ing.reanalyze()
        assert (stats.read, stats.events_new, stats.events_merged, stats.events_removed) == (2, 0, 2, 0)
        con = store.con
        # the same event, still told by both articles, counted as before
        assert con.execute("SELECT event_id, num_mentions, num_articles, first_article_id, source_text, "
                           "target_text FROM events").fetchall() == [
            (1, 2, 2, 1, "Freiheitliche-Chef Herbert Kickl", "ÖVP")]
        assert con.execute("SELECT DISTINCT article_id FROM event_mentions ORDER BY 1").fetchall() == [(1,), (2,)]
        (src,), (tgt,) = (json.loads(x) for x in con.execute("SELECT source_json, target_json FROM events").fetchone())
        assert (src["actor"], src["text"], tgt["actor"]) == ("A3", "Freiheitliche-Chef Herbert Kickl", "A4")
        # the participants as article 1 now reads them: its actors A1, A2 are two "Karl Nehammer"
        assert _participants(con) == [
            ("source", "A3", "Freiheitliche-Chef Herbert Kickl", "Freiheitliche-Chef Herbert Kickl"),
            ("target", "A4", "ÖVP", "ÖVP")]
        assert_participants_in_step(con)
        assert _event_ids(store, "Freiheitliche") == [1]
        assert _event_ids(store, "FPÖ") == [] and _event_ids(store, "Nehammer") == []


RULES = "lagebild.pipeline:rules_analyzer"
#: the second attack's source is named in the sentence before (``named_elsewhere``)
DROHNEN = "Georgien hat Armenien in der Nacht angegriffen. Am Sonntag griffen Drohnen ein Munitionsdepot an."
#: the same attack, its source named in its own sentence
DEPOT = "Am Sonntag hat Georgien ein Munitionsdepot mit Drohnen angegriffen."


def test_reanalyze_fills_in_named_elsewhere_of_an_event_stored_before_the_field(tmp_path):
    """docs/output.md said: "`lagebild reanalyze` does not fill it in for them: a re-analysed article
    whose event is already stored adds its mention to that event, which keeps the sides (and their
    JSON) it was stored with". The real rule coder on two invented reports of one drone attack."""
    db = tmp_path / "n.duckdb"
    with Store(db) as store, Ingester(store, progress=Progress(quiet=True), analyzer=RULES) as ing:
        ing.ingest([Article(doc_id=f"g{i}", text=t, dct="2025-05-12", source=f"o{i}",
                            url=f"https://g{i}.example/") for i, t in enumerate((DROHNEN, DEPOT), 1)])
        (eid, src), = store.con.execute("SELECT event_id, source_json FROM events WHERE num_articles = 2").fetchall()
        assert [(p["code"], p["text"], p["named_elsewhere"]) for p in json.loads(src)] == [("GEO", "Georgien", True)]
        # as an analyzer before the field stored it (and named it so): no named_elsewhere
        old = [{k: v for k, v in p.items() if k != "named_elsewhere"} | {"text": "Georgiens Armee"}
               for p in json.loads(src)]
        store.con.execute("UPDATE events SET source_json = ?, source_text = 'Georgiens Armee' WHERE event_id = ?",
                          [json.dumps(old, ensure_ascii=False), eid])
        store.con.execute("UPDATE participants SET text = 'Georgiens Armee' WHERE event_id = ?", [eid])
        store.con.execute("UPDATE articles SET analyzer_version = '2025.1.1'")
        assert_participants_in_step(store.con)
    with Store(db) as store, Ingester(store, progress=Progress(quiet=True), analyzer=RULES) as ing:
        assert ing.reanalyze().read == 2
        row = store.con.execute("SELECT num_mentions, num_articles, source_text, source_json FROM events "
                                "WHERE event_id = ?", [eid]).fetchone()
        assert row[:3] == (2, 2, "Georgien")
        assert [(p["code"], p["text"], p["named_elsewhere"]) for p in json.loads(row[3])] == [("GEO", "Georgien", True)]
        assert store.con.execute("SELECT text FROM participants WHERE event_id = ?", [eid]).fetchall() == [("Georgien",)]
        from lagebild.store import named_elsewhere_codes
        assert store.con.execute(f"SELECT {named_elsewhere_codes('source')} FROM events WHERE event_id = ?",
                                 [eid]).fetchall() == [(["GEO"],)]


# -- 2. the first article moves: the participants follow -----------------------------------------
def test_when_reanalyze_moves_the_first_article_the_participants_resolve_in_the_new_one(tmp_path):
    """Article 1 no longer tells the accusation (re-analysed, it is a rejection); article 2, not
    re-analysed, is the event's first article now: its participants are article 2's A4 and A5,
    not A1 and A2, which there are "Karl Nehammer"."""
    db = tmp_path / "m.duckdb"
    _two_reports(db)
    with Store(db) as store:
        store.con.execute("UPDATE articles SET analyzer_version = ? WHERE article_id = 2", [RETRACTED])
    with Store(db) as store, Ingester(store, analyzer=RETRACTED) as ing:
        assert ing.reanalyze().read == 1
        con = store.con
        assert con.execute("SELECT event_id, type, num_articles, first_article_id FROM events ORDER BY 1"
                           ).fetchall() == [(1, "ACCUSE", 1, 2), (2, "REJECT", 1, 1)]
        assert _participants(con) == [("source", "A4", "FPÖ-Chef Herbert Kickl", "FPÖ-Chef Herbert Kickl"),
                                      ("target", "A5", "ÖVP", "ÖVP")]
        assert_participants_in_step(con)
        assert _event_ids(store, "Nehammer") == []
        assert _event_ids(store, "Kickl") == [1, 2]


def test_when_a_correction_moves_the_first_article_the_participants_resolve_in_the_new_one(tmp_path):
    """The same when a feed item's correction (its new text) no longer tells the event."""
    db = tmp_path / "c.duckdb"
    _two_reports(db, updated="2025-03-15T08:00:00Z")
    fixed = _art(1, "#EV REJECT AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-03-01",
                 updated="2025-03-15T12:00:00Z")
    stats, _ = ingest(db, [fixed], analyzer=SIDES)
    assert stats.updated == 1
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT event_id, num_articles, first_article_id FROM events WHERE event_id = 1"
                                 ).fetchall() == [(1, 1, 2)]
        assert _participants(store.con) == [("source", "A4", "FPÖ-Chef Herbert Kickl", "FPÖ-Chef Herbert Kickl"),
                                            ("target", "A5", "ÖVP", "ÖVP")]
        assert _event_ids(store, "Nehammer") == []


# -- schema version 8 ---------------------------------------------------------------------------
def _as_version_8(db: Path) -> None:
    """The file as schema version 8 wrote it: no sides on the mentions."""
    con = duckdb.connect(str(db))
    for col in ("source_json", "target_json"):
        con.execute(f"ALTER TABLE event_mentions DROP COLUMN {col}")
    con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    con.close()


def test_a_store_of_schema_version_8_gets_the_sides_of_its_first_articles_on_their_mentions(tmp_path):
    db = tmp_path / "v8.duckdb"
    _two_reports(db)
    with Store(db, read_only=True) as s:
        want = s.con.execute("SELECT source_json, target_json FROM events").fetchone()
    _as_version_8(db)
    with Store(db, read_only=True) as s:           # a reading command upgrades it
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION) == "9"
        got = s.con.execute("SELECT article_id, source_json, target_json FROM event_mentions ORDER BY 1").fetchall()
    # the first article's mention: the event's sides; the other article's are not known
    assert got == [(1, *want), (2, None, None)]
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:Upgraded") as ing:
        assert ing.reanalyze().read == 2
        assert _participants(store.con) == [
            ("source", "A3", "Freiheitliche-Chef Herbert Kickl", "Freiheitliche-Chef Herbert Kickl"),
            ("target", "A4", "ÖVP", "ÖVP")]


def test_a_first_article_of_schema_version_8_whose_sides_are_unknown_resolves_no_actor(tmp_path):
    """In a store of version 8, the event's first article moves to one whose mention was stored
    without its sides: the event keeps its sides, but their actor ids (the old first article's)
    are cleared: they would name other actors there. Re-analysing that article gives them."""
    db = tmp_path / "u.duckdb"
    _two_reports(db)
    _as_version_8(db)
    with Store(db) as store:
        store.con.execute("UPDATE articles SET analyzer_version = ? WHERE article_id = 2", [RETRACTED])
    with Store(db) as store, Ingester(store, analyzer=RETRACTED) as ing:
        assert ing.reanalyze().read == 1
        assert _participants(store.con) == [("source", None, "FPÖ-Chef Herbert Kickl", None),
                                            ("target", None, "ÖVP", None)]
        assert [p["actor"] for p in json.loads(store.con.execute(
            "SELECT source_json FROM events WHERE event_id = 1").fetchone()[0])] == [None]
        assert_participants_in_step(store.con)
        assert _event_ids(store, "Nehammer") == []
        store.con.execute("UPDATE articles SET analyzer_version = CASE article_id WHEN 1 THEN ? END", [SIDES])
    with Store(db) as store, Ingester(store, analyzer=SIDES) as ing:
        assert ing.reanalyze().read == 1
        assert _participants(store.con) == [("source", "A4", "FPÖ-Chef Herbert Kickl", "FPÖ-Chef Herbert Kickl"),
                                            ("target", "A5", "ÖVP", "ÖVP")]
