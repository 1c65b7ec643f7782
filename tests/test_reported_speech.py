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
from eventcheck import shared_analyzer  # noqa: E402

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


def _dateline(text: str) -> dict[int, str]:
    """Sentence index -> the dateline the analyzer reads there, with its dash."""
    stages = shared_analyzer(use_models=False).stages(Article("t", text, "2024-03-11"))
    return {i: text[stages.sentences[i].start:end].strip() for i, end in stages.actors.dateline_ends.items()}


@pytest.mark.parametrize("sentence, dateline", [
    ("München – Sollte die Regierung gehen, sagte er.", "München –"),
    ("Wien (APA) – Die Regierung tritt zurück.", "Wien (APA) –"),
    ("Kiew/Moskau – Die Gespräche sind gescheitert.", "Kiew/Moskau –"),
    ("KIEW, 12. März – Die Gespräche sind gescheitert.", "KIEW, 12. März –"),
    ("Berlin - Die Regierung tritt zurück.", "Berlin -"),
    ("Russland hat - wie erwartet - abgesagt.", None), ("Die Regierung sei am Ende, sagte er.", None),
    # R23 finding 2: the hyphen inside a word is no dash
    ("EU-Sanktionen seien wirkungslos, sagte Orbán.", None), ("Der CSU-Chef sei müde, sagte Aiwanger.", None),
    ("Der 86-Jährige Habermas sei krank, sagte sie.", None), ("Die EU-Kommission hat abgesagt.", None),
])
def test_the_dateline_of_a_sentence(sentence, dateline):
    assert _dateline(sentence).get(0) == dateline


def test_a_dash_inside_a_paragraph_is_no_dateline():
    """A dateline opens a paragraph (or follows a short teaser in it), one per paragraph, and
    begins with no article: "Die Regierung – so Kritiker – habe versagt" keeps "Die Regierung"."""
    text = ("Wien – Die Opposition ist empört. Die Regierung – so Kritiker – habe versagt, sagte Gewessler.\n\n"
            "Graz – Die Landesregierung schweigt. Linz – Die Stadt auch. Ein Sprecher – so heißt es – "
            "schweigt.\n\nDie Regierung – so Kritiker – habe versagt.\n\n"
            "Öl sollte bald im Preis steigen, sagen Experten. Frankfurt – Fürchtet euch nicht, sagte er.")
    got = _dateline(text)
    assert sorted(got.values()) == ["Frankfurt –", "Graz –", "Wien –"], got


@pytest.mark.parametrize("text, quote", [
    ("EU-Sanktionen seien wirkungslos, sagte Ungarns Ministerpräsident Viktor Orbán. "
     "FPÖ-Chef Kickl sei ein Sicherheitsrisiko, sagte Leonore Gewessler.",
     ["EU-Sanktionen seien wirkungslos", "FPÖ-Chef Kickl sei ein Sicherheitsrisiko"]),
    ("Der CSU-Chef sei müde, sagte Hubert Aiwanger.", ["Der CSU-Chef sei müde"]),
    ("Wien – Die Opposition ist empört. Die Regierung – so Kritiker – habe versagt, sagte Leonore Gewessler.",
     ["Die Regierung – so Kritiker – habe versagt"]),
    ("Wien – Die Regierung habe versagt, sagte Leonore Gewessler.", ["Die Regierung habe versagt"]),
])
def test_reported_speech_keeps_hyphenated_words_and_a_dash_inside_a_paragraph(text, quote):
    """R23 finding 2: "EU-Sanktionen seien ..." was quoted as "Sanktionen seien ...", "Der CSU-Chef
    sei" as "Chef sei", and "Die Regierung – so Kritiker – habe versagt" lost "Die Regierung –"."""
    doc = shared_analyzer(coder="rules", use_models=False)(Article("t", text, "2024-03-11"))
    assert sorted(q.text for q in doc.quotes if not q.direct) == sorted(quote)


def test_reported_speech_leaves_out_the_dateline():
    doc = shared_analyzer(coder="rules")(Article(
        "t", "München – Sollte die Bundesregierung die Kontrollen nicht verlängern, werde Bayern "
             "eigene Polizisten an die Grenze schicken, sagte Ministerpräsident Markus Söder am Montag.",
        "2024-03-11"))
    (q,) = [q for q in doc.quotes if "Polizisten" in q.text]
    assert q.text.startswith("Sollte die Bundesregierung") and not q.direct
    assert doc.text[q.start:q.end] == q.text
