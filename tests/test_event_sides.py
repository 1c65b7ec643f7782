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


# -- schema versions 8 and 9 --------------------------------------------------------------------
def _as_version(db: Path, version: int) -> None:
    """The file as schema version 8 (no sides on the mentions) or 9 (no other fields) wrote it."""
    con = duckdb.connect(str(db))
    for col in ("source_json", "target_json", "fields_json")[2 if version == 9 else 0:]:
        con.execute(f"ALTER TABLE event_mentions DROP COLUMN {col}")
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
    con.close()


def _as_version_8(db: Path) -> None:
    _as_version(db, 8)


def test_a_store_of_schema_version_8_gets_the_sides_of_its_first_articles_on_their_mentions(tmp_path):
    db = tmp_path / "v8.duckdb"
    _two_reports(db)
    with Store(db, read_only=True) as s:
        want = s.con.execute("SELECT source_json, target_json FROM events").fetchone()
    _as_version_8(db)
    with Store(db, read_only=True) as s:           # a reading command upgrades it
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION) == "10"
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


# -- the event's other fields: the first article's too (schema version 10) -----------------------
#: what an article says of the event besides its sides: a line ``#SAYS field=value;...`` (``_`` a
#: blank) sets the fields of every event of the article (``Says``)
ART1_SAYS = ("#SAYS mode=phone;condition=falls_die_Koalition_hält;cue=warf_vor;"
             "reported_by=AUT/GOV=Regierungssprecher;magnitude=3/arrested/about;"
             "quad=3;goldstein=-2.0;cameo=112;date=am_1._März=2025-03-01")
ART2_SAYS = ("#SAYS mode=visit;condition=-;cue=kritisierte;reported_by=AUT/PTY=ÖVP-Sprecher;"
             "magnitude=5/arrested/exact;quad=3;goldstein=-3.0;cameo=111;date=Anfang_März=2025-03")


class Says(SideAnalyzer):
    """``SideAnalyzer`` whose events take the fields a ``#SAYS`` line gives."""

    def __call__(self, art: Article) -> Document:
        from dataclasses import replace

        from lagebild.records import EventDate, Magnitude, Participant
        doc = super().__call__(art)
        says = next((line[6:] for line in art.text.split("\n") if line.startswith("#SAYS ")), None)
        if says is None:
            return doc
        f = {k: (None if v == "-" else v.replace("_", " ")) for k, _, v in
             (kv.partition("=") for kv in says.split(";"))}
        rb = None
        if f.get("reported_by"):
            head, _, text = f["reported_by"].partition("=")
            code, _, sector = head.partition("/")
            rb = Participant(None, text, code, sector)
        mag = None
        if f.get("magnitude"):
            value, unit, qual = f["magnitude"].split("/")
            mag = Magnitude(float(value), unit, qual)
        date = None
        if f.get("date") == "dct":      # no date of its own: the article's
            date = EventDate(None, None, from_dct=True)
        elif f.get("date"):
            text, _, value = f["date"].partition("=")
            date = EventDate(text, value)
        doc.events = [replace(ev, mode=f.get("mode"), condition=f.get("condition"), cue=f.get("cue"),
                              reported_by=rb, magnitude=mag,
                              quad_class=int(f["quad"]) if f.get("quad") else None,
                              goldstein=float(f["goldstein"]) if f.get("goldstein") else None,
                              cameo=f.get("cameo"), date=date or ev.date)
                      for ev in doc.events]
        return doc


class SaysAgain(Says):
    """The "upgraded" analyzer: reads article 1 as article 2 was read (its ``#SAYS`` line)."""

    def __call__(self, art: Article) -> Document:
        return super().__call__(Article(**{**art.__dict__, "text": art.text.replace(ART1_SAYS, ART2_SAYS)}))


class SaysRetracted(Says):
    """The "upgraded" analyzer that reads the accusation as a rejection (another event)."""

    def __call__(self, art: Article) -> Document:
        return super().__call__(Article(**{**art.__dict__, "text": art.text.replace("#EV ACCUSE", "#EV REJECT")}))


SAYS = "test_event_sides:Says"
#: the event columns that are the first article's (besides the sides and the date's value)
FIELDS = ("mode", "condition", "cue", "reported_by_text", "reported_by_code", "reported_by_sector",
          "magnitude_value", "magnitude_unit", "magnitude_qualifier", "quad_class", "goldstein", "cameo",
          "date_text")
AS_ART1 = ("phone", "falls die Koalition hält", "warf vor", "Regierungssprecher", "AUT", "GOV",
           3.0, "arrested", "about", 3, -2.0, "112", "am 1. März")
