"""SmartData reader: split, tokenization, label mapping to GermEval conventions, weighting."""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from lagebild.errors import DataError
from lagebild.ner import (MISSING, TaggedSentence, _example, bio_to_spans, default_data_dir,
                          draw_share, load_smartdata, read_germeval, read_smartdata,
                          smartdata_label, smartdata_votes, split_germeval, TrainSettings)


def _doc(doc_id, text, mentions, source="news"):
    """A SmartData document (v1 JSON layout) with mentions ``(surface, type)`` or
    ``(surface, type, occurrence)`` located in ``text``."""
    arr = []
    for m in mentions:
        surface, ctype = m[0], m[1]
        start = -1
        for _ in range((m[2] if len(m) > 2 else 0) + 1):
            start = text.index(surface, start + 1)
        arr.append({"id": f"c/{len(arr)}", "type": ctype,
                    "span": {"start": start, "end": start + len(surface), "attributes": None},
                    "normalizedValue": {"string": surface}})
    return {"id": doc_id, "text": {"string": text}, "conceptMentions": {"array": arr},
            "refids": {"map": {"source": source}}}


def _write(path: Path, docs):
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for d in docs:                      # concatenated pretty-printed JSON, as shipped
            fh.write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")


NEWS = ("Die Polizei in Berlin nahm am Montag Angela Merkel fest. "
        "Die deutschen Behörden und die EU äußerten sich.\nMehr dazu später hier im Text.")
RSS = ("Auf der A1 zwischen Bremen und Hamburg Hbf staut sich der Verkehr.\n"
       "Der IC 2083 fährt heute nicht nach Berchtesgaden.")
TWEET = "@SPIEGELONLINE berichtet über Lufthansa und Verdi heute"
HELD = "Dieser Text steht in der Testmenge von Version drei und bleibt draußen."


@pytest.fixture()
def smartdata(tmp_path):
    folder = tmp_path / "smartdata"
    news = _doc("news-1", NEWS, [("Polizei", "organization"), ("Berlin", "location-city"),
                                 ("Montag", "date"), ("Angela Merkel", "person"),
                                 ("deutschen", "location"), ("EU", "location")])
    rss = _doc("rss-1", RSS, [("A1", "location-street"), ("Bremen", "location-city"),
                              ("Hamburg Hbf", "location-stop"), ("Hamburg", "location-city"),
                              ("IC 2083", "location-route"),
                              ("Berchtesgaden", "location-city")], source="rss")
    tweet = _doc("tweet-1", TWEET, [("SPIEGELONLINE", "organization-company"),
                                    ("Lufthansa", "organization-company"),
                                    ("Verdi", "organization")], source="tweet")
    held = _doc("held-1", HELD, [("Version", "organization")])
    _write(folder / "v1_20180119" / "train.json.gz", [news, rss, dict(news)])  # a duplicate id
    _write(folder / "v1_20180119" / "test.json.gz", [tweet, held])
    _write(folder / "v3_20200302" / "dev.json.gz", [held])
    _write(folder / "v3_20200302" / "test.json.gz", [])
    return folder


def _reference():
    """GermEval-convention sentences: 'Polizei' is O twice, 'EU' is ORG twice."""
    s = [TaggedSentence(["Die", "Polizei", "kam", "."], ["O", "O", "O", "O"]),
         TaggedSentence(["Polizei", "und", "EU", "reden", "."], ["O", "O", "B-ORG", "O", "O"]),
         TaggedSentence(["Die", "EU", "tagt", "."], ["O", "B-ORG", "O", "O"])]
    return s


def _spans(sent):
    return [(" ".join(sent.words[a:b]), lab) for a, b, lab in bio_to_spans(sent.tags)]


