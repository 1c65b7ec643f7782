"""The pair model (lagebild/learned/pairs.py): units, their labels, and what the judge reads of it."""
from __future__ import annotations

import numpy as np
import pytest

from lagebild.learned.linear import LinearModel


def _ctx(text: str):
    from lagebild.learned.features import DocContext
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(coder="rules", use_models=False)
    st = an.stages(Article(doc_id="p", text=text))
    return DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events), st


def test_units_are_ordered_code_pairs_of_a_sentence_with_what_stands_between_them():
    from lagebild.learned.pairs import units
    ctx, st = _ctx("Russland griff am Montag die Ukraine an. Frankreich kritisierte Russland scharf.")
    us = {u.key: u for u in units(ctx, st.rule_events)}
    # both directions and each side alone; never an actor with itself
    assert {(0, "RUS", "UKR"), (0, "UKR", "RUS"), (0, "RUS", "-"), (0, "-", "UKR")} <= set(us)
    assert not any(k[1] == k[2] for k in us)
    f = us[(0, "RUS", "UKR")].features
    assert "order=SG" in f and "B=greifen" in f and "BSG=greifen" in f and "Bcomma" not in f
    assert "order=GS" in us[(0, "UKR", "RUS")].features
    assert "G=none" in us[(0, "RUS", "-")].features
    # the rule coder's event between the two is a feature of that pair only
    assert "rule=ASSAULT" in f and "rule=ASSAULT" not in us[(0, "UKR", "RUS")].features
    # the second sentence also sees the mentions of the one before it (a subject carried over)
    assert (1, "FRA", "RUS") in us and us[(1, "FRA", "RUS")].src_m.sent == 1


def test_labels_come_from_gold_events_whose_cue_stands_in_the_sentence():
    from lagebild.corpus import GoldEvent, Participant, Span
    from lagebild.learned.pairs import NONE, labels, rows, units
    text = "Russland griff am Montag die Ukraine an. Frankreich kritisierte Russland scharf."
    ctx, st = _ctx(text)

    def ev(typ, cue, src, tgt, optional=False):
        k = text.index(cue)
        return GoldEvent(type=typ, factuality="asserted", cue=Span(k, k + len(cue), cue),
                         source=[Participant(src, "GOV", None)], target=[Participant(tgt, "GOV", None)],
                         optional=optional)

    gold = [ev("ASSAULT", "griff", "RUS", "UKR"), ev("ACCUSE", "kritisierte", "FRA", "RUS|UKR", optional=True)]
    lab, opt = labels(gold, ctx)
    assert lab == {(0, "RUS", "UKR"): {"ASSAULT"}}
    assert opt == {(1, "FRA", "RUS"), (1, "FRA", "UKR")}          # only optional: left out of training
    r = rows(ctx, st.rule_events, gold)
    assert sum(1 for _, y in r if y == "ASSAULT") == 1 and any(y == NONE for _, y in r)
    assert len(r) == len([u for u in units(ctx, st.rule_events) if u.key not in opt])


def test_a_dyad_takes_the_largest_probability_of_its_units_and_the_judge_reads_it():
    from lagebild.learned.judge import Candidate, dyad_features, group, pbin
    from lagebild.learned.pairs import dyad_probs
    from lagebild.records import Participant
    ctx, st = _ctx("Russland griff die Ukraine an. Russland beschoss die Ukraine erneut.")
    # a model that likes "rule=ASSAULT" for ASSAULT and nothing else
    m = LinearModel(classes=["ASSAULT", "O"], features={"rule=ASSAULT": 0},
                    weights=np.array([[4.0, 0.0]], dtype=np.float32), bias=np.array([0.0, 1.0], np.float32))
    probs = dyad_probs(m, ctx, st.rule_events, {})
    p, unit = probs[("ASSAULT", "RUS", "UKR")]
    assert p == pytest.approx(1 / (1 + np.exp(-3)), rel=1e-3) and unit.src == "RUS"
    # scored in parts (the sentence's features once per sentence), the same as whole
    # a sentence feature only the second sentence has ("erneut"), so a wrong sentence lookup shows
    m2 = LinearModel(classes=["ASSAULT", "O"], features={"rule=ASSAULT": 0, "L=erneut": 1, "S=none": 2},
                     weights=np.array([[4.0, 0.0], [1.5, -0.5], [-2.0, 0.3]], dtype=np.float32),
                     bias=np.array([0.0, 1.0], np.float32))
    from lagebild.learned.pairs import units
    us = units(ctx, st.rule_events)
    assert any("L=erneut" in u.features[:u.n_sent] for u in us) and any("L=erneut" not in u.features for u in us)
    whole = m2.proba_many([u.features for u in us])
    shared = m2.sums_many([u.features[:u.n_sent] for u in us])
    own = m2.sums_many([u.features[u.n_sent:] for u in us])
    assert np.allclose(m2.softmax(shared + own), whole, atol=1e-6)
    parts = dyad_probs(m2, ctx, st.rule_events, {})
    for u, pw in zip(us, whole[:, 0]):
        assert parts[("ASSAULT", u.src, u.tgt)][0] >= pw - 1e-6
    best = {}
    for u, pw in zip(us, whole[:, 0]):
        best[(u.src, u.tgt)] = max(best.get((u.src, u.tgt), 0.0), float(pw))
    assert all(parts[("ASSAULT", s, t)][0] == pytest.approx(p, abs=1e-6) for (s, t), p in best.items())
    assert probs[("ASSAULT", "UKR", "RUS")][0] < 0.5
    part = Participant(actor=None, text="x", code="RUS"), Participant(actor=None, text="y", code="UKR")
    (d,) = group([Candidate("ASSAULT", part[0], part[1], 0.5, 0.5, 0.5, 1, 1, sent=0)])
    f = dyad_features(d, [d], {}, pair=probs)
    assert f"pair={pbin(p)}" in f and f"Tpair=ASSAULT|{pbin(p)}" in f
    # a dyad the pair model has no unit for reads "none", not a probability of 0
    (other,) = group([Candidate("ASSAULT", part[0], None, 0.5, 0.5, 0.5, 1, 0, sent=0)])
    assert "pair=none" in dyad_features(other, [other], {}, pair={})
    assert not any(x.startswith("pair") for x in dyad_features(d, [d], {}))   # no pair model: no feature