AS_ART2 = ("visit", None, "kritisierte", "ÖVP-Sprecher", "AUT", "PTY", 5.0, "arrested", "exact", 3, -3.0,
           "111", "Anfang März")


def _fields(con, event_id: int = 1) -> tuple:
    return con.execute(f"SELECT {', '.join(FIELDS)} FROM events WHERE event_id = ?", [event_id]).fetchone()


def _two_saying(db: Path, **kw) -> None:
    """Event 1 told by article 1 (its first: ``ART1_SAYS``) and article 2 (``ART2_SAYS``)."""
    ingest(db, [_art(1, ART1_SAYS, KICKL, **kw), _art(2, "#ACTORS 3", ART2_SAYS, KICKL)], analyzer=SAYS)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT event_id, num_mentions, num_articles, first_article_id, date_value "
                             "FROM events").fetchall() == [(1, 2, 2, 1, "2025-03-01")]
        assert _fields(s.con) == AS_ART1


def test_reanalyze_gives_an_event_it_merges_into_the_fields_the_new_analysis_gives(tmp_path):
    """Article 1 re-analysed reads mode, condition, cue, reported_by, magnitude, CAMEO coding and
    the date as article 2 gives them: the event (same id, both articles, same counts) shows them,
    not what the old analysis read; its date is the month both give now, with its wording."""
    db = tmp_path / "f.duckdb"
    _two_saying(db)
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:SaysAgain") as ing:
        stats = ing.reanalyze()
        assert (stats.read, stats.events_new, stats.events_merged, stats.events_removed) == (2, 0, 2, 0)
        con = store.con
        assert con.execute("SELECT event_id, num_mentions, num_articles, first_article_id, date_value "
                           "FROM events").fetchall() == [(1, 2, 2, 1, "2025-03")]
        assert _fields(con) == AS_ART2


def test_when_reanalyze_moves_the_first_article_the_event_takes_its_fields(tmp_path):
    """Article 1 re-analysed no longer tells the accusation: article 2 is the event's first
    article, and the event says what article 2 says (its date too: "Anfang März")."""
    db = tmp_path / "g.duckdb"
    _two_saying(db)
    with Store(db) as store:
        store.con.execute("UPDATE articles SET analyzer_version = ? WHERE article_id = 2",
                          ["test_event_sides:SaysRetracted"])
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:SaysRetracted") as ing:
        assert ing.reanalyze().read == 1
        con = store.con
        assert con.execute("SELECT event_id, type, num_articles, first_article_id FROM events ORDER BY 1"
                           ).fetchall() == [(1, "ACCUSE", 1, 2), (2, "REJECT", 1, 1)]
        assert _fields(con, 1) == AS_ART2
        assert con.execute("SELECT date_value, date_precision FROM events WHERE event_id = 1").fetchall() == [
            ("2025-03", "month")]
        assert _fields(con, 2) == AS_ART1


def test_when_a_correction_moves_the_first_article_the_event_takes_its_fields(tmp_path):
    db = tmp_path / "h.duckdb"
    _two_saying(db, updated="2025-03-15T08:00:00Z")
    fixed = _art(1, ART1_SAYS, "#EV REJECT AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-03-01",
                 updated="2025-03-15T12:00:00Z")
    assert ingest(db, [fixed], analyzer=SAYS)[0].updated == 1
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT num_articles, first_article_id FROM events WHERE event_id = 1"
                                 ).fetchall() == [(1, 2)]
        assert _fields(store.con, 1) == AS_ART2


def test_the_event_keeps_the_wording_of_its_date_where_the_first_article_gives_it(tmp_path):
    """A later article gives the day ("am 1. März") that the first only gave as a month ("Anfang
    März"): the event takes the day, and no wording (the first article's is another date's)."""
    db = tmp_path / "d.duckdb"
    ingest(db, [_art(1, ART2_SAYS, KICKL), _art(2, "#ACTORS 3", ART1_SAYS, KICKL)], analyzer=SAYS)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT event_id, num_articles, first_article_id, date_value, date_text, cue "
                             "FROM events").fetchall() == [(1, 2, 1, "2025-03-01", None, "kritisierte")]


