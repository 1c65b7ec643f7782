"""Static floret vectors for the NER model: corpus, training, conversion, loading, errors."""
from __future__ import annotations

import json

import numpy
import pytest

from lagebild.errors import DataError
from lagebild.vectors import (CachedVectors, VectorSettings, floret_to_spacy, load_vectors, train_floret,
                              train_vectors, vector_texts, write_corpus)

TINY = VectorSettings(dim=8, bucket=500, epoch=1, min_count=1, threads=1)

GERMEVAL = "".join(
    f"#\thttp://example.org/{i}\t[2024-01-02]\n1\tSatz{i}\tO\tO\n2\tin\tO\tO\n3\tBerlin\tB-LOC\tO\n\n"
    for i in range(10))


def _corpus_text(n=200):
    words = "der die das Berlin Paris Merkel Regierung sagte am Montag in und".split()
    rng = numpy.random.default_rng(0)
    return "\n".join(" ".join(rng.choice(words, 8)) for _ in range(n)) + "\n"


def test_write_corpus_one_sentence_per_line_and_no_spaces_inside_tokens(tmp_path):
    p = tmp_path / "c.txt"
    n = write_corpus([["Der", "Rat", "."], [], ["New York", "liegt"], ["  "]], p)
    assert n == (2, 5)
    assert p.read_text(encoding="utf-8").splitlines() == ["Der Rat .", "New_York liegt"]


