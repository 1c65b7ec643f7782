"""Poison records: lone surrogates, NUL and control characters, duplicate ids."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
from click.testing import CliRunner

from lagebild.cleaning import clean_text
from lagebild.cli import main
from lagebild.feeds import fetch_feed
from lagebild.ingest import Ingester
from lagebild.readers import read_articles
from lagebild.records import Article
from lagebild.store import Store

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
SPEC = "test_ingest:ScriptedAnalyzer"
LONG = "Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen. " * 12


def test_clean_text_replaces_and_counts_surrogates_and_controls():
    text, n = clean_text("a\ud800b\x00c\x07d\ne\tf")
    assert text == "a\ufffdb c d\ne\tf" and n == 3
    assert clean_text("gut") == ("gut", 0)


def test_jsonl_with_lone_surrogate_and_nul_is_read_cleaned_and_reported(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Russland \ud800 greift an."}) + "\n"
                   + json.dumps({"id": "b", "text": "Ein\u0000 Text\u001b[31m hier."}) + "\n"
                   + json.dumps({"id": "c", "text": "Sauberer Text."}) + "\n",
                   encoding="utf-8")
    problems = []
    arts, _ = read_articles([src], on_error=problems.append)
    assert [a.doc_id for a in arts] == ["a", "b", "c"]
    assert arts[0].text == "Russland \ufffd greift an."
    assert "\x00" not in arts[1].text and "\x1b" not in arts[1].text
    assert len(problems) == 2 and "replaced" in str(problems[0]) and "in.jsonl:1" in str(problems[0])


def test_one_bad_record_never_stops_an_ingest_and_nothing_bad_reaches_db_or_csv(tmp_path):
    db = tmp_path / "t.duckdb"
    arts = [Article("a", "Text mit \ud800 Surrogat.", "2022-02-24", title="T\x00itel"),
            Article("b", "Noch ein \x00 Text.", "2022-02-24"),
            Article("c", "Ein guter Text.", "2022-02-24")]
    with Store(db) as store, Ingester(store, analyzer=SPEC) as ing:
        stats = ing.ingest(arts)
    assert stats.new == 3 and stats.errors == 0
    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT text, title FROM articles ORDER BY doc_id").fetchall()
    assert rows[0][0] == "Text mit \ufffd Surrogat." and rows[0][1] == "T itel"
    assert all("\x00" not in (t or "") + (ti or "") for t, ti in rows)
    r = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(db),
                                  "--format", "csv"])
    assert r.exit_code == 0, r.output
    data = (tmp_path / "out" / "articles.csv").read_bytes()
    assert b"\x00" not in data and "Surrogat".encode() in data


def test_jsonl_duplicate_id_with_other_text_warns_and_first_wins(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x", "text": "Erster Text."}\n{"id": "x", "text": "Zweiter."}\n'
                   '{"id": "x", "text": "Erster Text."}\n', encoding="utf-8")
    problems = []
    arts, _ = read_articles([src], on_error=problems.append)
    assert [a.text for a in arts] == ["Erster Text."]         # the same record again is read once
    assert len(problems) == 2 and "read once" in str(problems[1])
    msg = str(problems[0])
    assert "in.jsonl:2" in msg and "first record wins" in msg and "in.jsonl:1" in msg


def test_feed_item_with_surrogate_entity_is_cleaned_and_the_others_kept():
    rss = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>Eins &#xD800;</title><link>http://feed.test/1</link>
<description>{LONG} &#xD800; Ende.</description></item>
<item><title>Zwei</title><link>http://feed.test/2</link><description>{LONG}</description></item>
</channel></rss>""".encode()

    def handler(request):
        return httpx.Response(200, stream=httpx.ByteStream(rss),
                              headers={"content-type": "application/rss+xml"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        res = fetch_feed("http://feed.test/rss", client=client, fetch_items=False,
                         resolver=lambda host: ["93.184.216.34"])
    assert len(res.articles) == 2
    for a in res.articles:
        a.text.encode("utf-8")          # no lone surrogate left
        (a.title or "").encode("utf-8")
