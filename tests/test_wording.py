"""One definition of "N thing(s)" (``lagebild.wording.count``) for every count a person reads:
the summary said "1 articles", "1 events from 1 mentions", "1 quotes", "EU -> BLR: 1 events",
the watch round "1 new articles", the map's tooltips "1 events", and other messages hedged with
"article(s)", "event(s)", "feed(s)" (a new-user probe)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.ingest import IngestStats, summary_text
from lagebild.wording import count, noun

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import SPEC, art, ingest  # noqa: E402  (the scripted analyzer)

ROOT = Path(__file__).resolve().parents[1]

#: a count of one with a plural noun ("1 events", "1 new articles", "1 near-duplicates")
ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:new |stored |more )?(?:events|articles|mentions|quotes|"
                        r"actors|errors|near-duplicates|sources|feeds|types|countries|items|"
                        r"warnings|files)\b")


@pytest.mark.parametrize("n,singular,plural,expected", [
    (1, "event", None, "1 event"), (0, "event", None, "0 events"), (2, "event", None, "2 events"),
    (1234, "new event", None, "1,234 new events"), (1, "more country", "more countries", "1 more country"),
    (3, "more country", "more countries", "3 more countries"),
])
def test_count_words_one_thing_in_the_singular_and_others_in_the_plural(n, singular, plural, expected):
    assert count(n, singular, plural) == expected
    assert noun(n, singular, plural) == expected.split(" ", 1)[1]


def test_the_summary_of_one_article_one_event_one_quote_is_in_the_singular(tmp_path):
    db = tmp_path / "one.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24", body="#QUOTE Ein Zitat")])
    r = CliRunner().invoke(main, ["summary", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "Database: 1 article (0 near-duplicates), 1 event from 1 mention" in r.output, r.output
    assert "1 quote." in r.output and "RUS -> UKR: 1 event, 1 mention," in r.output, r.output
    assert not ONE_PLURAL.search(r.output), r.output


def test_the_run_line_of_an_ingest_of_one_article_is_in_the_singular(tmp_path):
    stats = IngestStats(read=1, new=1, near_duplicates=1, events_new=1, errors=1)
    text = summary_text({"articles": 1, "near_duplicates": 1, "events": 1, "mentions": 1,
                         "actors": 1, "quotes": 1}, stats)
    assert text.startswith("This run: 1 new article (0 already known, 1 near-duplicate), 1 new event,")
    assert "1 error," in text and not ONE_PLURAL.search(text), text


def test_the_cli_messages_of_one_thing_are_in_the_singular(tmp_path):
    """ingest's progress and summary, events' cut-list note, timeline's undated note."""
    db = tmp_path / "e.duckdb"
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a1", "text": "Text eins.\\n#EV ASSAULT RUS UKR 2022-02-24", "date": "2022-02-24"}\n'
                   '{"id": "a2", "text": "Text zwei.\\n#EV ACCUSE RUS UKR 2022", "date": "2022-02-24"}\n',
                   encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["ingest", str(inp), "--db", str(db), "--analyzer", SPEC,
                             "--progress-interval", "0"])
    assert r.exit_code == 0, r.output + r.stderr
    r2 = runner.invoke(main, ["events", "--db", str(db), "--limit", "1"])
    assert "note: the first 1 event (--sort date)" in r2.stderr, r2.stderr
    r3 = runner.invoke(main, ["timeline", "RUS", "UKR", "--db", str(db)])
    assert "1 event of RUS/UKR that has no day date" in r3.stderr, r3.stderr
    for out in (r.stdout, r.stderr, r2.stderr, r3.stderr):
        assert not ONE_PLURAL.search(out) and "(s)" not in out, out


def test_the_map_tooltip_of_a_country_with_one_event_is_in_the_singular():
    from lagebild.web import charts
    svg = str(charts.choropleth({"UKR": 1, "RUS": 2}, {}, "/actors/{code}",
                                places=[{"place": "Kiew", "code": "UKR", "events": 1}]))
    assert "(UKR): 1 event<" in svg and "(RUS): 2 events<" in svg and "UKR: 1 event at" in svg
    assert not ONE_PLURAL.search(svg)


def test_the_event_page_counts_through_the_same_helper(tmp_path):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    db = tmp_path / "w.duckdb"
    ingest(db, [art(1, "#EV ASSAULT RUS UKR 2022-02-24")])
    with TestClient(create_app(db)) as c:
        page = c.get("/events/1").text
    assert "1 mention, 1 article, 1 source" in page, page


#: where counts are printed: the CLI, the web pages and the library messages they show
_PRINTING = ["lagebild/cli", "lagebild/web", "lagebild/ingest.py", "lagebild/readers.py",
             "lagebild/feeds.py", "lagebild/pipeline.py", "lagebild/evaluate/events.py"]


def test_no_message_hedges_a_count_with_s_in_brackets_or_pluralises_by_hand():
    """The one definition: no "{n} event(s)" and no template's own 's' if n != 1."""
    hedged = re.compile(r"\}\s*[a-z][a-z -]*\(s\)")
    by_hand = re.compile(r"""["']s["'] if [^"'\n]*!= ?1""")
    found = []
    for where in _PRINTING:
        p = ROOT / where
        for f in ([p] if p.is_file() else sorted(p.rglob("*.py")) + sorted(p.rglob("*.html"))):
            for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if hedged.search(line) or by_hand.search(line):
                    found.append(f"{f.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not found, "\n".join(found)
