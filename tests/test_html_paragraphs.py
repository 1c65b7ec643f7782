"""HTML pages and feed items keep the headline and paragraphs apart, as the text reader does."""
from __future__ import annotations

import sys
from pathlib import Path

from lagebild.cleaning import paragraphs_from_lines
from lagebild.feeds import html_to_article
from lagebild.readers import read_articles
from lagebild.text import segment

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_feeds import ARTIKEL_1  # noqa: E402

HEADLINE = "Regierung beschließt neues Hilfspaket für die Landwirtschaft"


def _check(text: str) -> None:
    paras = text.split("\n\n")
    assert paras[0] == HEADLINE
    assert paras[1].startswith("Die Bundesregierung hat am Montag")
    assert len(paras) == 4
    sents = segment(text)
    assert sents[0].text == HEADLINE                    # not glued to the first sentence
    assert len({s.paragraph for s in sents}) == 4


def test_html_file_keeps_headline_and_paragraphs_apart(tmp_path):
    page = tmp_path / "artikel.html"
    page.write_text(ARTIKEL_1, encoding="utf-8")
    (art,), _ = read_articles([page])
    _check(art.text)


def test_feed_item_page_keeps_headline_and_paragraphs_apart():
    art = html_to_article(ARTIKEL_1, "https://tagesblatt.example/a")
    _check(art.text)


def test_paragraphs_from_lines():
    assert paragraphs_from_lines("Titel\n Erster  Absatz.\n\n\nZweiter.\r\n") == \
        "Titel\n\nErster Absatz.\n\nZweiter."


def test_a_headline_the_first_paragraph_repeats_is_left_out():
    head = "Die Türkei hat Griechenland ein Ultimatum gestellt"
    lead = head + ". Sollte Athen die Übung nicht beenden, werde die Marine eingreifen."
    assert paragraphs_from_lines(f"{head}\n{lead}\nZweiter Absatz.") == f"{lead}\n\nZweiter Absatz."
    other = "Ultimatum an Athen"          # a headline of its own stays
    assert paragraphs_from_lines(f"{other}\n{lead}") == f"{other}\n\n{lead}"


def test_a_saved_page_and_a_feed_item_page_read_to_the_same_text():
    """Saved HTML kept tables (as "| ... |") and feed item pages left them out: the same page had
    two texts and two content hashes (a code review); one reading now (cleaning.main_text)."""
    from lagebild.feeds import html_to_article
    from lagebild.readers import article_from_html
    html = ("<html><head><title>Gipfel</title></head><body><article><h1>Gipfel in Wien</h1>"
            "<p>Die Außenminister Frankreichs und Russlands trafen sich am Montag in Wien zu langen Gesprächen.</p>"
            "<table><tr><td>Zahl</td><td>12</td></tr></table>"
            "<p>Sie vereinbarten weitere Treffen, sagte ein Sprecher des Außenministeriums am Abend.</p>"
            "</article></body></html>")
    a = article_from_html(html, doc_id="a")
    b = html_to_article(html, "https://news.test/a")
    assert a.text == b.text and "Außenminister" in a.text and "|" not in a.text
