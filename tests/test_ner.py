"""NER: label mappings, readers, scorer, TSV tagging, model loading and the shipped model."""
from __future__ import annotations

import io
import json
import lzma
import shutil

import pytest
import spacy
from click.testing import CliRunner

from lagebild.errors import DataError, InputError, ModelError
from lagebild.evaluate.ner import evaluate_file, gold_tag, tag_file
from lagebild.ner import (MODEL_DIR, TaggedSentence, bio_to_spans, clear_cache, europeana_tag, germeval_tag,
                          ler_tag, load_ner, read_conll, read_europeana, read_germeval, read_tsv,
                          mention_pools, score_spans, spans_to_bio, surname_consistency,
                          swap_mentions, train_ner, try_load_ner)
from lagebild.records import Entity

TSV = (
    "#\thttp://example.org/a\t[2024-01-02]\n"
    "1\tGestern\tO\tO\n"
    "2\tsprach\tO\tO\n"
    "3\tAnna\tB-PER\tO\n"
    "4\tKowalski\tI-PER\tO\n"
    "5\tin\tO\tO\n"
    "6\tLeipzig\tB-LOC\tO\n"
    "7\t.\tO\tO\n"
    "\n"
    "\n"
    "#\thttp://example.org/b\t[2024-01-03]\n"
    "1\tDie\tO\tO\n"
    "2\tdeutsche\tB-LOCderiv\tO\n"
    "3\tBahn\tO\tO\n"
    "4\tstreikt\tO\tO\n"
    "\n"
)


class FakeModel:
    """Tags every capitalised token after the first as B-PER (deterministic, no model)."""

    def tag_sentences(self, sentences, batch_size=128):
        return [["B-PER" if i and w[:1].isupper() else "O" for i, w in enumerate(s)]
                for s in sentences]


@pytest.fixture(scope="module")
def shipped():
    clear_cache()
    return load_ner()


# -- label mappings ---------------------------------------------------------

def test_germeval_tags_map_to_outer_level_with_deriv_and_part_as_o():
    assert germeval_tag("B-PER") == "B-PER"
    assert germeval_tag("I-ORG") == "I-ORG"
    assert germeval_tag("B-LOCderiv") == "O"
    assert germeval_tag("I-ORGpart") == "O"
    assert germeval_tag("B-OTH") == "B-MISC"
    assert germeval_tag("I-OTH", misc=False) == "O"
    assert germeval_tag("O") == "O"
    with pytest.raises(ValueError):
        germeval_tag("B-FOO")


def test_ler_fine_classes_map_to_per_loc_org_and_norms_to_o():
    assert ler_tag("B-RR") == "B-PER"
    assert ler_tag("I-AN") == "I-PER"
    assert ler_tag("B-ST") == "B-LOC"
    assert ler_tag("B-LDS") == "B-LOC"
    assert ler_tag("B-GRT") == "B-ORG"
    assert ler_tag("I-MRK") == "I-ORG"
    for fine in ("GS", "VO", "EUN", "VS", "VT", "RS", "LIT"):
        assert ler_tag(f"B-{fine}") == "O"
    with pytest.raises(ValueError):
        ler_tag("B-XYZ")


def test_europeana_tag_slips_are_repaired_and_unknown_labels_rejected():
    assert europeana_tag("B-PEr") == "B-PER"
    assert europeana_tag("B_LOC") == "B-LOC"
    assert europeana_tag("I-MISC") == "O"
    with pytest.raises(ValueError):
        europeana_tag("B-BER")


def test_gold_tags_accept_germeval_and_plain_conll_tags():
    assert gold_tag("B-MISC") == "B-MISC"
    assert gold_tag("B-PERderiv") == "O"
    with pytest.raises(ValueError):
        gold_tag("PER")


def test_bio_to_spans_is_lenient_like_conlleval():
    tags = ["I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG"]
    assert bio_to_spans(tags) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]
    assert spans_to_bio(7, bio_to_spans(tags)) == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG",
                                                   "B-ORG", "I-ORG"]


