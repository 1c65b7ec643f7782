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
