"""POS + case tagger (lagebild/parser.py): CoNLL-U reading, loading errors, the shipped model."""
from __future__ import annotations

import pytest
import spacy

from lagebild.errors import DataError, ModelError
from lagebild.parser import load_morph, read_conllu, score_tags, try_load_morph

CONLLU = (
    "# sent_id = x1\n"
    "1\tDer\tder\tDET\tART\tCase=Nom|Gender=Masc\t2\tdet\t_\t_\n"
    "2\tMinister\tMinister\tNOUN\tNN\tCase=Nom|Gender=Masc\t3\tnsubj\t_\t_\n"
    "3\tlebt\tleben\tVERB\tVVFIN\t_\t0\troot\t_\t_\n"
    "4-5\tim\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\tin\tin\tADP\tAPPR\t_\t6\tcase\t_\t_\n"
    "5\tdem\tder\tDET\tART\tCase=Dat|Gender=Neut\t6\tdet\t_\t_\n"
    "6\tHaus\tHaus\tNOUN\tNN\tCase=Dat|Gender=Neut\t3\tobl\t_\t_\n"
    "\n"
)


def test_conllu_keeps_multiword_tokens_as_surface_forms(tmp_path):
    p = tmp_path / "a.conllu"
    p.write_text(CONLLU, encoding="utf-8")
    [s] = read_conllu(p)
    assert s.words == ["Der", "Minister", "lebt", "im", "Haus"]
    assert s.pos == ["DET", "NOUN", "VERB", "ADP", "NOUN"]
    assert s.case == ["Nom", "Nom", "", "Dat", "Dat"]


def test_conllu_row_with_wrong_column_count_names_file_and_line(tmp_path):
    p = tmp_path / "b.conllu"
    p.write_text("# x\n1\tDer\tder\tDET\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"b\.conllu:2"):
        read_conllu(p)


def test_tag_scores_count_case_only_where_gold_or_prediction_has_one(tmp_path):
    p = tmp_path / "a.conllu"
    p.write_text(CONLLU, encoding="utf-8")
    gold = read_conllu(p)
    pred = [(["DET", "NOUN", "VERB", "ADP", "PROPN"], ["Nom", "Acc", "", "Dat", "Dat"])]
    s = score_tags(gold, pred)
    assert s["pos_acc"] == pytest.approx(4 / 5)
    assert (s["case_tokens"], s["case_acc"]) == (4, pytest.approx(3 / 4))
    assert s["pos_and_case_acc"] == pytest.approx(3 / 5)


def test_missing_pos_model_raises_and_try_load_warns(tmp_path):
    with pytest.raises(ModelError, match="lagebild train parser"):
        load_morph(tmp_path / "none")
    with pytest.warns(RuntimeWarning):
        assert try_load_morph(tmp_path / "none") is None


def test_trained_pos_model_tags_a_new_sentence():
    # the POS/case model is not shipped (not used by the analyzer; LIT is CC BY-NC-SA):
    # this runs where `lagebild train parser` has built it
    try:
        model = load_morph()
    except ModelError:
        pytest.skip("POS/case model not built (run `lagebild train parser`)")
    doc = spacy.blank("de")("Der Minister kritisierte am Montag die Opposition.")
    model.annotate(doc)
    assert doc[1].pos_ == "NOUN"
    assert doc[2].pos_ == "VERB"
    assert doc[-1].pos_ == "PUNCT"