def test_an_event_no_article_dates_takes_the_date_of_its_first_article_when_that_moves(tmp_path):
    """No article gives the accusation a date of its own: it is dated by its first article's date
    (15 March), and by article 2's (16 March) once article 1 no longer tells it."""
    undated = ART2_SAYS.replace("date=Anfang_März=2025-03", "date=dct")
    arts = [Article(doc_id=f"k{i}", text=filler(i) + "\n" + "\n".join(lines), dct=f"2025-03-1{4 + i}",
                    source=f"o{i}", url=f"https://kickl{i}.example/a/{i}")
            for i, lines in ((1, (undated, KICKL)), (2, ("#ACTORS 3", undated, KICKL)))]
    db = tmp_path / "dct.duckdb"
    ingest(db, arts, analyzer=SAYS)
    cols = "event_id, num_articles, first_article_id, date_value, event_date::VARCHAR, date_from_dct"
    with Store(db, read_only=True) as s:
        assert s.con.execute(f"SELECT {cols} FROM events").fetchall() == [(1, 2, 1, None, "2025-03-15", True)]
    with Store(db) as store:
        store.con.execute("UPDATE articles SET analyzer_version = ? WHERE article_id = 2",
                          ["test_event_sides:SaysRetracted"])
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:SaysRetracted") as ing:
        assert ing.reanalyze().read == 1
        assert store.con.execute(f"SELECT {cols} FROM events WHERE event_id = 1").fetchall() == [
            (1, 1, 2, None, "2025-03-16", True)]


#: an invented report: reported speech, a number of people, a place
FESTNAHMEN = ("Die türkische Polizei hat am Montag in Istanbul mehr als 40 Demonstranten festgenommen, "
              "teilte das Innenministerium mit.")
FESTNAHMEN_2 = "Am Montag hat die türkische Polizei in Istanbul rund 40 Demonstranten festgenommen."


def test_reanalyze_gives_an_event_stored_by_an_older_analyzer_what_the_rule_coder_reads_now(tmp_path):
    """The real rule coder on two invented reports of one arrest: the event as an older analyzer
    stored it (other cue, mode, reported_by, magnitude, coding, date wording) shows, after
    ``reanalyze``, what a fresh ingest of the same texts gives."""
    arts = [Article(doc_id=f"t{i}", text=t, dct="2025-05-14", source=f"o{i}", url=f"https://t{i}.example/")
            for i, t in enumerate((FESTNAHMEN, FESTNAHMEN_2), 1)]
    fresh, db = tmp_path / "fresh.duckdb", tmp_path / "old.duckdb"
    cols = ", ".join(FIELDS)
    for path in (fresh, db):
        with Store(path) as store, Ingester(store, progress=Progress(quiet=True), analyzer=RULES) as ing:
            ing.ingest(arts)
    with Store(fresh, read_only=True) as s:
        want = s.con.execute(f"SELECT type, num_articles, {cols} FROM events ORDER BY event_id").fetchall()
    assert any(row[1] == 2 for row in want), want        # the two reports tell one event
    with Store(db) as store:
        store.con.execute("UPDATE events SET mode = 'alt', condition = 'alt', cue = 'alt', "
                          "reported_by_text = 'alt', reported_by_code = 'XXX', magnitude_value = 1, "
                          "magnitude_unit = 'alt', magnitude_qualifier = 'alt', quad_class = 0, "
                          "goldstein = 0, cameo = '000', date_text = 'alt'")
        store.con.execute("UPDATE articles SET analyzer_version = '2025.1.1'")
    with Store(db) as store, Ingester(store, progress=Progress(quiet=True), analyzer=RULES) as ing:
        assert ing.reanalyze().read == 2
        got = store.con.execute(f"SELECT type, num_articles, {cols} FROM events ORDER BY event_id").fetchall()
    assert got == want


def test_a_store_of_schema_version_9_gets_the_fields_of_its_first_articles_on_their_mentions(tmp_path):
    """Upgraded, the first article's mention has the event's fields, the other article's are not
    known; re-analysed, the event takes what the analyzer reads now."""
    db = tmp_path / "v9.duckdb"
    _two_saying(db)
    _as_version(db, 9)
    with Store(db, read_only=True) as s:           # a reading command upgrades it
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION) == "10"
        (a1, j1), (a2, j2) = s.con.execute(
            "SELECT article_id, fields_json FROM event_mentions ORDER BY 1").fetchall()
        assert (a1, a2, j2) == (1, 2, None)
        assert tuple(json.loads(j1)[c] for c in FIELDS) == AS_ART1
        assert json.loads(j1)["date_value"] == "2025-03-01" and json.loads(j1)["event_date"] == "2025-03-01"
        assert _fields(s.con) == AS_ART1
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:SaysAgain") as ing:
        assert ing.reanalyze().read == 2
        assert _fields(store.con) == AS_ART2


