"""Session 39: the training's weight of written items on the command line; corpus annotations out for
review and back in (`corpus raw`, `corpus update`)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner


def test_train_events_passes_the_written_weight_and_says_what_it_is(train_events_cli):
    """`lagebild train events --written-weight 0.5` trains with written items at half a news article's
    weight; without the option the training's own default is kept; 0 and values above 1 are refused."""
    run, calls = train_events_cli, train_events_cli.calls
    ok = run("--written-weight", "0.5")
    assert ok.exit_code == 0, ok.output
    assert calls[-1]["written_weight"] == 0.5
    ok = run()
    assert ok.exit_code == 0, ok.output
    assert "written_weight" not in calls[-1]                   # the training's default (WRITTEN_WEIGHT)
    for bad in ("0", "1.5"):
        res = run("--written-weight", bad)
        assert res.exit_code == 2 and "--written-weight" in res.output
    assert len(calls) == 2
    helptext = run("--help").output
    assert "--written-weight" in helptext and "news article" in helptext


# -- reviewing and completing corpus annotations: `corpus raw` out, `corpus update` back in -------------
def _needs_texts():
    from lagebild.corpus import gnad_texts
    from lagebild.errors import DataError
    try:
        texts = gnad_texts()
    except DataError:
        texts = {}
    if not texts:
        pytest.skip("../shared/data/10kgnad not present: the corpus texts live there")


def test_raw_files_anchor_back_into_the_same_records(tmp_path):
    """Every dev record written as an annotator's file anchors back into the same events and cues (a
    recurring cue gets a cue_context; participants not in the text keep 'inferred'); a participant's words
    may anchor at an occurrence nearer the cue (`corpus update` keeps the old offsets, next test)."""
    _needs_texts()
    from lagebild.corpus import anchor, load, valid_codes
    docs = load(split="dev", include_written=False)
    assert docs
    moved = 0
    for d in docs:
        raw = d.as_raw()
        assert raw["text"] == d.text and raw["doc_id"] == d.doc_id
        events, problems = anchor(d.text, raw, valid_codes())
        assert problems == [] and len(events) == len(d.events)
        for old, new in zip(d.events, events):
            assert old.cue == new.cue and old.type == new.type and old.factuality == new.factuality
            moved += old.as_dict() != new.as_dict()      # a participant's words met again nearer the cue
    assert moved <= len(docs)