def test_floret_table_becomes_spacy_floret_vectors_with_subword_oov(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text(_corpus_text(), encoding="utf-8")
    table = tmp_path / "v.floret"
    train_floret(corpus, table, TINY)
    vec = floret_to_spacy(table, tmp_path / "vec", TINY)
    assert vec.mode == "floret" and vec.shape == (500, 8)
    loaded = load_vectors(tmp_path / "vec")
    assert loaded.shape == (500, 8)
    # a word never seen in training still gets a vector from its character n-grams
    oov = loaded.get_batch(["Berlinerinnen"])[0]
    assert numpy.abs(oov).sum() > 0
    assert numpy.allclose(loaded.get_batch(["Berlin"]), vec.get_batch(["Berlin"]))


def test_bad_floret_table_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.floret"
    bad.write_text("2 3 3 5 2 0 < >\n0 0.1 0.2 0.3\n1 0.1 oops\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.floret:3"):
        floret_to_spacy(bad, tmp_path / "out", TINY)
    with pytest.raises(DataError, match="not a floret table"):
        (tmp_path / "b2.floret").write_text("10 3\n", encoding="utf-8")
        floret_to_spacy(tmp_path / "b2.floret", tmp_path / "out", TINY)


def test_cached_vectors_give_the_table_s_vectors_and_hash_each_word_once(tmp_path, monkeypatch):
    corpus = tmp_path / "c.txt"
    corpus.write_text(_corpus_text(), encoding="utf-8")
    train_floret(corpus, tmp_path / "v.floret", TINY)
    table = floret_to_spacy(tmp_path / "v.floret", tmp_path / "vec", TINY)
    words = ["Berlin", "Merkel", "Berlin", "Berlinerinnen", "und", "Merkel"]
    keys = numpy.array([table.strings.add(w) for w in words], dtype="uint64")
    want = numpy.asarray(table.get_batch(keys))
    cached = CachedVectors(table, max_words=3)
    asked = []
    real = table.get_batch
    monkeypatch.setattr(cached, "table", type("T", (), {
        "get_batch": lambda self, k: asked.append(len(k)) or real(k),
        "shape": table.shape, "strings": table.strings})())
    assert numpy.array_equal(cached.get_batch(keys), want)   # 4 distinct words > 3: new cache
    assert numpy.array_equal(cached.get_batch(keys[:2]), want[:2])
    assert numpy.array_equal(cached.get_batch(keys[:2]), want[:2])
    assert asked == [4, 2]        # the third call hashed nothing
    assert cached.shape == table.shape


def test_load_vectors_rejects_a_folder_without_vectors(tmp_path):
    import spacy
    with pytest.raises(DataError, match="lagebild train vectors"):
        load_vectors(tmp_path / "missing")
    spacy.blank("de").to_disk(tmp_path / "blank")
    with pytest.raises(DataError, match="no floret vectors"):
        load_vectors(tmp_path / "blank")


def _mini_data(tmp_path):
    d = tmp_path / "data"
    (d / "germeval2014").mkdir(parents=True)
    (d / "germeval2014" / "NER-de-dev.tsv").write_text(GERMEVAL, encoding="utf-8")
    (d / "spkatt2023" / "train").mkdir(parents=True)
    (d / "spkatt2023" / "train" / "s.json").write_text(json.dumps(
        {"Sentences": [{"SentenceId": 0, "Tokens": ["Herr", "Präsident", "!"]}]}), encoding="utf-8")
    (d / "europeana_ner_de").mkdir()
    for n in ("lft", "onb", "sbb"):
        (d / "europeana_ner_de" / f"enp_DE.{n}.bio").write_text(
            "Der O\nKaiser O\nreiste O\nnach O\nWien B-LOC\n. O\n", encoding="utf-8")
    return d


def test_vector_texts_leave_out_germeval_holdout_and_early_stopping_sentences(tmp_path):
    d = _mini_data(tmp_path)
    texts = list(vector_texts(d, ler=False))
    ge = [t[0] for t in texts if t[0].startswith("Satz")]
    # sentence i is held out when i % 5 == 4, early-stopping dev when i % 10 == 2
    assert ge == [f"Satz{i}" for i in (0, 1, 3, 5, 6, 7, 8)]
    assert ["Herr", "Präsident", "!"] in texts
    assert sum(t[:2] == ["Der", "Kaiser"] for t in texts) == 3


def test_train_vectors_stops_on_missing_data_file(tmp_path):
    d = _mini_data(tmp_path)
    with pytest.raises(DataError, match=r"ler_train\.conll\.xz"):
        train_vectors(d, tmp_path / "out", settings=TINY, log=lambda m: None)
    (d / "spkatt2023" / "train" / "s.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match=r"s\.json"):
        train_vectors(d, tmp_path / "out", settings=VectorSettings(ler=False), log=lambda m: None)


def test_shipped_ner_config_and_model_use_floret_vectors():
    from spacy.util import load_config
    from lagebild.ner import CONFIG_PATH, MODEL_DIR, _uses_static_vectors, clear_cache, load_ner
    assert _uses_static_vectors(load_config(CONFIG_PATH))
    if not (MODEL_DIR / "meta.json").is_file():
        pytest.skip("no shipped model")
    clear_cache()
    v = load_ner().nlp.vocab.vectors
    assert v.mode == "floret" and v.shape[1] == 100


def test_train_vectors_cli_fails_with_message_on_missing_data(tmp_path):
    from click.testing import CliRunner
    from lagebild.cli import main
    res = CliRunner().invoke(main, ["train", "vectors", "--data", str(tmp_path / "none"),
                                    "--out", str(tmp_path / "v")])
    assert res.exit_code != 0
    assert "data folder not found" in res.output
    assert not (tmp_path / "v").exists()


def test_train_ner_trains_vectors_first_and_ships_them_in_the_model(tmp_path, monkeypatch):
    """End to end on tiny data: no --vectors -> floret vectors are trained, used and saved."""
    import lzma

    import lagebild.vectors as vectors_mod
    from lagebild.ner import TrainSettings, clear_cache, load_ner, train_ner

    d = _mini_data(tmp_path)
    (d / "ler_legal_ner").mkdir()
    ler = "".join("Das O\nGericht O\nin O\nKassel B-ST\nentschied O\n.\tO\n\n".replace("\t", " ")
                  for _ in range(20))
    for name in ("ler_train.conll.xz", "ler_dev.conll.xz"):
        with lzma.open(d / "ler_legal_ner" / name, "wt", encoding="utf-8") as fh:
            fh.write(ler)
    monkeypatch.setattr(vectors_mod, "VectorSettings", lambda: TINY)
    s = TrainSettings(pretrain_epochs=0, max_steps=4, eval_every=2, ler_per_epoch=10,
                      max_minutes=2)
    meta = train_ner(data_dir=d, out=tmp_path / "model", settings=s, log=lambda m: None)
    assert meta["vectors"] == {"mode": "floret", "shape": [500, 8]}
    clear_cache()
    model = load_ner(tmp_path / "model")
    assert model.nlp.vocab.vectors.mode == "floret"
    assert model.nlp.vocab.vectors.shape == (500, 8)
    model.predict("Der Kaiser reiste nach Wien.")     # runs; a 4-step model predicts anything
    clear_cache()


def test_cached_vectors_are_safe_to_share_between_threads(tmp_path):
    """One analyzer may tag in several threads (Dask workers): every batch gets its own vectors."""
    from concurrent.futures import ThreadPoolExecutor
    corpus = tmp_path / "c.txt"
    corpus.write_text(_corpus_text(), encoding="utf-8")
    train_floret(corpus, tmp_path / "v.floret", TINY)
    table = floret_to_spacy(tmp_path / "v.floret", tmp_path / "vec", TINY)
    words = [f"Wort{i}" for i in range(300)]
    keys = numpy.array([table.strings.add(w) for w in words], dtype="uint64")
    want = numpy.asarray(table.get_batch(keys))
    cached = CachedVectors(table, max_words=50)          # small: the cache is cleared often
    batches = [numpy.random.default_rng(i).choice(len(words), 40) for i in range(200)]
    with ThreadPoolExecutor(4) as ex:
        got = list(ex.map(lambda b: cached.get_batch(keys[b]), batches))
    assert all(numpy.array_equal(g, want[b]) for g, b in zip(got, batches))
