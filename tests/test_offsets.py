"""Offsets index the input: ``input[start:end] == span.text`` for every span of every kind,
whatever whitespace, line ends, zero-width characters or byte order marks the input holds."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.offsets import clean, spans
from lagebild.records import Article

BASE = ("Am Donnerstag trafen sich Außenministerin Annalena Baerbock und der russische "
        "Außenminister Sergej Lawrow in Moskau. „Wir wollen miteinander reden“, sagte Baerbock.\n\n"
        "Russland hat am 17. Februar 2022 um 20.30 Uhr Truppen an die Grenze zur Ukraine verlegt. "
        "Die USA verhängten Sanktionen gegen Russland.")


def check_spans(doc, text: str) -> int:
    assert doc.text == text
    n = 0
    for kind, sp in spans(doc):
        assert 0 <= sp.start <= sp.end <= len(text), (kind, sp)
        assert text[sp.start:sp.end] == sp.text, (kind, sp)
        n += 1
    return n


def signature(doc):
    """What was found, independent of the offsets: must not change with the whitespace."""
    return (sorted((t.type, t.value, " ".join(t.text.split()).replace("\u200b", "")) for t in doc.timexes),
            sorted((e.type, e.factuality, tuple(p.code for p in e.source), tuple(p.code for p in e.target))
                   for e in doc.events),
            len(doc.quotes))


VARIANTS = {
    "leading newline": lambda t: "\n" + t,
    "leading and trailing whitespace": lambda t: "  \n\t " + t + " \n\n ",
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "lone cr": lambda t: t.replace("\n", "\r"),
    "runs of spaces": lambda t: t.replace(" ", "   "),
    "tabs": lambda t: t.replace(" am ", "\tam\t"),
    "non-breaking spaces": lambda t: t.replace(" Uhr", "\u00a0Uhr").replace("17. ", "17.\u00a0")
                                      .replace("Annalena ", "Annalena\u202f"),
    "zero-width spaces": lambda t: t.replace("Russland", "Russ\u200bland").replace(" Baerbock", " \u200bBaerbock"),
    "bom at the start": lambda t: "\ufeff" + t,
    "bom inside": lambda t: t.replace("Die USA", "\ufeffDie USA"),
    "soft hyphen": lambda t: t.replace("Außenministerin", "Außen\u00administerin"),
    "everything": lambda t: "\ufeff\r\n " + t.replace("\n", "\r\n").replace(" ", " \u00a0")
                                                .replace("Moskau", "Mos\u200bkau") + "\r\n",
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_offsets_index_the_input_whatever_its_whitespace(analyzer, name):
    want = analyzer(Article(doc_id="base", text=BASE, dct="2022-02-18"))
    assert check_spans(want, BASE) > 10
    text = VARIANTS[name](BASE)
    doc = analyzer(Article(doc_id=name, text=text, dct="2022-02-18"))
    assert check_spans(doc, text) == check_spans(want, BASE)
    assert signature(doc) == signature(want)


def test_participants_carry_their_mention_span(analyzer):
    text = "\n" + BASE
    doc = analyzer(Article(doc_id="p", text=text, dct="2022-02-18"))
    named = [p for ev in doc.events for p in ev.source + ev.target if p.mention is not None]
    assert named
    assert {p.mention.text for p in named} >= {"Russland"}
    for p in named:
        assert text[p.mention.start:p.mention.end] == p.mention.text
    speakers = [q.speaker.mention for q in doc.quotes if q.speaker and q.speaker.mention]
    assert speakers and all(text[s.start:s.end] == s.text for s in speakers)


def test_clean_maps_every_position_back():
    raw = "\ufeff \r\nA\u00a0\u00a0b\u200bc\r\n\r\nd  e\t\n"
    tm = clean(raw)
    assert tm.text == "A bc\n\nd e"     # zero-width space dropped, spaces joined
    for i, ch in enumerate(tm.text):
        s, e = tm.span(i, i + 1)
        assert raw[s:e] == ch or (ch == " " and raw[s:e].isspace()) or (ch == "\n" and raw[s:e] in "\r\n")
    assert raw[slice(*tm.span(0, 4))] == "A\u00a0\u00a0b\u200bc"
    assert clean("schon sauber").pos is None
    tm = clean("\n  schon sauber\n")
    assert (tm.text, tm.pos, tm.span(0, 5)) == ("schon sauber", None, (3, 8))


def test_analyze_json_carries_the_text_its_offsets_index(tmp_path):
    from click.testing import CliRunner

    from lagebild.cli import main
    p = tmp_path / "a.txt"
    p.write_bytes(("date 2022-02-18\r\n\r\n" + BASE.replace("\n", "\r\n")).encode("utf-8"))
    res = CliRunner().invoke(main, ["analyze", str(p), "--format", "json", "--no-models", "-q"])
    assert res.exit_code == 0, res.output
    (out,) = json.loads(res.output)
    text = out["text"]
    assert text.startswith("\r\nAm Donnerstag")
    found = [t for t in out["timexes"]] + out["quotes"] + [e for ev in out["events"] for e in ev["evidence"]] \
        + [p["mention"] for ev in out["events"] for p in ev["source"] + ev["target"] if p["mention"]]
    assert len(found) > 8
    for sp in found:
        assert text[sp["start"]:sp["end"]] == sp["text"]


_WORDS = st.sampled_from([
    "Russland", "Baerbock", "sagte", "am", "Montag", "17.", "Februar", "2022", "um", "20.30", "Uhr",
    "Truppen", "griffen", "die", "Ukraine", "an", "„Wir", "reden“,", "Sanktionen", "gegen", "Berlin.",
    "Merkel", "traf", "Macron", "in", "Paris.", "gestern", "nächste", "Woche", "drei", "Tage", "lang",
    "Die", "USA", "verurteilten", "den", "Angriff.", "Polizei", "nahm", "Demonstranten", "fest.",
])
_SEPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t", "\u00a0", "\u200b",
                         " \u200b", "\ufeff", "\u202f", "\u00ad", "\r"])


@st.composite
def texts(draw):
    words = draw(st.lists(_WORDS, min_size=1, max_size=40))
    out = [draw(st.sampled_from(["", "\n", " ", "\ufeff", "\r\n  "]))]
    for w in words:
        out.append(w)
        out.append(draw(_SEPS))
    return "".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts())
def test_every_span_indexes_random_inputs(analyzer, text):
    doc = analyzer(Article(doc_id="h", text=text, dct="2022-02-18"))
    check_spans(doc, text)


def test_html_output_carries_the_extracted_text_its_offsets_index(tmp_path):
    from click.testing import CliRunner

    from lagebild.cli import main
    p = tmp_path / "seite.html"
    p.write_text("""<!DOCTYPE html><html lang="de"><head><title>Gipfel in Wien</title>
<meta property="article:published_time" content="2024-03-05"></head><body><nav>Start | Politik</nav>
<article><h1>Gipfel in Wien</h1><p>Der Außenminister reist am Montag nach Wien.&nbsp;Dort trifft er
  seinen russischen Amtskollegen Sergej Lawrow.</p>
<p>„Wir wollen reden“, sagte Lawrow am Dienstag um 20.30&nbsp;Uhr. Die USA verhängten Sanktionen gegen
Russland.</p></article><footer>Impressum</footer></body></html>""", encoding="utf-8")
    res = CliRunner().invoke(main, ["analyze", str(p), "--format", "json", "--no-models", "-q"])
    assert res.exit_code == 0, res.output
    (out,) = json.loads(res.output)
    text = out["text"]
    assert "Lawrow" in text
    found = out["timexes"] + out["quotes"] + [e for ev in out["events"] for e in ev["evidence"]] \
        + [p["mention"] for ev in out["events"] for p in ev["source"] + ev["target"] if p["mention"]]
    assert len(found) >= 4
    for sp in found:
        assert text[sp["start"]:sp["end"]] == sp["text"]
