"""Reported speech is not shown as a verbatim quote (probe P22, finding 9): ``/articles/N`` put
indirect speech (``"direct": false``) in „…“ like a quote, with the dateline ("München – ") taken
into the quote's text; the command line marked it "(reported)"."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lagebild.records import Article, Document, Participant, Quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import ingest  # noqa: E402

DIRECT = "Wir bleiben hart"
REPORTED = "Die Kontrollen seien nötig"


class TwoQuotes:
    """One direct and one reported quote, both of Markus Söder."""

    def __call__(self, art: Article) -> Document:
        söder = Participant("A1", "Markus Söder", "DEU", "GOV")
        d0 = art.text.index(DIRECT)
        r0 = art.text.index(REPORTED)
        return Document(doc_id=art.doc_id, dct=art.dct, text=art.text, title=art.title,
                        source=art.source, quotes=[
                            Quote(söder, DIRECT, True, d0, d0 + len(DIRECT)),
                            Quote(söder, REPORTED, False, r0, r0 + len(REPORTED))])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient
    from lagebild.web.app import create_app
    db = tmp_path_factory.mktemp("rq") / "rq.duckdb"
    text = f"München – „{DIRECT}“, sagte Markus Söder. {REPORTED}, sagte er am Montag."
    ingest(db, [Article("q1", text, "2025-03-10", source="o")], analyzer="test_reported_speech:TwoQuotes")
    with TestClient(create_app(db)) as c:
        yield c


def _quote_items(page: str) -> list[str]:
    start = page.index("<h2>Quotes</h2>")
    return page[start:].split("<li>")[1:]


def test_the_article_page_shows_direct_speech_in_quote_marks_and_reported_speech_as_reported(client):
    items = _quote_items(client.get("/articles/1").text)
    direct = next(i for i in items if DIRECT in i)
    reported = next(i for i in items if REPORTED in i)
    assert f"„{DIRECT}“" in direct and "reported" not in direct
    assert "„" not in reported and "“" not in reported and ">reported<" in reported
    assert [q["direct"] for q in client.get("/articles/1.json").json()["article"]["quotes"]] == [True, False]


def test_the_search_page_marks_reported_speech_too(client):
    page = client.get("/search", params={"q": "Kontrollen"}).text
    assert ">reported<" in page and f"„{REPORTED}“" not in page


@pytest.mark.parametrize("sentence, n", [
    ("München – Sollte die Regierung", len("München – ")), ("Wien (APA) – Die Regierung", len("Wien (APA) – ")),
    ("Kiew/Moskau – Die", len("Kiew/Moskau – ")), ("KIEW, 12. März – Die", len("KIEW, 12. März – ")),
    ("Russland hat - wie erwartet - abgesagt", 0), ("Die Regierung sei am Ende", 0),
])
def test_the_dateline_of_a_sentence(sentence, n):
    from lagebild.quotes import dateline_length
    assert dateline_length(sentence) == n


def test_reported_speech_leaves_out_the_dateline():
    from lagebild.pipeline import Analyzer
    doc = Analyzer(coder="rules")(Article(
        "t", "München – Sollte die Bundesregierung die Kontrollen nicht verlängern, werde Bayern "
             "eigene Polizisten an die Grenze schicken, sagte Ministerpräsident Markus Söder am Montag.",
        "2024-03-11"))
    (q,) = [q for q in doc.quotes if "Polizisten" in q.text]
    assert q.text.startswith("Sollte die Bundesregierung") and not q.direct
    assert doc.text[q.start:q.end] == q.text
