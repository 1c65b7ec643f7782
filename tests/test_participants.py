"""The table ``participants`` (schema version 8): one row per participant of an event, written,
replaced and deleted with the events, and what the name and sector filters read instead of
searching each event's ``source_json``/``target_json`` (a name dyad's page took ten times as long
as a code dyad's). The filters give the same events as the JSON search of schema version 7 (kept
here as the oracle, ``_json_side_sql``), and the API the exact events expected; a store of
version 7 gets the table, filled from its events, when it is opened."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from lagebild.ingest import Ingester
from lagebild.queries import EventFilter, Queries
from lagebild.records import (Actor, ActorRef, Article, Document, Event, EventDate, Evidence,
                              Participant)
from lagebild.store import SCHEMA_VERSION, Participants, Store, name_codes, name_pattern, side_sql

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import assert_participants_in_step  # noqa: E402
from test_ingest import filler, ingest  # noqa: E402


class SideAnalyzer:
    """Every line ``#EV TYPE SOURCE TARGET DATE`` becomes an event. A side is ``-`` or
    participants joined by ``,``, each ``CODE/SECTOR=Words_as_written[=Actor_name[@CODE/SECTOR]]``
    with ``!policy`` (a side the text does not name: ``inferred``, no words) or ``*`` (its
    country from the story: ``code_inferred``) at the end; ``?`` is no code, ``_`` a blank, ``%``
    a line break. Each participant with words is an actor of the article (named as written, or
    ``Actor_name``: what "der Kanzler" resolved to, of the participant's code and sector unless
    given); a line ``#ACTORS n`` first adds ``n`` other actors, so that the ids of a second article
    differ from the first's."""

    def __call__(self, art: Article) -> Document:
        events, actors, offset = [], [], 0
        for i, line in enumerate(art.text.split("\n")):
            if line.startswith("#ACTORS "):
                for _ in range(int(line.split()[1])):
                    actors.append(Actor(f"A{len(actors) + 1}", "Karl Nehammer", ["Nehammer"], "AUT", "GOV"))
            if line.startswith("#EV "):
                typ, src, tgt, date = line.split()[1:5]
                events.append(Event(type=typ, source=self.side(src, actors), target=self.side(tgt, actors),
                                    date=EventDate(date, date), quad_class=3, goldstein=-2.0,
                                    evidence=[Evidence(i, offset, offset + len(line), line)]))
            offset += len(line) + 1
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, title=art.title,
                        url=art.url, source=art.source, events=events, actors=actors)

    @staticmethod
    def side(spec: str, actors: list[Actor]) -> list[Participant]:
        if spec == "-":
            return []
        out = []
        for one in spec.split(","):
            policy = story = None
            if "!" in one:
                one, policy = one.split("!")
            if one.endswith("*"):
                one, story = one[:-1], "story"
            head, _, rest = one.partition("=")
            code, _, sector = head.partition("/")
            code = None if code == "?" else code
            words, _, name = rest.partition("=")
            text = words.replace("_", " ").replace("%", "\n") or None
            aid = None
            if text:
                name, _, whose = name.partition("@")
                a_code, _, a_sector = whose.partition("/")
                aid = f"A{len(actors) + 1}"
                actors.append(Actor(aid, (name or words).replace("_", " ").replace("%", "\n"), [text],
                                    a_code or code, a_sector or sector or None))
            out.append(Participant(aid, text, code, sector or None, inferred=policy, code_inferred=story))
        return out


