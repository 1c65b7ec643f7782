"""The learned event coder: its model files, decoding, and that it never invents participants."""
from __future__ import annotations

import numpy as np
import pytest

from lagebild.corpus import CorpusDoc, anchor, text_hash, valid_codes, write_jsonl
from lagebild.learned.linear import LinearModel
from lagebild.pipeline import Analyzer
from lagebild.records import Article
from eventcheck import shared_analyzer  # noqa: E402

ITEMS = [
    ("Die EU kritisierte Russland scharf.", "kritisierte", "EU", "EU", "Russland", "RUS", "ACCUSE"),
    ("Frankreich kritisierte die Türkei.", "kritisierte", "Frankreich", "FRA", "Türkei", "TUR", "ACCUSE"),
    ("Deutschland kritisierte China am Montag.", "kritisierte", "Deutschland", "DEU", "China", "CHN", "ACCUSE"),
    ("Die Nato kritisierte Syrien.", "kritisierte", "Nato", "NATO", "Syrien", "SYR", "ACCUSE"),
    ("Italien verurteilte Israel deutlich.", "verurteilte", "Italien", "ITA", "Israel", "ISR", "ACCUSE"),
    ("Russland griff die Ukraine an.", "griff", "Russland", "RUS", "Ukraine", "UKR", "ASSAULT"),
    ("Israel griff den Libanon an.", "griff", "Israel", "ISR", "Libanon", "LBN", "ASSAULT"),
    ("Die Türkei griff Syrien an.", "griff", "Türkei", "TUR", "Syrien", "SYR", "ASSAULT"),
]


def test_linear_model_round_trip(tmp_path):
    m = LinearModel(classes=["O", "X"], features={"a": 0, "b": 1},
                    weights=np.array([[0.0, 2.0], [1.0, 0.0]], dtype=np.float32), bias=np.zeros(2, np.float32))
    m.save(tmp_path / "m.npz")
    back = LinearModel.load(tmp_path / "m.npz")
    p = back.proba(["a", "unknown-feature"])
    assert back.classes == ["O", "X"] and p["X"] == pytest.approx(1 / (1 + np.exp(-2)), rel=1e-3)


def test_corrupt_model_file_gives_a_clear_error(tmp_path):
    from lagebild.errors import ModelError
    (tmp_path / "m.npz").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="lagebild train events"):
        LinearModel.load(tmp_path / "m.npz")


@pytest.fixture(scope="module")
def few_gold_files(tmp_path_factory):
    """A ``shared`` folder for the training fixtures whose gold folder holds the seed article and
    one dev gold file of ../shared/gold (copies), or None without ../shared/gold. Training reports
    the shared gold files beside its choices and checks the seed requirement on them: one dev file
    and the seed go through every step of that as the 12 do, in half the training time (each of
    the three base C predicts every gold file again)."""
    import shutil
    from lagebild.corpus import shared_dir
    gold = shared_dir() / "gold"
    dev = sorted((gold / "dev").glob("*.json"))
    if not dev or not (gold / "seed.json").exists():
        return None
    folder = tmp_path_factory.mktemp("few_gold")
    (folder / "gold" / "dev").mkdir(parents=True)
    for path in (gold / "seed.json", gold / "seed.txt"):
        if path.exists():
            shutil.copy(path, folder / "gold" / path.name)
    for path in (dev[0], dev[0].with_suffix(".txt")):
        if path.exists():
            shutil.copy(path, folder / "gold" / "dev" / path.name)
    return folder


def _tiny_corpus(tmp_path_factory):
    """A corpus of the written ITEMS only (train split)."""
    corpus = tmp_path_factory.mktemp("corpus")
    docs = []
    for n, (text, cue, s, sc, t, tc, typ) in enumerate(ITEMS * 3):
        raw = {"doc_id": f"w-{n}", "events": [{"type": typ, "factuality": "asserted", "cue": cue,
                                                "source": [{"text": s, "code": sc}],
                                                "target": [{"text": t, "code": tc}]}]}
        events, problems = anchor(text, raw, valid_codes())
        assert not problems
        docs.append(CorpusDoc(doc_id=f"w-{n}", dataset="lagebild-written", split="train",
                              text_sha1=text_hash(text), events=events, written=True, text=text))
    write_jsonl(docs, corpus / "written.jsonl")
    return corpus


def _train_tiny(tmp_path_factory, few_gold_files, **kw):
    from lagebild.learned.train import train
    corpus = _tiny_corpus(tmp_path_factory)
    out = tmp_path_factory.mktemp("model")
    with pytest.MonkeyPatch.context() as mp:
        if few_gold_files is not None:
            mp.setenv("LAGEBILD_SHARED", str(few_gold_files))
        model = train(corpus, out, log=lambda m: None, use_models=False, **kw)
    return model, out


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory, few_gold_files):
    pytest.importorskip("sklearn")
    return _train_tiny(tmp_path_factory, few_gold_files)


def test_the_default_floor_may_be_set_by_the_caller(tmp_path_factory, few_gold_files):
    """`train events --min-confidence F` ships the floor F and records the out-of-fold choice beside it
    (session 38's model ships at 0.4, chosen for precision on dev and read sets)."""
    pytest.importorskip("sklearn")
    import json
    model, out = _train_tiny(tmp_path_factory, few_gold_files, min_confidence=0.55, written_weight=0.5)
    meta = json.loads((out / "meta.json").read_text())
    assert model.thresholds.min_confidence == meta["thresholds"]["min_confidence"] == 0.55
    assert "the out-of-fold choice was" in meta["min_confidence_chosen"]
    assert meta["trained_on"]["written_weight"] == 0.5      # `train events --written-weight` (session 39)


@pytest.fixture(scope="module")
def news_model(tmp_path_factory, few_gold_files):
    """A tiny model whose train split holds news articles too (texts joined as the loader joins
    10kGNAD texts), so that training makes its choices out of fold on them."""
    pytest.importorskip("sklearn")
    import lagebild.corpus
    from lagebild.learned.train import train
    corpus = tmp_path_factory.mktemp("news_corpus")
    docs, texts = [], {}
    for n, (text, cue, s, sc, t, tc, typ) in enumerate(ITEMS * 4):
        news = n % 2 == 1
        raw = {"doc_id": f"n-{n}", "events": [{"type": typ, "factuality": "asserted", "cue": cue,
                                                "source": [{"text": s, "code": sc}],
                                                "target": [{"text": t, "code": tc}]}]}
        events, problems = anchor(text, raw, valid_codes())
        assert not problems
        docs.append(CorpusDoc(doc_id=f"n-{n}", dataset="10kgnad" if news else "lagebild-written", split="train",
                              text_sha1=text_hash(text), events=events, written=not news, text=text))
        texts[f"n-{n}"] = (None, text)
    write_jsonl(docs, corpus / "written.jsonl")
    out = tmp_path_factory.mktemp("news_model")
    logs: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lagebild.corpus, "gnad_texts", lambda: texts)
        if few_gold_files is not None:
            mp.setenv("LAGEBILD_SHARED", str(few_gold_files))
        model = train(corpus, out, log=logs.append, use_models=False)
    return model, logs


