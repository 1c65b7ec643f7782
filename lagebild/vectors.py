"""Static German word vectors for the NER model, trained by lagebild itself.

No pretrained vectors can be downloaded where lagebild runs, so ``train_vectors``
trains floret vectors (fastText skipgram with subword n-grams stored in a small
hash table; spaCy's ``floret`` vectors mode) on the unlabeled text of the corpora
in ``../shared/data`` whose licenses allow redistribution of a derived model:

* the German legal NER corpus (LER, train + dev text; CC BY 4.0),
* the SpkAtt-2023 Bundestag speeches (train + trial; CC0),
* the Europeana newspapers text (CC0),
* the GermEval 2014 dev sentences of the NER *training* part only (CC BY 4.0):
  the held-out fifth and the early-stopping slice are left out.

Non-commercial corpora (KRAUTS, REDEWIEDERGABE, 10kGNAD, LER's city list) are
not used, so the NER model stays CC BY 4.0. Floret vectors have no word table:
every word, also an unseen one, gets a vector from its character n-grams, and the
table size is fixed (``bucket`` rows x ``dim``), which keeps the model small.

Use::

    from lagebild.vectors import VectorSettings, train_vectors
    train_vectors(out="build/vectors_de")   # spaCy vectors folder (vocab/vectors, ...)

``lagebild train ner`` calls this first (unless given ``--vectors DIR``), and the
vectors are saved inside the NER model (``lagebild/models/ner_de/vocab``).
``lagebild train vectors`` runs this step alone.
"""
from __future__ import annotations

import json
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .errors import DataError


@dataclass
class VectorSettings:
    """floret training parameters (see the floret / fastText documentation)."""

    dim: int = 100            # vector width
    bucket: int = 50000       # rows of the hashed table (size = bucket * dim * 4 bytes)
    minn: int = 3             # character n-gram lengths
    maxn: int = 5
    hash_count: int = 2       # each n-gram/word is stored in this many rows
    epoch: int = 10
    min_count: int = 2
    window: int = 5
    neg: int = 10
    lr: float = 0.05
    model: str = "skipgram"
    threads: int = 2
    seed: int = 0
    ler: bool = True          # include the LER text (1.9M tokens, legal language)


def vector_texts(data_dir: Path, holdout_every: int = 5, dev_every: int = 10,
                 ler: bool = True) -> Iterator[list[str]]:
    """Token lists of the unlabeled training text (see the module docstring).

    Raises DataError (naming the file) when a needed file is missing or malformed.
    """
    from .ner import (ler_tag, read_conll, read_europeana, read_germeval,
                      split_by_position)
    data_dir = Path(data_dir)
    ge = read_germeval(data_dir / "germeval2014" / "NER-de-dev.tsv")
    train, _dev, _hold = split_by_position(ge, holdout_every, dev_every)
    for s in train:
        yield s.words
    spk = sorted((data_dir / "spkatt2023" / "train").glob("*.json")) + \
        sorted((data_dir / "spkatt2023" / "trial").glob("*.json"))
    if not spk:
        raise DataError(f"{data_dir / 'spkatt2023' / 'train'}: no *.json speech files")
    for f in spk:
        try:
            doc = json.loads(f.read_text(encoding="utf-8"))
            sents = [list(x["Tokens"]) for x in doc["Sentences"] if x.get("Tokens")]
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(f"{f}: not a SpkAtt-2023 speech file ({exc})") from None
        yield from sents
    for n in ("lft", "onb", "sbb"):
        for c in read_europeana(data_dir / "europeana_ner_de" / f"enp_DE.{n}.bio"):
            yield c.words
    if ler:
        for name in ("ler_train.conll.xz", "ler_dev.conll.xz"):
            for s in read_conll(data_dir / "ler_legal_ner" / name, ler_tag):
                yield s.words


def write_corpus(texts: Iterable[Sequence[str]], path: Path) -> tuple[int, int]:
    """One sentence per line, tokens separated by one space; returns (lines, tokens)."""
    n_lines = n_tok = 0
    with open(path, "w", encoding="utf-8") as fh:
        for words in texts:
            words = [w.replace(" ", "_") for w in words if w and not w.isspace()]
            if not words:
                continue
            fh.write(" ".join(words) + "\n")
            n_lines += 1
            n_tok += len(words)
    return n_lines, n_tok


def train_floret(corpus: Path, out_file: Path, s: VectorSettings) -> None:
    """Train floret on a corpus file and write the ``.floret`` table (text) to ``out_file``."""
    try:
        import floret
    except ImportError as exc:  # pragma: no cover - floret is a declared dependency
        raise DataError("the floret package is needed to train vectors "
                        "(pip install floret)") from exc
    model = floret.train_unsupervised(
        str(corpus), model=s.model, mode="floret", hashCount=s.hash_count,
        bucket=s.bucket, minn=s.minn, maxn=s.maxn, dim=s.dim, epoch=s.epoch,
        minCount=s.min_count, ws=s.window, neg=s.neg, lr=s.lr, thread=s.threads,
        verbose=0)
    model.save_floret_vectors(str(out_file))


