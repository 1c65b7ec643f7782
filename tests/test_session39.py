"""Session 39: the training's weight of written items on the command line."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from test_learned import _train_tiny, few_gold_files  # noqa: F401  (the fixture)


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


def test_the_model_records_the_written_weight_it_was_trained_with(tmp_path_factory, few_gold_files):
    import json

    import pytest
    pytest.importorskip("sklearn")
    model, out = _train_tiny(tmp_path_factory, few_gold_files, written_weight=0.5)
    meta = json.loads((Path(out) / "meta.json").read_text())
    assert meta["trained_on"]["written_weight"] == 0.5 == model.meta["trained_on"]["written_weight"]