def test_training_chooses_out_of_fold_on_train_news_and_reports_dev_and_gold_files(tiny_model, news_model):
    """With train news articles, the judge, the calibrations and the default are chosen on them as
    fold models read them; with none (written items only), on dev and the gold files, with a warning."""
    from lagebild.learned.train import FLOORS, GUESSED_PAIR, ONE_SIDED, SELECTION
    model, logs = news_model
    n_news = len(ITEMS) * 2
    assert model.meta["chosen_on"] == f"{n_news} {SELECTION}"
    assert any(f"judge: chosen" in line and SELECTION in line for line in logs)
    assert any("reported:" in line for line in logs) and not any("WARNING: no train news" in line for line in logs)
    assert model.thresholds.min_confidence in FLOORS and model.thresholds.one_sided in ONE_SIDED
    assert model.thresholds.guessed_pair in GUESSED_PAIR          # chosen out of fold, as the one-sided floor
    told = sum("events between two countries, one guessed, need confidence" in line for line in logs)
    assert told and told % (len(GUESSED_PAIR) + 1) == 0         # each option and the choice, per base C
    assert len(model.meta["default_options"]) == 2 * len(FLOORS)
    assert tiny_model[0].meta["chosen_on"] == "dev + gold files"


def _analyzer(model_dir):
    from lagebild.learned import LearnedCoder, load_event_model
    from lagebild.pipeline import Analyzer
    an = Analyzer(use_models=False, coder="rules")
    an.learned = LearnedCoder(load_event_model(model_dir), an.coder.lex)
    an.coder_mode = "learned"
    an.min_confidence = 0.0
    return an


def test_trained_model_codes_an_unseen_sentence(tiny_model):
    from lagebild.records import Article
    _, out = tiny_model
    doc = _analyzer(out)(Article(doc_id="x", text="Spanien kritisierte Polen."))
    dyads = {(e.type, e.source[0].code, e.target[0].code) for e in doc.events if e.source and e.target}
    assert ("ACCUSE", "ESP", "POL") in dyads
    assert all(0.0 <= e.confidence <= 1.0 for e in doc.events)


def test_learned_coder_never_invents_participants(tiny_model):
    from lagebild.records import Article
    _, out = tiny_model
    doc = _analyzer(out)(Article(doc_id="x", text="Man kritisierte das scharf."))
    assert doc.events == []          # a cue, but no actor in the text: no event, no guessed side
    doc = _analyzer(out)(Article(doc_id="y", text="Spanien kritisierte Polen."))
    assert doc.events and all(p.text for e in doc.events for p in e.source + e.target)


def test_learned_events_follow_the_tense_of_their_clause(tiny_model):
    from lagebild.records import Article
    _, out = tiny_model
    an = _analyzer(out)
    past = an(Article(doc_id="p", text="Spanien hat Polen am Montag kritisiert.", dct="2024-03-13"))
    dated = [e.date.value for e in past.events if e.date is not None and not e.date.from_dct]
    assert dated and all(v <= "2024-03-13" for v in dated), [(e.type, e.date) for e in past.events]


def _part(code):
    from lagebild.records import Participant
    return Participant(actor=None, text=code, code=code)


def test_judge_groups_candidates_by_dyad_and_sees_fuller_dyads():
    from lagebild.learned.judge import Candidate, dyad_features, group, pbin
    full = Candidate("ACCUSE", _part("FRA"), _part("TUR"), 0.6, 0.7, 0.8, 1, 1, sent=0, lemma="kritisieren")
    again = Candidate("ACCUSE", _part("FRA"), _part("TUR"), 0.3, 0.5, 0.5, 1, 1, sent=2, lemma="kritisieren")
    half = Candidate("ACCUSE", _part("FRA"), None, 0.6, 0.7, 0.2, 1, 0, sent=0, lemma="kritisieren")
    dyads = group([full, again, half])
    assert sorted(d.key for d in dyads) == [("ACCUSE", "FRA", "-"), ("ACCUSE", "FRA", "TUR")]
    two = next(d for d in dyads if d.key[2] == "TUR")
    assert two.best is full and len(two.support) == 2
    f = dyad_features(two, dyads, {"FRA": 1, "TUR": 2})
    assert "nsent=2" in f and "Srank=1" in f and "Grank=2" in f and f"tp={pbin(0.6)}" in f
    one = next(d for d in dyads if d.key[2] == "-")
    assert "fuller=True" in dyad_features(one, dyads, {})
    assert pbin(0.01) == "0" and pbin(0.3) == "0.3" and pbin(0.95) == "0.9"


def test_judge_prefers_a_learned_trigger_over_a_rule_event_as_the_told_mention():
    from lagebild.learned.judge import Candidate, group
    from lagebild.records import Event
    rule = Candidate("ACCUSE", _part("FRA"), _part("TUR"), 1.0, 1.0, 1.0, 1, 1, sent=0,
                     rule=Event(type="ACCUSE", source=[_part("FRA")], target=[_part("TUR")]))
    learned = Candidate("ACCUSE", _part("FRA"), _part("TUR"), 0.2, 0.5, 0.5, 1, 1, sent=0)
    (d,) = group([rule, learned])
    assert d.best is learned


def test_trained_model_ships_a_dyad_judge(tiny_model):
    model, out = tiny_model
    from lagebild.learned import load_event_model
    back = load_event_model(out)
    assert back.judge is not None and "right" in back.judge.classes
    assert 0.0 < back.thresholds.judge < 1.0
    # the pair model ships beside it, and the judge reads it
    assert back.pair is not None and {"ACCUSE", "ASSAULT"} <= set(back.pair.classes)
    assert any(f.startswith("pair=") for f in back.judge.features)


def test_an_office_and_its_apposition_or_place_are_never_two_sides():
    from lagebild.learned.judge import one_referent
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    st = Analyzer(coder="rules").stages(Article(doc_id="o", text="Der Bürgermeister von Odessa, Gennadi "
                                                "Truchanow, forderte Hilfe von der EU."))
    sts = st.sent_tokens
    by_text = {m.text: m for m in st.actors.mentions}
    office, place, person, eu = (by_text["Bürgermeister"], by_text["Odessa"], by_text["Gennadi Truchanow"],
                                 by_text["EU"])
    assert one_referent(office, place, sts[0]) and one_referent(place, person, sts[0])
    assert not one_referent(office, eu, sts[0]) and not one_referent(person, eu, sts[0])


def test_a_side_in_a_list_of_actors_brings_its_conjuncts_as_candidates():
    """ "die Verhandlungspartner USA, Russland, China und Deutschland mit dem Iran": each member of
    the list is a candidate source of the agreement, not only the mention the role model liked."""
    from lagebild.learned.features import DocContext
    from lagebild.learned.judge import Candidate, conjuncts, derived
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(coder="rules")
    st = an.stages(Article(doc_id="c", text="Die Verhandlungspartner USA, Russland, China und der Kosovo "
                           "haben sich mit dem Iran geeinigt, sagte ein Sprecher in Wien."))
    ctx = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events)
    by_code = {m.code: m for m in st.actors.mentions}
    assert {m.code for m in conjuncts(by_code["RUS"], ctx)} == {"USA", "CHN", "XKX"}
    assert conjuncts(by_code["IRN"], ctx) == []          # "mit dem Iran" is no member of the list
    c = Candidate("AGREE", by_code["USA"].participant(), by_code["IRN"].participant(), 0.8, 0.7, 0.6, 1, 1,
                  sent=0, src_m=by_code["USA"], tgt_m=by_code["IRN"])
    more = derived([c], ctx)
    assert {d.key for d in more} == {("AGREE", x, "IRN") for x in ("RUS", "CHN", "XKX")}
    assert all(d.via == "conj" for d in more)