def test_corpus_update_replaces_reviewed_articles_and_keeps_the_rest(tmp_path):
    _needs_texts()
    import json
    import shutil

    from lagebild.cli import main
    from lagebild.corpus import corpus_dir, load
    corpus = tmp_path / "events"
    shutil.copytree(corpus_dir(), corpus, ignore=shutil.ignore_patterns("probes", "blind", "unused", "agreement"))
    before = (corpus / "corpus.jsonl").read_text(encoding="utf-8")
    runner = CliRunner()
    review = tmp_path / "review"
    res = runner.invoke(main, ["corpus", "raw", str(review), "gnad-0264", "gnad-0037", "W1-008"])
    assert res.exit_code == 0 and "3 annotators' files" in res.output
    res = runner.invoke(main, ["corpus", "raw", str(review), "gnad-0264"])       # a reviewer's work is kept
    assert res.exit_code == 1 and "already there" in res.output and "--force" in res.output
    # unchanged files: the same records, the reviewer added to the annotators
    res = runner.invoke(main, ["corpus", "update", str(review), "--annotator", "rev-1", "--dir", str(corpus)])
    assert res.exit_code == 0, res.output
    old = {d.doc_id: d for d in load(corpus_dir())}
    new = {d.doc_id: d for d in load(corpus)}
    assert old.keys() == new.keys()
    for i in old:
        if i in ("gnad-0264", "gnad-0037", "W1-008"):
            assert new[i].annotators == old[i].annotators + ["rev-1"]
            assert [e.as_dict() for e in new[i].events] == [e.as_dict() for e in old[i].events]
        else:
            assert new[i].as_dict() == old[i].as_dict()
    # an added event lands; the other article stays
    raw = json.loads((review / "gnad-0037.json").read_text(encoding="utf-8"))
    n = len(raw["events"])
    first = raw["events"][0]
    raw["events"].append({"type": "ACCUSE", "mode": "disapprove", "factuality": "asserted", "cue": first["cue"],
                          **({"cue_context": first["cue_context"]} if "cue_context" in first else {}),
                          "source": [{"text": None, "code": "DEU", "sector": "JUD", "inferred": "context"}],
                          "target": [], "optional": True})
    (review / "gnad-0037.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    res = runner.invoke(main, ["corpus", "update", str(review), "--annotator", "rev-2", "--dir", str(corpus)])
    assert res.exit_code == 0, res.output
    got = {d.doc_id: d for d in load(corpus)}
    assert len(got["gnad-0037"].events) == n + 1 and got["gnad-0037"].annotators[-1] == "rev-2"
    # a file that does not anchor: refused, nothing changed
    snapshot = (corpus / "corpus.jsonl").read_text(encoding="utf-8")
    raw["events"][-1]["cue"] = "kein solches Wort im Text"
    raw["events"][-1].pop("cue_context", None)
    (review / "gnad-0037.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    res = runner.invoke(main, ["corpus", "update", str(review), "--annotator", "rev-3", "--dir", str(corpus)])
    assert res.exit_code == 1 and "nothing updated" in res.output and "gnad-0037" in res.output
    assert (corpus / "corpus.jsonl").read_text(encoding="utf-8") == snapshot != before
    res = runner.invoke(main, ["corpus", "check", "--dir", str(corpus)])
    assert res.exit_code == 0 and "0 problems" in res.output


def test_corpus_update_is_all_or_nothing(tmp_path):
    """No corpus file is written when one file names no corpus article, names one twice, or would turn a
    news article into a written item (its 10kGNAD text would then be stored in the repository)."""
    _needs_texts()
    import json
    import shutil

    from lagebild.cli import main
    from lagebild.corpus import corpus_dir
    corpus = tmp_path / "events"
    shutil.copytree(corpus_dir(), corpus, ignore=shutil.ignore_patterns("probes", "blind", "unused", "agreement"))
    snapshot = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.jsonl")}
    runner = CliRunner()
    review = tmp_path / "review"
    assert runner.invoke(main, ["corpus", "raw", str(review), "gnad-0264", "W1-008"]).exit_code == 0

    def refused(*extra):
        res = runner.invoke(main, ["corpus", "update", str(review), *extra, "--annotator", "x", "--dir", str(corpus)])
        assert res.exit_code == 1 and "nothing updated" in res.output, res.output
        assert {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.jsonl")} == snapshot
        return res.output
    new = json.loads((review / "W1-008.json").read_text(encoding="utf-8"))
    new["doc_id"] = "W9-999"
    (review / "W9-999.json").write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    assert "W9-999" in refused() and "new file" in refused()
    (review / "W9-999.json").unlink()
    raw = json.loads((review / "gnad-0264.json").read_text(encoding="utf-8"))
    (review / "gnad-0264.json").write_text(json.dumps({**raw, "written": True}, ensure_ascii=False), encoding="utf-8")
    assert "a news article" in refused()
    (review / "gnad-0264.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    twice = tmp_path / "twice"
    twice.mkdir()
    shutil.copy(review / "gnad-0264.json", twice / "gnad-0264.json")
    assert "once" in refused(str(twice))
    res = runner.invoke(main, ["corpus", "update", str(tmp_path / "events" / "probes_none"), "--annotator", "x"])
    assert res.exit_code == 2                                   # no such folder
    empty = tmp_path / "empty"
    empty.mkdir()
    res = runner.invoke(main, ["corpus", "update", str(empty), "--annotator", "x", "--dir", str(corpus)])
    assert res.exit_code == 1 and "no annotators' files" in res.output


@pytest.mark.parametrize("text,start", [
    ("aaa aaa", 4), ("Streik Streik Streik", 7), ("Streik Streik Streik", 14), ("Streik, Streik!", 8),
    ("Die Polizei nahm ihn fest. Die Polizei nahm sie fest.", 0),
    ("Die Polizei nahm ihn fest. Die Polizei nahm sie fest.", 27),
])
def test_a_cue_context_anchors_the_cue_where_it_was(text, start):
    """`corpus raw`'s cue_context anchors the cue back at its own occurrence, not an earlier copy inside
    the passage; where no passage can, it says so rather than moving the cue."""
    from lagebild.corpus import Span, _anchor_cue, unique_context
    word = text[start:].split()[0].strip(",!.")
    span = Span(start, start + len(word), word)
    try:
        ctx = unique_context(text, span)
    except ValueError as exc:
        assert "longer exact text" in str(exc)
        return
    got = _anchor_cue(text, {"cue": word, **({"cue_context": ctx} if ctx != word else {})}, "t")
    assert (got.start, got.end) == (span.start, span.end)


def test_a_written_item_goes_out_and_back_as_a_written_item():
    """A text written for the project keeps its text and its train split through `corpus raw` and back."""
    from lagebild.corpus import CorpusDoc, anchor, doc_from_raw, text_hash, valid_codes
    text = "Wien – Österreich kritisierte Ungarn. Ungarn wies die Kritik zurück, sagte Orbán."
    raw = {"doc_id": "w-9", "events": [
        {"type": "ACCUSE", "factuality": "asserted", "cue": "kritisierte",
         "source": [{"text": "Österreich", "code": "AUT"}], "target": [{"text": "Ungarn", "code": "HUN"}]},
        {"type": "REJECT", "factuality": "asserted", "cue": "wies",
         "source": [{"text": "Orbán", "code": "HUN"}],
         "target": [{"text": None, "code": "AUT", "inferred": "context"}]}]}
    events, problems = anchor(text, raw, valid_codes())
    assert not problems
    doc = CorpusDoc(doc_id="w-9", dataset="lagebild-written", split="train", text_sha1=text_hash(text),
                    events=events, written=True, text=text, annotators=["A"], dct="2016-03-01")
    out = doc.as_raw()
    assert out["written"] is True and out["text"] == text
    assert out["events"][1]["target"] == [{"text": None, "code": "AUT", "sector": None, "inferred": "context"}]
    back, problems = doc_from_raw(out, "w-9", {}, {}, valid_codes(), ["B"])
    assert not problems and back.written and back.split == "train" and back.text == text
    assert [e.as_dict() for e in back.events] == [e.as_dict() for e in doc.events]