#: (article lines, what it tests); event ids follow the order (each article's events, new ones)
ARTICLES = [
    ["#EV ACCUSE AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-03-01"],               # 1 two names
    ["#EV REJECT AUT/PTY=Grünen AUT/GOV=Regierung 2025-03-02"],                         # 2
    ["#EV CONSULT AUT/GOV=der_Kanzler=Karl_Nehammer DEU/GOV=Bundeskanzler_Olaf_Scholz 2025-03-03"],  # 3 role noun
    ["#EV ACCUSE DEU/PTY=Grüne DEU/PTY=Union 2025-03-04"],                              # 4 another Grüne
    # 5: two participants on a side: the name in one, the sector in the other
    ["#EV ACCUSE AUT/PTY=FPÖ,AUT/GOV=Kanzler_Nehammer DEU/GOV=Bundesregierung 2025-03-05"],
    ["#EV ASSAULT RUS/MIL=Truppen UKR/GOV!home 2025-03-06"],                            # 6 an inferred side
    ["#EV PROTEST ?/CVL=Demonstranten AUT/GOV=Polizei* 2025-03-07"],                    # 7 no code; the story's
    # 8: a participant coded DEU whose actor is Austrian (the actor's code and sector count for it)
    ["#EV CONSULT DEU/GOV=der_Regierungschef=Karl_Nehammer@AUT/GOV DEU/GOV=Scholz 2025-03-08"],
    ["#EV PRAISE AUT/GOV=Alexander_Van_der%Bellen AUT/PTY=Sprecher_\"der_FPÖ\" 2025-03-09"],  # 9 escapes
    ["#EV ACCUSE AUT/CVL=Kicklfan AUT/PTY=FPÖ-Generalsekretär_Michael_Schnedlitz 2025-03-10"],  # 10
    # 11: event 1 again, in an article whose actor ids name others (A1 is a Karl Nehammer here):
    # merged into event 1, whose participants resolve in its first article
    ["#ACTORS 3", "#EV ACCUSE AUT/PTY=FPÖ-Chef_Herbert_Kickl AUT/PTY=ÖVP 2025-03-01"],
    ["#EV MOBILIZE UKR/MIL=Armee,UKR/GOV=Selenskyj=Wolodymyr_Selenskyj RUS/MIL!other_side 2025-03-12"],  # 11
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parts") / "p.duckdb"
    arts = [Article(doc_id=f"p{i}", text=filler(i) + "\n" + "\n".join(lines), dct="2025-03-15",
                    source=f"o{i}", url=f"https://parts{i}.example/a/{i}")
            for i, lines in enumerate(ARTICLES, 1)]
    ingest(path, arts, analyzer="test_participants:SideAnalyzer")
    return path


def _rows(con, sql: str, params: Any = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_each_participant_is_a_row_of_the_fields_its_json_holds(db):
    with Store(db, read_only=True) as s:
        assert s.counts()["events"] == 11
        assert _rows(s.con, "SELECT num_mentions FROM events WHERE event_id = 1") == [(2,)]      # merged
        got = _rows(s.con, "SELECT event_id, side, position, actor_id, text, code, sector, inferred, "
                           "code_inferred FROM participants WHERE event_id IN (5, 6, 7, 11) "
                           "ORDER BY event_id, side, position")
    assert got == [
        (5, "source", 0, "A1", "FPÖ", "AUT", "PTY", None, None),
        (5, "source", 1, "A2", "Kanzler Nehammer", "AUT", "GOV", None, None),
        (5, "target", 0, "A3", "Bundesregierung", "DEU", "GOV", None, None),
        (6, "source", 0, "A1", "Truppen", "RUS", "MIL", None, None),
        (6, "target", 0, None, None, "UKR", "GOV", "home", None),
        (7, "source", 0, "A1", "Demonstranten", None, "CVL", None, None),
        (7, "target", 0, "A2", "Polizei", "AUT", "GOV", None, "story"),
        (11, "source", 0, "A1", "Armee", "UKR", "MIL", None, None),
        (11, "source", 1, "A2", "Selenskyj", "UKR", "GOV", None, None),
        (11, "target", 0, None, None, "RUS", "MIL", "other_side", None),
    ]


def _ids(con, sql: str, params: list) -> list[int]:
    return [r[0] for r in con.execute(f"SELECT event_id FROM events WHERE {sql} ORDER BY event_id",
                                      params).fetchall()]


# -- what the API gives: the exact events ------------------------------------------------------
N, A = (lambda name: ActorRef(name=name)), (lambda code, name=None: ActorRef(code=code, name=name))


@pytest.mark.parametrize("kw, events", [
    (dict(actor=[N("FPÖ")]), [1, 5, 9, 10]),             # "FPÖ-Chef", "FPÖ", 'Sprecher "der FPÖ"', "FPÖ-Generalsekretär"
    (dict(actor=[N("Kickl")]), [1]),                       # not "Kicklfan"
    (dict(actor=[N("Nehammer")]), [3, 5, 8]),              # 3 and 8: "der Kanzler", "der Regierungschef"
    (dict(actor=[N("Karl Nehammer")]), [3, 8]),
    (dict(actor=[A("AUT", "Nehammer")]), [3, 5, 8]),       # 8: the participant is DEU, its actor AUT
    (dict(actor=[A("DEU", "Nehammer")]), []),
    (dict(actor=[N("Nehammer")], sector="PTY"), []),       # 5: the PTY participant is the FPÖ
    (dict(actor=[N("Nehammer")], sector="GOV"), [3, 5, 8]),
    (dict(actor=[N("Grüne")]), [2, 4]),
    (dict(actor=[A("AUT", "Grüne")]), [2]),
    (dict(actor=[N("Van der Bellen")]), [9]),              # a line break between "der" and "Bellen"
    (dict(source=[N("Nehammer")], target=[N("Scholz")]), [3, 8]),
    (dict(source=[N("Scholz")]), []),
    (dict(target=[N("Nehammer")]), []),
    (dict(actor=[N("Selenskyj")]), [11]),
    (dict(actor=[N("Wolodymyr Selenskyj")]), [11]),        # the actor's name
    (dict(sector="PTY"), [1, 2, 4, 5, 9, 10]),
    (dict(sector="CVL"), [7, 10]),
    (dict(sector="MIL,GOV", actor="UKR"), [6, 11]),        # 6: the inferred UKR/GOV target
    (dict(actor="AUT", sector="PTY"), [1, 2, 5, 9, 10]),
    (dict(source="AUT", sector="GOV"), [3, 5, 9]),
    (dict(target="RUS"), [11]),                             # an inferred side is a side
    (dict(actor="AUT"), [1, 2, 3, 5, 7, 9, 10]),
])
def test_the_filters_give_the_expected_events(db, kw, events):
    with Store(db, read_only=True) as s:
        got = s.query_events(**kw, limit=None, sort="date")
    assert got["event_id"].tolist() == events


def test_a_name_dyad_lists_the_events_between_the_names_as_a_code_dyad_does(db):
    with Store(db, read_only=True) as s:
        q = Queries(s.con.cursor())
        rows, total = q.dyad_events(N("FPÖ"), N("ÖVP"), EventFilter())
        assert ([r["event_id"] for r in rows], total) == ([1], 1)
        rows, _ = q.dyad_events(N("Nehammer"), N("Scholz"), EventFilter(sector="GOV"))
        assert [r["event_id"] for r in rows] == [8, 3]      # newest first
        rows, _ = q.dyad_events(A("AUT"), A("DEU"), EventFilter(sector="GOV"))
        assert [r["event_id"] for r in rows] == [5, 3]
        assert q.name_codes("Grüne") == [("AUT", 1), ("DEU", 1)]
        assert q.name_codes("Nehammer") == [("AUT", 2), ("DEU", 1)]
        tl = s.timeline(N("Nehammer"), N("Scholz"))
        assert [str(d.date()) for d in tl["day"]] == ["2025-03-03", "2025-03-08"]
        assert tl["a_to_b"].tolist() == [1, 1] and tl["b_to_a"].tolist() == [0, 0]
        assert s.name_codes("Selenskyj") == [("UKR", 1)]


# -- the same events as the JSON search of schema version 7 -----------------------------------
def _json_raw_name_pattern(name: str) -> str:
    from lagebild.store import _ENDINGS, WORD_END_SQL
    words = [re.escape(w) for w in name.split()]
    return r"(?:^|[^\pL\pN]|\\[ntr])" + r"(?:\s|\\[ntr])+".join(words) + _ENDINGS + WORD_END_SQL


def _json_side_sql(side: str, ref: ActorRef | None, sectors=None) -> tuple[str, list[Any]]:
    """``store.side_sql`` as it was in schema version 7 (commit 6ffa5b8): the JSON text search."""
    if ref is not None and ref.name is None and not sectors:
        return f"list_contains({side}_codes, ?)", [ref.code]

    def get(f: str) -> str:
        return f"json_extract_string(x, '$.{f}')"
    conds: list[str] = []
    params: list[Any] = []
    if ref is not None and ref.code:
        conds.append(f"{get('code')} = ?")
        params.append(ref.code)
    if sectors:
        conds.append(f"list_contains(?::VARCHAR[], {get('sector')})")
        params.append(list(sectors))
    if ref is not None and ref.name:
        conds.append(f"regexp_matches(coalesce({get('text')}, ''), ?, 'i')")
        params.append(name_pattern(ref.name))
    parts = f"json_extract(coalesce({side}_json, '[]')::JSON, '$[*]')"
    sql = f"len([1 FOR x IN {parts} IF {' AND '.join(conds) or 'TRUE'}]) > 0"
    pre: list[str] = []
    pre_params: list[Any] = []
    if ref is not None and ref.code:
        pre.append(f"list_contains({side}_codes, ?)")
        pre_params.append(ref.code)
    if ref is not None and ref.name:
        for w in ref.name.lower().split():
            pre.append(f"contains(lower(coalesce({side}_json, '')), ?)")
            pre_params.append(w)
        pre.append(f"regexp_matches(coalesce({side}_json, ''), ?, 'i')")
        pre_params.append(_json_raw_name_pattern(ref.name))
    elif sectors:
        pre.append(f"regexp_matches(coalesce({side}_json, ''), ?)")
        pre_params.append('"sector":\\s*"(?:' + "|".join(re.escape(x) for x in sectors) + ')"')
    sql = "(" + " AND ".join(pre + [sql]) + ")"
    params = pre_params + params
    if ref is None or not ref.name:
        return sql, params
    a_conds = ["regexp_matches(coalesce(name, ''), ?, 'i')"]
    a_params: list[Any] = [name_pattern(ref.name)]
    if ref.code:
        a_conds.append("code = ?")
        a_params.append(ref.code)
    if sectors:
        a_conds.append("list_contains(?::VARCHAR[], sector)")
        a_params.append(list(sectors))
    named = (f"event_id IN (SELECT e.event_id FROM events e JOIN (SELECT article_id, actor_id FROM actors "
             f"WHERE {' AND '.join(a_conds)}) a ON e.first_article_id = a.article_id "
             f"WHERE contains(coalesce(e.{side}_json, ''), '\"actor\": \"' || a.actor_id || '\"'))")
    return f"({sql} OR {named})", params + a_params


def _json_name_codes(con, name: str) -> list[tuple[str | None, int]]:
    """``store.name_codes`` of schema version 7 (without its pre-filter, which lost nothing)."""
    pat = name_pattern(name)
    return [(c, int(n)) for c, n in con.execute("""
        WITH p AS (SELECT event_id, first_article_id,
                          unnest(list_concat(json_extract(coalesce(source_json, '[]')::JSON, '$[*]'),
                                             json_extract(coalesce(target_json, '[]')::JSON, '$[*]'))) AS x
                   FROM events WHERE num_mentions >= 1)
        SELECT json_extract_string(p.x, '$.code') AS code, count(DISTINCT p.event_id) AS events
        FROM p LEFT JOIN actors a ON a.article_id = p.first_article_id
                                 AND a.actor_id = json_extract_string(p.x, '$.actor')
        WHERE regexp_matches(coalesce(json_extract_string(p.x, '$.text'), ''), ?, 'i')
           OR regexp_matches(coalesce(a.name, ''), ?, 'i')
        GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST""", [pat, pat]).fetchall()]


NAMES = ["FPÖ", "Kickl", "Kicklfan", "Nehammer", "Karl Nehammer", "Grüne", "Regierung", "Van der Bellen",
         "Polizei", "Wolodymyr Selenskyj", "der"]
REFS = ([None] + [ActorRef(code=c) for c in ("AUT", "DEU", "RUS", "UKR")]
        + [ActorRef(name=n) for n in NAMES]
        + [ActorRef(code=c, name=n) for c in ("AUT", "DEU") for n in ("Grüne", "Nehammer", "Selenskyj")])
SECTORS = [None, ("PTY",), ("GOV",), ("GOV", "PTY"), ("CVL",), ("MIL", "GOV")]


def test_every_filter_gives_the_events_the_json_search_gave(db):
    """Each actor and sectors of the grid (131 filters), on each side and on either: the same events
    from the table, read in the statement (``side_sql``) or once for a page (``Participants``), as
    from the JSON; and the same countries of each name."""
    with Store(db, read_only=True) as s:
        s.con.execute("SET threads = 1")        # each pattern is compiled once, not once per thread
        resolve = Participants(s.con)
        compared = 0
        for ref in REFS:
            for sectors in SECTORS:
                if ref is None and sectors is None:
                    continue
                either: set[int] = set()
                for side in ("source", "target"):
                    want = _ids(s.con, *_json_side_sql(side, ref, sectors))
                    assert _ids(s.con, *side_sql(side, ref, sectors)) == want, (side, ref, sectors)
                    assert _ids(s.con, *side_sql(side, ref, sectors, resolve)) == want, (side, ref, sectors)
                    either |= set(want)
                    compared += 1
                assert _ids(s.con, *side_sql("either", ref, sectors)) == sorted(either), (ref, sectors)
        assert compared == 2 * 131
        for name in NAMES:
            assert name_codes(s.con, name) == _json_name_codes(s.con, name), name
        assert any(_json_name_codes(s.con, n) for n in NAMES)


# -- in step with the events ---------------------------------------------------------------------
class Renamed(SideAnalyzer):
    """The "upgraded" analyzer: an accusation or praise is now a rejection (another event, where a
    reanalysis would merge an event of the same type and codes into the one stored), and the FPÖ is
    written "Freiheitliche"."""

    version = "v2"

    def __call__(self, art: Article) -> Document:
        text = (art.text.replace("FPÖ", "Freiheitliche").replace("#EV ACCUSE", "#EV REJECT")
                .replace("#EV PRAISE", "#EV REJECT"))
        return super().__call__(Article(**{**art.__dict__, "text": text}))


def test_reanalyze_and_deleted_events_keep_the_table_in_step(tmp_path):
    db = tmp_path / "r.duckdb"
    arts = [Article(doc_id=f"r{i}", text=filler(i) + "\n" + "\n".join(lines), dct="2025-03-15",
                    source=f"o{i}", url=f"https://r{i}.example/a/{i}") for i, lines in enumerate(ARTICLES, 1)]
    ingest(db, arts, analyzer="test_participants:SideAnalyzer")
    with Store(db) as store, Ingester(store, analyzer="test_participants:Renamed") as ing:
        assert ing.reanalyze().read == len(ARTICLES)
        assert_participants_in_step(store.con)
        gone = store.con.execute("SELECT count(*) FROM participants WHERE event_id NOT IN "
                                 "(SELECT event_id FROM events)").fetchall()
        assert gone == [(0,)]
        assert store.query_events(actor=[N("FPÖ")], limit=None).empty
        assert len(store.query_events(actor=[N("Freiheitliche")], limit=None)) == 4
        n = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        assert store.replicate_events(1) == 2 * n
        assert_participants_in_step(store.con)


def test_a_store_of_schema_version_7_gets_the_table_filled_from_its_events(db, tmp_path):
    """A file written before the table (version 7: today's tables less ``participants`` and the
    columns of versions 9 and 10) is upgraded by the first command that opens it, a reading one
    too, and answers as the JSON did."""
    old = tmp_path / "v7.duckdb"
    old.write_bytes(db.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("DROP TABLE participants")
    for col in ("source_json", "target_json", "fields_json"):
        con.execute(f"ALTER TABLE event_mentions DROP COLUMN {col}")
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    with Store(old, read_only=True) as s:
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION) == "10"
        assert_participants_in_step(s.con)
        assert s.query_events(actor=[N("Nehammer")], limit=None)["event_id"].tolist() == [3, 5, 8]
        with Store(db, read_only=True) as fresh:
            for ref in REFS[1:]:
                assert (_ids(s.con, *side_sql("either", ref, ("GOV",)))
                        == _ids(fresh.con, *side_sql("either", ref, ("GOV",))))
