"""Session 39: the training's weight of written items on the command line; corpus annotations out for
review and back in (`corpus raw`, `corpus update`)."""
from __future__ import annotations

from click.testing import CliRunner


def test_train_events_passes_the_written_weight_and_says_what_it_is(monkeypatch, tmp_path):
    """`lagebild train events --written-weight 0.5` trains with written items at half a news article's
    weight; without the option the training's own default is kept; 0 and values above 1 are refused."""
    import lagebild.learned.train as train_mod
    from lagebild.cli import main
    calls: list[dict] = []
    monkeypatch.setattr(train_mod, "train", lambda corpus, out, **kw: calls.append(kw))
    runner = CliRunner()
    ok = runner.invoke(main, ["train", "events", "--out", str(tmp_path / "m"), "--written-weight", "0.5"])
    assert ok.exit_code == 0, ok.output
    assert calls[-1]["written_weight"] == 0.5
    ok = runner.invoke(main, ["train", "events", "--out", str(tmp_path / "m")])
    assert ok.exit_code == 0, ok.output
    assert "written_weight" not in calls[-1]                   # the training's default (WRITTEN_WEIGHT)
    for bad in ("0", "1.5"):
        res = runner.invoke(main, ["train", "events", "--out", str(tmp_path / "m"), "--written-weight", bad])
        assert res.exit_code == 2 and "--written-weight" in res.output
    assert len(calls) == 2
    helptext = runner.invoke(main, ["train", "events", "--help"]).output
    assert "--written-weight" in helptext and "news article" in helptext


# -- reviewing and completing corpus annotations: `corpus raw` out, `corpus update` back in -------------
def _needs_texts():
    import pytest

    from lagebild.corpus import gnad_texts
    if not gnad_texts():
        pytest.skip("../shared/data/10kgnad not present: the corpus texts live there")


def test_raw_files_anchor_back_into_the_same_records(tmp_path):
    """Every train and dev news record written as an annotator's file anchors back into the same events,
    spans included (a recurring cue gets a cue_context; participants not in the text keep 'inferred')."""
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
    res = runner.invoke(main, ["corpus", "raw", str(review), "gnad-0264", "gnad-0037"])
    assert res.exit_code == 0 and "2 annotators' files" in res.output
    # unchanged files: the same records, the reviewer added to the annotators
    res = runner.invoke(main, ["corpus", "update", str(review), "--annotator", "rev-1", "--dir", str(corpus)])
    assert res.exit_code == 0, res.output
    old = {d.doc_id: d for d in load(corpus_dir())}
    new = {d.doc_id: d for d in load(corpus)}
    assert old.keys() == new.keys()
    for i in old:
        if i in ("gnad-0264", "gnad-0037"):
            assert new[i].annotators == old[i].annotators + ["rev-1"]
            assert [e.as_dict() for e in new[i].events] == [e.as_dict() for e in old[i].events]
        else:
            assert new[i].as_dict() == old[i].as_dict()
    # an added event lands; the other article stays
    raw = json.loads((review / "gnad-0037.json").read_text(encoding="utf-8"))
    n = len(raw["events"])
    raw["events"].append({"type": "ACCUSE", "mode": "disapprove", "factuality": "asserted", "cue": raw["events"][0]["cue"],
                          **({"cue_context": raw["events"][0]["cue_context"]} if "cue_context" in raw["events"][0] else {}),
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


def test_a_written_item_goes_out_and_back_as_a_written_item():
    """A text written for the project keeps its text and its train split through `corpus raw` and back."""
    from lagebild.corpus import CorpusDoc, anchor, doc_from_raw, text_hash, valid_codes
    text = "Wien – Österreich kritisierte Ungarn. Ungarn wies die Kritik zurück, sagte Orbán."
    raw = {"doc_id": "w-9", "events": [
        {"type": "ACCUSE", "factuality": "asserted", "cue": "kritisierte",
         "source": [{"text": "Österreich", "code": "AUT"}], "target": [{"text": "Ungarn", "code": "HUN"}]},
        {"type": "REJECT", "factuality": "asserted", "cue": "wies",
         "source": [{"text": "Orbán", "code": "HUN"}], "target": [{"text": None, "code": "AUT", "inferred": "context"}]}]}
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