def test_mention_swap_replaces_entities_and_keeps_bio_consistent():
    import random
    sent = TaggedSentence(["Gestern", "sprach", "Anna", "Kowalski", "in", "Leipzig"],
                          ["O", "O", "B-PER", "I-PER", "O", "B-LOC"])
    pools = {"PER": [[("Max",)]], "LOC": [[("Bad", "Ems")]]}
    new = swap_mentions(sent, pools, random.Random(0), 1.0)
    assert new.words == ["Gestern", "sprach", "Max", "in", "Bad", "Ems"]
    assert new.tags == ["O", "O", "B-PER", "O", "B-LOC", "I-LOC"]
    assert swap_mentions(sent, pools, random.Random(0), 0.0).words == sent.words


def test_mention_pools_skip_ocr_junk_and_long_mentions():
    sents = [TaggedSentence(["Herr", "Cuno.", "und", "Otto", "Weber", "in", "1880"],
                            ["O", "B-PER", "O", "B-PER", "I-PER", "O", "B-LOC"])]
    assert mention_pools([sents]) == {"PER": [[("Otto", "Weber")]]}


def test_surname_of_a_full_name_is_a_person_elsewhere_in_the_document():
    words = ["Makarim", "Wibisono", "sagte", ",", "Wibisono", "werde", "Wibisonos", "Amt",
             "in", "Genf", "abgeben", "."]
    spans = [(0, 2, "PER"), (4, 5, "LOC"), (9, 10, "LOC")]
    assert surname_consistency(words, spans) == [(0, 2, "PER"), (4, 5, "PER"), (6, 7, "PER"),
                                                 (9, 10, "LOC")]
    # no full name, nothing changes
    assert surname_consistency(words, [(1, 2, "PER"), (4, 5, "LOC")]) == [(1, 2, "PER"),
                                                                          (4, 5, "LOC")]


# -- scorer -----------------------------------------------------------------

def test_scorer_counts_exact_spans_per_label_and_micro():
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O"],
            ["B-ORG", "I-ORG", "O", "B-MISC"],
            ["O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC", "O"],      # PER boundary wrong: fp+fn; LOC tp
            ["B-ORG", "I-ORG", "B-MISC", "O"],      # ORG tp; MISC ignored on both sides
            ["B-PER", "O"]]                         # PER fp; LOC fn
    s = score_spans(gold, pred)
    assert (s["PER"]["tp"], s["PER"]["fp"], s["PER"]["fn"]) == (0, 2, 1)
    assert s["PER"]["f1"] == 0.0
    assert (s["LOC"]["precision"], s["LOC"]["recall"]) == (1.0, 0.5)
    assert s["LOC"]["f1"] == pytest.approx(2 / 3)
    assert s["ORG"]["f1"] == 1.0
    assert (s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]) == (2, 2, 2)
    assert s["micro"]["f1"] == pytest.approx(0.5)
    assert "MISC" not in s


def test_evaluate_file_maps_gold_deriv_to_o(tmp_path):
    p = tmp_path / "gold.tsv"
    p.write_text(TSV, encoding="utf-8")
    s = evaluate_file(p, FakeModel())
    # FakeModel: sentence 1 -> Anna, Kowalski, Leipzig as single-token PER; sentence 2 -> Bahn
    # gold: PER "Anna Kowalski", LOC "Leipzig"; "deutsche" (LOCderiv) is O
    assert (s["PER"]["tp"], s["PER"]["fp"], s["PER"]["fn"]) == (0, 4, 1)
    assert (s["LOC"]["tp"], s["LOC"]["fn"]) == (0, 1)
    assert s["_counts"] == {"sentences": 2, "tokens": 11}


# -- readers and writer -----------------------------------------------------