def test_a_kept_dyad_reports_every_member_of_its_list_and_a_list_with_a_partner_is_one_side():
    """ "Die Verhandlungspartner USA, Russland, China und der Kosovo haben sich mit dem Iran
    geeinigt": the kept dyad USA -> IRN is told with every member as a source (one event, as the
    guide codes a list); members of the list are never each other's other side, since "mit dem
    Iran" names the partner. Without a partner, members of a list meet each other."""
    from lagebild.learned.features import DocContext
    from lagebild.learned.judge import Candidate, Dyad, one_side, sides
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(coder="rules")

    def context(text):
        st = an.stages(Article(doc_id="c", text=text))
        return DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events), \
            {m.code: m for m in st.actors.mentions}

    ctx, by_code = context("Die Verhandlungspartner USA, Russland, China und der Kosovo haben sich mit dem "
                           "Iran geeinigt, sagte ein Sprecher in Wien.")
    c = Candidate("AGREE", by_code["USA"].participant(), by_code["IRN"].participant(), 0.8, 0.7, 0.6, 1, 1,
                  sent=0, src_m=by_code["USA"], tgt_m=by_code["IRN"])
    src, tgt = sides(Dyad(c.key, [c]), ctx, {})
    assert [p.code for p in src] == ["USA", "RUS", "CHN", "XKX"] and [p.code for p in tgt] == ["IRN"]
    assert one_side(by_code["USA"], by_code["RUS"], "AGREE", ctx, {})
    assert not one_side(by_code["USA"], by_code["IRN"], "AGREE", ctx, {})
    # no partner: Russia and Ukraine agree with each other, and the dyad brings no one else
    ctx, by_code = context("Russland und die Ukraine einigten sich auf eine Waffenruhe.")
    assert not one_side(by_code["RUS"], by_code["UKR"], "AGREE", ctx, {})
    assert one_side(by_code["RUS"], by_code["UKR"], "SANCTION", ctx, {})
    c = Candidate("AGREE", by_code["RUS"].participant(), by_code["UKR"].participant(), 0.8, 0.7, 0.6, 1, 1,
                  sent=0, src_m=by_code["RUS"], tgt_m=by_code["UKR"])
    assert [[p.code for p in side] for side in sides(Dyad(c.key, [c]), ctx, {})] == [["RUS"], ["UKR"]]


@pytest.mark.parametrize("text", [
    "Frankreich kritisierte die Türkei, die Deutschland unterstützt.",
    "Die USA verhängten Sanktionen gegen den Iran, die Europäische Union zögert noch.",
    "Deutschland lieferte Waffen an die Ukraine, Russland kritisierte das.",
    "Israel bombardierte Syrien, der Iran verurteilte den Angriff.",
    "Laut Russland, das die Ukraine angriff, sei die Lage ruhig.",
    "Russland oder die Ukraine haben den Angriff begonnen.",
])
def test_actors_of_different_clauses_or_alternatives_are_no_list(text):
    """A relative clause, a second main clause or an alternative is no list of co-participants:
    the judge gets no candidate the text does not give that side."""
    from lagebild.learned.features import DocContext
    from lagebild.learned.judge import conjuncts
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(coder="rules")
    st = an.stages(Article(doc_id="n", text=text))
    ctx = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events)
    assert len([m for m in st.actors.mentions if m.code]) >= 2
    assert {m.text: conjuncts(m, ctx) for m in st.actors.mentions} == {m.text: [] for m in st.actors.mentions}


def test_a_direct_candidate_tells_a_dyad_before_one_derived_from_a_list():
    from lagebild.learned.judge import Candidate, group
    direct = Candidate("AGREE", _part("RUS"), _part("IRN"), 0.3, 0.4, 0.5, 1, 1, sent=0)
    derived = Candidate("AGREE", _part("RUS"), _part("IRN"), 0.9, 0.9, 0.9, 1, 1, sent=0, via="conj")
    (d,) = group([derived, direct])
    assert d.best is direct


def test_shipped_coder_never_asserts_a_happening_dated_after_the_document():
    """Two happenings of one dyad, a past and a planned one: whichever the judged event tells,
    its factuality and its date come from the same place."""
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(use_models=False)
    if an.learned is None or an.learned.model.judge is None:
        pytest.skip("no event model with a dyad judge ships in this checkout")
    for coder in ("learned", "both"):
        an.coder_mode = coder
        doc = an(Article(doc_id="t", dct="2024-03-13", text="Frankreich hat Polen am Montag kritisiert. "
                         "Frankreich will Polen am Freitag erneut kritisieren."))
        assert doc.events
        for e in doc.events:
            if e.factuality == "asserted" and e.date is not None and not e.date.from_dct:
                assert e.date.value <= "2024-03-13", (coder, e.type, e.date, e.evidence[0].text)
            # the cue, its evidence, factuality and date are told from one place
            assert e.cue in e.evidence[0].text, (coder, e.cue, e.evidence[0].text)


