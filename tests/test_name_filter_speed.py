"""A name filter reads the participants once per page, not once per query (review R23,
finding 4: /actors/FPÖ took 916 ms against 24 ms for /actors/AUT on 51,100 events, because every
query of the page parsed every event's participants and looked up ``actors`` per event;
``actors --db --search Regierung`` ran one query per name found, 13.7 s). The figures are in
/work/probes21/Q21b/REPORT.md. Since schema version 8 the filters read the table
``participants`` (one row per participant, written with the events), not the events' JSON: these
tests pin how many statements read it, that none parses the JSON, and that the table finds what
the JSON holds (an escaped line break or quote, a name only the resolved actor has)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import pytest

from lagebild.records import ActorRef
from lagebild.store import TABLES, name_codes, participant_rows, side_sql, stored_name_events

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_domestic_actors import db  # noqa: E402,F401  (the fixture: six events of parties and offices)


def _client(path):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    return TestClient(create_app(path))


@pytest.mark.parametrize("url", ["/actors/FPÖ", "/actors/FPÖ.json", "/dyads/FPÖ/ÖVP", "/overview?actor=FPÖ",
                                 "/actors/Grüne?sector=PTY"])
def test_a_page_reads_a_names_participants_once_per_side(db, url, monkeypatch):  # noqa: F811
    from lagebild.queries import Queries
    seen: list[str] = []
    orig = Queries._q

    def q(self, sql, params=None):
        seen.append(sql)
        return orig(self, sql, params)
    monkeypatch.setattr(Queries, "_q", q)
    with _client(db) as c:
        assert c.get(url).status_code == 200
    assert not [s for s in seen if "json_extract(" in s]     # no query of a page parses the JSON
    reading = [s for s in seen if "participants" in s]
    # one look per side and name (a dyad: two names, two sides each), and the countries of a name
    assert reading and len(reading) <= 5, len(reading)
    assert len(seen) > len(reading)      # the page's other queries read the ids found


def _memory_store():
    con = duckdb.connect()
    con.execute("CREATE TABLE events (event_id BIGINT, first_article_id BIGINT, num_mentions INTEGER, "
                "source_codes VARCHAR[], target_codes VARCHAR[], source_json VARCHAR, target_json VARCHAR)")
    con.execute("CREATE TABLE actors (article_id BIGINT, actor_id VARCHAR, name VARCHAR, code VARCHAR, "
                "sector VARCHAR, kind VARCHAR, mentions VARCHAR[])")

    def ev(i, art, src, tgt=()):
        def js(ps):
            return json.dumps([{"actor": a, "text": t, "code": c, "sector": s} for a, t, c, s in ps],
                              ensure_ascii=False) if ps else None
        con.execute("INSERT INTO events VALUES (?, ?, 1, ?, ?, ?, ?)",
                    [i, art, [p[2] for p in src if p[2]], [p[2] for p in tgt if p[2]], js(src), js(tgt)])
    ev(1, 1, [("a1", "FPÖ-Chef Herbert Kickl", "AUT", "PTY")])
    ev(2, 1, [("a2", "Alexander Van der\nBellen", "AUT", "GOV")])              # a line break in the text
    ev(3, 2, [("a3", "der Kanzler", "AUT", "GOV")], [("a4", "die Grünen", "AUT", "PTY")])
    ev(4, 2, [("a5", "Kicklfan", "AUT", "CVL")])
    ev(5, 3, [("a6", "Sprecher \"der FPÖ\"", "AUT", "PTY")])                   # an escaped quote
    ev(6, 3, [("a7", "Die Regierung", "DEU", "GOV")], [("a1", "ÖVP", "AUT", "PTY")])
    con.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, 'person', [])", [
        [2, "a3", "Karl Nehammer", "AUT", "GOV"], [1, "a1", "Herbert Kickl", "AUT", "PTY"],
        [3, "a7", "Regierung", "DEU", "GOV"]])
    con.execute(f"CREATE TABLE participants ({', '.join(f'{c} {t}' for c, t in TABLES['participants'])})")
    con.execute(f"INSERT INTO participants {participant_rows()}")     # as a store writes them
    return con


@pytest.mark.parametrize("name, code, sectors, source, target", [
    ("FPÖ", None, None, {1, 5}, set()), ("Kickl", None, None, {1}, set()),   # 4: "Kicklfan" is no Kickl; 6: a1 of article 3 neither
    ("Van der Bellen", None, None, {2}, set()), ("Nehammer", None, None, {3}, set()),
    ("Grüne", "AUT", None, set(), {3}), ("Regierung", None, ("GOV",), {6}, set()),
    ("Kicklfan", None, ("CVL",), {4}, set()), ("Kanzler", "DEU", None, set(), set()),
])
def test_the_participants_table_loses_no_event(name, code, sectors, source, target):
    """The participants read from the JSON (``store.participant_rows``), the plain search in
    their text before the pattern, the (article, actor) pairs of the actors so named: an escaped
    line break or quote in the JSON, a name matched by the resolved actor only ("der Kanzler" ->
    Karl Nehammer), the sector and code of the participant."""
    con = _memory_store()
    ref = ActorRef(code=code, name=name)
    got = {}
    for side in ("source", "target"):
        sql, p = side_sql(side, ref, sectors)
        got[side] = {r[0] for r in con.execute(f"SELECT event_id FROM events WHERE {sql}", p).fetchall()}
    assert got == {"source": source, "target": target}


def test_actors_search_counts_every_names_events_in_one_look(db):  # noqa: F811
    """``actors --db --search``: a row per name and code, with the events ``--actor NAME``
    lists of that code, in two statements for any number of names (was one per name)."""
    from lagebild.store import Store
    with Store(db, read_only=True) as s:
        calls = []

        class Counting:
            def execute(self, sql, params=None):
                calls.append(sql)
                return s.con.execute(sql, params or [])
        for text in ("Gr", "FPÖ", "Regierung", "Kanzler"):
            calls.clear()
            hits = stored_name_events(Counting(), text, 100)
            assert hits and len(calls) <= 2, (text, len(calls))
            for h in hits:
                assert h["events"] == sum(k for c, k in name_codes(s.con, h["name"]) if c == h["code"]), h