def test_tsv_tagging_appends_one_column_and_keeps_every_other_line(tmp_path):
    p = tmp_path / "in.tsv"
    p.write_text(TSV, encoding="utf-8")
    out = io.StringIO()
    counts = tag_file(p, out, FakeModel())
    in_lines = TSV.splitlines()
    out_lines = out.getvalue().splitlines()
    assert len(out_lines) == len(in_lines)
    for a, b in zip(in_lines, out_lines):
        if not a or a.startswith("#"):
            assert a == b
        else:
            head, _, tag = b.rpartition("\t")
            assert head == a
            assert tag in ("O", "B-PER")
    assert out_lines[3] == "3\tAnna\tB-PER\tO\tB-PER"
    assert counts == {"sentences": 2, "tokens": 11, "entities": 4}
    # round trip: the written file reads back as the same sentences plus one column
    q = tmp_path / "out.tsv"
    q.write_text(out.getvalue(), encoding="utf-8")
    a, b = read_tsv(p, tag_col=2), read_tsv(q, tag_col=4)
    assert [x.words for x in a] == [x.words for x in b]
    assert [x.lines for x in a] == [[ln.rsplit("\t", 1)[0] if not ln.startswith("#") else ln
                                     for ln in x.lines] for x in b]


def test_tsv_row_without_token_column_names_file_and_line(tmp_path):
    p = tmp_path / "bad.tsv"
    p.write_text("#\tx\n1\tEins\tO\tO\nkaputt\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        tag_file(p, io.StringIO(), FakeModel())
    assert err.value.line == 3 and "bad.tsv" in str(err.value)


def test_training_reader_rejects_unknown_germeval_tag_with_line(tmp_path):
    p = tmp_path / "NER-de-dev.tsv"
    p.write_text("#\tx\n1\tEins\tO\tO\n2\tZwei\tB-XYZ\tO\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"NER-de-dev\.tsv:3"):
        read_germeval(p)


def test_conll_reader_maps_ler_and_rejects_bad_line(tmp_path):
    good = tmp_path / "ler.conll.xz"
    with lzma.open(good, "wt", encoding="utf-8") as fh:
        fh.write("Richter B-RR\nMüller I-RR\nin O\nKassel B-ST\n\n§ O\n5 B-GS\n")
    sents = read_conll(good)
    assert [s.tags for s in sents] == [["B-PER", "I-PER", "O", "B-LOC"], ["O", "O"]]
    bad = tmp_path / "bad.conll"
    bad.write_text("Richter B-RR\nMüller\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.conll:2"):
        read_conll(bad)


def test_europeana_reader_chunks_at_sentence_ends_and_skips_irregular_lines(tmp_path):
    words = ["Der", "Kaiser", "Wilhelm", "reiste", "gestern", "nach", "Wien", "und", "sprach",
             "dort", "mit", "vielen", "."]
    tags = ["O", "O", "B-PER", "O", "O", "O", "B-LOC", "O", "O", "O", "O", "O", "O"]
    lines = [f"{w} {t}" for w, t in zip(words, tags)]
    lines += ["Dann O", "kam O", "Bismarck B_PER", "zurück O", "Donau", "aus O", "Berlin B-LOC"]
    p = tmp_path / "enp.bio"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = read_europeana(p, min_len=5, max_irregular=0.5)
    assert [c.words[0] for c in chunks] == ["Der", "Dann"]   # split at ". Dann"; "aus Berlin" too short
    assert chunks[1].tags == ["O", "O", "B-PER", "O"]
    with pytest.raises(DataError, match=r"enp\.bio:18"):
        read_europeana(p, min_len=5, max_irregular=0.0)


def test_training_stops_at_once_on_missing_data_file(tmp_path):
    (tmp_path / "germeval2014").mkdir()
    (tmp_path / "germeval2014" / "NER-de-dev.tsv").write_text(TSV, encoding="utf-8")
    with pytest.raises(DataError, match=r"ler_train\.conll\.xz"):
        train_ner(data_dir=tmp_path, out=tmp_path / "model")
    assert not (tmp_path / "model").exists()


# -- model loading ----------------------------------------------------------

def test_missing_model_raises_model_error_with_rebuild_hint(tmp_path):
    with pytest.raises(ModelError, match="lagebild train ner"):
        load_ner(tmp_path / "nothing_here")


def test_corrupt_model_raises_model_error_and_try_load_warns(tmp_path):
    broken = tmp_path / "ner_de"
    shutil.copytree(MODEL_DIR, broken)
    (broken / "ner" / "model").write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ModelError, match="lagebild train ner"):
        load_ner(broken)
    with pytest.warns(RuntimeWarning, match="dictionary"):
        assert try_load_ner(broken) is None


def test_load_is_cached_per_process(shipped):
    assert load_ner() is shipped


# -- the shipped model ------------------------------------------------------

def test_shipped_model_finds_person_and_city_in_new_sentence(shipped):
    text = "Der Bürgermeister Thomas Wagner eröffnete am Montag in Regensburg eine neue Brücke."
    ents = shipped.predict(text)
    assert all(isinstance(e, Entity) and text[e.start:e.end] == e.text for e in ents)
    labels = {e.text: e.label for e in ents}
    assert labels.get("Thomas Wagner") == "PER"
    assert labels.get("Regensburg") == "LOC"


def test_annotate_sets_ents_on_doc_of_another_blank_pipeline(shipped):
    other = spacy.blank("de")          # its own vocab, no NER labels in its strings
    doc = other("Die Außenministerin Sabine Krüger traf in Lissabon ihren Amtskollegen.")
    shipped.annotate(doc)
    got = {(e.text, e.label_) for e in doc.ents}
    assert any(label == "PER" and text.endswith("Krüger") for text, label in got), got
    assert ("Lissabon", "LOC") in got
    assert doc.vocab is other.vocab
    # existing entities win with keep_existing
    from spacy.tokens import Span
    doc.ents = [Span(doc, 2, 4, label="ORG")]       # "Sabine Krüger", set by someone else
    shipped.annotate(doc, keep_existing=True)
    assert (doc.ents[0].text, doc.ents[0].label_) == ("Sabine Krüger", "ORG")
    assert "Lissabon" in {e.text for e in doc.ents}
    shipped.annotate(doc)                              # default: the model's entities replace
    assert "ORG" not in {e.label_ for e in doc.ents}


def test_ner_cli_writes_tsv_with_predicted_column(tmp_path):
    from lagebild.cli import main
    p = tmp_path / "in.tsv"
    p.write_text(TSV, encoding="utf-8")
    out = tmp_path / "out.tsv"
    res = CliRunner().invoke(main, ["ner", str(p), "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(TSV.splitlines())
    tok = [ln for ln in lines if ln and not ln.startswith("#")]
    assert all(len(ln.split("\t")) == 5 for ln in tok)
    assert all(ln.split("\t")[4] == "O" or ln.split("\t")[4][:2] in ("B-", "I-") for ln in tok)


def test_eval_ner_cli_json_reports_per_loc_org_and_micro(tmp_path):
    from lagebild.cli import main
    p = tmp_path / "gold.tsv"
    p.write_text(TSV, encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", "ner", str(p), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data["scores"]) == {"PER", "LOC", "ORG", "micro"}
    assert data["tokens"] == 11
    assert data["scores"]["PER"]["support"] == 1


def test_ner_cli_missing_model_fails_with_rebuild_hint(tmp_path):
    from lagebild.cli import main
    p = tmp_path / "in.tsv"
    p.write_text(TSV, encoding="utf-8")
    res = CliRunner().invoke(main, ["ner", str(p), "--model", str(tmp_path / "none")])
    assert res.exit_code != 0
    assert "lagebild train ner" in res.output


def test_gazetteer_fills_dictionary_names_the_model_missed():
    from lagebild.ner import gazetteer_fill
    words = ["Die", "Europäische", "Union", "und", "Kanada", "einigten", "sich", "."]
    spans = gazetteer_fill(words, [])
    assert (1, 3, "ORG") in spans and (4, 5, "LOC") in spans
    # a model prediction is never overwritten
    assert gazetteer_fill(words, [(4, 5, "ORG")]).count((4, 5, "ORG")) == 1
    # role-like government nouns are not names for GermEval: not filled
    assert gazetteer_fill(["Der", "Papst", "sprach", "."], []) == []


def test_leading_role_nouns_are_dropped_from_predicted_entities():
    from lagebild.ner import is_role_word, strip_role_prefix
    words = "Die Nachrichtenagentur AFP und der Chemiekonzern BASF sowie die Bundesagentur für Arbeit".split()
    spans = [(1, 3, "ORG"), (5, 7, "ORG"), (9, 12, "ORG")]
    assert strip_role_prefix(words, spans) == [(2, 3, "ORG"), (6, 7, "ORG"), (9, 12, "ORG")]
    assert is_role_word("Technologie-Konzerns") and not is_role_word("Kyocera")
    # a one-token entity and a role word before a lower-case token stay as they are
    assert strip_role_prefix(["Nachrichtenagentur"], [(0, 1, "ORG")]) == [(0, 1, "ORG")]


def test_news_sentences_can_be_restricted_to_some_annotators(tmp_path):
    from lagebild.corpus import text_hash
    from lagebild.ner import read_news
    text = "Angela Merkel traf Emmanuel Macron in Paris. Die EU tagte in Brüssel."
    first, second = text[:44], text[45:]
    rows = [{"doc_id": "d", "start": 0, "end": 44, "text_sha1": text_hash(first),
             "entities": [[0, 13, "PER"], [19, 34, "PER"], [38, 43, "LOC"]], "annotator": "N1"},
            {"doc_id": "d", "start": 45, "end": len(text), "text_sha1": text_hash(second),
             "entities": [[49, 51, "ORG"], [62, 69, "LOC"]], "annotator": "M9"}]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    texts = {"d": ("Inland", text)}
    assert len(read_news(path, texts)) == 2
    (only,) = read_news(path, texts, annotators=["N1"])
    assert only.words[:2] == ["Angela", "Merkel"] and only.tags[:2] == ["B-PER", "I-PER"]


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_blas_ops_multiply_as_thinc_does(trans1, trans2):
    import numpy
    from thinc.api import NumpyOps
    from lagebild.inference import BlasOps
    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5) if not trans1 else (5, 7), dtype="float32")
    y = rng.random((5, 3) if not trans2 else (3, 5), dtype="float32")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = BlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == (7, 3) and numpy.allclose(got, want, atol=1e-5)
    out = numpy.zeros((7, 3), dtype="float32")
    assert BlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    assert numpy.allclose(out, want, atol=1e-5)


def test_loaded_model_tags_with_blas_ops_and_cached_vectors(shipped):
    from lagebild.inference import BlasOps
    from lagebild.vectors import CachedVectors
    m = load_ner()
    assert all(isinstance(node.ops, BlasOps) for node in m.ner.model.walk())
    assert isinstance(m.nlp.vocab.vectors, CachedVectors)
    assert m.tag_sentences([["Angela", "Merkel", "besuchte", "Paris", "."]])[0][:2] == ["B-PER", "I-PER"]


def test_news_sentences_are_held_out_for_early_stopping_by_whole_article():
    from lagebild.ner import TaggedSentence, hold_out_articles
    sents = [TaggedSentence([w], ["O"], doc=d) for d, w in
             [("a", "1"), ("b", "2"), ("a", "3"), ("c", "4"), ("d", "5"), ("c", "6")]]
    kept, held = hold_out_articles(sents, 2)
    assert {x.doc for x in held} == {"a", "c"} and {x.doc for x in kept} == {"b", "d"}
    assert len(kept) + len(held) == len(sents)
    assert hold_out_articles(sents, 0) == (sents, [])


@pytest.mark.needs_shared
def test_eval_ner_scores_the_news_check_sentences(shipped):
    """The 299 news sentences annotated from scratch and never trained on (data/ner/check)."""
    from click.testing import CliRunner
    from lagebild.cli import main
    from lagebild.corpus import data_dir
    from lagebild.ner import default_data_dir
    if not (default_data_dir() / "10kgnad" / "articles.csv.xz").exists():
        pytest.skip("../shared/data/10kgnad not present: the sentence texts live there")
    r = CliRunner().invoke(main, ["eval", "ner", str(data_dir() / "ner" / "check" / "news_blind.jsonl"), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["sentences"] == 299 and d["scores"]["micro"]["support"] == 318
    assert d["scores"]["micro"]["f1"] >= 0.75            # 0.805 for the shipped model (session 11)
    bad = CliRunner().invoke(main, ["eval", "ner", str(data_dir() / "ner" / "check" / "news_blind.jsonl"),
                                    "--holdout"])
    assert bad.exit_code == 2 and "GermEval 2014 dev" in bad.output