def test_a_judged_event_is_told_from_one_place():
    """A planned meeting and a past phone call of the same two sides: whichever mention tells the
    judged event, its cue, evidence sentence, factuality and date belong together."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder="learned")
    if an.learned is None or an.learned.model.judge is None:
        pytest.skip("no event model with a dyad judge ships in this checkout")
    text = ("Paris – Der französische Außenminister will sich in der kommenden Woche in Genf mit dem "
            "russischen Außenminister treffen. Die beiden Minister hatten zuletzt im Herbst miteinander "
            "telefoniert.")
    doc = an(Article(doc_id="m", dct="2024-03-08", text=text))
    assert doc.events
    for e in doc.events:
        sentence = e.evidence[0].text
        assert e.cue in sentence
        if "telefoniert" in sentence:
            assert e.factuality == "asserted" and (e.date is None or e.date.value < "2024-03-08")
        if "treffen" in sentence and e.type == "CONSULT":
            assert e.factuality == "planned" and (e.date is None or e.date.value >= "2024-03-08")


@pytest.mark.parametrize("coder", ["rules", "learned", "both"])
def test_the_content_of_a_warning_is_never_an_asserted_event(coder):
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(use_models=False, coder="rules" if coder == "rules" else "auto")
    if coder != "rules":
        if an.learned is None:
            pytest.skip("no event model ships in this checkout")
        an.coder_mode = coder
    for text in ("Die USA warnten Russland vor einem Einmarsch in die Ukraine.",
                 # the warned-of noun, also with the warning's participle at the end (a new-user probe)
                 "Die USA haben Iran vor einem Angriff auf Israel gewarnt.",
                 "Die EU hat Serbien vor einem Einmarsch in das Kosovo gewarnt."):
        doc = an(Article(doc_id="w", dct="2024-03-13", text=text))
        assert not [e for e in doc.events if e.type == "ASSAULT" and e.factuality == "asserted"], \
            [(e.type, e.factuality, e.cue) for e in doc.events]
        assert any(e.type == "ASSAULT" and e.factuality == "hypothetical" for e in doc.events) or coder == "learned"


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_an_event_noun_a_clause_intends_is_planned_not_also_asserted(coder):
    """"Die EU wird neue Sanktionen gegen Russland verhängen" gave a planned SANCTION from the verb and
    an asserted one from the noun (a new-user probe)."""
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = Analyzer(use_models=False, coder="rules" if coder == "rules" else "auto")
    if coder != "rules":
        if an.learned is None:
            pytest.skip("no event model ships in this checkout")
        an.coder_mode = coder
    for text, typ in (("Die EU wird neue Sanktionen gegen Russland verhängen.", "SANCTION"),
                      ("Israel will Luftangriffe auf den Libanon fliegen.", "ASSAULT")):
        doc = an(Article(doc_id="p", dct="2024-03-13", text=text))
        facts = {e.factuality for e in doc.events if e.type == typ}
        assert facts == {"planned"}, [(e.type, e.factuality, e.cue) for e in doc.events]


def test_a_judged_event_names_the_sides_of_the_sentence_that_tells_it():
    """Probe: "Koalitionsgespräche mit der SPD" ... "keine Gespräche mit der AfD": one dyad of
    codes (CONSULT DEU -> DEU), told by the negated talks, was reported with the other sentence's
    participants ("no talks with the SPD")."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, min_confidence=0)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="m", dct="2025-02-24", text=(
        "Merz kündigte am Montag in Berlin an, rasch Koalitionsgespräche mit der SPD aufzunehmen. "
        "„Es wird keine Gespräche mit der AfD geben“, sagte der CDU-Vorsitzende.")))
    negated = [e for e in doc.events if e.type == "CONSULT" and e.factuality == "negated"]
    assert negated, [(e.type, e.factuality, e.cue) for e in doc.events]
    for e in negated:
        assert e.cue == "Gespräche" and [p.text for p in e.target] == ["AfD"], (e.cue, e.source, e.target)


def test_shipped_coder_codes_an_air_strike():
    from lagebild.records import Article
    an = shared_analyzer(use_models=False)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="a", dct="2024-03-13", text="Israelische Kampfflugzeuge bombardierten am Dienstag "
                                                        "Stellungen der Hisbollah im Libanon."))
    dyads = {(e.type, p.code, q.code) for e in doc.events for p in e.source for q in e.target}
    assert ("ASSAULT", "ISR", "LBN") in dyads, dyads
    # drones and missiles with a nationality attack for their country (a new-user probe: no event)
    doc = an(Article(doc_id="d", dct="2024-03-13", text="Russische Drohnen haben Lwiw angegriffen."))
    dyads = {(e.type, e.factuality, p.code, q.code) for e in doc.events for p in e.source for q in e.target}
    assert ("ASSAULT", "asserted", "RUS", "UKR") in dyads, dyads
    # a weapon fired or used is no side (a probe: "feuerte Raketen ab" made the rockets a target)
    for text in ("Die Ukraine hat Moskau mit Drohnen angegriffen.", "Die Hisbollah feuerte Raketen auf Haifa ab."):
        doc = an(Article(doc_id="w", dct="2024-03-13", text=text))
        assert not [p for e in doc.events for p in e.source + e.target if p.text in ("Drohnen", "Raketen")], text


def test_out_of_fold_dyad_counts_follow_the_scorer():
    """The judge's threshold is chosen with train articles scored out of fold: a kept dyad no gold
    slot accepts is a false positive, an optional gold dyad neither helps nor hurts, a required
    one not kept is a miss."""
    from lagebild.learned.train import _dyad_counts

    def ev(typ, s, t, optional=False):
        return {"type": typ, "source": [{"code": s}], "target": [{"code": t}], "optional": optional,
                "factuality": "asserted"}

    events = [ev("ACCUSE", "FRA", "TUR"), ev("CONSULT", "FRA", "DEU"), ev("AID", "DEU", "TUR", optional=True)]
    gold = {0: {"events": events}}
    def row(typ, s, t, cue):     # a judged dyad: its sides as (code, inferred), its cue
        return (typ, [(c, None) for c in s], [(c, None) for c in t], cue)
    keys = [row("ACCUSE", ["FRA"], ["TUR"], "kritisierte"), row("AID", ["DEU"], ["TUR"], "Hilfe"),
            row("ASSAULT", ["TUR"], ["FRA"], "griff"), row("CONSULT", ["FRA"], ["DEU"], "Treffen")]
    probs = [0.9, 0.8, 0.7, 0.2]
    assert _dyad_counts([0] * 4, keys, probs, 0.5, gold) == (1, 1, 1)
    assert _dyad_counts([0] * 4, keys, probs, 0.1, gold) == (2, 1, 0)
    assert _dyad_counts([0] * 4, keys, probs, 0.95, gold) == (0, 0, 2)


def test_out_of_fold_dyad_counts_see_lists_and_agreements_both_ways():
    """A kept dyad counts with every member of its sides, and a joint agreement also from the
    other side, as the coder reports them (``judge.sides``, ``events.policies.output_policies``)."""
    from lagebild.learned.train import _dyad_counts

    def ev(typ, s, t):
        return {"type": typ, "source": [{"code": c} for c in s], "target": [{"code": c} for c in t],
                "factuality": "asserted"}

    def row(typ, s, t, cue):
        return (typ, [(c, None) for c in s], [(c, None) for c in t], cue)
    gold = {0: {"events": [ev("AGREE", ["USA", "RUS"], ["IRN"]), ev("AGREE", ["IRN"], ["USA", "RUS"])]}}
    assert _dyad_counts([0], [row("AGREE", ["USA", "RUS"], ["IRN"], "geeinigt")], [0.9], 0.5, gold) == (4, 0, 0)
    assert _dyad_counts([0], [row("AGREE", ["USA"], ["IRN"], "geeinigt")], [0.9], 0.5, gold) == (2, 0, 2)
    # a one-sided promise is not turned round
    assert _dyad_counts([0], [row("AGREE", ["USA", "RUS"], ["IRN"], "zugesagt")], [0.9], 0.5, gold) == (2, 0, 2)


NEGATED = ("Russland hat die Ukraine nicht angegriffen.", "Russland griff die Ukraine nicht an.")


