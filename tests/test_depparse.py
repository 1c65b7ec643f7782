"""Dependency parser (lagebild/depparse.py) and where mentions stand to a cue (lagebild/syntax.py)."""
from __future__ import annotations

import lzma

import pytest

from lagebild.depparse import (load_dep, one_tree, read_silver, read_ud, score_silver, score_ud,
                               split_silver, try_load_dep, DepSentence)
from lagebild.errors import DataError, ModelError
from lagebild.records import Sentence
from lagebild.syntax import attachment, coarse, cue_label, span_head, verb_group
from lagebild.text import SentenceTokens, Token


def test_one_tree_hangs_punctuation_on_the_word_before_and_fragments_on_the_verb():
    # "Wien – Die Gewerkschaft sieht Bedarf ." as ParZu gives it: three roots
    words = ["Wien", "–", "Die", "Gewerkschaft", "sieht", "Bedarf", "."]
    cpos = ["N", "XY", "ART", "N", "V", "N", "$."]
    pos = ["NE", "XY", "ART", "NN", "VVFIN", "NN", "$."]
    heads1 = [0, 0, 4, 5, 0, 5, 0]
    labels = ["root", "root", "det", "subj", "root", "obja", "root"]
    heads, labs = one_tree(words, cpos, pos, heads1, labels)
    assert heads == [4, 0, 3, 4, 4, 4, 5]
    assert labs == ["frag", "punct", "det", "subj", "root", "obja", "punct"]
    assert sum(h == i for i, h in enumerate(heads)) == 1          # one tree


def test_one_tree_leading_punctuation_hangs_on_the_next_word_and_xy_words_are_no_punctuation():
    heads, labs = one_tree(["„", "Er", "kam"], ["$(", "N", "V"], ["$(", "NN", "VVFIN"], [0, 3, 0],
                           ["root", "subj", "root"])
    assert heads == [1, 2, 2] and labs == ["punct", "subj", "root"]
    # "Linz –" tagged XY: the name is a fragment of the sentence, the dash punctuation
    heads, labs = one_tree(["Linz", "–", "Er", "kam"], ["XY", "XY", "N", "V"], ["XY", "XY", "PPER", "VVFIN"],
                           [0, 0, 4, 0], ["root", "root", "subj", "root"])
    assert labs == ["frag", "punct", "subj", "root"] and heads == [3, 0, 3, 3]


def _silver(tmp_path, conll: str, tsv: str):
    d = tmp_path / "parzu_silver"
    d.mkdir()
    with lzma.open(d / "10kgnad_political.conll.xz", "wt", encoding="utf-8") as fh:
        fh.write(conll)
    (d / "sentences.tsv").write_text("article_id\tcategory\tstart\tend\n" + tsv, encoding="utf-8")
    return tmp_path


ROW = "{i}\t{w}\t{w}\t{c}\t{p}\t_\t{h}\t{l}\t_\t_\n"


def test_read_silver_joins_article_ids_and_names_bad_lines(tmp_path):
    conll = (ROW.format(i=1, w="Er", c="PRO", p="PPER", h=2, l="subj")
             + ROW.format(i=2, w="kam", c="V", p="VVFIN", h=0, l="root") + "\n"
             + ROW.format(i=1, w="Ja", c="ADV", p="ADV", h=0, l="root") + "\n")
    base = _silver(tmp_path, conll, "a1\tInland\t0\t7\na2\tInland\t8\t10\n")
    s = read_silver(base)
    assert [x.doc_id for x in s] == ["a1", "a2"]
    assert s[0].heads == [1, 1] and s[0].labels == ["subj", "root"]
    empty = tmp_path / "empty"
    empty.mkdir()
    _silver(empty, "", "")
    assert read_silver(empty) == []
    bad = tmp_path / "bad"
    bad.mkdir()
    _silver(bad, "1\tEr\tPPER\n", "a1\tInland\t0\t2\n")
    with pytest.raises(DataError, match=r"10kgnad_political\.conll\.xz:1: expected 10"):
        read_silver(bad)
    short = tmp_path / "short"
    short.mkdir()
    _silver(short, conll, "a1\tInland\t0\t7\n")
    with pytest.raises(DataError, match="more sentences than lines"):
        read_silver(short)


