"""Quality gates: the shipped analyzer against annotated text, with floors pinned in data
(``data/events/quality_floors.json``); lowering a floor is a reviewed change of that file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "data" / "events" / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def default_analyzer():
    from eventcheck import shared_analyzer
    return shared_analyzer()


@pytest.mark.needs_shared
def test_seed_article_meets_its_floor(shared, default_analyzer):
    from lagebild.evaluate.events import score_pairs
    from lagebild.readers import article_from_text
    gold = json.loads((shared / "gold" / "seed.json").read_text(encoding="utf-8"))
    art = article_from_text((shared / "gold" / "seed.txt").read_text(encoding="utf-8"), doc_id="seed")
    s = score_pairs([(gold, default_analyzer(art).to_dict())]).as_dict()
    assert s["f1"] >= FLOORS["seed"]["f1"], s
    assert s["false_facts"] <= FLOORS["seed"]["false_facts"], s


@pytest.mark.needs_shared
def test_corpus_dev_split_meets_its_floor(shared, default_analyzer):
    from lagebild.corpus import load
    from lagebild.evaluate.events import score_pairs
    from lagebild.records import Article
    if not (shared / "data" / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the corpus texts live there")
    docs = load(split="dev", include_written=False)
    pairs = [(d.as_gold(), default_analyzer(Article(doc_id=d.doc_id, text=d.text, dct=d.dct)).to_dict())
             for d in docs]
    s = score_pairs(pairs).as_dict()
    assert s["f1"] >= FLOORS["corpus_dev"]["f1"], s
    assert s["false_facts"] <= FLOORS["corpus_dev"]["false_facts"], s