def floret_to_spacy(floret_file: Path, out: Path, s: VectorSettings):
    """Load a ``.floret`` table into a blank German vocab and save it as a spaCy
    pipeline folder (``out``); returns the Vectors object."""
    import numpy
    import spacy
    from spacy.vectors import Vectors
    with open(floret_file, encoding="utf-8") as fh:
        head = fh.readline().split()
        if len(head) != 8:
            raise DataError(f"{floret_file}: not a floret table (header {' '.join(head)[:60]!r}; "
                            "expected: bucket dim minn maxn hash_count hash_seed BOW EOW)")
        rows, dim, minn, maxn, hash_count, hash_seed = (int(x) for x in head[:6])
        table = numpy.zeros((rows, dim), dtype="float32")
        for i, line in enumerate(fh):
            parts = line.rstrip().rsplit(" ", dim)
            if len(parts) != dim + 1 or i >= rows:
                raise DataError(f"{floret_file}:{i + 2}: expected an index and {dim} numbers")
            table[i] = numpy.asarray(parts[1:], dtype="float32")
    vectors = Vectors(data=table, mode="floret", minn=minn, maxn=maxn,
                      hash_count=hash_count, hash_seed=hash_seed, bow=head[6], eow=head[7])
    nlp = spacy.blank("de")
    nlp.vocab.vectors = vectors
    nlp.meta["lagebild_vectors"] = asdict(s)
    Path(out).parent.mkdir(parents=True, exist_ok=True)     # "build/vectors_de" in a fresh checkout
    nlp.to_disk(out)
    return vectors


def train_vectors(data_dir: str | Path | None = None, out: str | Path | None = None,
                  settings: VectorSettings | None = None,
                  log: Callable[[str], None] = print) -> Path:
    """Train the floret vectors and write them as a spaCy folder to ``out``.

    ``out`` defaults to a new temporary folder. Returns the folder.
    """
    from .ner import default_data_dir
    s = settings or VectorSettings()
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if not data_dir.is_dir():
        raise DataError(f"{data_dir}: data folder not found -- pass --data or set LAGEBILD_SHARED")
    out = Path(out) if out else Path(tempfile.mkdtemp(prefix="lagebild_vectors_"))
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="lagebild_floret_") as tmp:
        corpus = Path(tmp) / "corpus.txt"
        n_lines, n_tok = write_corpus(vector_texts(data_dir, ler=s.ler), corpus)
        log(f"vectors: corpus {n_lines} sentences, {n_tok} tokens; training floret "
            f"({s.model}, dim {s.dim}, bucket {s.bucket}, {s.epoch} epochs)")
        table = Path(tmp) / "vectors.floret"
        train_floret(corpus, table, s)
        floret_to_spacy(table, out, s)
    log(f"vectors: written to {out} in {(time.time() - t0) / 60:.1f} min")
    return out


def load_vectors(path: str | Path):
    """The Vectors of a folder written by ``train_vectors`` (DataError if unusable)."""
    import spacy
    p = Path(path)
    try:
        nlp = spacy.load(p)
    except Exception as exc:
        raise DataError(f"{p}: not a vectors folder written by `lagebild train vectors` "
                        f"({type(exc).__name__}: {str(exc)[:120]})") from None
    v = nlp.vocab.vectors
    if v.mode != "floret" or v.shape[0] == 0:
        raise DataError(f"{p}: holds no floret vectors -- rebuild with `lagebild train vectors`")
    return v


class CachedVectors:
    """Memoizing view of a floret ``spacy.vectors.Vectors`` table, for tagging only.

    A floret vector is the mean of the rows of the word's character n-grams, hashed anew
    for every token: about a fifth of the NER model's time. This view computes each
    distinct word's vector once and keeps it (once it holds ``max_words`` words or more, it starts
    a new cache); the vectors are bit-identical to the table's. spaCy's static-vectors
    layer calls ``get_batch`` of any vectors object that is not a plain ``Vectors``
    table, so ``nlp.vocab.vectors = CachedVectors(nlp.vocab.vectors)`` is enough.
    Not for training or saving: keep the wrapped table for that (``.table``).
    """

    def __init__(self, table, max_words: int = 100_000):
        import threading

        import numpy
        self.table = table
        self._lock = threading.Lock()       # one analyzer may tag in several threads (Dask)
        self.max_words = max_words
        self._rows: dict[int, int] = {}
        self._data = numpy.zeros((1024, table.shape[1]), dtype="float32")

    # spaCy's Vocab sets ``vectors.strings``: it goes to the table
    @property
    def strings(self):
        return self.table.strings

    @strings.setter
    def strings(self, value):
        self.table.strings = value

    def __getattr__(self, name):          # everything else read: the table's own (shape, mode, n_keys, ...)
        if name in ("table", "_rows", "_data", "max_words", "_lock"):
            raise AttributeError(name)
        return getattr(self.table, name)

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, key) -> bool:
        return key in self.table

    def __getitem__(self, key):
        return self.table[key]

    def get_batch(self, keys):
        """Vectors of ``keys`` (uint64 string ids), one row per key, as the table gives them."""
        import numpy
        keys = numpy.asarray(keys, dtype="uint64")
        with self._lock:
            return self._get_batch(keys)

    def _get_batch(self, keys):
        import numpy
        uniq, inverse = numpy.unique(keys, return_inverse=True)
        rows = self._rows
        if len(rows) >= self.max_words:      # bounded memory on endless streams
            rows.clear()
        idx = numpy.empty(len(uniq), dtype="int64")
        missing = []
        for i, k in enumerate(uniq.tolist()):
            r = rows.get(k)
            if r is None:
                missing.append(i)
            else:
                idx[i] = r
        if missing:
            fresh = numpy.asarray(self.table.get_batch(uniq[missing]))
            start = len(rows)
            need = start + len(missing)
            if need > len(self._data):
                grown = numpy.zeros((max(need, 2 * len(self._data)), self._data.shape[1]),
                                    dtype="float32")
                grown[:start] = self._data[:start]
                self._data = grown
            self._data[start:need] = fresh
            for j, i in enumerate(missing):
                rows[int(uniq[i])] = start + j
                idx[i] = start + j
        return self._data[idx[inverse]]
