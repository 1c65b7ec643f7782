"""Session 40: a one-sided candidate's empty side filled from the story (``judge.completions``), marked
inferred, weighed by the judge and kept only as surely as a one-sided event."""
from __future__ import annotations

from lagebild.learned.coder import LearnedCoder, Thresholds, both_named
from lagebild.learned.judge import COMPLETED, Candidate, DocDyads, Dyad, completions, completion_features
from lagebild.records import Article, Event, Participant

TEXT = ("Die Ukraine meldete neue Kämpfe im Osten des Landes. Frankreich rief zur Ruhe auf. "
        "Am Montag verurteilte Russland den Angriff scharf.")


def _context(text: str = TEXT):
    from lagebild.learned.features import DocContext
    from lagebild.pipeline import Analyzer
    an = Analyzer(coder="rules")
    stages = an.stages(Article(doc_id="t", text=text, dct="2016-03-14"))
    return DocContext.build(stages.sent_tokens, stages.actors, an.coder.lex, stages.rule_events,
                            stages.reporters, stages.cited)


def _one_sided(ctx, cue: str, source_code: str) -> Candidate:
    """A learned candidate of ``cue`` with the mention of ``source_code`` in its sentence as its
    source and no target."""
    st = next(s for s in ctx.sentences if any(t.text == cue for t in s.tokens))
    k = next(i for i, t in enumerate(st.tokens) if t.text == cue)
    m = next(m for m in ctx.mentions[st.sentence.index] if m.code == source_code)
    return Candidate("ACCUSE", m.participant(), None, 0.9, 0.8, 0.7, 1, 0, st.sentence.index, st=st, k=k,
                     lemma="verurteilen", src_m=m)


def test_completions_fill_the_empty_side_with_countries_named_before_the_cue_marked_inferred():
    """The empty target of "verurteilte Russland den Angriff" is filled with each of the countries named
    last before the cue (France, then Ukraine) and the story's most named one, never with the named
    side's own country; each filled side is inferred ("context") with no words of its own."""
    ctx = _context()
    parent = _one_sided(ctx, "verurteilte", "RUS")
    got = completions([parent], ctx, 2)
    assert [(c.key, c.ctx_rank) for c in got][:2] == [(("ACCUSE", "RUS", "FRA"), 1), (("ACCUSE", "RUS", "UKR"), 2)]
    assert all(c.key[2] != "RUS" for c in got)
    for c in got:
        assert c.via == COMPLETED and c.tgt.inferred == COMPLETED and c.tgt.text is None and c.tgt_m is None
        assert c.src is parent.src and c.ctx_m is not None and c.ctx_m.code == c.key[2]
    assert [c.key[2] for c in completions([parent], ctx, 1)][:1] == ["FRA"]      # the last named first
    # a two-sided or a derived candidate, and a rule event, are no parents
    from dataclasses import replace
    assert completions([replace(parent, tgt=parent.src), replace(parent, via="conj")], ctx, 2) == []


def test_completions_are_candidates_only_where_the_settings_ask_and_no_other_candidate_tells_the_dyad():
    """With ``Settings.complete`` 0 (every model before session 40) the judge's candidates are as
    before; with 2 they add completions, none of a dyad another candidate tells."""
    from lagebild.learned.coder import load_event_model
    from lagebild.learned.judge import Settings, candidates
    model = load_event_model()
    ctx = _context()
    th = model.thresholds
    plain = candidates(model.trigger, model.role, ctx, [], Settings(th.judge_trigger, th.judge_role), {})
    assert plain and not any(c.via == COMPLETED for c in plain)
    more = candidates(model.trigger, model.role, ctx, [], Settings(th.judge_trigger, th.judge_role, 2), {})
    added = [c for c in more if c.via == COMPLETED]
    assert added and len(more) == len(plain) + len(added)
    assert not {c.key for c in added} & {c.key for c in plain}


def test_a_side_filled_from_the_story_is_no_named_side():
    """An event whose target is only a completion is kept as a one-sided event is (the one-sided
    floor), and an all-completion dyad is no "fuller" dyad for the judge's features."""
    named = Participant(None, "Russland", "RUS")
    filled = Participant(None, None, "UKR", inferred=COMPLETED)
    home = Participant(None, None, "AUT", inferred="place_state")
    assert both_named(Event(type="ACCUSE", source=[named], target=[Participant(None, "Kiew", "UKR")]))
    assert not both_named(Event(type="ACCUSE", source=[named], target=[filled]))
    assert not both_named(Event(type="ACCUSE", source=[named], target=[]))
    assert both_named(Event(type="ARREST", source=[home], target=[named]))    # the rule policies' own
    coder = LearnedCoder.__new__(LearnedCoder)
    coder.model = type("M", (), {"thresholds": Thresholds(one_sided=0.7)})()
    ev = Event(type="ACCUSE", source=[named], target=[filled], confidence=0.6)
    assert not coder.keep(ev, 0.4)
    ev.confidence = 0.75
    assert coder.keep(ev, 0.4)
    ctx = _context()
    parent = _one_sided(ctx, "verurteilte", "RUS")
    done = completions([parent], ctx, 1)[0]
    doc = DocDyads.of([Dyad(parent.key, [parent]), Dyad(done.key, [done])])
    assert not doc.full_src and Dyad(done.key, [done]).inferred_only


def test_completion_features_say_where_the_filled_country_was_named():
    ctx = _context()
    parent = _one_sided(ctx, "verurteilte", "RUS")
    first = completions([parent], ctx, 2)[0]
    f = completion_features(first, "ACCUSE", {"UKR": 1, "FRA": 2, "RUS": 3})
    assert {"cside=G", "crank=1", "Tcrank=ACCUSE|G|1", "cdist=1", "ctop=False"} <= set(f)


def test_out_of_fold_rows_keep_a_filled_side_inferred():
    """The rows the floors are chosen on carry each side's provenance, so that a completion meets the
    one-sided floor there as it does at run time."""
    from lagebild.learned.train import _row_event
    ev = _row_event(("ACCUSE", [("RUS", None)], [("UKR", COMPLETED)], "verurteilte"), 0.6)
    assert ev.target[0].inferred == COMPLETED and ev.source[0].inferred is None
    assert not both_named(ev)


def test_train_events_passes_the_completions_and_refuses_nonsense(train_events_cli):
    run, calls = train_events_cli, train_events_cli.calls
    ok = run("--completions", "2")
    assert ok.exit_code == 0, ok.output
    assert calls[-1]["completions"] == 2
    ok = run()
    assert "completions" not in calls[-1]
    bad = run("--completions", "-1")
    assert bad.exit_code == 2 and "--completions" in bad.output
    assert "inferred" in run("--help").output
