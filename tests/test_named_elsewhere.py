"""A side of an event that the text names in another sentence than the event's says so everywhere:
the analyzer's JSON (``named_elsewhere``), ``lagebild analyze``, the database, the web event page
and the exports (``source_named_elsewhere``/``target_named_elsewhere``). Before, only the text
view of ``analyze`` said it, and a user checking an event elsewhere could not tell that a side
came from another sentence.

The article is analyzed for real with the rule coder (so the case does not move when the event
model is retrained): in "Die Ukraine hat Russland erneut angegriffen. Am Montag griffen Drohnen
eine Raffinerie an." the second attack's source is "Ukraine" of the first sentence, while the
first attack names both sides in its own sentence."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.records import Article, Evidence, Participant, Span, named_elsewhere

TEXT = "Die Ukraine hat Russland erneut angegriffen. Am Montag griffen Drohnen eine Raffinerie an."
DCT = "2024-03-04"
RULES = "lagebild.pipeline:rules_analyzer"


def _by_sentence(events: list[dict]) -> dict[int, dict]:
    """The document's events by the sentence that tells them (each told in one here)."""
    out = {}
    for e in events:
        (ev,) = e["evidence"]
        out[ev["sentence"]] = e
    assert sorted(out) == [0, 1], events
    return out


@pytest.fixture(scope="module")
def doc():
    from lagebild.pipeline import rules_analyzer
    return rules_analyzer()(Article(doc_id="drohnen", text=TEXT, dct=DCT))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from lagebild.ingest import Ingester, Progress
    from lagebild.store import Store
    path = tmp_path_factory.mktemp("elsewhere") / "e.duckdb"
    with Store(path) as store, Ingester(store, progress=Progress(quiet=True), analyzer=RULES) as ing:
        ing.ingest([Article(doc_id="drohnen", text=TEXT, dct=DCT, source="test",
                            url="https://news.example/drohnen")])
    return path


def _stored_events(db) -> dict[int, int]:
    """The stored events' ids by the sentence of their mention."""
    from lagebild.store import Store
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT sentence, event_id FROM event_mentions").fetchall()
    assert sorted(r[0] for r in rows) == [0, 1], rows
    return dict(rows)


def test_a_side_from_the_sentence_before_is_named_elsewhere_in_the_json(doc):
    by = _by_sentence(doc.to_dict()["events"])
    (src,) = by[1]["source"]
    assert (by[1]["type"], src["code"], src["mention"]["text"]) == ("ASSAULT", "UKR", "Ukraine")
    assert src["mention"]["start"] < by[1]["evidence"][0]["start"]     # the sentence before
    assert src["named_elsewhere"] is True and src["inferred"] is None
    # both sides of the first attack stand in its own sentence
    first = by[0]["source"] + by[0]["target"]
    assert [p["code"] for p in first] == ["UKR", "RUS"]
    assert [p["named_elsewhere"] for p in first] == [False, False]


def test_analyze_json_and_text_say_the_same(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"date: {DCT}\n\n{TEXT}\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["analyze", str(f), "--no-models", "--coder", "rules", "--format", "json"])
    assert res.exit_code == 0, res.output
    by = _by_sentence(json.loads(res.stdout)[0]["events"])
    assert [p["named_elsewhere"] for p in by[1]["source"]] == [True]
    assert [p["named_elsewhere"] for p in by[0]["source"] + by[0]["target"]] == [False, False]
    res = runner.invoke(main, ["analyze", str(f), "--no-models", "--coder", "rules"])
    assert res.exit_code == 0, res.output
    assert "ASSAULT: UKR (Ukraine) [named in another sentence] -> -" in res.output
    assert "ASSAULT: UKR (Ukraine) -> RUS (Russland)\n" in res.output


def test_named_elsewhere_survives_the_database(db):
    from lagebild.queries import Queries
    from lagebild.store import Store
    ids = _stored_events(db)
    with Store(db, read_only=True) as s:
        q = Queries(s.con)
        later, first = q.event(ids[1]), q.event(ids[0])
    assert [(p["code"], p["named_elsewhere"]) for p in later["source_participants"]] == [("UKR", True)]
    assert [p["named_elsewhere"] for p in first["source_participants"] + first["target_participants"]] \
        == [False, False]


def test_the_web_event_page_says_a_side_is_named_in_another_sentence(db):
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install '.[web]')")
    pytest.importorskip("jinja2", reason="the web extra is not installed (pip install '.[web]')")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    ids = _stored_events(db)
    with TestClient(create_app(db)) as c:
        later, first = c.get(f"/events/{ids[1]}"), c.get(f"/events/{ids[0]}")
        twin = c.get(f"/events/{ids[1]}.json")
    assert later.status_code == first.status_code == twin.status_code == 200
    source = later.text.split("<dt>source</dt>", 1)[1].split("</dd>", 1)[0]
    assert "“Ukraine”" in source and "(named in another sentence)" in source
    assert "named in another sentence" not in first.text
    assert [p["named_elsewhere"] for p in twin.json()["event"]["source_participants"]] == [True]