@pytest.mark.parametrize("coder,text", [
    ("rules", NEGATED[0]), ("rules", NEGATED[1]), ("both", NEGATED[0]), ("both", NEGATED[1]),
    ("learned", NEGATED[0]), ("learned", NEGATED[1]),     # the second was a known gap until session 6
])
def test_a_negated_attack_is_never_asserted(coder, text):
    """ "Russland hat die Ukraine nicht angegriffen": no coder reports an asserted attack, and with
    both coders the mention keeps one reading (see ``merge.one_reading``)."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder=coder)
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="n", dct="2024-03-14", text=text))
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    # the learned coder alone of session 15's model finds no attack in the Präteritum with its
    # particle (a recall gap; the default coder, both, reads the rules' negated one)
    assert attacks or (coder, text) == ("learned", NEGATED[1]), (coder, text)
    assert all(e.factuality == "negated" for e in attacks), (coder, text, [e.factuality for e in attacks])


def test_training_scores_what_the_analyzer_outputs():
    """The predictions training scores (dev, reported, and the gold files that decide the seed
    requirement) are the analyzer's own events (the cited source "laut Polizei" is no side in both)."""
    from dataclasses import asdict
    from lagebild.evaluate.events import predicted_tuples
    from lagebild.events.policies import output_policies
    from lagebild.learned.coder import combine
    from lagebild.learned.train import GoldFilePrep, predict
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    an = shared_analyzer()
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    text = ("Laut Polizei haben Unbekannte am Montag in Kabul einen Konvoi der Armee angegriffen. Die Regierung "
            "in Kiew hat sich mit Polen auf neue Waffenlieferungen geeinigt, sagte der Außenminister.")
    prep = GoldFilePrep({"doc_id": "m", "text": text, "dct": "2025-05-12", "events": []}, Analyzer(coder="rules"))
    coder = an.learned
    mc = coder.model.thresholds.min_confidence
    coder.score_rule_events(prep.stages.rule_events, prep.ctx, {"ctx": prep.ctx})
    trained = output_policies(combine(predict(coder.model, [prep])[0], prep.stages.rule_events,
                                      an.coder_mode == "both", lambda e: coder.keep(e, mc)))
    shipped = an(Article(doc_id="m", text=text, dct="2025-05-12")).events
    assert shipped
    assert set(predicted_tuples([asdict(e) for e in trained])) == set(predicted_tuples([asdict(e) for e in shipped]))


def test_rule_confidence_follows_an_isotonic_curve_fitted_on_what_was_right():
    """The rule events' confidence is the share of events right at that score (isotonic, fitted on
    the train news out of fold); without a curve, Platt scaling; raw while calibrating."""
    from lagebild.learned.coder import Thresholds, rule_confidence
    from lagebild.learned.train import isotonic
    pairs = [(x / 100, (x % 10) < (3 if x < 80 else 6)) for x in range(100)] * 2
    curve = isotonic(pairs)
    th = Thresholds(rule_curve=curve)
    assert rule_confidence(0.95, th) == pytest.approx(0.6, abs=0.05)    # 6 of 10 right up there
    assert rule_confidence(0.2, th) == pytest.approx(0.3, abs=0.05)
    assert rule_confidence(0.2, th) <= rule_confidence(0.5, th) <= rule_confidence(0.95, th)
    assert rule_confidence(0.95, Thresholds(rule_a=4.0, rule_b=-2.0)) == pytest.approx(0.858, abs=0.01)
    assert rule_confidence(0.95, Thresholds(rule_curve=curve, raw=True)) == 0.95
    assert isotonic(pairs[:50]) is None


def test_the_default_floor_gives_up_no_precision_for_an_f1_difference_within_noise():
    """Where no setting reaches the target precision, the default is the most precise setting whose
    F1 is within one standard error (articles resampled) of the best; a clear F1 loss is no tie."""
    import numpy as np
    from lagebild.learned.train import choose_default, one_se_ties, prf
    rng = np.random.default_rng(1)
    n = 200
    gold = rng.integers(1, 6, size=n)                       # gold dyads per article

    def setting(recall, precision):
        tp = rng.binomial(gold, recall)
        fp = rng.poisson(tp * (1 - precision) / precision)
        return np.stack([tp, fp, gold - tp], axis=1)

    loose, tight, strict = setting(0.45, 0.45), setting(0.36, 0.50), setting(0.15, 0.70)
    f = [prf(c)["f1"] for c in (loose, tight, strict)]
    assert f[1] < f[0] < f[1] + 0.02 and f[2] < f[0] - 0.1, f      # the loose floor has the best F1
    options = [("both", 0.3, loose), ("both", 0.4, tight), ("both", 0.7, strict)]
    ties = one_se_ties([c for *_, c in options], 0)
    assert ties == [True, True, False]
    assert choose_default(options, target_precision=0.75) == 1          # tied, more precise
    # a setting that reaches the target precision and keeps 2/3 of the recall wins outright
    precise = setting(0.40, 0.80)
    assert choose_default(options + [("learned", 0.5, precise)], target_precision=0.75) == 3
    # a setting that fails a requirement (the seed article) is never the default
    assert choose_default(options, target_precision=0.75, admissible=[True, False, True]) == 0
    assert choose_default(options, target_precision=0.75, admissible=[False, False, False]) == 1
    # the choice is reproducible (fixed resampling seed)
    assert one_se_ties([c for *_, c in options], 0) == ties



def test_out_of_fold_counts_apply_the_floor_and_the_one_sided_policy_per_article():
    """Where the default is chosen: the train news articles out of fold, each scored alone, with
    the calibrated confidence of a judged dyad and of a rule event, through the coder's own
    keep policy (floor; an event with an empty side only when surer)."""
    from lagebild.learned.coder import LearnedCoder, Thresholds
    from lagebild.learned.train import OutOfFold, prf
    from lagebild.records import Event, Participant

    def ev(typ, s, t):
        return {"type": typ, "source": [{"code": s}], "target": [{"code": t}] if t else [],
                "factuality": "asserted"}

    gold = {0: {"events": [ev("ACCUSE", "FRA", "TUR")]}, 1: {"events": [ev("PROTEST", "DEU", None)]}}
    th = Thresholds(judge=0.3, judge_a=1.0, judge_b=0.0, rule_a=1.0, rule_b=0.0)   # conf = sigmoid(p)
    oof = OutOfFold(gold, dyads=[(0, ("ACCUSE", [("FRA", None)], [("TUR", None)], "kritisierte"), 0.9),
                                 (0, ("ASSAULT", [("TUR", None)], [("FRA", None)], "griff"), 0.2),  # below the judge
                                 (1, ("PROTEST", [("DEU", None)], [], "demonstrierten"), 0.4)])
    rule = Event(type="ACCUSE", source=[Participant(None, None, "TUR")], target=[Participant(None, None, "FRA")],
                 cue="warf")
    oof.rule_events = [(0, rule, 0.0)]                                                  # conf 0.5
    counts = oof.counts(th, False, lambda e: (e.confidence or 0) >= 0.55)
    assert counts.tolist() == [[1, 0, 0], [1, 0, 0]]                                    # per article
    assert oof.counts(th, True, lambda e: (e.confidence or 0) >= 0.45).tolist() == [[1, 1, 0], [1, 0, 0]]
    coder = LearnedCoder.__new__(LearnedCoder)
    coder.model = type("M", (), {"thresholds": Thresholds(one_sided=0.65)})()
    assert prf(oof.counts(th, False, lambda e: coder.keep(e, 0.55)))["fn"] == 1          # conf 0.6 < 0.65


def test_a_floor_of_zero_keeps_every_event_also_one_sided():
    """``--min-confidence 0`` hides nothing: the one-sided policy applies only with a floor."""
    from lagebild.learned.coder import LearnedCoder, Thresholds
    from lagebild.records import Event, Participant
    coder = LearnedCoder.__new__(LearnedCoder)
    coder.model = type("M", (), {"thresholds": Thresholds(one_sided=0.9)})()
    lone = Event(type="PROTEST", source=[Participant(None, None, "DEU")], target=[], confidence=0.01)
    assert coder.keep(lone, 0.0)
    assert not coder.keep(lone, 0.005)                     # with a floor, the policy holds it back
    lone.confidence = 0.95
    assert coder.keep(lone, 0.3)