def test_reader_splits_tokenizes_and_maps_to_germeval_labels(smartdata):
    sents = read_smartdata(smartdata, reference=_reference())
    first = next(s for s in sents if s.words[:2] == ["Die", "Polizei"])
    # generic institution -> O (reference votes), city -> LOC, date -> O, person -> PER
    assert _spans(first) == [("Berlin", "LOC"), ("Angela Merkel", "PER")]
    assert first.words[-1] == "." and first.kind == "news"
    second = next(s for s in sents if "Behörden" in s.words)
    # demonym adjective -> O (GermEval: LOCderiv); SmartData LOCATION "EU" -> ORG (votes)
    assert _spans(second) == [("EU", "ORG")]
    assert all(t != MISSING for t in first.tags + second.tags)


def test_reader_marks_roads_routes_and_misaligned_mentions_missing(smartdata):
    sents = read_smartdata(smartdata, reference=_reference())
    road = next(s for s in sents if "A1" in s.words)
    assert road.kind == "rss"
    assert road.tags[road.words.index("A1")] == MISSING
    # the nested city inside the stop is dropped: one LOC span over "Hamburg Hbf"
    assert _spans(road) == [("Bremen", "LOC"), ("Hamburg Hbf", "LOC")]
    route = next(s for s in sents if "IC" in s.words)
    assert [route.tags[route.words.index(w)] for w in ("IC", "2083")] == [MISSING, MISSING]
    assert _spans(route) == [("Berchtesgaden", "LOC")]
    tweet = next(s for s in sents if s.kind == "tweet")
    # "@SPIEGELONLINE" is one token but the mention leaves out "@": unknown, not O
    assert tweet.tags[0] == MISSING
    assert _spans(tweet) == [("Lufthansa", "ORG"), ("Verdi", "ORG")]


def test_reader_keeps_held_out_and_duplicate_documents_out(smartdata):
    sents = read_smartdata(smartdata)
    texts = [" ".join(s.words) for s in sents]
    assert not any("Testmenge" in t for t in texts)                 # v3 dev document
    assert sum("Angela Merkel" in t for t in texts) == 1             # duplicate id read once
    assert "Mehr dazu später hier im Text ." in texts               # second line: own sentence
    assert {s.kind for s in sents} == {"news", "rss", "tweet"}


def test_missing_tokens_become_spacy_missing_annotation(smartdata):
    import spacy
    nlp = spacy.blank("de")
    road = next(s for s in read_smartdata(smartdata) if "A1" in s.words)
    ex = _example(nlp, road)
    iob = {t.text: t.ent_iob_ for t in ex.reference}
    assert iob["A1"] == "" and iob["Bremen"] == "B" and iob["Verkehr"] == "O"


def test_label_rules_without_votes():
    assert smartdata_label(["Schweizer"], "location", {}) == "LOC"   # no votes: kept
    assert smartdata_label(["beiden", "Richtungen"], "location", {}) == "O"
    assert smartdata_label(["US-amerikanische"], "location", {}) == "O"
    assert smartdata_label(["B", "27"], "location-street", {}) is None
    assert smartdata_label(["Stresemannstraße"], "location-street", {}) == "LOC"
    assert smartdata_label(["dpa"], "organization-company", {}) == "ORG"   # lower-case name
    assert smartdata_label(["die", "Marke"], "organization", {}) == "O"     # description
    assert smartdata_label(["CEO"], "org-position", {}) == "O"
    assert smartdata_label(["Polizei"], "organization", {}) == "O"         # role noun (lexicon)
    assert smartdata_label(["Lufthansa"], "organization-company", {}) == "ORG"
    votes = smartdata_votes([TaggedSentence(["Essen", "ist", "fertig", "."], ["O"] * 4),
                             TaggedSentence(["Essen", "und", "Trinken"], ["O"] * 3),
                             TaggedSentence(["Kölner", "Dom"], ["O", "O"]),
                             TaggedSentence(["Kölner", "Bürger"], ["O", "O"])])
    assert smartdata_label(["Essen"], "location-city", votes) == "LOC"   # city names stay
    assert smartdata_label(["Kölner"], "location-city", votes) == "O"    # demonym
    assert smartdata_label(["Essen"], "organization", votes) == "O"