def test_missing_silver_data_says_where_it_looked(tmp_path):
    with pytest.raises(DataError, match="parzu_silver.*not found"):
        read_silver(tmp_path)


def test_split_leaves_out_excluded_articles_and_holds_out_whole_articles():
    sents = [DepSentence(["a"], [0], ["root"], doc_id=f"d{i % 12}") for i in range(48)]
    train, dev, left = split_silver(sents, {"d0", "d1"}, every=5)
    assert not {s.doc_id for s in train + dev} & {"d0", "d1"}
    assert left == 8
    assert not {s.doc_id for s in train} & {s.doc_id for s in dev}
    assert {s.doc_id for s in dev} == {"d4", "d9"}     # every 5th of the others, in id order


def test_ud_reader_keeps_contractions_as_one_token_and_scores_subject_labels(tmp_path):
    p = tmp_path / "u.conllu"
    p.write_text("1\tEr\ter\tPRON\tPPER\t_\t2\tnsubj\t_\t_\n2\tlebt\tleben\tVERB\tVVFIN\t_\t0\troot\t_\t_\n"
                 "3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_\n3\tin\tin\tADP\tAPPR\t_\t5\tcase\t_\t_\n"
                 "4\tdem\tder\tDET\tART\t_\t5\tdet\t_\t_\n5\tHaus\tHaus\tNOUN\tNN\t_\t2\tobl\t_\t_\n\n",
                 encoding="utf-8")
    [g] = read_ud(p)
    assert g.words == ["Er", "lebt", "im", "Haus"] and g.labels == ["nsubj", "root", "case", "obl"]
    p.write_text(p.read_text(encoding="utf-8").rstrip("\n") + "\n", encoding="utf-8")   # no blank line at the end
    assert len(read_ud(p)) == 1
    p.write_text("x\tEr\ter\tPRON\tPPER\t_\t2\tnsubj\t_\t_\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"u\.conllu:1: malformed"):
        read_ud(p)
    sc = score_ud([g], [([1, 1, 3, 1], ["subj", "root", "pp", "obja"])])
    assert sc["subj"]["f1"] == 1.0
    assert sc["obja"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_silver_scores_leave_punctuation_out():
    gold = [DepSentence(["Er", "kam", "."], [1, 1, 1], ["subj", "root", "punct"])]
    s = score_silver(gold, [([1, 1, 0], ["obja", "root", "punct"])])
    assert s["tokens"] == 2 and s["uas"] == 1.0 and s["las"] == 0.5


def test_missing_parser_raises_with_the_rebuild_command_and_try_load_warns(tmp_path):
    with pytest.raises(ModelError, match="lagebild train dep"):
        load_dep(tmp_path / "none")
    with pytest.warns(RuntimeWarning, match="without sentence structure"):
        assert try_load_dep(tmp_path / "none") is None


def _parsed(words, heads, deps) -> SentenceTokens:
    st = SentenceTokens(Sentence(index=0, start=0, end=0, text=""))
    pos = 0
    for i, w in enumerate(words):
        st.tokens.append(Token(i=i, text=w, start=pos, end=pos + len(w)))
        pos += len(w) + 1
    st.heads, st.deps = heads, deps
    return st


def test_attachment_reads_the_verb_group_passive_coordination_and_prepositions():
    # Russland und China haben die Ukraine angegriffen .
    st = _parsed(["Russland", "und", "China", "haben", "die", "Ukraine", "angegriffen", "."],
                 [3, 0, 1, 3, 5, 6, 3, 6], ["subj", "kon", "cj", "root", "det", "obja", "aux", "punct"])
    assert verb_group(st, 6) == {3, 6}
    assert attachment(st, 0, 1, 6) == "subj"
    assert attachment(st, 2, 3, 6) == "subj"          # the second conjunct stands where the first does
    assert attachment(st, 4, 6, 6) == "obja"
    assert cue_label(st, 6) == "root"
    # Der Mann wurde von der Polizei festgenommen .
    st = _parsed(["Der", "Mann", "wurde", "von", "der", "Polizei", "festgenommen", "."],
                 [1, 2, 2, 6, 5, 3, 2, 6], ["det", "subj", "root", "pp", "det", "pn", "aux", "punct"])
    assert attachment(st, 4, 6, 6) == "pp:von|pass"
    assert attachment(st, 0, 2, 6) == "subj|pass"
    assert span_head(st, 4, 6) == 5
    # Russland wird die Ukraine angreifen . -- the future, not a passive
    st = _parsed(["Russland", "wird", "die", "Ukraine", "angreifen", "."],
                 [1, 1, 3, 4, 1, 4], ["subj", "root", "det", "obja", "aux", "punct"])
    assert attachment(st, 0, 1, 4) == "subj" and attachment(st, 2, 4, 4) == "obja"


@pytest.mark.parametrize("rel, short", [
    ("subj", "subj"), ("subj|pass", "subj|pass"), ("pp:von|pass", "pp|pass"), ("pp:gegen", "pp"),
    ("subj/gmod|pass", "subj/gmod|pass"), ("up:obja:subj", "up:obja"), ("up:pn:mit:subj", "up:pn"),
    ("none", "none")])
def test_coarse_attachments_drop_the_preposition_and_the_place_above(rel, short):
    assert coarse(rel) == short


def test_attachment_climbs_to_a_governing_verb_and_says_so():
    # Die Armee startete einen Angriff auf die Stadt .
    st = _parsed(["Die", "Armee", "startete", "einen", "Angriff", "auf", "die", "Stadt", "."],
                 [1, 2, 2, 4, 2, 4, 7, 5, 7], ["det", "subj", "root", "det", "obja", "pp", "det", "pn", "punct"])
    assert attachment(st, 0, 2, 4) == "up:obja:subj"
    assert attachment(st, 6, 8, 4) == "pp:auf"
    assert attachment(st, 4, 5, 4) == "inside"
    # Russland droht mit einem Angriff . -- through the preposition to the verb
    st = _parsed(["Russland", "droht", "mit", "einem", "Angriff", "."],
                 [1, 1, 1, 4, 2, 4], ["subj", "root", "objp", "det", "pn", "punct"])
    assert attachment(st, 0, 1, 4) == "up:pn:mit:subj"
    assert cue_label(st, 4) == "pn"
    unparsed = _parsed(["Er", "kam"], None, None)
    assert attachment(unparsed, 0, 1, 1) == "noparse" and cue_label(unparsed, 1) == "noparse"


def test_a_built_parser_finds_subject_and_object(shared):
    from lagebild.modelinfo import dep_model_dir
    if not (dep_model_dir() / "config.cfg").is_file():
        pytest.skip("no dependency parser built (not shipped; `lagebild train dep` builds it)")
    dep = load_dep()
    [(heads, labels)] = dep.parse([["Die", "Polizei", "nahm", "den", "Mann", "fest", "."]])
    assert labels[1] == "subj" and heads[1] == 2
    assert labels[4] == "obja" and heads[4] == 2
    assert dep.meta["gsd_dev_labels"]["subj"]["f1"] > 0.7


class _FakeDep:
    """A stand-in parser: the second token heads the sentence, the first is its subject, the
    others its objects (enough to see the features reach the models)."""

    path = None
    fingerprint = "fake"

    def parse(self, sentences):
        out = []
        for words in sentences:
            n = len(words)
            heads = [1 if n > 1 else 0] + [1] * (n - 1)
            labels = ["subj"] + ["root"] + ["obja"] * (n - 2)
            out.append((heads, labels))
        return out


def test_the_learned_coder_reads_structure_only_where_its_model_says_so():
    from lagebild.learned.features import DocContext, role_features, trigger_features
    from lagebild.pipeline import Analyzer
    from lagebild.records import Article
    shipped = Analyzer(use_models=False, coder="learned")
    assert shipped.learned is not None and shipped.dep is None     # the shipped model reads no parse
    an = Analyzer(use_models=False, coder="rules")
    an.dep = _FakeDep()
    st = an.stages(Article(doc_id="x", text="Spanien kritisierte Polen scharf."))
    [sent] = st.sent_tokens
    assert sent.heads is not None and sent.deps[0] == "subj"
    ms = st.actors.mentions
    spain = next(m for m in ms if m.code == "ESP")
    with_parse = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events, parse=True)
    without = DocContext.build(st.sent_tokens, st.actors, an.coder.lex, st.rule_events)
    assert "dep=subj" in role_features(sent, 1, "ACCUSE", spain, with_parse)
    assert not any(f.startswith("dep=") for f in role_features(sent, 1, "ACCUSE", spain, without))
    assert "mdep=subj" in trigger_features(sent, 1, with_parse)


def test_training_with_parse_records_the_parser_and_feeds_its_structure_to_the_models(monkeypatch):
    import lagebild.depparse
    from lagebild.learned.train import Prepared, examples
    from lagebild.pipeline import Analyzer
    from lagebild.corpus import CorpusDoc, anchor, text_hash, valid_codes
    monkeypatch.setattr(lagebild.depparse, "load_dep", lambda path=None: _FakeDep())
    text = "Spanien kritisierte Polen scharf."
    events, problems = anchor(text, {"doc_id": "w", "events": [{
        "type": "ACCUSE", "factuality": "asserted", "cue": "kritisierte",
        "source": [{"text": "Spanien", "code": "ESP"}], "target": [{"text": "Polen", "code": "POL"}]}]},
        valid_codes())
    assert not problems
    doc = CorpusDoc(doc_id="w", dataset="lagebild-written", split="train", text_sha1=text_hash(text),
                    events=events, written=True, text=text)
    an = Analyzer(use_models=False, coder="rules")
    an.dep = lagebild.depparse.load_dep()
    prep = Prepared(doc, an)
    assert prep.ctx.parse
    role_rows = examples(prep)[1]
    assert any("dep=subj" in feats and label == "source" for feats, label in role_rows)


def test_a_model_trained_on_another_parser_or_none_warns_with_what_to_do(monkeypatch, tmp_path):
    import lagebild.depparse
    from lagebild.pipeline import _parser_for
    meta = {"uses_parse": True, "dep_fingerprint": "other", "dep_path": None}
    monkeypatch.setenv("LAGEBILD_DEP_MODEL", str(tmp_path / "none"))
    with pytest.warns(RuntimeWarning, match="without sentence structure.*LAGEBILD_DEP_MODEL"):
        assert _parser_for(meta) is None
    monkeypatch.setattr(lagebild.depparse, "load_dep", lambda path=None: _FakeDep())
    with pytest.warns(RuntimeWarning, match="another dependency parser.*LAGEBILD_DEP_MODEL"):
        assert _parser_for(meta) is not None


def test_the_judge_reads_where_the_sides_stand_only_for_a_model_that_reads_structure():
    from lagebild.actors import Mention
    from lagebild.learned.judge import Candidate, dyad_features, group
    from lagebild.records import Participant
    # Spanien kritisierte Polen .
    st = _parsed(["Spanien", "kritisierte", "Polen", "."], [1, 1, 1, 2], ["subj", "root", "obja", "punct"])
    src = Mention(0, 0, 1, 0, 7, "Spanien", "ESP", "GOV", "state")
    tgt = Mention(0, 2, 3, 20, 25, "Polen", "POL", "GOV", "state")
    c = Candidate("ACCUSE", Participant(None, "Spanien", "ESP"), Participant(None, "Polen", "POL"), 0.6, 0.7,
                  0.8, 1, 1, sent=0, st=st, k=1, lemma="kritisieren", src_m=src, tgt_m=tgt)
    [d] = group([c])
    assert {"Sdep=subj", "Gdep=obja", "SGdep=subj|obja"} <= set(dyad_features(d, [d], {}, parse=True))
    assert not any("dep=" in f for f in dyad_features(d, [d], {}))