def test_a_pair_of_countries_with_one_guessed_needs_the_guessed_pair_floor():
    """A side whose country is only the story's or the one named just before, set against another
    country ("die Polizei" of a story about Belgium -> FRA), is a guess: below
    ``GUESSED_PAIR_FLOOR`` such an event is held back; named countries, a dyad within one country
    and ``--min-confidence 0`` are not affected."""
    from lagebild.learned.coder import GUESSED_PAIR_FLOOR, LearnedCoder, Thresholds, guessed_pair
    from lagebild.records import Event, Participant
    coder = LearnedCoder.__new__(LearnedCoder)
    coder.model = type("M", (), {"thresholds": Thresholds(one_sided=0.0)})()
    below = GUESSED_PAIR_FLOOR - 0.05

    def event(src_from, tgt_code="FRA", tgt_from=None, conf=below):
        return Event(type="ACCUSE", confidence=conf,
                     source=[Participant(None, "Polizei", "BEL", code_inferred=src_from)],
                     target=[Participant(None, "Paris", tgt_code, code_inferred=tgt_from)])

    for how in ("story", "nearby"):
        assert guessed_pair(event(how)) and not coder.keep(event(how), 0.3)
        assert coder.keep(event(how, conf=GUESSED_PAIR_FLOOR), 0.3)
        assert coder.keep(event(how), 0.0)                      # a floor of 0 hides nothing
    assert guessed_pair(event(None, tgt_from="story"))          # either side
    assert not guessed_pair(event(None)) and coder.keep(event(None), 0.3)      # both named
    assert not guessed_pair(event("earlier"))                   # the same office named with its country before
    assert not guessed_pair(event("story", tgt_code="BEL")) and coder.keep(event("story", tgt_code="BEL"), 0.3)
    lone = Event(type="PROTEST", source=[Participant(None, "Polizei", "BEL", code_inferred="story")], target=[],
                 confidence=below)
    assert not guessed_pair(lone)


def test_the_one_sided_policy_is_the_lowest_threshold_tied_with_the_best():
    """A stricter one-sided threshold only where its F1 gain is beyond one standard error (paired
    over the same articles), and never one that fails the seed requirement."""
    import numpy as np
    from lagebild.learned.train import choose_one_sided, one_se_ties
    rng = np.random.default_rng(3)
    base = np.stack([rng.integers(0, 4, 300), rng.integers(0, 4, 300), rng.integers(0, 4, 300)], axis=1)
    many = base.copy()
    fewer = rng.random(300) < 0.3
    many[fewer, 1] = np.maximum(many[fewer, 1] - 1, 0)      # a false positive fewer in 30 % of the articles
    # F1 0.501 -> 0.524: less than two standard deviations of either F1 over resampled articles
    # (0.013), but the same articles are better in every resample (paired: 0.002)
    assert choose_one_sided([base, many]) == 1             # a consistent gain is taken
    assert one_se_ties([many, base], 0) == [True, False]
    assert choose_one_sided([base, many], admissible=[True, False]) == 0
    assert choose_one_sided([base, base.copy()]) == 0       # equal: the lowest threshold


def test_the_floor_counts_a_happening_left_out_by_its_dyads_not_by_records():
    """`below_floor`: a record found without the floor that tells a dyad no kept record tells; the
    merge may make fewer or more records of the rest (a fuller record below the floor, its partial
    mentions above it)."""
    from lagebild.learned.coder import left_out
    from lagebild.records import Event, Participant

    def ev(src, tgt, typ="AGREE"):
        return Event(type=typ, source=[Participant(None, c, c) for c in src],
                     target=[Participant(None, c, c) for c in tgt], factuality="asserted")

    full = ev(["DEU"], ["NOR", "DNK"])
    assert left_out([full], [ev(["DEU"], ["NOR"]), ev(["DEU"], ["NOR"], typ="CONSULT")]) == 1
    assert left_out([full], [ev(["DEU"], ["NOR"]), ev(["DEU"], ["DNK"])]) == 0
    assert left_out([full, ev(["RUS"], ["UKR"], typ="ASSAULT")], []) == 2


@pytest.mark.parametrize("text, typ", [
    ("Frankreich hat keine Sanktionen gegen Israel verhängt.", "SANCTION"),
    ("Die USA haben keine Waffen an Israel geliefert.", "AID"),
    ("Die Nato-Staaten haben sich nicht auf neue Hilfen für die Ukraine geeinigt.", "AGREE"),
])
def test_a_negation_the_clause_rules_read_is_never_an_asserted_learned_event(text, typ):
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder="both", min_confidence=0)
    if an.learned is None:
        pytest.skip("no event model")
    evs = [e for e in an(Article(doc_id="n", text=text, dct="2025-03-12")).events if e.type == typ]
    assert evs and all(e.factuality == "negated" for e in evs)


def test_a_negation_of_another_happening_with_the_same_cue_word_leaves_a_fact_asserted():
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder="both", min_confidence=0)
    if an.learned is None:
        pytest.skip("no event model")
    doc = an(Article(doc_id="n", dct="2025-03-12",
                     text="Frankreich hat Deutschland nicht kritisiert, aber Italien hat Deutschland kritisiert."))
    facts = {(e.source[0].code, e.factuality) for e in doc.events if e.type == "ACCUSE" and e.source}
    assert ("ITA", "asserted") in facts and ("ITA", "negated") not in facts


@pytest.mark.parametrize("coder", ["rules", "both"])
def test_a_meeting_that_will_not_take_place_is_negated(coder):
    from lagebild.records import Article
    an = shared_analyzer(use_models=False, coder=coder, min_confidence=0)
    if coder != "rules" and an.learned is None:
        pytest.skip("no event model")

    def facts(text):
        return {(e.type, e.factuality) for e in an(Article(doc_id="n", text=text, dct="2024-02-12")).events}
    for text in ("Ein Treffen zwischen Wladimir Putin und Wolodymyr Selenskyj wird es vorerst nicht geben.",
                 "Das geplante Treffen zwischen Putin und Selenskyj fand am Montag nicht statt."):
        got = facts(text)
        assert ("CONSULT", "negated") in got and ("CONSULT", "asserted") not in got, (text, got)
    # "keine" of another noun, or "nicht" of another phrase, leaves the happening a fact
    assert ("CONSULT", "asserted") in facts("Nach dem Treffen zwischen Putin und Selenskyj gab es keine Einigung.")
    for text, typ in (("Nach dem Angriff Russlands auf Kiew gab es in der Stadt tagelang nicht genug Strom.", "ASSAULT"),
                      ("Der russische Angriff auf Charkiw erfolgte nicht ohne Vorwarnung.", "ASSAULT"),
                      ("Das Treffen zwischen Putin und Selenskyj fand nicht wie geplant am Montag statt, "
                       "sondern am Dienstag.", "CONSULT")):
        got = facts(text)
        assert (typ, "asserted") in got and (typ, "negated") not in got, (text, got)