def _lin(*features):
    return LinearModel(classes=["O", "X"], features={f: i for i, f in enumerate(features)},
                       weights=np.zeros((len(features), 2), np.float32), bias=np.zeros(2, np.float32))


def test_an_event_model_saves_and_loads_its_pair_model(tmp_path):
    from lagebild.learned.coder import EventModel, load_event_model
    lin = _lin("a")
    EventModel(trigger=lin, role=lin, factuality=lin, judge=_lin("tp=0.3"), pair=lin).save(tmp_path)
    back = load_event_model(tmp_path)
    assert back.pair is not None and back.pair.classes == ["O", "X"]
    # a model saved without one over the folder leaves no stale pair.npz behind
    EventModel(trigger=lin, role=lin, factuality=lin, judge=_lin("tp=0.3")).save(tmp_path)
    assert not (tmp_path / "pair.npz").exists() and load_event_model(tmp_path).pair is None


def test_a_judge_that_reads_the_pair_model_never_loads_without_it(tmp_path):
    from lagebild.errors import ModelError
    from lagebild.learned.coder import EventModel, load_event_model
    lin = _lin("a")
    EventModel(trigger=lin, role=lin, factuality=lin, judge=_lin("tp=0.3", "pair=0.5"), pair=lin).save(tmp_path)
    (tmp_path / "pair.npz").unlink()            # a folder copied without it
    with pytest.raises(ModelError, match="pair.npz.*lagebild train events"):
        load_event_model(tmp_path)


def test_planned_cooperation_is_an_agree_for_the_pair_model_as_for_the_scorer():
    from lagebild.corpus import GoldEvent, Participant, Span
    from lagebild.learned.pairs import labels
    text = "Frankreich will am Montag mit Deutschland beraten."
    ctx, _ = _ctx(text)
    k = text.index("beraten")
    ev = GoldEvent(type="CONSULT", factuality="planned", cue=Span(k, k + 7, "beraten"),
                   source=[Participant("FRA", "GOV", None)], target=[Participant("DEU", "GOV", None)])
    assert labels([ev], ctx)[0] == {(0, "FRA", "DEU"): {"CONSULT", "AGREE"}}
    ev.factuality = "asserted"
    assert labels([ev], ctx)[0] == {(0, "FRA", "DEU"): {"CONSULT"}}


def test_a_sentence_without_a_coded_actor_has_no_units():
    from lagebild.learned.pairs import dyad_probs, units
    ctx, st = _ctx("Es regnete am Montag den ganzen Tag.")
    assert units(ctx, st.rule_events) == []
    assert dyad_probs(_lin("a"), ctx, st.rule_events, {}) == {}


def test_fold_pair_models_never_train_on_their_own_fold(monkeypatch):
    import lagebild.learned.train as T
    seen = []
    monkeypatch.setattr(T, "fit", lambda rows, C, weights=None: seen.append(sorted({r[0][0] for r in rows})) or C)
    per_article = [([], [], [], None, [([f"doc{i}"], "O")]) for i in range(10)]
    out = T.fold_pair_models(per_article, [1.0] * 10, folds=5)
    assert len(out) == 5
    for f, docs in enumerate(seen):
        assert docs == sorted(f"doc{i}" for i in range(10) if i % 5 != f)