def test_the_exports_name_the_codes_of_a_side_named_elsewhere(db, tmp_path):
    from lagebild.export import export_store
    from lagebild.store import Store
    ids = _stored_events(db)
    with Store(db, read_only=True) as s:
        export_store(s, tmp_path / "c", "csv")
        export_store(s, tmp_path / "p", "plover")
    with open(tmp_path / "c" / "events.csv", encoding="utf-8", newline="") as fh:
        rows = {int(r["event_id"]): r for r in csv.DictReader(fh)}
    cols = list(next(iter(rows.values())))
    assert cols[-4:] == ["source_inferred", "target_inferred", "source_named_elsewhere", "target_named_elsewhere"]
    assert (rows[ids[1]]["source_named_elsewhere"], rows[ids[1]]["target_named_elsewhere"]) == ("UKR", "")
    assert (rows[ids[0]]["source_named_elsewhere"], rows[ids[0]]["target_named_elsewhere"]) == ("", "")
    recs = {r["id"]: r for r in map(json.loads, (tmp_path / "p" / "events.plover.jsonl")
                                    .read_text(encoding="utf-8").splitlines())}
    later, first = recs[f"lagebild-{ids[1]}"], recs[f"lagebild-{ids[0]}"]
    assert later["source_named_elsewhere"] == ["UKR"] and later["target_named_elsewhere"] == []
    assert [a["named_elsewhere"] for a in later["actor"]] == [True]
    assert first["source_named_elsewhere"] == first["target_named_elsewhere"] == []
    assert [a["named_elsewhere"] for a in first["actor"] + first["recipient"]] == [False, False]


def test_the_parquet_export_has_the_lists(db, tmp_path):
    import duckdb
    from lagebild.export import export_store
    from lagebild.store import Store
    ids = _stored_events(db)
    with Store(db, read_only=True) as s:
        export_store(s, tmp_path / "q", "parquet")
    got = dict(duckdb.sql(f"SELECT event_id, source_named_elsewhere FROM read_parquet("
                          f"'{tmp_path / 'q'}/events/*/*.parquet', hive_partitioning = true)").fetchall())
    assert got == {ids[1]: ["UKR"], ids[0]: []}


@pytest.mark.parametrize("mention,expected", [
    (Span(10, 17, "Ukraine"), True),        # before the sentence
    (Span(100, 107, "Ukraine"), False),     # its first word
    (Span(140, 147, "Ukraine"), True),      # where the sentence ends, the next one begins
])
def test_named_elsewhere_is_whether_the_mention_lies_outside_the_evidence(mention, expected):
    ev = [Evidence(sentence=2, start=100, end=140, text="x" * 40)]
    assert named_elsewhere(Participant("A1", "Ukraine", "UKR", mention=mention), ev) is expected


def test_a_side_the_text_does_not_name_is_neither():
    """An inferred side says how it was filled in instead (its ``inferred``), even where the
    fallback took an actor of another sentence; no evidence, no mention: nothing to say."""
    ev = [Evidence(sentence=2, start=100, end=140, text="x" * 40)]
    nearest = Participant("A1", "Ukraine", "UKR", inferred="nearest", mention=Span(10, 17, "Ukraine"))
    assert named_elsewhere(nearest, ev) is None
    assert named_elsewhere(Participant(None, None, "DEU", inferred="home"), ev) is None
    assert named_elsewhere(Participant("A1", "Ukraine", "UKR", mention=Span(10, 17, "Ukraine")), []) is None


def test_a_long_article_says_it_of_the_events_its_pieces_merge_into(monkeypatch):
    """A long article is analyzed in pieces whose events merge (``Analyzer._long``): the field is
    said of the merged event's evidence, not of one piece's."""
    import lagebild.longdoc as longdoc
    import lagebild.pipeline as pl
    monkeypatch.setattr(longdoc, "MAX_PIECE", 2_000)
    monkeypatch.setattr(pl, "MAX_PIECE", 2_000)
    text = "\n\n".join([" ".join([TEXT] * 6)] * 8)
    doc = pl.rules_analyzer()(Article("long", text, DCT))
    assert any("pieces" in w for w in doc.warnings)
    sides = [(p, ev) for ev in doc.events for p in ev.source + ev.target]
    assert sides and all(p.named_elsewhere is named_elsewhere(p, ev.evidence) for p, ev in sides)
    assert {p.named_elsewhere for p, _ in sides} == {True, False}
    spans = [[e.start for e in ev.evidence] for ev in doc.events]
    assert any(max(s) - min(s) > 2_000 for s in spans)       # merged across pieces