@pytest.fixture
def both_coder():
    """The analyzer of both coders, dictionaries only, every event kept (skips without a model)."""
    an = shared_analyzer(use_models=False, coder="both", min_confidence=0)
    if an.learned is None:
        pytest.skip("no event model")
    return an


def test_an_office_and_the_city_it_sits_in_are_never_two_sides(both_coder):
    from lagebild.records import Article
    an = both_coder
    text = ("Polen hat zwei russische Diplomaten ausgewiesen. Das Außenministerium in Warschau "
            "begründete den Schritt am Dienstag mit Spionagevorwürfen.")
    evs = an(Article(doc_id="w", text=text, dct="2024-05-29")).events
    pairs = {(p.text, q.text) for e in evs for p in e.source for q in e.target}
    assert ("Außenministerium", "Warschau") not in pairs and ("Warschau", "Außenministerium") not in pairs
    assert any(e.type == "SANCTION" for e in evs)


def test_what_a_threat_threatens_with_is_no_event_and_a_promise_is_planned(both_coder):
    from lagebild.records import Article
    an = both_coder
    text = ("Die EU-Außenminister haben Russland am Donnerstag mit weiteren Sanktionen gedroht.\n\n"
            "Deutschland sagte Moldau zusätzliche Hilfe in Höhe von 20 Millionen Euro zu.")
    evs = an(Article(doc_id="t", text=text, dct="2025-03-14")).events
    got = {(e.type, e.factuality) for e in evs}
    assert ("THREATEN", "asserted") in got and not any(t == "SANCTION" for t, _ in got), got
    assert ("AID", "planned") in got and ("AID", "asserted") not in got, got


def test_who_reports_an_attack_is_not_its_attacker():
    """"Israel meldete Raketenangriffe der Hisbollah" gave ASSAULT ISR -> LBN, "Kiew meldete
    russische Drohnenangriffe auf Charkiw" an extra UKR -> UKR (a new-user probe)."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    for text, reporter in (("Israel meldete Raketenangriffe der Hisbollah.", "ISR"),
                           ("Kiew meldete russische Drohnenangriffe auf Charkiw.", "UKR"),
                           # a Perfekt: the participle after the noun (a probe)
                           ("OSZE-Beobachter haben am Wochenende zahlreiche Explosionen nahe Donezk "
                            "registriert.", "OSCE")):
        doc = an(Article(doc_id="m", dct="2024-03-05", text=text))
        assert not [e for e in doc.events if e.type == "ASSAULT" and any(p.code == reporter for p in e.source)], \
            [(e.type, [p.code for p in e.source], [p.code for p in e.target]) for e in doc.events]


def test_a_particle_verb_decides_the_type_of_its_verb():
    """"Deutschland weist zwei russische Diplomaten aus" gave a REJECT (zurückweisen) beside the
    SANCTION (a new-user probe)."""
    from lagebild.records import Article
    an = shared_analyzer(use_models=False)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    doc = an(Article(doc_id="x", dct="2024-03-05", text="Deutschland weist zwei russische Diplomaten aus."))
    assert {e.type for e in doc.events} == {"SANCTION"}, [(e.type, e.cue) for e in doc.events]


def test_the_particle_of_a_verb_is_read_before_a_quotation_mark_or_bracket():
    from lagebild.events.cues import load_cues
    from lagebild.learned.features import _particle_after
    from lagebild.text import segment, tokenize
    lex = load_cues()
    for text in ("„Russland griff Kiew an“, sagte er.", "Russland greife Odessa an (so die Agentur)."):
        toks = tokenize(text, segment(text))[1][0].tokens
        k = next(i for i, t in enumerate(toks) if t.text.startswith("gr"))
        assert _particle_after(toks, k, lex) == "an", text


def test_a_verb_the_lexicon_knows_only_with_another_particle_is_another_verb(both_coder):
    """"Demonstranten warfen Eier und Steine" gave an ACCUSE (vorwerfen), "wies das Ministerium
    an" a REJECT (zurückweisen) (probes); a particle before "und" still closes its verb."""
    from lagebild.records import Article
    an = both_coder
    for text, typ in (("Demonstranten warfen Eier und Steine auf die türkische Botschaft in Moskau.", "ACCUSE"),
                      ("Irans Präsident Ruhani wies das Verteidigungsministerium an, die Produktion von "
                       "Raketen zu beschleunigen.", "REJECT")):
        evs = an(Article(doc_id="p", dct="2015-11-25", text=text)).events
        assert not [e for e in evs if e.type == typ], [(e.type, e.cue) for e in evs]
    evs = an(Article(doc_id="p", dct="2022-02-18", text="Die USA warfen Russland Lügen vor. Russland weist dies "
                     "zurück und gibt an, sich von der NATO bedroht zu fühlen.")).events
    assert {"ACCUSE", "REJECT"} <= {e.type for e in evs}, [(e.type, e.cue) for e in evs]


def test_a_list_of_one_countrys_actors_is_one_side_unless_the_clause_says_each_other(both_coder):
    """"Grüne und Linke kritisierten die Abschiebung" gave ACCUSE Linke -> Grüne (a probe): the
    list's members share a code, so the one-per-code members missed it."""
    from lagebild.records import Article
    an = both_coder

    def pairs(text):
        evs = an(Article(doc_id="l", dct="2016-02-13", text=text)).events
        return {(e.type, p.text, q.text) for e in evs for p in e.source for q in e.target}
    got = pairs("Die Regierung hat am Montag einen Afghanen abgeschoben. Grüne und Linke kritisierten die Abschiebung.")
    assert not {("ACCUSE", "Linke", "Grüne"), ("ACCUSE", "Grüne", "Linke")} & got, got
    got = pairs("SPÖ und ÖVP einigten sich am Montag auf ein neues Budget.")
    assert {("AGREE", "SPÖ", "ÖVP"), ("AGREE", "ÖVP", "SPÖ")} & got, got     # "sich": each other's side


def test_an_event_noun_a_clause_of_intent_will_carry_out_is_planned_also_with_a_source(both_coder):
    """With "nach Angaben von ..." the factuality model called the offensive asserted (a probe);
    the rules' definition (factuality.planned_noun) holds for both coders."""
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="o", dct="2016-03-24", text="Die irakische Armee will nach Angaben von "
                             "Regierungschef Haider al-Abadi noch in diesem Jahr eine Offensive zur Rückeroberung "
                             "der Stadt Mossul beginnen.")).events
    assault = [e for e in evs if e.type == "ASSAULT"]
    assert assault and all(e.factuality == "planned" for e in assault), [(e.type, e.factuality) for e in evs]


def test_a_meeting_scheduled_with_a_predicative_participle_is_planned(both_coder):
    """"Ein Treffen ... ist für Freitag geplant" was an asserted meeting (a probe); "die geplante
    Reform" (an attribute) schedules nothing (factuality.scheduled)."""
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="s", dct="2024-05-06", text="Ein Treffen von Bundeskanzler Karl Nehammer mit "
                             "dem ungarischen Ministerpräsidenten Viktor Orbán ist für Freitag geplant.")).events
    meetings = [e for e in evs if e.type == "CONSULT"]
    assert meetings and all(e.factuality == "planned" for e in meetings), [(e.type, e.factuality) for e in evs]
    assert all(e.date and e.date.value == "2024-05-10" for e in meetings)