def test_a_store_of_schema_version_9_gives_the_first_article_its_own_date_not_another_articles(tmp_path):
    """A review: the upgrade copied the event's date, which article 2 gave ("Anfang März"), onto article
    1's mention, which gives none (its article date); article 2's removal then left the event dated by it."""
    db = tmp_path / "d9.duckdb"
    ingest(db, [_art(1, ART1_SAYS.replace("date=am_1._März=2025-03-01", "date=dct"), KICKL),
                _art(2, "#ACTORS 3", ART2_SAYS, KICKL)], analyzer=SAYS)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT first_article_id, date_value, date_text FROM events").fetchall() \
            == [(1, "2025-03", None)]     # article 2's date; no wording of article 1 names it
    _as_version(db, 9)
    with Store(db, read_only=True) as s:
        (j1,), = s.con.execute("SELECT fields_json FROM event_mentions WHERE article_id = 1").fetchall()
    got = json.loads(j1)
    assert (got["date_text"], got["date_value"], got["date_from_dct"], got["event_date"], got["month"]) \
        == (None, None, True, "2025-03-15", "2025-03"), got
    assert got["cue"] == "warf vor"         # the other fields are the event's, as before


def test_a_first_article_of_schema_version_9_whose_fields_are_unknown_leaves_the_event_its_own(tmp_path):
    """In a store of version 9 the event's first article moves to one whose mention was stored
    without its fields: the event keeps them (all but the date's wording: its date is article 2's
    month now) until that article is re-analysed."""
    db = tmp_path / "u9.duckdb"
    _two_saying(db)
    _as_version(db, 9)
    with Store(db) as store:
        store.con.execute("UPDATE articles SET analyzer_version = ? WHERE article_id = 2",
                          ["test_event_sides:SaysRetracted"])
    with Store(db) as store, Ingester(store, analyzer="test_event_sides:SaysRetracted") as ing:
        assert ing.reanalyze().read == 1
        assert store.con.execute("SELECT num_articles, first_article_id, date_value FROM events "
                                 "WHERE event_id = 1").fetchall() == [(1, 2, "2025-03")]
        assert _fields(store.con, 1) == AS_ART1[:-1] + (None,)
        store.con.execute("UPDATE articles SET analyzer_version = CASE article_id WHEN 1 THEN ? END", [SAYS])
    with Store(db) as store, Ingester(store, analyzer=SAYS) as ing:
        assert ing.reanalyze().read == 1
        # (a new event: a month, "Anfang März", does not pin the happening across articles)
        (eid,), = store.con.execute("SELECT event_id FROM events WHERE type = 'ACCUSE'").fetchall()
        assert _fields(store.con, eid) == AS_ART2


# -- review: a failure while refreshing the event is reported as itself ---------------------------
def test_a_failure_while_an_event_takes_its_first_articles_fields_is_reported_as_itself(tmp_path):
    """A statement of ``Store._refresh_first_article`` that fails (here: a mention's sides that are
    not JSON) aborts the transaction; the temporary table's DROP in its ``finally`` then failed too
    ("Current transaction is aborted"), and that error was the one reported ("the write failed ...
    check free disk space"), hiding what went wrong."""
    import pytest

    from lagebild.errors import StoreError
    db = tmp_path / "bad.duckdb"
    _two_reports(db)
    with Store(db) as store:
        store.con.execute("UPDATE event_mentions SET source_json = '[{\"text\": broken' WHERE article_id = 1")
        store.con.execute("UPDATE articles SET analyzer_version = 'old' WHERE article_id = 2")
    with Store(db) as store, Ingester(store, analyzer=SIDES) as ing:
        with pytest.raises(StoreError) as err:
            ing.reanalyze()
    assert "JSON" in str(err.value) and "transaction is aborted" not in str(err.value)
    with Store(db, read_only=True) as store:        # rolled back: as it was
        assert store.con.execute("SELECT num_articles FROM events").fetchall() == [(2,)]


def test_the_place_is_the_earliest_articles_also_past_a_million_mentions(tmp_path):
    """``_refresh_places`` ordered the mentions by ``article_id * 1000000 + mention_id``: once the
    first article's mentions had ids of a million or more (a large store, re-analysed), a later
    article's place came first."""
    db = tmp_path / "p.duckdb"
    _two_reports(db)
    with Store(db) as store:
        store.con.execute("UPDATE event_mentions SET mention_id = mention_id + 2000000, location_text = 'Wien', "
                          "location_code = 'AUT' WHERE article_id = 1")
        store.con.execute("UPDATE event_mentions SET location_text = 'Graz', location_code = 'AUT' "
                          "WHERE article_id = 2")
        store.write_batch(articles=[], minhashes=[], actors=[], quotes=[], new_events=[], mentions=[],
                          touched_events=[1])
        assert store.con.execute("SELECT first_article_id, location_text FROM events").fetchall() == [(1, "Wien")]
