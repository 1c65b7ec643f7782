"""The annotated corpora: anchoring annotators' surfaces, the stand-off format and its validator."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from lagebild.corpus import (CorpusDoc, anchor, anchor_timexes, check, load, parse_markup, text_hash,
                             to_markup, valid_codes, write_jsonl)

TEXT = ("Kiew – Russland hat die Ukraine angegriffen. Die EU kritisierte Russland scharf. "
        "Die EU will am Freitag beraten, teilte ein Sprecher mit.")


def _raw(**ev):
    base = {"type": "ACCUSE", "mode": "disapprove", "factuality": "asserted", "cue": "kritisierte",
            "source": [{"text": "EU", "code": "EU", "sector": None}],
            "target": [{"text": "Russland", "code": "RUS", "sector": None}]}
    base.update(ev)
    return {"doc_id": "w-1", "events": [base]}


def test_anchor_finds_cue_and_nearest_participants():
    events, problems = anchor(TEXT, _raw(), valid_codes())
    assert problems == []
    ev = events[0]
    assert TEXT[ev.cue.start:ev.cue.end] == "kritisierte"
    # "Russland" occurs twice: the mention nearest the cue is taken
    tgt = ev.target[0].span
    assert TEXT[tgt.start:tgt.end] == "Russland" and tgt.start > ev.cue.start
    assert TEXT[ev.source[0].span.start:ev.source[0].span.end] == "EU"


def test_anchor_reports_ambiguous_cue_and_missing_surface():
    _, problems = anchor(TEXT, _raw(cue="Die EU"), valid_codes())
    assert any("occurs 2 times" in p for p in problems)
    events, problems = anchor(TEXT, _raw(cue="Die EU", cue_context="Die EU will"), valid_codes())
    assert problems == [] and events[0].cue.start == TEXT.index("Die EU will")
    _, problems = anchor(TEXT, _raw(source=[{"text": "Nato", "code": "NATO"}]), valid_codes())
    assert any("'Nato' is not in the text" in p for p in problems)


def test_anchor_checks_labels_and_inferred_participants():
    _, problems = anchor(TEXT, _raw(type="ATTACK", mode="x", factuality="fact"), valid_codes())
    text = "\n".join(problems)
    assert "unknown type 'ATTACK'" in text and "factuality 'fact'" in text
    _, problems = anchor(TEXT, _raw(target=[{"text": None, "code": "UKR"}]), valid_codes())
    assert any("needs 'inferred'" in p for p in problems)
    events, problems = anchor(TEXT, _raw(target=[{"text": None, "code": "UKR", "inferred": "context"}]),
                              valid_codes())
    assert problems == [] and events[0].target[0].span is None and events[0].target[0].inferred == "context"
    _, problems = anchor(TEXT, _raw(source=[{"text": "EU", "code": "XYZ", "sector": "FOO"}]), valid_codes())
    assert any("'XYZ'" in p for p in problems) and any("'FOO'" in p for p in problems)


def _written_corpus(tmp_path: Path, split: str = "train", text: str = TEXT) -> Path:
    events, problems = anchor(text, _raw(), valid_codes())
    assert not problems
    doc = CorpusDoc(doc_id="w-1", dataset="lagebild-written", split=split, text_sha1=text_hash(text),
                    events=events, written=True, text=text, annotators=["T"])
    write_jsonl([doc], tmp_path / "written.jsonl")
    return tmp_path


def test_check_accepts_a_valid_corpus_and_loads_it(tmp_path, monkeypatch):
    monkeypatch.setattr("lagebild.corpus.gnad_texts", lambda path=None: {})
    corpus = _written_corpus(tmp_path)
    assert check(corpus) == []
    docs = load(corpus)
    assert len(docs) == 1 and docs[0].text == TEXT
    gold = docs[0].as_gold()
    assert gold["events"][0]["source"][0]["code"] == "EU" and gold["events"][0]["cue"] == "kritisierte"


def test_check_reports_spans_that_do_not_match_and_written_text_outside_train(tmp_path, monkeypatch):
    monkeypatch.setattr("lagebild.corpus.gnad_texts", lambda path=None: {})
    corpus = _written_corpus(tmp_path, split="test")
    line = json.loads((corpus / "written.jsonl").read_text())
    line["events"][0]["cue"]["start"] += 1
    (corpus / "written.jsonl").write_text(json.dumps(line) + "\n")
    problems = check(corpus)
    assert any("may only be in train" in p for p in problems)
    assert any("cue span" in p and "reads" in p for p in problems)


def test_check_holds_every_news_article_to_its_frozen_split(tmp_path, monkeypatch):
    """A record whose split differs from data/events/articles.tsv (a test article moved into
    train, an extension article marked dev) or that articles.tsv does not list is refused."""
    monkeypatch.setattr("lagebild.corpus.gnad_texts", lambda path=None: {"gnad-1": ("Inland", TEXT),
                                                                          "gnad-2": ("Inland", TEXT)})
    events, _ = anchor(TEXT, _raw(), valid_codes())
    docs = [CorpusDoc(doc_id=i, dataset="10kgnad", split=sp, text_sha1=text_hash(TEXT), events=events,
                      annotators=["T"]) for i, sp in (("gnad-1", "train"), ("gnad-2", "dev"))]
    write_jsonl(docs, tmp_path / "corpus.jsonl")
    (tmp_path / "articles.tsv").write_text("# frozen\ndoc_id\tcategory\tsplit\ngnad-1\tInland\ttest\n")
    problems = check(tmp_path)
    assert any("gnad-1" in p and "freezes it as 'test'" in p for p in problems)
    assert any("gnad-2" in p and "not in articles.tsv" in p for p in problems)
    (tmp_path / "articles.tsv").write_text("# frozen\ndoc_id\tcategory\tsplit\ngnad-1\tInland\ttrain\n"
                                           "gnad-2\tInland\tdev\n")
    assert check(tmp_path) == []


def test_timex_anchoring_follows_text_order():
    raw = {"doc_id": "w", "dct": "2016-03-16",
           "timexes": [{"text": "Freitag", "type": "DATE", "value": "2016-03-18"}]}
    out, problems = anchor_timexes(TEXT, raw)
    assert problems == [] and TEXT[out[0]["start"]:out[0]["end"]] == "Freitag"
    _, problems = anchor_timexes(TEXT, {"doc_id": "w", "timexes": [{"text": "Montag", "type": "DAY"}]})
    assert any("not found" in p for p in problems) and any("dct" in p for p in problems)


def test_ner_markup_round_trip():
    text = "Angela Merkel traf den französischen Präsidenten in Paris."
    ents = [(0, 13, "PER"), (23, 36, "LOCderiv"), (52, 57, "LOC")]
    marked = to_markup(text, ents)
    assert marked == "[[Angela Merkel|PER]] traf den [[französischen|LOCderiv]] Präsidenten in [[Paris|LOC]]."
    assert parse_markup(marked) == (text, ents)


@pytest.mark.needs_shared
def test_repository_corpus_is_valid(shared):
    """`lagebild corpus check` as a test: every span, code, type and mode of data/events."""
    from lagebild.corpus import corpus_dir
    CORPUS_DIR = corpus_dir()
    assert CORPUS_DIR == ROOT / "data" / "events"
    if not (shared / "data" / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the corpus texts live there")
    assert check(CORPUS_DIR) == []
    docs = load(CORPUS_DIR, with_text=False)
    assert len({d.doc_id for d in docs}) == len(docs)


@pytest.mark.needs_shared
def test_repository_ner_sentences_are_valid(shared):
    from lagebild.corpus import check_ner, data_dir
    NER_DIR = data_dir() / "ner"
    if not (shared / "data" / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the sentence texts live there")
    assert check_ner(NER_DIR / "news.jsonl") == []
    assert check_ner(NER_DIR / "check" / "news_blind.jsonl") == []
    # the check sentences are never among those trained on
    key = lambda line: tuple(json.loads(line)[k] for k in ("doc_id", "start"))  # noqa: E731
    trained = {key(x) for x in (NER_DIR / "news.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()}
    check = [key(x) for x in (NER_DIR / "check" / "news_blind.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(check) == 299 and not trained & set(check)


@pytest.mark.needs_shared
def test_repository_timex_set_is_valid(shared):
    from lagebild.corpus import load_timex_corpus
    if not (shared / "data" / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the article texts live there")
    docs = load_timex_corpus()
    assert len(docs) == 40
    for d in docs:
        for t in d["timexes"]:
            assert d["text"][t["start"]:t["end"]] == t["text"]


def test_a_participant_is_anchored_at_a_word_in_the_cues_sentence():
    from lagebild.corpus import Span, anchor, misplaced
    text = ("Seehofer sprach am Samstag. Erneut kritisierte er die Entscheidung. "
            "Er sagte später, er bleibe dabei.")
    raw = {"doc_id": "x", "events": [{"type": "ACCUSE", "factuality": "asserted", "cue": "kritisierte",
                                      "source": [{"code": "DEU", "sector": "GOV", "text": "er"}]}]}
    events, problems = anchor(text, raw)
    assert problems == []
    sp = events[0].source[0].span
    assert text[sp.start - 12:sp.end] == "kritisierte er"      # not the "er" inside "kritisierte"
    assert misplaced(text, Span(text.index("kritisierte") + 7, text.index("kritisierte") + 9, "er"))
    assert not misplaced(text, sp)
    # a whole word of the sentence before a word that merely starts with it ("Erneut")
    text2 = "Seehofer war am Montag in Berlin. Er sagte: Erneut kritisiere ich die Kanzlerin."
    raw2 = {"doc_id": "y", "events": [{"type": "ACCUSE", "factuality": "asserted", "cue": "kritisiere",
                                       "source": [{"code": "DEU", "sector": "GOV", "text": "Er"}]}]}
    (ev2,), _ = anchor(text2, raw2)
    assert ev2.source[0].span.start == text2.index("Er sagte")
    # a surface that never stands alone may stay inside a word ("Sobotka" of "Sobotkas")
    assert not misplaced("Die Absichten Sobotkas", Span(14, 21, "Sobotka"))


@pytest.mark.needs_shared
def test_corpus_show_gives_the_split_and_the_events_but_not_those_of_test(shared):
    from click.testing import CliRunner
    from lagebild.cli import main
    if not (shared / "data" / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the article texts live there")
    dev = next(d for d in load(split="dev", include_written=False) if d.events)
    r = CliRunner().invoke(main, ["corpus", "show", dev.doc_id, "--events"])
    assert r.exit_code == 0 and f"dev split of the event corpus, {len(dev.events)} events" in r.output
    assert r.output.count(" -> ") == len(dev.events)
    test = next(d for d in load(split="test", include_written=False))
    r = CliRunner().invoke(main, ["corpus", "show", test.doc_id, "--events"])
    assert "held out for scoring and not shown" in r.output and " -> " not in r.output.split("# events")[-1]
    # without the event corpus (another data folder), the text is still shown, and why not its events
    empty = shared.parent / "no-such-data-folder"
    r = CliRunner().invoke(main, ["corpus", "show", dev.doc_id, "--events"], env={"LAGEBILD_DATA": str(empty)})
    assert r.exit_code == 0 and "the event corpus could not be read" in r.output and " -> " not in r.output


def test_corpus_lint_says_what_to_do_with_an_unknown_id_and_a_file_that_is_no_object(tmp_path, monkeypatch):
    """`corpus lint` said only "unknown doc_id 'lint'" for a file without a doc_id whose name is no
    article id, and a file holding a JSON list was a traceback (AttributeError; a new-user probe)."""
    from click.testing import CliRunner

    from lagebild.cli import main
    monkeypatch.setattr("lagebild.corpus.gnad_texts", lambda path=None: {"gnad-1": ("Inland", "Text.")})
    (tmp_path / "mine.json").write_text('{"events": []}', encoding="utf-8")
    r = CliRunner().invoke(main, ["corpus", "lint", str(tmp_path / "mine.json")])
    assert r.exit_code == 1, r.output
    out = " ".join(r.output.split())
    assert f"{tmp_path / 'mine.json'}: unknown doc_id 'mine', from the file name" in out
    assert 'as "doc_id" or name the file after it (gnad-0123.json)' in out
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    r = CliRunner().invoke(main, ["corpus", "lint", str(tmp_path / "list.json")])
    assert r.exit_code == 1 and not isinstance(r.exception, AttributeError), r.exception
    assert "expected one JSON object, found list" in r.output and "docs/annotation.md" in r.output