def test_the_agent_of_an_attributive_participle_is_no_source_of_the_clauses_event(both_coder):
    # "in die von der Terrormiliz IS gehaltene Stadt vorgerückt": the IS holds the city (a probe)
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="a", dct="2016-05-30", text="Die irakische Armee ist am Montag in die von der "
                             "Terrormiliz IS gehaltene Stadt Falluja vorgerückt.")).events
    advance = [e for e in evs if e.type == "ASSAULT"]
    assert advance and all("IS" not in (p.text or "") for e in advance for p in e.source), advance


def test_an_uncoded_organisation_as_source_is_not_swapped_for_the_actor_before(both_coder):
    """"Amnesty International wirft der Armee vor" after a sentence about the EU gave ACCUSE EU -> NGA
    (a probe): the accuser is named, it has no country; the EU of the sentence before is invented."""
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="a", dct="2016-01-31", text="Die Europäische Union hatte weitere 50 Millionen "
                             "Euro für die Truppe zugesagt. Amnesty International wirft der nigerianischen Armee vor, "
                             "schwere Menschenrechtsverletzungen begangen zu haben.")).events
    assert any(e.source and e.source[0].code == "EU" for e in evs)      # the EU's own pledge stays
    accuse = [e for e in evs if e.type == "ACCUSE"]
    assert all(p.code != "EU" for e in accuse for p in e.source), [(e.type, e.source) for e in accuse]


def test_a_model_trained_on_dev_says_so(tmp_path):
    """`train events --with-dev` records it in meta.json; `eval events --split dev` then says its
    figures are in sample (a review: nothing read the flag)."""
    import json
    from lagebild.modelinfo import trained_on_dev
    (tmp_path / "meta.json").write_text(json.dumps({"trained_on": {"dev_trained_on": True}}))
    assert trained_on_dev(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"trained_on": {"train_articles": 3}}))
    assert not trained_on_dev(tmp_path)
    assert not trained_on_dev(tmp_path / "missing")


def test_a_call_to_protest_is_the_protest_not_a_request(both_coder):
    """"Die Opposition rief zu Protesten gegen die Regierung auf" gave REQUEST VEN -> VEN beside the
    PROTEST (a probe); the corpus codes the PROTEST called for only (12 of 13 such calls, no REQUEST).
    A call for something else stays a REQUEST."""
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="p", dct="2016-09-01", text="Die venezolanische Opposition rief für Montag zu "
                             "landesweiten Streiks gegen die Regierung auf.")).events
    assert any(e.type == "PROTEST" for e in evs), [(e.type, e.cue) for e in evs]
    assert not any(e.type == "REQUEST" for e in evs), [(e.type, e.cue) for e in evs]
    evs = both_coder(Article(doc_id="q", dct="2016-09-01", text="Die venezolanische Opposition hat die Regierung "
                             "zu Gesprächen aufgerufen.")).events
    assert any(e.type == "REQUEST" for e in evs), [(e.type, e.cue) for e in evs]


def test_lives_lost_as_the_object_of_fordern_are_a_toll_not_a_demand(both_coder):
    """"Der Drogenkrieg hat bereits mehr als 1.900 Todesopfer gefordert" gave REQUEST PHL -> PHL
    (Todesopfer) (a probe); a demand stays one."""
    from lagebild.records import Article
    evs = both_coder(Article(doc_id="t", dct="2016-09-01", text="Der Drogenkrieg auf den Philippinen hat bereits "
                             "mehr als 1.900 Todesopfer gefordert.")).events
    assert not any(e.type == "REQUEST" for e in evs), [(e.type, e.cue) for e in evs]
    evs = both_coder(Article(doc_id="d", dct="2016-09-01", text="Die EU hat von Polen Reformen gefordert.")).events
    assert any(e.type == "REQUEST" for e in evs)



def test_an_adverb_beside_its_clauses_verb_cue_tells_no_event_again():
    """"kritisierte Russland scharf": the verb tells the ACCUSE; the adverb, read as a trigger of
    the same type, told it again the other way round (RUS -> POL; judge.beside_its_verb)."""
    an = shared_analyzer(min_confidence=0.0)
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    evs = an(Article(doc_id="s", text="Polen kritisierte Russland scharf, die Ukraine verurteilte Belarus.", dct="2024-05-14")).events
    accuse = [e for e in evs if e.type == "ACCUSE"]
    assert any({p.code for p in e.source} == {"POL"} and {p.code for p in e.target} == {"RUS"} for e in accuse), evs
    assert not any(e.cue == "scharf" for e in evs), evs



def test_a_word_of_a_persons_name_is_no_trigger():
    """"Van" of "Van der Bellen" was read as an ACCUSE (a dev article); the words of a person's name
    are no trigger, the role noun before it may be ("der Angreifer")."""
    from lagebild.learned.features import DocContext
    from lagebild.learned.judge import in_a_name
    an = Analyzer(coder="rules")
    st = an.stages(Article(doc_id="n", text="Der Kandidat Alexander Van der Bellen traf am Montag den Kanzler."))
    ctx = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events)
    sent = st.sent_tokens[0]
    flags = {t.text: in_a_name(sent, k, ctx) for k, t in enumerate(sent.tokens)}
    assert flags["Van"] and flags["Bellen"] and flags["Alexander"], flags
    assert not flags["Kandidat"] and not flags["traf"] and not flags["Kanzler"], flags



def test_an_adverb_finds_the_other_side_where_its_verb_names_none():
    """Review (R7): "die japanische Regierung protestierte scharf" names no side after its verb;
    the adverb's reading (JPN -> PRK) stays."""
    an = shared_analyzer()
    if an.learned is None:
        pytest.skip("no event model ships in this checkout")
    evs = an(Article(doc_id="s", text="Nordkorea feuerte eine Rakete über Japan, die japanische Regierung protestierte scharf.",
                     dct="2024-05-14")).events
    assert any(e.type == "ACCUSE" and {p.code for p in e.source} == {"JPN"} and {p.code for p in e.target} == {"PRK"}
               for e in evs), evs


def test_a_subject_after_the_verb_is_no_other_side_of_it():
    """judge.beside_its_verb counted the subject after the verb ("Am Montag kritisierte die EU
    scharf die Sanktionen": V2 inversion) as the verb's other side and dropped "scharf"; only an
    actor after the verb that is not its subject is ("Am Montag kritisierte die EU Russland scharf")."""
    from lagebild.learned.features import DocContext
    from lagebild.learned.judge import beside_its_verb
    an = Analyzer(coder="rules")
    for txt, beside in [("Am Montag kritisierte die EU scharf die Sanktionen.", False),
                        ("Am Montag kritisierten die EU und die USA scharf die Sanktionen.", False),
                        ("Am Montag kritisierte die EU Russland scharf.", True),
                        ("Die EU kritisierte am Montag Russland scharf.", True),
                        # an object before the verb, the subject after it (a review)
                        ("Dem Iran warf Israel scharf Terror vor.", True)]:
        st = an.stages(Article(doc_id="v", text=txt))
        ctx = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events)
        sent = st.sent_tokens[0]
        k = next(k for k, t in enumerate(sent.tokens) if t.text == "scharf")
        assert beside_its_verb(sent, k, "ACCUSE", ctx, {}) is beside, txt