def test_unreadable_file_names_it(tmp_path):
    bad = tmp_path / "smartdata" / "v1_20180119" / "train.json.gz"
    bad.parent.mkdir(parents=True)
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "x", "text": ')
    (tmp_path / "smartdata" / "v1_20180119" / "test.json.gz").write_bytes(
        gzip.compress(b""))
    (tmp_path / "smartdata" / "v3_20200302").mkdir()
    for name in ("dev", "test"):
        (tmp_path / "smartdata" / "v3_20200302" / f"{name}.json.gz").write_bytes(gzip.compress(b""))
    with pytest.raises(DataError, match=r"train\.json\.gz:1"):
        read_smartdata(tmp_path / "smartdata")


def test_missing_held_out_file_is_refused_not_trained_on(tmp_path):
    folder = tmp_path / "smartdata" / "v1_20180119"
    folder.mkdir(parents=True)
    for name in ("train", "test"):
        (folder / f"{name}.json.gz").write_bytes(gzip.compress(b""))
    with pytest.raises(DataError, match=r"held-out file missing"):
        read_smartdata(tmp_path / "smartdata")


def test_absent_folder_is_skipped_with_a_message(tmp_path):
    said = []
    assert load_smartdata(tmp_path, 0.5, [], said.append) == []
    assert said and "SmartData left out" in said[0] and "smartdata" in said[0]
    assert load_smartdata(tmp_path, 0.0, [], said.append) == [] and len(said) == 1


def test_draw_share_copies_and_samples():
    rng = random.Random(0)
    items = list(range(10))
    assert len(draw_share(items, 0.5, rng)) == 5
    got = draw_share(items, 1.5, rng)
    assert len(got) == 15 and sorted(set(got)) == items
    assert draw_share(items, 0.0, rng) == []


SHARED = default_data_dir() / "smartdata"


@pytest.mark.skipif(not (SHARED / "v1_20180119" / "train.json.gz").is_file(),
                    reason=f"{SHARED} not present (../shared/data/smartdata)")
def test_real_corpus_training_part():
    ge = default_data_dir() / "germeval2014" / "NER-de-dev.tsv"
    ref = split_germeval(read_germeval(ge), TrainSettings())[0] if ge.is_file() else []
    sents = read_smartdata(SHARED, reference=ref)
    kinds = {k: sum(s.kind == k for s in sents) for k in ("news", "rss", "tweet")}
    assert kinds["news"] > 5000 and kinds["rss"] > 1000 and kinds["tweet"] > 1000
    spans = [(" ".join(s.words[a:b]), lab) for s in sents for a, b, lab in bio_to_spans(s.tags)]
    assert len(spans) > 8000
    assert {lab for _, lab in spans} == {"PER", "LOC", "ORG"}
    assert not [t for t, lab in spans if lab == "LOC" and t[:1].islower()]   # no demonyms
    assert ("Angela Merkel", "PER") in spans and ("Lufthansa", "ORG") in spans
    # v3 dev/test documents are held out
    from lagebild.ner import _read_json_stream
    held = {d["id"] for f in ("dev", "test")
            for d in _read_json_stream(SHARED / "v3_20200302" / f"{f}.json.gz")}
    used = {s.source.rsplit("#", 1)[1] for s in sents}
    assert len(held) > 400 and len(used) > 1500 and not held & used


def test_crossing_mentions_leave_both_spans_unknown(tmp_path):
    text = "Der Zug hält in Hamburg Hbf Nord heute nicht."
    doc = _doc("x-1", text, [("Hamburg Hbf", "location-stop"), ("Hbf Nord", "location-stop")])
    folder = tmp_path / "smartdata"
    _write(folder / "v1_20180119" / "train.json.gz", [doc])
    _write(folder / "v1_20180119" / "test.json.gz", [])
    _write(folder / "v3_20200302" / "dev.json.gz", [])
    _write(folder / "v3_20200302" / "test.json.gz", [])
    (sent,) = read_smartdata(folder)
    # neither "Hamburg Hbf" nor a cut-off "Hamburg" may be taught as a complete LOC
    assert [sent.tags[sent.words.index(w)] for w in ("Hamburg", "Hbf", "Nord")] == [MISSING] * 3
    assert _spans(sent) == []
