"""Segmentation: paragraphs, captions, bylines, sentences."""
from lagebild.text import segment, split_sentences, tokenize


def kinds(text):
    return [(s.kind, s.text) for s in segment(text)]


def test_caption_is_its_own_sentence_and_marked():
    text = "Erster Satz hier. Zweiter Satz.\n\nAngela Merkel am Montag in Berlin Bild: Reuters\n\nDer dritte Satz folgt."
    out = kinds(text)
    assert ("caption", "Angela Merkel am Montag in Berlin Bild: Reuters") in out
    assert out[-1] == ("body", "Der dritte Satz folgt.")


def test_ordinals_dates_and_abbreviations_do_not_end_sentences():
    text = "Am Freitag beginnt die 58. Münchner Sicherheitskonferenz. Sie endet am 20. Februar, u.a. mit Reden. Dr. Schmidt kommt."
    sents = [s.text for s in segment(text)]
    assert sents == ["Am Freitag beginnt die 58. Münchner Sicherheitskonferenz.",
                     "Sie endet am 20. Februar, u.a. mit Reden.", "Dr. Schmidt kommt."]


def test_a_number_at_the_end_of_a_sentence_ends_it():
    """"stieg auf 45. Russland griff ... an" was one sentence, and the attack was lost (a code
    review); an ordinal follows an article, a contraction or an adjective, or comes before a month."""
    sents = [s.text for s in segment("Die Zahl der Toten stieg am Sonntag auf 45. Russland griff die Ukraine "
                                     "am Montag an. Juppé ist bereits 70. Die Lage bleibt so. Morgen wird verhandelt.")]
    assert sents == ["Die Zahl der Toten stieg am Sonntag auf 45.", "Russland griff die Ukraine am Montag an.",
                     "Juppé ist bereits 70.", "Die Lage bleibt so.", "Morgen wird verhandelt."]
    for text in ("Ab dem vollendeten 16. Lebensjahr gilt das.", "Jedes 100. Unternehmen ist beteiligt.",
                 "Das Gesetz gilt seit 3. Oktober überall.", "Zum 5. Mal tagte der Rat."):
        assert [s.text for s in segment(text)] == [text]


def test_sentence_offsets_index_the_text():
    text = "Eins ist hier. Zwei ist dort!\n\nDrei?"
    for s in segment(text):
        assert text[s.start:s.end] == s.text


def test_a_credit_or_byline_before_sentences_of_their_own_keeps_them_body_text():
    """A paragraph ending in "Quelle: Reuters" or opening "Aus Moskau (dpa):" was one caption or
    byline, and its events were lost (a code review)."""
    out = kinds("Russland griff die Ukraine am Montag mit Raketen an. Kiew meldete zwei Tote. Quelle: Reuters")
    assert out[:2] == [("body", "Russland griff die Ukraine am Montag mit Raketen an."),
                       ("body", "Kiew meldete zwei Tote.")]
    assert kinds("Aus Moskau (dpa): Russland hat die Ukraine am Montag angegriffen.") == [
        ("body", "Aus Moskau (dpa): Russland hat die Ukraine am Montag angegriffen.")]
    assert kinds("Merkel (li.) und Macron am Montag. Bild: AP") == [
        ("caption", "Merkel (li.) und Macron am Montag. Bild: AP")]
    assert kinds("Aus Moskau (dpa)\n\nText folgt.")[0] == ("byline", "Aus Moskau (dpa)")


def test_byline_is_marked():
    out = kinds("Von Maria Muster\n\nDie Regierung tritt zurück.")
    assert out[0][0] == "byline" and out[1][0] == "body"


def test_closing_quote_stays_with_its_sentence():
    text = "Er sagte: „Wir kommen.“ Dann ging er."
    assert [s.text for s in segment(text)] == ["Er sagte: „Wir kommen.“", "Dann ging er."]


def test_tokens_carry_document_offsets():
    text = "Russland zog Truppen zusammen. Die USA warnten."
    sents = segment(text)
    _, st = tokenize(text, sents)
    assert [t.text for t in st[1].tokens] == ["Die", "USA", "warnten", "."]
    for s in st:
        for t in s.tokens:
            assert text[t.start:t.end] == t.text


def test_split_sentences_handles_unfinished_text():
    text = "Ein Satz ohne Punkt"
    assert split_sentences(text, 0, len(text)) == [(0, len(text))]
