"""Smaller points of the pages (probe P22, findings 14 and 11a): the article page's events show
their sides' names and sectors, the condition and the confidence (codes only before); ``/articles``
lists the articles, newest first, paged (a 404 before); the lists take ``min_confidence`` as
``lagebild events --min-confidence`` does (a 400 "no page has this parameter" before)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lagebild.records import Article, Document, Event, EventDate, Evidence, Participant

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import filler, ingest  # noqa: E402


class Conditional:
    """Per article: a hypothetical MOBILIZE with a condition (confidence 0.34) and an asserted
    ACCUSE (0.9)."""

    def __call__(self, art: Article) -> Document:
        line = art.text.split("\n")[-1]
        s = art.text.index(line)
        ev = [Event(type="MOBILIZE", source=[Participant(None, "Bayern", "DEU", "GOV")],
                    target=[Participant(None, "Österreich", "AUT", "GOV")], factuality="hypothetical",
                    condition="Sollte die Bundesregierung die Kontrollen nicht verlängern",
                    confidence=0.34, quad_class=4, goldstein=-7.0,
                    evidence=[Evidence(0, s, s + len(line), line)]),
              Event(type="ACCUSE", source=[Participant(None, "Söder", "DEU", "GOV")],
                    target=[Participant(None, "Bundesregierung", "DEU", "GOV")],
                    date=EventDate(art.dct, art.dct), confidence=0.9, quad_class=3, goldstein=-2.0,
                    evidence=[Evidence(0, s, s + len(line), line)])]
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, title=art.title,
                        source=art.source, events=ev)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    db = tmp_path_factory.mktemp("wa") / "wa.duckdb"
    arts = [Article(f"d{i}", filler(i) + f"\nSatz {i} über die Grenze.", f"2025-03-{i:02d}",
                    title=f"Artikel {i}", source=f"o{i}") for i in (3, 1, 2)]
    ingest(db, arts, analyzer="test_web_articles:Conditional")
    with TestClient(create_app(db)) as c:
        yield c


def test_the_article_page_shows_the_sides_names_the_condition_and_the_confidence(client):
    page = client.get("/articles/1").text
    table = page[page.index("<h2>Events found"):page.index("<h2>Quotes")]
    assert "Bayern" in table and "Österreich" in table and "government" in table
    assert "Sollte die Bundesregierung die Kontrollen nicht verlängern" in table
    assert "0.34" in table and "0.90" in table
    ev = client.get("/articles/1.json").json()["article"]["events"][0]
    assert {"source_text", "condition", "confidence", "source_sector"} <= set(ev)


def test_the_articles_are_listed_newest_first_and_paged(client):
    d = client.get("/articles.json", params={"per_page": 2}).json()
    assert [a["dct"] for a in d["articles"]] == ["2025-03-03", "2025-03-02"]
    assert d["pagination"]["total"] == 3 and d["pagination"]["next"]
    assert [a["events"] for a in d["articles"]] == [2, 2]
    page = client.get("/articles").text
    assert "Artikel 3" in page and 'href="/articles/' in page
    assert 'href="/articles"' in client.get("/overview").text          # in the navigation
    r = client.get("/articles.json", params={"since": "2025"})
    assert r.status_code == 400 and "takes only page and per_page" in r.json()["error"]


def test_the_lists_take_min_confidence_as_the_command_line(client):
    every = client.get("/overview.json").json()["pagination"]["total"]
    sure = client.get("/overview.json", params={"min_confidence": "0.5"}).json()
    assert every > 3 and sure["pagination"]["total"] == 3      # the three ACCUSE; the MOBILIZE are 0.34
    assert {e["type"] for e in sure["events"]} == {"ACCUSE"} and sure["filters"]["min_confidence"] == 0.5
    assert 'name="min_confidence" value="0.5"' in client.get("/overview?min_confidence=0.5").text
    assert client.get("/overview.json", params={"min_confidence": "2"}).status_code == 400
